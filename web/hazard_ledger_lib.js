// Hazard Ledger: JavaScript functions called from C++ (linked with --js-library).
// The page's boot script (web/shell.html) puts its settings and callbacks in Module.hzBoot;
// storage lives in Module.hzStorage (web/hz_storage.js), input and files in Module.hzInput
// (web/hz_input.js), glyphs in Module.hzFonts (web/hz_fonts.js). Functions here stay thin.
mergeInto(LibraryManager.library, {
  hzjs_test_mode: function () {
    return Module.hzBoot && Module.hzBoot.testMode ? 1 : 0;
  },

  hzjs_url_param__deps: ['malloc'],
  hzjs_url_param: function (namePtr) {
    var value = new URLSearchParams(location.search).get(UTF8ToString(namePtr));
    if (value === null) return 0;
    var size = lengthBytesUTF8(value) + 1;
    var ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
  },

  hzjs_viewport: function (wPtr, hPtr, ratioPtr) {
    var ratio = window.devicePixelRatio || 1;
    HEAP32[wPtr >> 2] = Math.max(1, Math.floor(window.innerWidth));
    HEAP32[hPtr >> 2] = Math.max(1, Math.floor(window.innerHeight));
    HEAPF32[ratioPtr >> 2] = ratio;
  },

  // Resizes the canvas backing store and tells emscripten's GLFW through its resize listeners
  // (glfwSetWindowSize would request fullscreen when the size equals the screen's).
  hzjs_resize_canvas__deps: ['$Browser'],
  hzjs_resize_canvas: function (w, h) {
    var canvas = Module.canvas;
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    Browser.updateResizeListeners();
  },

  // A step of the start reached: the page keeps its time (window.hazardLedger.startup in test mode).
  hzjs_startup_mark: function (stepPtr) {
    if (Module.hzBoot && Module.hzBoot.mark) Module.hzBoot.mark(UTF8ToString(stepPtr));
  },

  hzjs_signal_ready: function () {
    if (Module.hzBoot && Module.hzBoot.onReady) Module.hzBoot.onReady();
  },

  hzjs_show_fatal: function (msgPtr) {
    var msg = UTF8ToString(msgPtr);
    if (Module.hzBoot && Module.hzBoot.showMessage) Module.hzBoot.showMessage(msg);
    else console.error(msg);
  },

  hzjs_set_clipboard: function (textPtr) {
    Module.hzInput.copy(UTF8ToString(textPtr));
  },

  // ---- storage (web/hz_storage.js) ----
  hzjs_storage_restore: function () { return Module.hzStorage.restoreInto(); },
  hzjs_storage_committed: function () { Module.hzStorage.committed(); },
  hzjs_storage_save_now: function () { Module.hzStorage.saveNow('request'); },
  hzjs_storage_status__deps: ['malloc'],
  hzjs_storage_status: function (problemPtrPtr, lastSavePtr) {
    var st = Module.hzStorage.status();
    var problem = st.problem || '';
    var ptr = 0;
    if (problem) {
      var size = lengthBytesUTF8(problem) + 1;
      ptr = _malloc(size);
      stringToUTF8(problem, ptr, size);
    }
    HEAP32[problemPtrPtr >> 2] = ptr;
    HEAPF64[lastSavePtr >> 3] = st.lastSaveMs;
    return (st.writer ? 1 : 0) | (st.persistent ? 2 : 0) | (st.failed ? 4 : 0) | (st.saving ? 8 : 0);
  },

  // ---- files and text input (web/hz_input.js) ----
  hzjs_pick_files: function (acceptPtr) { Module.hzInput.pickFiles(UTF8ToString(acceptPtr)); },
  hzjs_file_progress: function () { return Module.hzInput.fileProgress(); },
  hzjs_download: function (namePtr, data, size, mimePtr) {
    Module.hzInput.download(UTF8ToString(namePtr), HEAPU8.slice(data, data + size), UTF8ToString(mimePtr));
  },
  hzjs_can_save_to_file: function () { return typeof window.showSaveFilePicker === 'function' ? 1 : 0; },
  hzjs_save_to_file: function (namePtr, data, size, id) {
    Module.hzInput.saveToFile(UTF8ToString(namePtr), HEAPU8.slice(data, data + size), id);
  },
  // A file built in parts: each part is copied out of the wasm heap into a Blob at once.
  hzjs_parts_begin: function (namePtr, toFile) { Module.hzInput.partsBegin(UTF8ToString(namePtr), !!toFile); },
  hzjs_parts_append__deps: ['malloc'],
  hzjs_parts_append: function (data, size) {
    var reason = Module.hzInput.partsAppend(HEAPU8.subarray(data, data + size));
    if (!reason) return 0;
    var n = lengthBytesUTF8(reason) + 1;
    var ptr = _malloc(n);
    if (ptr) stringToUTF8(reason, ptr, n);
    return ptr;
  },
  hzjs_parts_finish: function (namePtr, mimePtr, id) {
    Module.hzInput.partsFinish(UTF8ToString(namePtr), UTF8ToString(mimePtr), id);
  },
  hzjs_parts_discard: function () { Module.hzInput.partsDiscard(); },
  hzjs_text_input_area: function (want, x, y, h) { Module.hzInput.textArea(!!want, x, y, h); },

  // ---- glyphs drawn by the browser (web/hz_fonts.js) ----
  hzjs_font_has_cjk: function () { return Module.hzFonts.hasCjk() ? 1 : 0; },
  hzjs_font_metrics: function (size, out) {
    var m = Module.hzFonts.metrics(size);
    HEAPF32[out >> 2] = m.up;
    HEAPF32[(out >> 2) + 1] = m.down;
  },
  hzjs_font_glyph: function (cp, size, metrics, pixels, capacity) {
    return Module.hzFonts.glyph(cp, size, metrics, pixels, capacity);
  },
});
