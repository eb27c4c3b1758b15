import { Alert, Space } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type ImportJob } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { useRemote } from '../../lib/use-remote.js';
import { JobCard } from './job-card.js';
import { RecentJobs } from './recent-jobs.js';
import { UploadForm } from './upload-form.js';
import { useImportJob } from './use-import-job.js';

/** Upload, follow the job until it settles, read its report; `?job=` keeps the job on reload. */
export function ImportPage() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [started, setStarted] = useState<ImportJob | null>(null);
  const recent = useRemote(() => api.listImports(), []);
  const reloadRecent = recent.reload;

  const selectJob = useCallback(
    (id: string) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('job', id);
        return next;
      }),
    [setParams],
  );

  const { job, missing } = useImportJob(jobId, started, reloadRecent);

  const onStarted = (created: ImportJob) => {
    setStarted(created);
    selectJob(created.id);
    reloadRecent();
  };

  return (
    <>
      <PageHeader
        title="数据导入"
        description="导入企业、证书、项目人员、社保、变更、培训、考试等数据文件（格式见《数据交换规范》）"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <UploadForm onStarted={onStarted} />
        {missing && <Alert type="warning" showIcon message="该导入任务不存在或已被清理" />}
        {job && <JobCard job={job} />}
        <RecentJobs
          jobs={recent.data?.items ?? []}
          loading={recent.loading}
          selectedId={jobId}
          onSelect={selectJob}
          onRefresh={reloadRecent}
        />
      </Space>
    </>
  );
}
