/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Keyed hashing for every table keyed by input data (SECURITY.md, "Seeded
 * hashing"). A model's author chooses its ids; with an unkeyed hash such
 * as FNV-1a they can choose ids that all land in one slot and turn each
 * look-up into a scan of the table (65,536 crafted vendor ids took 31 s to
 * validate instead of 0.14 s). SipHash under a key drawn from the kernel
 * once per process makes the slots unpredictable: nothing in a file can
 * aim at them.
 *
 * No output may depend on these values: tables keyed by them are only
 * looked up, never walked to produce output (tests/unit/test_hash.c runs
 * every example under two keys and compares every output byte for byte).
 * Internal to the library.
 */
#ifndef MS_UTIL_HASH_H
#define MS_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * SipHash (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * 2012) with `c` compression rounds per 8-byte block and `d` finalisation
 * rounds: ms_siphash(k, p, n, 2, 4) is SipHash-2-4, (1, 3) SipHash-1-3.
 * `key` is the 128-bit key as two little-endian words (k0 = bytes 0-7).
 * The result is the 64-bit value whose little-endian bytes the reference
 * implementation writes out.
 */
uint64_t ms_siphash(const uint64_t key[2], const void *data, size_t len, int c, int d);

/* The process's keyed hash of `len` bytes: SipHash-1-3 under the process
 * key (drawn on first use, thread-safe). */
uint64_t ms_hash_bytes(const void *data, size_t len);
/* The same over two 64-bit values (as little-endian bytes, so the result
 * is the same on every byte order). */
uint64_t ms_hash_pair(uint64_t a, uint64_t b);
/* The process key's two words. */
void ms_hash_key(uint64_t key[2]);

/*
 * The process's keyed hash computed in steps, for identities made of a
 * variable number of integers (diff's tuples): ms_hasher_add() feeds one
 * 64-bit word, ms_hasher_end() gives the same value as ms_hash_bytes()
 * over the words' little-endian bytes. `extra` != 0 hashes one more word
 * first, without changing h: a second, independent value of the same
 * identity (diff keeps 96 bits to tell identities apart).
 */
typedef struct {
	uint64_t v0, v1, v2, v3;
	uint64_t words;
} ms_hasher;

void ms_hasher_init(ms_hasher *h);
void ms_hasher_add(ms_hasher *h, uint64_t word);
uint64_t ms_hasher_end(const ms_hasher *h, uint64_t extra);

/*
 * Tests only: replace the process key by (k0, k1), so that a test can
 * craft collisions for a known key or compare outputs under two keys.
 * Call it only while no table built with the old key is in use (a model's
 * symbol table, a diff or impact in progress). Nothing in the library or
 * the program calls it, and no environment variable reaches it.
 */
void ms_hash_set_key_for_testing(uint64_t k0, uint64_t k1);

#endif
