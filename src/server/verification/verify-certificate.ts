// answerQuery: a public query by certificate number or ID number, with the holder's name.

import { maskIdNo, maskName } from '../domain/masking.js';
import { normCode, normName, normUpperCode } from '../domain/normalise.js';
import { AppError } from '../http/errors.js';
import { AnswerCache, type CachedAnswer } from './answer-cache.js';
import { NO_MATCH, presentVerification, type VerificationAnswer } from './verification-result.js';
import type { VerificationLookup } from './verification.repository.js';

export interface VerifyQuery {
  certNo?: string;
  idNo?: string;
  name?: string;
}

const ID_SHAPE = /^(\d{17}[\dX]|\d{15})$/;

/** Input problems answer 400 whatever the registry holds, so they reveal nothing. */
export function parseVerifyQuery(q: VerifyQuery): { by: 'certNo' | 'idNo'; key: string; name: string } {
  const name = normName(q.name ?? '');
  const certNo = normCode(q.certNo ?? '');
  const idNo = normUpperCode(q.idNo ?? '');
  if (certNo && idNo) throw new AppError('bad_request', '请只填写证书编号或身份证号中的一项');
  if (!certNo && !idNo) throw new AppError('bad_request', '请填写证书编号或身份证号');
  if (!name) throw new AppError('bad_request', '请填写持证人姓名');
  if (idNo && !ID_SHAPE.test(idNo)) throw new AppError('bad_request', '身份证号应为18位（最后一位可为X）');
  return certNo ? { by: 'certNo', key: certNo, name } : { by: 'idNo', key: idNo, name };
}

/** What turns an answer into its JSON body: the route's reply (its response schema's serializer). */
export interface AnswerSerializer {
  serialize(answer: VerificationAnswer): unknown;
}

/**
 * The public route's path: the serialized answer, from the cache while the registry version and the
 * day are those it was stored under, else looked up, presented, serialized (by the route's own
 * serializer) and stored. Hits and misses take the same path for "no such number" and "wrong name".
 * A hit is returned as is (no promise: most answers are hits and cost a few microseconds).
 */
export function answerQuery(
  lookup: VerificationLookup,
  cache: AnswerCache,
  query: VerifyQuery,
  today: string,
  serializer: AnswerSerializer,
): CachedAnswer | Promise<CachedAnswer> {
  const q = parseVerifyQuery(query);
  const key = AnswerCache.key(q.by, q.key, q.name);
  const ticket = cache.sync(lookup.version(), today);
  const hit = ticket === null ? undefined : cache.get(key);
  return hit ?? lookUp(lookup, cache, q, key, ticket, today, serializer);
}

async function lookUp(
  lookup: VerificationLookup,
  cache: AnswerCache,
  q: ReturnType<typeof parseVerifyQuery>,
  key: string,
  ticket: number | null,
  today: string,
  serializer: AnswerSerializer,
): Promise<CachedAnswer> {
  const serialize = (a: VerificationAnswer) => serializer.serialize(a) as string;
  const matches = q.by === 'certNo' ? await lookup.byCertNo(q.key, q.name) : await lookup.byIdNo(q.key, q.name);
  const answer = presentVerification(matches, today);
  const top = answer.certificates[0];
  const out: CachedAnswer = {
    body: answer === NO_MATCH ? noMatchBody(serialize) : Buffer.from(serialize(answer)),
    result: answer.result,
    query: q.by === 'certNo' ? `certNo=${q.key}&name=${maskName(q.name)}` : `idNo=${maskIdNo(q.key)}&name=${maskName(q.name)}`,
    certNo: q.by === 'certNo' ? q.key : (top?.certNo ?? null),
    source: top ? (top.source === 'own' ? '' : (matches.find((m) => m.cert_no === top.certNo)?.source ?? null)) : null,
    shows: answer.certificates.map((c) => c.certNo),
  };
  if (ticket !== null) cache.offer(key, out, ticket);
  return out;
}

// The one no-match body (NO_MATCH is frozen, so its serialization never changes).
let noMatch: Buffer | null = null;
function noMatchBody(serialize: (answer: VerificationAnswer) => string): Buffer {
  return (noMatch ??= Buffer.from(serialize(NO_MATCH)));
}
