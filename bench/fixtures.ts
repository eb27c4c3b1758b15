// Benchmark fixtures: large certificate files written quickly, with valid IDs and credit codes.

import { createWriteStream } from 'node:fs';
import { residentIdCheckChar } from '../src/server/domain/resident-id.js';

export const CERT_HEADER = '证书编号,证书类别,操作类别代码,姓名,身份证号,聘用单位统一社会信用代码,发证机关,发证日期,有效期至,证书状态';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const CATEGORIES = ['A', 'B', 'C1', 'C2', 'C3'];

export function certificateRow(i: number): string[] {
  const first17 = '5101041980' + String(1 + (i % 12)).padStart(2, '0') + String(1 + (i % 28)).padStart(2, '0') + String(i % 1000).padStart(3, '0');
  const cat = CATEGORIES[i % 5]!;
  const year = 2020 + (i % 5);
  return [
    `川建安${cat}(${year})${String(i).padStart(7, '0')}`,
    cat,
    '',
    SURNAMES[i % 20]! + GIVEN[(i * 7) % 24]! + (i % 3 === 0 ? GIVEN[(i * 13) % 24]! : ''),
    first17 + residentIdCheckChar(first17),
    '91350100M000100Y43',
    '四川省住房和城乡建设厅',
    `${year}-0${1 + (i % 9)}-1${i % 10}`,
    `${year + 3}-0${1 + (i % 9)}-1${i % 10}`,
    '有效',
  ];
}

export async function writeCertificateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(CERT_HEADER + '\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += certificateRow(i).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
