/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope impact --format csv`: one row per affected system and facility
 * it is served to (an affected system served to none has one row with the
 * facility columns empty), with the change-notification agreement on each
 * leg, provider → owner and owner → facility: an id, "-" when nobody needs
 * telling (one party is both) and "(none)"/"なし" when no agreement covers
 * it. CSV as the report writes it (csv.c): RFC 4180, CRLF, UTF-8 with a BOM
 * unless opts->csv_bom is 0, header in opts->lang, and a leading apostrophe
 * on fields Excel would run as a formula.
 */
#include <stdio.h>
#include <string.h>

#include "change/impact.h"
#include "util/lang.h"
#include "emit/report.h"

#define NCOLS 11

static void put_field(FILE *out, const char *s)
{
	/* "-" alone is our own "not needed" mark, not a formula. */
	if (strcmp(s, "-") == 0)
		fputc('-', out);
	else
		ms_csv_field(out, s);
}

static void put_record(FILE *out, const char *const *cells)
{
	for (size_t i = 0; i < NCOLS; i++) {
		if (i)
			fputc(',', out);
		put_field(out, cells[i]);
	}
	fputs("\r\n", out);
}

static const char *notice(const medscope_model *m, uint32_t g, medscope_lang lang)
{
	if (g == MS_IMPACT_NA)
		return "-";
	return g == MS_NONE ? MS_L(lang, "(none)", "なし") : m->agreements.v[g].id;
}

medscope_status ms_emit_impact_csv(FILE *out, const medscope_impact *im,
                                   const medscope_emit_options *opts)
{
	static const char *const head_en[NCOLS] = {
		"system", "provider", "layer", "depth", "runs_on", "facility", "owner", "basis",
		"considered_by", "notice_provider_to_owner", "notice_owner_to_facility"};
	static const char *const head_ja[NCOLS] = {
		"システム", "提供者", "層", "深さ", "稼働基盤", "医療機関等", "責任主体", "根拠",
		"検討に含める事業者", "変更通知の合意 (提供者→主体)", "変更通知の合意 (主体→医療機関等)"};
	const medscope_analysis *a = im->a;
	const medscope_model *m = a->model;
	ms_buf depth = MS_BUF_INIT, considered = MS_BUF_INIT;
	if (opts->csv_bom)
		fputs("\xEF\xBB\xBF", out);
	put_record(out, MS_L(opts->lang, head_en, head_ja));
	size_t e = 0;
	for (size_t i = 0; i < im->systems.n; i++) {
		const ms_impact_system *is = &im->systems.v[i];
		const ms_system *s = &m->systems.v[is->system];
		ms_buf_clear(&depth);
		ms_buf_printf(&depth, "%u", (unsigned)is->depth);
		const char *cells[NCOLS] = {
			s->id, s->provider == MS_NONE ? "" : m->parties.v[s->provider].id,
			ms_label(MS_W_LAYER, s->layer, opts->lang), ms_buf_cstr(&depth),
			is->parent == MS_NONE ? "" : m->systems.v[is->parent].id, "", "", "", "", "", ""};
		if (!is->nfacilities) {
			put_record(out, cells);
			continue;
		}
		for (uint32_t k = 0; k < is->nfacilities; k++, e++) {
			const ms_ownership *ow = &a->ownership.v[im->entries.v[e]];
			ms_buf_clear(&considered);
			for (uint32_t j = 0; j < ow->considered_by.n; j++)
				ms_buf_printf(&considered, "%s%s", j ? " " : "",
				              m->parties.v[MS_APOOL(a, ow->considered_by, j)].id);
			cells[5] = m->parties.v[ow->facility].id;
			cells[6] = m->parties.v[ow->owner].id;
			cells[7] = ms_rules[ow->basis].code;
			cells[8] = ms_buf_cstr(&considered);
			cells[9] = notice(m, im->entry_po.v[e], opts->lang);
			cells[10] = notice(m, im->entry_of.v[e], opts->lang);
			put_record(out, cells);
		}
	}
	int oom = depth.oom || considered.oom;
	ms_buf_free(&depth);
	ms_buf_free(&considered);
	if (oom)
		return MEDSCOPE_ERR_NOMEM;
	return ferror(out) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
}
