// 案件 (console): cases of the jurisdiction (inspectors: their own) with state, assignee, deadline and a
// red tag on overdue ones; cases transferred to the jurisdiction wait above the list.

import { Alert, Button, Card, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { DeadlineSettingsButton } from './deadline-settings.js';
import { CASE_STATE_LABELS, enforcementApi, type CaseRow } from './enforcement-api.js';

export function DeadlineCell({ deadline, overdue }: { deadline: string | null; overdue: boolean }) {
  if (!deadline) return <>—</>;
  return overdue ? (
    <Tag color="red" className="case-overdue">
      超期（{formatDate(deadline)}）
    </Tag>
  ) : (
    <>{formatDate(deadline)}</>
  );
}

export function CasesPage() {
  const navigate = useNavigate();
  const [state, setState] = useState<string>('active');
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const list = useRemote(() => enforcementApi.cases({ state, overdue: overdue ? 'true' : undefined, assignee: mine ? 'me' : undefined, page, pageSize: 20 }), [state, overdue, mine, page]);
  const summary = useRemote(() => enforcementApi.summary(), []);

  return (
    <>
      <PageHeader title="案件" description="立案 → 调查取证 → 告知 → 决定 → 执行 → 结案；每个阶段有办案期限，超期案件标红" />
      {!!summary.data?.incomingTransfers && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`有 ${summary.data.incomingTransfers} 件移送给本辖区的案件待接收，请打开案件处理`} />
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="状态"
            style={{ width: 140 }}
            value={state}
            onChange={(v: string) => (setState(v), setPage(1))}
            options={[{ value: 'active', label: '在办案件' }, { value: '', label: '全部状态' }, ...Object.entries(CASE_STATE_LABELS).map(([value, label]) => ({ value, label }))]}
          />
          <Space>
            <Switch aria-label="只看超期" checked={overdue} onChange={(v) => (setOverdue(v), setPage(1))} />
            只看超期{summary.data ? `（${summary.data.overdue}）` : ''}
          </Space>
          <Space>
            <Switch aria-label="只看我承办的" checked={mine} onChange={(v) => (setMine(v), setPage(1))} />
            只看我承办的
          </Space>
          <Button onClick={() => (list.reload(), summary.reload())}>刷新</Button>
          <DeadlineSettingsButton onSaved={() => (list.reload(), summary.reload())} />
        </Space>
        <Table<CaseRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          onRow={(c) => ({ onClick: () => navigate(`/console/cases/${c.id}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '案件编号', dataIndex: 'case_no', width: 150 },
            { title: '案件名称', dataIndex: 'title', ellipsis: true },
            { title: '地区', dataIndex: 'region_name', width: 140 },
            { title: '状态', dataIndex: 'state_label', width: 110, render: (v: string) => <Tag color="blue">{v}</Tag> },
            { title: '承办人', dataIndex: 'assignee_name', width: 120, render: (v: string | null) => v ?? <Tag color="orange">未指派</Tag> },
            { title: '立案时间', dataIndex: 'filed_at', width: 170, render: formatDateTime },
            { title: '阶段期限', width: 170, render: (_, c) => <DeadlineCell deadline={c.deadline} overdue={c.overdue} /> },
          ]}
        />
      </Card>
    </>
  );
}
