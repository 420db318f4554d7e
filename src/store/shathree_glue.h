/* SQLite's SHA3 (ext/misc/shathree.c, fetched with SQLite) as an incremental C interface, so that
 * streams are hashed by the same well-kept code as SQL's sha3(). Compiled into hz_sqlite. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { HZ_SHA3_CONTEXT_BYTES = 1624 }; /* >= sizeof(SHA3Context), checked where it is defined */

void hz_sha3_256_init(void* context);
void hz_sha3_update(void* context, const void* data, size_t size);
void hz_sha3_final(void* context, unsigned char digest[32]); /* the context must be initialised again */

#ifdef __cplusplus
}
#endif
