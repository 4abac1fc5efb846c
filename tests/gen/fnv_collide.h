/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ids that all have one hash under the symbol table medscope had before
 * its hash was keyed (issue 13): FNV-1a, 32 bits, slot = the low bits.
 * Equal hashes are the worst case for that table: every probe of a run
 * matches the stored hash and compares the strings.
 *
 * FNV-1a's step h = (h ^ byte) * 16777619 mod 2^32 is invertible (the
 * prime is odd), so blocks of seven id characters that take the state
 * after "v" back to itself are found by meeting in the middle: the states
 * three characters forward from it (2^18) against the states four
 * characters backward from it (2^24); about 2^42 / 2^32 = 1,024 meet.
 * Blocks strung freely after "v" then all give the same hash: two blocks
 * make about a million ids of 15 characters.
 *
 * Header-only, for tests/unit/test_hash.c and tests/gen/gen_collide.c.
 */
#ifndef MS_FNV_COLLIDE_H
#define MS_FNV_COLLIDE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define FNV_COLLIDE_BLOCK 7
#define FNV_PRIME 16777619u

/* The 64 characters an xs:ID may use after its first (NCName). */
static const char fnv_collide_alphabet[65] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The old table's hash (model.c before issue 13). */
static uint32_t fnv_collide_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

/*
 * Fill blocks[0..max) with 7-character blocks (not NUL-terminated) that
 * take the state after "v" back to itself; returns how many were found,
 * 0 when out of memory.
 */
static size_t fnv_collide_blocks(char (*blocks)[FNV_COLLIDE_BLOCK], size_t max)
{
	const uint32_t t = fnv_collide_hash("v", 1);
	uint32_t inv = FNV_PRIME; /* Newton: inv = prime^-1 mod 2^32 */
	for (int i = 0; i < 5; i++)
		inv *= 2u - FNV_PRIME * inv;
	/* The 2^18 states three characters on, in open addressing keyed by
	 * state (slot value: the three characters' index + 1). */
	const size_t nslot = 1u << 20;
	uint32_t *state = malloc(nslot * sizeof(*state)), *idx = calloc(nslot, sizeof(*idx));
	size_t n = 0;
	if (!state || !idx)
		goto done;
	for (uint32_t i = 0; i < 64 * 64 * 64; i++) {
		uint32_t h = t;
		for (int k = 0; k < 3; k++)
			h = (h ^ (unsigned char)fnv_collide_alphabet[(i >> (6 * k)) & 63]) * FNV_PRIME;
		size_t s = h & (nslot - 1);
		while (idx[s])
			s = (s + 1) & (nslot - 1);
		state[s] = h;
		idx[s] = i + 1;
	}
	for (uint32_t j = 0; j < 64u * 64 * 64 * 64 && n < max; j++) {
		/* Back from t over characters 7, 6, 5, 4 of the block. */
		uint32_t h = t;
		for (int k = 3; k >= 0; k--)
			h = (h * inv) ^ (unsigned char)fnv_collide_alphabet[(j >> (6 * k)) & 63];
		for (size_t s = h & (nslot - 1); idx[s] && n < max; s = (s + 1) & (nslot - 1)) {
			if (state[s] != h)
				continue;
			uint32_t i = idx[s] - 1;
			for (int k = 0; k < 3; k++)
				blocks[n][k] = fnv_collide_alphabet[(i >> (6 * k)) & 63];
			for (int k = 0; k < 4; k++)
				blocks[n][3 + k] = fnv_collide_alphabet[(j >> (6 * k)) & 63];
			n++;
		}
	}
done:
	free(state);
	free(idx);
	return n;
}

/* The k-th colliding id of `nblocks` blocks strung `depth` times, into
 * out[0 .. 1 + 7 * depth] (NUL-terminated). k < nblocks^depth. */
static void fnv_collide_id(char *out, char (*blocks)[FNV_COLLIDE_BLOCK], size_t nblocks,
                           int depth, size_t k)
{
	*out++ = 'v';
	for (int d = 0; d < depth; d++, k /= nblocks)
		for (int c = 0; c < FNV_COLLIDE_BLOCK; c++)
			*out++ = blocks[k % nblocks][c];
	*out = '\0';
}

#endif
