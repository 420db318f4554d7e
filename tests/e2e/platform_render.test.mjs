// Rendering (issue 5): sharp at devicePixelRatio 2, follows window resizes, an idle page draws
// at most ~1 frame per second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launch, fileUrl, openApp, state, TEST_OFFICE, screenshot } from './harness.mjs';

// Counts adjacent pixel pairs with a strong luminance step, in the screenshot as taken and in the
// same screenshot halved and doubled again (what a 1x canvas stretched to 2x looks like).
async function edgeCounts(page, pngFile) {
  const b64 = fs.readFileSync(pngFile).toString('base64');
  return page.evaluate(async (data) => {
    const img = await createImageBitmap(await (await fetch('data:image/png;base64,' + data)).blob());
    const measure = (source, w, h) => {
      const c = new OffscreenCanvas(w, h);
      const g = c.getContext('2d');
      g.imageSmoothingEnabled = true;
      g.drawImage(source, 0, 0, w, h);
      const px = g.getImageData(0, 0, w, h).data;
      let n = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x + 1 < w; x++) {
          const i = (y * w + x) * 4;
          const a = px[i] * 0.3 + px[i + 1] * 0.59 + px[i + 2] * 0.11;
          const b = px[i + 4] * 0.3 + px[i + 5] * 0.59 + px[i + 6] * 0.11;
          if (Math.abs(a - b) > 110) n++;
        }
      }
      return n;
    };
    const half = new OffscreenCanvas(img.width / 2, img.height / 2);
    const hg = half.getContext('2d');
    hg.imageSmoothingEnabled = true;
    hg.drawImage(img, 0, 0, img.width / 2, img.height / 2);
    return { width: img.width, sharp: measure(img, img.width, img.height), stretched: measure(half, img.width, img.height) };
  }, b64);
}

test('at deviceScaleFactor 2 the canvas has 2x pixels and the text is sharp; resizes are followed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hz-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 760 }, deviceScaleFactor: 2,
  });
  try {
    const { page } = await openApp(context, fileUrl('hazard-ledger.html', TEST_OFFICE));
    const dims = await page.evaluate(() => ({ w: document.getElementById('canvas').width, css: innerWidth, dpr: devicePixelRatio }));
    assert.equal(dims.dpr, 2);
    assert.equal(dims.w, dims.css * 2, 'canvas backing store is CSS size x 2');
    const file = await screenshot(page, 'dpr2.png');
    const e = await edgeCounts(page, file);
    assert.equal(e.width, 2400);
    console.log(`# dpr2 edge steps: sharp ${e.sharp}, as-if-1x ${e.stretched}`);
    assert.ok(e.sharp > 1.5 * e.stretched, `text is not sharp at dpr 2 (${e.sharp} vs ${e.stretched})`);

    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 1800, null, { timeout: 5000 });
    const nav = (await page.evaluate(() => window.hazardLedger.items())).find((i) => i.label === '设置');
    assert.ok(nav && nav.y + nav.h <= 600, 'layout follows the smaller window');
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an idle page draws at most 10 frames in 5 s, and redraws on input', async () => {
  const b = await launch();
  try {
    const { page } = await openApp(b.context, fileUrl('hazard-ledger.html', TEST_OFFICE));
    // Let the start-up frames settle (30 frames after the last input; slow on a loaded machine).
    for (let i = 0, last = (await state(page)).frames; i < 20; i++) {
      await page.waitForTimeout(1000);
      const now = (await state(page)).frames;
      if (now - last <= 2) break;
      last = now;
    }
    const f0 = (await state(page)).frames;
    await page.waitForTimeout(5000);
    const f1 = (await state(page)).frames;
    console.log(`# idle frames in 5 s: ${f1 - f0}`);
    assert.ok(f1 - f0 <= 10, `idle page drew ${f1 - f0} frames in 5 s`);
    // Input wakes the loop: 10 frames come much faster than at the idle rate (one a second).
    const t = Date.now();
    await page.mouse.move(400, 300);
    await page.mouse.move(420, 310);
    await page.waitForFunction((n) => window.hazardLedger.state().frames >= n, f1 + 10, { polling: 'raf', timeout: 20000 });
    assert.ok(Date.now() - t < 9000, `input wakes the frame loop: 10 frames took ${Date.now() - t} ms`);
  } finally {
    await b.close();
  }
});
