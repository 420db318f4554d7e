# Warnings and sanitizers for our own targets only (third-party code is compiled as SYSTEM).
add_library(hz_options INTERFACE)
target_compile_options(hz_options INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers)
if(HZ_SANITIZE AND NOT EMSCRIPTEN)
  set(HZ_SAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(hz_options INTERFACE ${HZ_SAN_FLAGS})
  target_link_options(hz_options INTERFACE ${HZ_SAN_FLAGS})
endif()
if(EMSCRIPTEN)
  # Native wasm exceptions: supported by the browser floor (Chromium 95, Firefox 100, Safari 15.2)
  # and much faster than the JS-emulated kind for nlohmann/json.
  target_compile_options(hz_options INTERFACE -fwasm-exceptions)
  target_link_options(hz_options INTERFACE -fwasm-exceptions)
endif()
