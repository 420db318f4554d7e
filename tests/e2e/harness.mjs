// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core, open
// the app in test mode, find widgets by label through window.hazardLedger.items().
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import zlib from 'node:zlib';
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

// ---- frames: every step waits for the app, never for the clock ------------------------------------
// The app draws a frame after any input (and about once a second when idle). `state().frames`
// counts drawn frames; `state().pendingInput` counts input events the app has received but not
// handled yet (ImGui takes queued events at the start of a frame, a press and its release in
// different frames). The waits run inside the page, one animation frame at a time, so each costs
// one round trip to the browser.
export async function frameCount(page) {
  return page.evaluate(() => window.hazardLedger.state().frames);
}

// In the page: resolves once a frame has been drawn after this call and the app's input queue is
// empty (the frame that took the last input event is drawn), with `find` (optional, {id, label,
// x, y}) looked up again in that frame: the nearest widget with the same label, one with the same
// id first (a field's id can change while its window settles), or null.
function afterInputInPage({ timeout, find }) {
  const hl = window.hazardLedger;
  const start = hl.state().frames;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const s = hl.state();
      if (s.frames > start && s.pendingInput === 0) {
        if (!find) return resolve(null);
        const d = (i) => (i.id === find.id ? 0 : 1e9) + Math.hypot(i.x - find.x, i.y - find.y);
        return resolve(hl.items().filter((i) => i.label === find.label).sort((a, b) => d(a) - d(b))[0] || null);
      }
      if (performance.now() - t0 > timeout) {
        return reject(new Error(`the app did not handle the input (frames ${start} -> ${s.frames}, pending ${s.pendingInput})`));
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

// Resolves once the app has handled all input sent so far and drawn the frame that took the last
// of it.
export async function inputHandled(page, { timeout = 10000 } = {}) {
  await page.evaluate(afterInputInPage, { timeout });
}

// Resolves once the app has drawn `n` more frames.
export async function nextFrames(page, n = 2, { timeout = 10000 } = {}) {
  await page.evaluate(({ n, timeout }) => {
    const hl = window.hazardLedger;
    const end = hl.state().frames + n;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const tick = () => {
        const f = hl.state().frames;
        if (f >= end) return resolve();
        if (performance.now() - t0 > timeout) return reject(new Error(`the app drew ${f - end + n} of ${n} more frames`));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, { n, timeout });
}

// The widget whose visible label is exactly `label` (or matches a RegExp), waiting until a frame
// shows it; `last` picks the last one drawn (the topmost, e.g. in a window over the ledger).
export async function findItem(page, label, { timeout = 10000, last = false } = {}) {
  const spec = label instanceof RegExp ? { source: label.source, flags: label.flags } : { text: label };
  const r = await page.evaluate(({ spec, last, timeout }) => {
    const hl = window.hazardLedger;
    const re = spec.text === undefined ? new RegExp(spec.source, spec.flags) : null;
    const t0 = performance.now();
    return new Promise((resolve) => {
      const tick = () => {
        const all = hl.items();
        const hits = all.filter((it) => (re ? re.test(it.label) : it.label === spec.text));
        if (hits.length) return resolve({ hit: hits[last ? hits.length - 1 : 0] });
        if (performance.now() - t0 > timeout) return resolve({ labels: all.map((i) => i.label) });
        requestAnimationFrame(tick);
      };
      tick();
    });
  }, { spec, last, timeout });
  if (r.hit) return r.hit;
  throw new Error(`no widget labelled ${label} in the last frame; labels: ${r.labels.join(' | ')}`);
}

const rectText = (r) => `${r.x},${r.y} ${r.w}x${r.h}`;
const sameRect = (a, b) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.w - b.w) < 0.5 &&
  Math.abs(a.h - b.h) < 0.5;

// A real mouse click in the middle of a widget, the way a person clicks, paced by the app's frames.
// Move there and let the app draw a frame with the pointer there: ImGui decides hover per frame,
// from the windows of the frame before. A window that just appeared settles over its first frames
// (a form's table sizes its columns, a popup its size), so the widget is looked up again in that
// frame: if it moved, the pointer follows it. Then press, let a frame take the press, release,
// and return once a frame has taken the release (its effect is in the app's state).
export async function clickAt(page, it, { maxMoves = 10 } = {}) {
  let target = it;
  for (let moves = 1; ; ++moves) {
    await page.mouse.move(target.x + target.w / 2, target.y + target.h / 2);
    const now = await page.evaluate(afterInputInPage, { timeout: 10000, find: target });
    if (!now) throw new Error(`${target.label} was gone before it could be clicked`);
    if (now.id === target.id && sameRect(now, target)) break;
    if (moves >= maxMoves) throw new Error(`${target.label} kept moving: ${rectText(target)} -> ${rectText(now)}`);
    target = now;
  }
  await page.mouse.down();
  await inputHandled(page);
  await page.mouse.up();
  await inputHandled(page);
  return target;
}

export async function click(page, label, options) {
  return clickAt(page, await findItem(page, label, options));
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
// A ledger file as the app downloads it (gzip-compressed) or as plain JSON: its text.
export function ledgerText(file) {
  const bytes = fs.readFileSync(file);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

export const query = (page, sql) => page.evaluate((s) => window.hazardLedger.query(s), sql);

// Resolves once a text field of the app is active: the page's text input bridge (a textarea that
// receives keys, IME and paste) has the focus. The app gives it the focus in the frame that takes
// the press on the field (click() returns after that frame), so text sent before would land nowhere.
export async function textInputReady(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA', null,
    { timeout: 20000, polling: 'raf' });
  await inputHandled(page);
}

// Clicks a text field by its visible label, clears it, and types (insertText handles Chinese);
// resolves once the app has taken the text.
export async function typeInto(page, label, text) {
  await click(page, label);
  await textInputReady(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
  await inputHandled(page);
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

// 数据交换 → 导出台账文件: the downloaded ledger file, saved as RESULTS/name.
export async function exportLedgerFile(page, name) {
  await click(page, '数据交换');
  const download = page.waitForEvent('download', { timeout: 120000 });
  await click(page, '导出台账文件');
  const d = await download;
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await d.saveAs(file);
  return file;
}

// 数据交换 → 导入台账文件…: `file` handed to the file chooser (the import then runs across frames).
export async function chooseLedgerFile(page, file) {
  await click(page, '数据交换');
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await click(page, '导入台账文件…');
  await (await chooser).setFiles(file);
}
