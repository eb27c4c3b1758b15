// certguard audit verify [--anchor SEQ:HASH]... [--page-size N]
// Walks the whole audit chain on the configured database and names the first broken entry.

import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { parseAnchor, type Anchor, type ChainBreak } from '../server/audit/audit-chain.js';
import { verifyAuditChain } from '../server/audit/audit-log.js';
import { openDatabase } from '../server/db/database.js';
import { progressReporter } from './progress.js';

const USAGE = '用法：certguard audit verify [--anchor 序号:哈希]... [--page-size N]';

/** Exit codes: 0 the chain is whole, 1 it is broken, 2 usage. */
export async function runAudit(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    console.error(sub ? `未知的子命令“${sub}”。${USAGE}` : USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { anchor: { type: 'string', multiple: true }, 'page-size': { type: 'string' } } });
  const anchors: Anchor[] = [];
  for (const text of values.anchor ?? []) {
    const a = parseAnchor(text);
    if (!a) {
      console.error(`参数 --anchor 格式不正确：“${text}”，应为“序号:64 位十六进制哈希”（即以往校验时打印的链头）`);
      return 2;
    }
    anchors.push(a);
  }
  const pageSize = values['page-size'] === undefined ? 5000 : Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100_000) {
    console.error(`参数 --page-size 不正确：应为 1 到 100000 的整数`);
    return 2;
  }

  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bar = progressReporter();
  try {
    const report = await verifyAuditChain(db.kysely, { pageSize, anchors, onProgress: (done, total) => bar.update('校验审计日志', done, total, `${done} 条`) });
    bar.done();
    if (report.ok) {
      console.log(`审计日志完整：共校验 ${report.entries} 条记录，哈希链无断裂。`);
      if (report.head) console.log(`链头（可留存为锚点，日后以 --anchor 校验）：${report.head.seq}:${report.head.hash}`);
      return 0;
    }
    console.log(`审计日志校验未通过：已校验 ${report.entries} 条记录。`);
    console.log(describeBreak(report.firstBreak!));
    return 1;
  } finally {
    await db.close();
  }
}

const cst = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
};

/** "第 12 条记录（时间 …，操作 …）：reason" — or, for a gap, the entry found after it. */
export function describeBreak(b: ChainBreak): string {
  const where = !b.entry
    ? `第 ${b.seq} 条记录`
    : b.entry.seq === b.seq
      ? `第 ${b.seq} 条记录（时间 ${cst(b.entry.at)}，操作 ${b.entry.action}）`
      : `第 ${b.seq} 条记录（缺口之后的第 ${b.entry.seq} 条：时间 ${cst(b.entry.at)}，操作 ${b.entry.action}）`;
  return `首个断裂处：${where}：${b.reason}`;
}
