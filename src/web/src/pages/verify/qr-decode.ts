// Reading a QR code in the browser (jsQR): from an uploaded photo, or from camera frames.

import jsQRModule from 'jsqr';
import { cjsDefault } from '../../lib/cjs-default.js';

const jsQR = cjsDefault(jsQRModule as unknown as typeof import('jsqr').default | { default: typeof import('jsqr').default });

function decodeCanvas(canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the QR code in a photo, or null. Large photos are scaled down, then tried at full size. */
export async function decodeQrFromFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    for (const max of [1200, 2400, Math.max(bitmap.width, bitmap.height)]) {
      const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const text = decodeCanvas(canvas);
      if (text) return text;
      if (scale === 1) break;
    }
    return null;
  } finally {
    bitmap.close();
  }
}

/** Scans camera frames until a QR code is found or `signal` aborts. Needs HTTPS (or localhost). */
export async function scanFromCamera(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('此浏览器无法使用摄像头，请改用“上传照片”');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    const canvas = document.createElement('canvas');
    while (!signal.aborted) {
      if (video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        canvas.getContext('2d')!.drawImage(video, 0, 0);
        const text = decodeCanvas(canvas);
        if (text) return text;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
