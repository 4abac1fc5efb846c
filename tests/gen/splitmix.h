/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SplitMix64: the one pseudo-random sequence of the test tools
 * (gen_random, shuffle). Deterministic for a seed, so a failing seed can be
 * replayed; not for anything the library keys (that is util/hash.h).
 */
#ifndef MS_TEST_SPLITMIX_H
#define MS_TEST_SPLITMIX_H

#include <stdint.h>

static uint64_t rng_state;

static uint64_t next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

#endif
