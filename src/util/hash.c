/* SPDX-License-Identifier: Apache-2.0 */
/* hash.h: SipHash and the process key. */
/* getentropy() is declared under _DEFAULT_SOURCE, beyond the POSIX base
 * the build asks for. */
#define _DEFAULT_SOURCE
#include "util/hash.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

/* One SipRound, as the paper's Figure 2.2 draws it. */
#define SIPROUND                                                                            \
	do {                                                                                \
		v0 += v1;                                                                   \
		v1 = ROTL(v1, 13);                                                          \
		v1 ^= v0;                                                                   \
		v0 = ROTL(v0, 32);                                                          \
		v2 += v3;                                                                   \
		v3 = ROTL(v3, 16);                                                          \
		v3 ^= v2;                                                                   \
		v0 += v3;                                                                   \
		v3 = ROTL(v3, 21);                                                          \
		v3 ^= v0;                                                                   \
		v2 += v1;                                                                   \
		v1 = ROTL(v1, 17);                                                          \
		v1 ^= v2;                                                                   \
		v2 = ROTL(v2, 32);                                                          \
	} while (0)

/* The little-endian word at p, whatever the machine's byte order. */
static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

uint64_t ms_siphash(const uint64_t key[2], const void *data, size_t len, int c, int d)
{
	const unsigned char *in = data;
	/* "somepseudorandomlygeneratedbytes", xored with the key. */
	uint64_t v0 = key[0] ^ 0x736f6d6570736575ull;
	uint64_t v1 = key[1] ^ 0x646f72616e646f6dull;
	uint64_t v2 = key[0] ^ 0x6c7967656e657261ull;
	uint64_t v3 = key[1] ^ 0x7465646279746573ull;
	size_t whole = len - len % 8;
	for (size_t i = 0; i < whole; i += 8) {
		uint64_t m = le64(in + i);
		v3 ^= m;
		for (int r = 0; r < c; r++)
			SIPROUND;
		v0 ^= m;
	}
	/* The last block: the remaining bytes, and the length's low byte on top. */
	uint64_t b = (uint64_t)len << 56;
	for (size_t k = 0; k < len % 8; k++)
		b |= (uint64_t)in[whole + k] << (8 * k);
	v3 ^= b;
	for (int r = 0; r < c; r++)
		SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	for (int r = 0; r < d; r++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static uint64_t process_key[2];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/*
 * The key comes from the kernel (getentropy: getrandom(2) on Linux, no
 * file opened). Should that fail (a kernel without the call, a seccomp
 * filter refusing it), the clock, the process id and the addresses ASLR
 * placed are mixed instead: weaker, but still not knowable from a file,
 * and a hash table must not stop the program.
 */
static void draw_key(void)
{
	unsigned char bytes[16];
	if (getentropy(bytes, sizeof(bytes)) == 0) {
		process_key[0] = le64(bytes);
		process_key[1] = le64(bytes + 8);
		return;
	}
	struct timespec ts = {0, 0};
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t parts[5] = {(uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec, (uint64_t)getpid(),
	                     (uint64_t)(uintptr_t)&ts, (uint64_t)(uintptr_t)draw_key};
	static const uint64_t fixed[2] = {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
	process_key[0] = ms_siphash(fixed, parts, sizeof(parts), 2, 4);
	parts[0] ^= 1;
	process_key[1] = ms_siphash(fixed, parts, sizeof(parts), 2, 4);
}

static const uint64_t *key(void)
{
	pthread_once(&key_once, draw_key);
	return process_key;
}

uint64_t ms_hash_bytes(const void *data, size_t len)
{
	return ms_siphash(key(), data, len, 1, 3);
}

uint64_t ms_hash_pair(uint64_t a, uint64_t b)
{
	unsigned char buf[16];
	for (int i = 0; i < 8; i++) {
		buf[i] = (unsigned char)(a >> (8 * i));
		buf[8 + i] = (unsigned char)(b >> (8 * i));
	}
	return ms_siphash(key(), buf, sizeof(buf), 1, 3);
}

void ms_hash_key(uint64_t out[2])
{
	const uint64_t *k = key();
	out[0] = k[0];
	out[1] = k[1];
}

/* SipHash-1-3 over whole words, one step at a time (ms_siphash with c = 1,
 * d = 3 and len = 8 * words). */
void ms_hasher_init(ms_hasher *h)
{
	const uint64_t *k = key();
	h->v0 = k[0] ^ 0x736f6d6570736575ull;
	h->v1 = k[1] ^ 0x646f72616e646f6dull;
	h->v2 = k[0] ^ 0x6c7967656e657261ull;
	h->v3 = k[1] ^ 0x7465646279746573ull;
	h->words = 0;
}

void ms_hasher_add(ms_hasher *h, uint64_t m)
{
	uint64_t v0 = h->v0, v1 = h->v1, v2 = h->v2, v3 = h->v3;
	v3 ^= m;
	SIPROUND;
	v0 ^= m;
	h->v0 = v0, h->v1 = v1, h->v2 = v2, h->v3 = v3;
	h->words++;
}

uint64_t ms_hasher_end(const ms_hasher *h, uint64_t extra)
{
	ms_hasher t = *h;
	if (extra)
		ms_hasher_add(&t, extra);
	uint64_t v0 = t.v0, v1 = t.v1, v2 = t.v2, v3 = t.v3;
	uint64_t b = (uint64_t)(8 * t.words) << 56;
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	for (int r = 0; r < 3; r++)
		SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

void ms_hash_set_key_for_testing(uint64_t k0, uint64_t k1)
{
	key(); /* so that a later first use does not draw over it */
	process_key[0] = k0;
	process_key[1] = k1;
}
