// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core, open
// the app in test mode, find widgets by label through window.hazardLedger.items().
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.HZ_DIST_DIR || path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results');
export const CHROMIUM = process.env.HZ_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--allow-file-access-from-files',
];

// A browser with its own fresh profile (removed on close unless keepProfile).
export async function launch({ profileDir, headless = true } = {}) {
  const dir = profileDir || fs.mkdtempSync(path.join(os.tmpdir(), 'hz-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
  });
  const close = async () => {
    await context.close();
    if (!profileDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { context, profileDir: dir, close };
}

export function fileUrl(name = 'hazard-ledger.html', query = 'test=1') {
  return pathToFileURL(path.join(DIST, name)).href + (query ? `?${query}` : '');
}

export async function serveDist() {
  const server = await startServer({ dir: DIST, port: 0 });
  const { port } = server.address();
  return { url: (q = 'test=1') => `http://127.0.0.1:${port}/index.html${q ? '?' + q : ''}`,
           close: () => new Promise((r) => server.close(r)) };
}

// Opens a page and waits until the app says it is ready. Console errors are collected.
export async function openApp(context, url, { timeout = 60000 } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.hazardLedger && window.hazardLedger.ready, null, { timeout });
  await page.evaluate(() => window.hazardLedger.ready);
  return { page, errors, readyMs: Date.now() - t0 };
}

export async function items(page) {
  return page.evaluate(() => window.hazardLedger.items());
}

export async function state(page) {
  return page.evaluate(() => window.hazardLedger.state());
}

// The widget whose visible label is exactly `label` (or matches a RegExp), waiting for it.
export async function findItem(page, label, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const all = await items(page);
    const hit = all.find((it) => (label instanceof RegExp ? label.test(it.label) : it.label === label));
    if (hit) return hit;
    if (Date.now() > deadline) {
      throw new Error(`no widget labelled ${label} in the last frame; labels: ${all.map((i) => i.label).join(' | ')}`);
    }
    await page.waitForTimeout(50);
  }
}

// A real mouse click at the centre of a widget.
export async function click(page, label) {
  const it = await findItem(page, label);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  return it;
}

export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  return file;
}
