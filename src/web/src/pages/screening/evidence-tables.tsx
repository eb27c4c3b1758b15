import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import type { HitEvidence, Region } from '../../api.js';
import { kindLabel } from '../../labels.js';
import { regionName, useRegions } from '../../lib/regions.js';
// The importer's column table: evidence rows carry the contract's keys, shown under its Chinese headers.
import { KINDS } from '../../../../server/import/kinds.js';

type Row = Record<string, unknown>;
const ROW_KEY = '__evidence_row';

/** Contract headers per kind, plus 来源部门 on certificate rows that another department shared. */
function headersOf(kind: string): Array<{ key: string; header: string }> {
  const spec = KINDS[kind as keyof typeof KINDS];
  if (!spec) return [];
  const columns = spec.columns.map((c) => ({ key: c.key, header: c.header }));
  if (kind === 'certificates') columns.push({ key: 'source', header: '来源部门' });
  return columns;
}

const REGION_KEYS = new Set(['region', 'project_region']);
const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '';

function renderValue(key: string, value: unknown, subject: string, regions: Region[]) {
  if (isEmpty(value)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = String(value);
  if (REGION_KEYS.has(key)) {
    const name = regionName(regions, text);
    return name === text ? text : <Tooltip title={text}>{name}</Tooltip>;
  }
  // The hit's own subject is marked wherever it shows, so the rows read against each other.
  return text === subject ? <mark className="evidence-subject">{text}</mark> : text;
}

export interface EvidenceGroup {
  kind: string;
  label: string;
  rows: Row[];
}

/** The column rows of a kind read best in: months paid, days on site, sessions attended… */
const TIME_KEYS = ['month', 'start', 'date', 'issued'];

function byTime(rows: Row[]): Row[] {
  const key = TIME_KEYS.find((k) => rows.some((r) => typeof r[k] === 'string'));
  if (!key) return rows;
  const at = (r: Row) => (typeof r[key] === 'string' ? (r[key] as string) : '');
  return [...rows].sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
}

/** Evidence grouped by kind, kinds in the engine's order, rows within a kind in time order. */
export function groupEvidence(evidence: HitEvidence[]): EvidenceGroup[] {
  const groups = new Map<string, EvidenceGroup>();
  for (const e of evidence) {
    let group = groups.get(e.kind);
    if (!group) {
      group = { kind: e.kind, label: e.kindLabel || kindLabel(e.kind), rows: [] };
      groups.set(e.kind, group);
    }
    group.rows.push(e.row);
  }
  return [...groups.values()].map((g) => ({ ...g, rows: byTime(g.rows) }));
}

function EvidenceTable({ group, subject, regions }: { group: EvidenceGroup; subject: string; regions: Region[] }) {
  const columns = useMemo<TableColumnsType<Row>>(() => {
    const known = headersOf(group.kind);
    const knownKeys = new Set(known.map((c) => c.key));
    // Keys the contract does not name (should there be any) still show, under their own name.
    const extra = [...new Set(group.rows.flatMap((r) => Object.keys(r)))]
      .filter((k) => !knownKeys.has(k))
      .map((k) => ({ key: k, header: k }));
    return [...known, ...extra]
      .filter((c) => group.rows.some((r) => !isEmpty(r[c.key])))
      .map((c) => ({
        title: c.header,
        dataIndex: c.key,
        key: c.key,
        render: (v: unknown) => renderValue(c.key, v, subject, regions),
      }));
  }, [group, subject, regions]);

  const rows = useMemo(() => group.rows.map((r, i) => ({ ...r, [ROW_KEY]: i })), [group]);

  return (
    <section className={`evidence-group ${columns.length <= 5 ? 'evidence-group-narrow' : ''}`} data-kind={group.kind}>
      <div className="evidence-group-title">
        {group.label}
        <Typography.Text type="secondary" className="small">
          {group.rows.length} 条
        </Typography.Text>
      </div>
      <Table<Row>
        size="small"
        bordered
        className="evidence-table"
        rowKey={ROW_KEY}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </section>
  );
}

/** The rows a hit rests on, grouped by kind, side by side where they are narrow enough. */
export function EvidenceTables({ evidence, subject }: { evidence: HitEvidence[]; subject: string }) {
  const regions = useRegions();
  const groups = useMemo(() => groupEvidence(evidence), [evidence]);
  if (groups.length === 0) return <Typography.Text type="secondary">该命中没有附带证据行</Typography.Text>;
  return (
    <div className="evidence-groups" data-testid="hit-evidence">
      {groups.map((g) => (
        <EvidenceTable key={g.kind} group={g} subject={subject} regions={regions} />
      ))}
    </div>
  );
}
