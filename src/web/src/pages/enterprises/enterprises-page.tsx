import { WarningFilled } from '@ant-design/icons';
import { Card, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { api, type EnterpriseRow, type Query } from '../../api.js';
import { ExportButton } from '../../components/export-button.js';
import { FilterBar } from '../../components/filter-bar.js';
import { PageHeader } from '../../components/page-header.js';
import { RegionSelect } from '../../components/region-select.js';
import { SearchBox } from '../../components/search-box.js';
import { LICENCE_STATUSES, statusColor } from '../../labels.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useListParams } from '../../lib/use-list-params.js';
import { useRemote } from '../../lib/use-remote.js';
import { listPagination } from '../../components/list-pagination.js';

const FILTERS = ['q', 'region', 'licenseStatus'] as const;
const LICENCE_OPTIONS = LICENCE_STATUSES.map((s) => ({ value: s, label: s }));

const isPast = (date: string | null): boolean => Boolean(date) && dayjs(date).isBefore(dayjs(), 'day');

const COLUMNS: TableColumnsType<EnterpriseRow> = [
  {
    title: '统一社会信用代码',
    dataIndex: 'uscc',
    width: 220,
    fixed: 'left',
    render: (uscc: string, r) => (
      <span className="mono">
        {uscc}
        {!r.uscc_valid && (
          <Tooltip title="统一社会信用代码校验位不通过（GB 32100-2015），请核实">
            <WarningFilled className="warn-icon" aria-label="校验不通过" />
          </Tooltip>
        )}
      </span>
    ),
  },
  { title: '企业名称', dataIndex: 'name', width: 260 },
  { title: '地区', dataIndex: 'region_name', width: 120, render: (n: string | null, r) => n ?? r.region ?? '—' },
  {
    title: '安全生产许可证编号',
    dataIndex: 'license_no',
    width: 240,
    render: (no: string | null) => no ?? <Typography.Text type="secondary">无许可证</Typography.Text>,
  },
  {
    title: '有效期至',
    dataIndex: 'license_expires',
    width: 120,
    render: (d: string | null) =>
      isPast(d) ? (
        <Tooltip title="许可证已过有效期">
          <Typography.Text type="danger">{formatDate(d)}</Typography.Text>
        </Tooltip>
      ) : (
        formatDate(d)
      ),
  },
  {
    title: '许可证状态',
    dataIndex: 'license_status',
    width: 110,
    render: (s: string | null) => (s ? <Tag color={statusColor(s)}>{s}</Tag> : '—'),
  },
  {
    title: '证书数',
    dataIndex: 'certificate_count',
    width: 90,
    align: 'right',
    render: (n: number) => formatNumber(n),
  },
];

export function EnterprisesPage() {
  const list = useListParams(FILTERS);
  const { filters, page, pageSize } = list;
  const query: Query = { ...filters, page, pageSize };
  const result = useRemote(() => api.enterprises(query), [JSON.stringify(query)]);

  return (
    <>
      <PageHeader title="企业库" description="建筑施工企业及其安全生产许可证" />
      <Card>
        <FilterBar
          onReset={list.reset}
          extra={<ExportButton url={api.exportUrl('enterprises', filters)} fileName="企业库导出.xlsx" />}
        >
          <SearchBox
            value={filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder="统一社会信用代码 / 企业名称"
            width={320}
          />
          <RegionSelect value={filters.region} onChange={(region) => list.setFilters({ region })} />
          <Select
            value={filters.licenseStatus || undefined}
            onChange={(v?: string) => list.setFilters({ licenseStatus: v ?? '' })}
            options={LICENCE_OPTIONS}
            placeholder="许可证状态"
            allowClear
            style={{ width: 130 }}
            aria-label="许可证状态"
          />
        </FilterBar>
        <Table<EnterpriseRow>
          rowKey="uscc"
          columns={COLUMNS}
          dataSource={result.data?.items ?? []}
          loading={result.loading}
          size="middle"
          scroll={{ x: 1100 }}
          locale={{ emptyText: Object.values(filters).some(Boolean) ? '没有符合条件的企业' : '企业库暂无数据' }}
          pagination={listPagination({ page, pageSize, total: result.data?.total ?? 0, unit: '家企业', onChange: list.setPage })}
        />
      </Card>
    </>
  );
}
