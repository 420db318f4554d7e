// Files (issue 5): export downloads <office>-<YYYYMMDD>.ledger.json.gz (gzip) that the native CLI
// validates; that file imported by the file picker and by a synthetic drop into fresh databases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, fileUrl, openApp, state, click, cliPath, ledgerText, RESULTS, TEST_OFFICE } from './harness.mjs';

let b;
let exported = null;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });
const URL = (db) => fileUrl('hazard-ledger.html', `${TEST_OFFICE}&testpanel=1&db=${db}`);

async function counts(page) { return (await state(page)).counts; }

test('export produces a compressed download named <office>-<YYYYMMDD>.ledger.json.gz that validates', async (t) => {
  const { page } = await openApp(b.context, URL('export'));
  await page.evaluate(() => window.hazardLedger.testGenerate(60, 8));
  const download = page.waitForEvent('download', { timeout: 30000 });
  await click(page, '导出文件');
  const d = await download;
  assert.match(d.suggestedFilename(), /^孝陵卫街道安委办-\d{8}\.ledger\.json\.gz$/);
  fs.mkdirSync(RESULTS, { recursive: true });
  exported = path.join(RESULTS, 'exported.ledger.json.gz');
  await d.saveAs(exported);
  const raw = fs.readFileSync(exported);
  assert.deepEqual([raw[0], raw[1]], [0x1f, 0x8b], 'the download is gzip');
  const json = JSON.parse(ledgerText(exported));
  assert.ok(raw.length * 3 < Buffer.byteLength(JSON.stringify(json)), 'compressed to well under a third');
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

test('import by dropping the file, uncompressed, on the window', async () => {
  assert.ok(exported, 'needs the exported file');
  const { page } = await openApp(b.context, URL('drop'));
  const text = ledgerText(exported); // plain JSON: the app takes both forms
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
  // A compressed export cut short (a download or copy that did not finish): refused, with the reason.
  assert.ok(exported, 'needs the exported file');
  const raw = fs.readFileSync(exported);
  const cut = path.join(RESULTS, 'cut.ledger.json.gz');
  fs.writeFileSync(cut, raw.subarray(0, Math.floor(raw.length / 2)));
  const chooser2 = page.waitForEvent('filechooser', { timeout: 10000 });
  await click(page, '导入文件');
  await (await chooser2).setFiles(cut);
  await page.waitForFunction(() => /压缩文件不完整/.test(window.hazardLedger.state().notice), null, { timeout: 10000 });
  assert.equal((await counts(page)).hazards, 0);
  await page.close();
});
