// 失信名单 (console, read only): who the jurisdiction's decisions listed, with the case and how long.

import { Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { enforcementApi, type DishonestyRow } from './enforcement-api.js';

export function DishonestyPage() {
  const [kind, setKind] = useState('');
  const [inForce, setInForce] = useState('true');
  const [page, setPage] = useState(1);
  const list = useRemote(() => enforcementApi.dishonesty({ kind: kind || undefined, inForce: inForce || undefined, page, pageSize: 20 }), [kind, inForce, page]);

  return (
    <>
      <PageHeader title="失信名单" description="本辖区行政处罚决定列入失信名单的人员和单位（人员身份证号、姓名已脱敏）；名单由处罚决定写入" />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="对象类别"
            style={{ width: 160 }}
            value={kind}
            onChange={(v: string) => (setKind(v), setPage(1))}
            options={[{ value: '', label: '全部对象' }, { value: 'person', label: '人员' }, { value: 'enterprise', label: '企业' }, { value: 'institution', label: '培训考核机构' }]}
          />
          <Select
            aria-label="是否有效"
            style={{ width: 140 }}
            value={inForce}
            onChange={(v: string) => (setInForce(v), setPage(1))}
            options={[{ value: 'true', label: '有效期内' }, { value: 'false', label: '已到期' }, { value: '', label: '全部' }]}
          />
        </Space>
        <Table<DishonestyRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无列入失信名单的对象' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '类别', dataIndex: 'subjectKindLabel', width: 120 },
            { title: '对象', dataIndex: 'subject', width: 200 },
            { title: '名称 / 姓名', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
            { title: '事由', dataIndex: 'reason', ellipsis: true },
            { title: '案件', dataIndex: 'caseNo', width: 150, render: (v: string | null, d) => <Link to={`/console/cases/${d.caseId}`}>{v ?? '查看案件'}</Link> },
            { title: '地区', dataIndex: 'regionName', width: 140 },
            { title: '列入时间', dataIndex: 'listedAt', width: 170, render: formatDateTime },
            { title: '有效期至', dataIndex: 'until', width: 130, render: (v: string | null, d) => <Tag color={d.inForce ? 'red' : 'default'}>{v ?? '长期'}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}
