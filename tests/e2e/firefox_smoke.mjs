// Firefox ESR smoke test (issue 5), run headful under xvfb-run by platform_firefox.test.mjs
// (headless Firefox has no WebGL here): open the single file from file://, create a record,
// reload, the record is there. puppeteer-core drives stock Firefox over WebDriver BiDi.
// Exit code 0 = passed; prints one JSON line with what it saw.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './harness.mjs';

const FIREFOX = process.env.HZ_FIREFOX || '/usr/bin/firefox-esr';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hz-firefox-'));
const url = pathToFileURL(path.join(DIST, 'hazard-ledger.html')).href +
  '?test=1&office=' + encodeURIComponent('孝陵卫街道安委办') + '&division=320102003';
const seen = {};
let browser;
try {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: false, userDataDir: profile,
    defaultViewport: { width: 1280, height: 800 } });
  const page = await browser.newPage();
  const ready = async () => {
    await page.waitForFunction(() => !!(window.hazardLedger && window.hazardLedger.ready), { timeout: 60000 });
    return page.evaluate(() => window.hazardLedger.ready.then(() => true, (e) => e.message));
  };
  await page.goto(url);
  seen.ready = await ready();
  if (seen.ready !== true) throw new Error(`app did not start: ${seen.ready}`);
  seen.webgl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
  seen.created = await page.evaluate(() => window.hazardLedger.testCreateEnterprise('火狐测试企业'));
  await page.waitForFunction(() => window.hazardLedger.state().save === '已保存', { timeout: 10000 });
  seen.stateBefore = await page.evaluate(() => window.hazardLedger.state());
  await page.reload();
  seen.readyAfterReload = await ready();
  seen.names = (await page.evaluate(() => window.hazardLedger.query('SELECT name FROM enterprise'))).map((r) => r.name);
  seen.storage = await page.evaluate(() => window.hazardLedger.storage());
  console.log(JSON.stringify(seen));
  if (!seen.names.includes('火狐测试企业')) throw new Error('the record did not survive the reload');
  await browser.close();
  process.exitCode = 0;
} catch (e) {
  console.error('firefox smoke failed:', e.message, JSON.stringify(seen));
  await browser?.close().catch(() => {});
  process.exitCode = 1;
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
}
