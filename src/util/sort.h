/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one sort of the library: a stable natural merge sort whose
 * comparison gets a context pointer, so that no comparison reads state
 * from a global (qsort has no such argument). Deterministic for equal
 * keys, which keeps every output independent of the order of the input.
 */
#ifndef MS_UTIL_SORT_H
#define MS_UTIL_SORT_H

#include <stddef.h>
#include <stdint.h>

/* <0, 0, >0 as x sorts before, with, after y. */
typedef int (*ms_cmp_fn)(const void *ctx, uint32_t x, uint32_t y);

/* Sort v[0..n) (indices, usually) by cmp. O(n log r) comparisons for r
 * ascending runs. 0, or -1 when out of memory (v then unchanged as a
 * set, in some order). */
int ms_sort_u32(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx);

/* v[0..n) := the positions 0..n-1 sorted by cmp: the order in which to
 * visit n elements without moving them. 0, or -1 when out of memory. */
int ms_sort_order(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx);

/* The same order by binary insertion, in place: no memory, O(n^2) moves.
 * For short arrays, and as the fallback when ms_sort_u32 has no memory. */
void ms_insertion_sort_u32(uint32_t *v, size_t n, ms_cmp_fn cmp, const void *ctx);

/* <0, 0, >0 as the element at a sorts before, with, after the one at b. */
typedef int (*ms_cmp_elem_fn)(const void *ctx, const void *a, const void *b);

/* Sort n elements of `size` bytes at base, stably, by cmp: ms_sort_u32 on
 * their positions, then one permutation. 0, or -1 when out of memory (the
 * array is then left as it was). */
int ms_sort(void *base, size_t n, size_t size, ms_cmp_elem_fn cmp, const void *ctx);

#endif
