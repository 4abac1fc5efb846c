/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How things look: one style per kind of node, cluster and edge, the
 * fixed words of the labels in English and Japanese, and the legend, which
 * shows only the styles the drawing actually used.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"

typedef struct {
	const char *key, *value;
} attr;

typedef struct {
	attr common[6];   /* for nodes, clusters or edges alike */
	attr node_only[4]; /* shape and size: nodes (and legend samples) only */
	const char *word[2]; /* legend text: en, ja; NULL: the vocabulary's (style_word) */
	char kind;          /* 'n' node, 'c' cluster (a node in the contracts view), 'e' edge */
} style;

/* Colours: party fills are pale so that black text stays legible; edges
 * differ in colour and in dash pattern, so a grey-scale print still tells
 * them apart. (No constraint=false: with it, Graphviz 2.43's dot_cleanup
 * frees memory twice on larger drawings; undirected edges are oriented
 * along the supply chain instead, see graph_edges.c.) */
static const style styles[MS_ST__COUNT] = {
	[MS_ST_SAAS] = {{{"style", "rounded,filled"}, {"fillcolor", "#ffffff"}},
	                {{"shape", "box"}}, {NULL, NULL}, 'n'},
	[MS_ST_PAAS] = {{{"style", "filled"}, {"fillcolor", "#ffffff"}},
	                {{"shape", "component"}}, {NULL, NULL}, 'n'},
	[MS_ST_IAAS] = {{{"style", "filled"}, {"fillcolor", "#ffffff"}},
	                {{"shape", "box3d"}, {"margin", "0.08,0.07"}}, {NULL, NULL}, 'n'},
	[MS_ST_ON_PREMISE] = {{{"style", "filled"}, {"fillcolor", "#ffffff"}},
	                      {{"shape", "tab"}, {"margin", "0.06,0.06"}}, {NULL, NULL}, 'n'},
	[MS_ST_DEVICE] = {{{"style", "filled,diagonals"}, {"fillcolor", "#ffffff"}},
	                  {{"shape", "box"}, {"margin", "0.1,0.05"}}, {NULL, NULL}, 'n'},
	[MS_ST_TERMINAL] = {{{"style", "filled"}, {"fillcolor", "#ffffff"}},
	                    {{"shape", "trapezium"}}, {NULL, NULL}, 'n'},
	[MS_ST_NETWORK] = {{{"style", "filled"}, {"fillcolor", "#ffffff"}},
	                   {{"shape", "cds"}, {"margin", "0.08,0.07"}}, {NULL, NULL}, 'n'},
	[MS_ST_FACILITY] = {{{"style", "rounded,filled"}, {"fillcolor", "#ede7f6"},
	                     {"color", "#5e35b1"}, {"penwidth", "1.5"}},
	                    {{"shape", "box"}},
	                    {"facility (MHLW guideline)", "医療機関等 (厚労省GL)"}, 'c'},
	[MS_ST_DIRECT] = {{{"style", "filled"}, {"fillcolor", "#fff4d6"}, {"color", "#b7791f"},
	                   {"penwidth", "1.5"}},
	                  {{"shape", "box"}},
	                  {NULL, NULL}, 'c'},
	[MS_ST_SUPPLY_CHAIN] = {{{"style", "filled"}, {"fillcolor", "#e6f4e4"}, {"color", "#2e7d32"},
	                         {"penwidth", "1.5"}},
	                        {{"shape", "box"}},
	                        {NULL, NULL}, 'c'},
	[MS_ST_PATIENT_DIRECTED] = {{{"style", "filled"}, {"fillcolor", "#fde4ea"},
	                             {"color", "#ad1457"}, {"penwidth", "1.5"}},
	                            {{"shape", "box"}},
	                            {NULL, NULL}, 'c'},
	[MS_ST_CONNECTED_SERVICE] = {{{"style", "filled"}, {"fillcolor", "#e1f0fb"},
	                              {"color", "#0369a1"}, {"penwidth", "1.5"}},
	                             {{"shape", "box"}},
	                             {NULL, NULL}, 'c'},
	[MS_ST_OUT_OF_SCOPE] = {{{"style", "filled,dashed"}, {"fillcolor", "#f0f0f0"},
	                         {"color", "#9e9e9e"}, {"fontcolor", "#616161"}},
	                        {{"shape", "box"}},
	                        {"out of scope (reason shown)", "対象外 (理由を表示)"}, 'c'},
	[MS_ST_UNKNOWN_PROVIDER] = {{{"style", "dashed"}, {"color", "#c62828"},
	                             {"fontcolor", "#c62828"}},
	                            {{"shape", "box"}},
	                            {"provider unknown", "提供者不明"}, 'c'},
	[MS_ST_GROUP] = {{{"style", "rounded,filled"}, {"fillcolor", "#ede7f6"},
	                  {"color", "#5e35b1"}},
	                 {{"shape", "box"}, {"peripheries", "2"}},
	                 {"facilities folded together (same kind, same links)",
	                  "まとめた医療機関等 (同種・同じつながり)"}, 'n'},
	[MS_ST_OWNER] = {{{"style", "rounded,filled"}, {"fillcolor", "#ffffff"},
	                  {"color", "#1565c0"}, {"penwidth", "1.5"}},
	                 {{"shape", "box"}},
	                 {"risk-management owner", "リスクマネジメントの主体"}, 'c'},
	[MS_ST_AGREEMENT_HUB] = {{{"style", "filled"}, {"fillcolor", "#b2dfdb"},
	                          {"color", "#00897b"}},
	                         {{"shape", "diamond"}},
	                         {"agreement of 3 or more parties", "3 者以上の合意"}, 'n'},
	[MS_ST_RUNS_ON] = {{{"color", "#37474f"}, {"penwidth", "1.2"}},
	                   {{NULL, NULL}},
	                   {"runs on", "稼働基盤 (runs-on)"}, 'e'},
	[MS_ST_RUNS_ON_UNKNOWN] = {{{"color", "#37474f"}, {"style", "dotted"}, {"penwidth", "1.5"},
	                            {"fontcolor", "#37474f"}},
	                           {{NULL, NULL}},
	                           {"runs on infrastructure its provider does not know",
	                            "不明なインフラ上で稼働"}, 'e'},
	[MS_ST_CONNECTS] = {{{"color", "#1565c0"}, {"dir", "none"}, {"penwidth", "1.2"}},
	                    {{NULL, NULL}},
	                    {"connected", "接続"}, 'e'},
	[MS_ST_CONNECTS_API] = {{{"color", "#1565c0"}, {"dir", "none"}, {"penwidth", "2.5"},
	                         {"fontcolor", "#1565c0"}},
	                        {{NULL, NULL}},
	                        {"connected by API", "API 連携"}, 'e'},
	[MS_ST_CONTRACT] = {{{"color", "#2e7d32"}, {"penwidth", "1.5"}, {"fontcolor", "#1b5e20"}},
	                    {{NULL, NULL}},
	                    {"contract (client → supplier)", "契約等 (委託元 → 受託者)"}, 'e'},
	[MS_ST_CONTRACT_OTHER] = {{{"color", "#9e9e9e"}, {"style", "dotted"},
	                           {"arrowhead", "empty"}, {"fontcolor", "#757575"}},
	                          {{NULL, NULL}},
	                          {"sale, dispatch or patches only (not a 契約等)",
	                           "売買・派遣・パッチのみ (契約等に当たらない)"}, 'e'},
	[MS_ST_FLOW] = {{{"color", "#6a1b9a"}, {"style", "bold"}, {"arrowhead", "vee"},
	                 {"fontcolor", "#6a1b9a"}},
	                {{NULL, NULL}},
	                {"data flow", "データの流れ"}, 'e'},
	/* A double line: told from a contract's single line in grey-scale. */
	[MS_ST_AGREEMENT] = {{{"color", "#00897b:#ffffff:#00897b"}, {"dir", "none"}, {"penwidth", "1.2"},
	                      {"fontcolor", "#00695c"}},
	                     {{NULL, NULL}},
	                     {"agreement (topics)", "合意 (論点)"}, 'e'},
	[MS_ST_MISSING] = {{{"color", "#d32f2f"}, {"style", "dashed"}, {"penwidth", "2"},
	                    {"dir", "none"}, {"fontcolor", "#c62828"}},
	                   {{NULL, NULL}},
	                   {"required agreement missing (topic)", "必要な合意が無い (論点)"}, 'e'},
	/* Still missing (rules.md §5: an exception never turns a missing paper
	 * into a present one), so still drawn, but muted: accepted for now. */
	[MS_ST_MISSING_ACCEPTED] = {{{"color", "#b26a00"}, {"style", "dotted"}, {"penwidth", "2"},
	                             {"dir", "none"}, {"fontcolor", "#8a5200"}},
	                            {{NULL, NULL}},
	                            {"required agreement missing, accepted by an exception (until)",
	                             "必要な合意が無い — 例外で受容 (期限まで)"}, 'e'},
};

int ms_gv_style_apply(ms_gv *c, void *obj, ms_gv_style st)
{
	const style *s = &styles[st];
	int rc = 0;
	for (size_t i = 0; i < 6 && s->common[i].key; i++)
		rc |= ms_gv_set(obj, s->common[i].key, s->common[i].value);
	if (AGTYPE(obj) == AGNODE)
		for (size_t i = 0; i < 4 && s->node_only[i].key; i++)
			rc |= ms_gv_set(obj, s->node_only[i].key, s->node_only[i].value);
	c->used |= 1u << st;
	return rc;
}

/* The layer styles follow ms_layer, the scope styles ms_category. */
_Static_assert(MS_ST_NETWORK - MS_ST_SAAS + 1 == MS_LAYER__COUNT, "one style per layer");
_Static_assert(MS_ST_CONNECTED_SERVICE - MS_ST_DIRECT + 1 == MS_CAT__COUNT,
               "one style per scope category");

ms_gv_style ms_gv_party_style(const ms_gv *c, uint32_t party)
{
	const ms_party_scope *sc = &c->a->scope[party];
	if (sc->in_scope && sc->category != MS_CAT_NONE)
		return (ms_gv_style)(MS_ST_DIRECT + (sc->category - MS_CAT_DIRECT));
	/* Facilities are out of the vendor guideline's scope (FAQ 1.1) but are
	 * the centre of the picture: they get their own colour, not grey. A
	 * network operator that only coordinates (FAQ 2.2) is greyed. */
	if (c->m->parties.v[party].kind == MS_PARTY_FACILITY)
		return MS_ST_FACILITY;
	return MS_ST_OUT_OF_SCOPE;
}

/* ---- graph-wide attributes ---- */

int ms_gv_graph_defaults(ms_gv *c, const char *view_title)
{
	Agraph_t *g = c->g;
	/* The face, then the usual Japanese system fonts: an SVG viewer
	 * without Noto Sans CJK JP takes the next one it has (the SVG
	 * font-family is this list; Pango reads it as a list too). */
	ms_buf fonts = MS_BUF_INIT;
	ms_buf_printf(&fonts, "%s,Hiragino Sans,Hiragino Kaku Gothic ProN,Yu Gothic,Meiryo,sans-serif",
	              c->o->font);
	if (fonts.oom) {
		ms_buf_free(&fonts);
		return -1;
	}
	const char *font = fonts.s;
	int rc = 0;
	rc |= ms_gv_set(g, "rankdir", "LR");
	rc |= ms_gv_set(g, "compound", "true");
	rc |= ms_gv_set(g, "fontname", font);
	rc |= ms_gv_set(g, "fontsize", "12");
	rc |= ms_gv_set(g, "labelloc", "t");
	rc |= ms_gv_set(g, "labeljust", "l");
	/* Tight enough that a group of 30 facilities, folded, fits an A3
	 * sheet (graph_render.c); the labels' own margins keep it legible. */
	rc |= ms_gv_set(g, "nodesep", "0.2");
	rc |= ms_gv_set(g, "ranksep", "0.4");
	rc |= ms_gv_set(g, "pad", "0.2");
	rc |= ms_gv_set(g, "bgcolor", "white");
	/* Edges under nodes, so that a line never hides a label. */
	rc |= ms_gv_set(g, "outputorder", "edgesfirst");
	rc |= ms_gv_default(g, AGNODE, "fontname", font);
	rc |= ms_gv_default(g, AGNODE, "fontsize", "10");
	rc |= ms_gv_default(g, AGNODE, "margin", "0.06,0.03");
	rc |= ms_gv_default(g, AGEDGE, "fontname", font);
	rc |= ms_gv_default(g, AGEDGE, "fontsize", "9");

	/* The title: the model's name, the view, the date. No file path: the
	 * DOT must not depend on where the model was read from. */
	ms_buf *b = &c->label, *l = &c->line;
	ms_buf_clear(b);
	ms_buf_clear(l);
	ms_gv_table_open(b);
	ms_gv_rows(b, true, "<FONT POINT-SIZE=\"16\"><B>", "</B></FONT>",
	           c->m->name[0] ? c->m->name : MS_L(c->lang, "(unnamed model)", "(名称なし)"), MS_GV_NAME_MAX, 60);
	ms_gv_text(l, view_title, 0, 0);
	ms_gv_text(l, MS_L(c->lang, " · as of ", " · 基準日 "), 0, 0);
	ms_gv_text(l, c->a->as_of_text, 0, 0);
	if (c->o->focus) {
		char hops[48];
		ms_gv_text(l, MS_L(c->lang, " · around ", " · 中心 "), 0, 0);
		ms_gv_text(l, c->o->focus, MS_GV_NAME_MAX, 0);
		snprintf(hops, sizeof(hops), MS_L(c->lang, ", %u hop(s)", "、%u ホップ"), c->o->depth);
		ms_gv_text(l, hops, 0, 0);
	}
	if (c->sel.groups.n)
		ms_gv_text(l, MS_L(c->lang, " · similar facilities folded", " · 同種の医療機関等をまとめて表示"), 0, 0);
	ms_gv_row_html(b, true, "", "", l->s);
	ms_gv_table_close(b);
	rc |= ms_gv_set_html(g, "label", b->s);
	ms_buf_free(&fonts);
	return rc || b->oom || l->oom ? -1 : 0;
}

/* ---- the legend ---- */

static const char *attr_of(const style *s, const char *key)
{
	for (size_t i = 0; i < 6 && s->common[i].key; i++)
		if (strcmp(s->common[i].key, key) == 0)
			return s->common[i].value;
	return NULL;
}

const char *ms_gv_style_fontcolor(ms_gv_style st)
{
	const char *v = attr_of(&styles[st], "fontcolor");
	if (!v)
		v = attr_of(&styles[st], "color");
	return v ? v : "#000000";
}

/* The legend text of style `st`: a layer's or a scope category's word from
 * the vocabulary (the same word the boxes show), else the style's own. */
static void style_word(const ms_gv *c, ms_buf *b, unsigned st, unsigned wrap_cols)
{
	if (st <= MS_ST_NETWORK) {
		ms_gv_text(b, ms_word(MS_W_LAYER, st - MS_ST_SAAS, c->lang), 0, wrap_cols);
	} else if (st >= MS_ST_DIRECT && st <= MS_ST_CONNECTED_SERVICE) {
		ms_gv_text(b, MS_L(c->lang, "in scope: ", "対象事業者: "), 0, 0);
		ms_gv_text(b, ms_word(MS_W_CATEGORY, MS_CAT_DIRECT + (st - MS_ST_DIRECT), c->lang), 0,
		           wrap_cols);
	} else if (st == MS_ST_GROUP && c->sel.level >= MS_GV_FOLD_KIND) {
		ms_gv_text(b, MS_L(c->lang, "facilities folded together (same kind; ×N: how many)",
		                   "まとめた医療機関等 (同種、×N は施設数)"),
		           0, wrap_cols);
	} else {
		ms_gv_text(b, styles[st].word[c->lang], 0, wrap_cols);
	}
}

/* A party's box or an edge's line, drawn as the border of a table cell;
 * then the word. */
static void legend_row(ms_gv *c, ms_buf *b, unsigned st_index)
{
	const style *s = &styles[st_index];
	const char *color = attr_of(s, "color"), *st = attr_of(s, "style");
	const char *dash = st && strstr(st, "dashed") ? " STYLE=\"dashed\""
	                   : st && strstr(st, "dotted") ? " STYLE=\"dotted\""
	                   : st && strstr(st, "rounded") && s->kind != 'e' ? " STYLE=\"rounded\""
	                                                                   : "";
	if (s->kind == 'e') {
		const char *pw = attr_of(s, "penwidth");
		const char *dir = attr_of(s, "dir"), *head = attr_of(s, "arrowhead");
		int width = st && strstr(st, "bold") ? 2 : pw ? (int)(strtod(pw, NULL) + 0.5) : 1;
		if (width < 1)
			width = 1;
		/* A colour list "c:white:c" draws a double line: two borders. */
		char first[16];
		bool twice = color && strchr(color, ':');
		snprintf(first, sizeof(first), "%.*s", twice ? (int)(strchr(color, ':') - color) : 15,
		         color ? color : "#000000");
		/* The line is the bottom border of the upper of two half-height
		 * cells, so that it sits at the middle of the row (a double line:
		 * the lower cell's top border too). */
		ms_buf_printf(b, "<TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"%d\" CELLPADDING=\"0\">"
		                 "<TR><TD SIDES=\"B\" BORDER=\"%d\" COLOR=\"%s\"%s WIDTH=\"44\" HEIGHT=\"6\"></TD></TR>",
		              twice ? 2 : 0, width, first, dash);
		if (twice)
			ms_buf_printf(b, "<TR><TD SIDES=\"T\" BORDER=\"%d\" COLOR=\"%s\" HEIGHT=\"6\"></TD></TR>",
			              width, first);
		else
			ms_buf_puts(b, "<TR><TD HEIGHT=\"6\"></TD></TR>");
		ms_buf_puts(b, "</TABLE></TD>");
		ms_buf_printf(b, "<TD><FONT COLOR=\"%s\">", first);
		ms_gv_text(b, dir && strcmp(dir, "none") == 0 ? " " : head && strcmp(head, "empty") == 0 ? "▷" : "▶", 0, 0);
		ms_buf_puts(b, "</FONT></TD>");
	} else {
		const char *fill = attr_of(s, "fillcolor");
		ms_buf_printf(b, "<TR><TD COLSPAN=\"2\" BORDER=\"1\" COLOR=\"%s\" BGCOLOR=\"%s\"%s WIDTH=\"44\" HEIGHT=\"14\"></TD>",
		              color ? color : "#000000", fill ? fill : "#ffffff", dash);
	}
	ms_buf_puts(b, "<TD ALIGN=\"LEFT\">");
	style_word(c, b, st_index, 0);
	ms_buf_puts(b, "</TD></TR>");
}

int ms_gv_legend(ms_gv *c)
{
	uint32_t used = c->used;
	if (!used)
		return 0;
	Agraph_t *lg = ms_gv_subgraph(c->g, "cluster_~legend");
	if (!lg)
		return -1;
	int rc = 0;
	ms_buf *b = &c->label;
	ms_buf_clear(b);
	ms_buf_puts(b, "<B>");
	ms_gv_text(b, MS_L(c->lang, "Legend", "凡例"), 0, 0);
	ms_buf_puts(b, "</B>");
	rc |= ms_gv_set_html(lg, "label", b->s);
	rc |= ms_gv_set(lg, "style", "rounded");
	rc |= ms_gv_set(lg, "color", "#9e9e9e");
	rc |= ms_gv_set(lg, "fillcolor", "#ffffff");
	rc |= ms_gv_set(lg, "fontcolor", "#000000");
	rc |= ms_gv_set(lg, "penwidth", "1");
	/* Shapes need real nodes: the layers, folded groups, agreement hubs. */
	char name[48];
	for (unsigned st = 0; st < MS_ST__COUNT; st++) {
		const style *s = &styles[st];
		if (!(used & (1u << st)) || s->kind != 'n')
			continue;
		snprintf(name, sizeof(name), "~legend-%u", st);
		Agnode_t *n = ms_gv_node(lg, name);
		if (!n)
			return -1;
		rc |= ms_gv_style_apply(c, n, (ms_gv_style)st);
		rc |= ms_gv_set(n, "height", "0.3");
		rc |= ms_gv_set(n, "width", "0.6");
		rc |= ms_gv_set(n, "margin", "0.05,0.02");
		ms_buf_clear(b);
		ms_buf_clear(&c->line);
		style_word(c, &c->line, st, 24);
		ms_gv_table_open(b);
		ms_gv_row_html(b, false, "<FONT POINT-SIZE=\"9\">", "</FONT>", c->line.s);
		ms_gv_table_close(b);
		rc |= ms_gv_set_html(n, "label", b->s);
	}
	/* Party boxes and edges: one table, a row each, drawn with cell
	 * borders in the same colours and dash patterns. */
	ms_buf_clear(b);
	ms_buf_puts(b, "<TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">");
	bool rows = false;
	for (unsigned pass = 0; pass < 2; pass++)
		for (unsigned st = 0; st < MS_ST__COUNT; st++) {
			const style *s = &styles[st];
			if (!(used & (1u << st)) || s->kind != (pass ? 'e' : 'c'))
				continue;
			legend_row(c, b, st);
			rows = true;
		}
	/* The marks in labels, explained in words. */
	static const struct {
		const char *mark[2], *text[2];
	} marks[] = {
		[MS_MK_RM] = {{"RM: X", "RM: X"}, {"X owns the risk management", "X がリスクマネジメントの主体"}},
		[MS_MK_RM_TOWARDS] = {{"← H1 / ← 5 facilities", "← H1 / ← 5 施設"},
		                      {"towards these facilities", "対象の医療機関等 (または施設数)"}},
		[MS_MK_CONSIDERED] = {{"considered by: Y", "要考慮: Y"},
		                      {"Y must consider it too (FAQ 2.1)", "Y も考慮すべきもの (FAQ 2.1)"}},
		[MS_MK_GROUP_SHARE] = {{"for 2 of the 4 facilities", "4 施設中 2 施設"},
		                       {"members it applies to", "まとめた施設のうち該当する数"}},
	};
	for (unsigned mk = 0; mk < sizeof(marks) / sizeof(marks[0]); mk++) {
		if (!(c->marks & (1u << mk)))
			continue;
		ms_buf_puts(b, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT COLOR=\"#0d47a1\"><B>");
		ms_gv_text(b, marks[mk].mark[c->lang], 0, 0);
		ms_buf_puts(b, "</B></FONT></TD><TD ALIGN=\"LEFT\">");
		ms_gv_text(b, marks[mk].text[c->lang], 0, 0);
		ms_buf_puts(b, "</TD></TR>");
		rows = true;
	}
	ms_buf_puts(b, "</TABLE>");
	if (rows) {
		Agnode_t *t = ms_gv_node(lg, "~legend-table");
		if (!t || b->oom)
			return -1;
		rc |= ms_gv_set(t, "shape", "plain");
		rc |= ms_gv_set(t, "fontsize", "9");
		rc |= ms_gv_set_html(t, "label", b->s);
	}
	return rc ? -1 : 0;
}
