// A progress bar on a terminal; plain progress lines (every 5 %) when output is not a terminal.

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let lastLine = '';
  let lastStep = -1;
  let lastDraw = 0;
  return {
    update(label: string, done: number, total: number, detail = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const pct = Math.floor(ratio * 100);
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && ratio < 1) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(ratio * width);
        const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${detail}`;
        if (line !== lastLine) stream.write('\r' + line.padEnd(lastLine.length));
        lastLine = line;
      } else {
        const step = Math.floor(pct / 5);
        if (step !== lastStep) {
          lastStep = step;
          stream.write(`${label} ${pct}% ${detail}\n`);
        }
      }
    },
    done() {
      if (tty && lastLine) stream.write('\n');
      lastLine = '';
      lastStep = -1;
    },
  };
}
