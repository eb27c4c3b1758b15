// The paging every console list shares: page and size from the URL, the same size choices, a Chinese total.

import type { TablePaginationConfig } from 'antd';
import { formatNumber } from '../lib/format.js';

export interface ListPaging {
  page: number;
  pageSize: number;
  total: number;
  /** The counted thing after the number: 本证书, 家企业, 人, 条记录 … */
  unit: string;
  onChange: (page: number, pageSize: number) => void;
}

export function listPagination(p: ListPaging): TablePaginationConfig {
  return {
    current: p.page,
    pageSize: p.pageSize,
    total: p.total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => `共 ${formatNumber(total)} ${p.unit}`,
    onChange: p.onChange,
  };
}
