import { Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CertificateRow } from '../api.js';
import { CATEGORY_LABELS, OPERATION_LABELS, sourceLabel } from '../labels.js';
import { formatDate } from '../lib/format.js';
import { CertStatusTag } from './cert-status-tag.js';

const categoryTitle = (c: string): string =>
  c in CATEGORY_LABELS ? CATEGORY_LABELS[c as keyof typeof CATEGORY_LABELS] : c;

/** Certificate columns shared by the certificate list and a person's certificates. */
export function certificateColumns({ forPerson }: { forPerson: boolean }): TableColumnsType<CertificateRow> {
  const columns: TableColumnsType<CertificateRow> = [
    {
      title: '证书编号',
      dataIndex: 'cert_no',
      fixed: 'left',
      width: 176,
      render: (no: string) => (
        <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} className="cert-no">
          {no}
        </Typography.Text>
      ),
    },
    {
      title: '类别',
      dataIndex: 'category',
      width: 52,
      render: (c: string) => (
        <Tooltip title={categoryTitle(c)}>
          <span className="category-badge">{c}</span>
        </Tooltip>
      ),
    },
    {
      title: '操作类别',
      key: 'operation',
      width: 120,
      ellipsis: { showTitle: false },
      render: (_, r) => {
        if (!r.operation) return <Typography.Text type="secondary">—</Typography.Text>;
        const text = `${r.operation} ${r.operation_name ?? OPERATION_LABELS[r.operation] ?? ''}`.trim();
        return (
          <Tooltip title={text} placement="topLeft">
            {text}
          </Tooltip>
        );
      },
    },
    { title: '姓名', dataIndex: 'name', width: 72 },
    {
      title: '身份证号',
      dataIndex: 'id_no',
      width: 158,
      render: (id: string, r) => (
        <Tooltip title="查看人员详情">
          <Link to={`/console/persons?open=${encodeURIComponent(r.holder_ref ?? id)}`} className="mono">
            {id}
          </Link>
        </Tooltip>
      ),
    },
    {
      title: '聘用单位',
      key: 'employer',
      render: (_, r) =>
        r.employer_name || r.employer_uscc ? (
          <div className="two-line">
            <span>{r.employer_name ?? '（未登记企业）'}</span>
            {r.employer_uscc && (
              <Typography.Text type="secondary" className="mono small">
                {r.employer_uscc}
              </Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '发证日期', dataIndex: 'issued', width: 94, render: formatDate },
    {
      title: '有效期至',
      dataIndex: 'expires',
      width: 94,
      render: (d: string | null, r) =>
        r.expired ? <Typography.Text type="danger">{formatDate(d)}</Typography.Text> : formatDate(d),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 122,
      render: (s: string, r) => <CertStatusTag status={s} expired={r.expired} />,
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 76,
      render: (s: string) => sourceLabel(s),
    },
  ];
  // Inside a person's details the holder columns would repeat the header.
  return forPerson ? columns.filter((c) => c.title !== '姓名' && c.title !== '身份证号') : columns;
}
