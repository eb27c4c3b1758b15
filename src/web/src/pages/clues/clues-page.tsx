// 线索 (console): clues of the jurisdiction with filters by source, status and region; manual entry.

import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header.js';
import { RegionSelect } from '../../components/region-select.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { LookalikeBadge } from './lookalike-badge.js';
import { CLUE_SOURCE_LABELS, CLUE_STATUS_LABELS, enforcementApi, SUBJECT_KIND_LABELS, SUBJECT_KINDS, type ClueRow } from '../cases/enforcement-api.js';

const STATUS_COLOR: Record<string, string> = { open: 'blue', case: 'orange', closed: 'green', dismissed: 'default' };
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function CluesPage() {
  const navigate = useNavigate();
  const [source, setSource] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [region, setRegion] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [entering, setEntering] = useState(false);
  const list = useRemote(() => enforcementApi.clues({ source, status, region, q, page, pageSize: 20 }), [source, status, region, q, page]);
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="线索"
        description="本辖区的线索：大数据筛查、群众举报、现场检查、核验异常和人工录入；同一对象的未办结线索自动合并"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>
            录入线索
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select aria-label="来源" placeholder="来源" allowClear style={{ width: 130 }} options={options(CLUE_SOURCE_LABELS)} value={source} onChange={reset(setSource)} />
          <Select aria-label="状态" placeholder="状态" allowClear style={{ width: 120 }} options={options(CLUE_STATUS_LABELS)} value={status} onChange={reset(setStatus)} />
          <RegionSelect value={region} onChange={reset(setRegion)} />
          <Input.Search aria-label="搜索线索" placeholder="摘要或对象（证书编号、信用代码、网址）" allowClear style={{ width: 300 }} onSearch={reset(setQ)} />
        </Space>
        <Table<ClueRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          onRow={(c) => ({ onClick: () => navigate(`/console/clues/${c.id}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '登记时间', dataIndex: 'created_at', render: formatDateTime, width: 170 },
            { title: '来源', dataIndex: 'source_label', width: 100 },
            { title: '对象', dataIndex: 'subject' },
            {
              title: '摘要',
              dataIndex: 'summary',
              ellipsis: true,
              render: (text: string, c) => (
                <>
                  <LookalikeBadge tag={c.lookalike} />
                  {text}
                </>
              ),
            },
            { title: '地区', dataIndex: 'region_name', width: 140 },
            { title: '报告', dataIndex: 'report_count', width: 70, render: (n: number) => (n > 1 ? <Tag color="purple">{n} 条</Tag> : n) },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: string, c) => <Tag color={STATUS_COLOR[s]}>{c.status_label}</Tag> },
          ]}
        />
      </Card>
      {entering && (
        <NewClueModal
          onClose={(id) => {
            setEntering(false);
            if (id) navigate(`/console/clues/${id}`);
          }}
        />
      )}
    </>
  );
}

interface NewClueForm {
  kind: string;
  value: string;
  summary: string;
  region?: string;
  note?: string;
}

function NewClueModal({ onClose }: { onClose: (id?: string) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<NewClueForm>();
  const [saving, setSaving] = useState(false);
  async function submit(v: NewClueForm) {
    setSaving(true);
    try {
      const r = await enforcementApi.newClue({ subjects: [{ kind: v.kind, value: v.value }], summary: v.summary, region: v.region || undefined, note: v.note });
      message.success(r.created ? `已登记线索，由${r.regionName ?? '主管部门'}办理` : '该对象已有未办结线索，已并入');
      onClose(r.inJurisdiction ? r.id : undefined);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open title="录入线索" okText="登记" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={() => onClose()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'certificate' }}>
        <Form.Item name="kind" label="对象类型" rules={[{ required: true }]}>
          <Select options={SUBJECT_KINDS.slice(0, 5).map((k) => ({ value: k, label: SUBJECT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="value" label="对象标识" rules={[{ required: true, message: '请填写证书编号、身份证号、信用代码或网址' }]}>
          <Input placeholder="证书编号 / 身份证号 / 统一社会信用代码 / 网址" />
        </Form.Item>
        <Form.Item name="summary" label="线索摘要" rules={[{ required: true, message: '请填写线索摘要' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="region" label="办理地区（证书库查不到对象时使用）">
          <RegionFormSelect />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegionFormSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <RegionSelect value={value ?? ''} onChange={(v) => onChange?.(v)} />;
}
