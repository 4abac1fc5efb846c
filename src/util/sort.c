/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The merge sort of util/sort.h. Runs of at least MIN_RUN elements
 * (ascending, or strictly descending and reversed, grown by binary
 * insertion) are merged pairwise between the array and one buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "util/sort.h"

#define MIN_RUN 24

/* Binary insertion of v[lo+have .. lo+want) into the sorted v[lo .. lo+have). */
static void insertion_extend(uint32_t *v, size_t lo, size_t have, size_t want, ms_cmp_fn cmp,
                             const void *ctx)
{
	for (size_t i = lo + have; i < lo + want; i++) {
		uint32_t x = v[i];
		size_t l = lo, r = i;
		while (l < r) { /* first position whose element is greater than x: stable */
			size_t mid = l + (r - l) / 2;
			if (cmp(ctx, x, v[mid]) < 0)
				r = mid;
			else
				l = mid + 1;
		}
		memmove(v + l + 1, v + l, (i - l) * sizeof(*v));
		v[l] = x;
	}
}

void ms_insertion_sort_u32(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx)
{
	if (n > 1)
		insertion_extend(v, 0, 1, n, cmp, ctx);
}

int ms_sort_order(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx)
{
	for (size_t i = 0; i < n; i++)
		v[i] = (uint32_t)i;
	return ms_sort_u32(v, n, cmp, ctx);
}

int ms_sort_u32(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx)
{
	if (n < 2)
		return 0;
	if (n <= MIN_RUN) { /* one run: no buffers needed */
		insertion_extend(v, 0, 1, n, cmp, ctx);
		return 0;
	}
	size_t cap = n / MIN_RUN + 2, nruns = 0;
	size_t *runs = malloc(cap * sizeof(*runs));
	uint32_t *buf = malloc(n * sizeof(*buf));
	if (!runs || !buf) {
		free(runs);
		free(buf);
		return -1;
	}
	/* Split into ascending runs of at least MIN_RUN elements. */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		if (j < n && cmp(ctx, v[j], v[j - 1]) < 0) {
			while (j < n && cmp(ctx, v[j], v[j - 1]) < 0)
				j++;
			for (size_t l = i, r = j - 1; l < r; l++, r--) { /* strictly descending */
				uint32_t t = v[l];
				v[l] = v[r];
				v[r] = t;
			}
		} else {
			while (j < n && cmp(ctx, v[j], v[j - 1]) >= 0)
				j++;
		}
		if (j - i < MIN_RUN && j < n) {
			size_t want = i + MIN_RUN < n ? MIN_RUN : n - i;
			insertion_extend(v, i, j - i, want, cmp, ctx);
			j = i + want;
		}
		runs[nruns++] = i;
		i = j;
	}
	runs[nruns] = n;
	uint32_t *src = v, *dst = buf;
	while (nruns > 1) {
		size_t out = 0;
		for (size_t r = 0; r < nruns; r += 2) {
			size_t lo = runs[r], mid = runs[r + 1], hi = r + 2 <= nruns ? runs[r + 2] : mid;
			if (r + 1 >= nruns) { /* an odd run out: copy it over */
				memcpy(dst + lo, src + lo, (mid - lo) * sizeof(*dst));
				runs[out++] = lo;
				continue;
			}
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				dst[k++] = cmp(ctx, src[b], src[a]) < 0 ? src[b++] : src[a++];
			while (a < mid)
				dst[k++] = src[a++];
			while (b < hi)
				dst[k++] = src[b++];
			runs[out++] = lo;
		}
		runs[out] = n;
		nruns = out;
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
	free(runs);
	free(buf);
	return 0;
}

/* ms_sort's comparison of two positions: the elements they name. */
typedef struct {
	const unsigned char *base;
	size_t size;
	ms_cmp_elem_fn cmp;
	const void *ctx;
} elem_ctx;

static int cmp_positions(const void *ctx, uint32_t x, uint32_t y)
{
	const elem_ctx *e = ctx;
	return e->cmp(e->ctx, e->base + (size_t)x * e->size, e->base + (size_t)y * e->size);
}

int ms_sort(void *base, size_t n, size_t size, ms_cmp_elem_fn cmp, const void *ctx)
{
	if (n < 2)
		return 0;
	if (n > UINT32_MAX || size == 0 || n > SIZE_MAX / size)
		return -1;
	uint32_t *pos = malloc(n * sizeof(*pos));
	unsigned char *copy = malloc(n * size);
	elem_ctx e = {base, size, cmp, ctx};
	if (!pos || !copy) {
		free(pos);
		free(copy);
		return -1;
	}
	int rc = ms_sort_order(pos, n, cmp_positions, &e);
	if (rc == 0) {
		memcpy(copy, base, n * size);
		for (size_t i = 0; i < n; i++)
			memcpy((unsigned char *)base + i * size, copy + (size_t)pos[i] * size, size);
	}
	free(pos);
	free(copy);
	return rc;
}
