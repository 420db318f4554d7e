// Two offices exchange ledgers through 数据交换 (issue 10), each in its own browser profile: both
// hold the same ledger, both change the same hazard's 整改措施, they send each other UI-exported
// files, and converge: the same records on both sides, and each sees the conflict listed with the
// hazard's number and both values, who made them and in which office.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, fileUrl, openApp, state, click, clickAt, items, findItem, typeInto, waitFor, query, screenshot, RESULTS,
  exportLedgerFile, chooseLedgerFile } from './harness.mjs';

const url = (name, division) =>
  fileUrl('hazard-ledger.html', `test=1&office=${encodeURIComponent(name)}&division=${division}`);
let east, south;
before(async () => { [east, south] = await Promise.all([launch(), launch()]); });
after(async () => { await east?.close(); await south?.close(); });

const exportFile = exportLedgerFile;

async function importFile(page, file) {
  await chooseLedgerFile(page, file);
  const name = path.basename(file);
  await waitFor(page, async () => (await state(page)).notice.includes(`已导入 ${name}`), `the import of ${name}`, 120000);
}

// The topmost widget with the label (the hazard window lies over the ledger).
async function clickTop(page, label) {
  const hits = await waitFor(page, async () => {
    const all = (await items(page)).filter((i) => i.label === label);
    return all.length ? all : null;
  }, `a widget labelled ${label}`, 10000);
  return clickAt(page, hits[hits.length - 1]);
}

// Finds the hazard by its number through the ledger search, opens it and changes 整改措施.
async function changeMeasures(page, number, text) {
  await click(page, '隐患台账');
  await typeInto(page, '搜索', number.slice(-9)); // the tail people quote, e.g. KQTM-0003
  await page.keyboard.press('Enter');
  await click(page, number);
  await clickTop(page, '整改计划');
  await clickTop(page, '整改措施');
  await typeInto(page, '整改措施', text);
  await clickTop(page, '保存修改');
  await waitFor(page, async () => (await query(page, `SELECT measures FROM hazard WHERE number = '${number}'`))[0]?.measures === text,
    'the new measures to be saved');
  await clickTop(page, '关闭');
}

test('two offices edit the same hazard, exchange files both ways, converge and see the conflict', async () => {
  const A = await openApp(east.context, url('东湖街道安委办', '320102003'));
  const B = await openApp(south.context, url('城南街道安委办', '320102005'));
  await A.page.evaluate(() => window.hazardLedger.testGenerate(30, 6));
  const base = await exportFile(A.page, 'exchange-base.ledger.json.gz');
  await importFile(B.page, base);
  assert.equal((await state(B.page)).counts.hazards, 30);

  const [target] = await query(A.page, "SELECT number FROM hazard WHERE status <> '已销号' ORDER BY number LIMIT 1");
  assert.match(target.number, /^320102003-\d{4}-[A-Z]{4}-\d{4}$/, 'numbers carry the office token');
  await changeMeasures(A.page, target.number, '更换失效的监测报警装置');
  await changeMeasures(B.page, target.number, '停用该设备并设置警示标志');

  const fromA = await exportFile(A.page, 'exchange-east.ledger.json.gz');
  const fromB = await exportFile(B.page, 'exchange-south.ledger.json.gz');
  await importFile(A.page, fromB);
  await importFile(B.page, fromA);

  // Converged: the same version of every record on both sides, one open conflict each.
  const recs = (p) => query(p, 'SELECT id, rev, measures FROM hazard ORDER BY id');
  assert.deepEqual(await recs(A.page), await recs(B.page));
  const open = (p) => query(p, "SELECT count(*) AS n FROM conflict WHERE resolved_at = ''");
  assert.equal((await open(A.page))[0].n, 1);
  assert.equal((await open(B.page))[0].n, 1);

  // Each office sees it in 数据交换: the hazard by its number, both values, both offices.
  for (const [who, page] of [['east', A.page], ['south', B.page]]) {
    await click(page, '数据交换');
    await findItem(page, new RegExp('^' + target.number.replace(/[-]/g, '\\-')));
    await findItem(page, '更换失效的监测报警装置');
    await findItem(page, '停用该设备并设置警示标志');
    await screenshot(page, `exchange-conflict-${who}.png`);
    // 对比两个版本 shows every field side by side.
    await click(page, '对比两个版本');
    await findItem(page, '关闭'); // the comparison window is open
    await screenshot(page, `exchange-compare-${who}.png`);
    await clickTop(page, '关闭');
  }
  assert.deepEqual(A.errors, []);
  assert.deepEqual(B.errors, []);
});
