// 举报处理 (console): tips of the jurisdiction with their deadlines; hotline entry; a tip's detail with
// messages, closing, rewards and the (logged) reveal of a named reporter.

import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/page-header.js';
import { useRemote } from '../../lib/use-remote.js';
import { TipDrawer } from './tip-drawer.js';
import { cleanForm, TipFields } from './tip-fields.js';
import { STAFF_CHANNELS, tipsApi, type StaffTip, type SubmittedTip, type TipForm } from './tips-api.js';
import './tips.css';

const STATUS_OPTIONS = [
  { value: 'received', label: '已受理' },
  { value: 'handling', label: '办理中' },
  { value: 'closed', label: '已办结' },
];

export function DeadlineTag({ tip }: { tip: StaffTip }) {
  if (tip.overdue) return <Tag color="red">逾期 {-(tip.daysLeft ?? 0)} 天</Tag>;
  if (tip.feedbackOverdue) return <Tag color="red">反馈逾期</Tag>;
  if (tip.status === 'closed') return tip.feedbackAt ? <Tag color="green">已反馈</Tag> : <Tag color="orange">待反馈（{tip.feedbackDue} 前）</Tag>;
  return <Tag color={(tip.daysLeft ?? 99) <= 10 ? 'orange' : 'default'}>剩 {tip.daysLeft} 天</Tag>;
}

export function TipsPage() {
  const [status, setStatus] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [entering, setEntering] = useState(false);
  const list = useRemote(() => tipsApi.list({ status, overdue: overdue ? 'true' : undefined, page, pageSize: 20 }), [status, overdue, page]);

  return (
    <>
      <PageHeader
        title="举报处理"
        description="本辖区的网上举报和热线举报：受理之日起 60 日内办结，办结后 10 日内反馈举报人"
        extra={
          <Button type="primary" icon={<PhoneOutlined />} onClick={() => setEntering(true)}>
            录入热线举报
          </Button>
        }
      />
      <Card>
        <Space wrap className="tips-filters" style={{ marginBottom: 16 }}>
          <Select
            aria-label="状态"
            placeholder="状态"
            allowClear
            style={{ width: 120 }}
            options={STATUS_OPTIONS}
            value={status}
            onChange={(v?: string) => {
              setStatus(v);
              setPage(1);
            }}
          />
          <Space>
            <Switch
              aria-label="只看逾期"
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
                setPage(1);
              }}
            />
            只看逾期
          </Space>
        </Space>
        <Table<StaffTip>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          rowClassName={(t) => (t.overdue || t.feedbackOverdue ? 'tip-row-overdue' : '')}
          onRow={(t) => ({ onClick: () => setOpen(t.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '受理时间', dataIndex: 'receivedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            { title: '渠道', dataIndex: 'channelLabel' },
            { title: '类别', dataIndex: 'category' },
            { title: '办理地区', dataIndex: 'regionName' },
            {
              title: '被举报对象',
              render: (_, t) => (
                <Space size={4} wrap>
                  {[t.subjectCertNo, t.subjectPersonName, t.subjectEnterprise, t.subjectUrl].filter(Boolean).join(' / ') || '—'}
                  {t.lookalike?.verdict === 'lookalike' && <Tag color="red">疑似仿冒</Tag>}
                </Space>
              ),
            },
            { title: '状态', dataIndex: 'statusText' },
            { title: '期限', render: (_, t) => <DeadlineTag tip={t} /> },
          ]}
        />
      </Card>
      {open && <TipDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
      {entering && (
        <HotlineModal
          onClose={(changed) => {
            setEntering(false);
            if (changed) list.reload();
          }}
        />
      )}
    </>
  );
}

function HotlineModal({ onClose }: { onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<TipForm & { receivedAtDay?: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SubmittedTip | null>(null);

  const submit = async () => {
    const { receivedAtDay, ...values } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      setDone(await tipsApi.enter(cleanForm({ ...values, receivedAt: receivedAtDay?.toISOString() })));
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Modal open title="热线举报已登记" onCancel={() => onClose(true)} footer={<Button onClick={() => onClose(true)}>关闭</Button>}>
        <Typography.Paragraph>请告知来电人查询码（如来电人设置了查询密码，可凭二者在网上查询进度）：</Typography.Paragraph>
        <div className="tracking-code" data-testid="tracking-code">
          {done.trackingCode}
        </div>
        <Typography.Paragraph>
          办理单位：{done.handlingUnit}；办理期限：{done.dueDate}。
        </Typography.Paragraph>
      </Modal>
    );

  return (
    <Modal open title="录入热线举报" width={640} onCancel={() => onClose(false)} onOk={submit} okText="登记" confirmLoading={busy} destroyOnClose>
      <Form form={form} name="hotline-tip" layout="vertical">
        <Form.Item name="channel" label="举报渠道" rules={[{ required: true, message: '请选择举报渠道' }]}>
          <Select options={STAFF_CHANNELS.map((c) => ({ value: c.value, label: c.label }))} />
        </Form.Item>
        <Form.Item name="receivedAtDay" label="来电/收件时间" extra="默认为现在">
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <TipFields />
        <Form.Item name="pin" label="来电人设置的查询密码（可选）" rules={[{ pattern: /^\d{6,12}$/, message: '应为 6 至 12 位数字' }]}>
          <Input.Password maxLength={12} autoComplete="off" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
