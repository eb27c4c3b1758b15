import { RadarChartOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ScreeningRun } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { StartRunModal } from './start-run-modal.js';
import { progressPercent, progressText, RUN_STATUS } from './screening-labels.js';
import { useScreeningRuns } from './use-screening-runs.js';
import './screening.css';

export const runPath = (id: string): string => `/console/screening/${encodeURIComponent(id)}`;

export function RunStatus({ run }: { run: ScreeningRun }) {
  const status = RUN_STATUS[run.status] ?? { text: run.status, color: 'default' };
  if (run.status === 'queued' || run.status === 'running') {
    return (
      <div className="run-progress" data-testid="run-progress">
        <Tag color={status.color}>{status.text}</Tag>
        <Progress percent={progressPercent(run)} size="small" status="active" showInfo={false} />
        <Typography.Text type="secondary" className="small">
          {progressText(run)}
        </Typography.Text>
      </div>
    );
  }
  if (run.status === 'failed') {
    return (
      <Tooltip title={run.error ?? '筛查失败'}>
        <Tag color={status.color}>{status.text}</Tag>
      </Tooltip>
    );
  }
  return <Tag color={status.color}>{status.text}</Tag>;
}

const count = (n: number | null, danger = false) =>
  n === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : danger && n > 0 ? (
    <Typography.Text type="danger">{formatNumber(n)}</Typography.Text>
  ) : (
    formatNumber(n)
  );

const COLUMNS: TableColumnsType<ScreeningRun> = [
  {
    title: '评估日期',
    dataIndex: 'asOf',
    width: 120,
    render: (d: string, run) =>
      run.status === 'succeeded' ? (
        <Link to={runPath(run.id)} onClick={(e) => e.stopPropagation()}>
          {d}
        </Link>
      ) : (
        d
      ),
  },
  { title: '发起时间', dataIndex: 'createdAt', width: 180, render: formatDateTime },
  {
    title: '规则',
    dataIndex: 'rules',
    width: 90,
    render: (rules: string[]) =>
      rules.length === 14 ? (
        '全部 14 条'
      ) : (
        <Tooltip title={rules.join('、')}>
          <span>{rules.length} 条</span>
        </Tooltip>
      ),
  },
  { title: '状态', key: 'status', width: 300, render: (_, run) => <RunStatus run={run} /> },
  { title: '命中数', dataIndex: 'hitCount', width: 100, align: 'right', render: (n: number | null) => count(n) },
  {
    title: '新增',
    dataIndex: 'newCount',
    width: 90,
    align: 'right',
    render: (n: number | null, run) => (run.previousRunId ? count(n, true) : count(n)),
  },
  { title: '消失', dataIndex: 'goneCount', width: 90, align: 'right', render: (n: number | null) => count(n) },
  {
    title: '操作',
    key: 'action',
    width: 100,
    render: (_, run) =>
      run.status === 'succeeded' ? (
        <Link to={runPath(run.id)} onClick={(e) => e.stopPropagation()}>
          查看结果
        </Link>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
];

/** 大数据筛查: the screening runs, newest first; a run in progress is followed live. */
export function ScreeningRunsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { runs, loading, reload } = useScreeningRuns();
  const [starting, setStarting] = useState(false);

  const onStarted = (run: ScreeningRun) => {
    setStarting(false);
    void message.success(`筛查已开始（评估日期 ${run.asOf}），完成后可查看结果`);
    reload();
  };

  return (
    <>
      <PageHeader
        title="大数据筛查"
        description="按 14 条比对规则，对已导入的证书、项目人员、社保、变更、培训、考试数据进行交叉比对，发现假证、挂证、借证和违规发证"
        extra={
          <Button type="primary" icon={<RadarChartOutlined />} onClick={() => setStarting(true)}>
            发起筛查
          </Button>
        }
      />
      <Card title="筛查记录" className="screening-runs">
        <Table<ScreeningRun>
          rowKey="id"
          size="middle"
          columns={COLUMNS}
          dataSource={runs}
          loading={loading}
          rowClassName={(run) => (run.status === 'succeeded' ? 'clickable-row' : '')}
          onRow={(run) => ({
            'data-run-id': run.id,
            'data-status': run.status,
            onClick: () => run.status === 'succeeded' && navigate(runPath(run.id)),
          })}
          locale={{ emptyText: '暂无筛查记录，点击右上角“发起筛查”开始' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1000 }}
        />
        <Typography.Paragraph type="secondary" className="small runs-note">
          “新增”“消失”与上一次完成的筛查相比；已排除的命中在证据未变化时不会再次出现在待研判列表中。
        </Typography.Paragraph>
      </Card>
      <StartRunModal open={starting} onClose={() => setStarting(false)} onStarted={onStarted} />
    </>
  );
}
