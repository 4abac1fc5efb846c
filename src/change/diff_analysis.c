/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diff, second half: what the change does to the analysis —
 * parties entering or leaving scope (rules.md §1), ownership entries whose
 * owner or basis changed (§2), agreements that became required, were
 * dropped or changed status (§3), and findings new, updated, unchanged or
 * resolved (§3, §4). GL 3.2 asks for agreement again 「変化に応じて」: this is
 * the list of what to agree again on.
 *
 * Things are matched as integer tuples in OLD's index space (symmap and
 * the element maps of diff_model.c), by radix-sorting both sides on a hash
 * of that tuple and merging (idmap.h), or, for ownership entries, by
 * merging the two analyses' id-ordered lists. Linear in the size of the
 * two models; comparison sorts touch only the changes.
 */
#include <stdlib.h>
#include <string.h>

#include "change/diff.h"
#include "change/idmap.h"
#include "util/hash.h"

typedef struct {
	medscope_diff *d;
	const medscope_analysis *oa, *na;
	const medscope_model *om, *nm;
	const uint32_t *symmap;                 /* NEW symbol -> OLD symbol or MS_NONE */
	const uint32_t *party_map, *system_map; /* NEW index -> OLD index or MS_NONE */
	const uint32_t *agreement_map;
	ms_buf key;
	/* Scratch for matching, sized once for the largest list and reused by
	 * every pass (fresh large allocations would fault in pages each time). */
	ms_keyed *okeys, *nkeys, *sort_tmp;
	uint32_t *omatch, *nmatch, *count;
	int oom;
} dctx;

/* The contents of c->key copied into the diff's arena. */
static const char *keep_key(dctx *c)
{
	if (c->key.oom) {
		c->oom = 1;
		return "";
	}
	char *p = ms_arena_strndup(&c->d->arena, ms_buf_cstr(&c->key), c->key.len);
	if (!p) {
		c->oom = 1;
		return "";
	}
	return p;
}

/* OLD symbol `a` and NEW symbol `b` name the same id (or both none). */
static int same_sym(const dctx *c, uint32_t a, uint32_t b)
{
	return b == MS_NONE ? a == MS_NONE : a != MS_NONE && c->symmap[b] == a;
}

/* Two spans of symbols in the analyses' pools name the same ids, in order. */
static int same_syms(const dctx *c, ms_span a, ms_span b)
{
	if (a.n != b.n)
		return 0;
	for (uint32_t i = 0; i < a.n; i++)
		if (!same_sym(c, MS_APOOL(c->oa, a, i), MS_APOOL(c->na, b, i)))
			return 0;
	return 1;
}

/* Two spans of party or system indices in the analyses' pools, in order. */
static int same_indices(const dctx *c, ms_span a, ms_span b, int parties)
{
	if (a.n != b.n)
		return 0;
	const uint32_t *map = parties ? c->party_map : c->system_map;
	for (uint32_t i = 0; i < a.n; i++)
		if (map[MS_APOOL(c->na, b, i)] != MS_APOOL(c->oa, a, i))
			return 0;
	return 1;
}

/* The agreements meeting requirements o (OLD) and n (NEW): the same cited
 * one and the same list (agreements matched by id). */
static int same_agreements(const dctx *c, const ms_requirement *o, const ms_requirement *n)
{
	if ((o->satisfied_by == MS_NONE) != (n->satisfied_by == MS_NONE) ||
	    (n->satisfied_by != MS_NONE && c->agreement_map[n->satisfied_by] != o->satisfied_by) ||
	    o->satisfied_all.n != n->satisfied_all.n)
		return 0;
	for (uint32_t i = 0; i < n->satisfied_all.n; i++)
		if (c->agreement_map[MS_APOOL(c->na, n->satisfied_all, i)] != MS_APOOL(c->oa, o->satisfied_all, i))
			return 0;
	return 1;
}

/*
 * Match OLD's items to NEW's by identity (idmap.h: both lists sorted by
 * key and merged, so memory is read in order). c->okeys / c->nkeys hold
 * (key, check, index) of the items to match; items of NEW naming something
 * OLD lacks are left out by the caller. omatch/nmatch receive the pairs.
 */
static void match_keyed(dctx *c, size_t on, size_t nn, uint32_t *omatch, uint32_t *nmatch)
{
	ms_keyed_sort(c->okeys, on, c->sort_tmp, c->count);
	ms_keyed_sort(c->nkeys, nn, c->sort_tmp, c->count);
	ms_keyed_match(c->okeys, on, c->nkeys, nn, omatch, nmatch);
}

/* The keyed hash of an identity made of integers (util/hash.h), fed
 * part by part. */
typedef ms_hasher hash2;

static void h2_add(hash2 *h, uint64_t v)
{
	ms_hasher_add(h, v);
}

static hash2 h2_start(uint64_t v)
{
	hash2 h;
	ms_hasher_init(&h);
	ms_hasher_add(&h, v);
	return h;
}

/* 96 bits of the identity (idmap.h): the hash, whose low bits sort, and
 * 32 bits of a second value of it. */
static ms_keyed keyed(hash2 h, uint32_t index)
{
	uint64_t key = ms_hasher_end(&h, 0), check = ms_hasher_end(&h, 0x636865636bull);
	return (ms_keyed){key, (uint32_t)(check >> 32), index};
}

/* ---- §1 scope ----------------------------------------------------------- */

static int same_reasons(const dctx *c, const ms_party_scope *o, const ms_party_scope *n)
{
	if (o->nreasons != n->nreasons)
		return 0;
	for (uint32_t i = 0; i < o->nreasons; i++)
		if (c->oa->reasons.v[o->reason_off + i].rule != c->na->reasons.v[n->reason_off + i].rule)
			return 0;
	return 1;
}

static void push_scope(dctx *c, uint32_t oi, uint32_t ni, unsigned change)
{
	ms_scope_change *s = MS_VEC_PUSH(c->d->scope);
	if (!s) {
		c->oom = 1;
		return;
	}
	s->old_party = oi;
	s->new_party = ni;
	s->change = (uint8_t)change;
	s->key = ni != MS_NONE ? c->nm->parties.v[ni].id : c->om->parties.v[oi].id;
}

static void diff_scope(dctx *c, uint8_t *old_seen)
{
	for (uint32_t ni = 0; ni < c->nm->parties.n; ni++) {
		uint32_t oi = c->party_map[ni];
		const ms_party_scope *n = &c->na->scope[ni];
		const ms_party_scope *o = oi == MS_NONE ? NULL : &c->oa->scope[oi];
		bool was_in = o && o->in_scope;
		if (oi != MS_NONE)
			old_seen[oi] = 1;
		if (!was_in && n->in_scope)
			push_scope(c, oi, ni, MS_SCOPE_ENTERED);
		else if (was_in && !n->in_scope)
			push_scope(c, oi, ni, MS_SCOPE_LEFT);
		else if (was_in && n->category != o->category)
			push_scope(c, oi, ni, MS_SCOPE_CATEGORY);
		else if (o && !same_reasons(c, o, n))
			push_scope(c, oi, ni, MS_SCOPE_REASONS);
	}
	/* A removed party leaves scope if it was in it. */
	for (uint32_t oi = 0; oi < c->om->parties.n; oi++)
		if (!old_seen[oi] && c->oa->scope[oi].in_scope)
			push_scope(c, oi, MS_NONE, MS_SCOPE_LEFT);
}

/* ---- §2 ownership ------------------------------------------------------- */

static void push_own(dctx *c, uint32_t oe, uint32_t ne, unsigned change, unsigned what)
{
	ms_own_change *o = MS_VEC_PUSH(c->d->owners);
	if (!o) {
		c->oom = 1;
		return;
	}
	o->old_entry = oe;
	o->new_entry = ne;
	o->change = (uint8_t)change;
	o->what = (uint8_t)what;
	o->key = NULL;
}

/* What differs between two matched entries (MS_OWN_* bits). */
static unsigned owner_changes(const dctx *c, uint32_t oe, uint32_t ne)
{
	const ms_ownership *o = &c->oa->ownership.v[oe], *n = &c->na->ownership.v[ne];
	unsigned what = 0;
	if (c->party_map[n->owner] != o->owner)
		what |= MS_OWN_OWNER;
	if (o->basis != n->basis)
		what |= MS_OWN_BASIS;
	if (!same_indices(c, o->considered_by, n->considered_by, 1))
		what |= MS_OWN_CONSIDERED;
	return what;
}

static const char *entry_facility(const medscope_analysis *a, uint32_t e)
{
	return a->model->parties.v[a->ownership.v[e].facility].id;
}

/* Each system's entries are in facility-id order (analysis.h): true when
 * that holds for every system of `a`. */
static int entries_in_order(const medscope_analysis *a)
{
	for (size_t s = 0; s < a->model->systems.n; s++) {
		const ms_system_info *si = &a->sysinfo[s];
		for (uint32_t k = 1; k < si->nown; k++)
			if (strcmp(entry_facility(a, si->own_off + k - 1), entry_facility(a, si->own_off + k)) >= 0)
				return 0;
	}
	return 1;
}

/* The entries of OLD system `os` (MS_NONE: none) against those of NEW
 * system `ns` (MS_NONE: none), merged by facility id: the changes come out
 * in facility-id order. */
static void merge_entries(dctx *c, uint32_t os, uint32_t ns)
{
	uint32_t i = 0, j = 0, oi = 0, on = 0, ni = 0, nn = 0;
	if (os != MS_NONE)
		oi = c->oa->sysinfo[os].own_off, on = c->oa->sysinfo[os].nown;
	if (ns != MS_NONE)
		ni = c->na->sysinfo[ns].own_off, nn = c->na->sysinfo[ns].nown;
	while ((i < on || j < nn) && !c->oom) {
		int r = i == on ? 1 : j == nn ? -1
		                  : strcmp(entry_facility(c->oa, oi + i), entry_facility(c->na, ni + j));
		if (r < 0) {
			push_own(c, oi + i++, MS_NONE, MS_CHANGE_REMOVED, 0);
		} else if (r > 0) {
			push_own(c, MS_NONE, ni + j++, MS_CHANGE_ADDED, 0);
		} else {
			unsigned what = owner_changes(c, oi + i, ni + j);
			if (what)
				push_own(c, oi + i, ni + j, MS_CHANGE_CHANGED, what);
			i++, j++;
		}
	}
}

/* Entries are matched by (system id, facility id): the systems of both
 * versions walked together in id order, and each system's entries merged
 * (sequential reads, no hashing). Should an analysis not keep entries in
 * facility order, they are matched through the keyed sort instead. */
static void diff_owners_keyed(dctx *c);

static void diff_owners(dctx *c)
{
	if (!entries_in_order(c->oa) || !entries_in_order(c->na)) {
		diff_owners_keyed(c);
		return;
	}
	size_t i = 0, j = 0, on = c->om->systems.n, nn = c->nm->systems.n;
	while ((i < on || j < nn) && !c->oom) {
		uint32_t os = i < on ? c->oa->system_order[i] : MS_NONE;
		uint32_t ns = j < nn ? c->na->system_order[j] : MS_NONE;
		int r = os == MS_NONE ? 1 : ns == MS_NONE ? -1
		                          : strcmp(c->om->systems.v[os].id, c->nm->systems.v[ns].id);
		merge_entries(c, r <= 0 ? os : MS_NONE, r >= 0 ? ns : MS_NONE);
		i += r <= 0;
		j += r >= 0;
	}
}

static int cmp_own_keyed(const void *pa, const void *pb);

static void diff_owners_keyed(dctx *c)
{
	size_t on = c->oa->ownership.n, nn = c->na->ownership.n, nk = 0;
	uint32_t *omatch = c->omatch, *nmatch = c->nmatch;
	memset(omatch, 0xff, (on + 1) * sizeof(uint32_t));
	memset(nmatch, 0xff, (nn + 1) * sizeof(uint32_t));
	/* An entry is (system, facility), in OLD's indices on both sides. */
	for (uint32_t i = 0; i < on; i++) {
		const ms_ownership *e = &c->oa->ownership.v[i];
		hash2 h = h2_start((uint64_t)e->system << 32 | e->facility);
		c->okeys[i] = keyed(h, i);
	}
	for (uint32_t i = 0; i < nn; i++) {
		const ms_ownership *e = &c->na->ownership.v[i];
		uint32_t sys = c->system_map[e->system], fac = c->party_map[e->facility];
		if (sys == MS_NONE || fac == MS_NONE)
			continue;
		hash2 h = h2_start((uint64_t)sys << 32 | fac);
		c->nkeys[nk++] = keyed(h, i);
	}
	match_keyed(c, on, nk, omatch, nmatch);
	for (uint32_t i = 0; i < nn && !c->oom; i++) {
		unsigned what = nmatch[i] == MS_NONE ? 0 : owner_changes(c, nmatch[i], i);
		if (nmatch[i] == MS_NONE)
			push_own(c, MS_NONE, i, MS_CHANGE_ADDED, 0);
		else if (what)
			push_own(c, nmatch[i], i, MS_CHANGE_CHANGED, what);
	}
	for (uint32_t i = 0; i < on && !c->oom; i++)
		if (omatch[i] == MS_NONE)
			push_own(c, i, MS_NONE, MS_CHANGE_REMOVED, 0);
	/* Then into (system id, facility id) order, as the merge gives it. */
	for (size_t k = 0; k < c->d->owners.n && !c->oom; k++) {
		ms_own_change *o = &c->d->owners.v[k];
		const medscope_analysis *a = o->new_entry != MS_NONE ? c->na : c->oa;
		const ms_ownership *e = &a->ownership.v[o->new_entry != MS_NONE ? o->new_entry : o->old_entry];
		ms_buf_clear(&c->key);
		ms_buf_puts(&c->key, a->model->systems.v[e->system].id);
		ms_buf_putc(&c->key, '\x01');
		ms_buf_puts(&c->key, a->model->parties.v[e->facility].id);
		o->key = keep_key(c);
	}
	if (!c->oom && c->d->owners.n > 1)
		qsort(c->d->owners.v, c->d->owners.n, sizeof(*c->d->owners.v), cmp_own_keyed);
}

static int cmp_own_keyed(const void *a, const void *b)
{
	return strcmp(((const ms_own_change *)a)->key, ((const ms_own_change *)b)->key);
}

/* ---- §3 required agreements -------------------------------------------- */

static const char *contract_name(const medscope_model *m, uint32_t sym)
{
	return sym == MS_NONE ? "" : ms_sym_name(m, sym);
}

/* A requirement's identity in OLD's index space: code, topic, parties and
 * the contract it stems from (then its systems). A requirement of NEW
 * naming something OLD lacks has none: *ok is set to 0. */
typedef struct {
	uint32_t rule_topic, nparties, parties[3], contract;
} req_key;

static req_key req_identity(const dctx *c, const ms_requirement *r, int is_new, int *ok)
{
	req_key k = {(uint32_t)r->rule << 16 | r->topic, r->nparties, {MS_NONE, MS_NONE, MS_NONE}, MS_NONE};
	*ok = 1;
	for (unsigned i = 0; i < r->nparties && i < 3; i++) {
		k.parties[i] = is_new ? c->party_map[r->parties[i]] : r->parties[i];
		if (k.parties[i] == MS_NONE)
			*ok = 0;
	}
	if (r->contract != MS_NONE) {
		k.contract = is_new ? c->symmap[r->contract] : r->contract;
		if (k.contract == MS_NONE)
			*ok = 0;
	}
	return k;
}

static hash2 req_hash(const dctx *c, const ms_requirement *r, int is_new, int with_systems, int *ok)
{
	req_key k = req_identity(c, r, is_new, ok);
	hash2 h = h2_start((uint64_t)k.rule_topic << 32 | k.nparties);
	for (unsigned i = 0; i < 3; i++)
		h2_add(&h, k.parties[i]);
	h2_add(&h, k.contract);
	const medscope_analysis *a = is_new ? c->na : c->oa;
	if (with_systems) {
		h2_add(&h, r->systems.n);
		for (uint32_t i = 0; i < r->systems.n; i++) {
			uint32_t s = MS_APOOL(a, r->systems, i);
			if (is_new && (s = c->system_map[s]) == MS_NONE)
				*ok = 0;
			h2_add(&h, s);
		}
	}
	return h;
}

/* One matching pass over the requirements not matched yet: each of NEW
 * takes the first one of OLD with an equal key. */
static void match_reqs(dctx *c, uint32_t *omatch, uint32_t *nmatch, int with_systems)
{
	size_t on = c->oa->requirements.n, nn = c->na->requirements.n, ok_n = 0, nk = 0;
	ms_keyed *okeys = c->okeys, *nkeys = c->nkeys;
	int ok;
	for (uint32_t i = 0; i < on; i++) {
		if (omatch[i] != MS_NONE)
			continue;
		hash2 h = req_hash(c, &c->oa->requirements.v[i], 0, with_systems, &ok);
		okeys[ok_n++] = keyed(h, i);
	}
	for (uint32_t i = 0; i < nn; i++) {
		if (nmatch[i] != MS_NONE)
			continue;
		hash2 h = req_hash(c, &c->na->requirements.v[i], 1, with_systems, &ok);
		if (ok) /* else it names something OLD does not have */
			nkeys[nk++] = keyed(h, i);
	}
	match_keyed(c, ok_n, nk, omatch, nmatch);
}

static void push_req(dctx *c, uint32_t oi, uint32_t ni, unsigned change, unsigned what)
{
	ms_req_change *r = MS_VEC_PUSH(c->d->reqs);
	if (!r) {
		c->oom = 1;
		return;
	}
	const medscope_model *m = ni != MS_NONE ? c->nm : c->om;
	const ms_requirement *q = ni != MS_NONE ? &c->na->requirements.v[ni] : &c->oa->requirements.v[oi];
	r->old_req = oi;
	r->new_req = ni;
	r->change = (uint8_t)change;
	r->what = (uint8_t)what;
	/* Sorted as the analysis sorts them: parties, then topic, then code. */
	ms_buf_clear(&c->key);
	for (unsigned k = 0; k < q->nparties && k < 3; k++) {
		if (k)
			ms_buf_putc(&c->key, ' ');
		ms_buf_puts(&c->key, m->parties.v[q->parties[k]].id);
	}
	const char *const rest[] = {ms_code(MS_W_TOPIC, q->topic), ms_rules[q->rule].code,
	                            contract_name(m, q->contract)};
	for (size_t k = 0; k < 3; k++) {
		ms_buf_putc(&c->key, '\x01');
		ms_buf_puts(&c->key, rest[k]);
	}
	r->key = keep_key(c);
}

static void diff_reqs(dctx *c)
{
	size_t on = c->oa->requirements.n, nn = c->na->requirements.n;
	uint32_t *omatch = c->omatch, *nmatch = c->nmatch;
	memset(omatch, 0xff, (on + 1) * sizeof(*omatch));
	memset(nmatch, 0xff, (nn + 1) * sizeof(*nmatch));
	/* Exact matches first; then the same requirement over other systems
	 * (F↔A demarcation that now also covers a new system is the same
	 * requirement, changed). */
	match_reqs(c, omatch, nmatch, 1);
	match_reqs(c, omatch, nmatch, 0);
	for (uint32_t i = 0; i < nn && !c->oom; i++) {
		if (nmatch[i] == MS_NONE) {
			push_req(c, MS_NONE, i, MS_REQ_REQUIRED, 0);
			continue;
		}
		const ms_requirement *o = &c->oa->requirements.v[nmatch[i]], *n = &c->na->requirements.v[i];
		bool was = o->satisfied_by != MS_NONE, is = n->satisfied_by != MS_NONE;
		unsigned what = 0;
		if (!same_indices(c, o->systems, n->systems, 0))
			what |= MS_REQ_SYSTEMS;
		if (o->severity != n->severity)
			what |= MS_REQ_SEVERITY;
		if (!same_agreements(c, o, n))
			what |= MS_REQ_SATISFIED_BY;
		if (was != is)
			push_req(c, nmatch[i], i, was ? MS_REQ_NOW_MISSING : MS_REQ_NOW_PRESENT, what);
		else if (what)
			push_req(c, nmatch[i], i, MS_REQ_CHANGED, what);
	}
	for (uint32_t i = 0; i < on && !c->oom; i++)
		if (omatch[i] == MS_NONE)
			push_req(c, i, MS_NONE, MS_REQ_DROPPED, 0);
}

/* ---- findings ----------------------------------------------------------- */

/* Identity of a finding: its code and the ids it is about (never its
 * line), as OLD's symbols; *ok = 0 when NEW's finding names an id OLD lacks. */
static hash2 finding_hash(const dctx *c, const ms_finding *f, int is_new, int *ok)
{
	const medscope_analysis *a = is_new ? c->na : c->oa;
	hash2 h = h2_start((uint64_t)f->rule << 32 | f->subjects.n);
	*ok = 1;
	for (uint32_t k = 0; k < f->subjects.n; k++) {
		uint32_t s = MS_APOOL(a, f->subjects, k);
		if (is_new && (s = c->symmap[s]) == MS_NONE)
			*ok = 0;
		h2_add(&h, s);
	}
	return h;
}

/* A symbol of the finding's side as OLD's symbol (MS_NONE stays MS_NONE);
 * *ok = 0 when NEW's symbol has no counterpart. */
static uint32_t as_old(const dctx *c, uint32_t s, int is_new, int *ok)
{
	if (!is_new || s == MS_NONE)
		return s;
	if (c->symmap[s] == MS_NONE)
		*ok = 0;
	return c->symmap[s];
}

static void h2_syms(const dctx *c, hash2 *h, const medscope_analysis *a, ms_span sp, int is_new,
                    int *ok)
{
	h2_add(h, sp.n);
	for (uint32_t k = 0; k < sp.n; k++)
		h2_add(h, as_old(c, MS_APOOL(a, sp, k), is_new, ok));
}

/* The identity and everything the finding says (severity, every message
 * argument): two findings with equal full hashes read the same. */
static hash2 finding_full_hash(const dctx *c, const ms_finding *f, int is_new, int *ok)
{
	const medscope_analysis *a = is_new ? c->na : c->oa;
	const ms_args *g = &f->args;
	hash2 h = finding_hash(c, f, is_new, ok);
	const uint32_t syms[] = {g->facility, g->party, g->other, g->system, g->contract,
	                         g->agreement, g->risk, g->exception, g->near};
	h2_add(&h, f->severity);
	for (size_t k = 0; k < sizeof syms / sizeof *syms; k++)
		h2_add(&h, as_old(c, syms[k], is_new, ok));
	h2_syms(c, &h, a, g->systems, is_new, ok);
	h2_syms(c, &h, a, g->via, is_new, ok);
	h2_syms(c, &h, a, g->facilities, is_new, ok);
	h2_syms(c, &h, a, g->lacks, is_new, ok);
	h2_add(&h, (uint64_t)g->lack << 48 ^ (uint64_t)(uint32_t)g->date << 16 ^
	                   (uint64_t)(uint16_t)g->scheme);
	h2_add(&h, (uint64_t)(uint32_t)g->code);
	return h;
}

/* The message's arguments name the same things (so the text is the same). */
static int same_args(const dctx *c, const ms_args *o, const ms_args *n)
{
	return same_sym(c, o->facility, n->facility) && same_sym(c, o->party, n->party) &&
	       same_sym(c, o->other, n->other) && same_sym(c, o->system, n->system) &&
	       same_sym(c, o->contract, n->contract) && same_sym(c, o->agreement, n->agreement) &&
	       same_sym(c, o->risk, n->risk) && same_syms(c, o->systems, n->systems) &&
	       same_syms(c, o->via, n->via) && same_syms(c, o->facilities, n->facilities) &&
	       o->date == n->date && o->scheme == n->scheme;
}

static void diff_findings(dctx *c)
{
	medscope_diff *d = c->d;
	size_t on = c->oa->findings.n, nn = c->na->findings.n, nk = 0;
	ms_keyed *okeys = c->okeys, *nkeys = c->nkeys;
	uint32_t *omatch = c->omatch;
	d->state = malloc(nn + 1);
	d->match = malloc((nn + 1) * sizeof(*d->match));
	d->supp = calloc(nn + 1, 1);
	int ok;
	if (!d->state || !d->match || !d->supp) {
		c->oom = 1;
		return;
	}
	memset(omatch, 0xff, (on + 1) * sizeof(uint32_t));
	memset(d->match, 0xff, (nn + 1) * sizeof(uint32_t));
	/* Two passes, as for requirements: findings that say the same thing
	 * pair first, so that two findings with one identity (a party's two
	 * expired certificates) never pair by their order in the file; then
	 * the rest by identity alone (those are updated). */
	for (int full = 1; full >= 0; full--) {
		size_t ok_n = 0;
		nk = 0;
		for (uint32_t i = 0; i < on; i++) {
			if (omatch[i] != MS_NONE)
				continue;
			const ms_finding *f = &c->oa->findings.v[i];
			hash2 h = full ? finding_full_hash(c, f, 0, &ok) : finding_hash(c, f, 0, &ok);
			okeys[ok_n++] = keyed(h, i);
		}
		for (uint32_t i = 0; i < nn; i++) {
			if (d->match[i] != MS_NONE)
				continue;
			const ms_finding *f = &c->na->findings.v[i];
			hash2 h = full ? finding_full_hash(c, f, 1, &ok) : finding_hash(c, f, 1, &ok);
			if (ok)
				nkeys[nk++] = keyed(h, i);
		}
		match_keyed(c, ok_n, nk, omatch, d->match);
	}
	for (uint32_t i = 0; i < nn; i++) {
		const ms_finding *n = &c->na->findings.v[i];
		uint32_t match = d->match[i];
		unsigned state = MS_BASE_NEW;
		if (match != MS_NONE) {
			const ms_finding *o = &c->oa->findings.v[match];
			/* The baseline state ignores suppression (SARIF: an accepted
			 * result is still the same result); that change is its own. */
			state = o->severity == n->severity && same_args(c, &o->args, &n->args)
			                ? MS_BASE_UNCHANGED
			                : MS_BASE_UPDATED;
			bool was = o->exception != MS_NONE, is = n->exception != MS_NONE;
			d->supp[i] = (uint8_t)(was == is ? MS_SUPP_SAME : is ? MS_SUPP_NOW : MS_SUPP_NO_LONGER);
			d->nsupp[d->supp[i]]++;
		}
		d->state[i] = (uint8_t)state;
		d->nstate[state]++;
		if (state != MS_BASE_UNCHANGED) {
			if (n->exception != MS_NONE)
				d->introduced_suppressed++;
			else
				d->introduced[n->severity & 3]++;
		} else if (d->supp[i] == MS_SUPP_NO_LONGER) {
			/* Back in the gate (an exception expired or was withdrawn):
			 * the change brings it to --fail-on as much as a new one. */
			d->introduced[n->severity & 3]++;
		}
	}
	for (uint32_t i = 0; i < on && !c->oom; i++) {
		if (omatch[i] != MS_NONE)
			continue;
		uint32_t *r = MS_VEC_PUSH(d->resolved);
		if (!r) {
			c->oom = 1;
			break;
		}
		*r = i;
		d->nstate[MS_BASE_ABSENT]++;
	}
}

/* ---- all of it ------------------------------------------------------------ */

static int cmp_scope(const void *a, const void *b)
{
	return strcmp(((const ms_scope_change *)a)->key, ((const ms_scope_change *)b)->key);
}

static int cmp_req(const void *pa, const void *pb)
{
	const ms_req_change *a = pa, *b = pb;
	int r = strcmp(a->key, b->key);
	if (r)
		return r;
	/* Same identity on both sides can only be a dropped and a required one. */
	return (a->change > b->change) - (a->change < b->change);
}

medscope_status ms_diff_analysis(medscope_diff *d, const uint32_t *symmap,
                                 uint32_t *const maps[MS_ELEM__COUNT])
{
	const medscope_analysis *oa = d->old_a, *na = d->new_a;
	dctx c = {d, oa, na, oa->model, na->model, symmap, maps[MS_ELEM_PARTY], maps[MS_ELEM_SYSTEM],
	          maps[MS_ELEM_AGREEMENT], MS_BUF_INIT, NULL, NULL, NULL, NULL, NULL, NULL, 0};
	/* Scratch for every pass, sized for the longest list. */
	size_t most = 1;
	const size_t sizes[] = {oa->ownership.n,    na->ownership.n, oa->requirements.n,
	                        na->requirements.n, oa->findings.n,  na->findings.n};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (sizes[i] + 1 > most)
			most = sizes[i] + 1;
	uint8_t *old_seen = calloc(oa->model->parties.n + 1, 1);
	c.okeys = malloc(most * sizeof(ms_keyed));
	c.nkeys = malloc(most * sizeof(ms_keyed));
	c.sort_tmp = malloc(most * sizeof(ms_keyed));
	c.omatch = malloc(most * sizeof(uint32_t));
	c.nmatch = malloc(most * sizeof(uint32_t));
	c.count = malloc(MS_KEYED_COUNT * sizeof(uint32_t));
	if (!old_seen || !c.okeys || !c.nkeys || !c.sort_tmp || !c.omatch || !c.nmatch || !c.count)
		c.oom = 1;
	if (!c.oom)
		diff_scope(&c, old_seen);
	if (!c.oom)
		diff_owners(&c);
	if (!c.oom)
		diff_reqs(&c);
	if (!c.oom)
		diff_findings(&c);
	if (!c.oom && d->scope.n > 1)
		qsort(d->scope.v, d->scope.n, sizeof(*d->scope.v), cmp_scope);
	if (!c.oom && d->reqs.n > 1)
		qsort(d->reqs.v, d->reqs.n, sizeof(*d->reqs.v), cmp_req);
	free(old_seen);
	free(c.okeys);
	free(c.nkeys);
	free(c.sort_tmp);
	free(c.omatch);
	free(c.nmatch);
	free(c.count);
	ms_buf_free(&c.key);
	return c.oom ? MEDSCOPE_ERR_NOMEM : MEDSCOPE_OK;
}
