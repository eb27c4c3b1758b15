// The printable electronic certificate as PDF (A4 landscape), with the signed QR code drawn as vector
// modules. Chinese text needs a CJK font (Debian: fonts-noto-cjk); without one the PDF is refused
// with a clear message rather than printed as empty boxes.

import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CATEGORY_LABELS, OPERATION_LABELS, type CertCategory } from '../domain/certificates.js';
import { AppError } from '../http/errors.js';
import { qrMatrix } from './qr.js';

export interface CertificateSheet {
  certNo: string;
  category: string;
  operation: string | null;
  name: string;
  idNo: string;
  employerName: string | null;
  employerUscc: string | null;
  issuer: string | null;
  issued: string;
  expires: string;
  status: string;
  verifyUrl: string;
  kid: string;
}

// A .ttc holds several faces: pick the Simplified Chinese one.
const FACE_BY_FILE: Record<string, string> = {
  'NotoSansCJK-Regular.ttc': 'NotoSansCJKsc-Regular',
  'NotoSerifCJK-Regular.ttc': 'NotoSerifCJKsc-Regular',
  'NotoSansCJK-Bold.ttc': 'NotoSansCJKsc-Bold',
};

export function cjkFontAvailable(path: string): boolean {
  return existsSync(path);
}

export const titleOf = (category: string): string =>
  category === 'TZ' ? '建筑施工特种作业操作资格证书' : '建筑施工企业安全生产管理人员安全生产考核合格证书';

export function certificatePdf(sheet: CertificateSheet, fontPath: string): Promise<Buffer> {
  if (!cjkFontAvailable(fontPath))
    throw new AppError('service_unavailable', `服务器缺少中文字体（${fontPath}），暂时无法生成PDF。请管理员安装 fonts-noto-cjk，或用 CJK_FONT_PATH 指定中文字体文件。`);
  const face = FACE_BY_FILE[fontPath.split('/').pop() ?? ''];
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: `${titleOf(sheet.category)} ${sheet.certNo}`, Author: '四川省住房和城乡建设厅' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontPath, face);
  doc.font('cjk');

  const W = doc.page.width;
  const H = doc.page.height;
  // Double border.
  doc.lineWidth(3).strokeColor('#1d4e97').rect(24, 24, W - 48, H - 48).stroke();
  doc.lineWidth(1).rect(32, 32, W - 64, H - 64).stroke();

  doc.fillColor('#1d4e97').fontSize(24).text(titleOf(sheet.category), 0, 68, { width: W, align: 'center' });
  doc.fillColor('#555').fontSize(11).text('电子证书（扫描右侧二维码核验真伪与状态）', 0, 104, { width: W, align: 'center' });

  const rows: Array<[string, string]> = [
    ['证书编号', sheet.certNo],
    ['姓　　名', sheet.name],
    ['身份证号', sheet.idNo],
    ['证书类别', CATEGORY_LABELS[sheet.category as CertCategory] ?? sheet.category],
    ...(sheet.operation ? ([['操作类别', `${sheet.operation} ${OPERATION_LABELS[sheet.operation] ?? ''}`.trim()]] as Array<[string, string]>) : []),
    ['聘用单位', sheet.employerName ?? sheet.employerUscc ?? '—'],
    ['发证机关', sheet.issuer ?? '四川省住房和城乡建设厅'],
    ['发证日期', sheet.issued],
    ['有效期至', sheet.expires],
    ['证书状态', sheet.status],
  ];
  let y = 150;
  for (const [label, value] of rows) {
    doc.fillColor('#666').fontSize(13).text(label, 80, y, { width: 90 });
    doc.fillColor('#111').fontSize(15).text(value, 180, y - 1, { width: 380 });
    y += 34;
  }

  // QR code, 180 pt square, drawn module by module.
  const qr = qrMatrix(sheet.verifyUrl);
  const side = 180;
  const quiet = 4;
  const cell = side / (qr.size + quiet * 2);
  const x0 = W - 80 - side;
  const y0 = 160;
  doc.rect(x0, y0, side, side).fill('#fff');
  doc.fillColor('#000');
  for (let yy = 0; yy < qr.size; yy++)
    for (let xx = 0; xx < qr.size; xx++) if (qr.dark(xx, yy)) doc.rect(x0 + (xx + quiet) * cell, y0 + (yy + quiet) * cell, cell + 0.05, cell + 0.05);
  doc.fill();
  doc.fillColor('#555').fontSize(10).text('手机扫码核验', x0, y0 + side + 8, { width: side, align: 'center' });
  doc.fontSize(8).fillColor('#888').text(`签名密钥 ${sheet.kid}`, x0, y0 + side + 24, { width: side, align: 'center' });

  doc.fillColor('#888').fontSize(9).text('本电子证书由证盾 CertGuard 生成，二维码内含发证机关的数字签名（Ed25519），不含个人信息。以扫码核验或官方平台查询结果为准。', 80, H - 80, { width: W - 160 });
  doc.end();
  return done;
}
