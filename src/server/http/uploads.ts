// Multipart uploads, accepted only by the route groups that take files (imports, rosters, tips, case
// files). @fastify/multipart adds an async onResponse hook to every route of the scope it is
// registered in; registered at the root it cost every request — the public verification route most
// of all — a promise and a turn of the microtask queue. Elsewhere a multipart body is refused (415).

import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** Limits: files up to 2 GB (registry exports), at most 20 files and 10 fields per request. */
export const UPLOAD_LIMITS = { fileSize: 2 * 1024 ** 3, files: 20, fields: 10 } as const;

/** Let this scope's routes read multipart bodies (`req.file()`, `req.parts()`). */
export async function acceptUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, { limits: UPLOAD_LIMITS });
}
