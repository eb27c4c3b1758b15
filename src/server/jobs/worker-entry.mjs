// Worker bootstrap: load TypeScript through tsx, run the task module, post its result.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const mod = await import(workerData.module);
  const result = await mod.run(workerData.data, (progress) => parentPort.postMessage({ type: 'progress', progress }));
  parentPort.postMessage({ type: 'done', result });
} catch (e) {
  parentPort.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
