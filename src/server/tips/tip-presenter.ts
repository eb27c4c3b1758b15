// Tips as staff see them: the reporter's identity masked (full only through a logged reveal), personal
// data of the reported person masked, deadlines computed for today.

import { maskIdNo, maskName } from '../domain/masking.js';
import { regionByCode } from '../domain/regions.js';
import type { LookalikeResult } from '../websites/lookalike.js';
import { deadlineState, maskPhone, STATUS_TEXT, TIP_CHANNELS, type TipChannel, type TipStatus } from './tip-rules.js';
import type { TipRow } from './tips.repository.js';
import { unitOf } from './submit-tip.js';

export function presentTip(t: TipRow, today: string) {
  return {
    id: t.id,
    channel: t.channel,
    channelLabel: TIP_CHANNELS[t.channel as TipChannel] ?? t.channel,
    category: t.category,
    anonymous: t.anonymous === 1,
    reporterName: t.reporter_name ? maskName(t.reporter_name) : null,
    reporterPhone: t.reporter_phone ? maskPhone(t.reporter_phone) : null,
    region: t.region,
    regionName: regionByCode(t.region)?.name ?? t.region,
    handlingUnit: unitOf(t.region),
    subjectCertNo: t.subject_cert_no,
    subjectPersonName: t.subject_person ? maskName(t.subject_person) : null,
    subjectIdNo: t.subject_id_no ? maskIdNo(t.subject_id_no) : null,
    subjectEnterprise: t.subject_enterprise,
    subjectUscc: t.subject_uscc,
    subjectUrl: t.subject_url,
    lookalike: t.lookalike ? (JSON.parse(t.lookalike) as LookalikeResult) : null,
    receivedAt: t.received_at,
    dueDate: t.due_date,
    status: t.status,
    statusText: STATUS_TEXT[t.status as TipStatus] ?? t.status,
    clueId: t.clue_id,
    clueCreated: t.clue_created === 1,
    outcome: t.outcome,
    valid: t.valid === null ? null : t.valid === 1,
    closedAt: t.closed_at,
    feedbackDue: t.feedback_due,
    feedbackAt: t.feedback_at,
    hasPin: t.pin_hash !== null,
    ...deadlineState(t, today),
  };
}

export type PresentedTip = ReturnType<typeof presentTip>;
