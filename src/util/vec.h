/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Growable arrays: MS_VEC(T) is { T *v; size_t n, cap; }. The owner frees
 * `v` with free(). Growth doubles, so appends are amortised O(1).
 */
#ifndef MS_VEC_H
#define MS_VEC_H

#include <stddef.h>
#include <string.h>

#define MS_VEC(T)                                                                              \
	struct {                                                                               \
		T *v;                                                                          \
		size_t n, cap;                                                                 \
	}

/* The one growth rule: capacity doubles (from 16) until `need` elements of
 * `elsize` bytes fit. 0 on success, -1 when out of memory or past SIZE_MAX
 * (the array is then unchanged). Also for arrays that are not an MS_VEC. */
int ms_vec_reserve_(void **v, size_t *cap, size_t need, size_t elsize);
#define MS_VEC_RESERVE(vec, need)                                                              \
	ms_vec_reserve_((void **)&(vec).v, &(vec).cap, (need), sizeof(*(vec).v))

/* Make room for one more element after the n there are. */
int ms_vec_grow_(void **v, size_t *cap, size_t n, size_t elsize);

/* Append a zeroed element and return a pointer to it, or NULL. */
#define MS_VEC_PUSH(vec)                                                                       \
	((vec).n < (vec).cap || ms_vec_grow_((void **)&(vec).v, &(vec).cap, (vec).n,          \
	                                     sizeof(*(vec).v)) == 0                            \
	         ? ms_vec_zero_(&(vec).v[(vec).n++], sizeof(*(vec).v))                         \
	         : NULL)

/* Inline, so that zeroing one element of a known size is a few stores,
 * not a call to memset per element pushed. */
static inline void *ms_vec_zero_(void *p, size_t size)
{
	memset(p, 0, size);
	return p;
}

/* Give back the slack of doubling once a vector is complete (the analysis
 * runs with the model in memory; this keeps peak memory near the data). */
#define MS_VEC_SHRINK(vec) ms_vec_shrink_((void **)&(vec).v, &(vec).cap, (vec).n, sizeof(*(vec).v))
void ms_vec_shrink_(void **v, size_t *cap, size_t n, size_t elsize);

#define MS_VEC_FREE(vec)                                                                       \
	do {                                                                                   \
		free((vec).v);                                                                 \
		(vec).v = NULL;                                                                \
		(vec).n = (vec).cap = 0;                                                       \
	} while (0)

#endif
