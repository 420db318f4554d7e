// The first-run wizard with sample data, then the ledger table: filtering by status, sorting by a
// column header, opening a hazard, and drilling down from the dashboard. Real mouse and keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, items, state, click, findItem, screenshot, textInputReady, nextFrames, waitFor }
  from './harness.mjs';

let browser, page;
const q = (sql) => page.evaluate((s) => window.hazardLedger.query(s), sql);

async function typeInto(label, text) {
  await click(page, label);
  await textInputReady(page);
  await page.keyboard.type(text);
}

// Hazard numbers of the rows drawn in the last frame (the number cell is a labelled widget).
async function visibleNumbers() {
  return (await items(page)).map((i) => i.label).filter((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l));
}

before(async () => {
  browser = await launch();
  ({ page } = await openApp(browser.context, fileUrl('hazard-ledger.html', 'test=1')));
});
after(async () => { await browser?.close(); });

test('first run: the wizard refuses a bad division code, then loads marked sample data', async () => {
  await findItem(page, '单位名称');
  await typeInto('单位名称', 'Donghu Street Safety Office');
  await typeInto('区划代码', '32010');
  await typeInto('操作人员', 'zhangwei');
  await click(page, '下一步');
  // Still on step one: the division code was refused (no office saved).
  await findItem(page, '区划代码');
  let rows = await q("SELECT name FROM office WHERE name <> ''");
  assert.equal(rows.length, 0, 'a refused identity must not be saved');
  await click(page, '区划代码');
  await textInputReady(page);
  await page.keyboard.press('End');
  await page.keyboard.type('2003');
  await click(page, '下一步');
  await click(page, '载入示例数据');
  await page.waitForFunction(() => window.hazardLedger.state().counts.hazards === 400, null, { timeout: 30000 });
  const s = await state(page);
  assert.equal(s.office, 'Donghu Street Safety Office');
  assert.equal(s.counts.enterprises, 60);
  rows = await q("SELECT value FROM settings WHERE key = 'sample_data'");
  assert.equal(rows[0]?.value, '1');
  await screenshot(page, 'dashboard-sample.png');
});

test('the ledger filters by status and every visible row matches', async () => {
  await click(page, '隐患台账');
  await page.waitForFunction(() => window.hazardLedger.state().screen === '隐患台账');
  assert.ok((await visibleNumbers()).length >= 10, 'the table shows rows');
  await click(page, '状态');
  await click(page, '待验收');
  await nextFrames(page, 1); // the filter applies in the frame of the click; one more frame in any case
  const shown = await visibleNumbers();
  assert.ok(shown.length > 0, 'some hazards are 待验收 in the sample');
  const list = shown.map((n) => `'${n}'`).join(',');
  const statuses = await q(`SELECT DISTINCT status FROM hazard WHERE number IN (${list})`);
  assert.deepEqual(statuses.map((r) => r.status), ['待验收']);
  const [{ n }] = await q("SELECT count(*) AS n FROM hazard WHERE status = '待验收'");
  assert.ok(shown.length <= n);
  await click(page, '清除筛选');
});

test('clicking a column header sorts the table by it', async () => {
  const order = async () => {
    const nums = await visibleNumbers();
    const rows = await q(`SELECT number, deadline FROM hazard WHERE number IN (${nums.map((x) => `'${x}'`).join(',')})`);
    const byNum = Object.fromEntries(rows.map((r) => [r.number, r.deadline || '']));
    return nums.map((x) => byNum[x]);
  };
  await click(page, '整改期限');
  await nextFrames(page, 1); // at the top the new order shows in the frame of the click, else in the next one
  const asc = await order();
  assert.ok(asc.length > 5);
  assert.deepEqual(asc, [...asc].sort(), `ascending by 整改期限: ${asc.join(',')}`);
  await click(page, '整改期限');
  await nextFrames(page, 1);
  const desc = await order();
  assert.deepEqual(desc, [...desc].sort().reverse(), `descending by 整改期限: ${desc.join(',')}`);
  await screenshot(page, 'ledger-sorted.png');
});

test('clicking a row opens the hazard with its workflow and history', async () => {
  const [first] = await visibleNumbers();
  await click(page, first);
  await findItem(page, '基本信息');
  await click(page, '历史记录');
  await nextFrames(page, 1); // a tab shows its contents from the frame after the one that selected it
  await screenshot(page, 'hazard-history.png');
  await click(page, '关闭');
  await waitFor(page, async () => !(await items(page)).some((i) => i.label === '基本信息'), 'the hazard window to close');
});

test('a dashboard bar opens the ledger filtered to that township', async () => {
  await click(page, '总览');
  await page.waitForFunction(() => window.hazardLedger.state().screen === '总览');
  const towns = await q("SELECT value AS name, code FROM dictionary WHERE kind = 'township' ORDER BY code");
  assert.ok(towns.length >= 2);
  const target = towns[1];
  await click(page, target.name);
  await page.waitForFunction(() => window.hazardLedger.state().screen === '隐患台账');
  await nextFrames(page, 1);
  const shown = await visibleNumbers();
  assert.ok(shown.length > 0);
  const codes = await q(`SELECT DISTINCT substr(division_code, 1, 9) AS c FROM hazard WHERE number IN (${shown.map((x) => `'${x}'`).join(',')})`);
  assert.deepEqual(codes.map((r) => r.c), [target.code]);
});
