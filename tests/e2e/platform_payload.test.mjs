// The compressed wasm (issue 15): the single file and the served build both carry it gzip-compressed
// and start with the browser's DecompressionStream, with the bundled inflater (fflate) on a browser
// without one, and with a server that already inflated it (Content-Encoding: gzip); a damaged file
// says so in Chinese instead of hanging on 正在加载.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, fileUrl, openApp, DIST, TEST_OFFICE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const startup = (page) => page.evaluate(() => window.hazardLedger.startup);

test('the single file starts with the browser inflating the wasm', async () => {
  const size = fs.statSync(path.join(DIST, 'hazard-ledger.html')).size;
  assert.ok(size < 4 * 1024 * 1024, `dist/hazard-ledger.html is ${size} bytes (at most 4 MiB)`);
  const { page, errors, readyMs } = await openApp(browser.context, fileUrl('hazard-ledger.html', TEST_OFFICE + '&db=payload1'));
  const s = await startup(page);
  assert.equal(s.inflater, 'DecompressionStream');
  console.log(`# ${size} bytes; ready in ${readyMs} ms, wasm inflated and compiled in ${Math.round(s.wasmMs)} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without DecompressionStream the bundled inflater (fflate) inflates it', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => { delete window.DecompressionStream; });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(fileUrl('hazard-ledger.html', TEST_OFFICE + '&db=payload2'));
  await page.waitForFunction(() => window.hazardLedger && window.hazardLedger.ready);
  await page.evaluate(() => window.hazardLedger.ready);
  assert.equal((await startup(page)).inflater, 'fflate');
  assert.equal(await page.evaluate(() => typeof window.fflate), 'object', 'fflate ran only because it was needed');
  assert.deepEqual(errors, []);
  await page.close();
});

// A static server over dist/ that can send the .wasm.gz already inflated (Content-Encoding: gzip,
// as some servers do for the suffix) or cut short.
function serve(mode) {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html');
    const file = path.join(DIST, path.basename(name));
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    let data = fs.readFileSync(file);
    const headers = { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : name.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' };
    if (name.endsWith('.wasm.gz') && mode === 'encoded') headers['content-encoding'] = 'gzip';
    if (name.endsWith('.wasm.gz') && mode === 'cut') data = data.subarray(0, data.length >> 1);
    res.writeHead(200, headers).end(data);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the served build starts from the same .wasm.gz, also when the server already inflated it', async () => {
  const packed = fs.readFileSync(path.join(DIST, 'hazard-ledger-app.wasm.gz'));
  assert.equal(zlib.gunzipSync(packed).subarray(0, 4).toString('hex'), '0061736d', 'a gzip-compressed wasm module');
  for (const [mode, inflater] of [['plain', 'DecompressionStream'], ['encoded', 'none']]) {
    const server = await serve(mode);
    try {
      const { page, errors } = await openApp(browser.context,
        `http://127.0.0.1:${server.address().port}/index.html?${TEST_OFFICE}&db=payload-${mode}`);
      assert.equal((await startup(page)).inflater, inflater, mode);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      server.close();
    }
  }
});

test('a damaged wasm says so in Chinese', async () => {
  const server = await serve('cut');
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html?${TEST_OFFICE}&db=payload-cut`);
    await page.waitForFunction(() => !!window.hazardLedger);
    const outcome = await page.evaluate(() => window.hazardLedger.ready.then(() => 'ready', (e) => e.message));
    assert.match(outcome, /程序文件不完整或已损坏/);
    assert.match(await page.textContent('#hz-message'), /程序文件不完整或已损坏/);
    await page.close();
  } finally {
    server.close();
  }
});
