import { Alert, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ImportFileReport, ImportReport, RejectedRow } from '../../api.js';
import { kindLabel } from '../../labels.js';
import { formatNumber } from '../../lib/format.js';

const count = (title: string, key: keyof ImportFileReport) => ({
  title,
  dataIndex: key,
  align: 'right' as const,
  width: 90,
  render: (n: number) => formatNumber(n),
});

const FILE_COLUMNS: TableColumnsType<ImportFileReport> = [
  {
    title: '文件',
    dataIndex: 'file',
    width: 220,
    render: (f: string) => <Typography.Text strong>{f}</Typography.Text>,
  },
  { title: '类型', dataIndex: 'kind', width: 120, render: (k: string | null) => kindLabel(k) },
  count('读取', 'read'),
  count('新增', 'inserted'),
  count('更新', 'updated'),
  count('未变', 'unchanged'),
  {
    ...count('拒绝', 'rejectedCount'),
    render: (n: number) => (n > 0 ? <Typography.Text type="danger">{formatNumber(n)}</Typography.Text> : 0),
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 110,
    render: (s: ImportFileReport['status']) =>
      s === 'imported' ? <Tag color="success">已导入</Tag> : <Tag color="error">已拒绝</Tag>,
  },
  {
    title: '说明',
    dataIndex: 'message',
    render: (m: string | null, f) => m ?? (f.status === 'imported' ? '全部写入' : '—'),
  },
];

const REJECTED_COLUMNS: TableColumnsType<RejectedRow> = [
  { title: '行号', dataIndex: 'row', width: 90, align: 'right' },
  { title: '列', dataIndex: 'column', width: 200, render: (c: string) => c || '—' },
  { title: '原因', dataIndex: 'reason' },
];

/** The per-file result of an import, followed by the rows each rejected file could not take. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const rejectedFiles = report.files.filter((f) => f.status === 'rejected');
  const inserted = report.files.reduce((n, f) => n + f.inserted, 0);
  const updated = report.files.reduce((n, f) => n + f.updated, 0);
  return (
    <div className="import-report" data-testid="import-report">
      {rejectedFiles.length === 0 ? (
        <Alert
          type="success"
          showIcon
          message={`导入完成：${report.files.length} 个文件全部导入，新增 ${formatNumber(inserted)} 行，更新 ${formatNumber(updated)} 行`}
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          message={`${rejectedFiles.length} 个文件未导入`}
          description="被拒绝的文件没有写入任何数据。请按下方列出的行号和原因修正后重新导入；已导入的文件再次导入不会产生重复数据。"
        />
      )}
      <Table<ImportFileReport>
        className="import-files-table"
        size="middle"
        rowKey={(f) => f.file}
        columns={FILE_COLUMNS}
        dataSource={report.files}
        pagination={false}
        scroll={{ x: 900 }}
      />
      {report.files
        .filter((f) => f.rejected.length > 0)
        .map((f) => (
          <div key={f.file} className="rejected-rows">
            <Typography.Title level={5}>
              {f.file} · 被拒绝的行
              <Typography.Text type="secondary" className="rejected-count">
                {f.rejectedCount > f.rejected.length
                  ? `共 ${formatNumber(f.rejectedCount)} 行，列出前 ${formatNumber(f.rejected.length)} 条，完整清单请下载报告`
                  : `共 ${formatNumber(f.rejectedCount)} 行`}
              </Typography.Text>
            </Typography.Title>
            <Table<RejectedRow>
              size="small"
              rowKey={(r) => `${r.row}:${r.column}:${r.reason}`}
              columns={REJECTED_COLUMNS}
              dataSource={f.rejected}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </div>
        ))}
    </div>
  );
}
