// Small, valid-looking data files for the browser tests, built with the domain's own checksums.

import { creditCodeCheckChar } from '../../../src/server/domain/credit-code.js';
import { residentIdCheckChar } from '../../../src/server/domain/resident-id.js';

export const residentId = (first17: string): string => first17 + residentIdCheckChar(first17);
export const creditCode = (first17: string): string => first17 + creditCodeCheckChar(first17);

export interface CsvFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function csv(name: string, rows: string[][]): CsvFile {
  const text = rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const ENTERPRISES = [
  { uscc: creditCode('91510100MA6C1A2B3'), name: '四川蜀安建设工程有限公司', region: '510104' },
  { uscc: creditCode('91510700MA6D4E5F6'), name: '绵阳涪城建筑安装有限责任公司', region: '510703' },
];

/** A date `months` from today (negative: in the past), so the data stays current as time passes. */
function monthsFromToday(months: number): string {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  return d.toISOString().slice(0, 10);
}
const yearOf = (date: string): string => date.slice(0, 4);

const ISSUED = { b: monthsFromToday(-14), c3: monthsFromToday(-44), tz: monthsFromToday(-3) };

export const CERTIFICATES = [
  {
    cert_no: `川建安B(${yearOf(ISSUED.b)})1052428`,
    category: 'B',
    operation: '',
    name: '王建国',
    id_no: residentId('51010419800315123'),
    employer: ENTERPRISES[0]!.uscc,
    issued: ISSUED.b,
    expires: monthsFromToday(22),
    status: '有效',
  },
  {
    cert_no: `川建安C3(${yearOf(ISSUED.c3)})1003456`,
    category: 'C3',
    operation: '',
    name: '李秀英',
    id_no: residentId('51070319850721234'),
    employer: ENTERPRISES[1]!.uscc,
    issued: ISSUED.c3,
    expires: monthsFromToday(-8),
    status: '有效',
  },
  {
    cert_no: `川TZ01(${yearOf(ISSUED.tz)})0001234`,
    category: 'TZ',
    operation: '01',
    name: '张勇',
    id_no: residentId('51010419920108345'),
    employer: ENTERPRISES[0]!.uscc,
    issued: ISSUED.tz,
    expires: monthsFromToday(21),
    status: '暂扣',
  },
];

export function enterprisesCsv(): CsvFile {
  return csv('enterprises.csv', [
    ['统一社会信用代码', '企业名称', '所在地区划代码', '安全生产许可证编号', '许可证有效期至', '许可证状态'],
    [
      ENTERPRISES[0]!.uscc,
      ENTERPRISES[0]!.name,
      ENTERPRISES[0]!.region,
      `(川)JZ安许证字[${yearOf(monthsFromToday(-18))}]007346`,
      monthsFromToday(18),
      '有效',
    ],
    [
      ENTERPRISES[1]!.uscc,
      ENTERPRISES[1]!.name,
      ENTERPRISES[1]!.region,
      '(川)JZ安许证字[2019]001234',
      monthsFromToday(-30),
      '失效',
    ],
  ]);
}

export const CERTIFICATE_HEADER = [
  '证书编号',
  '证书类别',
  '操作类别代码',
  '姓名',
  '身份证号',
  '聘用单位统一社会信用代码',
  '发证机关',
  '发证日期',
  '有效期至',
  '证书状态',
];

export function certificatesCsv(): CsvFile {
  return csv('certificates.csv', [
    CERTIFICATE_HEADER,
    ...CERTIFICATES.map((c) => [
      c.cert_no,
      c.category,
      c.operation,
      c.name,
      c.id_no,
      c.employer,
      '四川省住房和城乡建设厅',
      c.issued,
      c.expires,
      c.status,
    ]),
  ]);
}

/** A certificates file with one good row and two that cannot be understood. */
export function badCertificatesCsv(): CsvFile {
  return csv('新证书批次.csv', [
    CERTIFICATE_HEADER,
    [
      '川建安A(2024)1000001',
      'A',
      '',
      '赵敏',
      residentId('51130219750102456'),
      ENTERPRISES[0]!.uscc,
      '四川省住房和城乡建设厅',
      '2024-01-05',
      '2027-01-04',
      '有效',
    ],
    [
      '川建安A(2024)1000002',
      'Z',
      '',
      '钱程',
      residentId('51130219760203567'),
      ENTERPRISES[0]!.uscc,
      '四川省住房和城乡建设厅',
      '2024-01-05',
      '2027-01-04',
      '有效',
    ],
    [
      '川建安A(2024)1000003',
      'A',
      '',
      '孙丽',
      residentId('51130219770304678'),
      ENTERPRISES[0]!.uscc,
      '四川省住房和城乡建设厅',
      '2024-13-45',
      '2027-01-04',
      '有效',
    ],
  ]);
}
