// Hazard Ledger: JavaScript functions called from C++ (linked with --js-library).
// The page's boot script (web/shell.html) puts its settings and callbacks in Module.hzBoot.
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

  hzjs_signal_ready: function () {
    if (Module.hzBoot && Module.hzBoot.onReady) Module.hzBoot.onReady();
  },

  hzjs_show_fatal: function (msgPtr) {
    var msg = UTF8ToString(msgPtr);
    if (Module.hzBoot && Module.hzBoot.showMessage) Module.hzBoot.showMessage(msg);
    else console.error(msg);
  },

  hzjs_set_clipboard: function (textPtr) {
    var text = UTF8ToString(textPtr);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () {});
    }
  },
});
