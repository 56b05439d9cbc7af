/*
 * The least per-value work an engine could do, in C behind Node-API: copy the value out of V8 (Latin-1) and make one
 * pass over it with a character-class table and an FNV-1a hash. bench/threat/native-scan.js compiles it and compares
 * it with the same pass in JavaScript and with the engine's inert-value test.
 */
#include <node_api.h>

static unsigned char CHARACTER_CLASS[256];

static napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  char text[1024];
  size_t length = 0;
  napi_get_value_string_latin1(env, argv[0], text, sizeof text, &length);
  unsigned classes = 0;
  unsigned hash = 2166136261u;
  for (size_t i = 0; i < length; i++) {
    unsigned char code = (unsigned char)text[i];
    classes |= CHARACTER_CLASS[code];
    hash = (hash ^ code) * 16777619u;
  }
  napi_value result;
  napi_create_uint32(env, classes ^ (hash & 1u), &result);
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  for (int code = 0; code < 256; code++) {
    CHARACTER_CLASS[code] = (code >= 'a' && code <= 'z') ? 1 : (code >= '0' && code <= '9') ? 2 : 4;
  }
  napi_value scan;
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, Scan, NULL, &scan);
  napi_set_named_property(env, exports, "scan", scan);
  return exports;
}

NAPI_MODULE(native_scan, Init)
