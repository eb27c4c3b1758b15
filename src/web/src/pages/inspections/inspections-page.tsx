// 现场检查 (console): the inspections of the jurisdiction, and the way into the phone-sized field pages.

import { MobileOutlined } from '@ant-design/icons';
import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LinkButton } from '../../components/link-button.js';
import { PageHeader } from '../../components/page-header.js';
import { useRemote } from '../../lib/use-remote.js';
import { inspectionsApi, type Inspection } from './inspections-api.js';

export function InspectionsPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => inspectionsApi.list({ page, pageSize: 20 }), [page]);
  return (
    <>
      <PageHeader
        title="现场检查"
        description="逢查必检：每次检查逐人核验证书，发现假证、人证不符、过期、撤销吊销和无证上岗自动生成线索"
        extra={
          <LinkButton to="/console/field/inspections/new" type="primary" icon={<MobileOutlined />}>
            登记检查
          </LinkButton>
        }
      />
      <Card>
        <Table<Inspection>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '日期', dataIndex: 'date' },
            { title: '类型', dataIndex: 'kind', render: (k: string) => (k === 'site' ? '施工现场' : '培训考核机构') },
            { title: '地区', dataIndex: 'regionName' },
            { title: '项目 / 机构', render: (_, i) => <Link to={`/console/field/inspections/${i.id}`}>{i.projectName ?? i.orgName}</Link> },
            { title: '检查人员', dataIndex: 'inspectors', render: (v: string[]) => v.join('、') },
            { title: '核验人数', dataIndex: 'checks' },
            { title: '发现问题', dataIndex: 'problems', render: (n: number, i) => (n > 0 || i.clueId ? <Tag color="red">{n || '有'}</Tag> : <Tag>无</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
