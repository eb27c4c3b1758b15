// One browser-test environment per test file: the built web app, a fresh server, Chromium.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage } from './browser.js';
import { SCREENSHOT_DIR } from './paths.js';
import { startServer, type ServerOptions, type TestServer } from './server.js';
import { ensureWebBuilt } from './web-build.js';

export interface E2EEnvironment {
  baseURL: string;
  adminPassword: string;
  browser: Browser;
  /** A new browser context (its own cookies) and page on the server. */
  openPage: () => Promise<Page>;
  /** What the server printed so far ('' for a server this run did not start). */
  serverOutput: () => string;
  close: () => Promise<void>;
}

const live = new Set<E2EEnvironment>();
/** Environments started and not yet closed (the failure report describes their pages). */
export const liveEnvironments = (): ReadonlySet<E2EEnvironment> => live;

/**
 * E2E_BASE_URL (with E2E_ADMIN_PASSWORD) runs the tests against a server that is already
 * running, e.g. `npm run dev`; otherwise a fresh one is started on a free port.
 */
export async function startEnvironment(serverOptions: ServerOptions = {}): Promise<E2EEnvironment> {
  let server: TestServer | null = null;
  let baseURL = process.env.E2E_BASE_URL ?? '';
  let adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';
  if (!baseURL) {
    await ensureWebBuilt();
    server = await startServer(serverOptions);
    baseURL = server.baseURL;
    adminPassword = server.adminPassword;
  }
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server?.stop();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const env: E2EEnvironment = {
    baseURL,
    adminPassword,
    browser,
    openPage: async () => {
      const { context, page } = await newPage(browser, baseURL);
      contexts.push(context);
      return page;
    },
    serverOutput: () => server?.output() ?? '',
    close: async () => {
      live.delete(env);
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server?.stop();
    },
  };
  live.add(env);
  return env;
}

/**
 * Saves a screenshot: for the README under docs/screenshots/<name>.png when UPDATE_SCREENSHOTS=1,
 * otherwise in the temp folder (a test run leaves the work tree as it found it).
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOT_DIR : join(tmpdir(), 'certguard-screenshots');
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.png`;
  // A full-page capture of a scrolled page misplaces the sticky header.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}
