#!/usr/bin/env node
// Benchmark (issue 13, on demand, not in CI): a 20,000-row .xlsx imported through the browser UI,
// in headless Chromium, dist/hazard-ledger.html from file:// ($HZ_DIST_DIR as in the browser
// tests). The sheet comes from the native sheet_bench (build/native-release/bench/sheet_bench 20000
// FILE). Times: drop → the mapping/preview window shown (read + preview), then 导入 → the hazards
// in the database (one transaction) and saved; the same file dropped again → its preview.
// Usage: node bench/web_sheet.mjs FILE.xlsx
import { launch, fileUrl, openApp, state, click, findItem, waitFor } from '../tests/e2e/harness.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/web_sheet.mjs FILE.xlsx');
  process.exit(2);
}
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const b = await launch({ profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'hz-sheet-')) });
console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
try {
  const { page } = await openApp(b.context,
    fileUrl('hazard-ledger.html', `test=1&office=${encodeURIComponent('全区安委办')}&division=320102&db=sheet`));
  const base64 = fs.readFileSync(file).toString('base64');
  const drop = async () => page.evaluate(({ base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { base64, name: path.basename(file) });

  let t0 = Date.now();
  await drop();
  const button = await findItem(page, /^导入 \d+ 行$/, { timeout: 600000 });
  const previewMs = Date.now() - t0;
  console.log(`drop → preview shown: ${s(previewMs)} (${button.label})`);
  t0 = Date.now();
  await click(page, button.label);
  await waitFor(page, async () => (await state(page)).counts.hazards > 0, 'the hazards in the database', 600000);
  const importMs = Date.now() - t0;
  console.log(`导入 → ${(await state(page)).counts.hazards} hazards in the database: ${s(importMs)}`);
  console.log(`drop → imported: ${s(previewMs + importMs)} (target ≤ 10 s)`);
  await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && !window.hazardLedger.storage().saving,
    null, { polling: 200, timeout: 600000 });
  console.log(`… and saved to IndexedDB: ${s(Date.now() - t0)} after 导入`);
  t0 = Date.now();
  await drop();
  await findItem(page, '导入 0 行', { timeout: 600000 });
  console.log(`the same file again → preview (nothing to import): ${s(Date.now() - t0)}`);
} finally {
  await b.close();
}
