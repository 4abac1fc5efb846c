/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope diff` as readable text, grouped by what changed: the model's
 * elements, scope (rules.md §1), risk-management ownership (§2), required
 * agreements (§3), findings. Findings keep the compiler-style line of
 * `medscope check` (FILE:LINE:COL: SEVERITY: MESSAGE [CODE]) so editors can
 * jump to them: new and updated ones point into NEW, resolved ones into OLD.
 */
#include <string.h>

#include "change/diff.h"
#include "emit/emit.h"
#include "util/lang.h"
#include "util/date.h"

typedef struct {
	FILE *f;
	const medscope_diff *d;
	const medscope_analysis *oa, *na;
	medscope_lang lang;
	medscope_severity min;
	ms_buf msg;
} tctx;

static const char *none(const tctx *c)
{
	return MS_L(c->lang, "(none)", "(なし)");
}

/* ---- small pieces ------------------------------------------------------- */

static void put_ids(FILE *f, const medscope_model *m, ms_span span, int parties, const char *sep)
{
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_SPAN_AT(m, span, i);
		fprintf(f, "%s%s", i ? sep : "", parties ? m->parties.v[k].id : m->systems.v[k].id);
	}
}

/* Ids of a span in an analysis pool (party or system indices). */
static void put_aids(FILE *f, const medscope_analysis *a, ms_span span, int parties)
{
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		fprintf(f, "%s%s", i ? " " : "", parties ? a->model->parties.v[k].id : a->model->systems.v[k].id);
	}
}

static void put_bits(FILE *f, unsigned v, ms_word_kind kind, medscope_lang lang)
{
	int first = 1;
	for (unsigned bit = 1; bit && bit <= v; bit <<= 1)
		if (v & bit)
			fprintf(f, "%s%s", first ? "" : " ", ms_label(kind, bit, lang)), first = 0;
}

static const char *kind_title(const tctx *c, unsigned kind)
{
	static const char *const en[] = {"parties", "systems", "contracts", "agreements",
	                                 "data flows", "risks", "exceptions", "certifications"};
	static const char *const ja[] = {"関係者", "システム", "契約", "合意", "データの流れ",
	                                 "リスク", "例外", "認証"};
	return MS_L(c->lang, en[kind], ja[kind]);
}

/* What an added or removed element is, in a few words. */
static void summary(const tctx *c, const medscope_model *m, const ms_elem_change *e, uint32_t i)
{
	FILE *f = c->f;
	const char *sep = MS_L(c->lang, ", ", "、");
	char date[11];
	switch (e->kind) {
	case MS_ELEM_PARTY: {
		const ms_party *p = &m->parties.v[i];
		fprintf(f, "%s%s", ms_label(MS_W_PARTY_KIND, p->kind, c->lang), *p->name ? sep : "");
		ms_fput_neutral(f, p->name);
		break;
	}
	case MS_ELEM_SYSTEM: {
		const ms_system *s = &m->systems.v[i];
		fprintf(f, "%s%s%s %s", ms_label(MS_W_LAYER, s->layer, c->lang), sep, MS_L(c->lang, "provider", "提供"),
		        s->provider == MS_NONE ? MS_L(c->lang, "unknown", "不明") : m->parties.v[s->provider].id);
		if (*s->name) {
			fputs(sep, f);
			ms_fput_neutral(f, s->name);
		}
		break;
	}
	case MS_ELEM_CONTRACT: {
		const ms_contract *k = &m->contracts.v[i];
		fprintf(f, "%s → %s%s", m->parties.v[k->client].id, m->parties.v[k->supplier].id, sep);
		put_bits(f, k->types, MS_W_CONTRACT_TYPE, c->lang);
		fprintf(f, "%s%s ", sep, MS_L(c->lang, "covers", "対象"));
		put_ids(f, m, k->covers, 0, " ");
		break;
	}
	case MS_ELEM_AGREEMENT: {
		const ms_agreement *g = &m->agreements.v[i];
		put_ids(f, m, g->parties, 1, "↔");
		fputs(": ", f);
		put_bits(f, g->topics, MS_W_TOPIC, c->lang);
		if (g->has_covers) {
			fprintf(f, " (%s ", MS_L(c->lang, "covers", "対象"));
			put_ids(f, m, g->covers, 0, " ");
			fputc(')', f);
		}
		break;
	}
	case MS_ELEM_FLOW: {
		const ms_flow *fl = &m->flows.v[i];
		fprintf(f, "%s → %s%s%s%s",
		        fl->from_is_system ? m->systems.v[fl->from].id : m->parties.v[fl->from].id,
		        fl->to_is_system ? m->systems.v[fl->to].id : m->parties.v[fl->to].id, sep,
		        ms_label(MS_W_BASIS, fl->basis, c->lang), sep);
		put_bits(f, fl->data, MS_W_DATA, c->lang);
		break;
	}
	case MS_ELEM_RISK: {
		const ms_risk *r = &m->risks.v[i];
		fprintf(f, "%s%s%s %s%s%s", m->systems.v[r->system].id, sep, MS_L(c->lang, "owner", "主体"),
		        m->parties.v[r->owner].id, sep, ms_label(MS_W_TREATMENT, r->treatment, c->lang));
		break;
	}
	case MS_ELEM_EXCEPTION: {
		const ms_exception *x = &m->exceptions.v[i];
		ms_date_format(x->until, date);
		fprintf(f, "%s%s%s ", ms_rules[x->code].code, sep, MS_L(c->lang, "subjects", "対象"));
		for (uint32_t k = 0; k < x->subjects.n; k++)
			fprintf(f, "%s%s", k ? " " : "", ms_sym_name(m, MS_SPAN_AT(m, x->subjects, k)));
		fprintf(f, "%s%s ", sep, MS_L(c->lang, "approved by", "承認"));
		put_ids(f, m, x->approved_by, 1, " ");
		fprintf(f, MS_L(c->lang, ", until %s", "、期限 %s"), date);
		break;
	}
	default: {
		const ms_cert *k = &m->certs.v[i];
		if (k->valid_until == MS_NO_DATE) {
			fputs(MS_L(c->lang, "no expiry date", "有効期限の記載なし"), f);
		} else {
			ms_date_format(k->valid_until, date);
			fprintf(f, MS_L(c->lang, "valid until %s", "有効期限 %s"), date);
		}
		break;
	}
	}
}

static void section(const tctx *c, const char *en, const char *ja, size_t n)
{
	fprintf(c->f, "\n%s (%zu)\n", MS_L(c->lang, en, ja), n);
	if (!n)
		fprintf(c->f, "  %s\n", MS_L(c->lang, "no change", "変化なし"));
}

/* ---- the model's elements ---------------------------------------------- */

static void model_section(const tctx *c)
{
	const medscope_diff *d = c->d;
	section(c, "Model", "モデルの変更", d->elems.n);
	int kind = -1;
	for (size_t i = 0; i < d->elems.n; i++) {
		const ms_elem_change *e = &d->elems.v[i];
		if (e->kind != kind) {
			kind = e->kind;
			fprintf(c->f, "  %s\n", kind_title(c, e->kind));
		}
		static const char marks[] = "+-~!";
		fprintf(c->f, "    %c %s", marks[e->change], e->key);
		if (e->change == MS_CHANGE_EXPIRED) {
			/* rules.md §5: it no longer applies; its finding is back. */
			char date[11];
			ms_date_format(c->na->model->exceptions.v[e->new_index].until, date);
			fprintf(c->f, MS_L(c->lang, "  expired (until %s, as of %s)\n",
			                   "  期限切れ (期限 %s、基準日 %s)\n"),
			        date, c->na->as_of_text);
			continue;
		}
		if (e->change == MS_CHANGE_ADDED || e->change == MS_CHANGE_REMOVED) {
			int added = e->change == MS_CHANGE_ADDED;
			fputs("  ", c->f);
			summary(c, added ? c->na->model : c->oa->model, e, added ? e->new_index : e->old_index);
			fputc('\n', c->f);
			continue;
		}
		fputc('\n', c->f);
		for (uint32_t k = 0; k < e->nattr; k++) {
			const ms_attr_change *a = &d->attrs.v[e->attr_off + k];
			fprintf(c->f, "        %s: ", a->name);
			ms_fput_neutral(c->f, a->old_value ? a->old_value : none(c));
			fputs(" → ", c->f);
			ms_fput_neutral(c->f, a->new_value ? a->new_value : none(c));
			fputc('\n', c->f);
		}
	}
}

/* ---- §1 scope ----------------------------------------------------------- */

static void put_reasons(const tctx *c, const medscope_analysis *a, uint32_t party)
{
	const ms_party_scope *sc = &a->scope[party];
	for (uint32_t r = 0; r < sc->nreasons; r++) {
		const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
		fprintf(c->f, "%s%s [%s]", r ? MS_L(c->lang, ", ", "、") : "", ms_rules[rs->rule].code,
		        ms_rules[rs->rule].cite_key);
		if (rs->via.n) {
			fprintf(c->f, " %s ", MS_L(c->lang, "via", "経由"));
			for (uint32_t k = 0; k < rs->via.n; k++)
				fprintf(c->f, "%s%s", k ? " " : "", ms_sym_name(a->model, MS_APOOL(a, rs->via, k)));
		}
	}
	if (!sc->nreasons)
		fputs(none(c), c->f);
}

static const char *category(const tctx *c, const medscope_analysis *a, uint32_t p)
{
	const char *n = ms_label(MS_W_CATEGORY, a->scope[p].category, c->lang);
	return n ? n : "-";
}

static void scope_section(const tctx *c)
{
	const medscope_diff *d = c->d;
	section(c, "Scope (対象事業者)", "対象事業者の範囲", d->scope.n);
	for (size_t i = 0; i < d->scope.n; i++) {
		const ms_scope_change *s = &d->scope.v[i];
		fprintf(c->f, "  %s: ", s->key);
		switch (s->change) {
		case MS_SCOPE_ENTERED:
			fprintf(c->f, MS_L(c->lang, "entered scope as %s", "対象事業者になった (%s)"),
			        category(c, c->na, s->new_party));
			break;
		case MS_SCOPE_LEFT:
			if (s->new_party == MS_NONE)
				fprintf(c->f, MS_L(c->lang, "left scope: removed from the model (was %s)",
				                "対象から外れた: モデルから削除 (元 %s)"),
				        category(c, c->oa, s->old_party));
			else
				fprintf(c->f, MS_L(c->lang, "left scope (was %s)", "対象外になった (元 %s)"),
				        category(c, c->oa, s->old_party));
			break;
		case MS_SCOPE_CATEGORY:
			fprintf(c->f, "%s → %s", category(c, c->oa, s->old_party), category(c, c->na, s->new_party));
			break;
		default:
			fputs(MS_L(c->lang, "reasons changed", "理由が変わった"), c->f);
			break;
		}
		fputc('\n', c->f);
		if (s->old_party != MS_NONE && s->change != MS_SCOPE_ENTERED) {
			fprintf(c->f, "      %s ", MS_L(c->lang, "before:", "変更前:"));
			put_reasons(c, c->oa, s->old_party);
			fputc('\n', c->f);
		}
		if (s->new_party != MS_NONE) {
			fprintf(c->f, "      %s ", MS_L(c->lang, "now:   ", "変更後:"));
			put_reasons(c, c->na, s->new_party);
			fputc('\n', c->f);
		}
	}
}

/* ---- §2 ownership ------------------------------------------------------- */

static void put_owner(const tctx *c, const medscope_analysis *a, uint32_t entry)
{
	const ms_ownership *e = &a->ownership.v[entry];
	fprintf(c->f, "%s (%s)", a->model->parties.v[e->owner].id, ms_rules[e->basis].code);
}

static void put_considered(const tctx *c, const medscope_analysis *a, uint32_t entry)
{
	const ms_ownership *e = &a->ownership.v[entry];
	if (e->considered_by.n)
		put_aids(c->f, a, e->considered_by, 1);
	else
		fputs(none(c), c->f);
}

static void owners_section(const tctx *c)
{
	const medscope_diff *d = c->d;
	section(c, "Risk-management ownership", "リスクマネジメントの責任主体", d->owners.n);
	for (size_t i = 0; i < d->owners.n; i++) {
		const ms_own_change *o = &d->owners.v[i];
		int added = o->change == MS_CHANGE_ADDED;
		const medscope_analysis *a = o->new_entry != MS_NONE ? c->na : c->oa;
		const ms_ownership *e = &a->ownership.v[o->new_entry != MS_NONE ? o->new_entry : o->old_entry];
		fprintf(c->f, "  %c %s × %s: ", "+-~"[o->change], a->model->systems.v[e->system].id,
		        a->model->parties.v[e->facility].id);
		if (o->change != MS_CHANGE_CHANGED) {
			put_owner(c, a, added ? o->new_entry : o->old_entry);
			if (e->considered_by.n) {
				fprintf(c->f, "; %s ", MS_L(c->lang, "considered by", "検討に含める事業者"));
				put_considered(c, a, added ? o->new_entry : o->old_entry);
			}
			fputc('\n', c->f);
			continue;
		}
		put_owner(c, c->oa, o->old_entry);
		fputs(" → ", c->f);
		put_owner(c, c->na, o->new_entry);
		if (o->what & MS_OWN_CONSIDERED) {
			fprintf(c->f, "; %s ", MS_L(c->lang, "considered by", "検討に含める事業者"));
			put_considered(c, c->oa, o->old_entry);
			fputs(" → ", c->f);
			put_considered(c, c->na, o->new_entry);
		}
		fputc('\n', c->f);
	}
}

/* ---- §3 required agreements -------------------------------------------- */

static void put_requirement(const tctx *c, const medscope_analysis *a, const ms_requirement *r)
{
	for (unsigned k = 0; k < r->nparties && k < 3; k++)
		fprintf(c->f, "%s%s", k ? "↔" : "", a->model->parties.v[r->parties[k]].id);
	fprintf(c->f, " %s [%s]", ms_label(MS_W_TOPIC, r->topic, c->lang), ms_rules[r->rule].code);
	if (r->contract != MS_NONE)
		fprintf(c->f, " %s %s", MS_L(c->lang, "via", "経由"), ms_sym_name(a->model, r->contract));
}

static void put_status(const tctx *c, const medscope_analysis *a, const ms_requirement *r)
{
	if (r->satisfied_by == MS_NONE) {
		fprintf(c->f, "%s (%s)", MS_L(c->lang, "missing", "欠落"),
		        ms_label(MS_W_SEVERITY, r->severity, c->lang));
		return;
	}
	ms_buf b = MS_BUF_INIT;
	ms_put_satisfied(&b, a, r, " + ");
	fprintf(c->f, "%s (%s)", MS_L(c->lang, "present", "合意あり"), ms_buf_cstr(&b));
	ms_buf_free(&b);
}

static void reqs_section(const tctx *c)
{
	const medscope_diff *d = c->d;
	section(c, "Required agreements", "必要な合意", d->reqs.n);
	for (size_t i = 0; i < d->reqs.n; i++) {
		const ms_req_change *q = &d->reqs.v[i];
		const ms_requirement *o = q->old_req != MS_NONE ? &c->oa->requirements.v[q->old_req] : NULL;
		const ms_requirement *n = q->new_req != MS_NONE ? &c->na->requirements.v[q->new_req] : NULL;
		static const char marks[] = "+-!~~";
		fprintf(c->f, "  %c ", marks[q->change]);
		put_requirement(c, n ? c->na : c->oa, n ? n : o);
		fputs(": ", c->f);
		switch (q->change) {
		case MS_REQ_REQUIRED:
			fprintf(c->f, "%s", MS_L(c->lang, "now required, ", "新たに必要、"));
			put_status(c, c->na, n);
			fprintf(c->f, "; %s ", MS_L(c->lang, "systems", "システム"));
			put_aids(c->f, c->na, n->systems, 0);
			break;
		case MS_REQ_DROPPED:
			fputs(MS_L(c->lang, "no longer required", "不要になった"), c->f);
			fprintf(c->f, " (%s ", MS_L(c->lang, "was", "元"));
			put_status(c, c->oa, o);
			fputc(')', c->f);
			break;
		default:
			put_status(c, c->oa, o);
			fputs(" → ", c->f);
			put_status(c, c->na, n);
			if (q->what & MS_REQ_SYSTEMS) {
				fprintf(c->f, "; %s ", MS_L(c->lang, "systems", "システム"));
				put_aids(c->f, c->oa, o->systems, 0);
				fputs(" → ", c->f);
				put_aids(c->f, c->na, n->systems, 0);
			}
			break;
		}
		fputc('\n', c->f);
	}
}

/* ---- findings ----------------------------------------------------------- */

static medscope_status put_finding(tctx *c, const medscope_analysis *a, const ms_finding *f,
                                   const char *indent)
{
	ms_buf_clear(&c->msg);
	ms_finding_message(a, f, c->lang, &c->msg);
	if (c->msg.oom)
		return MEDSCOPE_ERR_NOMEM;
	fprintf(c->f, "%s%s:%u:%u: %s: %s [%s]", indent, ms_loc_text(a->model, f->loc), (unsigned)f->loc.line,
	        (unsigned)f->loc.col, medscope_severity_name((medscope_severity)f->severity),
	        ms_buf_cstr(&c->msg), ms_rules[f->rule].code);
	/* Marked as `check --show-suppressed` marks it (rules.md §5). */
	if (f->exception != MS_NONE)
		fprintf(c->f, MS_L(c->lang, " (suppressed by exception %s)", " (例外 %s により抑制)"),
		        a->model->exceptions.v[f->exception].id);
	fputc('\n', c->f);
	return MEDSCOPE_OK;
}

/* Findings in both versions that an exception now suppresses, or no
 * longer does: whatever their baseline state, a reviewer must see them. */
static medscope_status suppression_changes(tctx *c, unsigned change)
{
	const medscope_diff *d = c->d;
	const char *title = change == MS_SUPP_NOW
	                            ? MS_L(c->lang, "Now suppressed by an exception",
	                                   "例外により抑制されるようになった指摘")
	                            : MS_L(c->lang, "No longer suppressed", "抑制されなくなった指摘");
	fprintf(c->f, "  %s (%zu)\n", title, d->nsupp[change]);
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < c->na->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &c->na->findings.v[i];
		if (d->supp[i] != change || (medscope_severity)f->severity < c->min)
			continue;
		s = put_finding(c, c->na, f, "    ");
		if (s == MEDSCOPE_OK && change == MS_SUPP_NO_LONGER) {
			fprintf(c->f, "      %s ", MS_L(c->lang, "was:", "変更前:"));
			s = put_finding(c, c->oa, &c->oa->findings.v[d->match[i]], "");
		}
	}
	return s;
}

static medscope_status findings_of(tctx *c, unsigned state)
{
	const medscope_diff *d = c->d;
	static const char *const en[] = {"New findings", "", "Updated findings"};
	static const char *const ja[] = {"新たな指摘", "", "内容が変わった指摘"};
	fprintf(c->f, "  %s (%zu)\n", MS_L(c->lang, en[state], ja[state]), d->nstate[state]);
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < c->na->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &c->na->findings.v[i];
		if (d->state[i] != state || (medscope_severity)f->severity < c->min)
			continue;
		s = put_finding(c, c->na, f, "    ");
		if (s == MEDSCOPE_OK && state == MS_BASE_UPDATED) {
			fprintf(c->f, "      %s ", MS_L(c->lang, "was:", "変更前:"));
			s = put_finding(c, c->oa, &c->oa->findings.v[d->match[i]], "");
		}
	}
	return s;
}

static medscope_status findings_section(tctx *c)
{
	const medscope_diff *d = c->d;
	fprintf(c->f, "\n%s\n", MS_L(c->lang, "Findings", "指摘"));
	medscope_status s = findings_of(c, MS_BASE_NEW);
	if (s == MEDSCOPE_OK)
		s = findings_of(c, MS_BASE_UPDATED);
	fprintf(c->f, "  %s (%zu)\n", MS_L(c->lang, "Resolved findings", "解消した指摘"), d->resolved.n);
	for (size_t i = 0; i < d->resolved.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &c->oa->findings.v[d->resolved.v[i]];
		if ((medscope_severity)f->severity >= c->min)
			s = put_finding(c, c->oa, f, "    ");
	}
	if (s == MEDSCOPE_OK && (d->nsupp[MS_SUPP_NOW] || d->nsupp[MS_SUPP_NO_LONGER])) {
		s = suppression_changes(c, MS_SUPP_NOW);
		if (s == MEDSCOPE_OK)
			s = suppression_changes(c, MS_SUPP_NO_LONGER);
	}
	fprintf(c->f, "  %s: %zu\n", MS_L(c->lang, "Unchanged findings", "変わらない指摘"),
	        d->nstate[MS_BASE_UNCHANGED]);
	return s;
}

static void header(const tctx *c, const char *en, const char *ja, const medscope_analysis *a)
{
	fprintf(c->f, "  %s %s", MS_L(c->lang, en, ja), a->model->file_text);
	if (*a->model->name)
		fputs(" (", c->f), ms_fput_neutral(c->f, a->model->name), fputc(')', c->f);
	fprintf(c->f, MS_L(c->lang, ", as of %s\n", "、基準日 %s\n"), a->as_of_text);
}

medscope_status ms_emit_diff_text(FILE *out, const medscope_diff *d, const medscope_emit_options *opts)
{
	tctx c = {out, d, d->old_a, d->new_a, opts->lang, opts->min_severity, MS_BUF_INIT};
	fprintf(out, "%s\n", MS_L(c.lang, "medscope diff", "medscope diff (変更の差分)"));
	header(&c, "old:", "変更前:", c.oa);
	header(&c, "new:", "変更後:", c.na);
	model_section(&c);
	scope_section(&c);
	owners_section(&c);
	reqs_section(&c);
	medscope_status s = findings_section(&c);
	ms_buf_free(&c.msg);
	if (s != MEDSCOPE_OK)
		return s;
	fprintf(out,
	        MS_L(c.lang,
	          "\nSummary: %zu model change(s); %zu scope, %zu ownership, %zu agreement change(s); "
	          "findings: %zu new, %zu updated (%zu error(s), %zu warning(s), %zu note(s) among them), "
	          "%zu resolved, %zu unchanged\n",
	          "\nまとめ: モデルの変更 %zu 件; 対象範囲 %zu 件、責任主体 %zu 件、合意 %zu 件の変化; "
	          "指摘: 新規 %zu 件、内容の変化 %zu 件 (うちエラー %zu、警告 %zu、注記 %zu)、解消 %zu 件、"
	          "変化なし %zu 件\n"),
	        d->elems.n, d->scope.n, d->owners.n, d->reqs.n, d->nstate[MS_BASE_NEW],
	        d->nstate[MS_BASE_UPDATED], d->introduced[MS_SEV_ERROR], d->introduced[MS_SEV_WARNING],
	        d->introduced[MS_SEV_NOTE], d->nstate[MS_BASE_ABSENT], d->nstate[MS_BASE_UNCHANGED]);
	if (d->nsupp[MS_SUPP_NOW] || d->nsupp[MS_SUPP_NO_LONGER])
		fprintf(out,
		        MS_L(c.lang, "Exceptions: %zu finding(s) now suppressed, %zu no longer suppressed\n",
		             "例外: 抑制されるようになった指摘 %zu 件、抑制されなくなった指摘 %zu 件\n"),
		        d->nsupp[MS_SUPP_NOW], d->nsupp[MS_SUPP_NO_LONGER]);
	return ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
}
