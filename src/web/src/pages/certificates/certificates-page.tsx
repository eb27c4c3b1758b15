import { Card, Select, Table } from 'antd';
import { useMemo } from 'react';
import { api, type CertificateRow, type Query } from '../../api.js';
import { certificateColumns } from '../../components/certificate-columns.js';
import { ExportButton } from '../../components/export-button.js';
import { FilterBar } from '../../components/filter-bar.js';
import { PageHeader } from '../../components/page-header.js';
import { RegionSelect } from '../../components/region-select.js';
import { SearchBox } from '../../components/search-box.js';
import { CATEGORY_LABELS, CERT_CATEGORIES, CERT_STATUS_LABELS } from '../../labels.js';
import { useListParams } from '../../lib/use-list-params.js';
import { useRemote } from '../../lib/use-remote.js';
import { listPagination } from '../../components/list-pagination.js';

const FILTERS = ['q', 'category', 'status', 'source', 'region', 'expired'] as const;

const CATEGORY_OPTIONS = CERT_CATEGORIES.map((c) => ({ value: c, label: `${c} · ${CATEGORY_LABELS[c]}` }));
const STATUS_OPTIONS = CERT_STATUS_LABELS.map((s) => ({ value: s, label: s }));
const SOURCE_OPTIONS = [
  { value: 'own', label: '本库' },
  { value: 'external', label: '部门共享' },
];
const EXPIRED_OPTIONS = [
  { value: 'true', label: '已过期' },
  { value: 'false', label: '未过期' },
];

export function CertificatesPage() {
  const list = useListParams(FILTERS);
  const { filters, page, pageSize } = list;
  const query: Query = { ...filters, page, pageSize };
  const key = JSON.stringify(query);
  const result = useRemote(() => api.certificates(query), [key]);
  const columns = useMemo(() => certificateColumns({ forPerson: false }), []);

  const select = (
    name: (typeof FILTERS)[number],
    placeholder: string,
    options: Array<{ value: string; label: string }>,
    width = 130,
  ) => (
    <Select
      value={filters[name] || undefined}
      onChange={(v?: string) => list.setFilters({ [name]: v ?? '' })}
      options={options}
      placeholder={placeholder}
      allowClear
      style={{ width }}
      popupMatchSelectWidth={false}
      aria-label={placeholder}
    />
  );

  return (
    <>
      <PageHeader title="证书库" description="本库登记的三类人员、特种作业证书，以及其他部门共享的证书" />
      <Card>
        <FilterBar
          onReset={list.reset}
          extra={<ExportButton url={api.exportUrl('certificates', filters)} fileName="证书库导出.xlsx" />}
        >
          <SearchBox
            value={filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder="证书编号 / 姓名 / 身份证号"
          />
          {select('category', '类别', CATEGORY_OPTIONS, 120)}
          {select('status', '状态', STATUS_OPTIONS, 110)}
          {select('source', '来源', SOURCE_OPTIONS, 110)}
          <RegionSelect value={filters.region} onChange={(region) => list.setFilters({ region })} />
          {select('expired', '是否过期', EXPIRED_OPTIONS, 110)}
        </FilterBar>
        <Table<CertificateRow>
          rowKey={(r) => `${r.source}|${r.cert_no}`}
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          size="middle"
          scroll={{ x: 1150 }}
          locale={{ emptyText: Object.values(filters).some(Boolean) ? '没有符合条件的证书' : '证书库暂无数据' }}
          pagination={listPagination({ page, pageSize, total: result.data?.total ?? 0, unit: '本证书', onChange: list.setPage })}
        />
      </Card>
    </>
  );
}
