/* SPDX-License-Identifier: Apache-2.0 */
#include "util/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* Large enough that a national-scale model needs a few hundred blocks. */
#define MS_ARENA_BLOCK (256 * 1024)

struct ms_arena_block {
	ms_arena_block *next;
	alignas(max_align_t) unsigned char data[];
};

void ms_arena_init(ms_arena *a)
{
	memset(a, 0, sizeof(*a));
}

void ms_arena_free(ms_arena *a)
{
	ms_arena_block *b = a->head;
	while (b) {
		ms_arena_block *next = b->next;
		free(b);
		b = next;
	}
	ms_arena_init(a);
}

void *ms_arena_alloc(ms_arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	if (!a->head || a->cap - a->used < size) {
		size_t cap = size > MS_ARENA_BLOCK ? size : MS_ARENA_BLOCK;
		ms_arena_block *b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->next = a->head;
		a->head = b;
		a->used = 0;
		a->cap = cap;
		a->total += cap;
	}
	void *p = a->head->data + a->used;
	a->used += size;
	return p;
}

char *ms_arena_strndup(ms_arena *a, const char *s, size_t len)
{
	/* Strings need no alignment: pack them byte-tight. */
	if (!a->head || a->cap - a->used < len + 1) {
		if (!ms_arena_alloc(a, len + 1))
			return NULL;
		a->used -= (len + 1 + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	}
	char *p = (char *)a->head->data + a->used;
	memcpy(p, s, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}
