// Text input (issue 5): Chinese IME composition through CDP lands exactly in an ImGui field and
// is saved; keys typed around it are not doubled; Chinese text pasted from the clipboard lands in
// a field; Ctrl+S and Ctrl+F do not trigger the browser's own save/find.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fileUrl, openApp, click, findItem, enterpriseNames, waitSaved, inputHandled, TEST_OFFICE } from './harness.mjs';

let b;
before(async () => { b = await launch(); });
after(async () => { await b?.close(); });
const URL = (db) => fileUrl('hazard-ledger.html', `${TEST_OFFICE}&testpanel=1&db=${db}`);

test('IME composition (CDP imeSetComposition + insertText) is saved exactly', async () => {
  const { page } = await openApp(b.context, URL('ime'));
  await click(page, '测试文本');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'hz-ime', null, { timeout: 3000 });
  await page.keyboard.type('No.7 ');
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'anquan', selectionStart: 6, selectionEnd: 6 });
  await cdp.send('Input.imeSetComposition', { text: '安全', selectionStart: 2, selectionEnd: 2 });
  // Keys the IME consumes arrive as keyCode 229 ("Process"): they must not reach the app.
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, key: 'Process', code: 'KeyA' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 229, key: 'Process', code: 'KeyA' });
  await cdp.send('Input.insertText', { text: '安全隐患排查' });
  await inputHandled(page);
  await click(page, '创建企业');
  await waitSaved(page);
  const names = await enterpriseNames(page);
  assert.deepEqual(names, ['No.7 安全隐患排查']);
  await page.close();
});

test('Chinese text pasted from the clipboard lands in the field', async () => {
  const { page } = await openApp(b.context, URL('paste'));
  const text = '南京市玄武区孝陵卫街道·粘贴测试有限公司';
  // The system clipboard of headless Chromium: filled by a real copy from a page element.
  await page.evaluate((t) => {
    const ta = document.createElement('textarea');
    ta.id = 'copy-source';
    ta.value = t;
    document.body.appendChild(ta);
  }, text);
  await page.focus('#copy-source');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.evaluate(() => document.getElementById('copy-source').remove());
  await click(page, '测试文本');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'hz-ime', null, { timeout: 3000 });
  await page.keyboard.press('Control+V');
  await inputHandled(page);
  await click(page, '创建企业');
  await waitSaved(page);
  assert.deepEqual(await enterpriseNames(page), [text]);
  await page.close();
});

test('Ctrl+S and Ctrl+F are the app\'s: the browser default is prevented', async () => {
  const { page } = await openApp(b.context, URL('keys'));
  await page.evaluate(() => {
    window.__prevented = [];
    window.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key !== 'Control') window.__prevented.push(e.key + ':' + e.defaultPrevented); });
  });
  await page.mouse.click(600, 400);
  const download = page.waitForEvent('download', { timeout: 15000 });
  await page.keyboard.press('Control+s');
  await page.keyboard.press('Control+f');
  assert.deepEqual(await page.evaluate(() => window.__prevented), ['s:true', 'f:true']);
  const d = await download; // Ctrl+S exports the ledger
  assert.match(d.suggestedFilename(), /-\d{8}\.ledger\.json\.gz$/);
  await findItem(page, '测试文本');
  await page.close();
});
