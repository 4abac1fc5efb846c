/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A bump allocator: many small allocations, one free. Each loaded model
 * owns one, so freeing a model frees every string and node it holds.
 */
#ifndef MS_ARENA_H
#define MS_ARENA_H

#include <stddef.h>

typedef struct ms_arena_block ms_arena_block;

typedef struct {
	ms_arena_block *head;
	size_t used, cap; /* in the head block */
	size_t total;     /* bytes reserved, for benchmarks */
} ms_arena;

void ms_arena_init(ms_arena *a);
void ms_arena_free(ms_arena *a);
/* Aligned for any type; NULL when out of memory. */
void *ms_arena_alloc(ms_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len); NULL when out of memory. */
char *ms_arena_strndup(ms_arena *a, const char *s, size_t len);

#endif
