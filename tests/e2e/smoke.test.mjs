// Foundation smoke tests: the app opens from file:// (single file) and over http (index.html),
// publishes the test-mode API, and navigates on a real mouse click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, serveDist, openApp, items, state, click, findItem, screenshot } from './harness.mjs';

const NAV = ['总览', '隐患台账', '企业库', '检查记录', '统计通报', '判定标准', '工伤事件', '数据交换', '设置'];
// The office identity comes from the URL so the first-run wizard (tested in ui_ledger) is skipped.
const OFFICE = 'test=1&office=' + encodeURIComponent('孝陵卫街道安委办') + '&division=320102003';
let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

async function checkNavigation(url, shotName) {
  const { page, errors } = await openApp(browser.context, url);
  const labels = (await items(page)).map((i) => i.label);
  for (const name of NAV) assert.ok(labels.includes(name), `navigation item ${name} missing; got ${labels.join(',')}`);
  const before = await state(page);
  assert.equal(before.screen, '总览');
  assert.deepEqual(Object.keys(before.counts).sort(), ['enterprises', 'hazards', 'inspections']);
  for (const key of ['save', 'readOnly', 'office']) assert.ok(key in before, `state() lacks ${key}`);

  const target = await click(page, '隐患台账');
  assert.ok(target.w > 0 && target.h > 0);
  await page.waitForFunction(() => window.hazardLedger.state().screen === '隐患台账', null, { timeout: 5000 });
  await click(page, '企业库');
  await page.waitForFunction(() => window.hazardLedger.state().screen === '企业库', null, { timeout: 5000 });
  await screenshot(page, shotName);
  assert.deepEqual(errors, []);
  await page.close();
}

test('single file opens from file:// and navigates on a real click', async () => {
  await checkNavigation(fileUrl('hazard-ledger.html', OFFICE), 'smoke-file.png');
});

test('index.html opens over http and navigates on a real click', async () => {
  await checkNavigation(server.url(OFFICE), 'smoke-http.png');
});

test('query() answers read-only SELECTs and refuses writes', async () => {
  const { page } = await openApp(browser.context, fileUrl());
  const rows = await page.evaluate(() => window.hazardLedger.query("SELECT sqlite_version() AS v, 1+1 AS two"));
  assert.equal(rows.length, 1);
  assert.match(rows[0].v, /^3\.\d+\.\d+$/);
  assert.equal(rows[0].two, 2);
  const refused = await page.evaluate(() => {
    try { window.hazardLedger.query('CREATE TABLE t(x)'); return null; } catch (e) { return e.message; }
  });
  assert.match(refused, /read-only/);
  await page.close();
});

test('the 关于 dialog shows the SQLite version', async () => {
  const { page } = await openApp(browser.context, fileUrl('hazard-ledger.html', OFFICE));
  await click(page, '帮助');
  await click(page, '关于');
  const close = await findItem(page, '关闭');
  assert.ok(close.w > 0);
  const shot = await screenshot(page, 'about.png');
  assert.ok(shot);
  await page.keyboard.press('Escape');
  await page.close();
});

test('without ?test=1 only ready is published', async () => {
  const { page } = await openApp(browser.context, fileUrl('hazard-ledger.html', ''));
  const api = await page.evaluate(() => Object.keys(window.hazardLedger));
  assert.deepEqual(api, ['ready']);
  await page.close();
});

test('a browser without WebGL2 gets a Chinese message, not a blank page', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : orig.call(this, type, ...rest);
    };
  });
  await page.goto(fileUrl());
  const outcome = await page.evaluate(() => window.hazardLedger.ready.then(() => 'ready', (e) => e.message));
  assert.match(outcome, /WebGL2/);
  const text = await page.textContent('#hz-message');
  assert.match(text, /WebGL 2/);
  assert.match(text, /浏览器/);
  await screenshot(page, 'no-webgl2.png');
  await page.close();
});

test('the database is open with seed data, and ?office= sets the office identity', async () => {
  const office = '孝陵卫街道安委办';
  const { page } = await openApp(browser.context, fileUrl('hazard-ledger.html',
    `test=1&office=${encodeURIComponent(office)}&division=320102003`));
  const s = await state(page);
  assert.equal(s.office, office);
  const [std] = await page.evaluate(() => window.hazardLedger.query('SELECT count(*) AS n FROM standard'));
  assert.ok(std.n >= 12, `expected the seeded standards catalog, got ${std.n}`);
  const rows = await page.evaluate(() => window.hazardLedger.query(
    "SELECT value FROM dictionary WHERE kind = 'industry' AND value = '工贸'"));
  assert.equal(rows.length, 1);
  await page.close();
});
