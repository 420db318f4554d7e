// 企业库 e2e: adding an enterprise with an invalid USCC is refused with its message and saves
// nothing; the corrected code is accepted; a second enterprise with the same USCC or a similar name
// is warned about; the dossier lists the enterprise's hazards and opens one on a click.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, items, click, findItem, screenshot, query as q, typeInto, waitFor, nextFrames }
  from './harness.mjs';

const URL = fileUrl('hazard-ledger.html', 'test=1&office=' + encodeURIComponent('东湖街道安委办') + '&division=320102003');
// Each test gets its own browser profile (an empty database; one writer per profile).
let browser;
beforeEach(async () => { browser = await launch(); });
afterEach(async () => { await browser?.close(); });

async function chooseTownship(page) {
  const [town] = await q(page, "SELECT value, code FROM dictionary WHERE kind = 'township' ORDER BY code LIMIT 1");
  assert.ok(town, 'sample data has townships');
  await click(page, '乡镇街道');
  await click(page, `${town.value}（${town.code}）`);
  return town;
}

test('invalid USCC is refused with its message; a valid one is saved; duplicates are warned about', async () => {
  const { page, errors } = await openApp(browser.context, URL);
  await page.evaluate(() => window.hazardLedger.testGenerate(30, 10));
  await click(page, '企业库');
  await click(page, '新增企业');
  await typeInto(page, '企业名称', '测试精密机械有限公司');
  await typeInto(page, '统一社会信用代码', '91350100M000100Y44'); // wrong check character
  const town = await chooseTownship(page);
  await click(page, '保存企业');
  const msg = await findItem(page, /统一社会信用代码.*校验位/);
  assert.match(msg.label, /第18位应为/);
  await findItem(page, /未保存/);
  let rows = await q(page, "SELECT count(*) AS n FROM enterprise WHERE name = '测试精密机械有限公司'");
  assert.equal(rows[0].n, 0, 'nothing saved with an invalid USCC');
  await screenshot(page, 'enterprise-invalid-uscc.png');

  // Lower-case input with spaces is normalised; the right check character is accepted.
  await typeInto(page, '统一社会信用代码', '91350100m000100y43');
  await click(page, '企业名称'); // leave the field
  await waitFor(page, async () => !(await items(page)).some((i) => /校验位/.test(i.label)),
                'the message to go away once the code is right');
  await click(page, '保存企业');
  await findItem(page, '编辑企业信息'); // the dossier of the new enterprise
  rows = await q(page, "SELECT uscc, division_code FROM enterprise WHERE name = '测试精密机械有限公司'");
  assert.equal(rows.length, 1);
  assert.equal(rows[0].uscc, '91350100M000100Y43');
  assert.equal(rows[0].division_code, town.code);

  // Same USCC and a similar name: both warned; saving needs an explicit confirmation.
  await click(page, '返回企业列表');
  await click(page, '新增企业');
  await typeInto(page, '企业名称', '测试精密机械（集团）公司');
  await typeInto(page, '统一社会信用代码', '91350100M000100Y43');
  await click(page, '企业名称');
  await findItem(page, /该统一社会信用代码已存在.*测试精密机械有限公司/);
  await findItem(page, /名称相近的企业.*测试精密机械有限公司/);
  await chooseTownship(page);
  await screenshot(page, 'enterprise-duplicate-warning.png');
  await click(page, '保存企业'); // disabled until confirmed
  await nextFrames(page, 1); // click() returns once the release is handled: a save would be done
  rows = await q(page, "SELECT count(*) AS n FROM enterprise WHERE uscc = '91350100M000100Y43'");
  assert.equal(rows[0].n, 1, 'a duplicate USCC is not saved without confirmation');
  await click(page, '确认不是重复企业，仍要保存');
  await click(page, '保存企业');
  await waitFor(page, async () => (await q(page, "SELECT count(*) AS n FROM enterprise WHERE uscc = '91350100M000100Y43'"))[0].n === 2,
                'the confirmed duplicate to be saved');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the dossier lists the enterprise hazards and inspections; a hazard opens on click', async () => {
  const { page, errors } = await openApp(browser.context, URL);
  await page.evaluate(() => window.hazardLedger.testGenerate(120, 15));
  const [ent] = await q(page, `SELECT e.id, e.name, count(h.id) AS n FROM enterprise e JOIN hazard h ON h.enterprise_id = e.id
                               GROUP BY e.id ORDER BY n DESC, e.id LIMIT 1`);
  const hazards = await q(page, `SELECT number FROM hazard WHERE enterprise_id = '${ent.id}' ORDER BY number`);
  const [insp] = await q(page, `SELECT count(*) AS n FROM inspection WHERE enterprise_id = '${ent.id}'`);
  await click(page, '企业库');
  await typeInto(page, '搜索企业', ent.name);
  await click(page, ent.name);
  await findItem(page, '编辑企业信息');
  await findItem(page, `隐患（${hazards.length}）`);
  await findItem(page, `检查记录（${insp.n}）`);
  const labels = (await items(page)).map((i) => i.label);
  const shown = hazards.filter((h) => labels.includes(h.number));
  assert.ok(shown.length >= Math.min(hazards.length, 5), `hazard numbers shown in the dossier: ${shown.length}/${hazards.length}`);
  await screenshot(page, 'enterprise-dossier.png');
  await click(page, shown[0].number);
  await findItem(page, /^隐患 /, { timeout: 5000 }).catch(async () => findItem(page, '保存修改'));
  await page.keyboard.press('Escape');
  await click(page, `检查记录（${insp.n}）`);
  await click(page, /^变更历史（\d+）$/);
  assert.deepEqual(errors, []);
  await page.close();
});
