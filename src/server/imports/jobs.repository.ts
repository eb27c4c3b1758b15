// Import jobs: all SQL for them lives here.

import type { Kysely } from 'kysely';
import type { Principal } from '../access/roles.js';
import { regionScope } from '../access/scope.js';
import type { Database } from '../db/schema.js';
import type { ImportProgress } from '../import/import-files.js';
import type { ImportReport } from '../import/report.js';

type Q = Kysely<Database>;

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJob {
  id: string;
  status: JobStatus;
  createdAt: string;
  finishedAt: string | null;
  fileNames: string[];
  progress: ImportProgress & { heartbeat?: string };
  report: ImportReport | null;
  error: string | null;
}

type Row = Database['import_jobs'];

const EMPTY_PROGRESS = { fileIndex: 0, fileCount: 0, file: null, rowsRead: 0, bytesRead: 0, bytesTotal: 0 };

export function toJob(r: Row): ImportJob {
  return {
    id: r.id,
    status: r.status as JobStatus,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    fileNames: JSON.parse(r.file_names) as string[],
    progress: r.progress ? JSON.parse(r.progress) : { ...EMPTY_PROGRESS, fileCount: (JSON.parse(r.file_names) as string[]).length },
    report: r.report ? (JSON.parse(r.report) as ImportReport) : null,
    error: r.error,
  };
}

export async function insertJob(db: Q, job: { id: string; fileNames: string[]; createdBy: string | null }): Promise<void> {
  await db
    .insertInto('import_jobs')
    .values({ id: job.id, status: 'queued', created_at: new Date().toISOString(), finished_at: null, created_by: job.createdBy, file_names: JSON.stringify(job.fileNames), progress: null, report: null, error: null })
    .execute();
}

export async function findJob(db: Q, id: string): Promise<ImportJob | null> {
  const r = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : null;
}

/** Jobs are scoped by their creator's jurisdiction (a city sees its counties' imports). */
const scopedJobs = (db: Q, p: Principal) => db.selectFrom('import_jobs as j').leftJoin('users as u', 'u.id', 'j.created_by').where(regionScope('u.region', p));

export async function listJobs(db: Q, p: Principal, limit: number): Promise<ImportJob[]> {
  const rows = await scopedJobs(db, p).selectAll('j').orderBy('j.created_at', 'desc').limit(limit).execute();
  return rows.map(toJob);
}

export async function jobInScope(db: Q, id: string, p: Principal): Promise<boolean> {
  return !!(await scopedJobs(db, p).select('j.id').where('j.id', '=', id).executeTakeFirst());
}

export async function updateJob(db: Q, id: string, patch: Partial<Pick<Row, 'status' | 'finished_at' | 'progress' | 'report' | 'error'>>): Promise<void> {
  await db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
}

/** Jobs left unfinished by a process that died: their files were rolled back, so say so. */
export async function failInterruptedJobs(db: Q, heartbeatBefore: string | null): Promise<number> {
  const rows = await db.selectFrom('import_jobs').selectAll().where('status', 'in', ['queued', 'running']).execute();
  let n = 0;
  for (const r of rows) {
    const hb = r.progress ? (JSON.parse(r.progress).heartbeat as string | undefined) : undefined;
    if (heartbeatBefore !== null && (hb ?? r.created_at) >= heartbeatBefore) continue;
    await updateJob(db, r.id, { status: 'failed', finished_at: new Date().toISOString(), error: '导入在进行中被中断（服务重启）；未完成的文件没有写入任何数据，请重新导入' });
    n++;
  }
  return n;
}
