// A fake camera for Chromium: a Y4M video (one 640×480 frame, looped by Chromium) showing a QR code,
// for `--use-file-for-fake-video-capture`. The browser's own getUserMedia then delivers it to the page,
// so the camera path (stream → video → canvas → decoder) runs as it does on a phone.

import { writeFileSync } from 'node:fs';
import { qrMatrix } from '../../../src/server/credentials/qr.js';

const WIDTH = 640;
const HEIGHT = 480;

/** Writes the video to `path` and returns the Chromium flags that make it the camera. */
export function fakeCameraShowingQr(text: string, path: string): string[] {
  const m = qrMatrix(text);
  const quiet = 4;
  const cell = Math.floor((HEIGHT - 40) / (m.size + 2 * quiet));
  const side = cell * (m.size + 2 * quiet);
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  // 4:2:0 planes: luma full size (white 235, black 16: video range), chroma neutral at quarter size.
  const y = Buffer.alloc(WIDTH * HEIGHT, 200); // a light grey table around the white card
  for (let py = 0; py < side; py++)
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / cell) - quiet;
      const my = Math.floor(py / cell) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.dark(mx, my);
      y[(top + py) * WIDTH + left + px] = dark ? 16 : 235;
    }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, Buffer.from('FRAME\n'), y, chroma, chroma]));
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`];
}
