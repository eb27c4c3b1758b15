// Sichuan's administrative divisions (GB/T 2260): the province, its 21 cities and prefectures and their
// county-level units. Counties change over time, so they live in data (data/sichuan-regions.json), not code.

import { readFileSync } from 'node:fs';

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  parent: string | null;
  level: RegionLevel;
}

export const SICHUAN_CODE = '510000';

interface RegionIndex {
  all: readonly Region[];
  byCode: ReadonlyMap<string, Region>;
  children: ReadonlyMap<string, readonly Region[]>;
}

let index: RegionIndex | null = null;

function load(): RegionIndex {
  if (index) return index;
  const all = JSON.parse(
    readFileSync(new URL('./data/sichuan-regions.json', import.meta.url), 'utf8'),
  ) as Region[];
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  for (const r of all) {
    byCode.set(r.code, r);
    if (r.parent !== null) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    }
  }
  index = { all, byCode, children };
  return index;
}

/** Every region, province first, then each city followed by its counties. */
export function allRegions(): readonly Region[] {
  return load().all;
}

export function regionByCode(code: string): Region | null {
  return load().byCode.get(code) ?? null;
}

/** The 21 cities and prefectures (地级行政区). */
export function cities(): readonly Region[] {
  return childrenOf(SICHUAN_CODE);
}

/** The county-level units (县级行政区), all of them or those of one city. */
export function counties(cityCode?: string): readonly Region[] {
  if (cityCode !== undefined) return childrenOf(cityCode);
  return load().all.filter((r) => r.level === 'county');
}

export function childrenOf(code: string): readonly Region[] {
  return load().children.get(code) ?? [];
}

/**
 * The city a code belongs to: its first 4 digits + '00' (510104 → 510100), when that city exists.
 * A city code is its own city; the province and codes outside Sichuan have none.
 */
export function cityOf(code: string): Region | null {
  if (!/^\d{6}$/.test(code)) return null;
  const city = regionByCode(code.slice(0, 4) + '00');
  return city !== null && city.level === 'city' ? city : null;
}

/** Province → city → county down to the given code; empty when the code is unknown. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  let r = regionByCode(code);
  while (r !== null) {
    path.unshift(r);
    r = r.parent === null ? null : regionByCode(r.parent);
  }
  return path;
}

/** A 6-digit code inside Sichuan (51xxxx). Known codes only, unless `loose` accepts any 51xxxx (old ID numbers). */
export function isSichuanCode(code: string, loose = false): boolean {
  if (!/^51\d{4}$/.test(code)) return false;
  return loose || regionByCode(code) !== null;
}

const PREFECTURE_SHORT: Record<string, string> = {
  '513200': '阿坝州',
  '513300': '甘孜州',
  '513400': '凉山州',
};

/** The short name people use: 成都市 → 成都, 阿坝藏族羌族自治州 → 阿坝州; counties keep their name. */
export function shortName(code: string): string | null {
  const r = regionByCode(code);
  if (r === null) return null;
  if (r.level === 'province') return '四川';
  if (r.level === 'city') return PREFECTURE_SHORT[r.code] ?? r.name.replace(/市$/, '');
  return r.name;
}
