#!/usr/bin/env node
// Benchmark: restoring a large database on start (issue 5). Generating 100k hazards inside the
// page takes many minutes on a loaded machine, so this bench builds the stored state directly:
// a real database saved by the app, then MB megabytes (default 96, the size of a ~100k-hazard
// database) of extra chunks in the same IndexedDB layout, the stored size set to match. On reload
// the page reads every chunk into its VFS (what a real city-scale database costs) and SQLite opens
// the real database at the front. Reports the restore (lock + IndexedDB read + copy into wasm,
// from script start) and navigation -> ready. Usage: node bench/web_restore.mjs [MB=96] [runs=3]
import { launch, fileUrl, openApp, waitSaved, TEST_OFFICE } from '../tests/e2e/harness.mjs';

const mb = Number(process.argv[2] || 96);
const runs = Number(process.argv[3] || 3);
const b = await launch();
try {
  const { page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=bench-restore`));
  await page.evaluate(() => window.hazardLedger.testCreateEnterprise('恢复测试企业'));
  await waitSaved(page);
  const info = await page.evaluate(async (megabytes) => {
    const S = Module.hzStorage;
    const db = S.db;
    const cs = Module._hz_vfs_chunk_size();
    const meta = await new Promise((r) => { const q = db.transaction('meta').objectStore('meta').get('main'); q.onsuccess = () => r(q.result); });
    const first = Math.ceil(meta.size / cs);
    const count = Math.round(megabytes * 1048576 / cs);
    const chunk = new Uint8Array(cs);
    for (let i = 0; i < cs; i++) chunk[i] = (i * 131) & 255;
    for (let start = 0; start < count; start += 500) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['chunks'], 'readwrite');
        for (let k = start; k < Math.min(count, start + 500); k++) tx.objectStore('chunks').put(chunk.slice().buffer, first + k);
        tx.oncomplete = resolve; tx.onerror = () => reject(tx.error);
      });
    }
    const size = (first + count) * cs;
    await new Promise((r) => { const tx = db.transaction(['meta'], 'readwrite'); tx.objectStore('meta').put({ ...meta, size }, 'main'); tx.oncomplete = r; });
    return { size, chunks: first + count, chunkSize: cs };
  }, mb);
  console.log(`stored state: ${(info.size / 1048576).toFixed(1)} MB in ${info.chunks} chunks of ${info.chunkSize / 1024} KiB`);
  for (let run = 1; run <= runs; run++) {
    const t0 = Date.now();
    await page.reload();
    await page.evaluate(() => window.hazardLedger.ready);
    const ready = Date.now() - t0;
    const s = await page.evaluate(() => window.hazardLedger.storage());
    const names = await page.evaluate(() => window.hazardLedger.query('SELECT name FROM enterprise').map((r) => r.name));
    console.log(`run ${run}: ${(s.restoredBytes / 1048576).toFixed(1)} MB restored ${s.restoreMs.toFixed(0)} ms after script start ` +
      `(copy into wasm ${s.copyMs.toFixed(0)} ms); navigation -> ready ${ready} ms; data intact: ${names.includes('恢复测试企业')}`);
  }
} finally {
  await b.close();
}
