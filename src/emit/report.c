/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report tables as rows of plain-text cells (see report.h). Codes stay
 * in every cell next to their translation, so that a reader of the
 * Japanese annex can still look a rule up with `medscope explain CODE`.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/report.h"
#include "util/date.h"
#include "util/lang.h"

static const char *const scope_en[] = {"ID", "Name", "Kind", "Scope", "Category", "Reasons",
                                       "MHLW guideline", "Certification", "Valid until",
                                       "Certification status", "Missing agreements"};
static const char *const scope_ja[] = {"ID", "名称", "種別", "対象範囲", "区分", "理由",
                                       "厚労省ガイドライン", "認証", "有効期限", "認証の状態",
                                       "欠落している合意"};
static const char *const owners_en[] = {"System", "System name", "Layer", "Facility",
                                        "Facility name", "Owner", "Owner name", "Basis",
                                        "Considered by", "Contracts"};
static const char *const owners_ja[] = {"システム", "システム名", "層", "医療機関等",
                                        "医療機関等の名称", "責任主体", "責任主体の名称", "根拠",
                                        "考慮する事業者", "契約"};
static const char *const agree_en[] = {"Topic", "Parties", "Systems", "Status", "Severity",
                                       "Code", "Agreement", "Document", "Date", "Review by",
                                       "Contract", "Citation"};
static const char *const agree_ja[] = {"主題", "当事者", "システム", "状況", "重大度",
                                       "コード", "合意", "文書", "合意日", "見直しの期限",
                                       "契約", "根拠"};
static const char *const find_en[] = {"Severity", "Code", "Message", "Subjects", "Line",
                                      "Column", "Citation", "Suppressed by exception"};
static const char *const find_ja[] = {"重大度", "コード", "内容", "関係する ID", "行", "列",
                                      "根拠 (ガイドライン)", "例外による抑制"};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))
_Static_assert(COUNT(scope_en) <= MS_REPORT_MAX_COLS && COUNT(owners_en) <= MS_REPORT_MAX_COLS &&
                   COUNT(agree_en) <= MS_REPORT_MAX_COLS,
               "a row has MS_REPORT_MAX_COLS cells at most");
_Static_assert(COUNT(scope_en) == COUNT(scope_ja) && COUNT(owners_en) == COUNT(owners_ja) &&
                   COUNT(agree_en) == COUNT(agree_ja),
               "both languages have the same columns");

const char *const *ms_report_header(medscope_table table, medscope_lang lang, size_t *ncols)
{
	int ja = lang == MEDSCOPE_LANG_JA;
	switch (table) {
	case MEDSCOPE_TABLE_SCOPE:
		*ncols = COUNT(scope_en);
		return ja ? scope_ja : scope_en;
	case MEDSCOPE_TABLE_OWNERS:
		*ncols = COUNT(owners_en);
		return ja ? owners_ja : owners_en;
	case MEDSCOPE_TABLE_AGREEMENTS:
		*ncols = COUNT(agree_en);
		return ja ? agree_ja : agree_en;
	default:
		*ncols = COUNT(find_en);
		return ja ? find_ja : find_en;
	}
}

unsigned ms_report_kind(medscope_table table, size_t col)
{
	/* The columns of the headers above: a certification's expiry, an
	 * agreement's date and review date; the missing agreements of a party,
	 * a finding's line and column. */
	switch (table) {
	case MEDSCOPE_TABLE_SCOPE:
		return col == 8 ? MS_REPORT_DATE : col == 10 ? MS_REPORT_COUNT : MS_REPORT_TEXT;
	case MEDSCOPE_TABLE_AGREEMENTS:
		return col == 8 || col == 9 ? MS_REPORT_DATE : MS_REPORT_TEXT;
	case MEDSCOPE_TABLE_FINDINGS:
		return col == 4 || col == 5 ? MS_REPORT_COUNT : MS_REPORT_TEXT;
	default:
		return MS_REPORT_TEXT;
	}
}

const char *ms_report_severity(unsigned sev, medscope_lang lang)
{
	const char *w = ms_word(MS_W_SEVERITY, sev, lang);
	return w ? w : ""; /* MS_SEV_NONE: an empty cell */
}

const char *ms_report_title(medscope_table table, medscope_lang lang)
{
	switch (table) {
	case MEDSCOPE_TABLE_SCOPE:
		return MS_L(lang, "Scope of the vendor guideline", "対象範囲 (対象事業者)");
	case MEDSCOPE_TABLE_OWNERS:
		return MS_L(lang, "Responsibility for risk management",
		         "リスクマネジメントの責任分界 (責任主体)");
	case MEDSCOPE_TABLE_AGREEMENTS:
		return MS_L(lang, "Required agreements", "必要な合意");
	case MEDSCOPE_TABLE_FINDINGS:
		return MS_L(lang, "Findings", "指摘事項");
	default:
		return "";
	}
}

const char *ms_report_note(medscope_table table, medscope_lang lang)
{
	if (table != MEDSCOPE_TABLE_OWNERS)
		return NULL;
	/* FAQ 5: 最終的な管理者としての責任は医療機関等にある. */
	return MS_L(lang,
	            "The facility remains accountable as the final manager of its medical "
	            "information (FAQ 5); the owner is the party that runs risk management for the "
	            "system towards that facility.",
	            "医療機関等は最終的な管理者としての責任を負います (FAQ 5)。責任主体は、"
	            "その医療機関等に対してシステムのリスクマネジメントを実施する事業者です。");
}

const char *ms_report_none(medscope_lang lang)
{
	return MS_L(lang, "(none)", "(なし)");
}

const char *ms_report_as_of_source(const char *source, medscope_lang lang)
{
	if (strcmp(source, "option") == 0)
		return MS_L(lang, "given with --as-of", "--as-of で指定");
	if (strcmp(source, "model") == 0)
		return MS_L(lang, "the model's as-of", "モデルの as-of");
	return MS_L(lang, "the day of the run", "実行日");
}

const char *ms_report_suppressed_title(medscope_lang lang)
{
	return MS_L(lang, "Suppressed by exceptions", "例外により抑制された指摘");
}

/* rules.md §5: the exception id, who approved it and until when, then its
 * reason, so that a reader of the annex sees why the finding is accepted
 * and when it comes back. One line: a findings row stays one CSV record. */
void ms_report_suppression(ms_buf *out, const medscope_analysis *a, uint32_t exception,
                           medscope_lang lang)
{
	const medscope_model *m = a->model;
	const ms_exception *x = &m->exceptions.v[exception];
	char until[11];
	ms_date_format(x->until, until);
	ms_buf_printf(out, MS_L(lang, "exception %s (approved by ", "例外 %s (承認: "), x->id);
	for (uint32_t k = 0; k < x->approved_by.n; k++) {
		if (k)
			ms_buf_puts(out, ", ");
		ms_buf_puts(out, m->parties.v[MS_SPAN_AT(m, x->approved_by, k)].id);
	}
	ms_buf_printf(out, MS_L(lang, ", until %s): ", "、期限 %s): "), until);
	/* A reason written with &#10; stays on the line. */
	for (const char *p = x->reason; *p; p++)
		ms_buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
}

void ms_report_citation(ms_buf *out, unsigned rule)
{
	const ms_rule *r = &ms_rules[rule];
	ms_buf_puts(out, r->cite_key);
	if (r->cite_quote && r->cite_quote[0])
		ms_buf_printf(out, "「%s」", r->cite_quote);
}

/* FAQ 1 numbers the three kinds of 対象事業者 (1)-(3); a connected service
 * is the FAQ 1 case of a system connected to a medical system. The cell
 * names the place: "直接の契約等 (FAQ 1 (1))". */
static void put_category(ms_buf *b, unsigned cat, medscope_lang lang)
{
	const char *cite = ms_word_cite(MS_W_CATEGORY, cat);
	ms_buf_puts(b, ms_word(MS_W_CATEGORY, cat, lang));
	if (cite)
		ms_buf_printf(b, " (%s)", cite);
}

/* The catalog's word in Japanese ("責任分界"), so that a Japanese table
 * holds no English code; in English the code is the text a reader looks
 * up ("demarcation"). */
static void put_topic(ms_buf *b, unsigned topic, medscope_lang lang)
{
	ms_buf_puts(b, ms_label(MS_W_TOPIC, topic, lang));
}

/* "A (A社)": an id, and beside it the name when the model gives one. */
static void put_named(ms_buf *b, const char *id, const char *name)
{
	ms_buf_puts(b, id);
	if (name && name[0])
		ms_buf_printf(b, " (%s)", name);
}

/* The party (`parties` non-zero) or system indices of a span of a->pool,
 * each with its name, joined by `sep`. */
static void put_named_ids(ms_buf *b, const medscope_analysis *a, ms_span span, int parties,
                          const char *sep)
{
	const medscope_model *m = a->model;
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		if (i)
			ms_buf_puts(b, sep);
		if (parties)
			put_named(b, m->parties.v[k].id, m->parties.v[k].name);
		else
			put_named(b, m->systems.v[k].id, m->systems.v[k].name);
	}
}

/* A date cell: YYYY-MM-DD, or `absent` when the model gives none. */
static void put_date(ms_buf *b, int32_t days, const char *absent)
{
	char text[11];
	if (days == MS_NO_DATE) {
		ms_buf_puts(b, absent);
		return;
	}
	ms_date_format(days, text);
	ms_buf_puts(b, text);
}

static int cert_cmp(const void *x, const void *y)
{
	const ms_cert *c = *(const ms_cert *const *)x, *d = *(const ms_cert *const *)y;
	if (c->scheme != d->scheme)
		return c->scheme < d->scheme ? -1 : 1;
	if (c->valid_until != d->valid_until)
		return c->valid_until < d->valid_until ? -1 : 1; /* MS_NO_DATE first */
	return c->loc.line < d->loc.line ? -1 : c->loc.line > d->loc.line;
}

const ms_cert **ms_sorted_certs(const medscope_model *m, const ms_party *p)
{
	if (p->ncert == 0)
		return NULL;
	const ms_cert **v = malloc(p->ncert * sizeof(*v));
	if (!v)
		return NULL;
	for (uint32_t k = 0; k < p->ncert; k++)
		v[k] = &m->certs.v[p->cert_off + k];
	qsort(v, p->ncert, sizeof(*v), cert_cmp);
	return v;
}

void ms_put_sym_ids(ms_buf *b, const medscope_analysis *a, ms_span span, const char *sep)
{
	for (uint32_t i = 0; i < span.n; i++) {
		if (i)
			ms_buf_puts(b, sep);
		ms_buf_puts(b, ms_sym_name(a->model, MS_APOOL(a, span, i)));
	}
}

void ms_put_via(ms_buf *b, const medscope_analysis *a, ms_span via, const char *sep,
                medscope_lang lang)
{
	if (via.n <= MS_JSON_VIA_INLINE) {
		ms_put_sym_ids(b, a, via, sep);
		return;
	}
	uint32_t half = MS_JSON_VIA_INLINE / 2;
	ms_span head = {via.off, half}, tail = {via.off + via.n - half, half};
	ms_put_sym_ids(b, a, head, sep);
	ms_buf_puts(b, sep);
	ms_buf_printf(b, MS_L(lang, "… %u more …", "…他 %u 件…"), (unsigned)(via.n - 2 * half));
	ms_buf_puts(b, sep);
	ms_put_sym_ids(b, a, tail, sep);
}

void ms_put_index_ids(ms_buf *b, const medscope_analysis *a, ms_span span, int parties,
                      const char *sep)
{
	for (uint32_t i = 0; i < span.n; i++) {
		uint32_t k = MS_APOOL(a, span, i);
		if (i)
			ms_buf_puts(b, sep);
		ms_buf_puts(b, parties ? a->model->parties.v[k].id : a->model->systems.v[k].id);
	}
}

void ms_put_satisfied(ms_buf *b, const medscope_analysis *a, const ms_requirement *rq,
                      const char *sep)
{
	const medscope_model *m = a->model;
	if (rq->satisfied_by == MS_NONE)
		return;
	ms_buf_puts(b, m->agreements.v[rq->satisfied_by].id);
	for (uint32_t i = 0; i < rq->satisfied_all.n; i++) {
		uint32_t g = MS_APOOL(a, rq->satisfied_all, i);
		if (g == rq->satisfied_by)
			continue;
		ms_buf_puts(b, sep);
		ms_buf_puts(b, m->agreements.v[g].id);
	}
}

/* "title [code]" of a rule: the code is what `medscope explain` takes. */
static void put_rule(ms_buf *b, unsigned rule, medscope_lang lang)
{
	ms_buf_printf(b, "%s [%s]", ms_rules[rule].title[lang == MEDSCOPE_LANG_JA], ms_rules[rule].code);
}

/* An ownership basis: the rule's title in Japanese (no English code in a
 * Japanese cell), "title [code]" in English. */
static void put_basis(ms_buf *b, unsigned rule, medscope_lang lang)
{
	if (lang == MEDSCOPE_LANG_JA)
		ms_buf_puts(b, ms_rules[rule].title[1]);
	else
		put_rule(b, rule, lang);
}

/* One row being built: a buffer per column. */
typedef struct {
	ms_buf col[MS_REPORT_MAX_COLS];
	const char *cells[MS_REPORT_MAX_COLS];
	size_t ncols;
	ms_report_row_fn fn;
	void *ctx;
} row;

int ms_report_cell_clean(ms_buf *b)
{
	if (b->oom)
		return -1;
	/* C1 and other controls, bidirectional overrides: neutralised as in
	 * diagram labels, for every format the rows feed (CSV, Markdown,
	 * HTML, XLSX). '\n' separates a cell's items. */
	if (ms_needs_neutral(ms_buf_cstr(b), true)) {
		ms_buf clean = MS_BUF_INIT;
		ms_put_neutral(&clean, ms_buf_cstr(b), true);
		ms_buf_free(b);
		*b = clean;
		if (clean.oom)
			return -1;
	}
	return 0;
}

static medscope_status emit_row(row *r, unsigned sev)
{
	for (size_t i = 0; i < r->ncols; i++) {
		if (ms_report_cell_clean(&r->col[i]) < 0)
			return MEDSCOPE_ERR_NOMEM;
		r->cells[i] = ms_buf_cstr(&r->col[i]);
	}
	medscope_status s = r->fn(r->ctx, r->cells, r->ncols, sev) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
	for (size_t i = 0; i < r->ncols; i++)
		ms_buf_clear(&r->col[i]);
	return s;
}

/* A party's certifications, one a line across three cells: scheme, expiry,
 * and whether it is valid on the as-of date (FAQ 4.2). Sorted by scheme,
 * then expiry, so that the order of the elements does not matter. */
static medscope_status put_certs(row *r, const medscope_analysis *a, const ms_party *party,
                                 medscope_lang lang)
{
	const ms_cert **certs = ms_sorted_certs(a->model, party);
	if (party->ncert && !certs)
		return MEDSCOPE_ERR_NOMEM;
	for (uint32_t k = 0; k < party->ncert; k++) {
		const ms_cert *c = certs[k];
		if (k) {
			ms_buf_putc(&r->col[7], '\n');
			ms_buf_putc(&r->col[8], '\n');
			ms_buf_putc(&r->col[9], '\n');
		}
		ms_buf_puts(&r->col[7], ms_word(MS_W_CERT_SCHEME, c->scheme, lang));
		put_date(&r->col[8], c->valid_until, MS_L(lang, "not stated", "記載なし"));
		ms_buf_puts(&r->col[9], ms_cert_valid(c, a->as_of) ? MS_L(lang, "valid", "有効")
		                                                   : MS_L(lang, "expired", "期限切れ"));
	}
	free(certs);
	return MEDSCOPE_OK;
}

uint32_t *ms_missing_per_party(const medscope_analysis *a)
{
	uint32_t *n = calloc(a->model->parties.n + 1, sizeof(*n));
	if (!n)
		return NULL;
	for (size_t i = 0; i < a->requirements.n; i++) {
		const ms_requirement *rq = &a->requirements.v[i];
		if (rq->satisfied_by != MS_NONE)
			continue;
		for (unsigned k = 0; k < rq->nparties && k < 3; k++)
			n[rq->parties[k]]++;
	}
	return n;
}

/* rules.md §1: a party, whether it is in scope, every reason that holds,
 * its certifications and how many of its required agreements are missing
 * (the procurement question: which companies, which certificates, which
 * papers). */
static medscope_status scope_rows(const medscope_analysis *a, medscope_lang lang, row *r)
{
	const medscope_model *m = a->model;
	uint32_t *missing = ms_missing_per_party(a);
	medscope_status s = missing ? MEDSCOPE_OK : MEDSCOPE_ERR_NOMEM;
	for (size_t i = 0; i < m->parties.n && s == MEDSCOPE_OK; i++) {
		uint32_t p = a->party_order[i];
		const ms_party *party = &m->parties.v[p];
		const ms_party_scope *sc = &a->scope[p];
		ms_buf_puts(&r->col[0], party->id);
		ms_buf_puts(&r->col[1], party->name);
		ms_buf_puts(&r->col[2], ms_word(MS_W_PARTY_KIND, party->kind, lang));
		ms_buf_puts(&r->col[3], sc->in_scope ? MS_L(lang, "in scope", "対象事業者")
		                                     : MS_L(lang, "out of scope", "対象外"));
		if (sc->in_scope)
			put_category(&r->col[4], sc->category, lang);
		for (uint32_t k = 0; k < sc->nreasons; k++) {
			const ms_reason *rs = &a->reasons.v[sc->reason_off + k];
			if (k)
				ms_buf_putc(&r->col[5], '\n');
			put_rule(&r->col[5], rs->rule, lang);
			ms_buf_printf(&r->col[5], " — %s", ms_rules[rs->rule].cite_key);
			if (rs->via.n) {
				ms_buf_puts(&r->col[5], MS_L(lang, " — via ", " — 該当: "));
				ms_put_via(&r->col[5], a, rs->via, ", ", lang);
			}
		}
		/* Facilities answer to the MHLW guideline instead (FAQ 1.1). */
		if (sc->mhlw)
			ms_buf_puts(&r->col[6], MS_L(lang, "applies", "適用"));
		s = put_certs(r, a, party, lang);
		ms_buf_printf(&r->col[10], "%u", (unsigned)missing[p]);
		if (s == MEDSCOPE_OK)
			s = emit_row(r, MS_SEV_NONE);
	}
	free(missing);
	return s;
}

/* rules.md §2: one row per (served system, facility). The facility stays
 * accountable in every row (FAQ 5); the owner runs risk management. */
static medscope_status owners_rows(const medscope_analysis *a, medscope_lang lang, row *r)
{
	const medscope_model *m = a->model;
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < m->systems.n && s == MEDSCOPE_OK; i++) {
		uint32_t sys = a->system_order[i];
		const ms_system *system = &m->systems.v[sys];
		const ms_system_info *info = &a->sysinfo[sys];
		for (uint32_t k = 0; k < info->nown && s == MEDSCOPE_OK; k++) {
			const ms_ownership *ow = &a->ownership.v[info->own_off + k];
			ms_buf_puts(&r->col[0], system->id);
			ms_buf_puts(&r->col[1], system->name ? system->name : "");
			ms_buf_puts(&r->col[2], ms_word(MS_W_LAYER, system->layer, lang));
			ms_buf_puts(&r->col[3], m->parties.v[ow->facility].id);
			ms_buf_puts(&r->col[4], m->parties.v[ow->facility].name);
			ms_buf_puts(&r->col[5], m->parties.v[ow->owner].id);
			ms_buf_puts(&r->col[6], m->parties.v[ow->owner].name);
			put_basis(&r->col[7], ow->basis, lang);
			put_named_ids(&r->col[8], a, ow->considered_by, 1, ", ");
			ms_put_via(&r->col[9], a, ow->via, " → ", lang); /* the chain, in order */
			s = emit_row(r, MS_SEV_NONE);
		}
	}
	return s;
}

/* One satisfying agreement as a line of the agreement, document, date and
 * review-by cells. With several lines an absent value is "-", so that the
 * lines of the four cells stay aligned. */
static void put_agreement_line(row *r, const ms_agreement *g, int first, int several)
{
	const char *absent = several ? "-" : "";
	if (!first)
		for (int c = 6; c <= 9; c++)
			ms_buf_putc(&r->col[c], '\n');
	ms_buf_puts(&r->col[6], g->id);
	ms_buf_puts(&r->col[7], g->document ? g->document : absent);
	put_date(&r->col[8], g->date, absent);
	put_date(&r->col[9], g->review_by, absent);
}

/* The agreements meeting rq: satisfied_by (the most specific, rules.md §3)
 * first, then the others that contribute. */
static void put_satisfying(row *r, const medscope_analysis *a, const ms_requirement *rq)
{
	const medscope_model *m = a->model;
	int several = 0;
	for (uint32_t i = 0; i < rq->satisfied_all.n; i++)
		several |= MS_APOOL(a, rq->satisfied_all, i) != rq->satisfied_by;
	put_agreement_line(r, &m->agreements.v[rq->satisfied_by], 1, several);
	for (uint32_t i = 0; i < rq->satisfied_all.n; i++) {
		uint32_t g = MS_APOOL(a, rq->satisfied_all, i);
		if (g != rq->satisfied_by)
			put_agreement_line(r, &m->agreements.v[g], 0, several);
	}
}

/* The exception that suppresses a missing requirement's finding, or MS_NONE. */
static uint32_t suppressing_exception(const medscope_analysis *a, const ms_requirement *rq)
{
	if (rq->finding == MS_NONE || rq->finding >= a->findings.n)
		return MS_NONE;
	return a->findings.v[rq->finding].exception;
}

/* rules.md §3: each required agreement, present or missing; the status and
 * the papers that meet it in cells of their own, for a spreadsheet filter. */

static medscope_status agreement_rows(const medscope_analysis *a, medscope_lang lang, row *r)
{
	const medscope_model *m = a->model;
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < a->requirements.n && s == MEDSCOPE_OK; i++) {
		const ms_requirement *rq = &a->requirements.v[i];
		int present = rq->satisfied_by != MS_NONE;
		put_topic(&r->col[0], rq->topic, lang);
		for (unsigned k = 0; k < rq->nparties && k < 3; k++) {
			const ms_party *p = &m->parties.v[rq->parties[k]];
			if (k)
				ms_buf_puts(&r->col[1], ", ");
			put_named(&r->col[1], p->id, p->name);
		}
		put_named_ids(&r->col[2], a, rq->systems, 0, ", ");
		if (present) {
			ms_buf_puts(&r->col[3], MS_L(lang, "present", "合意あり"));
			put_satisfying(r, a, rq);
		} else {
			ms_buf_puts(&r->col[3], MS_L(lang, "MISSING", "欠落"));
			/* The severity is that of the finding a missing agreement raises. */
			ms_buf_puts(&r->col[4], ms_report_severity(rq->severity, lang));
		}
		/* Still missing when an exception accepts it (rules.md §5): the
		 * exception is written beside the status, never instead of it. */
		uint32_t x = suppressing_exception(a, rq);
		if (x != MS_NONE) {
			ms_buf_putc(&r->col[3], '\n');
			ms_report_suppression(&r->col[3], a, x, lang);
		}
		ms_buf_puts(&r->col[5], ms_rules[rq->rule].code);
		if (rq->contract != MS_NONE)
			ms_buf_puts(&r->col[10], ms_sym_name(m, rq->contract));
		ms_buf_puts(&r->col[11], ms_rules[rq->rule].cite_key);
		s = emit_row(r, present ? MS_SEV_NONE
		                        : rq->severity | (x != MS_NONE ? MS_REPORT_SUPPRESSED : 0));
	}
	return s;
}

/* rules.md §4 and the missing agreements: what is wrong, where, and the
 * guideline phrase it rests on. */
static medscope_status finding_rows(const medscope_analysis *a, medscope_lang lang, row *r)
{
	medscope_status s = MEDSCOPE_OK;
	for (size_t i = 0; i < a->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &a->findings.v[i];
		ms_buf_puts(&r->col[0], ms_report_severity(f->severity, lang));
		ms_buf_puts(&r->col[1], ms_rules[f->rule].code);
		ms_finding_message(a, f, lang, &r->col[2]);
		ms_put_sym_ids(&r->col[3], a, f->subjects, ", ");
		ms_buf_printf(&r->col[4], "%u", (unsigned)f->loc.line);
		ms_buf_printf(&r->col[5], "%u", (unsigned)f->loc.col);
		ms_report_citation(&r->col[6], f->rule);
		if (f->exception != MS_NONE)
			ms_report_suppression(&r->col[7], a, f->exception, lang);
		s = emit_row(r, f->severity | (f->exception != MS_NONE ? MS_REPORT_SUPPRESSED : 0));
	}
	return s;
}

medscope_status ms_report_rows(const medscope_analysis *a, medscope_table table,
                               medscope_lang lang, ms_report_row_fn fn, void *ctx)
{
	row r;
	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.ctx = ctx;
	ms_report_header(table, lang, &r.ncols);
	medscope_status s;
	switch (table) {
	case MEDSCOPE_TABLE_SCOPE:
		s = scope_rows(a, lang, &r);
		break;
	case MEDSCOPE_TABLE_OWNERS:
		s = owners_rows(a, lang, &r);
		break;
	case MEDSCOPE_TABLE_AGREEMENTS:
		s = agreement_rows(a, lang, &r);
		break;
	default:
		s = finding_rows(a, lang, &r);
		break;
	}
	for (size_t i = 0; i < MS_REPORT_MAX_COLS; i++)
		ms_buf_free(&r.col[i]);
	return s;
}

size_t ms_report_count(const medscope_analysis *a, medscope_table table)
{
	switch (table) {
	case MEDSCOPE_TABLE_SCOPE:
		return a->model->parties.n;
	case MEDSCOPE_TABLE_OWNERS:
		return a->ownership.n;
	case MEDSCOPE_TABLE_AGREEMENTS:
		return a->requirements.n;
	default:
		return a->findings.n;
	}
}
