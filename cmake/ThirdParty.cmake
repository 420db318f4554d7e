# Third-party libraries fetched by emsdk-setup.sh (never committed): SQLite, Dear ImGui,
# and the header-only nlohmann/json and doctest from Debian packages.
set(HZ_SQLITE_DIR "${HZ_THIRD_PARTY}/sqlite")
set(HZ_IMGUI_DIR "${HZ_THIRD_PARTY}/imgui")
if(NOT EXISTS "${HZ_SQLITE_DIR}/sqlite3.c")
  message(FATAL_ERROR "SQLite amalgamation not found in ${HZ_SQLITE_DIR}: run ./emsdk-setup.sh first")
endif()

# SQLite: its own library so it is compiled once. SHA3 (shathree.c) is linked in statically,
# through src/store/shathree_glue.c, which adds an incremental interface for streams.
add_library(hz_sqlite STATIC "${HZ_SQLITE_DIR}/sqlite3.c" "${CMAKE_SOURCE_DIR}/src/store/shathree_glue.c")
target_include_directories(hz_sqlite SYSTEM PUBLIC "${HZ_SQLITE_DIR}")
target_compile_definitions(hz_sqlite
  PUBLIC SQLITE_CORE=1
  PRIVATE SQLITE_ENABLE_FTS5=1 SQLITE_THREADSAFE=0 SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0
          SQLITE_OMIT_LOAD_EXTENSION=1 SQLITE_OMIT_DEPRECATED=1 SQLITE_OMIT_SHARED_CACHE=1
          SQLITE_LIKE_DOESNT_MATCH_BLOBS=1 SQLITE_ENABLE_MATH_FUNCTIONS=1 SQLITE_DEFAULT_FOREIGN_KEYS=1
          SQLITE_ENABLE_STAT4=1)
target_compile_options(hz_sqlite PRIVATE -w)
set_target_properties(hz_sqlite PROPERTIES POSITION_INDEPENDENT_CODE ON)
if(EMSCRIPTEN)
  target_compile_options(hz_sqlite PRIVATE -fwasm-exceptions)
  # WebAssembly is little-endian: shathree.c's macros do not know it and would find the byte
  # order at run time, hashing a byte at a time instead of eight.
  target_compile_definitions(hz_sqlite PRIVATE SHA3_BYTEORDER=1234)
endif()

# Header-only libraries from Debian. emcc does not search the host's /usr/include, so only
# these two folders are exposed (never all of /usr/include).
find_path(HZ_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
find_path(HZ_DOCTEST_DIR doctest/doctest.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(HZ_HEADERS_DIR "${CMAKE_BINARY_DIR}/hz_third_party_include")
file(MAKE_DIRECTORY "${HZ_HEADERS_DIR}")
foreach(lib nlohmann doctest)
  if(lib STREQUAL nlohmann)
    set(src "${HZ_NLOHMANN_DIR}/nlohmann")
  else()
    set(src "${HZ_DOCTEST_DIR}/doctest")
  endif()
  if(NOT EXISTS "${HZ_HEADERS_DIR}/${lib}")
    file(CREATE_LINK "${src}" "${HZ_HEADERS_DIR}/${lib}" SYMBOLIC)
  endif()
endforeach()
add_library(hz_json INTERFACE)
target_include_directories(hz_json SYSTEM INTERFACE "${HZ_HEADERS_DIR}")
add_library(hz_doctest INTERFACE)
target_include_directories(hz_doctest SYSTEM INTERFACE "${HZ_HEADERS_DIR}")

# Dear ImGui, with the test-engine hooks that test mode uses to publish widgets. The core builds
# natively too (no backend: the headless UI smoke test, tests/ui); the GLFW/WebGL2 backends only
# under Emscripten.
if(NOT EXISTS "${HZ_IMGUI_DIR}/imgui.h")
  message(FATAL_ERROR "Dear ImGui not found in ${HZ_IMGUI_DIR}: run ./emsdk-setup.sh first")
endif()
add_library(hz_imgui STATIC
  "${HZ_IMGUI_DIR}/imgui.cpp" "${HZ_IMGUI_DIR}/imgui_draw.cpp" "${HZ_IMGUI_DIR}/imgui_tables.cpp"
  "${HZ_IMGUI_DIR}/imgui_widgets.cpp" "${HZ_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
target_include_directories(hz_imgui SYSTEM PUBLIC "${HZ_IMGUI_DIR}" "${HZ_IMGUI_DIR}/misc/cpp")
# IMGUI_USE_WCHAR32: characters beyond U+FFFF (CJK Extension B and later, in names) are typed and drawn.
target_compile_definitions(hz_imgui PUBLIC IMGUI_ENABLE_TEST_ENGINE IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                                            IMGUI_DEFINE_MATH_OPERATORS IMGUI_USE_WCHAR32)
target_compile_options(hz_imgui PRIVATE -w)
if(EMSCRIPTEN)
  target_sources(hz_imgui PRIVATE "${HZ_IMGUI_DIR}/imgui_demo.cpp"
    "${HZ_IMGUI_DIR}/backends/imgui_impl_glfw.cpp" "${HZ_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(hz_imgui SYSTEM PUBLIC "${HZ_IMGUI_DIR}/backends")
  target_compile_options(hz_imgui PRIVATE -fwasm-exceptions)
  target_link_options(hz_imgui PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  # Natively hz_imgui serves only the headless UI smoke test: find every ID conflict of a frame,
  # not only the hovered one (ImGui keeps the conflicting ids in DebugDrawIdConflictsHighlightSet),
  # and run ImGui under the same sanitizers as our code.
  # (PUBLIC: the define changes the layout of ImGuiContext.)
  target_compile_definitions(hz_imgui PUBLIC IMGUI_DEBUG_HIGHLIGHT_ALL_ID_CONFLICTS)
  if(HZ_SANITIZE)
    target_compile_options(hz_imgui PRIVATE ${HZ_SAN_FLAGS})
  endif()
endif()

# zlib and libxlsxwriter (Debian source packages, pinned in emsdk-setup.sh): the .xlsx writer and
# the deflate of the .docx package (src/report). Built here, not by their own build systems, so
# that the same sources compile natively and with emcc. gz*.c (gzip files) are not needed.
set(HZ_ZLIB_DIR "${HZ_THIRD_PARTY}/zlib")
set(HZ_XLSXWRITER_DIR "${HZ_THIRD_PARTY}/libxlsxwriter")
if(NOT EXISTS "${HZ_ZLIB_DIR}/zlib.h" OR NOT EXISTS "${HZ_XLSXWRITER_DIR}/include/xlsxwriter.h")
  message(FATAL_ERROR "zlib or libxlsxwriter not found in ${HZ_THIRD_PARTY}: run ./emsdk-setup.sh first")
endif()
add_library(hz_zlib STATIC)
foreach(f adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil)
  target_sources(hz_zlib PRIVATE "${HZ_ZLIB_DIR}/${f}.c")
endforeach()
target_include_directories(hz_zlib SYSTEM PUBLIC "${HZ_ZLIB_DIR}")
target_compile_options(hz_zlib PRIVATE -w)

# libxlsxwriter with its bundled minizip (zip.c, ioapi.c). Not its bundled dtoa (USE_DTOA_LIBRARY):
# that copy reads past its kPow10 table for some doubles (UBSan caught it on a percentage); numbers
# go through snprintf, which is locale-independent here (nothing calls setlocale). USE_STANDARD_TMPFILE: its temporary parts go through tmpfile(), which
# works on MEMFS in the browser too; USE_NO_MD5: MD5 only de-duplicates images, which we do not
# insert; IOAPI_NO_64: plain fopen/ftello/fseeko (64-bit off_t on every target we build).
file(GLOB HZ_XLSXWRITER_SOURCES "${HZ_XLSXWRITER_DIR}/src/*.c")
add_library(hz_xlsxwriter STATIC ${HZ_XLSXWRITER_SOURCES}
  "${HZ_XLSXWRITER_DIR}/third_party/minizip/zip.c" "${HZ_XLSXWRITER_DIR}/third_party/minizip/ioapi.c")
target_include_directories(hz_xlsxwriter SYSTEM PUBLIC "${HZ_XLSXWRITER_DIR}/include")
target_link_libraries(hz_xlsxwriter PUBLIC hz_zlib)
target_compile_definitions(hz_xlsxwriter PRIVATE USE_STANDARD_TMPFILE USE_NO_MD5 IOAPI_NO_64
                                                 NOCRYPT NOUNCRYPT)
target_compile_options(hz_xlsxwriter PRIVATE -w)
if(HZ_SANITIZE AND NOT EMSCRIPTEN)
  # Under the same sanitizers as our code: the writers' tests then check the C code they drive.
  target_compile_options(hz_zlib PRIVATE ${HZ_SAN_FLAGS})
  target_compile_options(hz_xlsxwriter PRIVATE ${HZ_SAN_FLAGS})
endif()

# expat and FreeXL 2.x (Debian source packages, pinned in emsdk-setup.sh): sheet import (.xls,
# .xlsx, .ods; issue 13). expat's and FreeXL's config headers are written here, not by their
# configure scripts, so that the same sources compile natively and with emcc.
set(HZ_EXPAT_DIR "${HZ_THIRD_PARTY}/expat/expat")
set(HZ_FREEXL_DIR "${HZ_THIRD_PARTY}/freexl")
set(HZ_MINIZIP_DIR "${HZ_XLSXWRITER_DIR}/third_party/minizip")
if(NOT EXISTS "${HZ_EXPAT_DIR}/lib/expat.h" OR NOT EXISTS "${HZ_FREEXL_DIR}/headers/freexl.h")
  message(FATAL_ERROR "expat or FreeXL not found in ${HZ_THIRD_PARTY}: run ./emsdk-setup.sh first")
endif()
if(NOT EXISTS "${HZ_MINIZIP_DIR}/unzip.c")
  message(FATAL_ERROR "FreeXL needs minizip's unzip.c, not found in ${HZ_MINIZIP_DIR}")
endif()
set(HZ_FREEXL_GEN "${CMAKE_BINARY_DIR}/hz_freexl_config")

# expat: hash-flooding entropy from /dev/urandom (Emscripten serves it from crypto.getRandomValues),
# and getrandom() natively (glibc). XML_GE/XML_DTD on: expat's defaults, with its entity-expansion
# limits (billion laughs) active.
set(HZ_EXPAT_RANDOM "#define XML_DEV_URANDOM 1")
set(HZ_EXPAT_RANDOM_SOURCES "${HZ_EXPAT_DIR}/lib/random_dev_urandom.c")
if(NOT EMSCRIPTEN)
  string(APPEND HZ_EXPAT_RANDOM "\n#define HAVE_GETRANDOM 1")
  list(APPEND HZ_EXPAT_RANDOM_SOURCES "${HZ_EXPAT_DIR}/lib/random_getrandom.c")
endif()
file(CONFIGURE OUTPUT "${HZ_FREEXL_GEN}/expat/expat_config.h" CONTENT [=[
/* Written by cmake/ThirdParty.cmake for hz_expat. */
#ifndef EXPAT_CONFIG_H
#define EXPAT_CONFIG_H 1
#define BYTEORDER 1234
#define HAVE_FCNTL_H 1
#define HAVE_GETPAGESIZE 1
#define HAVE_INTTYPES_H 1
#define HAVE_MEMORY_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define STDC_HEADERS 1
#define XML_DTD 1
#define XML_GE 1
#define XML_NS 1
#define XML_CONTEXT_BYTES 1024
@HZ_EXPAT_RANDOM@
#endif
]=] @ONLY)
add_library(hz_expat STATIC "${HZ_EXPAT_DIR}/lib/xmlparse.c" "${HZ_EXPAT_DIR}/lib/xmlrole.c"
                            "${HZ_EXPAT_DIR}/lib/xmltok.c" ${HZ_EXPAT_RANDOM_SOURCES})
target_include_directories(hz_expat SYSTEM PUBLIC "${HZ_EXPAT_DIR}/lib")
target_include_directories(hz_expat PRIVATE "${HZ_FREEXL_GEN}/expat")
target_compile_definitions(hz_expat PRIVATE HAVE_EXPAT_CONFIG_H)
target_compile_options(hz_expat PRIVATE -w)

# FreeXL: its own three readers (freexl.c: .xls through iconv, which glibc and Emscripten's musl
# both have; freexl_xlsx.c, freexl_ods.c: expat + minizip's unzip side). minizip comes from
# libxlsxwriter's bundled copy: unzip.c here, ioapi.c from hz_xlsxwriter (same IOAPI_NO_64),
# reached as <minizip/unzip.h> through a link folder in the build dir.
file(CONFIGURE OUTPUT "${HZ_FREEXL_GEN}/freexl/config.h" CONTENT [=[
/* Written by cmake/ThirdParty.cmake for hz_freexl. */
#define HAVE_EXPAT_H 1
#define HAVE_ICONV_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LIBEXPAT 1
#define HAVE_MATH_H 1
#define HAVE_MEMORY_H 1
#define HAVE_MINIZIP_UNZIP_H 1
#define HAVE_SQRT 1
#define HAVE_STDINT_H 1
#define HAVE_STDIO_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRCASECMP 1
#define HAVE_STRERROR 1
#define HAVE_STRFTIME 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_STRNCASECMP 1
#define HAVE_STRSTR 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define PACKAGE "freexl"
#define PACKAGE_NAME "FreeXL"
#define PACKAGE_VERSION "2.0.0"
#define VERSION "2.0.0"
#define STDC_HEADERS 1
]=])
file(MAKE_DIRECTORY "${HZ_FREEXL_GEN}/include")
if(NOT EXISTS "${HZ_FREEXL_GEN}/include/minizip")
  file(CREATE_LINK "${HZ_MINIZIP_DIR}" "${HZ_FREEXL_GEN}/include/minizip" SYMBOLIC)
endif()
add_library(hz_freexl STATIC "${HZ_FREEXL_DIR}/src/freexl.c" "${HZ_FREEXL_DIR}/src/freexl_xlsx.c"
                             "${HZ_FREEXL_DIR}/src/freexl_ods.c" "${HZ_MINIZIP_DIR}/unzip.c")
target_include_directories(hz_freexl SYSTEM PUBLIC "${HZ_FREEXL_DIR}/headers")
target_include_directories(hz_freexl SYSTEM PRIVATE "${HZ_FREEXL_GEN}/freexl" "${HZ_FREEXL_GEN}/include"
                                                    "${HZ_MINIZIP_DIR}")
target_link_libraries(hz_freexl PUBLIC hz_expat hz_xlsxwriter hz_zlib)
target_compile_definitions(hz_freexl PRIVATE IOAPI_NO_64 NOCRYPT NOUNCRYPT)
target_compile_options(hz_freexl PRIVATE -w)
if(HZ_SANITIZE AND NOT EMSCRIPTEN)
  target_compile_options(hz_expat PRIVATE ${HZ_SAN_FLAGS})
  target_compile_options(hz_freexl PRIVATE ${HZ_SAN_FLAGS})
endif()

# libsodium 1.0.18 (Debian source package, pinned in emsdk-setup.sh with Debian's patches):
# office keys (src/ledger/office_key.*: Ed25519, Argon2id, XChaCha20-Poly1305, BLAKE2b). Built
# from its portable C only, the same code natively and in wasm: no assembly (HAVE_AMD64_ASM), no
# SSE/AVX variants (HAVE_*INTRIN_H), no 128-bit integers (HAVE_TI_MODE: ed25519 and poly1305 take
# their 32-bit "ref10"/"donna32" code). Those files are in the glob but compile to nothing without
# their defines. version.h and the defines configure would write are produced here.
set(HZ_SODIUM_DIR "${HZ_THIRD_PARTY}/libsodium/src/libsodium")
if(NOT EXISTS "${HZ_SODIUM_DIR}/include/sodium.h")
  message(FATAL_ERROR "libsodium not found in ${HZ_SODIUM_DIR}: run ./emsdk-setup.sh first")
endif()
set(HZ_SODIUM_GEN "${CMAKE_BINARY_DIR}/hz_sodium_config")
# version.h from version.h.in, with the numbers configure.ac gives (function scope: VERSION and the
# other @names@ stay local). No SODIUM_LIBRARY_MINIMAL: the full library, as Debian builds it.
function(hz_sodium_version_header)
  file(STRINGS "${HZ_THIRD_PARTY}/libsodium/configure.ac" lines
       REGEX "^(AC_INIT\\(\\[libsodium\\]|SODIUM_LIBRARY_VERSION_M)")
  string(REGEX MATCH "AC_INIT\\(\\[libsodium\\],\\[([0-9.]+)\\]" _ "${lines}")
  set(VERSION "${CMAKE_MATCH_1}")
  string(REGEX MATCH "SODIUM_LIBRARY_VERSION_MAJOR=([0-9]+)" _ "${lines}")
  set(SODIUM_LIBRARY_VERSION_MAJOR "${CMAKE_MATCH_1}")
  string(REGEX MATCH "SODIUM_LIBRARY_VERSION_MINOR=([0-9]+)" _ "${lines}")
  set(SODIUM_LIBRARY_VERSION_MINOR "${CMAKE_MATCH_1}")
  if(NOT VERSION OR NOT SODIUM_LIBRARY_VERSION_MAJOR OR NOT SODIUM_LIBRARY_VERSION_MINOR)
    message(FATAL_ERROR "libsodium: no version numbers found in ${HZ_THIRD_PARTY}/libsodium/configure.ac")
  endif()
  set(SODIUM_LIBRARY_MINIMAL_DEF "")
  # It lives outside include/sodium, so its "export.h" becomes <sodium/export.h>.
  file(READ "${HZ_SODIUM_DIR}/include/sodium/version.h.in" text)
  string(REPLACE "#include \"export.h\"" "#include <sodium/export.h>" text "${text}")
  file(CONFIGURE OUTPUT "${HZ_SODIUM_GEN}/sodium/version.h" CONTENT "${text}" @ONLY)
endfunction()
hz_sodium_version_header()
file(GLOB_RECURSE HZ_SODIUM_SOURCES "${HZ_SODIUM_DIR}/*.c")
add_library(hz_sodium STATIC ${HZ_SODIUM_SOURCES})
# sodium.h includes "sodium/version.h"; the library's own files include "version.h".
target_include_directories(hz_sodium SYSTEM PUBLIC "${HZ_SODIUM_GEN}" "${HZ_SODIUM_DIR}/include")
target_include_directories(hz_sodium PRIVATE "${HZ_SODIUM_GEN}/sodium" "${HZ_SODIUM_DIR}/include/sodium")
# CONFIGURED: what configure defines (else private/common.h warns of an "undocumented method").
# HAVE_C_VARARRAYS: sodium_stackzero. HAVE_POSIX_MEMALIGN and no HAVE_MMAP: Argon2's work area
# (64 MiB) comes from the heap on both targets, where ASan sees it natively. HAVE_EXPLICIT_BZERO:
# sodium_memzero (glibc and Emscripten's musl both have it).
target_compile_definitions(hz_sodium
  PUBLIC SODIUM_STATIC=1
  PRIVATE CONFIGURED=1 NATIVE_LITTLE_ENDIAN=1 HAVE_C_VARARRAYS=1 HAVE_POSIX_MEMALIGN=1
          HAVE_EXPLICIT_BZERO=1)
# -O2 in Debug too: Argon2id over 64 MiB unoptimized (and under ASan) takes seconds, not a tenth.
target_compile_options(hz_sodium PRIVATE -w $<$<CONFIG:Debug>:-O2>)
if(EMSCRIPTEN)
  # Random bytes: randombytes.c under __EMSCRIPTEN__ asks JavaScript (EM_ASM): crypto.getRandomValues
  # in a browser or worker, require('crypto').randomBytes under Node.js. No link flag is needed
  # (EM_ASM code is emitted into the .js; no closure compiler renames Module.getRandomValue).
  # No pthreads, mmap or getrandom here: Emscripten has none of them for real.
  target_compile_options(hz_sodium PRIVATE -fwasm-exceptions)
else()
  # glibc on x86-64 Linux, as configure finds it: getrandom() (no file descriptor to /dev/urandom),
  # a mutex around sodium_init, mlock/mprotect/madvise for sodium_malloc (unused by us), ELF weak
  # symbols (configure requires __ELF__, so not under Emscripten).
  target_compile_definitions(hz_sodium PRIVATE HAVE_SYS_RANDOM_H=1 HAVE_GETRANDOM=1 HAVE_PTHREAD=1
    HAVE_ATOMIC_OPS=1 HAVE_NANOSLEEP=1 HAVE_GETPID=1 HAVE_SYS_MMAN_H=1 HAVE_MLOCK=1 HAVE_MADVISE=1
    HAVE_MPROTECT=1 HAVE_WEAK_SYMBOLS=1 HAVE_INLINE_ASM=1)
  if(HZ_SANITIZE)
    target_compile_options(hz_sodium PRIVATE ${HZ_SAN_FLAGS})
  endif()
endif()
