import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { api, type PersonRow, type Query } from '../../api.js';
import { ExportButton } from '../../components/export-button.js';
import { FilterBar } from '../../components/filter-bar.js';
import { PageHeader } from '../../components/page-header.js';
import { SearchBox } from '../../components/search-box.js';
import { formatNumber } from '../../lib/format.js';
import { useListParams } from '../../lib/use-list-params.js';
import { useRemote } from '../../lib/use-remote.js';
import { IdWarning } from './id-warning.js';
import { PersonDrawer } from './person-drawer.js';
import { listPagination } from '../../components/list-pagination.js';

const FILTERS = ['q'] as const;

const COLUMNS: TableColumnsType<PersonRow> = [
  { title: '姓名', dataIndex: 'name', width: 140, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
  {
    title: '身份证号',
    dataIndex: 'id_no',
    render: (id: string, r) => (
      <>
        <span className="mono">{id}</span>
        {!r.id_valid && <IdWarning />}
      </>
    ),
  },
  {
    title: '证书数',
    dataIndex: 'certificate_count',
    width: 100,
    align: 'right',
    render: (n: number) => formatNumber(n),
  },
];

/** Persons by name or ID number (shown masked); `?open=<ref or ID>` opens that person's details (linked from 证书库). */
export function PersonsPage() {
  const list = useListParams(FILTERS);
  const { filters, page, pageSize } = list;
  const query: Query = { ...filters, page, pageSize };
  const result = useRemote(() => api.persons(query), [JSON.stringify(query)]);
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');

  const setOpen = useCallback(
    (idNo: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (idNo) next.set('open', idNo);
        else next.delete('open');
        return next;
      }),
    [setParams],
  );

  return (
    <>
      <PageHeader
        title="人员库"
        description="证书持有人及其证书、项目任职、社保、变更、培训和考试记录；姓名、身份证号脱敏显示，点击一行查看详情"
      />
      <Card>
        <FilterBar
          onReset={list.reset}
          extra={<ExportButton url={api.exportUrl('persons', filters)} fileName="人员库导出.xlsx" />}
        >
          <SearchBox value={filters.q} onSearch={(q) => list.setFilters({ q })} placeholder="姓名 / 身份证号" />
        </FilterBar>
        <Table<PersonRow>
          rowKey="ref"
          columns={COLUMNS}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          size="middle"
          rowClassName="clickable-row"
          onRow={(row) => ({ onClick: () => setOpen(row.ref) })}
          locale={{ emptyText: filters.q ? '没有符合条件的人员' : '人员库暂无数据' }}
          pagination={listPagination({ page, pageSize, total: result.data?.total ?? 0, unit: '人', onChange: list.setPage })}
        />
      </Card>
      <PersonDrawer idNo={openId} onClose={() => setOpen(null)} />
    </>
  );
}
