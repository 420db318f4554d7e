// Hazard Ledger: durable storage in IndexedDB and the one-writer rule (Web Locks).
// Not linked into the glue: scripts/assemble_html.py puts it in the page right after the boot
// script, so that the lock, IndexedDB's open and the read of a saved database run while the browser
// is still reading, inflating and compiling the program (at start the main thread waits for
// nothing else). It reaches the runtime through Module only (HEAPU8, UTF8ToString and the run
// dependencies are exported for it: cmake/Web.cmake).
// The database file lives in C++ (src/platform/page_vfs.*) as 64 KiB chunks. After each write
// transaction C++ calls committed(); ~200 ms later (at once when the page is hidden) the changed
// chunks and the file size go to IndexedDB in ONE readwrite transaction, so the stored copy is
// always a commit boundary. On start every chunk is read back before the database is opened.
// IndexedDB layout: database DB_NAME, stores "chunks" (key: chunk number, value: ArrayBuffer)
// and "meta" (key "main": {size, chunkSize, generation, savedAt}).
if (window.Module) Module.hzStorage = (function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var testMode = params.get('test') === '1';
  // Every file:// page shares one origin in Chromium: a name no other page would pick.
  var DB_NAME = 'hazard-ledger.zh-CN:ledger-database:v1' + (testMode && params.get('db') ? ':' + params.get('db') : '');
  var LOCK_NAME = DB_NAME + ':writer';
  var SAVE_DELAY_MS = 200;
  var RETRY_MS = 5000;

  var S = {
    dbName: DB_NAME, db: null, writer: true, persistent: false, failed: false, saving: false,
    problem: '', lastSaveMs: -1, latencies: [], generation: 0, restoreMs: -1, restoredBytes: 0,
    started: false, takeOvers: 0, restoreProblem: ''
  };
  var loaded = null;      // {meta, keys, values} read at start, handed to C++ by restoreInto()
  var timer = 0, again = false, firstDirtyAt = 0;

  function wake() { if (Module._hz_wake) Module._hz_wake(); }

  function describe(err) {
    var name = err && err.name ? err.name : String(err);
    if (name === 'QuotaExceededError') {
      return '浏览器的存储空间已满，最新的修改未能保存（之前保存的数据没有受到影响）。' +
        '请立即用“导出台账”把数据保存到文件，清理磁盘或浏览器存储后会自动重试。';
    }
    return '浏览器拒绝保存数据（' + name + '），最新的修改未能保存（之前保存的数据没有受到影响）。' +
      '请立即用“导出台账”把数据保存到文件。';
  }
  var NO_STORAGE = '浏览器不允许本页面保存数据（可能处于隐私/无痕模式，或禁用了网站存储）。' +
    '本次的修改只在内存中，关闭页面后会丢失。请用“导出台账”把数据保存到文件。';

  function req(r) {
    return new Promise(function (resolve, reject) {
      r.onsuccess = function () { resolve(r.result); };
      r.onerror = function () { reject(r.error); };
    });
  }
  function openDb() {
    if (typeof indexedDB === 'undefined' || !indexedDB) return Promise.reject(new Error('no indexedDB'));
    var r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = function () {
      var db = r.result;
      if (!db.objectStoreNames.contains('chunks')) db.createObjectStore('chunks');
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    return req(r);
  }
  // Every chunk, read in batches of READ_BATCH in one transaction so that a large database shows
  // its progress on the loading message (requests are made from event handlers, never from promise
  // callbacks, so the transaction stays active on every browser).
  var READ_BATCH = 256; // 16 MiB of 64 KiB chunks
  function readAll(db) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction(['meta', 'chunks'], 'readonly');
      var chunks = tx.objectStore('chunks');
      var out = { meta: undefined, keys: [], values: [] };
      var lists = [], done = 0;
      tx.onerror = function () { reject(tx.error); };
      tx.onabort = function () { reject(tx.error || new Error('AbortError')); };
      tx.oncomplete = function () {
        out.values = lists.length === 1 ? lists[0] : [].concat.apply([], lists);
        resolve(out);
      };
      tx.objectStore('meta').get('main').onsuccess = function (e) { out.meta = e.target.result; };
      chunks.getAllKeys().onsuccess = function (e) {
        var keys = out.keys = e.target.result;
        var megabytes = out.meta && out.meta.size ? Math.round(out.meta.size / 1048576) : 0;
        for (var i = 0; i < keys.length; i += READ_BATCH) {
          var last = keys[Math.min(keys.length, i + READ_BATCH) - 1];
          (function (slot) {
            chunks.getAll(IDBKeyRange.bound(keys[slot * READ_BATCH], last)).onsuccess = function (ev) {
              lists[slot] = ev.target.result;
              done += ev.target.result.length;
              if (megabytes >= 32 && Module.hzBoot && Module.hzBoot.progress) {
                Module.hzBoot.progress('正在读取本机保存的数据：' + Math.round(megabytes * done / keys.length) +
                  ' / ' + megabytes + ' MB');
              }
            };
          })(i / READ_BATCH);
        }
      };
    });
  }
  // Resolves true when this page is the writer. The lock is held until the page goes away.
  function tryLock() {
    if (!navigator.locks || !navigator.locks.request) return Promise.resolve(true);
    return new Promise(function (resolve) {
      navigator.locks.request(LOCK_NAME, { ifAvailable: true }, function (lock) {
        resolve(!!lock);
        return lock ? new Promise(function () {}) : null;
      }).catch(function () { resolve(true); });
    });
  }
  function waitForLock() {
    navigator.locks.request(LOCK_NAME, function () {
      takeOver();
      return new Promise(function () {});
    }).catch(function () {});
  }
  function takeOver() {
    if (!S.started) { setTimeout(takeOver, 100); return; }
    readAll(S.db).then(function (data) {
      S.writer = true;
      S.takeOvers++;
      Module._hz_takeover_close();
      loaded = data;
      S.restoreInto();
      Module._hz_takeover_reopen();
      wake();
    }).catch(function (e) { S.failed = true; S.problem = describe(e); wake(); });
  }

  var t0 = performance.now();
  var loading = tryLock().then(function (writer) {
    S.writer = writer;
    if (!writer) waitForLock();
    return openDb();
  }).then(function (db) {
    S.db = db;
    S.persistent = true;
    db.onversionchange = function () { db.close(); };
    return readAll(db);
  }).then(function (data) { loaded = data; }, function (e) {
    S.persistent = false;
    S.problem = NO_STORAGE;
    console.warn('hazard-ledger: storage unavailable:', e);
  });

  Module.preRun = Module.preRun || [];
  if (typeof Module.preRun === 'function') Module.preRun = [Module.preRun];
  Module.preRun.push(function () {
    Module.addRunDependency('hz-storage');
    loading.then(function () { Module.removeRunDependency('hz-storage'); });
  });

  // Called from C++ (synchronously) before the database is opened, and on take-over.
  S.restoreInto = function () {
    var tStart = performance.now();
    S.started = true;
    var d = loaded;
    loaded = null;
    if (!d || !d.meta) return 0;
    var cs = Module._hz_vfs_chunk_size();
    // Chunks of an earlier, smaller size (16 KiB) that divides ours are placed by byte offset, and
    // the whole store is rewritten in our size by the first save (S.rewriteAll).
    var stored = d.meta.chunkSize;
    if (!(stored > 0 && stored <= cs && cs % stored === 0)) {
      S.problem = '保存的数据格式（分块 ' + stored + '）与本版本不符，无法读取。';
      return 0;
    }
    Module._hz_vfs_reset(d.meta.size);
    var bytes = 0;
    var chunkPtr = {}; // our chunk index -> its buffer (restore_chunk zero-fills: once per chunk)
    var inRange = 0;
    for (var i = 0; i < d.keys.length; i++) {
      var offset = d.keys[i] * stored;
      if (offset >= d.meta.size) continue;
      inRange++;
      var index = Math.floor(offset / cs);
      if (!(index in chunkPtr)) chunkPtr[index] = Module._hz_vfs_restore_chunk(index);
      var src = new Uint8Array(d.values[i]);
      Module.HEAPU8.set(src, chunkPtr[index] + (offset % cs));
      bytes += src.length;
      d.values[i] = null;
    }
    if (stored !== cs) {
      S.rewriteAll = true;
      Module._hz_vfs_mark_all_dirty();
      S.committed();
    }
    // A stored set that is not whole (chunks missing, size and header disagree) opens with blanks:
    // say so (it stays said: a later save does not repair what is missing).
    var problemPtr = Module._hz_vfs_restore_problem ? Module._hz_vfs_restore_problem() : 0;
    S.restoreProblem = problemPtr ? Module.UTF8ToString(problemPtr) : '';
    var expected = Math.ceil(d.meta.size / stored);
    if (!problemPtr && inRange < expected) { // a small chunk missing inside one of ours
      S.restoreProblem = '保存的数据不完整：数据库共 ' + expected + ' 块，缺少 ' + (expected - inRange) +
        ' 块，缺失部分按空白读出，部分记录可能已丢失或损坏。请立即用“导出台账”保存现有数据，并用最近导出的台账文件核对。';
    }
    if (S.restoreProblem) console.warn('hazard-ledger: restored data is not whole:', S.restoreProblem);
    if (problemPtr) {
      Module._free(problemPtr);
    }
    S.generation = d.meta.generation || 0;
    S.restoredBytes = d.meta.size;
    S.restoreMs = performance.now() - t0; // from script start: lock + IndexedDB read + copy
    S.copyMs = performance.now() - tStart;
    return 1;
  };

  S.committed = function () {
    if (!S.writer || !S.db) return;
    if (!firstDirtyAt) firstDirtyAt = performance.now();
    if (!timer) timer = setTimeout(flush, SAVE_DELAY_MS);
  };
  S.saveNow = function () {
    if (timer) { clearTimeout(timer); timer = 0; }
    flush();
  };
  S.status = function () {
    return { writer: S.writer, persistent: S.persistent, failed: S.failed, saving: S.saving || !!timer,
             problem: S.problem || S.restoreProblem || '', lastSaveMs: S.lastSaveMs };
  };

  function fail(err) {
    S.saving = false;
    Module._hz_vfs_finish_save(0);
    S.failed = true;
    S.problem = describe(err);
    console.warn('hazard-ledger: save failed:', err);
    if (!timer) timer = setTimeout(flush, RETRY_MS);
    wake();
  }

  function flush() {
    timer = 0;
    if (!S.writer || !S.db || !Module._hz_vfs_begin_save) return;
    if (S.saving) { again = true; return; }
    var n = Module._hz_vfs_begin_save();
    if (n < 0) { timer = setTimeout(flush, 50); return; } // a transaction is open
    if (n === 0 && !Module._hz_vfs_has_unsaved()) { firstDirtyAt = 0; return; }
    var cs = Module._hz_vfs_chunk_size();
    var size = Module._hz_vfs_size();
    var started = firstDirtyAt || performance.now();
    var flushAt = performance.now();
    firstDirtyAt = 0;
    var puts = [];
    for (var i = 0; i < n; i++) {
      var ptr = Module._hz_vfs_saving_data(i);
      puts.push([Module._hz_vfs_saving_index(i), ptr ? Module.HEAPU8.slice(ptr, ptr + cs).buffer : new ArrayBuffer(cs)]);
    }
    S.saving = true;
    var tx;
    try {
      tx = S.db.transaction(['chunks', 'meta'], 'readwrite', { durability: 'strict' });
      var chunks = tx.objectStore('chunks');
      var rewriting = S.rewriteAll; // the store holds chunks of another size: replace them all
      if (rewriting) chunks.clear();
      for (var j = 0; j < puts.length; j++) chunks.put(puts[j][1], puts[j][0]);
      chunks.delete(IDBKeyRange.lowerBound(Math.ceil(size / cs)));
      tx.objectStore('meta').put({ size: size, chunkSize: cs, generation: S.generation + 1, savedAt: Date.now() }, 'main');
    } catch (e) {
      try { if (tx) tx.abort(); } catch (ignored) { /* already finished */ }
      fail(e);
      return;
    }
    tx.oncomplete = function () {
      if (rewriting) S.rewriteAll = false;
      S.saving = false;
      S.generation++;
      Module._hz_vfs_finish_save(1);
      S.failed = false;
      if (S.persistent) S.problem = '';
      S.lastSaveMs = performance.now() - started;
      S.lastWriteMs = performance.now() - flushAt; // the IndexedDB transaction alone
      S.latencies.push(S.lastSaveMs);
      wake();
      if (again) { again = false; flush(); }
    };
    tx.onabort = function () { fail(tx.error || new Error('AbortError')); };
  }

  function onHide() { if (S.writer && S.db) S.saveNow(); }
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') onHide(); });
  window.addEventListener('pagehide', onHide);
  // Saving failed and changes exist only in memory: let the browser ask before the page closes.
  window.addEventListener('beforeunload', function (e) {
    if (S.writer && S.failed && Module._hz_vfs_has_unsaved && Module._hz_vfs_has_unsaved()) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  return S;
})();
