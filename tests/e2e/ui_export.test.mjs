// Export through 数据交换 (issue 10): the ledger streams across frames behind a modal progress window
// with 取消; the download is the whole file and is recorded as the last export; 取消 gives no file
// and records nothing. `exportstep=N` makes a small ledger take many frames (docs/test-mode.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, fileUrl, openApp, state, click, findItem, clickAt, waitFor, nextFrames, cliPath, RESULTS,
  ledgerText, TEST_OFFICE } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });
const URL = (db, step) => fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=${db}&exportstep=${step}`);

// Opens a page with generated data on 数据交换 and starts an export with the button.
async function startExport(name, step) {
  const { page, errors } = await openApp(b.context, URL(name, step));
  await page.evaluate(() => window.hazardLedger.testGenerate(60, 8));
  await click(page, '数据交换');
  await waitFor(page, async () => (await state(page)).screen === '数据交换', 'the 数据交换 screen');
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await click(page, '导出台账文件');
  // The progress window: an export job with a fraction, and its 取消 button.
  const running = await waitFor(page, async () => {
    const s = await state(page);
    return s.job.startsWith('正在导出台账') && s.jobProgress > 0 && s.jobProgress < 1 && s;
  }, 'the export progress window', 15000);
  assert.equal(running.jobCancellable, true);
  await findItem(page, '取消');
  return { page, errors, downloads };
}

test('export through 数据交换 shows progress, blocks the UI and downloads the whole ledger', async (t) => {
  const { page, errors, downloads } = await startExport('export-ui', 10);
  // The window is modal: a click on the navigation does nothing while the export runs.
  await click(page, '隐患台账');
  await nextFrames(page, 2);
  assert.notEqual((await state(page)).job, '', 'the export should still be running');
  assert.equal((await state(page)).screen, '数据交换');

  await waitFor(page, async () => downloads.length > 0, 'the download', 60000);
  const d = downloads[0];
  assert.match(d.suggestedFilename(), /^孝陵卫街道安委办-\d{8}\.ledger\.json\.gz$/);
  const s = await waitFor(page, async () => { const st = await state(page); return st.job === '' && st; }, 'the end of the job');
  assert.match(s.notice, /^已导出 /);
  assert.equal(s.lastExport, d.suggestedFilename());
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, 'ui-export.ledger.json.gz');
  await d.saveAs(file);
  const json = JSON.parse(ledgerText(file));
  assert.equal(json.format, 'hazard-ledger');
  assert.equal(json.hazards.length, 60);
  assert.equal(json.enterprises.length, 8);
  assert.ok(json.events.length > 60);
  assert.deepEqual(errors, []);
  const cli = cliPath();
  if (!cli) { t.skip('native hazard-ledger not built'); return; }
  execFileSync(cli, ['validate', file], { stdio: 'pipe' }); // throws on a non-zero exit (checksum included)
  await page.close();
});

test('取消 stops the export: no file, no download, nothing recorded', async () => {
  const { page, errors, downloads } = await startExport('export-cancel', 3);
  await clickAt(page, await findItem(page, '取消'));
  const s = await waitFor(page, async () => { const st = await state(page); return st.job === '' && st; }, 'the job to end');
  assert.match(s.notice, /已取消导出/);
  assert.equal(s.lastExport, '');
  const rows = await page.evaluate(() => window.hazardLedger.query("SELECT count(*) AS n FROM settings WHERE key = 'last_export_at'"));
  assert.equal(rows[0].n, 0, 'a cancelled export must not be recorded');
  await nextFrames(page, 3);
  assert.equal(downloads.length, 0);
  assert.deepEqual(errors, []);
  await page.close();
});
