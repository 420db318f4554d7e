// Fonts (issue 15): names with rare characters, typed through the IME, show in the enterprise list
// and in the hazard window, the ledger table and the bulletin preview, drawn by the browser's own
// fonts, at devicePixelRatio 1, 1.25, 1.5 and 2. Two pixel checks, both
// against the browser's own HTML rendering of the same text (a DOM element with the page's font
// stack, screenshotted), neither through the app's glyph code:
//  - per character: the glyph in the UI font's atlas has the ink of the browser's rendering of that
//    character, clearly closer to it than to the missing-glyph box or to '?';
//  - on screen: the enterprise list, the hazard window's 隐患描述, its cell in the ledger table and the
//    bulletin preview's title show the name with the ink of the browser's rendering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, fileUrl, openApp, click, findItem, items, textInputReady, inputHandled, query, screenshot }
  from './harness.mjs';

const NAMES = ['𬍛雯', '吕𠮷', '王䶮', '堃喆', '赵珺琪'];
const EXT_B = '𠀋𠂇𠃌𡈽𨳒'; // CJK Unified Ideographs Extension B
const NAME = NAMES.join('') + EXT_B;
const URL = fileUrl('hazard-ledger.html', 'test=1&office=' + encodeURIComponent('东湖街道安委办') + '&division=320102003');

// Ink (dark pixels) of an image, cropped to its bounding box: {w, h, bits}.
function inkOf(rgba, w, h, dark) {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  const on = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    if (dark(rgba, i)) {
      on[i] = 1;
      const x = i % w, y = (i / w) | 0;
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return { w: 0, h: 0, bits: new Uint8Array(0) };
  const cw = x1 - x0 + 1, ch = y1 - y0 + 1, bits = new Uint8Array(cw * ch);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) bits[y * cw + x] = on[(y + y0) * w + x + x0];
  return { w: cw, h: ch, bits };
}
// Intersection over union of two inks aligned at their top-left corners (1 = the same pixels).
function iou(a, b) {
  let inter = 0, union = 0;
  for (let y = 0; y < Math.max(a.h, b.h); y++) {
    for (let x = 0; x < Math.max(a.w, b.w); x++) {
      const p = x < a.w && y < a.h && a.bits[y * a.w + x], q = x < b.w && y < b.h && b.bits[y * b.w + x];
      if (p && q) inter++;
      if (p || q) union++;
    }
  }
  return union ? inter / union : 0;
}
// How alike two inks are, aligned at their top-left corners, allowing each ink pixel to be one
// pixel off (rasterisers place text at slightly different subpixel offsets): the F-score of the
// pixels of each found within one pixel in the other (1 = the same shape).
function likeness(a, b) {
  const near = (ink, x, y) => {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const u = x + dx, v = y + dy;
        if (u >= 0 && v >= 0 && u < ink.w && v < ink.h && ink.bits[v * ink.w + u]) return true;
      }
    }
    return false;
  };
  const found = (p, q) => {
    let n = 0, hit = 0;
    for (let y = 0; y < p.h; y++) for (let x = 0; x < p.w; x++) if (p.bits[y * p.w + x]) { n++; if (near(q, x, y)) hit++; }
    return n ? hit / n : 0;
  };
  const precision = found(a, b), recall = found(b, a);
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}
const darkRgba = (px, i) => px[i * 4] * 0.3 + px[i * 4 + 1] * 0.59 + px[i * 4 + 2] * 0.11 < 150;

// The pixels (RGBA) of a PNG file, or of the rectangle `clip` of it (device pixels).
async function pngPixels(page, file, clip) {
  const b64 = fs.readFileSync(file).toString('base64');
  const r = await page.evaluate(async ({ data, clip }) => {
    const img = await createImageBitmap(await (await fetch('data:image/png;base64,' + data)).blob());
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const k = clip || { x: 0, y: 0, w: img.width, h: img.height };
    const px = g.getImageData(k.x, k.y, k.w, k.h).data;
    let hex = '';
    for (let i = 0; i < px.length; i++) hex += (px[i] < 16 ? '0' : '') + px[i].toString(16);
    return { w: k.w, h: k.h, hex };
  }, { data: b64, clip });
  return { w: r.w, h: r.h, px: Uint8Array.from(Buffer.from(r.hex, 'hex')) };
}

// The browser's own rendering of `text` at `emDevicePx` device pixels (a DOM element with the
// page's font stack), as ink.
async function browserInk(page, text, emDevicePx, stack, dpr) {
  await page.evaluate(({ text, size, stack }) => {
    let el = document.getElementById('hz-ref');
    if (!el) {
      el = document.createElement('div');
      el.id = 'hz-ref';
      el.style.cssText = 'position:fixed;left:0;top:0;z-index:99;background:#fff;color:#000;padding:4px;white-space:pre';
      document.body.appendChild(el);
    }
    el.style.fontFamily = stack;
    el.style.fontSize = size + 'px';
    // Multiples of 4 CSS pixels, whole device pixels at dpr 1, 1.25, 1.5 and 2, so that no column
    // of the page behind shows at the element's edge.
    const whole = (v) => Math.ceil(v / 4) * 4 + 'px';
    el.style.lineHeight = whole(size * 1.5);
    el.style.width = whole(size * ([...text].length + 1));
    el.textContent = text;
  }, { text, size: emDevicePx / dpr, stack });
  const file = path.join(os.tmpdir(), `hz-ref-${process.pid}.png`);
  await page.locator('#hz-ref').screenshot({ path: file });
  await page.evaluate(() => document.getElementById('hz-ref').remove());
  const p = await pngPixels(page, file);
  fs.rmSync(file, { force: true });
  return inkOf(p.px, p.w, p.h, darkRgba);
}

// How alike the ink of an item on screen (cropped from a screenshot saved as `name`, `inset` device
// pixels inside its rectangle, to leave a field's frame out) is to `ref`.
async function onScreen(page, item, name, ref, dpr, inset) {
  const clip = { x: Math.round(item.x * dpr) + inset, y: Math.round(item.y * dpr) + inset,
                 w: Math.round(item.w * dpr) - 2 * inset, h: Math.round(item.h * dpr) - 2 * inset };
  const crop = (await pngPixels(page, await screenshot(page, name), clip)).px;
  return likeness(inkOf(crop, clip.w, clip.h, darkRgba), ref);
}

async function checkAt(dpr) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hz-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    deviceScaleFactor: dpr,
  });
  try {
    const { page, errors } = await openApp(context, URL);
    assert.equal(await page.evaluate(() => window.hazardLedger.glyphs('中').loader), 'browser',
      'the browser draws the glyphs (the machine has a Chinese font)');
    await page.evaluate(() => window.hazardLedger.testGenerate(20, 5));
    await click(page, '企业库');
    await click(page, '新增企业');
    // The name through the IME: a composition, then the committed text.
    await click(page, '企业名称');
    await textInputReady(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'wangyan', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.imeSetComposition', { text: NAME, selectionStart: NAME.length, selectionEnd: NAME.length });
    await cdp.send('Input.insertText', { text: NAME });
    await inputHandled(page);
    await click(page, '统一社会信用代码');
    await textInputReady(page);
    await page.keyboard.insertText('91350100M000100Y43');
    await inputHandled(page);
    const [town] = await query(page, "SELECT value, code FROM dictionary WHERE kind = 'township' ORDER BY code LIMIT 1");
    await click(page, '乡镇街道');
    await click(page, `${town.value}（${town.code}）`);
    await click(page, '保存企业');
    await findItem(page, '编辑企业信息');
    const rows = await query(page, 'SELECT name FROM enterprise WHERE uscc = \'91350100M000100Y43\'');
    assert.deepEqual(rows.map((r) => r.name), [NAME], 'the name is stored exactly, supplementary characters included');
    await screenshot(page, `fonts-names-dpr${dpr}.png`);

    // Per character: the atlas glyph against the browser's rendering, the missing-glyph box and '?'.
    const info = await page.evaluate((t) => window.hazardLedger.glyphs(t), NAME);
    // The missing-glyph box as a canvas draws it (what the app's glyphs would be for a character the
    // machine's fonts lack), to compare pixel for pixel with the glyphs in the atlas.
    const boxPixels = await page.evaluate(({ em, stack }) => {
      const c = new OffscreenCanvas(em * 3, em * 3);
      const g = c.getContext('2d');
      g.font = `${em}px ${stack}`;
      g.fillStyle = '#fff';
      g.fillText(String.fromCodePoint(0x10fffd), em, em * 2);
      return Array.from(g.getImageData(0, 0, em * 3, em * 3).data.filter((_, i) => i % 4 === 3));
    }, info);
    const missingBox = inkOf(Uint8Array.from(boxPixels), info.em * 3, info.em * 3, (a, i) => a[i] > 110);
    const question = await browserInk(page, '?', info.em, info.stack, dpr);
    const scores = [];
    for (const g of info.glyphs) {
      const ch = String.fromCodePoint(g.cp);
      assert.ok(g.loaded && g.coverage, `${ch} (U+${g.cp.toString(16)}) is in the atlas: a frame drew it`);
      const cov = Uint8Array.from(g.coverage.match(/../g).map((h) => parseInt(h, 16)));
      const atlas = inkOf(cov, g.w, g.h, (a, i) => a[i] > 110);
      const ref = await browserInk(page, ch, info.em, info.stack, dpr);
      const same = likeness(atlas, ref), q = likeness(atlas, question);
      const exact = iou(atlas, ref), box = iou(atlas, missingBox);
      scores.push(`${ch} ${same.toFixed(2)}/${exact.toFixed(2)}/${box.toFixed(2)}/${q.toFixed(2)}`);
      // Its shape and size (within a pixel or two: the page's text and a canvas may place and hint
      // a small glyph differently), not the missing-glyph box (pixel for pixel: at 11 px a dense
      // character and the box are alike within a pixel), not '?'.
      assert.ok(same > 0.8 && Math.abs(atlas.w - ref.w) <= 2 && Math.abs(atlas.h - ref.h) <= 2 &&
                box < 0.6 && same > q + 0.2,
        `${ch} (U+${g.cp.toString(16)}) at dpr ${dpr}: like the browser's glyph ${same.toFixed(2)}, pixel for pixel ` +
        `${exact.toFixed(2)} (${atlas.w}x${atlas.h} vs ${ref.w}x${ref.h}), like the missing-glyph box ${box.toFixed(2)}, ` +
        `like '?' ${q.toFixed(2)}`);
    }

    // On screen: the name in the enterprise list, cropped from a screenshot, against the browser's
    // rendering of it.
    await click(page, '返回企业列表');
    const title = await findItem(page, NAME);
    const titleInfo = await page.evaluate((t) => window.hazardLedger.glyphs(t), title.label);
    const score = await onScreen(page, title, `fonts-list-dpr${dpr}.png`,
      await browserInk(page, title.label, titleInfo.em, info.stack, dpr), dpr, 0);
    assert.ok(score > 0.8, `the title "${title.label}" on screen is the browser's rendering of it at dpr ${dpr} (${score.toFixed(2)})`);
    console.log(`# dpr ${dpr}: glyph likeness to the browser's (within 1 px / exact) / exact to the missing-glyph box / to '?': ${scores.join(', ')}`);
    // The hazard window: the name typed through the IME into 隐患描述 of a hazard and saved; the
    // field shows it as the browser draws it.
    await click(page, '隐患台账');
    const numbers = (await items(page)).map((i) => i.label).filter((l) => /^\d{6,12}-\d{4}-(?:[A-Z]{4}-)?\d{4,}$/.test(l));
    await click(page, numbers[0]);
    await findItem(page, '基本信息');
    await click(page, '隐患描述', { last: true }); // the window's field, not the ledger's column under it
    await textInputReady(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await cdp.send('Input.imeSetComposition', { text: 'wangyan', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.insertText', { text: NAME });
    await inputHandled(page);
    await click(page, '保存修改');
    const [saved] = await query(page, `SELECT description FROM hazard WHERE number = '${numbers[0]}'`);
    assert.equal(saved.description, NAME, 'the hazard keeps the name exactly');
    const nameInk = await browserInk(page, NAME, info.em, info.stack, dpr);
    const field = await findItem(page, '隐患描述', { last: true });
    const fieldScore = await onScreen(page, field, `fonts-hazard-dpr${dpr}.png`, nameInk, dpr, 2);
    assert.ok(fieldScore > 0.8, `隐患描述 in the hazard window shows the name as the browser draws it at dpr ${dpr} (${fieldScore.toFixed(2)})`);

    // The ledger table: the row's 隐患描述 cell.
    await click(page, '关闭');
    const cell = await findItem(page, NAME);
    const cellScore = await onScreen(page, cell, `fonts-ledger-dpr${dpr}.png`, nameInk, dpr, 0);
    assert.ok(cellScore > 0.8, `the ledger table shows the name as the browser draws it at dpr ${dpr} (${cellScore.toFixed(2)})`);

    // The bulletin preview: the name typed through the IME as 通报标题; the preview's title (drawn
    // at 1.35 times the base size) shows it.
    await click(page, '统计通报');
    await click(page, '通报');
    await click(page, '通报标题');
    await textInputReady(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await cdp.send('Input.imeSetComposition', { text: 'tongbao', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.insertText', { text: NAME });
    await inputHandled(page);
    await click(page, '文号'); // leaving the field saves the draft and the preview follows it
    const heading = await findItem(page, NAME);
    const big = await page.evaluate((t) => window.hazardLedger.glyphs(t, 1.35), NAME);
    assert.ok(big.em > info.em, `the title's em ${big.em} is larger than the base ${info.em}`);
    assert.ok(big.glyphs.every((g) => g.loaded && g.coverage), 'every character of the title is in the atlas at its size');
    const headingScore = await onScreen(page, heading, `fonts-bulletin-dpr${dpr}.png`,
      await browserInk(page, NAME, big.em, info.stack, dpr), dpr, 0);
    assert.ok(headingScore > 0.8, `the bulletin preview's title shows the name as the browser draws it at dpr ${dpr} (${headingScore.toFixed(2)})`);
    console.log(`# dpr ${dpr}: 隐患描述 in the hazard window ${fieldScore.toFixed(2)}, in the ledger table ${cellScore.toFixed(2)}, ` +
      `the bulletin preview's title ${headingScore.toFixed(2)} (vs the browser's rendering)`);
    console.log(`# dpr ${dpr}: ${info.glyphs.length} glyphs checked; title ink vs the browser's ${score.toFixed(2)}; ` +
      `${info.browserGlyphs} glyphs drawn by the browser in ${info.browserMs.toFixed(0)} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('rare characters of names typed through the IME are drawn by the browser at dpr 1', () => checkAt(1));
test('rare characters of names typed through the IME are drawn by the browser at dpr 2', () => checkAt(2));
// Office laptops at 125 % and 150 % display scaling: glyphs rasterised at the fractional size, crisp.
test('rare characters of names typed through the IME are drawn by the browser at dpr 1.25', () => checkAt(1.25));
test('rare characters of names typed through the IME are drawn by the browser at dpr 1.5', () => checkAt(1.5));

test('without a Chinese font in the browser the embedded subset draws the text, and the user is told', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hz-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  try {
    const { page, errors } = await openApp(context, URL + '&fonts=embedded');
    const info = await page.evaluate(() => window.hazardLedger.glyphs('隐患'));
    assert.equal(info.loader, 'stb_truetype');
    assert.ok(info.glyphs.every((g) => g.loaded && g.coverage), 'the UI text is drawn by the embedded font');
    const { notice } = await page.evaluate(() => window.hazardLedger.state());
    assert.match(notice, /没有可用的中文字体/);
    await screenshot(page, 'fonts-embedded-fallback.png');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
