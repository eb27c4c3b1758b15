// Which enterprise and which county/city a hit belongs to, so officials see their own hits.
// Pure: the hit's evidence rows plus the enterprises' regions in, attribution out.

import { creditCodeRegion } from '../domain/credit-code.js';
import type { Hit } from '../screening/types.js';

export interface Attribution {
  enterpriseUscc: string | null;
  /** The most precise region known: a county (or a city when no county is known). */
  region: string | null;
  city: string | null;
}

// The fields that name the organisation responsible, most specific first.
const ORG_FIELDS = ['contractor_uscc', 'employer_uscc', 'to_uscc', 'institution_uscc', 'uscc', 'from_uscc'] as const;

const isSichuan = (code: string | null | undefined): code is string => !!code && /^51\d{4}$/.test(code);

export function cityOf(region: string): string {
  return region.slice(0, 4) + '00';
}

export function attributeHit(hit: Hit, enterpriseRegion: (uscc: string) => string | null): Attribution {
  let enterpriseUscc: string | null = hit.rule === 'R14' ? hit.subject : null;
  let projectRegion: string | null = null;
  for (const e of hit.evidence) {
    const row = e.row;
    if (!projectRegion && isSichuan(row.project_region as string | null)) projectRegion = row.project_region as string;
    if (!enterpriseUscc)
      for (const f of ORG_FIELDS) {
        const v = row[f];
        if (typeof v === 'string' && v) {
          enterpriseUscc = v;
          break;
        }
      }
  }
  let region: string | null = null;
  if (enterpriseUscc) region = enterpriseRegion(enterpriseUscc);
  if (!isSichuan(region)) region = projectRegion;
  if (!isSichuan(region) && enterpriseUscc) {
    const fromCode = creditCodeRegion(enterpriseUscc);
    region = isSichuan(fromCode) ? fromCode : null;
  }
  return { enterpriseUscc, region, city: region ? cityOf(region) : null };
}
