// Office keys (issue 16), each office in its own browser profile: a township's first signed file is
// imported by the district, which records the township's key and shows its fingerprint; the
// township's key is then replaced (a reinstall without the key backup), its next file brings the
// warning with both fingerprints, a refusal changes nothing, and an acceptance imports the file and
// is logged in 设置 → 密钥与受信任单位.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launch, fileUrl, openApp, state, click, findItem, waitFor, query, screenshot, exportLedgerFile, chooseLedgerFile }
  from './harness.mjs';

const url = (name, division) =>
  fileUrl('hazard-ledger.html', `test=1&office=${encodeURIComponent(name)}&division=${division}`);
let town, district;
before(async () => { [town, district] = await Promise.all([launch(), launch()]); });
after(async () => { await town?.close(); await district?.close(); });

const exportFile = exportLedgerFile;
const chooseFile = chooseLedgerFile;

// The fingerprint of this office's key as 设置 shows it.
async function ownFingerprint(page) {
  await click(page, '设置');
  await click(page, '密钥与受信任单位');
  const item = await findItem(page, /^\d{4}( \d{4}){7}$/);
  return item.label;
}

test('a township key replaced: the district sees the warning with both fingerprints, refuses, then accepts', async () => {
  const T = await openApp(town.context, url('东湖街道安委办', '320102003'));
  const D = await openApp(district.context, url('玄武区安委办', '320102'));
  await T.page.evaluate(() => window.hazardLedger.testGenerate(12, 4));
  const first = await ownFingerprint(T.page);

  // The first file: imported, the key recorded and its fingerprint shown to compare by phone.
  const file1 = await exportFile(T.page, 'keys-town-1.ledger.json.gz');
  assert.match(fs.readFileSync(file1).subarray(0, 2).toString('hex'), /^1f8b$/);
  await chooseFile(D.page, file1);
  await waitFor(D.page, async () => (await state(D.page)).notice.includes('已导入 keys-town-1'), 'the first import', 120000);
  const notice = (await state(D.page)).notice;
  assert.ok(notice.includes(`首次收到 东湖街道安委办`) && notice.includes(first),
    `the notice names the office and the fingerprint ${first}: ${notice}`);
  assert.ok(notice.includes('已签名'), notice);
  assert.equal((await state(D.page)).counts.hazards, 12);
  await click(D.page, '设置');
  await click(D.page, '密钥与受信任单位');
  await findItem(D.page, first); // the trusted office's fingerprint in the list
  await screenshot(D.page, 'keys-trusted.png');

  // The township's key is replaced; its next file is signed with the new key.
  const { fingerprint: second } = await T.page.evaluate(() => window.hazardLedger.testNewOfficeKey());
  assert.notEqual(second, first);
  assert.equal(await ownFingerprint(T.page), second);
  await T.page.evaluate(() => window.hazardLedger.testGenerate(3, 1));
  const file2 = await exportFile(T.page, 'keys-town-2.ledger.json.gz');

  // The district is warned, with both fingerprints; refusing changes nothing.
  await chooseFile(D.page, file2);
  const shown = await findItem(D.page, second, { timeout: 120000 });
  assert.ok(shown, 'the new fingerprint is shown');
  await findItem(D.page, `此前记录的指纹：${first}`);
  await findItem(D.page, '已电话核对，接受新密钥并导入');
  await screenshot(D.page, 'keys-changed-warning.png');
  await click(D.page, '拒绝导入（推荐）');
  await waitFor(D.page, async () => (await state(D.page)).notice.includes('已拒绝'), 'the refusal');
  assert.equal((await state(D.page)).counts.hazards, 12, 'nothing of the refused file was imported');

  // After a phone call: accepted, imported, and logged.
  await chooseFile(D.page, file2);
  await findItem(D.page, second, { timeout: 120000 });
  await click(D.page, '已电话核对，接受新密钥并导入');
  await waitFor(D.page, async () => (await state(D.page)).notice.includes('已导入 keys-town-2'), 'the accepted import', 120000);
  assert.equal((await state(D.page)).counts.hazards, 15);
  assert.match((await state(D.page)).notice, /已接受 东湖街道安委办/);
  await click(D.page, '设置');
  await click(D.page, '密钥与受信任单位');
  await findItem(D.page, second);
  const [logged] = await query(D.page, 'SELECT count(*) AS n, max(actor) AS actor FROM key_change');
  assert.equal(logged.n, 1, 'the key change is logged');
  const [pinned] = await query(D.page, 'SELECT key_changes FROM trusted_key');
  assert.equal(pinned.key_changes, 1);
  await screenshot(D.page, 'keys-changes-logged.png');
  assert.deepEqual(T.errors, []);
  assert.deepEqual(D.errors, []);
});

test('history forwarded without its office\'s signature: the next office is asked, refuses, then accepts it marked', async () => {
  // The district imports an old unsigned file (version 1, from an office without a key): marked 未签名.
  const D = await openApp(district.context, url('玄武区安委办', '320102') + '&db=forwarded-district');
  await chooseFile(D.page, path.join(ROOT, 'tests/data/v1_two_offices/a.json'));
  await waitFor(D.page, async () => (await state(D.page)).notice.includes('已导入 a.json'), 'the old file', 120000);
  assert.ok((await state(D.page)).notice.includes('未签名'), (await state(D.page)).notice);
  const hazards = (await state(D.page)).counts.hazards;
  assert.ok(hazards > 0);
  // Its signed export carries that office's history without that office's signature.
  const file = await exportFile(D.page, 'keys-forwarded.ledger.json.gz');

  const C = await openApp(town.context, url('南京市安委办', '320100') + '&db=forwarded-city');
  await chooseFile(C.page, file);
  await findItem(C.page, '已向该单位核实，作为未签名记录导入', { timeout: 120000 });
  await findItem(C.page, /却没有该单位自己的签名/);
  await screenshot(C.page, 'keys-unsigned-forwarded.png');
  await click(C.page, '拒绝导入（推荐）');
  await waitFor(C.page, async () => (await state(C.page)).notice.includes('已拒绝'), 'the refusal');
  assert.equal((await state(C.page)).counts.hazards, 0, 'nothing of the refused file was imported');
  const [none] = await query(C.page, 'SELECT count(*) AS n FROM trusted_key');
  assert.equal(none.n, 0, 'a refusal pins no key either');

  await chooseFile(C.page, file);
  await click(C.page, '已向该单位核实，作为未签名记录导入', { timeout: 120000 });
  await waitFor(C.page, async () => (await state(C.page)).notice.includes('已导入 keys-forwarded'), 'the accepted import', 120000);
  assert.equal((await state(C.page)).counts.hazards, hazards);
  assert.match((await state(C.page)).notice, /没有该单位的签名（经核对后作为未签名记录导入/);
  assert.deepEqual(D.errors, []);
  assert.deepEqual(C.errors, []);
});
