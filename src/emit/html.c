/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as one self-contained HTML page: the supply diagram inline as
 * SVG, the scope table, the responsibility matrix, the 責任分界表 of each
 * facility, the required agreements
 * and the findings grouped by severity, in Japanese and in English.
 *
 * Self-contained: inline CSS, no script, no font or image to fetch, and a
 * Content-Security-Policy that forbids the page from loading anything. The
 * language toggle is two radio buttons and CSS (:checked ~ ...), so it
 * works where scripts are off; opts->lang picks the one checked at first.
 *
 * Every text from the model or the catalog goes through html_text(), which
 * escapes & < > " '. The page is also well-formed XML (polyglot markup), so
 * that tests can check it with an XML parser as well as an HTML one.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/report.h"
#include "util/lang.h"

/* The one escaping function: `n` bytes of `s` as HTML text or attribute value. */
static void html_text_n(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(s[i], out);
		}
	}
}

static void html_text(FILE *out, const char *s)
{
	html_text_n(out, s, strlen(s));
}

/* A report cell: its '\n' separated items on lines of their own. */
static void html_cell(FILE *out, const char *s)
{
	for (;;) {
		const char *nl = strchr(s, '\n');
		html_text_n(out, s, nl ? (size_t)(nl - s) : strlen(s));
		if (!nl)
			break;
		fputs("<br/>", out);
		s = nl + 1;
	}
}

static const char *sev_class(unsigned sev)
{
	return sev == MS_SEV_ERROR ? "error" : sev == MS_SEV_WARNING ? "warning" : "note";
}

/* ---- tables ------------------------------------------------------------ */

typedef struct {
	FILE *out;
	/* MS_SEV_NONE: every row; MS_REPORT_SUPPRESSED: the suppressed rows;
	 * else the rows of this severity that no exception suppresses. */
	unsigned only_sev;
	size_t skip;       /* leading columns left out (the severity of grouped findings) */
	size_t drop;       /* trailing columns left out (the suppression, where none is) */
} rows_ctx;

static bool row_wanted(unsigned only_sev, unsigned sev)
{
	if (only_sev == MS_SEV_NONE)
		return true;
	if (only_sev == MS_REPORT_SUPPRESSED)
		return (sev & MS_REPORT_SUPPRESSED) != 0;
	return sev == only_sev;
}

static int html_row(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	rows_ctx *c = ctx;
	if (!row_wanted(c->only_sev, sev))
		return 0;
	if (sev != MS_SEV_NONE)
		fprintf(c->out, "<tr class=\"sev-%s%s\">", sev_class(sev & 0xffu),
		        sev & MS_REPORT_SUPPRESSED ? " suppressed" : "");
	else
		fputs("<tr>", c->out);
	for (size_t i = c->skip; i + c->drop < ncols; i++) {
		fputs("<td>", c->out);
		html_cell(c->out, cells[i]);
		fputs("</td>", c->out);
	}
	fputs("</tr>\n", c->out);
	return ferror(c->out) ? -1 : 0;
}

static medscope_status html_table(FILE *out, const medscope_analysis *a, medscope_table table,
                                  medscope_lang lang, unsigned only_sev, size_t skip, size_t drop)
{
	size_t ncols;
	const char *const *head = ms_report_header(table, lang, &ncols);
	fputs("<div class=\"scroll\"><table>\n<thead><tr>", out);
	for (size_t i = skip; i + drop < ncols; i++) {
		fputs("<th>", out);
		html_text(out, head[i]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	rows_ctx c = {out, only_sev, skip, drop};
	medscope_status s = ms_report_rows(a, table, lang, html_row, &c);
	fputs("</tbody>\n</table></div>\n", out);
	return s;
}

static void none(FILE *out, medscope_lang lang)
{
	fputs("<p class=\"none\">", out);
	html_text(out, ms_report_none(lang));
	fputs("</p>\n", out);
}

/* One table section in one language. */
static medscope_status html_section_lang(FILE *out, const medscope_analysis *a,
                                         medscope_table table, medscope_lang lang)
{
	int ja = lang == MEDSCOPE_LANG_JA;
	medscope_status s = MEDSCOPE_OK;
	fprintf(out, "<div class=\"l-%s\" lang=\"%s\">\n<h2>", ja ? "ja" : "en", ja ? "ja" : "en");
	html_text(out, ms_report_title(table, lang));
	fputs("</h2>\n", out);
	const char *note = ms_report_note(table, lang);
	if (note) {
		fputs("<p>", out);
		html_text(out, note);
		fputs("</p>\n", out);
	}
	if (ms_report_count(a, table) == 0) {
		none(out, lang);
	} else if (table != MEDSCOPE_TABLE_FINDINGS) {
		s = html_table(out, a, table, lang, MS_SEV_NONE, 0, 0);
	} else {
		/* Findings grouped by severity, the most severe first; the
		 * suppression column is empty there, so it is left out. */
		for (unsigned sev = MS_SEV_ERROR; sev >= MS_SEV_NOTE && s == MEDSCOPE_OK; sev--) {
			if (a->counts[sev] == 0)
				continue;
			fprintf(out, "<h3 class=\"sev-%s\">", sev_class(sev));
			html_text(out, ms_report_severity(sev, lang));
			fprintf(out, " (%zu)</h3>\n", a->counts[sev]);
			s = html_table(out, a, table, lang, sev, 1, 1);
		}
		/* Accepted findings (rules.md §5) apart, folded: still there for
		 * the reviewer, out of the way of what needs doing. */
		if (a->suppressed && s == MEDSCOPE_OK) {
			fputs("<details class=\"suppressed\">\n<summary>", out);
			html_text(out, ms_report_suppressed_title(lang));
			fprintf(out, " (%zu)</summary>\n", a->suppressed);
			s = html_table(out, a, table, lang, MS_REPORT_SUPPRESSED, 0, 0);
			fputs("</details>\n", out);
		}
	}
	fputs("</div>\n", out);
	return s;
}

static medscope_status html_section(FILE *out, const medscope_analysis *a, medscope_table table,
                                    const char *id)
{
	fprintf(out, "<section id=\"%s\">\n", id);
	medscope_status s = html_section_lang(out, a, table, MEDSCOPE_LANG_JA);
	if (s == MEDSCOPE_OK)
		s = html_section_lang(out, a, table, MEDSCOPE_LANG_EN);
	fputs("</section>\n", out);
	return s;
}

/* ---- the 責任分界表 ------------------------------------------------------- */

/* A table's header row: the columns of report_matrix.c's header. */
static int html_head_row(void *ctx, const char *const *cells, size_t ncols, unsigned sev)
{
	rows_ctx *c = ctx;
	(void)sev;
	fputs("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr>", c->out);
	for (size_t i = 0; i < ncols; i++) {
		fputs("<th>", c->out);
		html_cell(c->out, cells[i]);
		fputs("</th>", c->out);
	}
	fputs("</tr></thead>\n<tbody>\n", c->out);
	return ferror(c->out) ? -1 : 0;
}

/* The 責任分界表 of each facility in one language, the same tables as the
 * Markdown report's (report_matrix.c), then the legend of the roles. */
static medscope_status html_matrix_lang(FILE *out, const medscope_analysis *a,
                                        const ms_report_matrices *mt, medscope_lang lang)
{
	int ja = lang == MEDSCOPE_LANG_JA;
	medscope_status s = MEDSCOPE_OK;
	ms_buf b = MS_BUF_INIT;
	fprintf(out, "<div class=\"l-%s\" lang=\"%s\">\n<h2>", ja ? "ja" : "en", ja ? "ja" : "en");
	html_text(out, MS_L(lang, "Responsibility matrix (per facility)", "責任分界表 (医療機関等ごと)"));
	fputs("</h2>\n", out);
	if (mt->n == 0)
		none(out, lang);
	for (uint32_t i = 0; i < mt->n && s == MEDSCOPE_OK; i++) {
		ms_report_matrix_title(&b, a, mt->facs[i], lang);
		fputs("<h3>", out);
		html_text(out, ms_buf_cstr(&b));
		fputs("</h3>\n", out);
		ms_buf_clear(&b);
		rows_ctx c = {out, MS_SEV_NONE, 0, 0};
		s = ms_report_matrix_one(a, mt->ix, mt->facs[i], lang, html_head_row, html_row, &c);
		fputs("</tbody>\n</table></div>\n", out);
	}
	if (s == MEDSCOPE_OK && mt->n) {
		fprintf(out, "<p class=\"legend\">%s</p>\n<ul class=\"legend\">\n",
		        MS_L(lang, "Legend", "凡例"));
		for (unsigned bit = 0; bit < MS_ROLE__COUNT; bit++) {
			ms_report_matrix_legend(&b, bit, lang);
			fputs("<li>", out);
			html_text(out, ms_buf_cstr(&b));
			fputs("</li>\n", out);
			ms_buf_clear(&b);
		}
		fputs("</ul>\n", out);
	}
	fputs("</div>\n", out);
	if (b.oom && s == MEDSCOPE_OK)
		s = MEDSCOPE_ERR_NOMEM;
	ms_buf_free(&b);
	return s;
}

static medscope_status html_matrix(FILE *out, const medscope_analysis *a, const char *facility)
{
	ms_report_matrices mt;
	medscope_status s = ms_report_matrices_open(&mt, a, facility);
	if (s != MEDSCOPE_OK)
		return s;
	fputs("<section id=\"matrix\">\n", out);
	s = html_matrix_lang(out, a, &mt, MEDSCOPE_LANG_JA);
	if (s == MEDSCOPE_OK)
		s = html_matrix_lang(out, a, &mt, MEDSCOPE_LANG_EN);
	fputs("</section>\n", out);
	ms_report_matrices_close(&mt);
	return s;
}

/* ---- the diagram ------------------------------------------------------- */

typedef struct {
	char *buf;        /* the SVG document, malloc'd by open_memstream */
	size_t len;
	const char *svg;  /* its <svg> element, past the prolog and DOCTYPE */
	medscope_status status;
	medscope_diags *diags;
} diagram;

/* Draw the supply view into memory. Only running out of memory fails the
 * report; a refused drawing (over the node budget, Graphviz failing) is
 * kept in d->status and shown as a note instead. */
static medscope_status render_diagram(diagram *d, const medscope_analysis *a, medscope_lang lang)
{
	memset(d, 0, sizeof(*d));
	if (medscope_diags_new(&d->diags, 20) != MEDSCOPE_OK)
		return MEDSCOPE_ERR_NOMEM;
	FILE *mem = open_memstream(&d->buf, &d->len);
	if (!mem)
		return MEDSCOPE_ERR_NOMEM;
	medscope_graph_options go;
	medscope_graph_options_init(&go);
	go.format = "svg";
	go.lang = lang;
	d->status = medscope_graph_render(mem, a, &go, d->diags);
	if (fclose(mem) != 0 || !d->buf)
		return MEDSCOPE_ERR_NOMEM;
	if (d->status == MEDSCOPE_ERR_NOMEM)
		return MEDSCOPE_ERR_NOMEM;
	if (d->status == MEDSCOPE_OK) {
		/* An HTML page takes the <svg> element, not an XML document. */
		d->svg = strstr(d->buf, "<svg");
		if (!d->svg)
			d->status = MEDSCOPE_ERR_RENDER;
	}
	return MEDSCOPE_OK;
}

static void diagram_free(diagram *d)
{
	free(d->buf);
	medscope_diags_free(d->diags);
}

static void html_diagram(FILE *out, const diagram *d)
{
	fputs("<section id=\"diagram\">\n"
	      "<h2><span class=\"l-ja\" lang=\"ja\">供給関係図</span>"
	      "<span class=\"l-en\" lang=\"en\">Supply diagram</span></h2>\n",
	      out);
	if (d->svg) {
		fputs("<figure class=\"diagram\">\n", out);
		fputs(d->svg, out);
		fputs("\n</figure>\n", out);
	} else {
		fputs("<div class=\"notice\">\n", out);
		if (d->status == MEDSCOPE_ERR_LIMIT)
			fputs("<p class=\"l-ja\" lang=\"ja\">モデルが図の上限を超えるため、図は描画していません。"
			      "<code>medscope graph MODEL -o FILE --focus ID</code> で一部を描画してください。</p>\n"
			      "<p class=\"l-en\" lang=\"en\">The diagram was not drawn: the model exceeds the "
			      "drawing budget. Draw part of it with "
			      "<code>medscope graph MODEL -o FILE --focus ID</code>.</p>\n",
			      out);
		else
			fputs("<p class=\"l-ja\" lang=\"ja\">図を描画できませんでした (Graphviz)。</p>\n"
			      "<p class=\"l-en\" lang=\"en\">The diagram could not be drawn (Graphviz).</p>\n",
			      out);
		size_t n = d->diags ? medscope_diags_count(d->diags) : 0;
		if (n) {
			fputs("<ul>\n", out);
			for (size_t i = 0; i < n; i++) {
				fputs("<li>", out);
				html_text(out, medscope_diag_message(d->diags, i));
				fputs("</li>\n", out);
			}
			fputs("</ul>\n", out);
		}
		fputs("</div>\n", out);
	}
	fputs("</section>\n", out);
}

/* ---- the page ---------------------------------------------------------- */

/* No '<' or '&' in here: the page stays well-formed XML. */
static const char css[] =
	"body{margin:0;font-family:system-ui,\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\","
	"Meiryo,sans-serif;color:#1d2330;background:#f4f6f8;line-height:1.5}\n"
	".lang{position:absolute;opacity:0;pointer-events:none}\n"
	"#lang-ja:checked ~ * .l-en,#lang-ja:checked ~ .l-en,"
	"#lang-en:checked ~ * .l-ja,#lang-en:checked ~ .l-ja{display:none}\n"
	"header.bar{display:flex;justify-content:space-between;align-items:center;"
	"padding:.6rem 1.5rem;background:#1f3a5f;color:#fff}\n"
	"header.bar .brand{font-weight:700;letter-spacing:.04em}\n"
	".toggle label{display:inline-block;padding:.15rem .9rem;margin-left:.4rem;"
	"border:1px solid #fff;border-radius:1rem;cursor:pointer}\n"
	"#lang-ja:checked ~ header label[for=lang-ja],"
	"#lang-en:checked ~ header label[for=lang-en]{background:#fff;color:#1f3a5f}\n"
	".lang:focus-visible ~ header .toggle{outline:2px solid #ffbf47}\n"
	"main{max-width:1280px;margin:0 auto;padding:0 1.5rem 2rem}\n"
	"section{background:#fff;border:1px solid #dde1e6;border-radius:6px;"
	"padding:.8rem 1.25rem 1rem;margin:1rem 0}\n"
	"h1{font-size:1.5rem;margin:1.2rem 0 .4rem}h2{font-size:1.2rem;margin:.2rem 0 .6rem}"
	"h3{font-size:1rem;margin:1rem 0 .4rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}\n"
	"dl.meta dt{font-weight:600;color:#4a5568}dl.meta dd{margin:0}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:.88rem}\n"
	"th,td{border:1px solid #d5d9de;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
	"th{background:#eef1f5;white-space:nowrap}\n"
	"tr.sev-error td{background:#fdecee}tr.sev-warning td{background:#fff5dc}"
	"tr.sev-note td{background:#eaf3fd}\n"
	"h3.sev-error{color:#b3261e}h3.sev-warning{color:#8a5200}h3.sev-note{color:#2c5f9e}\n"
	".badge{display:inline-block;padding:0 .6rem;border-radius:1rem;color:#fff;font-weight:600;"
	"margin-right:.3rem}\n"
	".badge.error{background:#b3261e}.badge.warning{background:#a86200}"
	".badge.note{background:#2c6fb7}\n"
	"figure.diagram{margin:0;overflow:auto;text-align:center}"
	"figure.diagram svg{max-width:100%;height:auto}\n"
	".notice{border-left:4px solid #a86200;background:#fff5dc;padding:.3rem .9rem}\n"
	"p.none{color:#4a5568}\n"
	"table.matrix td:nth-child(n+4){white-space:nowrap}p.legend{font-weight:600;margin:.8rem 0 .2rem}"
	"ul.legend{margin:0;padding-left:1.2rem;font-size:.88rem}\n"
	".badge.suppressed{background:#6b7280}tr.suppressed td{background:#f1f2f4;color:#4a5568}\n"
	"details.suppressed{margin:1rem 0 .4rem}details.suppressed summary{font-weight:600;"
	"cursor:pointer}\n"
	"footer{max-width:1280px;margin:0 auto;padding:0 1.5rem 2rem;color:#4a5568;font-size:.8rem}\n"
	"@media print{header .toggle{display:none}section{break-inside:avoid-page}}\n";

/* Title and summary of the analysis in one language. */
static void html_intro(FILE *out, const medscope_analysis *a, medscope_lang lang)
{
	const medscope_model *m = a->model;
	int ja = lang == MEDSCOPE_LANG_JA;
	const char *tag = ja ? "ja" : "en";
	fprintf(out, "<div class=\"l-%s\" lang=\"%s\">\n<h1>", tag, tag);
	fputs(ja ? "対象範囲・リスクマネジメントの責任分界・必要な合意"
	         : "Scope, risk-management responsibility and required agreements",
	      out);
	fputs("</h1>\n<section id=\"summary-", out);
	fputs(tag, out);
	fputs("\">\n<dl class=\"meta\">\n<dt>", out);
	fputs(ja ? "モデル" : "Model", out);
	fputs("</dt><dd>", out);
	html_text(out, m->name[0] ? m->name : (ja ? "(名称なし)" : "(unnamed)"));
	fputs(ja ? "</dd>\n<dt>ファイル</dt><dd>" : "</dd>\n<dt>File</dt><dd>", out);
	html_text(out, m->file_text);
	fprintf(out, "</dd>\n<dt>%s</dt><dd>%s (", ja ? "基準日" : "As of", a->as_of_text);
	html_text(out, ms_report_as_of_source(a->as_of_source, lang));
	fprintf(out, ")</dd>\n<dt>%s</dt><dd>", ja ? "ガイドライン" : "Guideline");
	html_text(out, ms_rules_guideline);
	fprintf(out, "</dd>\n<dt>%s</dt><dd>", ja ? "指摘" : "Findings");
	static const unsigned sevs[] = {MS_SEV_ERROR, MS_SEV_WARNING, MS_SEV_NOTE};
	for (size_t i = 0; i < 3; i++)
		fprintf(out, "<span class=\"badge %s\">%s %zu</span>", sev_class(sevs[i]),
		        ms_report_severity(sevs[i], lang), a->counts[sevs[i]]);
	if (a->suppressed)
		fprintf(out, "<span class=\"badge suppressed\">%s %zu</span>",
		        ja ? "例外により抑制" : "suppressed", a->suppressed);
	fputs("</dd>\n</dl>\n</section>\n</div>\n", out);
}

medscope_status ms_emit_html(FILE *out, const medscope_analysis *a, const medscope_emit_options *opts)
{
	int ja = opts->lang == MEDSCOPE_LANG_JA;
	diagram d;
	medscope_status s = render_diagram(&d, a, opts->lang);
	if (s != MEDSCOPE_OK)
		goto cleanup;

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n",
	        ja ? "ja" : "en");
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; img-src data:\"/>\n"
	      "<meta name=\"generator\" content=\"medscope " MEDSCOPE_VERSION_STRING "\"/>\n<title>",
	      out);
	html_text(out, a->model->name[0] ? a->model->name : a->model->file_text);
	fputs(" — medscope</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n", out);
	fprintf(out,
	        "<input type=\"radio\" name=\"lang\" id=\"lang-ja\" class=\"lang\"%s/>\n"
	        "<input type=\"radio\" name=\"lang\" id=\"lang-en\" class=\"lang\"%s/>\n",
	        ja ? " checked=\"checked\"" : "", ja ? "" : " checked=\"checked\"");
	fputs("<header class=\"bar\"><span class=\"brand\">medscope</span>"
	      "<span class=\"toggle\"><label for=\"lang-ja\" lang=\"ja\">日本語</label>"
	      "<label for=\"lang-en\" lang=\"en\">English</label></span></header>\n<main>\n",
	      out);
	html_intro(out, a, MEDSCOPE_LANG_JA);
	html_intro(out, a, MEDSCOPE_LANG_EN);
	html_diagram(out, &d);
	s = html_section(out, a, MEDSCOPE_TABLE_SCOPE, "scope");
	if (s == MEDSCOPE_OK)
		s = html_section(out, a, MEDSCOPE_TABLE_OWNERS, "owners");
	/* The 責任分界表 after the owners it lays out per facility, as in Markdown. */
	if (s == MEDSCOPE_OK)
		s = html_matrix(out, a, opts->facility);
	if (s == MEDSCOPE_OK)
		s = html_section(out, a, MEDSCOPE_TABLE_AGREEMENTS, "agreements");
	if (s == MEDSCOPE_OK)
		s = html_section(out, a, MEDSCOPE_TABLE_FINDINGS, "findings");
	fputs("</main>\n<footer>medscope " MEDSCOPE_VERSION_STRING " — ", out);
	html_text(out, ms_rules_guideline);
	fputs("</footer>\n</body>\n</html>\n", out);
	if (s == MEDSCOPE_OK && ferror(out))
		s = MEDSCOPE_ERR_IO;
cleanup:
	diagram_free(&d);
	return s;
}
