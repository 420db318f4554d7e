// Hazard Ledger: text input, clipboard, keyboard defaults and files for the canvas app. --pre-js.
// IME: while ImGui wants text, a hidden <textarea> sits at the caret and has the focus, so the
// candidate window appears there; composed text goes to C++ (io.AddInputCharactersUTF8) on
// compositionend, and keys pressed while composing never reach GLFW. Plain typed characters
// still come through GLFW's keypress. Clipboard: copy with navigator.clipboard.writeText, paste
// from the DOM paste event (clipboard.readText is refused on file://). Files: a hidden
// <input type=file> and drop on the window, read with progress, handed to C++ as bytes; large
// exports arrive in parts kept as Blobs (partsBegin/partsAppend/partsFinish).
Module.hzInput = (function () {
  'use strict';
  var I = { composing: false, want: false, reading: -1, fileHandle: null };
  var sawKeypress = false, lastCtrlV = 0;
  var ta = null, fileInput = null;

  function call(name, types, args) { return Module.ccall(name, null, types, args); }
  function ready() { return !!Module._hz_wake; }
  function sendText(text) { if (text && ready()) call('hz_text_input', ['string'], [text]); }

  function makeElements() {
    ta = document.createElement('textarea');
    ta.id = 'hz-ime';
    ta.setAttribute('aria-hidden', 'true');
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('autocorrect', 'off');
    ta.setAttribute('spellcheck', 'false');
    ta.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:20px;padding:0;border:0;margin:0;' +
      'opacity:0;resize:none;overflow:hidden;z-index:-1;font-size:16px;background:transparent;color:transparent;';
    document.body.appendChild(ta);
    ta.addEventListener('compositionstart', function () { I.composing = true; });
    ta.addEventListener('compositionend', function (e) {
      I.composing = false;
      sendText(e.data);
      ta.value = '';
    });
    ta.addEventListener('input', function (e) {
      if (e.isComposing || I.composing) return;
      // Typed characters already went through GLFW's keypress; text inserted without a key
      // (an IME that commits directly, dictation, CDP Input.insertText) is sent from here.
      if (!sawKeypress && e.inputType === 'insertText') sendText(e.data);
      sawKeypress = false;
      ta.value = '';
    });
    fileInput = document.createElement('input');
    fileInput.type = 'file';
    fileInput.id = 'hz-file';
    fileInput.multiple = true;
    fileInput.style.display = 'none';
    fileInput.addEventListener('change', function () {
      readFiles(Array.prototype.slice.call(fileInput.files || []));
      fileInput.value = '';
    });
    document.body.appendChild(fileInput);
  }

  // Registered before GLFW's own listeners (this file runs first), so stopping here works.
  window.addEventListener('keydown', function (e) {
    if (e.isComposing || e.keyCode === 229) { e.stopImmediatePropagation(); return; }
    var mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey) {
      var k = (e.key || '').toLowerCase();
      // Ctrl+S (export), Ctrl+F (search), Ctrl+O (import), Ctrl+P: the app's, not the browser's.
      if (k === 's' || k === 'f' || k === 'o' || k === 'p') e.preventDefault();
      if (k === 'v') lastCtrlV = performance.now();
    }
  }, true);
  window.addEventListener('keypress', function () { sawKeypress = true; }, true);
  window.addEventListener('keyup', function () { sawKeypress = false; }, true);

  document.addEventListener('paste', function (e) {
    var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    e.preventDefault();
    if (!ready() || !text) return;
    call('hz_paste', ['string'], [text]);
    // Ctrl+V also reaches ImGui, which then asks for the clipboard: it gets this text. A paste
    // from the browser's menu has no key: insert the text into the active field directly.
    if (performance.now() - lastCtrlV > 1000 && I.want) sendText(text);
  });
  document.addEventListener('copy', function (e) {
    if (I.lastCopy && e.clipboardData) { e.clipboardData.setData('text/plain', I.lastCopy); e.preventDefault(); }
  });

  I.copy = function (text) {
    if (!text) return; // ImGui copies the whole (empty) field when nothing is selected
    I.lastCopy = text;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () { legacyCopy(text); });
    } else {
      legacyCopy(text);
    }
  };
  function legacyCopy(text) {
    try { document.execCommand('copy'); } catch (e) { /* the copy listener supplies the text */ }
  }

  // Where ImGui's caret is (device pixels): keep the textarea there and focused while typing.
  I.textArea = function (want, x, y, h) {
    if (!ta) return;
    var ratio = window.devicePixelRatio || 1;
    var rect = Module.canvas.getBoundingClientRect();
    I.want = want;
    if (want) {
      ta.style.left = (rect.left + x / ratio) + 'px';
      ta.style.top = (rect.top + y / ratio) + 'px';
      ta.style.height = Math.max(12, h / ratio) + 'px';
      if (document.activeElement !== ta) ta.focus({ preventScroll: true });
    } else if (document.activeElement === ta) {
      ta.blur();
      Module.canvas.focus({ preventScroll: true });
    }
  };

  // ---- files ----
  I.pickFiles = function (accept) {
    fileInput.accept = accept || '';
    fileInput.click();
  };
  I.fileProgress = function () { return I.reading; };
  function readFiles(files) {
    if (!files.length) return;
    var total = files.reduce(function (s, f) { return s + f.size; }, 0) || 1, done = 0;
    I.reading = 0;
    var next = function (i) {
      if (i >= files.length) { I.reading = -1; if (ready()) Module._hz_wake(); return; }
      var f = files[i], reader = new FileReader();
      reader.onprogress = function (e) { I.reading = (done + e.loaded) / total; if (ready()) Module._hz_wake(); };
      reader.onload = function () {
        done += f.size;
        var bytes = new Uint8Array(reader.result);
        // One copy: straight into the buffer of the string that carries the file to the app.
        var ptr = Module.ccall('hz_file_buffer', 'number', ['number'], [bytes.length]);
        if (!ptr) {
          call('hz_file_too_big', ['string', 'number'], [f.name, bytes.length]);
        } else {
          HEAPU8.set(bytes, ptr); // HEAPU8 after the call: the heap may have grown
          call('hz_file_received', ['string'], [f.name]);
        }
        bytes = null;
        next(i + 1);
      };
      reader.onerror = function () { console.warn('hazard-ledger: cannot read', f.name); next(i + 1); };
      reader.readAsArrayBuffer(f);
    };
    next(0);
  }
  window.addEventListener('dragover', function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  });
  window.addEventListener('drop', function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files || !e.dataTransfer.files.length) return;
    e.preventDefault();
    readFiles(Array.prototype.slice.call(e.dataTransfer.files));
  });

  I.download = function (name, bytes, mime) { // bytes: a Uint8Array or a Blob
    var blob = bytes instanceof Blob ? bytes : new Blob([bytes], { type: mime || 'application/octet-stream' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 30000);
  };
  // File System Access: ask for the file once, then write back to the same file.
  I.saveToFile = function (name, bytes, id) {
    var done = function (ok, msg) { if (ready()) call('hz_save_to_file_done', ['number', 'number', 'string'], [id, ok ? 1 : 0, msg || '']); };
    var handle = I.fileHandle ? Promise.resolve(I.fileHandle) : window.showSaveFilePicker({
      suggestedName: name,
      types: [{ description: '台账文件', accept: { 'application/gzip': ['.gz'], 'application/json': ['.json'] } }]
    });
    handle.then(function (h) {
      I.fileHandle = h;
      return h.createWritable().then(function (w) { return w.write(bytes).then(function () { return w.close(); }); })
        .then(function () { done(true, h.name); });
    }).catch(function (e) {
      done(false, e && e.name === 'AbortError' ? '已取消' : '未能写入文件（' + (e && e.name || e) + '）');
    });
  };

  // A file built in parts (large exports): each part becomes a Blob right away, so the bytes live
  // in the browser's blob storage rather than in the wasm heap or the JS heap; at the end one Blob
  // of all parts is downloaded or written to the file chosen with showSaveFilePicker (asked for at
  // the start, while the click still counts as a user gesture). Any failure is reported, in Chinese.
  var parts = null;
  function reasonOf(e) {
    var name = e && e.name || String(e);
    if (name === 'AbortError') return '已取消';
    if (name === 'QuotaExceededError') return '磁盘空间不足，文件未写完';
    if (name === 'NotAllowedError' || name === 'SecurityError') return '浏览器不允许写入该文件';
    if (name === 'NotReadableError' || name === 'InvalidStateError') return '文件已被其他程序改动或移走';
    return '未能写入文件（' + name + '）';
  }
  I.partsBegin = function (name, toFile) {
    parts = { list: [], size: 0, error: '', handle: null };
    if (!toFile) return;
    var p = parts;
    p.handle = I.fileHandle ? Promise.resolve(I.fileHandle) : window.showSaveFilePicker({
      suggestedName: name,
      types: [{ description: '台账文件', accept: { 'application/gzip': ['.gz'], 'application/json': ['.json'] } }]
    });
    p.handle.catch(function () {}); // answered at the end
  };
  I.partsAppend = function (view) {
    if (!parts) return '导出已中止';
    try {
      parts.list.push(new Blob([view]));
      parts.size += view.length;
      return '';
    } catch (e) {
      parts.error = '浏览器无法保存更多导出数据（' + (e && e.name || e) + '）';
      return parts.error;
    }
  };
  I.partsDiscard = function () { parts = null; };
  I.partsFinish = function (name, mime, id) {
    var p = parts;
    parts = null;
    var done = function (ok, msg) {
      if (ready()) call('hz_save_to_file_done', ['number', 'number', 'string'], [id, ok ? 1 : 0, msg || '']);
    };
    if (!p) { Promise.resolve().then(function () { done(false, '导出已中止'); }); return; }
    if (p.error) { Promise.resolve().then(function () { done(false, p.error); }); return; }
    var blob;
    try {
      blob = new Blob(p.list, { type: mime || 'application/octet-stream' });
      p.list = null;
    } catch (e) {
      Promise.resolve().then(function () { done(false, '浏览器未能组装导出文件（' + (e && e.name || e) + '）'); });
      return;
    }
    if (!p.handle) {
      try {
        I.download(name, blob, mime);
        Promise.resolve().then(function () { done(true, name); });
      } catch (e) {
        Promise.resolve().then(function () { done(false, '浏览器拒绝了下载（' + (e && e.name || e) + '）'); });
      }
      return;
    }
    p.handle.then(function (h) {
      I.fileHandle = h;
      return h.createWritable().then(function (w) {
        return w.write(blob).then(function () { return w.close(); }, function (e) {
          return w.abort().then(function () { throw e; }, function () { throw e; });
        });
      }).then(function () { done(true, h.name); });
    }).catch(function (e) { done(false, reasonOf(e)); });
  };

  if (document.body) makeElements();
  else document.addEventListener('DOMContentLoaded', makeElements);
  // Clicking the canvas moves the focus there: give it back to the textarea while typing.
  document.addEventListener('mouseup', function () {
    if (I.want && ta && document.activeElement !== ta) setTimeout(function () { if (I.want) ta.focus({ preventScroll: true }); }, 0);
  }, true);
  return I;
})();
