// Resident identity number checks, GB 11643-1999 (ISO 7064 MOD 11-2 check character).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character the first 17 digits call for, or null when they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The birth date (YYYY-MM-DD) inside an 18-character ID number, or null when it is no real date. */
export function birthDateOf(idNo: string): string | null {
  if (idNo.length !== 18) return null;
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return idNo.slice(6, 10) + '-' + idNo.slice(10, 12) + '-' + idNo.slice(12, 14);
}

export type ResidentIdProblem = 'length' | 'characters' | 'birth_date' | 'check_char';

/** Why an ID number fails GB 11643-1999, or null when it passes. */
export function residentIdProblem(idNo: string): ResidentIdProblem | null {
  if (idNo.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(idNo)) return 'characters';
  if (birthDateOf(idNo) === null) return 'birth_date';
  if (residentIdCheckChar(idNo.slice(0, 17)) !== idNo[17]) return 'check_char';
  return null;
}

export const isValidResidentId = (idNo: string): boolean => residentIdProblem(idNo) === null;

/** Age in whole years on a given day (YYYY-MM-DD), from the birth date inside the ID number. */
export function ageOn(idNo: string, day: string): number | null {
  const birth = birthDateOf(idNo);
  if (birth === null) return null;
  let age = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  if (day.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

/** Odd sequence digit = male (GB 11643-1999 §4.4). */
export function isMale(idNo: string): boolean | null {
  return /^\d{17}/.test(idNo) ? Number(idNo[16]) % 2 === 1 : null;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
