#!/usr/bin/env node
// Benchmark (issue 6): CPU time of the frames of the ledger table (隐患台账) with 100k hazards, in
// headless Chromium, dist/hazard-ledger.html from file:// ($HZ_DIST_DIR as in the browser tests).
// Headless Chromium draws through SwiftShader, so frame rates and wall times here are far from a
// real browser's; what counts is the CPU time of each drawn frame, which the app measures itself in
// test mode (window.hazardLedger.frameTimes(): from the start of a drawn frame to the end of its GL
// calls).
//
// Steps: fill the database with H hazards through testGenerate (one call, about a minute for 100k;
// skipped when --profile DIR keeps the database of an earlier run), open 隐患台账, then
//  (a) scroll: real wheel events over the table, steadily for a few hundred frames; flings deep into
//      the table and back; a drag of the scrollbar from top to bottom;
//  (b) filter: type a search text one character at a time, change the status, level and 仅看逾期
//      filters, sort by clicking column headers, clear the filters.
// For each phase: frames drawn, p50 / p95 / max frame CPU time, the slowest frames, and the wall
// time from the user's action (mouse release, last key) until the table showed the expected first
// row (computed with SQL before the action, so checking costs the page nothing while timed).
// Usage: node bench/web_frames.mjs [hazards=100000] [--profile DIR] [--scroll-frames N=300]
import { launch, fileUrl, openApp, items, state, findItem, waitFor, TEST_OFFICE } from '../tests/e2e/harness.mjs';
import fs from 'node:fs';
import os from 'node:os';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : def; };
const profileDir = opt('--profile', null);
const scrollFrames = Number(opt('--scroll-frames', 300));
const hazards = Number(args[0] || 100000);
const enterprises = Math.max(10, Math.round(hazards / 20));

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-').padStart(7);
function report(name, frames, wall) {
  const s = [...frames].sort((a, b) => a - b);
  const r = { name, n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1] ?? NaN, wall };
  const slow = s.slice(-3).reverse().map((x) => x.toFixed(0)).join(' / ');
  const over = s.filter((x) => x > 16).length;
  console.log(`${name.padEnd(40)} frames ${String(r.n).padStart(4)}  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)} ms` +
    `  (slowest ${slow}; ${over} over 16 ms)` + (wall == null ? '' : `  shown after ${wall} ms`));
  return r;
}

if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
const b = await launch(profileDir ? { profileDir } : {});
console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
try {
  const { page } = await openApp(b.context, fileUrl('hazard-ledger.html', `${TEST_OFFICE}&db=bench-frames`), { timeout: 300000 });
  const hl = (fn, arg) => page.evaluate(fn, arg);
  const sql = (q) => hl((s) => window.hazardLedger.query(s), q);
  const frameTimes = (reset) => hl((r) => window.hazardLedger.frameTimes({ reset: r }), reset);
  const numbers = async () => (await items(page)).map((i) => i.label).filter((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l));

  // ---- data ----
  let have = (await state(page)).counts.hazards;
  if (have < hazards) {
    if (have > 0) throw new Error(`the profile holds ${have} hazards, fewer than ${hazards}: use a fresh --profile`);
    const t0 = Date.now();
    const gen = await hl(([h, e]) => window.hazardLedger.testGenerate(h, e), [hazards, enterprises]);
    const genS = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    await page.waitForFunction(() => !window.hazardLedger.storage().unsaved && !window.hazardLedger.storage().saving,
      null, { polling: 200, timeout: 600000 });
    const [{ n: bytes }] = await sql('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()');
    console.log(`generated ${gen.hazards} hazards, ${gen.enterprises} enterprises in the page in ${genS.toFixed(1)} s ` +
      `(one testGenerate call); database ${(bytes / 1048576).toFixed(0)} MB, saved to IndexedDB in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    have = gen.hazards;
  } else {
    console.log(`database from the profile: ${have} hazards (generation skipped)`);
  }
  await page.waitForTimeout(1500); // let the dashboard and the save settle

  // The hazard numbers that may come first for a filter + order ([] when nothing matches), computed
  // before an action is timed. Ties are broken by id or by storage order (rid), depending on the
  // store's version: either is accepted.
  const chinaToday = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const top = async (where, order = 'h.found_date DESC', ties = ['h.id', 'h.rid']) => {
    const first = async (tie) => (await sql(`SELECT h.number FROM hazard h LEFT JOIN enterprise e ON e.id = h.enterprise_id` +
      `${where ? ' WHERE ' + where : ''} ORDER BY ${order}, ${tie} LIMIT 1`))[0]?.number;
    return (await Promise.all(ties.map(first))).filter(Boolean);
  };
  const shows = (expected) => async () => {
    const n = await numbers();
    return expected.length === 0 ? n.length === 0 : expected.includes(n[0]);
  };
  // A click the way a person clicks (as harness.click), timed from the mouse release.
  const press = async (label) => {
    const it = await findItem(page, label);
    await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
    await page.waitForTimeout(80);
    await page.mouse.down();
    await page.waitForTimeout(40);
    const t = Date.now();
    await page.mouse.up();
    return t;
  };
  // One timed step: reset the frame buffer, act (returns the time the user's action completed),
  // wait until the table shows `done`, report the frames drawn meanwhile.
  const step = async (name, act, done, { settle = 400, timeout = 60000 } = {}) => {
    await page.waitForTimeout(settle);
    await frameTimes(true);
    const t = await act();
    if (done) await waitFor(page, done, `${name}: expected rows`, timeout);
    const wall = done ? Date.now() - t : null;
    await page.waitForTimeout(150); // the frames right after the result
    return report(name, await frameTimes(true), wall);
  };

  console.log('\n-- open 隐患台账 --');
  const all = await top('');
  await step('open the ledger (click 隐患台账)', () => press('隐患台账'), shows(all));

  // ---- (a) scrolling ----
  console.log('\n-- (a) scrolling --');
  const rows = await numbers();
  const row = await findItem(page, rows[Math.floor(rows.length / 2)]);
  const mx = row.x + 300, my = row.y; // over the table, away from the row's own widgets
  await page.mouse.move(mx, my);
  await step(`wheel, steady (~${scrollFrames} frames)`, async () => {
    const f0 = (await state(page)).frames;
    while ((await state(page)).frames - f0 < scrollFrames) {
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(30);
    }
    return Date.now();
  }, null);
  const flings = [];
  const flingFrames = [];
  for (let i = 0; i < 12; i++) {
    const before = (await numbers())[0];
    await frameTimes(true);
    const t = Date.now();
    await page.mouse.wheel(0, 200000);
    await waitFor(page, async () => ((await numbers())[0] || before) !== before, 'the table to move after a fling', 60000);
    flings.push(Date.now() - t);
    await page.waitForTimeout(200);
    flingFrames.push(...(await frameTimes(true)));
  }
  const deep = (await numbers())[0];
  const [{ pos }] = await sql(`SELECT count(*) AS pos FROM hazard h, (SELECT found_date AS f, id FROM hazard WHERE number = '${deep}') d ` +
    `WHERE h.found_date > d.f OR (h.found_date = d.f AND h.id < d.id)`); // its row in found_date DESC, id order
  report(`wheel, 12 flings (to row ~${pos})`, flingFrames, flings.sort((a, b) => a - b)[flings.length >> 1]);
  console.log(`${''.padEnd(40)} (shown after: median of the flings; max ${Math.max(...flings)} ms)`);
  await step('wheel back to the top', async () => { const t = Date.now(); await page.mouse.wheel(0, -1e7); return t; }, shows(all));

  // Drag the table's vertical scrollbar from the top to the bottom at a hand's pace: a move every
  // 16 ms for 2 s. The track lies along the right edge of the table, which fills the page to its
  // right margin. The events go through CDP without waiting for each one to be handled (the page
  // takes ~150 ms per awaited move here, far slower than a hand): the browser coalesces the moves
  // that arrive between two frames, as it does for a real mouse on a slow machine.
  {
    const header = await findItem(page, '隐患编号');
    const shown = await numbers();
    const lastRow = await findItem(page, shown[shown.length - 1]);
    const x = page.viewportSize().width - 25, y0 = header.y + 6, y1 = lastRow.y + lastRow.h + 54; // below the track's end
    const lastRows = await top('', 'h.found_date ASC', ['h.id DESC', 'h.rid DESC']); // the table's last row
    const cdp = await page.context().newCDPSession(page);
    const mouse = (type, y, extra = {}) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: 1, ...extra });
    await step('scrollbar: drag top to bottom (2 s)', async () => {
      await page.mouse.move(x, y0);
      await page.waitForTimeout(80);
      await mouse('mousePressed', y0, { clickCount: 1 });
      const sent = [];
      for (let k = 1; k <= 120; k++) {
        sent.push(mouse('mouseMoved', y0 + ((y1 - y0) * k) / 120));
        await new Promise((r) => setTimeout(r, 16));
      }
      await Promise.all(sent);
      const t = Date.now();
      await mouse('mouseReleased', y1, { clickCount: 1, buttons: 0 });
      return t;
    }, async () => (await numbers()).some((n) => lastRows.includes(n))); // the end of the table is shown
    await cdp.detach();
    await page.mouse.move(mx, my);
    await step('wheel back to the top', async () => { const t = Date.now(); await page.mouse.wheel(0, -1e7); return t; }, shows(all));
  }

  // ---- (b) filtering and sorting ----
  console.log('\n-- (b) filtering and sorting --');
  const text = '疏散通道';
  const like = (s) => `'%${s}%'`;
  const textWhere = (s) => `(h.description LIKE ${like(s)} OR h.location LIKE ${like(s)} OR h.measures LIKE ${like(s)} OR e.name LIKE ${like(s)})`;
  const afterText = await top(textWhere(text));
  let typedMs = 0;
  await step(`search: type ${text} (1 char / 150 ms)`, async () => {
    const box = await findItem(page, '搜索');
    await page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
    await page.waitForTimeout(150);
    const chars = [...text];
    const t0 = Date.now();
    let t = t0;
    for (let i = 0; i < chars.length; i++) {
      if (i > 0) await page.waitForTimeout(150);
      t = Date.now();
      await page.keyboard.insertText(chars[i]);
    }
    typedMs = (t - t0) / (chars.length - 1);
    return t; // the last character
  }, shows(afterText));
  console.log(`${''.padEnd(40)} (typed one character every ${typedMs.toFixed(0)} ms; the search waits for 250 ms without typing)`);
  await step('search: clear the text (Ctrl+A, Backspace)', async () => {
    await page.keyboard.press('Control+A');
    const t = Date.now();
    await page.keyboard.press('Backspace');
    return t;
  }, shows(all));

  let where = "h.status = '整改中'";
  let expected = await top(where);
  await step('状态 combo: open', () => press('状态'), async () => (await items(page)).some((i) => i.label === '整改中'));
  await step('状态 = 整改中', () => press('整改中'), shows(expected));
  where += " AND h.level = '重大隐患'";
  expected = await top(where);
  await step('等级 combo: open', () => press('等级'), async () => (await items(page)).some((i) => i.label === '重大隐患'));
  await step('等级 = 重大隐患', () => press('重大隐患'), shows(expected));
  where += ` AND h.deadline <> '' AND h.deadline < '${chinaToday}' AND h.status <> '已销号'`;
  expected = await top(where);
  await step('仅看逾期', () => press('仅看逾期'), shows(expected));
  await step('清除筛选', () => press('清除筛选'), shows(all));

  expected = await top('', "h.deadline ASC");
  await step('sort: 整改期限 ascending', () => press('整改期限'), shows(expected));
  expected = await top('', "h.deadline DESC");
  await step('sort: 整改期限 descending', () => press('整改期限'), shows(expected));
  expected = await top('', "coalesce(e.name, '') ASC");
  await step('sort: 企业名称 ascending', () => press('企业名称'), shows(expected));
  // The first click on 发现日期 sorts it descending (its preferred direction); either is accepted.
  expected = [...await top('', 'h.found_date DESC'), ...await top('', 'h.found_date ASC')];
  await step('sort: 发现日期 (back to the default)', () => press('发现日期'), shows(expected));

  console.log(`\nload average at end: ${load()}`);
} finally {
  await b.close();
}
