// The whole closed loop as a clerk does it, driven only by real mouse and keyboard events (and
// IME commits) at positions from items(): first-run wizard → enterprise (bad USCC refused, good
// one accepted) → a major hazard described in Chinese through the IME → 开始整改 refused without
// 五落实 → filled → 整改中 → 待验收 → verification by the rectifier refused → by someone else →
// 已销号 → 总览 changed → reload → everything is still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, items, state, click, clickAt, findItem, screenshot, textInputReady, inputHandled, waitSaved }
  from './harness.mjs';

let browser, page, cdp;
const q = (sql) => page.evaluate((s) => window.hazardLedger.query(s), sql);
const labels = async () => (await items(page)).map((i) => i.label);

// The hazard window is drawn over the ledger, whose column headers share some labels with the
// form: click the last (topmost) widget with the label.
async function clickTop(label, timeout = 10000) {
  let hit;
  try {
    hit = await findItem(page, label, { timeout, last: true });
  } catch (e) {
    await screenshot(page, 'journey-failure.png');
    throw e;
  }
  return clickAt(page, hit);
}

async function clearAndType(label, text) {
  await clickTop(label);
  await textInputReady(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await inputHandled(page);
}

// Chinese typed the way a Pinyin IME delivers it: composition updates, then one commit.
async function imeType(label, pinyin, text) {
  await clickTop(label);
  await textInputReady(page);
  await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text });
  await inputHandled(page);
}

// Opens a combo (its popup shows a 筛选 box) and picks an option.
async function pick(comboLabel, option) {
  await clickTop(comboLabel);
  await findItem(page, '筛选');
  await clickTop(option);
}

// Waits until the app shows a message containing every fragment; returns the messages.
async function messageWith(fragments, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const msgs = await page.evaluate(() => [...window.hazardLedger.messages(),
      ...window.hazardLedger.items().map((i) => i.label)]);
    const all = msgs.join('\n');
    if (fragments.every((f) => all.includes(f))) return msgs;
    if (Date.now() > deadline) throw new Error(`no message with ${fragments.join(', ')}; shown: ${all}`);
    await page.waitForTimeout(100);
  }
}

before(async () => {
  browser = await launch();
  ({ page } = await openApp(browser.context, fileUrl('hazard-ledger.html', 'test=1&db=journey')));
  cdp = await browser.context.newCDPSession(page);
});
after(async () => { await browser?.close(); });

const DESCRIPTION = '粉尘涉爆区域设置员工宿舍，除尘系统未采用防爆措施';

test('journey: wizard, enterprise, major hazard through the whole loop, reload', async () => {
  // 1. First run.
  await imeType('单位名称', 'xiaolingwei', '孝陵卫街道安委办');
  await clearAndType('区划代码', '320102003');
  await imeType('操作人员', 'zhangwei', '张伟、李娜');
  await click(page, '下一步');
  await click(page, '从空白台账开始');
  await page.waitForFunction(() => window.hazardLedger.state().office === '孝陵卫街道安委办');

  // 2. An enterprise: a wrong check character is refused, the right code accepted.
  await click(page, '企业库');
  await click(page, '新增企业');
  await findItem(page, '保存企业'); // the form is shown (the list has a 企业名称 column too)
  await imeType('企业名称', 'jinlinzhuzao', '金陵铸造有限公司');
  await clearAndType('统一社会信用代码', '91350100M000100Y44');
  await pick('乡镇街道', '孝陵卫街道安委办（320102003）');
  await pick('行业领域', '工贸');
  await click(page, '保存企业');
  await messageWith(['统一社会信用代码']);
  assert.equal((await q('SELECT count(*) AS n FROM enterprise'))[0].n, 0, 'a wrong USCC must not be saved');
  await clearAndType('统一社会信用代码', '91350100M000100Y43');
  await click(page, '保存企业');
  await page.waitForFunction(() => window.hazardLedger.state().counts.enterprises === 1, null, { timeout: 5000 });

  // 3. A major hazard, described in Chinese through the IME.
  await click(page, '隐患台账');
  await click(page, '新增隐患');
  await findItem(page, '保存新隐患'); // the hazard window is drawn (the ledger has a 企业名称 column too)
  await pick('企业名称', '金陵铸造有限公司');
  await imeType('隐患描述', 'fenchen', DESCRIPTION);
  await click(page, '重大隐患');
  await pick('隐患来源', '部门检查');
  await click(page, '保存新隐患');
  await page.waitForFunction(() => window.hazardLedger.state().counts.hazards === 1, null, { timeout: 5000 });
  const [h] = await q('SELECT id, number, description, level, status FROM hazard');
  assert.equal(h.description, DESCRIPTION, 'the IME text is saved exactly');
  assert.equal(h.level, '重大隐患');
  assert.equal(h.status, '待整改');

  // 4. Starting without 五落实 is refused, and the message names what is missing.
  await click(page, '整改与验收');
  await click(page, '开始整改');
  await messageWith(['治理目标', '机构人员', '经费物资', '整改期限', '责任人']);
  assert.equal((await q('SELECT status FROM hazard'))[0].status, '待整改');
  await screenshot(page, 'journey-refused.png');

  // 5. Fill the plan and the 五落实, then start.
  await click(page, '整改计划');
  await imeType('整改措施', 'chaichu', '拆除宿舍，除尘系统改为防爆型');
  await pick('责任部门', '应急管理');
  await imeType('责任人', 'wangqiang', '王强');
  await clearAndType('整改期限', '2099-12-31');
  for (const item of ['治理目标', '机构人员', '安全措施及应急预案', '经费物资', '时限']) await click(page, item);
  await click(page, '整改与验收');
  await click(page, '开始整改');
  await page.waitForFunction(() => window.hazardLedger.query('SELECT status FROM hazard')[0].status === '整改中',
    null, { timeout: 5000 });

  // 6. Report the rectification done (the operator 张伟 is the rectifier).
  await click(page, '提交验收');
  await imeType('整改情况', 'yichaichu', '宿舍已拆除，除尘器已更换为防爆型');
  await click(page, '确认提交验收');
  await page.waitForFunction(() => window.hazardLedger.query('SELECT status FROM hazard')[0].status === '待验收',
    null, { timeout: 5000 });

  // 7. Verification by the rectifier is refused; by another person it closes the hazard.
  await click(page, '验收销号');
  await imeType('验收意见', 'hege', '现场核查合格');
  await click(page, '确认验收销号');
  await messageWith(['验收人']);
  assert.equal((await q('SELECT status FROM hazard'))[0].status, '待验收', 'the rectifier cannot verify');
  await clearAndType('验收人', 'Li Na');
  await click(page, '确认验收销号');
  await page.waitForFunction(() => window.hazardLedger.query('SELECT status FROM hazard')[0].status === '已销号',
    null, { timeout: 5000 });
  const [closed] = await q('SELECT verifier, rectified_by, closed_date FROM hazard');
  assert.equal(closed.verifier, 'Li Na');
  assert.equal(closed.rectified_by, '张伟');
  assert.ok(closed.closed_date);
  await click(page, '关闭');

  // 8. 总览 shows it.
  await click(page, '总览');
  assert.ok((await labels()).includes('已销号'));
  await screenshot(page, 'journey-dashboard.png');

  // 9. Reload: everything is still there.
  await waitSaved(page);
  await page.reload();
  await page.evaluate(() => window.hazardLedger.ready);
  const s = await state(page);
  assert.equal(s.office, '孝陵卫街道安委办');
  assert.equal(s.counts.enterprises, 1);
  assert.equal(s.counts.hazards, 1);
  const [after] = await q('SELECT status, description FROM hazard');
  assert.equal(after.status, '已销号');
  assert.equal(after.description, DESCRIPTION);
  const events = await q("SELECT action FROM history_event WHERE record_kind = 'hazard' ORDER BY seq");
  assert.deepEqual(events.map((e) => e.action).filter((a) => a !== 'update'), ['create', 'start', 'submit', 'verify']);
});
