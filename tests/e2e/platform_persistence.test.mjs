// Durable storage (issue 5): an edit survives SIGKILL of the whole browser 1 s later (10 rounds),
// reload keeps everything, and a storage failure shows the banner without damaging saved data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, launchKillable, tempProfile, fileUrl, openApp, state, findItem, enterpriseNames, waitSaved,
  TEST_OFFICE, screenshot } from './harness.mjs';

const URL = () => fileUrl('hazard-ledger.html', TEST_OFFICE);

test('an edit is durable 1 s after it is made: SIGKILL the browser and relaunch, 10 times', { timeout: 600000 }, async () => {
  const profile = tempProfile();
  const expected = [];
  const latencies = [];
  try {
    for (let round = 0; round <= 10; round++) {
      const b = await launchKillable({ profileDir: profile });
      const { page } = await openApp(b.context, URL());
      assert.deepEqual(await enterpriseNames(page), [...expected].sort(), `after kill #${round}: an edit was lost`);
      if (round === 10) { await b.close(); break; }
      const name = `断电测试企业${String(round).padStart(2, '0')}`;
      await page.evaluate((n) => window.hazardLedger.testCreateEnterprise(n), name);
      expected.push(name);
      await page.waitForTimeout(1000);
      const st = await page.evaluate(() => window.hazardLedger.storage());
      latencies.push(st.lastSaveMs);
      await b.kill();
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`# durability latency (commit -> IndexedDB complete), ms: ${latencies.map((x) => Math.round(x)).join(' ')}`);
});

test('reload keeps everything; the status bar says 已保存', async () => {
  const b = await launch();
  try {
    const { page } = await openApp(b.context, URL());
    for (const n of ['甲企业', '乙企业', '丙企业']) await page.evaluate((x) => window.hazardLedger.testCreateEnterprise(x), n);
    await waitSaved(page);
    await findItem(page, '已保存').catch(() => {}); // status text is not a labelled widget; state() is the contract
    const before = await enterpriseNames(page);
    const office = (await state(page)).office;
    await page.reload();
    await page.evaluate(() => window.hazardLedger.ready);
    assert.deepEqual(await enterpriseNames(page), before);
    assert.equal((await state(page)).office, office);
    assert.equal((await state(page)).save, '已保存');
    const [ic] = await page.evaluate(() => window.hazardLedger.query('PRAGMA integrity_check'));
    assert.equal(Object.values(ic)[0], 'ok');
  } finally {
    await b.close();
  }
});

test('a storage failure (quota) shows the banner with 导出台账; the saved data stays intact', async () => {
  const b = await launch();
  try {
    // IndexedDB writes fail on demand, the way a full quota fails them.
    await b.context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__hzFailPuts) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const { page } = await openApp(b.context, URL());
    await page.evaluate(() => window.hazardLedger.testCreateEnterprise('保存成功的企业'));
    await waitSaved(page);
    await page.evaluate(() => { window.__hzFailPuts = true; });
    await page.evaluate(() => window.hazardLedger.testCreateEnterprise('未能保存的企业'));
    await page.waitForFunction(() => window.hazardLedger.state().save === '未能保存', null, { timeout: 5000 });
    const s = await state(page);
    assert.match(s.storageProblem, /存储空间已满/);
    assert.match(s.storageProblem, /导出/);
    const button = await findItem(page, '导出台账');
    assert.ok(button.w > 0 && button.y < 80, 'the banner sits at the top of the page');
    await screenshot(page, 'storage-failure-banner.png');
    await page.close();

    const { page: again } = await openApp(b.context, URL());
    assert.deepEqual(await enterpriseNames(again), ['保存成功的企业']);
    const [ic] = await again.evaluate(() => window.hazardLedger.query('PRAGMA integrity_check'));
    assert.equal(Object.values(ic)[0], 'ok');
    assert.equal((await state(again)).storageProblem, '');
  } finally {
    await b.close();
  }
});

test('where the browser refuses storage entirely, the app still works and says so plainly', async () => {
  const b = await launch();
  try {
    await b.context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    const { page } = await openApp(b.context, URL());
    const s = await state(page);
    assert.equal(s.save, '仅在内存中（未持久保存）');
    assert.match(s.storageProblem, /不允许本页面保存数据/);
    await findItem(page, '导出台账');
    await page.evaluate(() => window.hazardLedger.testCreateEnterprise('只在内存中的企业'));
    assert.deepEqual(await enterpriseNames(page), ['只在内存中的企业']);
  } finally {
    await b.close();
  }
});

test('a stored set with a chunk missing is reported, never opened silently', async () => {
  const b = await launch();
  try {
    const { page } = await openApp(b.context, URL());
    for (const n of ['缺块测试甲', '缺块测试乙']) await page.evaluate((x) => window.hazardLedger.testCreateEnterprise(x), n);
    await waitSaved(page);
    assert.equal((await state(page)).storageProblem, '');
    // Damage the stored copy behind the app's back: one chunk in the middle goes missing.
    const removed = await page.evaluate(async () => {
      const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const db = await req(indexedDB.open(window.Module.hzStorage.dbName));
      const keys = await req(db.transaction('chunks').objectStore('chunks').getAllKeys());
      const key = keys[Math.floor(keys.length / 2)];
      const tx = db.transaction('chunks', 'readwrite');
      tx.objectStore('chunks').delete(key);
      await new Promise((resolve) => { tx.oncomplete = resolve; });
      db.close();
      return { key, count: keys.length };
    });
    assert.ok(removed.count >= 3, `the database spans ${removed.count} chunks`);
    await page.reload();
    const outcome = await page.evaluate(() => window.hazardLedger.ready.then(() => 'ready', (e) => 'fatal: ' + e.message));
    // The restore itself notices the gap (PageVfs::restoreProblem) ...
    assert.match(await page.evaluate(() => window.Module.hzStorage.restoreProblem), /不完整/);
    if (outcome === 'ready') {
      // ... and a database that still opens carries the warning in the banner;
      const s = await state(page);
      assert.match(s.storageProblem, /不完整/);
      assert.match(s.storageProblem, /导出台账/);
    } else {
      // ... or SQLite refuses the damaged file and the user is told so.
      assert.match(outcome, /损坏/);
    }
  } finally {
    await b.close();
  }
});

test('a database saved by an earlier version in 16 KiB chunks opens, and its first save rewrites it in 64 KiB chunks', async () => {
  const b = await launch();
  const stored = (page) => page.evaluate(async () => {
    const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const db = await req(indexedDB.open(window.Module.hzStorage.dbName));
    const tx = db.transaction(['chunks', 'meta'], 'readonly');
    const [meta, keys] = await Promise.all([req(tx.objectStore('meta').get('main')), req(tx.objectStore('chunks').getAllKeys())]);
    db.close();
    return { meta, keys: keys.length };
  });
  try {
    const { page } = await openApp(b.context, URL());
    for (const n of ['旧格式企业甲', '旧格式企业乙']) await page.evaluate((x) => window.hazardLedger.testCreateEnterprise(x), n);
    await waitSaved(page);
    const before = await stored(page);
    assert.equal(before.meta.chunkSize, 65536);
    // Write the stored copy as earlier versions did: 16 KiB values, key = byte offset / 16 KiB.
    const small = await page.evaluate(async () => {
      const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const db = await req(indexedDB.open(window.Module.hzStorage.dbName));
      const read = db.transaction(['chunks', 'meta'], 'readonly');
      const [meta, keys, values] = await Promise.all([req(read.objectStore('meta').get('main')),
        req(read.objectStore('chunks').getAllKeys()), req(read.objectStore('chunks').getAll())]);
      const tx = db.transaction(['chunks', 'meta'], 'readwrite');
      const chunks = tx.objectStore('chunks');
      chunks.clear();
      let n = 0;
      keys.forEach((k, i) => {
        for (let j = 0; j < 4; j++) {
          if (k * 65536 + j * 16384 >= meta.size) break;
          chunks.put(values[i].slice(j * 16384, (j + 1) * 16384), k * 4 + j);
          n++;
        }
      });
      tx.objectStore('meta').put({ ...meta, chunkSize: 16384 }, 'main');
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
      db.close();
      return n;
    });
    assert.ok(small > before.keys, `${small} small chunks for ${before.keys} large ones`);
    await page.reload();
    await page.evaluate(() => window.hazardLedger.ready);
    assert.deepEqual((await enterpriseNames(page)).filter((x) => x.startsWith('旧格式')).sort(), ['旧格式企业乙', '旧格式企业甲']);
    assert.equal((await state(page)).storageProblem, '');
    await page.waitForFunction(() => !window.Module.hzStorage.rewriteAll && window.hazardLedger.state().save === '已保存',
      null, { timeout: 30000 });
    const after = await stored(page);
    assert.equal(after.meta.chunkSize, 65536);
    assert.equal(after.keys, Math.ceil(after.meta.size / 65536));
    // And it opens again from the rewritten copy.
    await page.reload();
    await page.evaluate(() => window.hazardLedger.ready);
    assert.equal((await enterpriseNames(page)).filter((x) => x.startsWith('旧格式')).length, 2);
    assert.equal((await state(page)).storageProblem, '');
  } finally {
    await b.close();
  }
});
