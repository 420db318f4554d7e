// 导入表格 (issue 13) as a township clerk does it: drop the office's .xlsx on the window, fix the
// one column the app could not name (发现的问题 is the description), see the refused row and why,
// import the good rows, find them in the ledger; drop the same file again and nothing changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, fileUrl, openApp, state, click, findItem, waitFor, query, screenshot, ROOT } from './harness.mjs';

const SHEET = path.join(ROOT, 'tests/data/sheets/township_drop.xlsx');
const URL = fileUrl('hazard-ledger.html',
  `test=1&office=${encodeURIComponent('城南街道安委办')}&division=320102001&db=sheet-import`);
let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });

async function drop(page, file) {
  const base64 = fs.readFileSync(file).toString('base64');
  const accepted = await page.evaluate(({ base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const canvas = document.getElementById('canvas');
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
    canvas.dispatchEvent(over);
    const d = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    canvas.dispatchEvent(d);
    return over.defaultPrevented && d.defaultPrevented;
  }, { base64, name: path.basename(file) });
  assert.ok(accepted, 'the page takes the dropped sheet');
}

const messages = (page) => page.evaluate(() => window.hazardLedger.messages());
const labels = async (page) => (await page.evaluate(() => window.hazardLedger.items())).map((i) => i.label);

test('drop an .xlsx, fix a column, see the refused row, import the good rows; a second drop changes nothing', async () => {
  const { page } = await openApp(b.context, URL);
  assert.equal((await state(page)).counts.hazards, 0);
  await drop(page, SHEET);

  // The mapping window: the header found under the title; 发现的问题 not recognised, so every
  // row lacks its description and nothing can be imported yet.
  await findItem(page, '发现的问题', { timeout: 60000 });
  await findItem(page, '导入 0 行');
  assert.ok((await messages(page)).some((m) => m.includes('隐患描述')), 'rows say their description is missing');

  // Fix it: 发现的问题 → 隐患描述.
  await click(page, '发现的问题');
  await click(page, '隐患描述', { last: true });
  const refused = await waitFor(page, async () => (await messages(page)).find((m) => m.startsWith('第 5 行不能导入')),
    'the refused row of the preview', 20000);
  assert.match(refused, /检查时间“5月8日下午”不是可识别的日期/);
  assert.ok(!(await messages(page)).some((m) => m.startsWith('第 3 行') || m.startsWith('第 4 行') || m.startsWith('第 6 行')),
    'only row 5 is refused');
  await screenshot(page, 'sheet-import-preview.png');
  assert.equal((await state(page)).counts.hazards, 0, 'nothing is written before the user confirms');

  await click(page, '只导入可导入的 3 行');
  await waitFor(page, async () => (await state(page)).counts.hazards === 3, 'three hazards in the ledger', 30000);
  assert.match((await state(page)).notice, /已导入 township_drop\.xlsx：隐患 3 条，新建企业 3 家/);
  const rows = await query(page,
    "SELECT h.description, h.status, h.found_date, e.name FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id ORDER BY h.found_date");
  assert.deepEqual(rows.map((r) => [r.description, r.status, r.found_date, r.name]), [
    ['抛光车间除尘器未设置泄爆装置', '待整改', '2026-05-06', '南京华达机械制造有限公司'],
    ['仓库违规使用易燃保温材料', '整改中', '2026-05-07', '城南食品有限公司'],
    ['配电箱无漏电保护', '待验收', '2026-05-09', '城南五金加工厂'],
  ]);
  // The ledger screen lists them.
  await click(page, '隐患台账');
  await findItem(page, /^320102001-2026-/);

  // The same sheet again: the mapping is remembered, every good row is recognised, nothing to import.
  await drop(page, SHEET);
  await findItem(page, '导入 0 行', { timeout: 60000 });
  assert.ok(!(await labels(page)).some((l) => l.startsWith('只导入可导入的') && !l.endsWith(' 0 行')));
  await click(page, '取消');
  await waitFor(page, async () => !(await labels(page)).includes('取消'), 'the window to close');
  const s = await state(page);
  assert.equal(s.counts.hazards, 3);
  assert.equal(s.counts.enterprises, 3);
  await page.close();
});
