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

// A real mouse click at the centre of a widget, the way a person clicks: move there, let the app
// draw a frame with the pointer over it (ImGui decides hover per frame), press, release.
// A real mouse click in the middle of an items() entry: move, hover a moment, press, release.
export async function clickAt(page, it) {
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await page.waitForTimeout(80);
  await page.mouse.down();
  await page.waitForTimeout(40);
  await page.mouse.up();
  return it;
}

export async function click(page, label) {
  return clickAt(page, await findItem(page, label));
}

export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  return file;
}

// ---- platform tests (persistence, tabs, input, files) -------------------------------------------
// A Chromium the test can SIGKILL: started directly (own process group), driven over CDP.
export async function launchKillable({ profileDir, deviceScaleFactor } = {}) {
  const { spawn } = await import('node:child_process');
  const args = [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0',
    '--window-size=1366,768', ...(deviceScaleFactor ? [`--force-device-scale-factor=${deviceScaleFactor}`] : []), 'about:blank'];
  const proc = spawn(CHROMIUM, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${buf}`)), 30000);
    proc.stderr.on('data', (d) => {
      buf += d;
      const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${buf}`)));
  });
  proc.stderr.resume();
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0];
  const kill = async () => {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r() : proc.once('exit', r)));
  };
  const close = async () => { await browser.close().catch(() => {}); await kill(); };
  return { browser, context, pid: proc.pid, kill, close };
}

export function tempProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hz-profile-'));
}

export const TEST_OFFICE = 'test=1&office=' + encodeURIComponent('孝陵卫街道安委办') + '&division=320102003';

export async function enterpriseNames(page) {
  const rows = await page.evaluate(() => window.hazardLedger.query('SELECT name FROM enterprise ORDER BY name'));
  return rows.map((r) => r.name);
}

export async function waitSaved(page, timeout = 5000) {
  await page.waitForFunction(() => window.hazardLedger.state().save === '已保存', null, { timeout });
}

// The native command-line tool (built by the native presets), or null.
export function cliPath() {
  for (const p of [process.env.HZ_CLI, path.join(ROOT, 'build/native-debug/src/hazard-ledger'),
    path.join(ROOT, 'build/native-release/src/hazard-ledger')]) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

// ---- helpers shared by the UI tests ----------------------------------------------------------------
// Rows of a read-only SELECT through test mode.
export const query = (page, sql) => page.evaluate((s) => window.hazardLedger.query(s), sql);

// Click a field by its visible label, clear it, and type (insertText handles Chinese).
// Resolves once the app has drawn `n` more frames (the loop draws after any input).
export async function nextFrames(page, n = 2) {
  const frames = () => page.evaluate(() => window.hazardLedger.state().frames);
  const start = await frames();
  await waitFor(page, async () => (await frames()) >= start + n, `${n} more frames`);
}

// Resolves once a text field of the app is active: the page's text input bridge (a textarea that
// receives keys, IME and paste) has the focus. That happens in the frame that handles the click,
// so text sent before it would land nowhere.
export async function textInputReady(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA', null,
    { timeout: 5000 });
  await nextFrames(page, 2); // the click itself may still be ahead when the bridge had the focus already
}

// Clicks a text field and replaces its text.
export async function typeInto(page, label, text) {
  await click(page, label);
  await textInputReady(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
  await nextFrames(page, 1);
}

// Polls `fn` until it returns something truthy (returned), or fails naming `what`.
export async function waitFor(page, fn, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}
