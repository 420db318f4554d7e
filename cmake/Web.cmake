# Every Emscripten flag of the web app lives here (STYLE.md: one CMake place for web flags).
set(HZ_WEB_LINK_FLAGS
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=67108864
  -sTOTAL_STACK=1048576
  -sENVIRONMENT=web
  -sEXIT_RUNTIME=0
  -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString,HEAPU8,addRunDependency,removeRunDependency
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sMINIFY_HTML=0
  "--js-library=${CMAKE_SOURCE_DIR}/web/hazard_ledger_lib.js"
  "--pre-js=${CMAKE_SOURCE_DIR}/web/hz_input.js"
  "--pre-js=${CMAKE_SOURCE_DIR}/web/hz_fonts.js")
# The JavaScript linked into the app (relink when any of it changes). web/hz_storage.js is not
# linked: scripts/assemble_html.py puts it in the page before the program (src/app/CMakeLists.txt).
set(HZ_WEB_JS_FILES
  "${CMAKE_SOURCE_DIR}/web/hazard_ledger_lib.js"
  "${CMAKE_SOURCE_DIR}/web/hz_input.js"
  "${CMAKE_SOURCE_DIR}/web/hz_fonts.js")
# Node.js flags for the wasm unit tests: real files through NODERAWFS, one self-contained .js.
set(HZ_NODE_TEST_LINK_FLAGS
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=67108864
  -sTOTAL_STACK=4194304
  -sENVIRONMENT=node
  -sNODERAWFS=1
  -sEXIT_RUNTIME=1
  -sSINGLE_FILE=1)
