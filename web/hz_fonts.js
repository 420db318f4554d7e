// Hazard Ledger: glyphs drawn by the browser (--pre-js). The app's Dear ImGui font loader
// (src/platform/web/browser_font.cpp) asks for one glyph at a time, at the exact pixel size it
// draws, and gets the browser's own rendering of that character with the page's font stack:
// whatever the machine's fonts cover (rare characters of names, Extension B and later included)
// shows as it does everywhere else on the screen. A 2D canvas draws the glyph in white on
// transparent; its alpha channel is the coverage ImGui puts in its atlas.
Module.hzFonts = (function () {
  'use strict';
  // Common Chinese UI fonts of Windows, macOS and Linux, then the generic family.
  var STACK = '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", ' +
    '"Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", ' +
    '"Heiti SC", "SimHei", "DengXian", sans-serif';
  var F = { stack: STACK, glyphs: 0, ms: 0, cjk: null };
  // Test mode: &fonts=embedded starts as on a machine without a Chinese font.
  var params = new URLSearchParams(location.search);
  if (params.get('test') === '1' && params.get('fonts') === 'embedded') F.cjk = false;
  // One canvas per font size: setting a context's font (parsing the stack, resolving the
  // families) costs far more than drawing a glyph, and ImGui asks for glyphs of several sizes in
  // turn (body text, headings) within one frame.
  var canvases = {};
  function surface(size, w, h) {
    var c = canvases[size];
    if (!c || w > c.w || h > c.h) {
      var cw = Math.max(c ? c.w : 0, w, Math.ceil(size * 2) + 8), ch = Math.max(c ? c.h : 0, h, Math.ceil(size * 2) + 8);
      var el = c ? c.el : typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(cw, ch) : document.createElement('canvas');
      el.width = cw;   // resizing resets the context's state
      el.height = ch;
      var g = el.getContext('2d', { willReadFrequently: true });
      g.font = size + 'px ' + STACK;
      g.textBaseline = 'alphabetic';
      g.textAlign = 'left';
      g.fillStyle = '#fff';
      c = canvases[size] = { el: el, g: g, w: cw, h: ch };
    }
    return c;
  }

  // The glyph of `text` at `size` device pixels: advance, ink box relative to the pen on
  // the baseline, and its coverage (w*h bytes). One pixel of margin keeps antialiased edges.
  function draw(text, size) {
    var c = surface(size, 1, 1);
    var m = c.g.measureText(text);
    var left = Math.ceil(m.actualBoundingBoxLeft || 0), right = Math.ceil(m.actualBoundingBoxRight || 0);
    var up = Math.ceil(m.actualBoundingBoxAscent || 0), down = Math.ceil(m.actualBoundingBoxDescent || 0);
    var out = { advance: m.width, x: 0, y: 0, w: 0, h: 0, alpha: null };
    if (left + right <= 0 || up + down <= 0) return out; // a space
    var w = left + right + 2, h = up + down + 2;
    c = surface(size, w, h);
    c.g.clearRect(0, 0, w, h);
    c.g.fillText(text, left + 1, up + 1);
    var rgba = c.g.getImageData(0, 0, w, h).data;
    var alpha = new Uint8Array(w * h);
    for (var i = 0, j = 3; i < alpha.length; i++, j += 4) alpha[i] = rgba[j];
    out.x = -(left + 1);
    out.y = -(up + 1);
    out.w = w;
    out.h = h;
    out.alpha = alpha;
    return out;
  }

  function same(a, b) {
    if (a.w !== b.w || a.h !== b.h || Math.abs(a.advance - b.advance) > 0.01) return false;
    if (!a.alpha || !b.alpha) return a.alpha === b.alpha;
    for (var i = 0; i < a.alpha.length; i++) if (a.alpha[i] !== b.alpha[i]) return false;
    return true;
  }

  // Whether the browser has a font for Chinese: common characters drawn with the stack must be
  // real glyphs one em wide, not the missing-glyph box (what a code point no font maps draws).
  F.hasCjk = function () {
    if (F.cjk !== null) return F.cjk;
    try {
      var size = 32, missing = draw(String.fromCodePoint(0x10FFFD), size);
      var ok = 0, sample = ['中', '国', '安', '隐', '患'];
      for (var i = 0; i < sample.length; i++) {
        var d = draw(sample[i], size);
        if (!same(d, missing) && d.alpha && Math.abs(d.advance - size) < 0.05 * size) ok++;
      }
      F.cjk = ok === sample.length;
    } catch (e) {
      console.warn('hazard-ledger: the browser cannot draw text on a canvas:', e);
      F.cjk = false;
    }
    return F.cjk;
  };

  // Line metrics at `size` px: ink top and bottom of a CJK ideograph (where text is centred).
  F.metrics = function (size) {
    var m = surface(size, 1, 1).g.measureText('中');
    return { up: m.actualBoundingBoxAscent || size * 0.88, down: m.actualBoundingBoxDescent || size * 0.12 };
  };

  // Writes the glyph of code point `cp` into the wasm heap: metrics as 5 floats at metricsPtr
  // (advance, x, y, w, h) and, when it has ink and fits, w*h coverage bytes at pixelsPtr.
  // Returns 1, or 0 when the bitmap needs more than `capacity` bytes (metrics still written).
  F.glyph = function (cp, size, metricsPtr, pixelsPtr, capacity) {
    var t0 = performance.now();
    var f = metricsPtr >> 2;
    if (!pixelsPtr) { // the advance only (very large sizes)
      HEAPF32[f] = surface(size, 1, 1).g.measureText(String.fromCodePoint(cp)).width;
      HEAPF32[f + 1] = HEAPF32[f + 2] = HEAPF32[f + 3] = HEAPF32[f + 4] = 0;
      return 1;
    }
    var d = draw(String.fromCodePoint(cp), size);
    HEAPF32[f] = d.advance;
    HEAPF32[f + 1] = d.x;
    HEAPF32[f + 2] = d.y;
    HEAPF32[f + 3] = d.w;
    HEAPF32[f + 4] = d.h;
    var fits = !d.alpha || d.alpha.length <= capacity;
    if (d.alpha && fits) HEAPU8.set(d.alpha, pixelsPtr);
    F.glyphs++;
    F.ms += performance.now() - t0;
    return fits ? 1 : 0;
  };
  return F;
})();
