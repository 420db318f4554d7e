// 统计通报 e2e: pick a period, check a figure against the database, open the rows behind it in the
// ledger, edit 下步工作要求 (saved with the draft), download the bulletin as printable HTML and as
// .docx and read both back (the .docx with the independent reader tests/tools/read_ooxml.py), and
// show the bulletin page as it prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, fileUrl, openApp, state, click, findItem, items, screenshot, textInputReady, nextFrames, waitFor,
  query, TEST_OFFICE, ROOT, RESULTS } from './harness.mjs';

let browser, page;
const downloads = [];
const q = (sql) => query(page, sql);

before(async () => {
  browser = await launch();
  ({ page } = await openApp(browser.context, fileUrl('hazard-ledger.html', TEST_OFFICE)));
  page.on('download', (d) => downloads.push(d));
  await page.evaluate(() => window.hazardLedger.testGenerate(600, 80));
});
after(async () => { await browser?.close(); });

async function nextDownload(label) {
  const before = downloads.length;
  await click(page, label);
  await waitFor(page, async () => downloads.length > before, `the download of ${label}`, 30000);
  const d = downloads[downloads.length - 1];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hz-dl-')), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('统计通报: a period, a figure and its rows, 下步工作要求, the bulletin as HTML and .docx', async () => {
  await click(page, '统计通报');
  await page.waitForFunction(() => window.hazardLedger.state().screen === '统计通报');
  await click(page, '今年以来');
  await nextFrames(page, 1);
  // The app's day (China time) decides the period: 1 January to today.
  const [{ today }] = await q("SELECT date('now', '+8 hours') AS today");
  const from = `${today.slice(0, 4)}-01-01`;
  const major = await findItem(page, /^重大隐患 \d+$/);
  const shownMajor = Number(major.label.split(' ')[1]);
  const [{ c }] = await q(`SELECT count(*) AS c FROM hazard WHERE level = '重大隐患' AND found_date BETWEEN '${from}' AND '${today}'`);
  assert.equal(shownMajor, c, 'the figure is the count of major hazards found in the period');
  assert.ok(shownMajor > 0);
  await screenshot(page, 'reports-stats.png');

  // The rows behind the figure: the ledger, filtered to exactly those hazards.
  await click(page, major.label);
  await page.waitForFunction(() => window.hazardLedger.state().screen === '隐患台账');
  await nextFrames(page, 1);
  const numbers = (await items(page)).map((i) => i.label).filter((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l));
  assert.ok(numbers.length > 0, 'the ledger shows rows');
  const rows = await q(`SELECT level, found_date FROM hazard WHERE number IN (${numbers.map((x) => `'${x}'`).join(',')})`);
  assert.equal(rows.length, numbers.length);
  for (const r of rows) {
    assert.equal(r.level, '重大隐患');
    assert.ok(r.found_date >= from && r.found_date <= today, `${r.found_date} in the period`);
  }

  // The same hazards as the city's 明细表 (.xlsx), read back by the independent reader.
  const sheetFile = await nextDownload('导出明细表（Excel）');
  const book = JSON.parse(execFileSync('python3', [path.join(ROOT, 'tests/tools/read_ooxml.py'), 'xlsx', sheetFile], { encoding: 'utf8' }));
  const sheet = Object.values(book)[0];
  assert.ok(sheet[0].includes('重大隐患描述(举报问题描述)'), 'the real column names');
  assert.equal(sheet.length - 1, shownMajor, 'one row per hazard behind the figure');
  const levelCol = sheet[0].indexOf('隐患等级');
  assert.ok(sheet.slice(1).every((r) => r[levelCol] === '重大隐患'));

  // The bulletin: edit 下步工作要求; it is saved with the draft.
  await click(page, '统计通报');
  await click(page, '通报');
  const extra = '（四）请各乡镇于12月10日前报送逾期重大隐患整改清单。';
  await click(page, '下步工作要求');
  await textInputReady(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(extra);
  await click(page, '通报标题'); // leaving the field saves it
  await waitFor(page, async () => {
    const [row] = await q("SELECT value FROM settings WHERE key = 'bulletin.draft'");
    return row && JSON.parse(row.value).next_steps.includes(extra);
  }, 'the draft to be saved with the new requirement');
  await screenshot(page, 'reports-bulletin.png');

  const html = fs.readFileSync(await nextDownload('下载通报（网页版，可打印）'), 'utf8');
  assert.match(html, /一、总体情况/);
  assert.match(html, /四、考评结果/);
  assert.match(html, /六、下步工作要求/);
  assert.ok(html.includes(extra), 'the edited requirement is in the page');
  assert.ok(html.includes(`其中重大事故隐患${shownMajor}处`), 'the overview has the figure of the screen');
  assert.doesNotMatch(html, /<(script|link)[^>]*src=|https?:\/\//, 'no outside resources');

  const docx = await nextDownload('下载通报（Word 版）');
  const doc = JSON.parse(execFileSync('python3', [path.join(ROOT, 'tests/tools/read_ooxml.py'), 'docx', docx], { encoding: 'utf8' }));
  const text = doc.paragraphs.join('\n');
  assert.match(text, /一、总体情况/);
  assert.ok(text.includes(extra), 'the edited requirement is in the .docx');
  assert.ok(text.includes(`其中重大事故隐患${shownMajor}处`));
  assert.ok(doc.tables.length >= 4, 'the tables by township, department, industry and the ranking');

  // The printable page as it prints (A4, tables with repeated headers).
  const print = await browser.context.newPage();
  await print.goto('file://' + (await (async () => {
    const f = path.join(RESULTS, 'bulletin.html');
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(f, html);
    return f;
  })()));
  await print.emulateMedia({ media: 'print' });
  await print.screenshot({ path: path.join(RESULTS, 'bulletin-print.png'), fullPage: false });
  await print.close();
  assert.equal((await state(page)).screen, '统计通报');
});
