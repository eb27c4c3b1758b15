// QR codes of verify-page URLs: SVG for the printable page, module matrix for the PDF.

import QRCode from 'qrcode';

/** Medium error correction: survives a crease or a stain on a printed certificate, stays scannable at ~3 cm. */
const OPTIONS = { errorCorrectionLevel: 'M' as const };

export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const q = QRCode.create(text, OPTIONS);
  const size = q.modules.size;
  return { size, dark: (x, y) => q.modules.get(y, x) === 1 };
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg', margin: 2 });
}

export async function qrPng(text: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', margin: 4, width });
}
