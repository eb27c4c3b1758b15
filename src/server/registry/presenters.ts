// Shapes registry rows for answers and exports.

import { OPERATION_LABELS } from '../domain/certificates.js';
import { isValidCreditCode } from '../domain/credit-code.js';
import { todayCst } from '../domain/dates.js';
import { birthDateOf, isMale, isValidResidentId } from '../domain/resident-id.js';
import { regionByCode } from '../domain/regions.js';
import type { CertificateRow, EnterpriseRow } from './registry.repository.js';

export function presentCertificate(c: CertificateRow, today = todayCst()) {
  return { ...c, operation_name: c.operation ? (OPERATION_LABELS[c.operation] ?? null) : null, expired: c.expires < today };
}

export function regionName(code: string | null): string | null {
  if (!code) return null;
  const r = regionByCode(code);
  if (!r) return null;
  const city = r.level === 'county' && r.parent ? regionByCode(r.parent) : null;
  return city ? `${city.name}${r.name}` : r.name;
}

export function presentEnterprise(e: EnterpriseRow) {
  return { ...e, uscc_valid: isValidCreditCode(e.uscc), region_name: regionName(e.region) };
}

export function presentPerson(idNo: string, name: string | null) {
  const male = isMale(idNo);
  return { id_no: idNo, name, id_valid: isValidResidentId(idNo), birth_date: birthDateOf(idNo), gender: male === null ? null : male ? '男' : '女' };
}
