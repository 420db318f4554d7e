#!/usr/bin/env node
// Benchmark: time from navigation to window.hazardLedger.ready for dist/hazard-ledger.html opened
// from file:// in headless Chromium (fresh profile per run). Prints each run and the median.
// Usage: node bench/web_ready.mjs [runs=5]
import { launch, fileUrl, openApp } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const times = [];
for (let i = 0; i < runs; ++i) {
  const browser = await launch();
  const { page, readyMs } = await openApp(browser.context, fileUrl('hazard-ledger.html', 'test=1'));
  const nav = await page.evaluate(() => performance.now());
  const startup = await page.evaluate(() => window.hazardLedger.startup || {});
  times.push(readyMs);
  const r = (v) => Math.round(v ?? -1);
  console.log(`run ${i + 1}: ready after ${readyMs} ms (page clock: app script ${r(startup.startAt)}, wasm instance ` +
    `${r(startup.wasmAt)} (inflated and compiled in ${r(startup.wasmMs)} ms by ${startup.inflater || '?'}), ` +
    `storage read and runtime up ${r(startup.runtimeAt)}, window ${r(startup.windowAt)}, font ${r(startup.fontAt)}, ` +
    `database open ${r(startup.modelAt)}, first frame from ${r(startup.frameAt)} to ${r(startup.readyAt)} ms; ` +
    `first payload piece ${r(startup.payloadAt)})`);
  await browser.close();
}
times.sort((a, b) => a - b);
console.log(`median of ${runs}: ${times[Math.floor(runs / 2)]} ms  (min ${times[0]}, max ${times[runs - 1]})`);
