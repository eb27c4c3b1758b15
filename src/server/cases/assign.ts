// Who may hold a case: an active official or inspector (or administrator) whose jurisdiction covers it.

import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { assignableOfficers } from './cases.repository.js';

export async function checkAssignee(trx: Transaction<Database>, region: string, assigneeId: string): Promise<{ id: string; display_name: string }> {
  const officers = await assignableOfficers(trx, region);
  const found = officers.find((o) => o.id === assigneeId);
  if (!found) throw new AppError('bad_request', '承办人须为本辖区在职的监管或执法检查人员');
  return found;
}
