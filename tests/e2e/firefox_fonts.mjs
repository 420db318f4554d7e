// Firefox ESR fonts check (issue 15), run headful under xvfb-run by platform_firefox.test.mjs:
// names with rare characters committed into 企业名称 as an input method commits them (composition
// events on the app's text field: WebDriver BiDi has no IME) are stored exactly and drawn by the browser: each glyph in the UI
// font's atlas has the ink of Firefox's own rendering of that character, and not that of the
// missing-glyph box or '?'. Usage: node firefox_fonts.mjs DPR (1 or 2: layout.css.devPixelsPerPx).
// Exit code 0 = passed; prints one JSON line with what it saw.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, RESULTS } from './harness.mjs';

const FIREFOX = process.env.HZ_FIREFOX || '/usr/bin/firefox-esr';
const dpr = Number(process.argv[2] || 1);
const NAME = '𬍛雯吕𠮷王䶮堃喆赵珺琪𠀋𠂇𠃌𡈽𨳒';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hz-firefox-'));
const url = pathToFileURL(path.join(DIST, 'hazard-ledger.html')).href +
  '?test=1&office=' + encodeURIComponent('孝陵卫街道安委办') + '&division=320102003';
const seen = { dpr };
let browser;

// Waits (in the page, frame by frame) until the app has drawn `n` more frames with no input left.
async function settled(page, n = 2) {
  const end = (await page.evaluate(() => window.hazardLedger.state().frames)) + n;
  await page.waitForFunction((e) => {
    const s = window.hazardLedger.state();
    return s.frames >= e && s.pendingInput === 0;
  }, { timeout: 20000, polling: 'raf' }, end);
}
// `last`: the last widget so labelled (the topmost, e.g. a window's field over the ledger's column).
// The pointer is moved onto the widget and, if a frame drawn since moved the widget (a window that
// has just opened settles over its first frames), onto it again before pressing.
async function find(page, label, last) {
  const handle = await page.waitForFunction((l, last) => {
    const hits = window.hazardLedger.items().filter((i) => i.label === l);
    return hits.length ? hits[last ? hits.length - 1 : 0] : null;
  }, { timeout: 20000, polling: 'raf' }, label, last);
  return handle.jsonValue();
}
async function click(page, label, last = false) {
  for (let moves = 0; ; moves++) {
    const it = await find(page, label, last);
    const x = it.x + it.w / 2, y = it.y + it.h / 2;
    await page.mouse.move(x, y);
    await settled(page);
    const now = await find(page, label, last);
    if ((now.x <= x && x <= now.x + now.w && now.y <= y && y <= now.y + now.h) || moves >= 10) break;
  }
  await page.mouse.down();
  await settled(page);
  await page.mouse.up();
  await settled(page);
}

// Text committed by an input method: WebDriver BiDi sends only single characters and has no
// composition, so the page's text field (the app's IME bridge) gets the events an IME sends.
async function ime(page, text) {
  await page.evaluate((t) => {
    const ta = document.activeElement;
    ta.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    ta.dispatchEvent(new CompositionEvent('compositionupdate', { data: 'wangyan' }));
    ta.dispatchEvent(new CompositionEvent('compositionend', { data: t }));
  }, text);
  await settled(page, 3);
}

try {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: false, userDataDir: profile,
    defaultViewport: { width: 1280, height: 800 }, extraPrefsFirefox: { 'layout.css.devPixelsPerPx': String(dpr) } });
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => !!(window.hazardLedger && window.hazardLedger.ready), { timeout: 60000 });
  seen.ready = await page.evaluate(() => window.hazardLedger.ready.then(() => true, (e) => e.message));
  if (seen.ready !== true) throw new Error(`app did not start: ${seen.ready}`);
  seen.devicePixelRatio = await page.evaluate(() => devicePixelRatio);
  seen.startup = await page.evaluate(() => window.hazardLedger.startup);
  await page.evaluate(() => window.hazardLedger.testGenerate(20, 5)); // townships to choose from
  await click(page, '企业库');
  await click(page, '新增企业');
  await click(page, '企业名称');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA', { timeout: 20000, polling: 'raf' });
  await ime(page, NAME);
  await click(page, '统一社会信用代码');
  await page.keyboard.type('91350100M000100Y43');
  await settled(page, 3);
  const town = await page.evaluate(() => window.hazardLedger.query(
    "SELECT value, code FROM dictionary WHERE kind = 'township' ORDER BY code LIMIT 1")[0]);
  await click(page, '乡镇街道');
  await click(page, `${town.value}（${town.code}）`);
  await click(page, '保存企业');
  await page.waitForFunction(() => window.hazardLedger.query("SELECT name FROM enterprise WHERE uscc = '91350100M000100Y43'").length === 1,
    { timeout: 20000, polling: 'raf' });
  seen.stored = await page.evaluate(() => window.hazardLedger.query("SELECT name FROM enterprise WHERE uscc = '91350100M000100Y43'")[0].name);
  // A hazard: the name typed through the IME into its 隐患描述 and saved.
  await click(page, '隐患台账');
  const number = await page.evaluate(() => window.hazardLedger.items().map((i) => i.label)
    .find((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l)));
  await click(page, number);
  await click(page, '隐患描述', true);
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA', { timeout: 20000, polling: 'raf' });
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await settled(page, 3);
  await ime(page, NAME);
  await click(page, '保存修改');
  seen.hazard = await page.evaluate((n) => window.hazardLedger.query(`SELECT description FROM hazard WHERE number = '${n}'`)[0].description, number);
  await click(page, '关闭');
  await click(page, '企业库');
  await settled(page, 3);
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `fonts-firefox-dpr${dpr}.png`) });
  const info = await page.evaluate((t) => window.hazardLedger.glyphs(t), NAME);
  seen.loader = info.loader;
  if (info.loader !== 'browser') throw new Error(`glyphs come from ${info.loader}, not the browser`);
  // In the page: Firefox's own rendering of a character (a canvas with the page's font stack), as ink.
  const scores = await page.evaluate((info) => {
    const ink = (alpha, w, h) => {
      let x0 = w, y0 = h, x1 = -1, y1 = -1;
      for (let i = 0; i < w * h; i++) if (alpha(i) > 110) {
        const x = i % w, y = (i / w) | 0;
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
      if (x1 < 0) return { w: 0, h: 0, bits: [] };
      const cw = x1 - x0 + 1, ch = y1 - y0 + 1, bits = new Uint8Array(cw * ch);
      for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) bits[y * cw + x] = alpha((y + y0) * w + x + x0) > 110 ? 1 : 0;
      return { w: cw, h: ch, bits };
    };
    const iou = (a, b) => {
      let inter = 0, union = 0;
      for (let y = 0; y < Math.max(a.h, b.h); y++) for (let x = 0; x < Math.max(a.w, b.w); x++) {
        const p = x < a.w && y < a.h && a.bits[y * a.w + x], q = x < b.w && y < b.h && b.bits[y * b.w + x];
        if (p && q) inter++;
        if (p || q) union++;
      }
      return union ? inter / union : 0;
    };
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = info.em * 3;
    const g = canvas.getContext('2d');
    const own = (text) => {
      g.clearRect(0, 0, canvas.width, canvas.height);
      g.font = info.em + 'px ' + info.stack;
      g.fillStyle = '#000';
      g.fillText(text, info.em, info.em * 2); // whole pixels, as the app draws glyphs
      const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
      return ink((i) => d[i * 4 + 3], canvas.width, canvas.height);
    };
    const box = own(String.fromCodePoint(0x10fffd)), question = own('?');
    return info.glyphs.map((gl) => {
      if (!gl.loaded || !gl.coverage) return { cp: gl.cp, loaded: false };
      const cov = gl.coverage.match(/../g).map((h) => parseInt(h, 16));
      const a = ink((i) => cov[i], gl.w, gl.h);
      const ref = own(String.fromCodePoint(gl.cp));
      return { cp: gl.cp, loaded: true, same: iou(a, ref), box: iou(a, box), question: iou(a, question) };
    });
  }, info);
  seen.scores = scores.map((s) => `${String.fromCodePoint(s.cp)} ${s.loaded ? `${s.same.toFixed(2)}/${s.box.toFixed(2)}/${s.question.toFixed(2)}` : 'not loaded'}`);
  const bad = scores.filter((s) => !s.loaded || !(s.same > 0.6 && s.same > s.box + 0.2 && s.same > s.question + 0.2));
  console.log(JSON.stringify(seen));
  if (bad.length) throw new Error(`glyphs not drawn as Firefox draws them: ${bad.map((s) => String.fromCodePoint(s.cp)).join(' ')}`);
  if (seen.stored !== NAME) throw new Error(`the name was stored as ${seen.stored}`);
  if (seen.hazard !== NAME) throw new Error(`the hazard's 隐患描述 was stored as ${seen.hazard}`);
  await browser.close();
  process.exitCode = 0;
} catch (e) {
  console.error('firefox fonts failed:', e.message, JSON.stringify(seen));
  await browser?.close().catch(() => {});
  process.exitCode = 1;
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
}
