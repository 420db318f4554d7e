// 设置 e2e: add a dictionary value, use it in a record, rename it (the record keeps matching under
// the new name), retire it (gone from pickers, record kept) and restore it; add a township with
// a checked division code; set the backup reminder.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, items, click, findItem, screenshot, query as q, typeInto, waitFor } from './harness.mjs';

const URL = fileUrl('hazard-ledger.html', 'test=1&office=' + encodeURIComponent('东湖街道安委办') + '&division=320102003');
let browser;
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser?.close(); });

const methodRow = (page, value) => q(page, `SELECT id, value, retired FROM dictionary WHERE kind = 'method' AND value = '${value}'`);

test('dictionary values: add, use, rename, retire and restore', async () => {
  const { page, errors } = await openApp(browser.context, URL);
  const entName = '设置测试五金制品有限公司';
  await page.evaluate((n) => window.hazardLedger.testCreateEnterprise(n), entName);

  await click(page, '设置');
  await click(page, '字典维护');
  await click(page, '字典类别');
  await click(page, '检查方式');
  await typeInto(page, '新字典项', '夜查');
  await click(page, '添加字典项');
  await findItem(page, '已添加“夜查”');
  assert.equal((await methodRow(page, '夜查')).length, 1);

  // Record an inspection with the new method (through the 检查记录 form).
  await click(page, '检查记录');
  await click(page, '登记检查');
  await typeInto(page, '检查时间', '2026-04-01');
  await click(page, '被检查企业');
  await click(page, new RegExp('^' + entName));
  await click(page, '检查方式');
  await click(page, '夜查');
  await click(page, '保存检查记录');
  await waitFor(page, async () => (await q(page, "SELECT count(*) AS n FROM inspection WHERE method = '夜查'"))[0].n === 1,
                'the inspection with the new method');

  // Rename: the old text becomes a former name; the record keeps its text and still matches.
  await click(page, '设置');
  await click(page, '字典维护');
  await click(page, '字典类别');
  await click(page, '检查方式');
  await click(page, '夜查');
  await typeInto(page, '改名为', '夜间突击检查');
  await click(page, '改名');
  await findItem(page, /已改名为“夜间突击检查”/);
  assert.equal((await methodRow(page, '夜间突击检查')).length, 1);
  assert.equal((await q(page, "SELECT count(*) AS n FROM dictionary_alias WHERE kind = 'method' AND alias = '夜查'"))[0].n, 1);
  assert.equal((await q(page, "SELECT count(*) AS n FROM inspection WHERE method = '夜查'"))[0].n, 1, 'records keep their text');
  await screenshot(page, 'settings-dictionary.png');

  await click(page, '检查记录');
  await click(page, '检查方式筛选');
  await click(page, '夜间突击检查');
  await findItem(page, `检查 2026-04-01 ${entName}`); // filtered by the new name, found under the old one

  // Retire: gone from the picker of a new inspection; the record stays.
  await click(page, '设置');
  await click(page, '字典维护');
  await click(page, '夜间突击检查');
  await click(page, '停用');
  await findItem(page, /已停用“夜间突击检查”/);
  assert.equal((await methodRow(page, '夜间突击检查'))[0].retired, 1);
  await click(page, '检查记录');
  await click(page, '登记检查');
  await click(page, '检查方式');
  await findItem(page, '四不两直');
  assert.ok(!(await items(page)).some((i) => i.label === '夜间突击检查'), 'a retired value is not offered');
  await page.keyboard.press('Escape');
  await click(page, '取消');
  assert.equal((await q(page, "SELECT count(*) AS n FROM inspection WHERE method = '夜查'"))[0].n, 1);

  // Restore.
  await click(page, '设置');
  await click(page, '字典维护');
  await click(page, '夜间突击检查');
  await click(page, '恢复使用');
  await findItem(page, /已恢复使用/);
  assert.equal((await methodRow(page, '夜间突击检查'))[0].retired, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('townships need a valid 9-digit code; the backup reminder is saved', async () => {
  const { page, errors } = await openApp(browser.context, URL);
  await click(page, '设置');
  await click(page, '乡镇街道');
  await typeInto(page, '乡镇街道名称', '测试镇');
  await typeInto(page, '区划代码', '320102');
  await click(page, '添加乡镇街道');
  await findItem(page, /区划代码：乡镇街道应为9位代码/);
  await typeInto(page, '区划代码', '320102A01');
  await click(page, '添加乡镇街道');
  await findItem(page, /区划代码：只能包含数字/);
  assert.equal((await q(page, "SELECT count(*) AS n FROM dictionary WHERE kind = 'township' AND value = '测试镇'"))[0].n, 0);
  await typeInto(page, '区划代码', '320102101');
  await click(page, '添加乡镇街道');
  await findItem(page, '已添加“测试镇”');
  const [town] = await q(page, "SELECT code FROM dictionary WHERE kind = 'township' AND value = '测试镇'");
  assert.equal(town.code, '320102101');
  await screenshot(page, 'settings-townships.png');

  await click(page, '备份提醒');
  await typeInto(page, '提醒间隔（天）', '14');
  await click(page, '保存提醒设置');
  await findItem(page, /超过 14 天未导出时提醒/);
  const [s] = await q(page, "SELECT value FROM settings WHERE key = 'backup_reminder_days'");
  assert.equal(s.value, '14');
  assert.deepEqual(errors, []);
  await page.close();
});
