import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, download, type ImportJob } from '../../api.js';
import { ImportStatusTag } from '../../components/import-status-tag.js';
import { formatDateTime } from '../../lib/format.js';
import { useReportError } from '../../lib/use-report-error.js';
import { ImportReportView } from './import-report-view.js';
import { jobPercent, progressText } from './progress.js';
import { isActive } from './use-import-job.js';

export function JobCard({ job }: { job: ImportJob }) {
  const reportError = useReportError();
  const [downloading, setDownloading] = useState(false);
  const active = isActive(job);

  const downloadReport = async () => {
    setDownloading(true);
    try {
      await download(api.importReportUrl(job.id), `导入报告-${job.id}.xlsx`);
    } catch (err) {
      reportError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card
      className="job-card"
      data-job-id={job.id}
      data-status={job.status}
      title={
        <Space>
          导入任务
          <ImportStatusTag status={job.status} />
        </Space>
      }
      extra={
        job.report && (
          <Button icon={<DownloadOutlined />} onClick={downloadReport} loading={downloading}>
            下载报告（Excel）
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} className="job-meta">
        <Descriptions.Item label="提交时间">{formatDateTime(job.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="完成时间">{active ? '—' : formatDateTime(job.finishedAt)}</Descriptions.Item>
        <Descriptions.Item label="文件">{job.fileNames.join('、')}</Descriptions.Item>
      </Descriptions>
      {active && (
        <div className="job-progress" data-testid="import-progress">
          <Progress percent={jobPercent(job)} status="active" />
          <Typography.Text type="secondary">{progressText(job)}</Typography.Text>
        </div>
      )}
      {job.status === 'failed' && (
        <Alert type="error" showIcon message="导入失败" description={job.error ?? '服务器处理导入时出错，请稍后重试'} />
      )}
      {job.report && <ImportReportView report={job.report} />}
    </Card>
  );
}
