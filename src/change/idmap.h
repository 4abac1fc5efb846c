/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Look-ups and matching by key, for medscope diff and medscope impact: a
 * hash multimap from 64-bit hashes to uint32 values, and sorted matching
 * of two keyed lists. It stores only the hash: the caller walks the values stored
 * under a hash and checks that the key really is equal, so a key can be
 * anything (ids of another model, tuples) without being copied. Hashes
 * must be keyed (util/hash.h: ms_hash_pair) so that no input can aim many
 * keys at one probe run.
 * Internal to the library.
 */
#ifndef MS_IDMAP_H
#define MS_IDMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t *hashes;
	uint32_t *values; /* UINT32_MAX = empty slot */
	size_t cap, n;    /* cap is a power of two, at least twice n */
} ms_idmap;

#define MS_IDMAP_INIT {NULL, NULL, 0, 0}

void ms_idmap_free(ms_idmap *m);
/* Add `value` (not UINT32_MAX) under `hash`; duplicates are kept.
 * 0, or -1 when out of memory (the map is unchanged). */
int ms_idmap_put(ms_idmap *m, uint64_t hash, uint32_t value);
/* Make room for `n` values in all without growing again. 0 or -1. */
int ms_idmap_reserve(ms_idmap *m, size_t n);
/* Walk the values stored under `hash`: start with *pos = 0, call until it
 * returns UINT32_MAX. Values come in the order they were added. */
uint32_t ms_idmap_next(const ms_idmap *m, uint64_t hash, size_t *pos);

/*
 * Matching two lists by key without random memory access: each side is a
 * list of (key, check, index) sorted by the low MS_KEYED_BITS bits of key
 * (a stable LSD radix sort, linear), and the two are merged. Items with
 * equal key and check pair up in order, the k-th of one side with the k-th
 * of the other; on a match amatch[ia] = ib and bmatch[ib] = ia (both arrays
 * start filled with UINT32_MAX). key and check together are 96 bits of
 * hash of the item's identity: a collision is so unlikely (about n² / 2^97)
 * that equal hashes are taken as equal identities, and the items
 * themselves are never read again — reading them in hash order would be a
 * cache miss each.
 */
typedef struct {
	uint64_t key;
	uint32_t check, index;
} ms_keyed;

/* Sort by the low MS_KEYED_BITS bits of key, stably (enough to bring equal
 * keys together; the merge tells apart the few that share those bits).
 * `tmp` has room for n items and `count` for MS_KEYED_COUNT (the
 * caller keeps them across sorts: fresh large allocations cost page faults
 * on every pass). */
#define MS_KEYED_BITS 36
#define MS_KEYED_MASK ((UINT64_C(1) << MS_KEYED_BITS) - 1)
#define MS_KEYED_COUNT 512
void ms_keyed_sort(ms_keyed *items, size_t n, ms_keyed *tmp, uint32_t *count);
void ms_keyed_match(const ms_keyed *a, size_t na, const ms_keyed *b, size_t nb, uint32_t *amatch,
                    uint32_t *bmatch);

#endif
