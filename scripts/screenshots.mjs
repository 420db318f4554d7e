#!/usr/bin/env node
// Takes the screenshots in docs/screenshots/ at 1366×768 (a common office screen): the first-run
// wizard, then every screen with the sample data, the hazard window's tabs and the 关于 dialog.
// Usage: node scripts/screenshots.mjs [outDir]   (needs dist/ built; HZ_DIST_DIR to override)
import path from 'node:path';
import fs from 'node:fs';
import { launch, fileUrl, openApp, items, click, findItem, ROOT } from '../tests/e2e/harness.mjs';

const out = path.resolve(process.argv[2] || path.join(ROOT, 'docs/screenshots'));
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
const { page } = await openApp(browser.context, fileUrl('hazard-ledger.html', 'test=1&db=screenshots'));
const shot = async (name) => {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(out, name) });
  console.log('wrote', name);
};
const type = async (label, text) => {
  await click(page, label);
  await page.keyboard.insertText(text);
};

await findItem(page, '单位名称');
// The wizard's one office rule (core::validateOwnOffice): a township office with a county code and
// nobody named shows its messages under the fields.
await type('单位名称', '玄武区安委办');
await type('区划代码', '320102');
await click(page, '下一步');
await findItem(page, /至少填写一人/);
await shot('first-run-errors.png');
await click(page, '县区');
await type('操作人员', '张 伟、李娜');
await shot('first-run.png');
await click(page, '下一步');
await click(page, '载入示例数据');
await page.waitForFunction(() => window.hazardLedger.state().counts.hazards > 0, null, { timeout: 60000 });

const screens = [['总览', 'dashboard.png'], ['隐患台账', 'ledger.png'], ['企业库', 'enterprises.png'],
  ['检查记录', 'inspections.png'], ['统计通报', 'reports.png'], ['判定标准', 'standards.png'],
  ['工伤事件', 'injuries.png'], ['数据交换', 'exchange.png'], ['审核', 'review.png'], ['设置', 'settings.png']];
for (const [label, file] of screens) {
  if (!(await items(page)).some((i) => i.label === label)) continue;
  await click(page, label);
  await shot(file);
}

// 判定标准 with a standard open: its clauses and how many hazards cite each.
await click(page, '判定标准');
await click(page, '工贸企业重大事故隐患判定标准');
await shot('standards.png');

// 统计通报: this year so far, each tab; the 考评 breakdown of the last township; the bulletin and
// its printable page as it prints (A4).
await click(page, '统计通报');
await click(page, '今年以来');
await shot('reports-stats.png');
await click(page, '考评排名');
const ranked = (await items(page)).filter((i) => /^\d+$/.test(i.label));
if (ranked.length) await click(page, ranked[ranked.length - 1].label);
await shot('reports-assessment.png');
for (const [tab, file] of [['倒查', 'reports-lookback.png'], ['排查精度', 'reports-precision.png'],
  ['工伤同比', 'reports-injuries.png'], ['通报', 'reports-bulletin.png']]) {
  await click(page, tab);
  await shot(file);
}
const download = page.waitForEvent('download');
await click(page, '下载通报（网页版，可打印）');
const html = path.join(out, '..', 'bulletin-sample.html');
await (await download).saveAs(html);
// The page as the browser shows it before printing: the A4 sheet with its margins.
const print = await browser.context.newPage();
await print.setViewportSize({ width: 900, height: 1180 });
await print.goto('file://' + html);
await print.screenshot({ path: path.join(out, 'bulletin-print.png') });
console.log('wrote bulletin-print.png');
await print.close();
fs.rmSync(html);
await click(page, '设置');
await click(page, '统计与考评');
await shot('settings-reports.png');

await click(page, '隐患台账');
const numbers = (await items(page)).map((i) => i.label).filter((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l));
if (numbers.length) {
  await click(page, numbers[0]);
  await findItem(page, '基本信息');
  await shot('hazard-basics.png');
  for (const [tab, file] of [['整改计划', 'hazard-plan.png'], ['整改与验收', 'hazard-workflow.png'], ['历史记录', 'hazard-history.png']]) {
    await click(page, tab);
    await shot(file);
  }
  await click(page, '关闭');
}
// 导入表格: a township's sheet dropped on the window (CSV, UTF-8 with BOM, a title row): a firm the
// database knows by its USCC, one written another way (to confirm), a new one, and a row refused.
const q = (sql) => page.evaluate((s) => window.hazardLedger.query(s), sql);
const towns = await q("SELECT value FROM dictionary WHERE kind = 'township' ORDER BY code LIMIT 2");
const firms = await q("SELECT name, uscc FROM enterprise WHERE uscc <> '' AND name LIKE '%有限公司' ORDER BY name LIMIT 2");
if (towns.length === 2 && firms.length === 2) {
  const rows = [
    ['街道重大事故隐患排查整治台账（2026年11月）', '', '', '', '', '', '', ''],
    ['序号', '上报单位', '行业领域', '企业名称', '统一社会信用代码', '存在问题', '检查时间', '是否整改'],
    ['1', towns[0].value, '工贸', firms[0].name, firms[0].uscc, '粉尘涉爆区域未按规定清理积尘', '2026/11/3', '未整改'],
    ['2', towns[0].value, '工贸', firms[1].name.replace('有限公司', '有限责任公司'), '', '配电箱无漏电保护', '2026年11月4日', '已整改'],
    ['3', towns[1].value, '消防', towns[1].value.slice(0, 2) + '兴旺五金加工厂', '', '疏散通道堆放杂物', '2026.11.5', '整改中'],
    ['4', towns[1].value, '消防', towns[1].value.slice(0, 2) + '兴旺五金加工厂', '', '灭火器过期未更换', '下周一', '未整改'],
  ];
  const csv = '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], '街道隐患台账.csv', { type: 'text/csv' }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await findItem(page, '存在问题', { timeout: 60000 });
  await shot('sheet-import.png');
  await click(page, '取消');
}

await click(page, '帮助');
await click(page, '关于');
await shot('about.png');
await browser.close();
