// Worker bootstrap: load TypeScript through tsx, then run the import worker.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
