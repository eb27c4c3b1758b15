import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ROLE_LABELS, isRole } from '../../../../server/access/roles.js';
import { ACTION_FAMILIES } from '../../../../server/audit/audit-actions.js';
import type { Query } from '../../api.js';
import { ExportButton } from '../../components/export-button.js';
import { FilterBar } from '../../components/filter-bar.js';
import { PageHeader } from '../../components/page-header.js';
import { SearchBox } from '../../components/search-box.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useListParams } from '../../lib/use-list-params.js';
import { useRemote } from '../../lib/use-remote.js';
import { useReportError } from '../../lib/use-report-error.js';
import { auditApi, type AuditCheck, type AuditEntry } from './audit-api.js';
import { listPagination } from '../../components/list-pagination.js';

const FILTERS = ['from', 'to', 'actor', 'action', 'objectType', 'objectId'] as const;

const roleLabel = (role: string | null) => (role && isRole(role) ? ROLE_LABELS[role] : (role ?? ''));

function detailsText(details: Record<string, unknown>): string {
  return Object.keys(details).length === 0 ? '' : JSON.stringify(details);
}

const COLUMNS: TableColumnsType<AuditEntry> = [
  { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
  { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  {
    title: '操作人',
    dataIndex: 'actorName',
    width: 200,
    render: (name: string | null, e) =>
      name ? (
        <span>
          {name}
          {e.actorRole && <Typography.Text type="secondary">（{roleLabel(e.actorRole)}）</Typography.Text>}
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    width: 160,
    render: (label: string, e) => (
      <Tooltip title={e.action}>
        <span>{label}</span>
      </Tooltip>
    ),
  },
  {
    title: '对象',
    dataIndex: 'objectId',
    width: 220,
    render: (id: string | null, e) => (e.objectType || id ? <span className="mono">{[e.objectType, id].filter(Boolean).join(' · ')}</span> : '—'),
  },
  { title: '辖区', dataIndex: 'regionName', width: 120, render: (n: string | null, e) => n ?? e.region ?? '—' },
  {
    title: '详情',
    dataIndex: 'details',
    render: (d: Record<string, unknown>) => {
      const text = detailsText(d);
      return text ? (
        <Typography.Text className="mono" ellipsis={{ tooltip: text }} style={{ maxWidth: 360 }}>
          {text}
        </Typography.Text>
      ) : (
        '—'
      );
    },
  },
];

function CheckResult({ check }: { check: AuditCheck }) {
  const at = formatDateTime(check.checkedAt);
  if (check.ok)
    return (
      <Alert
        type="success"
        showIcon
        message={`审计日志完整：共校验 ${formatNumber(check.entries)} 条记录，哈希链无断裂`}
        description={`校验时间 ${at}`}
        style={{ marginBottom: 16 }}
      />
    );
  const b = check.firstBreak!;
  const entry = b.entry ? `（${b.entry.seq === b.seq ? '' : `缺口之后的第 ${b.entry.seq} 条，`}时间 ${formatDateTime(b.entry.at)}，操作 ${b.entry.action}）` : '';
  return (
    <Alert
      type="error"
      showIcon
      message={`审计日志不完整：第 ${b.seq} 条记录处断裂`}
      description={`第 ${b.seq} 条记录${entry}：${b.reason}。已校验 ${formatNumber(check.entries)} 条，校验时间 ${at}。请立即报告系统管理员和安全负责人。`}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 审计日志: auditors browse, filter and export the log of their jurisdiction and check its integrity. */
export function AuditPage() {
  const reportError = useReportError();
  const list = useListParams(FILTERS);
  const { filters, page, pageSize } = list;
  const query: Query = { ...filters, page, pageSize };
  const result = useRemote(() => auditApi.entries(query), [JSON.stringify(query)]);
  const actions = useRemote(() => auditApi.actions(), []);
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [checking, setChecking] = useState(false);

  const runCheck = async () => {
    setChecking(true);
    try {
      setCheck(await auditApi.verify());
    } catch (err) {
      reportError(err);
    } finally {
      setChecking(false);
    }
  };

  const families = [...new Set((actions.data?.items ?? []).map((a) => a.action.split('.')[0]!))];
  const actionOptions = [
    ...families.map((f) => ({ value: `${f}.`, label: `${ACTION_FAMILIES[f] ?? f}（全部）` })),
    ...(actions.data?.items ?? []).map((a) => ({ value: a.action, label: a.label === a.action ? a.action : `${a.label}（${a.action}）` })),
  ];
  const range: [Dayjs | null, Dayjs | null] = [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null];

  return (
    <>
      <PageHeader
        title="审计日志"
        description="本辖区的登录、个人信息查看、导出和每一次状态变更；记录以哈希链前后相连，任何修改、删除、插入或调换都能被校验发现。"
        extra={
          <Button icon={<SafetyOutlined />} onClick={runCheck} loading={checking}>
            校验完整性
          </Button>
        }
      />
      {check && <CheckResult check={check} />}
      <Card>
        <FilterBar onReset={list.reset} extra={<ExportButton url={auditApi.exportUrl(filters)} fileName="审计日志.xlsx" />}>
          <DatePicker.RangePicker
            value={range}
            allowEmpty={[true, true]}
            onChange={(v) => list.setFilters({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })}
            placeholder={['起始日期', '截止日期']}
            aria-label="日期范围"
          />
          <SearchBox value={filters.actor} onSearch={(actor) => list.setFilters({ actor })} placeholder="操作人用户名" width={220} />
          <Select
            value={filters.action || undefined}
            onChange={(v?: string) => list.setFilters({ action: v ?? '' })}
            options={actionOptions}
            placeholder="操作"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            aria-label="操作"
          />
          <Input
            key={`type-${filters.objectType}`}
            defaultValue={filters.objectType}
            onPressEnter={(e) => list.setFilters({ objectType: e.currentTarget.value.trim() })}
            onBlur={(e) => e.currentTarget.value.trim() !== filters.objectType && list.setFilters({ objectType: e.currentTarget.value.trim() })}
            placeholder="对象类型"
            allowClear
            style={{ width: 130 }}
            aria-label="对象类型"
          />
          <SearchBox value={filters.objectId} onSearch={(objectId) => list.setFilters({ objectId })} placeholder="对象编号" width={220} />
        </FilterBar>
        <Table<AuditEntry>
          rowKey="seq"
          columns={COLUMNS}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          size="middle"
          scroll={{ x: 1200 }}
          locale={{ emptyText: Object.values(filters).some(Boolean) ? '没有符合条件的审计记录' : '暂无审计记录' }}
          pagination={listPagination({ page, pageSize, total: result.data?.total ?? 0, unit: '条记录', onChange: list.setPage })}
        />
      </Card>
    </>
  );
}
