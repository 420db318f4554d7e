#!/usr/bin/env node
// Benchmark of the browser platform (issue 5), headless Chromium, dist/hazard-ledger.html from file://:
//  1. durability latency: commit -> the IndexedDB transaction with its chunks is complete (N edits);
//  2. idle frames: frames drawn during 5 idle seconds;
//  3. (when hazards > 0) restore of a generated database: H hazards are generated in the page
//     (slow: many minutes for 100k on a loaded machine), saved, and the page reloaded.
//     bench/web_restore.mjs measures the restore of a city-sized stored state quickly.
// Usage: node bench/web_persistence.mjs [hazards=0] [edits=20]
import { launch, fileUrl, openApp, state, TEST_OFFICE } from '../tests/e2e/harness.mjs';

const hazards = Number(process.argv[2] || 0);
const edits = Number(process.argv[3] || 20);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = await launch();
try {
  // 1. durability latency on a small database
  let { page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=bench-small`));
  const lat = [];
  for (let i = 0; i < edits; i++) {
    const t0 = Date.now();
    await page.evaluate((n) => window.hazardLedger.testCreateEnterprise(n), `基准企业${i}`);
    await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && window.hazardLedger.state().save === '已保存', null, { polling: 10, timeout: 10000 });
    lat.push({ wall: Date.now() - t0, page: (await page.evaluate(() => window.hazardLedger.storage())).lastSaveMs });
  }
  console.log(`durability latency (commit -> IndexedDB complete), ${edits} edits: median ${median(lat.map((l) => l.page)).toFixed(0)} ms, ` +
    `max ${Math.max(...lat.map((l) => l.page)).toFixed(0)} ms (includes the ${200} ms debounce); wall clock median ${median(lat.map((l) => l.wall))} ms`);

  // 2. idle frames
  await page.waitForTimeout(2000);
  const f0 = (await state(page)).frames;
  await page.waitForTimeout(5000);
  console.log(`idle frames in 5 s: ${(await state(page)).frames - f0}`);
  await page.close();

  // 3. restore of a generated database
  if (hazards > 0) {
  ({ page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=bench-${hazards}`), { timeout: 300000 }));
  let t0 = Date.now();
  const gen = await page.evaluate((h) => window.hazardLedger.testGenerate(h, Math.max(10, Math.round(h / 20))), hazards);
  console.log(`generated ${gen.hazards} hazards, ${gen.enterprises} enterprises in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  t0 = Date.now();
  await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && !window.hazardLedger.storage().saving, null, { polling: 100, timeout: 600000 });
  const first = await page.evaluate(() => window.hazardLedger.storage());
  const size = (await page.evaluate(() => window.hazardLedger.query('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')))[0].n;
  console.log(`first save of ${(size / 1048576).toFixed(1)} MB: ${((Date.now() - t0) / 1000).toFixed(1)} s (IndexedDB transaction ${first.lastWriteMs.toFixed(0)} ms)`);
  // One more edit at this size: still a small write.
  await page.evaluate(() => window.hazardLedger.testCreateEnterprise('大库上的一次修改'));
  await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && window.hazardLedger.state().save === '已保存', null, { polling: 10, timeout: 10000 });
  console.log(`one edit at ${hazards} hazards: durable after ${(await page.evaluate(() => window.hazardLedger.storage())).lastSaveMs.toFixed(0)} ms`);
  for (let run = 1; run <= 3; run++) {
    t0 = Date.now();
    await page.reload();
    await page.evaluate(() => window.hazardLedger.ready);
    const ready = Date.now() - t0;
    const s = await page.evaluate(() => window.hazardLedger.storage());
    const n = (await state(page)).counts.hazards;
    console.log(`restore run ${run}: ${n} hazards, ${(s.restoredBytes / 1048576).toFixed(1)} MB read from IndexedDB and in place ` +
      `${s.restoreMs.toFixed(0)} ms after script start (copy into wasm ${s.copyMs.toFixed(0)} ms); navigation -> ready ${ready} ms`);
  }
  }
} finally {
  await b.close();
}
