// Builds the web app once: when dist/web is missing or older than its sources (npm test builds it
// before the browser tier starts; this covers running the e2e files directly).

export { ensureWebBuilt } from '../../../src/cli/web-build.js';
