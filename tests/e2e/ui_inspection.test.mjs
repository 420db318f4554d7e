// 检查记录 e2e: record an inspection through the form (date, enterprise, method, department,
// inspectors), then "登记发现的隐患" from it: the hazard form comes prefilled from the inspection
// and the saved hazard carries the inspection's id, method, inspectors and date.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, items, click, findItem, screenshot, query as q, typeInto, textInputReady, waitFor } from './harness.mjs';

const URL = fileUrl('hazard-ledger.html', 'test=1&office=' + encodeURIComponent('东湖街道安委办') + '&division=320102003');
let browser;
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser?.close(); });

test('record an inspection and add a hazard found during it', async () => {
  const { page, errors } = await openApp(browser.context, URL);
  await page.evaluate(() => window.hazardLedger.testGenerate(20, 8));
  const [ent] = await q(page, "SELECT id, name, uscc, division_code, industry FROM enterprise ORDER BY name LIMIT 1");
  const before = (await q(page, 'SELECT count(*) AS n FROM inspection'))[0].n;

  await click(page, '检查记录');
  await click(page, '登记检查');
  // Saving an empty form is refused with messages naming the missing fields.
  await click(page, '保存检查记录');
  await findItem(page, /被检查企业|企业/);
  await findItem(page, /检查方式: 必填/);
  assert.equal((await q(page, 'SELECT count(*) AS n FROM inspection'))[0].n, before, 'nothing saved');

  await typeInto(page, '检查时间', '2026-03-15');
  await click(page, '被检查企业');
  await textInputReady(page); // the combo's filter box has the focus
  await page.keyboard.insertText(ent.name.slice(0, 4));
  await click(page, `${ent.name}（${ent.uscc || ent.division_code}）`);
  await click(page, '检查方式');
  await click(page, '四不两直');
  await click(page, '检查部门');
  await click(page, '应急管理');
  await typeInto(page, '检查人', '王明、李强');
  await typeInto(page, '检查情况', '重点检查动火作业审批和安全出口');
  await screenshot(page, 'inspection-form.png');
  await click(page, '保存检查记录');
  const [insp] = await waitFor(page, async () => {
    const r = await q(page, "SELECT id, date, method, department, inspectors, enterprise_id FROM inspection WHERE inspectors = '王明、李强'");
    return r.length ? r : null;
  }, 'the inspection to be saved');
  assert.deepEqual({ date: insp.date, method: insp.method, department: insp.department, enterprise_id: insp.enterprise_id },
                   { date: '2026-03-15', method: '四不两直', department: '应急管理', enterprise_id: ent.id });
  await findItem(page, /检查记录已保存/);

  // From the inspection: the hazard form opens prefilled; only the description is typed.
  await click(page, '登记发现的隐患');
  await typeInto(page, '隐患描述', '二车间动火作业未办理审批手续');
  await click(page, '保存新隐患');
  const [hz] = await waitFor(page, async () => {
    const r = await q(page, `SELECT number, inspection_id, enterprise_id, division_code, industry, inspection_method, inspectors,
                                    found_date, source FROM hazard WHERE inspection_id = '${insp.id}'`);
    return r.length ? r : null;
  }, 'the hazard to be saved with the inspection id');
  assert.equal(hz.enterprise_id, ent.id);
  assert.equal(hz.division_code, ent.division_code);
  assert.equal(hz.industry, ent.industry);
  assert.equal(hz.inspection_method, '四不两直');
  assert.equal(hz.inspectors, '王明、李强');
  assert.equal(hz.found_date, '2026-03-15');
  assert.equal(hz.source, '部门检查');
  await click(page, '关闭');

  // The inspection's detail lists the hazard; the list row is selectable again.
  await findItem(page, hz.number);
  await screenshot(page, 'inspection-detail.png');
  await typeInto(page, '搜索检查', '王明、李强');
  await findItem(page, `检查 2026-03-15 ${ent.name}`);
  assert.deepEqual(errors, []);
  await page.close();
});
