/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope impact` as readable text: what depends on the target, whom it
 * is served to, who owns risk management of it, and who must notify whom
 * (FAQ 2.1). Long lists stop after a screenful with a count of the rest;
 * --format json or csv gives every row.
 */
#include <stdlib.h>
#include <string.h>

#include "change/impact.h"
#include "util/lang.h"
#include "util/utf8.h"

#define SHOW 20 /* rows of a long list shown in text */

typedef struct {
	FILE *f;
	const medscope_impact *im;
	const medscope_analysis *a;
	const medscope_model *m;
	medscope_lang lang;
} ictx;

static const char *pid(const ictx *c, uint32_t p)
{
	return c->m->parties.v[p].id;
}

static const char *sid(const ictx *c, uint32_t s)
{
	return c->m->systems.v[s].id;
}

static void heading(const ictx *c, const char *en, const char *ja, size_t n)
{
	fprintf(c->f, "\n%s (%zu)\n", MS_L(c->lang, en, ja), n);
	if (!n)
		fprintf(c->f, "  %s\n", MS_L(c->lang, "none", "なし"));
}

/* "… and N more" after SHOW rows; 1 when the caller should stop. */
static int more(const ictx *c, size_t i, size_t n)
{
	if (i < SHOW)
		return 0;
	fprintf(c->f, MS_L(c->lang, "  … and %zu more (--format json or csv lists all)\n",
	                "  … ほか %zu 件 (--format json / csv ですべて表示)\n"),
	        n - i);
	return 1;
}

static void target(const ictx *c)
{
	const medscope_impact *im = c->im;
	fprintf(c->f, "%s %s", MS_L(c->lang, "medscope impact:", "medscope impact (影響範囲):"),
	        ms_sym_name(c->m, im->target_sym));
	if (im->target_kind == MS_SYM_PARTY) {
		const ms_party *p = &c->m->parties.v[im->target];
		fprintf(c->f, " (%s%s", ms_label(MS_W_PARTY_KIND, p->kind, c->lang), *p->name ? MS_L(c->lang, ", ", "、") : "");
		ms_fput_neutral(c->f, p->name);
		fputc(')', c->f);
	} else {
		const ms_system *s = &c->m->systems.v[im->target];
		fprintf(c->f, " (%s %s%s", MS_L(c->lang, "system", "システム"), ms_label(MS_W_LAYER, s->layer, c->lang),
		        *s->name ? MS_L(c->lang, ", ", "、") : "");
		ms_fput_neutral(c->f, s->name);
		fputc(')', c->f);
	}
	fprintf(c->f, MS_L(c->lang, "\n  in %s, as of %s\n", "\n  %s、基準日 %s\n"), c->m->file_text, c->a->as_of_text);
}

static void systems(const ictx *c)
{
	const medscope_impact *im = c->im;
	heading(c, "Systems that depend on it (reverse runs-on)", "依存するシステム (runs-on の逆向き)",
	        im->systems.n);
	for (size_t i = 0; i < im->systems.n && !more(c, i, im->systems.n); i++) {
		const ms_impact_system *is = &im->systems.v[i];
		const ms_system *s = &c->m->systems.v[is->system];
		const char *sep = MS_L(c->lang, ", ", "、");
		fprintf(c->f, "  %s  %s%s%s %s%s%s %u", sid(c, is->system), ms_label(MS_W_LAYER, s->layer, c->lang), sep,
		        MS_L(c->lang, "provider", "提供"),
		        s->provider == MS_NONE ? MS_L(c->lang, "unknown", "不明") : pid(c, s->provider), sep,
		        MS_L(c->lang, "depth", "深さ"), (unsigned)is->depth);
		if (is->parent != MS_NONE)
			fprintf(c->f, MS_L(c->lang, ", runs on %s", "、%s 上で稼働"), sid(c, is->parent));
		fprintf(c->f, MS_L(c->lang, ", served to %u facility(ies)\n", "、提供先 %u 医療機関等\n"),
		        (unsigned)is->nfacilities);
	}
}

static void facilities(const ictx *c)
{
	const medscope_impact *im = c->im;
	heading(c, "Facilities they are served to", "提供先の医療機関等", im->facilities.n);
	for (size_t i = 0; i < im->facilities.n && !more(c, i, im->facilities.n); i++) {
		const ms_party *p = &c->m->parties.v[im->facilities.v[i]];
		fprintf(c->f, "  %s%s", p->id, *p->name ? "  " : "");
		ms_fput_neutral(c->f, p->name);
		fputc('\n', c->f);
	}
}

typedef struct {
	uint32_t party, entries, facilities;
	const char *id;
} owner_row;

static int cmp_owner_row(const void *pa, const void *pb)
{
	const owner_row *a = pa, *b = pb;
	if (a->entries != b->entries)
		return a->entries > b->entries ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* The owners concerned, most entries first: at national scale the list of
 * entries is long, the list of owners short. */
static medscope_status owners(const ictx *c)
{
	const medscope_impact *im = c->im;
	size_t np = c->m->parties.n, n = 0;
	uint32_t *slot = malloc((np + 1) * sizeof(uint32_t));
	owner_row *rows = malloc((np + 1) * sizeof(owner_row));
	if (!slot || !rows) {
		free(slot);
		free(rows);
		return MEDSCOPE_ERR_NOMEM;
	}
	memset(slot, 0xff, (np + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < im->entries.n; i++) {
		uint32_t o = c->a->ownership.v[im->entries.v[i]].owner;
		if (slot[o] == UINT32_MAX) {
			slot[o] = (uint32_t)n;
			rows[n++] = (owner_row){o, 0, 0, pid(c, o)};
		}
		rows[slot[o]].entries++;
	}
	/* Each owner -> facility pair is one facility of that owner; an owner
	 * that is the facility itself (self-operated) has no pair, and counts 1. */
	for (size_t i = 0; i < im->pairs.n; i++)
		if (im->pairs.v[i].kind == MS_PAIR_OWNER_FACILITY)
			rows[slot[im->pairs.v[i].from]].facilities++;
	for (size_t i = 0; i < n; i++)
		if (c->m->parties.v[rows[i].party].kind != MS_PARTY_VENDOR && !rows[i].facilities)
			rows[i].facilities = 1;
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_owner_row);
	heading(c, "Risk-management owners concerned", "関係するリスクマネジメントの責任主体", n);
	for (size_t i = 0; i < n && !more(c, i, n); i++)
		fprintf(c->f, MS_L(c->lang, "  %s  %u entry(ies), %u facility(ies)\n", "  %s  %u 組、医療機関等 %u\n"),
		        rows[i].id, (unsigned)rows[i].entries, (unsigned)rows[i].facilities);
	free(slot);
	free(rows);
	return MEDSCOPE_OK;
}

static void entries(const ictx *c)
{
	const medscope_impact *im = c->im;
	heading(c, "Ownership entries (system × facility)", "責任主体の組 (システム × 医療機関等)",
	        im->entries.n);
	for (size_t i = 0; i < im->entries.n && !more(c, i, im->entries.n); i++) {
		const ms_ownership *e = &c->a->ownership.v[im->entries.v[i]];
		fprintf(c->f, "  %s × %s: %s (%s)", sid(c, e->system), pid(c, e->facility), pid(c, e->owner),
		        ms_rules[e->basis].code);
		if (e->considered_by.n) {
			fprintf(c->f, "; %s", MS_L(c->lang, "considered by", "検討に含める事業者"));
			for (uint32_t k = 0; k < e->considered_by.n; k++)
				fprintf(c->f, " %s", pid(c, MS_APOOL(c->a, e->considered_by, k)));
		}
		fputc('\n', c->f);
	}
}

static void duties(const ictx *c)
{
	const medscope_impact *im = c->im;
	heading(c, "Who must notify whom (change-notification agreements present, FAQ 2.1)",
	        "誰が誰に通知するか (変更通知の合意あり、FAQ 2.1)", im->duties.n);
	for (size_t i = 0; i < im->duties.n && !more(c, i, im->duties.n); i++) {
		const ms_impact_duty *d = &im->duties.v[i];
		const ms_agreement *g = &c->m->agreements.v[d->agreement];
		fprintf(c->f, "  %s →", pid(c, d->from));
		for (uint32_t k = 0; k < g->parties.n; k++) {
			uint32_t p = MS_SPAN_AT(c->m, g->parties, k);
			if (p != d->from)
				fprintf(c->f, " %s", pid(c, p));
		}
		fprintf(c->f, "  [%s", g->id);
		if (g->has_covers) {
			fprintf(c->f, "; %s", MS_L(c->lang, "covers", "対象"));
			for (uint32_t k = 0; k < g->covers.n; k++)
				fprintf(c->f, " %s", sid(c, MS_SPAN_AT(c->m, g->covers, k)));
		}
		fputs("]\n", c->f);
	}
}

static const char *pair_kind(const ictx *c, unsigned kind)
{
	switch (kind) {
	case MS_PAIR_RUNS_ON:
		return MS_L(c->lang, "supplier → dependent provider", "基盤の提供者 → 依存する提供者");
	case MS_PAIR_PROVIDER_OWNER:
		return MS_L(c->lang, "provider → risk-management owner", "提供者 → リスクマネジメントの主体");
	default:
		return MS_L(c->lang, "owner → facility", "主体 → 医療機関等");
	}
}

static void gaps(const ictx *c)
{
	const medscope_impact *im = c->im;
	heading(c, "Notification pairs without a change-notification agreement",
	        "変更通知の合意がない通知経路", im->ngaps);
	size_t shown = 0;
	for (size_t i = 0; i < im->pairs.n; i++) {
		const ms_impact_pair *p = &im->pairs.v[i];
		if (!p->nuncovered)
			continue;
		if (more(c, shown, im->ngaps))
			break;
		shown++;
		fprintf(c->f, "  %s → %s  (%s; %s", pid(c, p->from), pid(c, p->to), pair_kind(c, p->kind),
		        MS_L(c->lang, "systems", "システム"));
		for (uint32_t k = 0; k < p->nlinks; k++) {
			const ms_impact_link *l = &im->links.v[p->link_off + k];
			if (l->agreement == MS_NONE)
				fprintf(c->f, " %s", sid(c, l->system));
		}
		fputs(")\n", c->f);
	}
}

medscope_status ms_emit_impact_text(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts)
{
	ictx c = {out, im, im->a, im->a->model, opts->lang};
	target(&c);
	systems(&c);
	facilities(&c);
	if (owners(&c) != MEDSCOPE_OK)
		return MEDSCOPE_ERR_NOMEM;
	entries(&c);
	duties(&c);
	gaps(&c);
	fprintf(out,
	        MS_L(c.lang, "\nSummary: %zu system(s), %zu facility(ies), %zu ownership entry(ies), "
	              "%zu notification duty(ies) agreed, %zu pair(s) without agreement\n",
	          "\nまとめ: システム %zu 件、医療機関等 %zu 件、責任主体の組 %zu 件、"
	          "合意済みの通知 %zu 件、合意のない通知経路 %zu 件\n"),
	        im->systems.n, im->facilities.n, im->entries.n, im->duties.n, im->ngaps);
	return ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
}
