import { ArrowLeftOutlined, CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useMemo, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api, type Query, type ScreeningHit, type ScreeningRun, type ScreeningSummary } from '../../api.js';
import { BarChart } from '../../components/bar-chart.js';
import { ExportButton } from '../../components/export-button.js';
import { FilterBar } from '../../components/filter-bar.js';
import { LinkButton } from '../../components/link-button.js';
import { PageHeader } from '../../components/page-header.js';
import { SearchBox } from '../../components/search-box.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useRegions } from '../../lib/regions.js';
import { useListParams } from '../../lib/use-list-params.js';
import { useRemote } from '../../lib/use-remote.js';
import { HitDrawer, type HitKey } from './hit-drawer.js';
import {
  CHANGE_LABELS,
  CHANGE_OPTIONS,
  JUDGEMENT_LABELS,
  JUDGEMENT_OPTIONS,
  progressPercent,
  progressText,
} from './screening-labels.js';
import { RunStatus } from './screening-runs-page.js';
import { useScreeningRun } from './use-screening-runs.js';
import './screening.css';
import { listPagination } from '../../components/list-pagination.js';

const FILTERS = ['rule', 'city', 'region', 'enterprise', 'change', 'judgement', 'q'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** `?hit=R05:<subject ref>` keeps the open hit in the address (a person's ID number only sealed); rule ids never contain a colon. */
const HIT_PARAM = 'hit';
function parseHit(raw: string | null): HitKey | null {
  const at = raw?.indexOf(':') ?? -1;
  return raw && at > 0 ? { rule: raw.slice(0, at), subject: raw.slice(at + 1) } : null;
}

/** One screening run: waits for it while it runs, then its counts, charts and hits. */
export function RunResultsPage() {
  const { runId } = useParams();
  const { run, loading, missing } = useScreeningRun(runId);

  const back = (
    <LinkButton to="/console/screening" icon={<ArrowLeftOutlined />}>
      筛查记录
    </LinkButton>
  );

  if (missing) {
    return (
      <Result status="404" title="筛查任务不存在" subTitle="该筛查任务不存在或已被清理" extra={back} />
    );
  }
  if (!run) {
    return loading ? (
      <Skeleton active paragraph={{ rows: 10 }} />
    ) : (
      <Result status="warning" title="加载失败" extra={back} />
    );
  }

  if (run.status !== 'succeeded') {
    return (
      <>
        <PageHeader title={runTitle(run)} description={`发起于 ${formatDateTime(run.createdAt)}`} extra={back} />
        <Card>
          {run.status === 'failed' ? (
            <Alert type="error" showIcon message="筛查失败" description={run.error ?? '服务器执行筛查时出错，请重新发起'} />
          ) : (
            <div className="run-waiting" data-testid="run-progress">
              <RunStatus run={run} />
              <Progress percent={progressPercent(run)} status="active" />
              <Typography.Text type="secondary">{progressText(run)}，完成后自动显示结果</Typography.Text>
            </div>
          )}
        </Card>
      </>
    );
  }
  return <RunResults run={run} back={back} />;
}

const runTitle = (run: ScreeningRun): string => `筛查结果 · 评估日期 ${run.asOf}`;

function describeRun(run: ScreeningRun): string {
  const parts = [`发起于 ${formatDateTime(run.createdAt)}`];
  parts.push(run.rules.length === 14 ? '全部 14 条规则' : `规则 ${run.rules.join('、')}`);
  if (run.stats) {
    const seconds = ((run.stats.loadMs + run.stats.screenMs) / 1000).toFixed(1);
    parts.push(`比对 ${formatNumber(run.stats.rows)} 行数据，用时 ${seconds} 秒`);
  }
  parts.push(run.previousRunId ? '“新增”“消失”与上一次筛查相比' : '此前没有完成的筛查，全部命中计为新增');
  return parts.join(' · ');
}

function RunResults({ run, back }: { run: ScreeningRun; back: ReactNode }) {
  const list = useListParams(FILTERS);
  const { filters, page, pageSize } = list;
  const [params, setParams] = useSearchParams();
  const openHit = parseHit(params.get(HIT_PARAM));
  const regions = useRegions();

  const hitsQuery: Query = { ...filters, page, pageSize };
  const hits = useRemote(() => api.screeningHits(run.id, hitsQuery), [run.id, JSON.stringify(hitsQuery)]);
  // Each chart leaves out its own dimension, so choosing a rule still shows every city and vice versa.
  const byRuleQuery: Query = { ...filters, rule: undefined };
  const byCityQuery: Query = { ...filters, city: undefined, region: undefined };
  const byRule = useRemote(() => api.screeningSummary(run.id, byRuleQuery), [run.id, JSON.stringify(byRuleQuery)]);
  const byCity = useRemote(() => api.screeningSummary(run.id, byCityQuery), [run.id, JSON.stringify(byCityQuery)]);
  const overall = useRemote(() => api.screeningSummary(run.id, {}), [run.id]);

  const refresh = () => {
    hits.reload();
    byRule.reload();
    byCity.reload();
    overall.reload();
  };

  const setOpenHit = useCallback(
    (hit: HitKey | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (hit) next.set(HIT_PARAM, `${hit.rule}:${hit.subject}`);
        else next.delete(HIT_PARAM);
        return next;
      }),
    [setParams],
  );

  const toggle = (key: 'rule' | 'enterprise', value: string | null) =>
    list.setFilters({ [key]: value && filters[key] !== value ? value : '' });

  const cityOptions = useMemo(
    () =>
      regions
        .filter((r) => r.level === 'city')
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((r) => ({ value: r.code, label: r.name })),
    [regions],
  );
  const ruleOptions = (overall.data?.byRule ?? []).map((r) => ({ value: r.rule, label: `${r.rule} ${r.name}` }));

  return (
    <>
      <PageHeader title={runTitle(run)} description={describeRun(run)} extra={back} />
      <RunStats run={run} overall={overall.data} />

      <Row gutter={[16, 16]} className="screening-summary">
        <Col xs={24} xl={11}>
          <Card title="按规则统计" size="small" className="full-height">
            <RuleTable
              summary={byRule.data}
              loading={byRule.loading}
              ran={run.rules}
              selected={filters.rule}
              onSelect={(r) => toggle('rule', r)}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Card title="各规则命中数" size="small" className="full-height">
            <RuleChart summary={byRule.data} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="各市州命中数" size="small" className="full-height">
            <CityChart summary={byCity.data} />
          </Card>
        </Col>
      </Row>

      <Card title="命中清单" className="hits-card">
        <FilterBar
          onReset={list.reset}
          extra={<ExportButton url={api.screeningExportUrl(run.id, filters)} fileName={`筛查命中-${run.asOf}.xlsx`} />}
        >
          <SearchBox
            value={filters.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder="对象编号 / 说明关键字"
            width={250}
          />
          <Select
            value={filters.rule || undefined}
            onChange={(v?: string) => list.setFilters({ rule: v ?? '' })}
            options={ruleOptions}
            placeholder="规则"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            aria-label="规则"
          />
          <Select
            value={filters.city || undefined}
            onChange={(v?: string) => list.setFilters({ city: v ?? '', region: '' })}
            options={cityOptions}
            placeholder="市州"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 130 }}
            popupMatchSelectWidth={false}
            aria-label="市州"
          />
          <Select
            value={filters.change}
            onChange={(v: string) => list.setFilters({ change: v })}
            options={CHANGE_OPTIONS}
            prefix="与上次相比"
            style={{ width: 190 }}
            aria-label="与上次相比"
          />
          <Select
            value={filters.judgement}
            onChange={(v: string) => list.setFilters({ judgement: v })}
            options={JUDGEMENT_OPTIONS}
            prefix="研判"
            style={{ width: 140 }}
            aria-label="研判"
          />
          {filters.enterprise && (
            <Tag
              closable
              closeIcon={<CloseOutlined />}
              onClose={() => list.setFilters({ enterprise: '' })}
              className="filter-tag"
            >
              企业：<span className="mono">{filters.enterprise}</span>
            </Tag>
          )}
          {filters.region && (
            <Tag
              closable
              closeIcon={<CloseOutlined />}
              onClose={() => list.setFilters({ region: '' })}
              className="filter-tag"
            >
              区县：{regions.find((r) => r.code === filters.region)?.name ?? filters.region}
            </Tag>
          )}
        </FilterBar>
        <HitsTable
          hits={hits.data?.items ?? []}
          total={hits.data?.total ?? 0}
          loading={hits.loading}
          filters={filters}
          page={page}
          pageSize={pageSize}
          onPage={list.setPage}
          onOpen={(h) => setOpenHit({ rule: h.rule, subject: h.subject_ref })}
          onEnterprise={(uscc) => toggle('enterprise', uscc)}
        />
      </Card>

      <HitDrawer runId={run.id} hit={openHit} onClose={() => setOpenHit(null)} onJudged={refresh} />
    </>
  );
}

function RunStats({ run, overall }: { run: ScreeningRun; overall: ScreeningSummary | undefined }) {
  const confirmed = overall?.byRule.reduce((n, r) => n + r.confirmed, 0);
  const dismissed = overall?.byRule.reduce((n, r) => n + r.dismissed, 0);
  const pending =
    run.hitCount !== null && confirmed !== undefined && dismissed !== undefined
      ? run.hitCount - confirmed - dismissed
      : undefined;
  const items: Array<{ label: string; value: number | null | undefined; tone?: string }> = [
    { label: '命中', value: run.hitCount },
    { label: '新增', value: run.newCount, tone: 'danger' },
    { label: '消失', value: run.goneCount },
    { label: '待研判', value: pending, tone: 'warning' },
    { label: '已确认', value: confirmed },
    { label: '已排除', value: dismissed },
  ];
  return (
    <Row gutter={[16, 16]} className="run-stats" data-testid="run-stats">
      {items.map((item) => (
        <Col key={item.label} xs={12} md={8} xl={4}>
          <Card size="small" className={`stat-card ${item.tone ? `stat-${item.tone}` : ''}`}>
            <Statistic
              title={item.label}
              value={item.value ?? '—'}
              suffix={item.value !== null && item.value !== undefined ? <span className="stat-unit">条</span> : null}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type RuleRow = ScreeningSummary['byRule'][number];

function RuleTable({
  summary,
  loading,
  ran,
  selected,
  onSelect,
}: {
  summary: ScreeningSummary | undefined;
  loading: boolean;
  /** The rules this run applied; the others are listed as not run. */
  ran: string[];
  selected: string;
  onSelect: (rule: string) => void;
}) {
  const n = (v: number) => (v > 0 ? formatNumber(v) : <Typography.Text type="secondary">0</Typography.Text>);
  const columns: TableColumnsType<RuleRow> = [
    {
      title: '规则',
      key: 'rule',
      render: (_, r) => (
        <span className="rule-cell">
          <span className="rule-code">{r.rule}</span>
          {r.name}
          {!ran.includes(r.rule) && (
            <Typography.Text type="secondary" className="small">
              （本次未执行）
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: '命中',
      dataIndex: 'count',
      width: 52,
      align: 'right',
      render: (v: number, r) => (ran.includes(r.rule) ? <strong>{formatNumber(v)}</strong> : n(0)),
    },
    { title: '新增', dataIndex: 'new', width: 52, align: 'right', render: n },
    { title: '消失', dataIndex: 'gone', width: 52, align: 'right', render: n },
    { title: '已确认', dataIndex: 'confirmed', width: 62, align: 'right', render: n },
    { title: '已排除', dataIndex: 'dismissed', width: 62, align: 'right', render: n },
  ];
  return (
    <Table<RuleRow>
      size="small"
      rowKey="rule"
      className="rule-table"
      columns={columns}
      dataSource={summary?.byRule ?? []}
      loading={loading && !summary}
      pagination={false}
      rowClassName={(r) => `clickable-row ${r.rule === selected ? 'row-selected' : ''}`}
      onRow={(r) => ({ onClick: () => onSelect(r.rule), title: r.rule === selected ? '再次点击取消筛选' : '点击按该规则筛选' })}
    />
  );
}

/** Both charts as tall as the 14-row rule table beside them. */
const CHART_HEIGHT = 430;

function RuleChart({ summary }: { summary: ScreeningSummary | undefined }) {
  const data = useMemo(
    () => (summary?.byRule ?? []).map((r) => ({ label: `${r.rule} ${r.name}`, value: r.count })),
    [summary],
  );
  if (!summary) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <BarChart data={data} height={CHART_HEIGHT} unit=" 条" />;
}

function CityChart({ summary }: { summary: ScreeningSummary | undefined }) {
  const data = useMemo(
    () => (summary?.byCity ?? []).filter((c) => c.count > 0).map((c) => ({ label: c.name, value: c.count })),
    [summary],
  );
  if (!summary) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (data.length === 0) return <Empty description="没有符合条件的命中" />;
  return <BarChart data={data} height={CHART_HEIGHT} unit=" 条" />;
}

function HitsTable({
  hits,
  total,
  loading,
  filters,
  page,
  pageSize,
  onPage,
  onOpen,
  onEnterprise,
}: {
  hits: ScreeningHit[];
  total: number;
  loading: boolean;
  filters: Filters;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (hit: ScreeningHit) => void;
  onEnterprise: (uscc: string) => void;
}) {
  const columns: TableColumnsType<ScreeningHit> = [
    {
      title: '规则',
      key: 'rule',
      width: 148,
      render: (_, h) => (
        <span className="rule-cell">
          <span className="rule-code">{h.rule}</span>
          {h.rule_name}
        </span>
      ),
    },
    {
      title: '对象',
      dataIndex: 'subject',
      width: 186,
      render: (s: string) => <span className="mono hit-subject">{s}</span>,
    },
    { title: '说明', dataIndex: 'reason', render: (r: string) => <span className="hit-reason">{r}</span> },
    {
      title: '地区',
      key: 'region',
      width: 110,
      render: (_, h) => h.region_name ?? h.city_name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '企业/机构',
      key: 'enterprise',
      width: 210,
      render: (_, h) =>
        h.enterprise_uscc ? (
          <div className="two-line">
            <Typography.Link
              onClick={(e) => {
                e.stopPropagation();
                onEnterprise(h.enterprise_uscc!);
              }}
              title="按该企业/机构筛选"
            >
              {h.enterprise_name ?? '（未登记企业）'}
            </Typography.Link>
            <Typography.Text type="secondary" className="mono small">
              {h.enterprise_uscc}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '变化',
      dataIndex: 'change',
      width: 76,
      render: (c: ScreeningHit['change']) => <Tag color={CHANGE_LABELS[c]?.color}>{CHANGE_LABELS[c]?.text ?? c}</Tag>,
    },
    {
      title: '研判',
      dataIndex: 'judgement',
      width: 128,
      render: (j: ScreeningHit['judgement']) => {
        const label = JUDGEMENT_LABELS[j ?? 'pending'];
        return <Tag color={label.color}>{label.text}</Tag>;
      },
    },
  ];
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Table<ScreeningHit>
      rowKey={(h) => `${h.rule}:${h.subject_ref}`}
      className="hits-table"
      columns={columns}
      dataSource={hits}
      loading={loading}
      size="middle"
      scroll={{ x: 1150 }}
      rowClassName="clickable-row"
      onRow={(h) => ({ onClick: () => onOpen(h) })}
      locale={{ emptyText: filtered ? '没有符合条件的命中' : '本次筛查没有待处理的命中' }}
      pagination={listPagination({ page, pageSize, total: total, unit: '条命中', onChange: onPage })}
    />
  );
}
