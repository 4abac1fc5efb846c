/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The builder's half: each event checked against the schema (schema.c,
 * value.c) and turned into the model's entities. The same code runs in the
 * caller's thread or in the builder thread (parse.c); it sees only the
 * events, never the parser.
 */
#include <stdlib.h>
#include <string.h>

#include "load/build.h"
#include "util/diags.h"
#include "util/suggest.h"

#define ERR(b, loc, ...) ms_report_error(&(b)->rep, (loc), __VA_ARGS__)
#define LANG(b) ((b)->rep.lang)

void ms_builder_init(ms_builder *b, medscope_model *m, medscope_diags *diags,
                const medscope_load_options *opts)
{
	memset(b, 0, sizeof(*b));
	ms_report_init(&b->rep, m, diags, opts->lang);
	b->opts = opts;
	b->current = MS_NONE;
}

void ms_builder_set_file(ms_builder *b, uint32_t file, bool part)
{
	b->file = file;
	b->part = part;
}

void ms_builder_free(ms_builder *b)
{
	ms_buf_free(&b->text);
	MS_VEC_FREE(b->includes);
}

/* A parser position in this builder's file. */
static ms_loc here(const ms_builder *b, ms_loc loc)
{
	loc.file = b->file;
	return loc;
}

/* Define the id in vals[0] as naming entity `index` of `kind`. */
static void define_id(ms_builder *b, el_kind el, const at_val *id, ms_sym_kind kind, size_t index)
{
	ms_sym *s = &b->rep.m->syms.v[id->u];
	if (s->kind != MS_SYM_UNDEFINED && s->loc.file == b->rep.loc.file) {
		ERR(b, b->rep.loc,
		    MS_L(LANG(b), "<%s>: duplicate id '%s' (first defined at line %u)",
		         "<%s>: id '%s' が重複しています (最初の定義は %u 行目)"),
		    ms_el_names[el], s->name, s->loc.line);
		return;
	}
	if (s->kind != MS_SYM_UNDEFINED) {
		/* Ids are unique across all files of a split model: name both. */
		ERR(b, b->rep.loc,
		    MS_L(LANG(b), "<%s>: duplicate id '%s' (first defined at %s:%u:%u)",
		         "<%s>: id '%s' が重複しています (最初の定義は %s:%u:%u)"),
		    ms_el_names[el], s->name, ms_loc_text(b->rep.m, s->loc), s->loc.line, s->loc.col);
		return;
	}
	s->kind = (uint8_t)kind;
	s->index = (uint32_t)index;
	s->loc = b->rep.loc;
}

static uint32_t opt_u(const at_val *v, uint32_t dflt)
{
	return v->present ? v->u : dflt;
}

static int32_t opt_date(const at_val *v)
{
	return v->present ? v->date : MS_NO_DATE;
}

static const char *opt_s(const at_val *v, const char *dflt)
{
	return v->present ? v->s : dflt;
}

static ms_span opt_span(const at_val *v)
{
	ms_span none = {0, 0};
	return v->present ? v->span : none;
}

/* Build the entity for a checked element. */
static void build(ms_builder *b, el_kind el, const at_val *v)
{
	medscope_model *m = b->rep.m;
	switch (el) {
	case EL_DEPLOYMENT:
		m->name = opt_s(&v[DE_NAME], "");
		m->as_of = opt_date(&v[DE_AS_OF]);
		m->loc = b->rep.loc;
		return;
	case EL_PART:
		return; /* model.md: name, as-of and --as-of come from the main file alone */
	case EL_INCLUDE: {
		ms_include *in = MS_VEC_PUSH(b->includes);
		if (!in) {
			ms_report_nomem(&b->rep);
			return;
		}
		in->href = v[IN_HREF].s;
		in->loc = b->rep.loc;
		return;
	}
	case EL_FACILITY:
	case EL_NETOP:
	case EL_VENDOR: {
		ms_party *p = MS_VEC_PUSH(m->parties);
		if (!p) {
			ms_report_nomem(&b->rep);
			return;
		}
		p->sym = v[0].u;
		p->id = m->syms.v[p->sym].name;
		p->name = opt_s(&v[1], "");
		p->loc = b->rep.loc;
		p->cert_off = (uint32_t)m->certs.n;
		if (el == EL_FACILITY) {
			p->kind = MS_PARTY_FACILITY;
			p->facility_type = (uint8_t)opt_u(&v[FA_TYPE], MS_FAC_HOSPITAL);
		} else if (el == EL_NETOP) {
			p->kind = MS_PARTY_NETWORK_OPERATOR;
			p->manages_medical_info = v[NO_MANAGES].u != 0;
		} else {
			p->kind = MS_PARTY_VENDOR;
			p->role = opt_s(&v[VE_ROLE], NULL);
		}
		b->current = (uint32_t)(m->parties.n - 1);
		define_id(b, el, &v[0], MS_SYM_PARTY, m->parties.n - 1);
		return;
	}
	case EL_CERT: {
		ms_cert *c = MS_VEC_PUSH(m->certs);
		if (!c) {
			ms_report_nomem(&b->rep);
			return;
		}
		c->scheme = (uint8_t)v[CE_SCHEME].u;
		c->valid_until = opt_date(&v[CE_VALID_UNTIL]);
		c->note = opt_s(&v[CE_NOTE], NULL);
		c->loc = b->rep.loc;
		if (b->current != MS_NONE)
			m->parties.v[b->current].ncert++;
		return;
	}
	case EL_SYSTEM: {
		ms_system *s = MS_VEC_PUSH(m->systems);
		if (!s) {
			ms_report_nomem(&b->rep);
			return;
		}
		s->sym = v[SY_ID].u;
		s->id = m->syms.v[s->sym].name;
		s->name = opt_s(&v[SY_NAME], "");
		s->note = opt_s(&v[SY_NOTE], NULL);
		s->provider = opt_u(&v[SY_PROVIDER], MS_NONE); /* a symbol until resolved */
		s->layer = (uint8_t)v[SY_LAYER].u;
		s->data = (uint8_t)opt_u(&v[SY_DATA], MS_DATA_NONE);
		/* model.md defaults: inside for on-premise/device/terminal/network,
		 * else outside; data in Japan when inside, unknown when outside. */
		bool inside_layer = s->layer == MS_LAYER_ON_PREMISE || s->layer == MS_LAYER_DEVICE ||
		                    s->layer == MS_LAYER_TERMINAL || s->layer == MS_LAYER_NETWORK;
		s->location = (uint8_t)opt_u(&v[SY_LOCATION], inside_layer ? MS_LOC_INSIDE : MS_LOC_OUTSIDE);
		s->region = (uint8_t)opt_u(&v[SY_REGION],
		                           s->location == MS_LOC_INSIDE ? MS_REGION_JP : MS_REGION_UNKNOWN);
		s->external_storage = opt_u(&v[SY_EXTERNAL], 0) != 0;
		s->runs_off = s->conn_off = (uint32_t)m->edges.n;
		s->loc = b->rep.loc;
		b->current = (uint32_t)(m->systems.n - 1);
		define_id(b, el, &v[SY_ID], MS_SYM_SYSTEM, m->systems.n - 1);
		return;
	}
	case EL_RUNS_ON:
	case EL_CONNECTS_TO: {
		/* Edges of one system are contiguous, runs-on and connects-to
		 * interleaved: keep them in two runs by recording both kinds in
		 * one array and splitting in ms_resolve(). */
		ms_edge *e = MS_VEC_PUSH(m->edges);
		if (!e) {
			ms_report_nomem(&b->rep);
			return;
		}
		e->target = v[RO_REF].u;
		e->flag = el == EL_RUNS_ON ? opt_u(&v[RO_FLAG], 1) != 0 : opt_u(&v[RO_FLAG], 0) != 0;
		e->loc = b->rep.loc;
		if (b->current != MS_NONE) {
			ms_system *s = &m->systems.v[b->current];
			if (el == EL_RUNS_ON)
				s->nruns++;
			else
				s->nconn++;
			/* Tag the kind in the high bit of loc.col until resolved. */
			if (el == EL_CONNECTS_TO)
				e->loc.col |= 0x80000000u;
		}
		return;
	}
	case EL_CONTRACT: {
		ms_contract *c = MS_VEC_PUSH(m->contracts);
		if (!c) {
			ms_report_nomem(&b->rep);
			return;
		}
		c->sym = v[CO_ID].u;
		c->id = m->syms.v[c->sym].name;
		c->name = opt_s(&v[CO_NAME], "");
		c->note = opt_s(&v[CO_NOTE], NULL);
		c->client = v[CO_CLIENT].u;
		c->supplier = v[CO_SUPPLIER].u;
		c->selected_by = opt_u(&v[CO_SELECTED_BY], MS_NONE);
		c->types = (uint16_t)v[CO_TYPE].u;
		c->covers = v[CO_COVERS].span;
		c->date = opt_date(&v[CO_DATE]);
		c->loc = b->rep.loc;
		define_id(b, el, &v[CO_ID], MS_SYM_CONTRACT, m->contracts.n - 1);
		return;
	}
	case EL_FLOW: {
		ms_flow *f = MS_VEC_PUSH(m->flows);
		if (!f) {
			ms_report_nomem(&b->rep);
			return;
		}
		f->sym = v[FL_ID].u;
		f->id = m->syms.v[f->sym].name;
		f->from = v[FL_FROM].u;
		f->to = v[FL_TO].u;
		f->data = (uint8_t)opt_u(&v[FL_DATA], MS_DATA_NONE);
		f->basis = (uint8_t)v[FL_BASIS].u;
		f->loc = b->rep.loc;
		define_id(b, el, &v[FL_ID], MS_SYM_FLOW, m->flows.n - 1);
		return;
	}
	case EL_AGREEMENT: {
		ms_agreement *a = MS_VEC_PUSH(m->agreements);
		if (!a) {
			ms_report_nomem(&b->rep);
			return;
		}
		a->sym = v[AG_ID].u;
		a->id = m->syms.v[a->sym].name;
		a->parties = v[AG_PARTIES].span;
		a->topics = (uint16_t)v[AG_TOPICS].u;
		a->has_covers = v[AG_COVERS].present;
		a->covers = opt_span(&v[AG_COVERS]);
		a->date = opt_date(&v[AG_DATE]);
		a->review_by = opt_date(&v[AG_REVIEW_BY]);
		a->document = opt_s(&v[AG_DOCUMENT], NULL);
		a->note = opt_s(&v[AG_NOTE], NULL);
		a->documented = opt_u(&v[AG_DOCUMENTED], 1) != 0;
		a->loc = b->rep.loc;
		define_id(b, el, &v[AG_ID], MS_SYM_AGREEMENT, m->agreements.n - 1);
		return;
	}
	case EL_RISK: {
		ms_risk *r = MS_VEC_PUSH(m->risks);
		if (!r) {
			ms_report_nomem(&b->rep);
			return;
		}
		r->sym = v[RI_ID].u;
		r->id = m->syms.v[r->sym].name;
		r->system = v[RI_SYSTEM].u;
		r->owner = v[RI_OWNER].u;
		r->treatment = (uint8_t)v[RI_TREATMENT].u;
		r->agreed_with = opt_span(&v[RI_AGREED_WITH]);
		r->reviewed = opt_date(&v[RI_REVIEWED]);
		r->level = (uint8_t)opt_u(&v[RI_LEVEL], MS_LEVEL_NONE);
		r->text = "";
		r->loc = b->rep.loc;
		b->current = (uint32_t)(m->risks.n - 1);
		ms_buf_clear(&b->text);
		define_id(b, el, &v[RI_ID], MS_SYM_RISK, m->risks.n - 1);
		return;
	}
	case EL_EXCEPTION: {
		ms_exception *x = MS_VEC_PUSH(m->exceptions);
		if (!x) {
			ms_report_nomem(&b->rep);
			return;
		}
		x->sym = v[EX_ID].u;
		x->id = m->syms.v[x->sym].name;
		x->code = (uint16_t)v[EX_CODE].u;
		x->subjects = v[EX_SUBJECTS].span;
		x->approved_by = v[EX_APPROVED_BY].span;
		x->reason = v[EX_REASON].s;
		x->until = v[EX_UNTIL].date;
		x->date = opt_date(&v[EX_DATE]);
		x->document = opt_s(&v[EX_DOCUMENT], NULL);
		x->text = "";
		x->loc = b->rep.loc;
		b->current = (uint32_t)(m->exceptions.n - 1);
		ms_buf_clear(&b->text);
		define_id(b, el, &v[EX_ID], MS_SYM_EXCEPTION, m->exceptions.n - 1);
		return;
	}
	default:
		return;
	}
}

/* Elements whose text content the model keeps (trimmed): a risk's
 * description, an exception's justification. */
static bool keeps_text(el_kind k)
{
	return k == EL_RISK || k == EL_EXCEPTION;
}

/* The depth limit (also inside skipped subtrees): reported, and the load stops. */
static bool too_deep(ms_builder *b)
{
	if (b->depth <= b->opts->max_depth)
		return false;
	ERR(b, b->rep.loc,
	    MS_L(LANG(b), "elements nested deeper than %u levels (limit --max-depth)",
	         "要素の入れ子が %u 段を超えています (上限 --max-depth)"),
	    b->opts->max_depth);
	ms_report_stop(&b->rep);
	return true;
}

/* An element of another namespace (model.md "Extension and editor
 * attributes"): skipped with its subtree, as the XSD's ##other lax
 * wildcard accepts it. XInclude is the exception: skipping it would
 * silently drop what its author meant to include. */
static void start_extension(ms_builder *b, const ev_start *ev)
{
	if (strcmp((const char *)ev->uri, MS_XINCLUDE_NS) == 0)
		ERR(b, b->rep.loc,
		    MS_L(LANG(b),
		         "<%s%s%s>: XInclude is not processed (medscope reads no file this way); "
		         "use <include href=\"part.xml\"/> with a <part> file",
		         "<%s%s%s>: XInclude は処理しません (この方法ではファイルを読みません)。"
		         "<part> ファイルを <include href=\"part.xml\"/> で読み込んでください"),
		    ev->prefix ? (const char *)ev->prefix : "", ev->prefix ? ":" : "",
		    (const char *)ev->localname);
	b->skip_depth = b->depth;
	b->skip_foreign = true;
}

/* A start tag inside an extension element: still under the depth limit,
 * and not one of ours (it would be ignored without a word). */
static void inside_extension(ms_builder *b, const ev_start *ev)
{
	b->rep.loc = here(b, ev->pos);
	if (too_deep(b))
		return;
	if (ev->uri && strcmp((const char *)ev->uri, MS_NS) == 0)
		ERR(b, b->rep.loc,
		    MS_L(LANG(b),
		         "<%s> is inside an element of another namespace and would be ignored; "
		         "move it out",
		         "<%s> が別の名前空間の要素の中にあるため読まれません。外に出してください"),
		    (const char *)ev->localname);
}

static void apply_start(ms_builder *b, const ev_start *ev)
{
	const xmlChar *localname = ev->localname, *prefix = ev->prefix, *uri = ev->uri;
	int nb_attrs = ev->nb_attrs;
	const xmlChar **attrs = (const xmlChar **)(ev + 1);
	b->depth++;
	b->text_reported = false;
	b->elem_mark_set = false;
	if (b->rep.stopped)
		return;
	if (b->skip_depth) {
		if (b->skip_foreign)
			inside_extension(b, ev);
		return;
	}
	b->elem_mark = medscope_diags_count(b->rep.diags);
	b->elem_mark_set = true;
	b->rep.loc = here(b, ev->pos);
	const char *name = (const char *)localname;
	if (too_deep(b))
		return;
	el_kind parent = b->depth >= 2 && b->depth - 1 < 4 ? b->stack[b->depth - 1] : EL_UNKNOWN;
	el_kind k = ms_schema_classify(&b->names, localname, uri, b->depth, parent);
	if (b->depth == 1) {
		b->root_seen = true;
		if (b->part && k != EL_PART) {
			ERR(b, b->rep.loc,
			    MS_L(LANG(b),
			         "an included file's root element must be <part xmlns=\"" MS_NS
			         "\">, not <%s%s%s>",
			         "読み込むファイルのルート要素は <part xmlns=\"" MS_NS
			         "\"> でなければなりません (<%s%s%s>)"),
			    prefix ? (const char *)prefix : "", prefix ? ":" : "", name);
			ms_report_stop(&b->rep);
			return;
		}
		if (!b->part && k == EL_PART) {
			ERR(b, b->rep.loc, "%s",
			    MS_L(LANG(b),
			         "this file is a <part> of a model: check the main file, whose "
			         "<deployment> includes it with <include href=\"...\"/>",
			         "このファイルはモデルの一部 (<part>) です。これを <include href=\"...\"/> "
			         "で読み込む <deployment> のファイルを指定してください"));
			ms_report_stop(&b->rep);
			return;
		}
		if (!b->part && k != EL_DEPLOYMENT) {
			ERR(b, b->rep.loc,
			    MS_L(LANG(b),
			         "the root element must be <deployment xmlns=\"" MS_NS
			         "\">, not <%s%s%s>%s%s",
			         "ルート要素は <deployment xmlns=\"" MS_NS
			         "\"> でなければなりません (<%s%s%s>%s%s)"),
			    prefix ? (const char *)prefix : "", prefix ? ":" : "", name,
			    uri ? " in namespace " : "", uri ? (const char *)uri : "");
			ms_report_stop(&b->rep);
			return;
		}
	}
	if (k == EL_UNKNOWN && uri && strcmp((const char *)uri, MS_NS) != 0) {
		start_extension(b, ev);
		return;
	}
	if (k == EL_UNKNOWN) {
		const char *pname = b->depth >= 2 && parent != EL_UNKNOWN ? ms_el_names[parent] : "?";
		/* A misspelt name (<vender>), not one in the wrong place. */
		ms_suggest sg;
		ms_suggest_init(&sg, name, strlen(name));
		for (int i = 0; i < EL__COUNT; i++)
			ms_suggest_try(&sg, ms_el_names[i]);
		const char *hint = ms_suggest_best(&sg);
		if (hint && strcmp(hint, name) == 0)
			hint = NULL;
		if (!uri || strcmp((const char *)uri, MS_NS) != 0)
			ERR(b, b->rep.loc,
			    MS_L(LANG(b), "element <%s%s%s> is not in the namespace " MS_NS,
			         "要素 <%s%s%s> は名前空間 " MS_NS " にありません"),
			    prefix ? (const char *)prefix : "", prefix ? ":" : "", name);
		else if (hint)
			ERR(b, b->rep.loc,
			    MS_L(LANG(b), "element <%s> is not allowed inside <%s>; did you mean <%s>?",
			         "要素 <%s> は <%s> の中に置けません。<%s> の誤りではありませんか?"),
			    name, pname, hint);
		else
			ERR(b, b->rep.loc,
			    MS_L(LANG(b), "element <%s> is not allowed inside <%s>",
			         "要素 <%s> は <%s> の中に置けません"),
			    name, pname);
		b->skip_depth = b->depth;
		return;
	}
	if (b->depth < 4)
		b->stack[b->depth] = k;
	at_val vals[MAX_SPECS];
	if (!ms_parse_attrs(&b->rep, &b->names, k, nb_attrs, attrs, vals)) {
		/* Still define its id, so that references to it are not also
		 * reported as undefined: one mistake, one message. */
		static const uint8_t sym_kind[EL__COUNT] = {
			[EL_FACILITY] = MS_SYM_PARTY, [EL_NETOP] = MS_SYM_PARTY,
			[EL_VENDOR] = MS_SYM_PARTY, [EL_SYSTEM] = MS_SYM_SYSTEM,
			[EL_CONTRACT] = MS_SYM_CONTRACT, [EL_FLOW] = MS_SYM_FLOW,
			[EL_AGREEMENT] = MS_SYM_AGREEMENT, [EL_RISK] = MS_SYM_RISK,
			[EL_EXCEPTION] = MS_SYM_EXCEPTION};
		if (sym_kind[k] && vals[0].present && ms_el_attrs[k][0].type == AT_ID)
			define_id(b, k, &vals[0], (ms_sym_kind)sym_kind[k], MS_NONE);
		/* Children of a refused party or system must not attach to
		 * the previous one. */
		if (k != EL_CERT && k != EL_RUNS_ON && k != EL_CONNECTS_TO)
			b->current = MS_NONE;
		return;
	}
	if (k == EL_CERT || k == EL_RUNS_ON || k == EL_CONNECTS_TO) {
		if (b->current == MS_NONE)
			return;
	} else {
		b->current = MS_NONE;
	}
	build(b, k, vals);
}

static void apply_end(ms_builder *b)
{
	b->elem_mark_set = false;
	if (b->skip_depth == b->depth)
		b->skip_depth = 0, b->skip_foreign = false;
	else if (!b->skip_depth && !b->rep.stopped && b->depth == 2 && keeps_text(b->stack[2]) &&
	         b->current != MS_NONE) {
		size_t len = b->text.len;
		const char *t = ms_trim(ms_buf_cstr(&b->text), &len);
		const char *copy = ms_arena_strndup(&b->rep.m->arena, t, len);
		if (!copy) {
			copy = "";
			ms_report_nomem(&b->rep);
		}
		if (b->stack[2] == EL_RISK)
			b->rep.m->risks.v[b->current].text = copy;
		else
			b->rep.m->exceptions.v[b->current].text = copy;
		ms_buf_clear(&b->text);
	}
	b->text_reported = false;
	if (b->depth)
		b->depth--;
}

static void apply_text(ms_builder *b, const ev_text *ev)
{
	const char *ch = (const char *)(ev + 1);
	size_t len = ev->len;
	b->elem_mark_set = false;
	if (b->rep.stopped || b->skip_depth || b->depth == 0)
		return;
	el_kind k = b->depth < 4 ? b->stack[b->depth] : EL_UNKNOWN;
	if (keeps_text(k) && b->depth == 2) {
		if (b->text.len + len > b->opts->max_value_length) {
			ERR(b, here(b, ev->here),
			    MS_L(LANG(b), "<%s>: the description is longer than %zu bytes (limit --max-value-length)",
			         "<%s>: 説明文が %zu バイトを超えています (上限 --max-value-length)"),
			    ms_el_names[k], b->opts->max_value_length);
			ms_report_stop(&b->rep);
			return;
		}
		ms_buf_put(&b->text, ch, len);
		if (b->text.oom)
			ms_report_nomem(&b->rep);
		return;
	}
	if (ev->first.line && !b->text_reported) {
		ERR(b, here(b, ev->first),
		    MS_L(LANG(b), "text is not allowed inside <%s>", "<%s> の中に文字列は置けません"),
		    k < EL__COUNT ? ms_el_names[k] : "?");
		b->text_reported = true;
	}
}

/* A libxml2 error (EV_XML_ERROR) or one of the parser's half (EV_ERROR,
 * which has stopped the parse). */
static void apply_error(ms_builder *b, const ev_error *ev)
{
	const char *msg = (const char *)(ev + 1);
	if (b->rep.stopped)
		return;
	if (ev->h.type == EV_ERROR) {
		ERR(b, here(b, ev->here), "%s", msg);
		ms_report_stop(&b->rep);
		return;
	}
	/* A start tag cut short (a truncated file) still reaches apply_start
	 * with the attributes read so far: its "missing attribute" reports
	 * would only hide the real problem. Only while that start tag is the
	 * latest event: otherwise the error is about something later, and the
	 * element's reports (or libxml2's own, e.g. "Name too long") stand. */
	if (ev->fatal && b->elem_mark_set && ev->here.line >= b->rep.loc.line && b->rep.loc.line)
		ms_diags_truncate(b->rep.diags, b->elem_mark);
	ERR(b, here(b, ev->here),
	    MS_L(LANG(b), "not well-formed XML: %s", "XML が整形式ではありません: %s"), msg);
}

void ms_builder_apply(ms_builder *b, const ev_block *blk)
{
	for (size_t at = 0; at < blk->len;) {
		const ev_head *h = (const ev_head *)(blk->data + at);
		switch (h->type) {
		case EV_START:
			apply_start(b, (const ev_start *)h);
			break;
		case EV_END:
			apply_end(b);
			break;
		case EV_TEXT:
			apply_text(b, (const ev_text *)h);
			break;
		default:
			apply_error(b, (const ev_error *)h);
			break;
		}
		at += h->size;
	}
}

