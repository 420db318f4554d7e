// Runs tests/e2e/firefox_smoke.mjs and firefox_fonts.mjs headful under xvfb-run (Firefox ESR, WebDriver BiDi).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './harness.mjs';

const firefox = process.env.HZ_FIREFOX || '/usr/bin/firefox-esr';
const missing = [firefox, '/usr/bin/xvfb-run'].filter((p) => !fs.existsSync(p));

test('Firefox ESR: open from file://, create a record, reload, the record is there',
  { skip: missing.length ? `not installed: ${missing.join(', ')} (emsdk-setup.sh installs them)` : false, timeout: 180000 }, () => {
    const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', process.execPath,
      path.join(ROOT, 'tests/e2e/firefox_smoke.mjs')], { encoding: 'utf8', timeout: 170000 });
    if (r.stdout) console.log(r.stdout.trim().split('\n').map((l) => '# ' + l).join('\n'));
    assert.equal(r.status, 0, `firefox smoke failed:\n${r.stdout}\n${r.stderr}`);
  });

for (const dpr of [1, 2]) {
  test(`Firefox ESR at devicePixelRatio ${dpr}: rare characters of names typed into a field are drawn by the browser`,
    { skip: missing.length ? `not installed: ${missing.join(', ')} (emsdk-setup.sh installs them)` : false, timeout: 180000 }, () => {
      const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', process.execPath,
        path.join(ROOT, 'tests/e2e/firefox_fonts.mjs'), String(dpr)], { encoding: 'utf8', timeout: 170000 });
      if (r.stdout) console.log(r.stdout.trim().split('\n').map((l) => '# ' + l).join('\n'));
      assert.equal(r.status, 0, `firefox fonts failed:\n${r.stdout}\n${r.stderr}`);
    });
}
