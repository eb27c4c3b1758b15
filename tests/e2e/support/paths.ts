import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_SRC = `${REPO_ROOT}src/web`;
export const WEB_DIST_INDEX = `${REPO_ROOT}dist/web/index.html`;
export const SCREENSHOT_DIR = `${REPO_ROOT}docs/screenshots`;
