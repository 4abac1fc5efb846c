/* SPDX-License-Identifier: Apache-2.0 */
#include "model/model.h"

#include "util/hash.h"

#include <stdlib.h>
#include <string.h>


medscope_status ms_model_new(medscope_model **out, const char *file)
{
	medscope_model *m = calloc(1, sizeof(*m));
	if (!m)
		return MEDSCOPE_ERR_NOMEM;
	ms_arena_init(&m->arena);
	m->as_of = MS_NO_DATE;
	m->file = ms_arena_strndup(&m->arena, file, strlen(file));
	m->name = "";
	size_t n = medscope_name_for_message(NULL, 0, file);
	char *text = m->file ? ms_arena_alloc(&m->arena, n + 1) : NULL;
	if (text)
		medscope_name_for_message(text, n + 1, file);
	m->file_text = text && strcmp(text, file) == 0 ? m->file : text;
	ms_file *f = m->file && m->file_text ? MS_VEC_PUSH(m->files) : NULL;
	if (!f) {
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	f->path = m->file;
	f->text = m->file_text;
	*out = m;
	return MEDSCOPE_OK;
}

uint32_t ms_model_add_file(medscope_model *m, const char *path)
{
	const char *copy = ms_arena_strndup(&m->arena, path, strlen(path));
	size_t n = medscope_name_for_message(NULL, 0, path);
	char *text = copy ? ms_arena_alloc(&m->arena, n + 1) : NULL;
	if (!text)
		return MS_NONE;
	medscope_name_for_message(text, n + 1, path);
	ms_file *f = MS_VEC_PUSH(m->files);
	if (!f)
		return MS_NONE;
	f->path = copy;
	f->text = strcmp(text, copy) == 0 ? copy : text;
	return (uint32_t)(m->files.n - 1);
}

void medscope_model_free(medscope_model *m)
{
	if (!m)
		return;
	free(m->sym_hash);
	MS_VEC_FREE(m->syms);
	MS_VEC_FREE(m->parties);
	MS_VEC_FREE(m->certs);
	MS_VEC_FREE(m->systems);
	MS_VEC_FREE(m->edges);
	MS_VEC_FREE(m->contracts);
	MS_VEC_FREE(m->flows);
	MS_VEC_FREE(m->agreements);
	MS_VEC_FREE(m->risks);
	MS_VEC_FREE(m->exceptions);
	MS_VEC_FREE(m->pool);
	MS_VEC_FREE(m->files);
	ms_arena_free(&m->arena);
	free(m);
}

const char *medscope_model_file(const medscope_model *m)
{
	return m->file;
}

const char *medscope_model_name(const medscope_model *m)
{
	return m->name;
}

size_t medscope_model_party_count(const medscope_model *m)
{
	return m->parties.n;
}

size_t medscope_model_system_count(const medscope_model *m)
{
	return m->systems.n;
}

size_t medscope_model_contract_count(const medscope_model *m)
{
	return m->contracts.n;
}

/* ---- symbols: keyed hash, open addressing, load factor <= 1/2 ----
 * A slot holds the hash beside the symbol index (+1, so 0 means empty):
 * a probe compares hashes and only reads the string on a match, which
 * keeps lookups to about one cache miss on national-scale models. The
 * hash is keyed per process (util/hash.h), so no choice of ids can make
 * them share slots; the table is only looked up, never walked for output. */

static uint32_t hash_bytes(const char *s, size_t len)
{
	return (uint32_t)ms_hash_bytes(s, len);
}

static uint32_t find_slot(const medscope_model *m, const char *name, size_t len, uint32_t h)
{
	uint32_t mask = m->sym_hash_cap - 1;
	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		uint64_t e = m->sym_hash[i];
		if (e == 0)
			return i;
		if ((uint32_t)(e >> 32) == h) {
			const char *n = m->syms.v[(uint32_t)e - 1].name;
			if (strncmp(n, name, len) == 0 && n[len] == '\0')
				return i;
		}
	}
}

static int rehash(medscope_model *m, uint32_t cap);

/* The table size for n symbols: a power of two, load factor <= 1/2. */
static uint32_t cap_for(size_t n)
{
	uint32_t cap = 1024;
	while (cap < n * 2 + 2 && cap < (1u << 30))
		cap *= 2;
	return cap;
}

uint32_t ms_sym_find(const medscope_model *m, const char *name, size_t len)
{
	if (!m->sym_hash_cap) {
		/* The loader gave the table back (ms_model_drop_lookup): build it
		 * again for the few commands that look ids up (graph --focus,
		 * impact, diff). It is a cache, so building it in a const model
		 * is fine; without memory for it, scan. */
		if (rehash((medscope_model *)m, cap_for(m->syms.n)) < 0) {
			for (size_t i = 0; i < m->syms.n; i++) {
				const char *n = m->syms.v[i].name;
				if (strncmp(n, name, len) == 0 && n[len] == '\0')
					return (uint32_t)i;
			}
			return MS_NONE;
		}
	}
	uint64_t e = m->sym_hash[find_slot(m, name, len, hash_bytes(name, len))];
	return e ? (uint32_t)e - 1 : MS_NONE;
}

static int rehash(medscope_model *m, uint32_t cap)
{
	uint64_t *t = calloc(cap, sizeof(*t));
	if (!t)
		return -1;
	if (m->sym_hash_cap) {
		for (size_t i = 0; i < m->sym_hash_cap; i++) {
			uint64_t e = m->sym_hash[i];
			if (!e)
				continue;
			uint32_t j = (uint32_t)(e >> 32) & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = e;
		}
	} else { /* rebuilding a dropped table */
		for (size_t s = 0; s < m->syms.n; s++) {
			const char *n = m->syms.v[s].name;
			uint32_t h = hash_bytes(n, strlen(n));
			uint32_t j = h & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = (uint64_t)h << 32 | (s + 1);
		}
	}
	free(m->sym_hash);
	m->sym_hash = t;
	m->sym_hash_cap = cap;
	return 0;
}

void ms_model_drop_lookup(medscope_model *m)
{
	if (!m)
		return;
	free(m->sym_hash);
	m->sym_hash = NULL;
	m->sym_hash_cap = 0;
}

void ms_sym_reserve(medscope_model *m, size_t n)
{
	uint32_t cap = cap_for(n);
	if (cap > m->sym_hash_cap)
		rehash(m, cap); /* a failure only means growing later */
}

void ms_sym_prefetch(const medscope_model *m, const char *const *names, const size_t *lens,
                     uint32_t *hashes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		hashes[i] = hash_bytes(names[i], lens[i]);
#if defined(__GNUC__)
		/* Only the slots: prefetching the symbols and names they lead to
		 * as well (two more rounds) measured no faster. */
		if (m->sym_hash_cap)
			__builtin_prefetch(&m->sym_hash[hashes[i] & (m->sym_hash_cap - 1)]);
#endif
	}
}

uint32_t ms_sym_intern(medscope_model *m, const char *name, size_t len)
{
	return ms_sym_intern_hashed(m, name, len, hash_bytes(name, len));
}

uint32_t ms_sym_intern_hashed(medscope_model *m, const char *name, size_t len, uint32_t h)
{
	if ((m->syms.n + 1) * 2 > m->sym_hash_cap) {
		if (m->sym_hash_cap >= (1u << 30) ||
		    rehash(m, m->sym_hash_cap ? m->sym_hash_cap * 2 : 1024) < 0)
			return MS_NONE;
	}
	uint32_t slot = find_slot(m, name, len, h);
	if (m->sym_hash[slot])
		return (uint32_t)m->sym_hash[slot] - 1;
	char *copy = ms_arena_strndup(&m->arena, name, len);
	ms_sym *sym = copy ? MS_VEC_PUSH(m->syms) : NULL;
	if (!sym)
		return MS_NONE;
	sym->name = copy;
	sym->index = MS_NONE;
	sym->kind = MS_SYM_UNDEFINED;
	uint32_t s = (uint32_t)(m->syms.n - 1);
	m->sym_hash[slot] = (uint64_t)h << 32 | (s + 1);
	return s;
}

const ms_enum ms_enum_bool[] = {{"true", 1, {NULL, NULL}, NULL},
                                {"false", 0, {NULL, NULL}, NULL},
                                {NULL, 0, {NULL, NULL}, NULL}};
