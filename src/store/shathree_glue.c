/* SQLite's shathree.c compiled once, here, with an incremental interface to its static functions
 * (see shathree_glue.h). sqlite3_shathree_init, which registers sha3() on a connection, comes from
 * the same inclusion. */
#include "shathree.c"
#include "shathree_glue.h"

#include <string.h>

_Static_assert(sizeof(SHA3Context) <= HZ_SHA3_CONTEXT_BYTES, "HZ_SHA3_CONTEXT_BYTES is too small");

void hz_sha3_256_init(void* context) { SHA3Init((SHA3Context*)context, 256); }

void hz_sha3_update(void* context, const void* data, size_t size) {
  const unsigned char* p = (const unsigned char*)data;
  while (size > 0) { /* SHA3Update takes an unsigned int */
    const unsigned int n = size > 0x40000000u ? 0x40000000u : (unsigned int)size;
    SHA3Update((SHA3Context*)context, p, n);
    p += n;
    size -= n;
  }
}

void hz_sha3_final(void* context, unsigned char digest[32]) { memcpy(digest, SHA3Final((SHA3Context*)context), 32); }
