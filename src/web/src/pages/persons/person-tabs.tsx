import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ChangeEntry, ExamEntry, InsuranceEntry, StaffingEntry, TrainingEntry } from '../../api.js';
import { formatDate, formatDateTime, formatNumber, monthRanges } from '../../lib/format.js';
import { regionName, useRegions } from '../../lib/regions.js';

// The five record tabs of a person's details, one small table each.

const muted = (text = '—') => <Typography.Text type="secondary">{text}</Typography.Text>;
const code = (value: string | null) => (value ? <span className="mono">{value}</span> : muted());

function SmallTable<T extends object>({
  rows,
  columns,
  empty,
  rowKey,
}: {
  rows: T[];
  columns: TableColumnsType<T>;
  empty: string;
  rowKey: (row: T, index?: number) => string;
}) {
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      locale={{ emptyText: empty }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
    />
  );
}

export function StaffingTable({ rows }: { rows: StaffingEntry[] }) {
  const regions = useRegions();
  const columns: TableColumnsType<StaffingEntry> = [
    { title: '项目编号', dataIndex: 'project_no', render: code },
    { title: '项目名称', dataIndex: 'project_name', render: (n: string | null) => n ?? muted() },
    { title: '项目地区', dataIndex: 'project_region', render: (r: string | null) => regionName(regions, r) },
    { title: '施工单位信用代码', dataIndex: 'contractor_uscc', render: code },
    { title: '岗位', dataIndex: 'role', render: (r: string | null) => r ?? muted() },
    { title: '证书编号', dataIndex: 'cert_no', render: code },
    { title: '进场日期', dataIndex: 'start', render: formatDate },
    {
      title: '离场日期',
      dataIndex: 'end',
      render: (d: string | null) => (d ? formatDate(d) : <Tag color="blue">在岗</Tag>),
    },
  ];
  return (
    <SmallTable
      rows={rows}
      columns={columns}
      empty="无项目任职记录"
      rowKey={(r) => `${r.project_no}|${r.cert_no ?? ''}|${r.start ?? ''}`}
    />
  );
}

interface InsuranceGroup {
  employer_uscc: string;
  months: string[];
}

export function InsuranceTable({ rows }: { rows: InsuranceEntry[] }) {
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.employer_uscc, [...(groups.get(r.employer_uscc) ?? []), r.month]);
  const data: InsuranceGroup[] = [...groups].map(([employer_uscc, months]) => ({ employer_uscc, months }));
  const columns: TableColumnsType<InsuranceGroup> = [
    { title: '参保单位信用代码', dataIndex: 'employer_uscc', render: code, width: 200 },
    { title: '月数', key: 'count', width: 70, align: 'right', render: (_, g) => formatNumber(new Set(g.months).size) },
    {
      title: '缴费年月',
      key: 'months',
      render: (_, g) => (
        <span className="tag-group">
          {monthRanges(g.months).map((range) => (
            <Tag key={range}>{range}</Tag>
          ))}
        </span>
      ),
    },
  ];
  return <SmallTable rows={data} columns={columns} empty="无社保参保记录" rowKey={(g) => g.employer_uscc} />;
}

export function ChangesTable({ rows }: { rows: ChangeEntry[] }) {
  const columns: TableColumnsType<ChangeEntry> = [
    { title: '证书编号', dataIndex: 'cert_no', render: code },
    { title: '原聘用单位信用代码', dataIndex: 'from_uscc', render: code },
    { title: '新聘用单位信用代码', dataIndex: 'to_uscc', render: code },
    { title: '变更日期', dataIndex: 'date', render: formatDate },
  ];
  return (
    <SmallTable
      rows={rows}
      columns={columns}
      empty="无变更记录"
      rowKey={(r) => `${r.cert_no}|${r.date}|${r.to_uscc ?? ''}`}
    />
  );
}

export function TrainingTable({ rows }: { rows: TrainingEntry[] }) {
  const columns: TableColumnsType<TrainingEntry> = [
    { title: '班级编号', dataIndex: 'class_no', render: code },
    { title: '培训机构信用代码', dataIndex: 'institution_uscc', render: code },
    { title: '类别', dataIndex: 'category', render: (c: string | null) => (c === 'JX' ? '继续教育' : (c ?? muted())) },
    { title: '开始时间', dataIndex: 'start', render: formatDateTime },
    { title: '结束时间', dataIndex: 'end', render: formatDateTime },
    { title: '学时', dataIndex: 'hours', align: 'right', render: (h: number | null) => (h === null ? muted() : h) },
  ];
  return (
    <SmallTable rows={rows} columns={columns} empty="无培训记录" rowKey={(r) => `${r.class_no}|${r.start ?? ''}`} />
  );
}

export function ExamsTable({ rows }: { rows: ExamEntry[] }) {
  const columns: TableColumnsType<ExamEntry> = [
    { title: '场次编号', dataIndex: 'sitting_no', render: code },
    { title: '考点编号', dataIndex: 'site_no', render: code },
    { title: '类别', dataIndex: 'category', render: (c: string | null) => c ?? muted() },
    { title: '开考时间', dataIndex: 'start', render: formatDateTime },
    { title: '交卷时间', dataIndex: 'submitted', render: formatDateTime },
    { title: '成绩', dataIndex: 'score', align: 'right', render: (s: number | null) => (s === null ? muted() : s) },
    {
      title: '是否合格',
      dataIndex: 'passed',
      render: (p: boolean | null) =>
        p === null ? muted() : p ? <Tag color="success">合格</Tag> : <Tag color="error">不合格</Tag>,
    },
  ];
  return <SmallTable rows={rows} columns={columns} empty="无考试记录" rowKey={(r) => r.sitting_no} />;
}
