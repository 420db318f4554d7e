#!/usr/bin/env node
// Benchmark (issue 10, on demand, not in CI): a city ledger through the browser UI, in headless
// Chromium, dist/hazard-ledger.html from file:// ($HZ_DIST_DIR as in the browser tests).
// Steps: generate H hazards in the app (testGenerate), reload, export through 数据交换 →
// 导出台账文件 (the streamed export job) and save the download, then import that file through
// 导入台账文件… into a fresh database of the same profile. Prints the time of each step and the wasm
// heap (Module.HEAPU8.length: wasm memory only grows, so the size after a step is its peak), and
// where and how the import fails if it does (a crash of the page, an out-of-memory notice).
// Usage: node bench/web_city.mjs [hazards=100000] [--out FILE] [--profile DIR] [--skip-import]
import { launch, fileUrl, openApp, state, click, waitFor, RESULTS, TEST_OFFICE } from '../tests/e2e/harness.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : def; };
const flag = (name) => { const i = args.indexOf(name); if (i >= 0) args.splice(i, 1); return i >= 0; };
const out = opt('--out', path.join(RESULTS, 'city.ledger.json.gz'));
const profileDir = opt('--profile', fs.mkdtempSync(path.join(os.tmpdir(), 'hz-city-')));
const skipImport = flag('--skip-import');
const hazards = Number(args[0] || 100000);
const enterprises = Math.max(10, Math.round(hazards / 20));
const MB = (n) => `${(n / 1048576).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

const b = await launch({ profileDir });
console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
const heap = (page) => page.evaluate(() => Module.HEAPU8.length);
try {
  // ---- generate, reload ----
  let { page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=city`), { timeout: 300000 });
  if ((await state(page)).counts.hazards < hazards) {
    const t0 = Date.now();
    const gen = await page.evaluate(([h, e]) => window.hazardLedger.testGenerate(h, e), [hazards, enterprises]);
    await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && !window.hazardLedger.storage().saving,
      null, { polling: 500, timeout: 1200000 });
    console.log(`generated ${gen.hazards} hazards, ${gen.enterprises} enterprises and saved in ${s(Date.now() - t0)}; heap ${MB(await heap(page))}`);
  }
  await page.close();
  const tReady = Date.now();
  ({ page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=city`), { timeout: 600000 }));
  const readyMs = Date.now() - tReady;
  const [{ n: dbBytes }] = await page.evaluate(() => window.hazardLedger.query(
    'SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()'));
  const [{ n: events }] = await page.evaluate(() => window.hazardLedger.query('SELECT count(*) AS n FROM history'));
  console.log(`reloaded: ${(await state(page)).counts.hazards} hazards, ${events} events, database ${MB(dbBytes)}, heap ${MB(await heap(page))}`);
  console.log(`ready with the database restored: ${readyMs} ms (new page -> ready)`);

  // ---- export through 数据交换 ----
  await click(page, '数据交换');
  await waitFor(page, async () => (await state(page)).screen === '数据交换', 'the 数据交换 screen');
  const download = page.waitForEvent('download', { timeout: 3600000 });
  const heap0 = await heap(page);
  const t0 = Date.now();
  await click(page, '导出台账文件');
  let lastLog = 0;
  for (;;) {
    const st = await state(page);
    if (st.job === '' && Date.now() - t0 > 1000) break;
    if (Date.now() - lastLog > 15000) {
      lastLog = Date.now();
      console.log(`  ${s(Date.now() - t0)}: ${st.job} ${(st.jobProgress * 100).toFixed(0)}%, heap ${MB(await heap(page))}`);
    }
    await page.waitForTimeout(500);
  }
  const st = await state(page);
  const exportMs = Date.now() - t0;
  console.log(`export: ${s(exportMs)} from the click to the end of the job; heap ${MB(heap0)} -> ${MB(await heap(page))}; ` +
    `notice: ${st.notice.split('\n')[0]}`);
  if (!st.notice.startsWith('已导出')) throw new Error('the export failed: ' + st.notice);
  const d = await download;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await d.saveAs(out);
  console.log(`file ${d.suggestedFilename()}: ${MB(fs.statSync(out).size)} saved as ${out}`);
  await page.close();

  // ---- import into a fresh database ----
  if (!skipImport) {
    const { page: p2, errors } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=city-import`),
      { timeout: 300000 });
    let crashed = false;
    p2.on('crash', () => { crashed = true; });
    await click(p2, '数据交换');
    const h0 = await heap(p2);
    const chooser = p2.waitForEvent('filechooser', { timeout: 30000 });
    const t1 = Date.now();
    await click(p2, '导入台账文件…');
    await (await chooser).setFiles(out);
    let outcome = '';
    lastLog = 0;
    for (;;) {
      if (crashed) { outcome = 'the page crashed'; break; }
      let st2;
      try { st2 = await state(p2); } catch (e) { outcome = `the page stopped answering: ${e.message.split('\n')[0]}`; break; }
      if (st2.counts.hazards >= hazards) { outcome = 'imported'; break; }
      if (st2.job === '' && st2.notice && Date.now() - t1 > 2000) { outcome = 'notice: ' + st2.notice.split('\n').slice(0, 3).join(' / '); break; }
      if (Date.now() - lastLog > 15000) {
        lastLog = Date.now();
        console.log(`  ${s(Date.now() - t1)}: ${st2.job || '(no job)'} heap ${MB(await heap(p2).catch(() => 0))}`);
      }
      if (Date.now() - t1 > 3600000) { outcome = 'no result within an hour'; break; }
      await p2.waitForTimeout(1000);
    }
    const h1 = await heap(p2).catch(() => NaN);
    console.log(`import: ${outcome} after ${s(Date.now() - t1)}; heap ${MB(h0)} -> ${Number.isFinite(h1) ? MB(h1) : '?'}`);
    if (errors.length) console.log('page errors:\n  ' + errors.slice(0, 10).join('\n  '));
  }
} finally {
  await b.close();
}
