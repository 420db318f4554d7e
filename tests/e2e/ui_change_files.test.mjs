// Weekly change files through 数据交换 (issue 14): a township exports numbered change files for its
// district; the district imports the second one first and is told which file is missing, then the
// first one, and holds every hazard. Waits only on the app's state, never on the clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, fileUrl, openApp, state, click, typeInto, waitFor, ledgerText, RESULTS } from './harness.mjs';

const url = (name, division, db) =>
  fileUrl('hazard-ledger.html', `test=1&office=${encodeURIComponent(name)}&division=${division}&db=${db}`);
let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });

async function exportChanges(page, button, file) {
  const download = page.waitForEvent('download', { timeout: 120000 });
  await click(page, button);
  const d = await download;
  await waitFor(page, async () => (await state(page)).job === '', 'the end of the export', 60000);
  fs.mkdirSync(RESULTS, { recursive: true });
  const out = path.join(RESULTS, file);
  await d.saveAs(out);
  return { out, name: d.suggestedFilename() };
}

async function importFile(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await click(page, '导入台账文件…');
  await (await chooser).setFiles(file);
  await waitFor(page, async () => (await state(page)).notice.includes(`已导入 ${path.basename(file)}`),
    `the import of ${file}`, 120000);
  return (await state(page)).notice;
}

test('numbered change files: the missing one is named, and the late one completes the ledger', async () => {
  const town = (await openApp(b.context, url('东湖街道安委办', '320102003', 'town'))).page;
  await town.evaluate(() => window.hazardLedger.testGenerate(5, 2));
  await click(town, '数据交换');
  await typeInto(town, '接收单位', '区安委办');
  const first = await exportChanges(town, '导出变更文件', 'week1.ledger.json.gz');
  assert.match(first.name, /^东湖街道安委办-变更第1号-给区安委办-\d{8}\.ledger\.json\.gz$/);
  assert.match((await state(town)).notice, /第 1 号变更文件/);
  const one = JSON.parse(ledgerText(first.out));
  assert.deepEqual(one.scope, { type: 'changes', to: '区安委办', number: 1, after: 0 });
  assert.equal(one.hazards.length, 5);

  await town.evaluate(() => window.hazardLedger.testGenerate(3, 1));
  await click(town, '数据交换');
  const second = await exportChanges(town, '导出变更 区安委办', 'week2.ledger.json.gz');
  const two = JSON.parse(ledgerText(second.out));
  assert.deepEqual(two.scope, { type: 'changes', to: '区安委办', number: 2, after: 1 });
  assert.equal(two.hazards.length, 3, 'only what changed since the first file');

  const district = (await openApp(b.context, url('区安委办', '320102', 'district'))).page;
  await click(district, '数据交换');
  const early = await importFile(district, second.out);
  assert.match(early, /缺少东湖街道安委办发来的第 1 号变更文件/);
  assert.equal((await state(district)).counts.hazards, 3);
  const late = await importFile(district, first.out);
  assert.doesNotMatch(late, /缺少/);
  assert.equal((await state(district)).counts.hazards, 8);
  await town.close();
  await district.close();
});
