// Files (issue 5): export downloads <office>-<YYYYMMDD>.ledger.json that the native CLI
// validates; that file imported by the file picker and by a synthetic drop into fresh databases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, fileUrl, openApp, state, click, cliPath, RESULTS, TEST_OFFICE } from './harness.mjs';

let b;
let exported = null;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });
const URL = (db) => fileUrl('hazard-ledger.html', `${TEST_OFFICE}&testpanel=1&db=${db}`);

async function counts(page) { return (await state(page)).counts; }

test('export produces a download named <office>-<YYYYMMDD>.ledger.json that validates', async (t) => {
  const { page } = await openApp(b.context, URL('export'));
  await page.evaluate(() => window.hazardLedger.testGenerate(60, 8));
  const download = page.waitForEvent('download', { timeout: 30000 });
  await click(page, '导出文件');
  const d = await download;
  assert.match(d.suggestedFilename(), /^孝陵卫街道安委办-\d{8}\.ledger\.json$/);
  fs.mkdirSync(RESULTS, { recursive: true });
  exported = path.join(RESULTS, 'exported.ledger.json');
  await d.saveAs(exported);
  const json = JSON.parse(fs.readFileSync(exported, 'utf8'));
  assert.equal(json.format, 'hazard-ledger');
  assert.equal(json.hazards.length, 60);
  assert.equal((await state(page)).lastExport, d.suggestedFilename());
  const cli = cliPath();
  if (!cli) { t.skip('native hazard-ledger not built'); return; }
  execFileSync(cli, ['validate', exported], { stdio: 'pipe' }); // throws on a non-zero exit
  await page.close();
});

test('import by the file picker', async () => {
  assert.ok(exported, 'needs the exported file');
  const { page } = await openApp(b.context, URL('picker'));
  const before = await counts(page);
  assert.equal(before.hazards, 0);
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await click(page, '导入文件');
  await (await chooser).setFiles(exported);
  await page.waitForFunction(() => window.hazardLedger.state().counts.hazards === 60, null, { timeout: 30000 });
  assert.match((await state(page)).notice, /已导入/);
  await page.close();
});

test('import by dropping the file on the window', async () => {
  assert.ok(exported, 'needs the exported file');
  const { page } = await openApp(b.context, URL('drop'));
  const text = fs.readFileSync(exported, 'utf8');
  const accepted = await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.ledger.json', { type: 'application/json' }));
    const canvas = document.getElementById('canvas');
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
    canvas.dispatchEvent(over);
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    canvas.dispatchEvent(drop);
    return over.defaultPrevented && drop.defaultPrevented;
  }, text);
  assert.ok(accepted, 'the page accepts dropped files');
  await page.waitForFunction(() => window.hazardLedger.state().counts.hazards === 60, null, { timeout: 30000 });
  await page.close();
});

test('a file that is not a ledger is refused with a Chinese message, nothing changes', async () => {
  const { page } = await openApp(b.context, URL('bad'));
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await click(page, '导入文件');
  const bad = path.join(RESULTS, 'not-a-ledger.json');
  fs.writeFileSync(bad, '{"hello": 1}');
  await (await chooser).setFiles(bad);
  await page.waitForFunction(() => /未能导入/.test(window.hazardLedger.state().notice), null, { timeout: 10000 });
  assert.equal((await counts(page)).hazards, 0);
  await page.close();
});
