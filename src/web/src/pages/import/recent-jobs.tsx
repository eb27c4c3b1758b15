import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import type { ImportJob } from '../../api.js';
import { ImportStatusTag } from '../../components/import-status-tag.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';

function summary(job: ImportJob): string {
  if (!job.report) return job.error ?? '—';
  const files = job.report.files;
  const rejected = files.filter((f) => f.status === 'rejected').length;
  const inserted = files.reduce((n, f) => n + f.inserted, 0);
  const updated = files.reduce((n, f) => n + f.updated, 0);
  const text = `新增 ${formatNumber(inserted)}，更新 ${formatNumber(updated)}`;
  return rejected > 0 ? `${text}；${rejected} 个文件被拒绝` : text;
}

export function RecentJobs({
  jobs,
  loading,
  selectedId,
  onSelect,
  onRefresh,
}: {
  jobs: ImportJob[];
  loading: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onRefresh: () => void;
}) {
  const columns: TableColumnsType<ImportJob> = [
    { title: '提交时间', dataIndex: 'createdAt', width: 180, render: formatDateTime },
    {
      title: '文件',
      dataIndex: 'fileNames',
      render: (names: string[]) => (
        <Typography.Text ellipsis={{ tooltip: names.join('、') }} style={{ maxWidth: 360 }}>
          {names.join('、')}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: ImportJob['status']) => <ImportStatusTag status={s} />,
    },
    { title: '结果', key: 'summary', render: (_, job) => summary(job) },
    {
      title: '操作',
      key: 'action',
      width: 100,
      render: (_, job) => (
        <Button type="link" size="small" onClick={() => onSelect(job.id)} disabled={job.id === selectedId}>
          {job.id === selectedId ? '正在查看' : '查看报告'}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title="最近的导入任务"
      className="recent-jobs"
      extra={
        <Button size="small" onClick={onRefresh}>
          刷新
        </Button>
      }
    >
      <Table<ImportJob>
        size="middle"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={jobs}
        locale={{ emptyText: '暂无导入记录' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        rowClassName={(job) => (job.id === selectedId ? 'row-selected' : '')}
        scroll={{ x: 800 }}
      />
    </Card>
  );
}
