// A ledger import runs a part per frame with a progress bar and a 取消 button (issue 14): cancelled
// half way, the database holds nothing of the file; imported again to the end, it holds all of it.
// ?importstep=N (bytes per frame) makes the import take many frames; the test waits only on the
// app's state, never on the clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, fileUrl, openApp, state, click, waitFor, query, RESULTS } from './harness.mjs';

const url = (name, division, extra = '') =>
  fileUrl('hazard-ledger.html', `test=1&office=${encodeURIComponent(name)}&division=${division}${extra}`);
let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });

const rows = async (page, table) => (await query(page, `SELECT count(*) AS n FROM ${table}`))[0].n;

test('cancel an import half way: nothing of the file is kept; the whole import then holds it all', async () => {
  const town = (await openApp(b.context, url('东湖街道安委办', '320102003', '&db=cancel-town'))).page;
  await town.evaluate(() => window.hazardLedger.testGenerate(120, 12));
  await click(town, '数据交换');
  const download = town.waitForEvent('download', { timeout: 120000 });
  await click(town, '导出台账文件');
  const d = await download;
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, 'cancel-source.ledger.json.gz');
  await d.saveAs(file);
  await town.close();

  const size = fs.statSync(file).size;
  const step = Math.max(512, Math.floor(size / 40)); // about 40 frames
  const city = (await openApp(b.context, url('区安委办', '320102', `&db=cancel-city&importstep=${step}`))).page;
  const before = { hazards: await rows(city, 'hazard'), events: await rows(city, 'history_event') };
  await click(city, '数据交换');
  const chooser = city.waitForEvent('filechooser', { timeout: 10000 });
  await click(city, '导入台账文件…');
  await (await chooser).setFiles(file);
  const running = await waitFor(city, async () => {
    const s = await state(city);
    return s.job.startsWith('正在导入') && s.jobCancellable && s.jobProgress > 0.2 && s.jobProgress < 0.8 ? s : null;
  }, 'the import half way', 60000);
  assert.match(running.job, /已读 [\d.]+ \/ [\d.]+ [KM]B/);
  await click(city, '取消');
  await waitFor(city, async () => (await state(city)).notice.includes('已取消导入'), 'the cancel', 30000);
  const after = await state(city);
  assert.equal(after.job, '');
  assert.equal(after.counts.hazards, before.hazards, 'the figures in the same frame as the notice');
  assert.match(after.notice, /数据库未作任何修改/);
  assert.equal(await rows(city, 'hazard'), before.hazards);
  assert.equal(await rows(city, 'history_event'), before.events);
  assert.equal(await rows(city, 'known_office'), 0, 'the sender is not remembered either');

  const chooser2 = city.waitForEvent('filechooser', { timeout: 10000 });
  await click(city, '导入台账文件…');
  await (await chooser2).setFiles(file);
  await waitFor(city, async () => (await state(city)).notice.includes('已导入 cancel-source'), 'the whole import', 120000);
  assert.equal((await state(city)).counts.hazards, before.hazards + 120);
  assert.equal(await rows(city, 'known_office'), 1);
  await city.close();
});
