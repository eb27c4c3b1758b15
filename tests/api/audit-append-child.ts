// A second process appending to the audit log (as `certguard import` does beside a running server):
// node --import tsx tests/api/audit-append-child.ts COUNT, with DATA_DIR / DATABASE_URL set.

import { loadConfig } from '../../src/config.js';
import { appendAudit } from '../../src/server/audit/audit-log.js';
import { createDb } from '../../src/server/db/database.js';

const config = loadConfig();
const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const count = Number(process.argv[2] ?? 100);
try {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      appendAudit(db.kysely, { id: null, username: 'child-process', role: null, region: null }, { action: 'test.append', details: { pid: process.pid, i } }),
    ),
  );
} finally {
  await db.close();
}
