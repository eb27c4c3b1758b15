import { CloudUploadOutlined } from '@ant-design/icons';
import { Card, Col, Empty, List, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../api.js';
import { BarChart } from '../../components/bar-chart.js';
import { ImportStatusTag } from '../../components/import-status-tag.js';
import { LinkButton } from '../../components/link-button.js';
import { PageHeader } from '../../components/page-header.js';
import { KIND_LABELS, KIND_NAMES, KIND_UNITS, type KindName } from '../../labels.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { usePermissions } from '../../auth/permissions.js';
import { EnforcementOverview } from './enforcement-overview.js';

/** Where a count card leads, for the kinds that have a list of their own. */
const KIND_LINKS: Partial<Record<KindName, string>> = {
  enterprises: '/console/enterprises',
  certificates: '/console/certificates?source=own',
  external_certificates: '/console/certificates?source=external',
};

export function DashboardPage() {
  const can = usePermissions();
  return can('registry.read') ? <RegistryOverview canImport={can('import.read')} /> : <Welcome />;
}

/** Accounts without the registry (enterprises, institutions, auditors): what they can do here. */
function Welcome() {
  const can = usePermissions();
  return (
    <>
      <PageHeader title="概览" description="请从左侧菜单选择本账号可以使用的功能" />
      <Card>
        <Typography.Paragraph>
          {can('roster.check') && <Link to="/console/roster">企业自查：上传人员名册，逐人核验证书，下载核验结果</Link>}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/** Counts of the caller's jurisdiction (province-only kinds are hidden below the province). */
function RegistryOverview({ canImport }: { canImport: boolean }) {
  const summary = useRemote(() => api.counts(), []);
  const jobs = useRemote(() => (canImport ? api.listImports() : Promise.resolve({ items: [] })), [canImport]);
  const counts = summary.data?.counts;
  const kinds = KIND_NAMES.filter((k) => counts?.[k] !== null);
  const isEmpty = counts !== undefined && kinds.every((k) => !counts[k]);
  const chartData = useMemo(
    () => kinds.map((kind) => ({ label: KIND_LABELS[kind], value: counts?.[kind] ?? 0 })),
    [counts, kinds],
  );

  return (
    <>
      <PageHeader
        title="概览"
        description="本辖区证书库各类数据的当前数量、执法办案情况与最近的导入任务"
        extra={
          <LinkButton to="/console/import" type="primary" icon={<CloudUploadOutlined />}>
            导入数据
          </LinkButton>
        }
      />
      <Row gutter={[16, 16]}>
        {kinds.map((kind) => (
          <Col key={kind} xs={12} md={8} xl={6}>
            <Card size="small" className="stat-card" loading={summary.loading && !counts}>
              <Statistic
                title={KIND_LINKS[kind] ? <Link to={KIND_LINKS[kind]}>{KIND_LABELS[kind]}</Link> : KIND_LABELS[kind]}
                value={counts?.[kind] ?? 0}
                suffix={<span className="stat-unit">{KIND_UNITS[kind]}</span>}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <EnforcementOverview />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={15}>
          <Card title="各类数据量" className="full-height">
            {isEmpty ? (
              <Empty description="证书库暂无数据，请先导入数据文件">
                <LinkButton to="/console/import" type="primary">
                  去导入
                </LinkButton>
              </Empty>
            ) : (
              <BarChart data={chartData} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="最近导入" className="full-height" extra={<Link to="/console/import">全部</Link>}>
            <List
              loading={jobs.loading}
              locale={{ emptyText: '暂无导入记录' }}
              dataSource={(jobs.data?.items ?? []).slice(0, 6)}
              renderItem={(job) => (
                <List.Item
                  actions={[
                    <Link key="view" to={`/console/import?job=${encodeURIComponent(job.id)}`}>
                      查看
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                        {job.fileNames.join('、') || '（无文件）'}
                      </Typography.Text>
                    }
                    description={formatDateTime(job.createdAt)}
                  />
                  <ImportStatusTag status={job.status} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
