/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diff, first half: the model's own elements. Each element of NEW
 * is matched by id to the element of the same kind in OLD (through the
 * symbol map diff.c builds with one look-up per id, so the pass is
 * linear); certifications, which have no id, are matched by party and
 * scheme. Matched elements are compared attribute by
 * attribute, with values as model.md spells them.
 */
#include <stdlib.h>
#include <string.h>

#include "change/diff.h"
#include "util/date.h"
#include "util/sort.h"

typedef struct {
	medscope_diff *d;
	const medscope_model *om, *nm;
	const uint32_t *symmap;       /* NEW symbol -> OLD symbol of the same kind */
	ms_buf ob, nb;                /* scratch for formatted values */
	MS_VEC(const char *) ids;     /* scratch for sorting id lists */
	int oom;
} ctx;

static const char *keep(ctx *c, const char *s)
{
	if (!s)
		return NULL;
	char *p = ms_arena_strndup(&c->d->arena, s, strlen(s));
	if (!p)
		c->oom = 1;
	return p;
}

static void record(ctx *c, const char *name, const char *ov, const char *nv)
{
	ms_attr_change *a = MS_VEC_PUSH(c->d->attrs);
	if (!a) {
		c->oom = 1;
		return;
	}
	a->name = name;
	a->old_value = keep(c, ov);
	a->new_value = keep(c, nv);
}

/* "" and NULL both mean "absent" (the model keeps "" for a missing name). */
static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static int same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static const char *party_id(const medscope_model *m, uint32_t i)
{
	return i == MS_NONE ? NULL : m->parties.v[i].id;
}

static const char *system_id(const medscope_model *m, uint32_t i)
{
	return i == MS_NONE ? NULL : m->systems.v[i].id;
}

/* ---- one attribute ------------------------------------------------------ */

static void attr_str(ctx *c, const char *name, const char *o, const char *n)
{
	o = nz(o);
	n = nz(n);
	if (!same(o, n))
		record(c, name, o, n);
}

static void attr_party(ctx *c, const char *name, uint32_t o, uint32_t n)
{
	attr_str(c, name, party_id(c->om, o), party_id(c->nm, n));
}

static void attr_enum(ctx *c, const char *name, unsigned o, unsigned n,
                      ms_word_kind kind)
{
	if (o != n)
		record(c, name, ms_code(kind, o), ms_code(kind, n));
}

static void attr_bool(ctx *c, const char *name, bool o, bool n)
{
	if (o != n)
		record(c, name, o ? "true" : "false", n ? "true" : "false");
}

static void attr_date(ctx *c, const char *name, int32_t o, int32_t n)
{
	if (o == n)
		return;
	char ot[11], nt[11];
	if (o != MS_NO_DATE)
		ms_date_format(o, ot);
	if (n != MS_NO_DATE)
		ms_date_format(n, nt);
	record(c, name, o == MS_NO_DATE ? NULL : ot, n == MS_NO_DATE ? NULL : nt);
}

/* A bit set as its names, lowest bit first ("service maintenance"). */
static const char *bits_text(ms_buf *b, unsigned v, ms_word_kind kind)
{
	ms_buf_clear(b);
	for (unsigned bit = 1; bit && bit <= v; bit <<= 1) {
		if (!(v & bit))
			continue;
		if (b->len)
			ms_buf_putc(b, ' ');
		ms_buf_puts(b, ms_code(kind, bit));
	}
	return b->len ? ms_buf_cstr(b) : NULL;
}

static void attr_bits(ctx *c, const char *name, unsigned o, unsigned n,
                      ms_word_kind kind)
{
	if (o == n)
		return;
	bits_text(&c->ob, o, kind);
	bits_text(&c->nb, n, kind);
	record(c, name, c->ob.len ? ms_buf_cstr(&c->ob) : NULL, c->nb.len ? ms_buf_cstr(&c->nb) : NULL);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of a span of party or system indices, sorted, space-separated. */

/* c->ids sorted and written to `b` once each, space-separated: a list
 * names each id once in effect; repeats say nothing more. */
static void put_ids_sorted(ctx *c, ms_buf *b)
{
	if (c->ids.n > 1)
		qsort(c->ids.v, c->ids.n, sizeof(*c->ids.v), cmp_cstr);
	ms_buf_clear(b);
	for (size_t i = 0; i < c->ids.n; i++) {
		if (i && strcmp(c->ids.v[i], c->ids.v[i - 1]) == 0)
			continue;
		if (b->len)
			ms_buf_putc(b, ' ');
		ms_buf_puts(b, c->ids.v[i]);
	}
}

static void idset_text(ctx *c, ms_buf *b, const medscope_model *m, ms_span span, int parties)
{
	c->ids.n = 0;
	for (uint32_t i = 0; i < span.n; i++) {
		const char **p = MS_VEC_PUSH(c->ids);
		if (!p) {
			c->oom = 1;
			return;
		}
		uint32_t k = MS_SPAN_AT(m, span, i);
		*p = parties ? m->parties.v[k].id : m->systems.v[k].id;
	}
	put_ids_sorted(c, b);
}

/* An id list compared as a set. `*_present` false = the attribute is absent
 * (an agreement without `covers`). */
static void attr_idset(ctx *c, const char *name, ms_span o, bool o_present, ms_span n,
                       bool n_present, int parties)
{
	if (o_present == n_present && o.n == n.n) {
		/* The common case: the same ids in the same order. */
		uint32_t i = 0;
		for (; i < o.n; i++) {
			uint32_t a = MS_SPAN_AT(c->om, o, i), b = MS_SPAN_AT(c->nm, n, i);
			if (strcmp(parties ? party_id(c->om, a) : system_id(c->om, a),
			           parties ? party_id(c->nm, b) : system_id(c->nm, b)) != 0)
				break;
		}
		if (i == o.n)
			return;
	}
	idset_text(c, &c->ob, c->om, o, parties);
	idset_text(c, &c->nb, c->nm, n, parties);
	if (o_present == n_present && strcmp(ms_buf_cstr(&c->ob), ms_buf_cstr(&c->nb)) == 0)
		return;
	/* An empty list reads as absent ("agreed-with" with nobody). */
	record(c, name, o_present && c->ob.len ? ms_buf_cstr(&c->ob) : NULL,
	       n_present && c->nb.len ? ms_buf_cstr(&c->nb) : NULL);
}

/* runs-on / connects-to children as "id" or "id(known=false)" / "id(api=true)",
 * sorted; the flag is shown only where it differs from the default. */
static void edges_text(ctx *c, ms_buf *b, const medscope_model *m, uint32_t off, uint32_t n,
                       const char *flag, bool deflt)
{
	ms_buf tmp = MS_BUF_INIT;
	c->ids.n = 0;
	for (uint32_t i = 0; i < n; i++) {
		const ms_edge *e = &m->edges.v[off + i];
		const char **p = MS_VEC_PUSH(c->ids);
		if (!p) {
			c->oom = 1;
			break;
		}
		*p = m->systems.v[e->target].id;
		if (e->flag != deflt) {
			ms_buf_clear(&tmp);
			ms_buf_printf(&tmp, "%s(%s=%s)", *p, flag, e->flag ? "true" : "false");
			*p = keep(c, ms_buf_cstr(&tmp));
			if (!*p)
				*p = "";
		}
	}
	ms_buf_free(&tmp);
	if (c->ids.n > 1)
		qsort(c->ids.v, c->ids.n, sizeof(*c->ids.v), cmp_cstr);
	ms_buf_clear(b);
	for (size_t i = 0; i < c->ids.n; i++) {
		if (b->len)
			ms_buf_putc(b, ' ');
		ms_buf_puts(b, c->ids.v[i]);
	}
}

static void attr_edges(ctx *c, const char *name, uint32_t ooff, uint32_t on, uint32_t noff,
                       uint32_t nn, const char *flag, bool deflt)
{
	if (on == nn) {
		uint32_t i = 0;
		for (; i < on; i++) {
			const ms_edge *a = &c->om->edges.v[ooff + i], *b = &c->nm->edges.v[noff + i];
			if (a->flag != b->flag ||
			    strcmp(c->om->systems.v[a->target].id, c->nm->systems.v[b->target].id) != 0)
				break;
		}
		if (i == on)
			return;
	}
	edges_text(c, &c->ob, c->om, ooff, on, flag, deflt);
	edges_text(c, &c->nb, c->nm, noff, nn, flag, deflt);
	if (strcmp(ms_buf_cstr(&c->ob), ms_buf_cstr(&c->nb)) != 0)
		record(c, name, c->ob.len ? ms_buf_cstr(&c->ob) : NULL,
		       c->nb.len ? ms_buf_cstr(&c->nb) : NULL);
}

/* ---- one element, attribute by attribute (model.md names) --------------- */

static void cmp_party(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_party *o = &c->om->parties.v[oi], *n = &c->nm->parties.v[ni];
	attr_enum(c, "kind", o->kind, n->kind, MS_W_PARTY_KIND);
	attr_str(c, "name", o->name, n->name);
	if (o->kind == MS_PARTY_FACILITY && n->kind == MS_PARTY_FACILITY)
		attr_enum(c, "type", o->facility_type, n->facility_type, MS_W_FACILITY_TYPE);
	attr_str(c, "role", o->role, n->role);
	if (o->kind == MS_PARTY_NETWORK_OPERATOR && n->kind == MS_PARTY_NETWORK_OPERATOR)
		attr_bool(c, "manages-medical-info", o->manages_medical_info, n->manages_medical_info);
}

static void cmp_system(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_system *o = &c->om->systems.v[oi], *n = &c->nm->systems.v[ni];
	attr_str(c, "name", o->name, n->name);
	attr_party(c, "provider", o->provider, n->provider);
	attr_enum(c, "layer", o->layer, n->layer, MS_W_LAYER);
	attr_bits(c, "data", o->data, n->data, MS_W_DATA);
	attr_enum(c, "location", o->location, n->location, MS_W_LOCATION);
	attr_enum(c, "data-region", o->region, n->region, MS_W_REGION);
	attr_bool(c, "external-storage", o->external_storage, n->external_storage);
	attr_edges(c, "runs-on", o->runs_off, o->nruns, n->runs_off, n->nruns, "known", true);
	attr_edges(c, "connects-to", o->conn_off, o->nconn, n->conn_off, n->nconn, "api", false);
}

static void cmp_contract(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_contract *o = &c->om->contracts.v[oi], *n = &c->nm->contracts.v[ni];
	attr_str(c, "name", o->name, n->name);
	attr_party(c, "client", o->client, n->client);
	attr_party(c, "supplier", o->supplier, n->supplier);
	attr_party(c, "selected-by", o->selected_by, n->selected_by);
	attr_bits(c, "type", o->types, n->types, MS_W_CONTRACT_TYPE);
	attr_idset(c, "covers", o->covers, true, n->covers, true, 0);
	attr_date(c, "date", o->date, n->date);
}

static void cmp_agreement(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_agreement *o = &c->om->agreements.v[oi], *n = &c->nm->agreements.v[ni];
	attr_idset(c, "parties", o->parties, true, n->parties, true, 1);
	attr_bits(c, "topics", o->topics, n->topics, MS_W_TOPIC);
	attr_idset(c, "covers", o->covers, o->has_covers, n->covers, n->has_covers, 0);
	attr_date(c, "date", o->date, n->date);
	attr_date(c, "review-by", o->review_by, n->review_by);
	attr_str(c, "document", o->document, n->document);
	attr_bool(c, "documented", o->documented, n->documented);
}

static const char *flow_end(const medscope_model *m, uint32_t i, bool is_system)
{
	return is_system ? system_id(m, i) : party_id(m, i);
}

static void cmp_flow(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_flow *o = &c->om->flows.v[oi], *n = &c->nm->flows.v[ni];
	attr_str(c, "from", flow_end(c->om, o->from, o->from_is_system),
	         flow_end(c->nm, n->from, n->from_is_system));
	attr_str(c, "to", flow_end(c->om, o->to, o->to_is_system), flow_end(c->nm, n->to, n->to_is_system));
	attr_bits(c, "data", o->data, n->data, MS_W_DATA);
	attr_enum(c, "basis", o->basis, n->basis, MS_W_BASIS);
}

static void cmp_risk(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_risk *o = &c->om->risks.v[oi], *n = &c->nm->risks.v[ni];
	attr_str(c, "system", system_id(c->om, o->system), system_id(c->nm, n->system));
	attr_party(c, "owner", o->owner, n->owner);
	attr_enum(c, "treatment", o->treatment, n->treatment, MS_W_TREATMENT);
	attr_enum(c, "level", o->level, n->level, MS_W_LEVEL);
	attr_idset(c, "agreed-with", o->agreed_with, true, n->agreed_with, true, 1);
	attr_date(c, "reviewed", o->reviewed, n->reviewed);
	attr_str(c, "description", o->text, n->text);
}

/* The ids of a span of symbols (an exception's subjects), sorted. */
static void symset_text(ctx *c, ms_buf *b, const medscope_model *m, ms_span span)
{
	c->ids.n = 0;
	for (uint32_t i = 0; i < span.n; i++) {
		const char **p = MS_VEC_PUSH(c->ids);
		if (!p) {
			c->oom = 1;
			return;
		}
		*p = ms_sym_name(m, MS_SPAN_AT(m, span, i));
	}
	put_ids_sorted(c, b);
}

static void cmp_exception(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_exception *o = &c->om->exceptions.v[oi], *n = &c->nm->exceptions.v[ni];
	attr_str(c, "code", ms_rules[o->code].code, ms_rules[n->code].code);
	symset_text(c, &c->ob, c->om, o->subjects);
	symset_text(c, &c->nb, c->nm, n->subjects);
	if (strcmp(ms_buf_cstr(&c->ob), ms_buf_cstr(&c->nb)) != 0)
		record(c, "subjects", ms_buf_cstr(&c->ob), ms_buf_cstr(&c->nb));
	attr_idset(c, "approved-by", o->approved_by, true, n->approved_by, true, 1);
	attr_str(c, "reason", o->reason, n->reason);
	attr_date(c, "until", o->until, n->until);
	attr_date(c, "date", o->date, n->date);
	attr_str(c, "document", o->document, n->document);
	attr_str(c, "justification", o->text, n->text);
}

static void cmp_cert(ctx *c, uint32_t oi, uint32_t ni)
{
	const ms_cert *o = &c->om->certs.v[oi], *n = &c->nm->certs.v[ni];
	attr_date(c, "valid-until", o->valid_until, n->valid_until);
	attr_str(c, "note", o->note, n->note);
}

/* ---- matching ----------------------------------------------------------- */

static void (*const compare[MS_ELEM__COUNT])(ctx *c, uint32_t oi, uint32_t ni) = {
	[MS_ELEM_PARTY] = cmp_party,
	[MS_ELEM_SYSTEM] = cmp_system,
	[MS_ELEM_CONTRACT] = cmp_contract,
	[MS_ELEM_AGREEMENT] = cmp_agreement,
	[MS_ELEM_FLOW] = cmp_flow,
	[MS_ELEM_RISK] = cmp_risk,
	[MS_ELEM_EXCEPTION] = cmp_exception,
	[MS_ELEM_CERT] = cmp_cert,
};

static size_t count_of(const medscope_model *m, unsigned kind)
{
	switch (kind) {
	case MS_ELEM_PARTY: return m->parties.n;
	case MS_ELEM_SYSTEM: return m->systems.n;
	case MS_ELEM_CONTRACT: return m->contracts.n;
	case MS_ELEM_AGREEMENT: return m->agreements.n;
	case MS_ELEM_FLOW: return m->flows.n;
	case MS_ELEM_RISK: return m->risks.n;
	case MS_ELEM_EXCEPTION: return m->exceptions.n;
	default: return m->certs.n;
	}
}

static const char *id_of(const medscope_model *m, unsigned kind, uint32_t i)
{
	switch (kind) {
	case MS_ELEM_PARTY: return m->parties.v[i].id;
	case MS_ELEM_SYSTEM: return m->systems.v[i].id;
	case MS_ELEM_CONTRACT: return m->contracts.v[i].id;
	case MS_ELEM_AGREEMENT: return m->agreements.v[i].id;
	case MS_ELEM_FLOW: return m->flows.v[i].id;
	case MS_ELEM_EXCEPTION: return m->exceptions.v[i].id;
	default: return m->risks.v[i].id;
	}
}

static uint32_t sym_of(const medscope_model *m, unsigned kind, uint32_t i)
{
	switch (kind) {
	case MS_ELEM_PARTY: return m->parties.v[i].sym;
	case MS_ELEM_SYSTEM: return m->systems.v[i].sym;
	case MS_ELEM_CONTRACT: return m->contracts.v[i].sym;
	case MS_ELEM_AGREEMENT: return m->agreements.v[i].sym;
	case MS_ELEM_FLOW: return m->flows.v[i].sym;
	case MS_ELEM_EXCEPTION: return m->exceptions.v[i].sym;
	default: return m->risks.v[i].sym;
	}
}

static ms_elem_change *push_elem(ctx *c, unsigned kind, unsigned change, uint32_t oi,
                                 uint32_t ni, const char *key)
{
	ms_elem_change *e = MS_VEC_PUSH(c->d->elems);
	if (!e) {
		c->oom = 1;
		return NULL;
	}
	e->kind = (uint8_t)kind;
	e->change = (uint8_t)change;
	e->old_index = oi;
	e->new_index = ni;
	e->old_party = e->new_party = MS_NONE;
	e->key = key;
	e->attr_off = (uint32_t)c->d->attrs.n;
	return e;
}

/* Compare (oi, ni) and record a change when an attribute differs. */
static ms_elem_change *compare_pair(ctx *c, unsigned kind, uint32_t oi, uint32_t ni,
                                    const char *key)
{
	size_t before = c->d->attrs.n;
	compare[kind](c, oi, ni);
	if (c->d->attrs.n == before)
		return NULL;
	ms_elem_change *e = push_elem(c, kind, MS_CHANGE_CHANGED, oi, ni, key);
	if (e) {
		e->attr_off = (uint32_t)before;
		e->nattr = (uint32_t)(c->d->attrs.n - before);
	}
	return e;
}

/* rules.md §5: past `until` at NEW's as-of, not yet at OLD's. An added
 * exception that is already past is only "added" (and its finding new). */
static bool newly_expired(const ctx *c, uint32_t oi, uint32_t ni)
{
	const medscope_analysis *oa = c->d->old_a, *na = c->d->new_a;
	return na->as_of > c->nm->exceptions.v[ni].until && oa->as_of <= c->om->exceptions.v[oi].until;
}

/* Match every element of one kind by id; `map` (may be NULL) receives, for
 * each element of NEW, its match in OLD. */
static void match_kind(ctx *c, unsigned kind, uint32_t *map)
{
	size_t nn = count_of(c->nm, kind), on = count_of(c->om, kind);
	uint8_t *seen = calloc(on ? on : 1, 1);
	if (!seen) {
		c->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < nn && !c->oom; i++) {
		const char *id = id_of(c->nm, kind, i);
		uint32_t s = c->symmap[sym_of(c->nm, kind, i)];
		uint32_t oi = s == MS_NONE ? MS_NONE : c->om->syms.v[s].index;
		if (map)
			map[i] = oi;
		if (oi == MS_NONE) {
			push_elem(c, kind, MS_CHANGE_ADDED, MS_NONE, i, id);
			continue;
		}
		seen[oi] = 1;
		compare_pair(c, kind, oi, i, id);
		if (kind == MS_ELEM_EXCEPTION && newly_expired(c, oi, i))
			push_elem(c, kind, MS_CHANGE_EXPIRED, oi, i, id);
	}
	for (uint32_t i = 0; i < on && !c->oom; i++)
		if (!seen[i])
			push_elem(c, kind, MS_CHANGE_REMOVED, i, MS_NONE, id_of(c->om, kind, i));
	free(seen);
}

/* Certificates have no id: a party's certificates are put in content
 * order (scheme, valid-until, note), so that their numbering and pairing
 * depend on what they say, never on their order in the file. */
static int cmp_cert_content(const ms_cert *a, const ms_cert *b)
{
	if (a->scheme != b->scheme)
		return a->scheme < b->scheme ? -1 : 1;
	if (a->valid_until != b->valid_until)
		return a->valid_until < b->valid_until ? -1 : 1;
	if (!a->note || !b->note)
		return (a->note != NULL) - (b->note != NULL);
	return strcmp(a->note, b->note);
}

static int cmp_cert_index(const void *model, uint32_t x, uint32_t y)
{
	const medscope_model *m = model;
	return cmp_cert_content(&m->certs.v[x], &m->certs.v[y]);
}

/* v[0..p->ncert) := p's certificates in content order. */
static int sorted_certs(const medscope_model *m, const ms_party *p, uint32_t *v)
{
	for (uint32_t i = 0; i < p->ncert; i++)
		v[i] = p->cert_off + i;
	return ms_sort_u32(v, p->ncert, cmp_cert_index, m);
}

/* "party/scheme", "#k" added for the k-th (1-based) certificate of that
 * scheme in content order when k > 1. */
static const char *cert_key(ctx *c, const char *party, unsigned scheme, uint32_t k)
{
	ms_buf_clear(&c->ob);
	ms_buf_printf(&c->ob, "%s/%s", party, ms_code(MS_W_CERT_SCHEME, scheme));
	if (k)
		ms_buf_printf(&c->ob, "#%u", (unsigned)k + 1);
	return keep(c, ms_buf_cstr(&c->ob));
}

/* The certificates of one scheme of a party present in both versions:
 * ov[0..on) and nv[0..nn), each in content order. Identical certificates
 * pair first (a reordering changes nothing), the rest pair in content
 * order and are compared; what is left over was added or removed. */
static void match_scheme(ctx *c, unsigned scheme, uint32_t oi, uint32_t ni, const uint32_t *ov, size_t on,
                         const uint32_t *nv, size_t nn, uint8_t *omark, uint8_t *nmark)
{
	const medscope_model *om = c->om, *nm = c->nm;
	memset(omark, 0, on);
	memset(nmark, 0, nn);
	for (size_t i = 0, j = 0; i < on && j < nn;) {
		int r = cmp_cert_content(&om->certs.v[ov[i]], &nm->certs.v[nv[j]]);
		if (r == 0)
			omark[i++] = nmark[j++] = 1;
		else if (r < 0)
			i++;
		else
			j++;
	}
	const char *pid = nm->parties.v[ni].id;
	size_t i = 0, j = 0;
	for (;;) {
		while (i < on && omark[i])
			i++;
		while (j < nn && nmark[j])
			j++;
		if (j == nn)
			break;
		const char *key = cert_key(c, pid, scheme, (uint32_t)j);
		ms_elem_change *e = i == on ? push_elem(c, MS_ELEM_CERT, MS_CHANGE_ADDED, MS_NONE, nv[j], key)
		                            : compare_pair(c, MS_ELEM_CERT, ov[i], nv[j], key);
		if (e)
			e->old_party = i == on ? MS_NONE : oi, e->new_party = ni;
		if (i < on)
			i++;
		j++;
		if (c->oom)
			return;
	}
	for (; i < on && !c->oom; i++) {
		if (omark[i])
			continue;
		ms_elem_change *e = push_elem(c, MS_ELEM_CERT, MS_CHANGE_REMOVED, ov[i], MS_NONE,
		                              cert_key(c, om->parties.v[oi].id, scheme, (uint32_t)i));
		if (e)
			e->old_party = oi;
	}
}

/* Certifications of the parties present in both versions, matched scheme
 * by scheme (match_scheme). The certificates of an added or removed party
 * go with the party. */
static void match_certs(ctx *c, const uint32_t *party_map)
{
	size_t most = 1;
	for (uint32_t i = 0; i < c->om->parties.n; i++)
		if (c->om->parties.v[i].ncert > most)
			most = c->om->parties.v[i].ncert;
	for (uint32_t i = 0; i < c->nm->parties.n; i++)
		if (c->nm->parties.v[i].ncert > most)
			most = c->nm->parties.v[i].ncert;
	uint32_t *ov = malloc(most * sizeof(*ov)), *nv = malloc(most * sizeof(*nv));
	uint8_t *omark = malloc(most), *nmark = malloc(most);
	if (!ov || !nv || !omark || !nmark)
		c->oom = 1;
	for (uint32_t ni = 0; ni < c->nm->parties.n && !c->oom; ni++) {
		uint32_t oi = party_map[ni];
		if (oi == MS_NONE)
			continue;
		const ms_party *np = &c->nm->parties.v[ni], *op = &c->om->parties.v[oi];
		if (sorted_certs(c->om, op, ov) || sorted_certs(c->nm, np, nv)) {
			c->oom = 1;
			break;
		}
		/* One scheme at a time: the runs of equal scheme in both lists. */
		size_t i = 0, j = 0;
		while ((i < op->ncert || j < np->ncert) && !c->oom) {
			unsigned os = i < op->ncert ? c->om->certs.v[ov[i]].scheme : 256;
			unsigned ns = j < np->ncert ? c->nm->certs.v[nv[j]].scheme : 256;
			unsigned s = os < ns ? os : ns;
			size_t ie = i, je = j;
			while (ie < op->ncert && c->om->certs.v[ov[ie]].scheme == s)
				ie++;
			while (je < np->ncert && c->nm->certs.v[nv[je]].scheme == s)
				je++;
			if (je > j)
				match_scheme(c, s, oi, ni, ov + i, ie - i, nv + j, je - j, omark, nmark);
			else
				for (size_t k = i; k < ie && !c->oom; k++) {
					ms_elem_change *e = push_elem(c, MS_ELEM_CERT, MS_CHANGE_REMOVED, ov[k], MS_NONE,
					                              cert_key(c, op->id, s, (uint32_t)(k - i)));
					if (e)
						e->old_party = oi;
				}
			i = ie, j = je;
		}
	}
	free(ov);
	free(nv);
	free(omark);
	free(nmark);
}

static int cmp_elem(const void *pa, const void *pb)
{
	const ms_elem_change *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->change != b->change)
		return a->change < b->change ? -1 : 1;
	return strcmp(a->key, b->key);
}

medscope_status ms_diff_model(medscope_diff *d, const uint32_t *symmap,
                              uint32_t *maps[MS_ELEM__COUNT])
{
	ctx c = {d, d->old_a->model, d->new_a->model, symmap, MS_BUF_INIT, MS_BUF_INIT, {NULL, 0, 0}, 0};
	for (unsigned kind = 0; kind < MS_ELEM_CERT && !c.oom; kind++)
		match_kind(&c, kind, maps[kind]);
	if (!c.oom)
		match_certs(&c, maps[MS_ELEM_PARTY]);
	if (c.ob.oom || c.nb.oom)
		c.oom = 1;
	ms_buf_free(&c.ob);
	ms_buf_free(&c.nb);
	MS_VEC_FREE(c.ids);
	if (c.oom)
		return MEDSCOPE_ERR_NOMEM;
	/* A key is never NULL here: a failed keep() set oom above. */
	if (d->elems.n > 1)
		qsort(d->elems.v, d->elems.n, sizeof(*d->elems.v), cmp_elem);
	return MEDSCOPE_OK;
}
