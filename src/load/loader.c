/*
 * The model loader: streams an untrusted XML file through libxml2's SAX2
 * push parser into the compact arrays of model.h. No DOM is built.
 *
 * Two halves meet in a queue of event blocks (see "events" below): the
 * parser's half, in the caller's thread, runs libxml2 and copies each SAX
 * event into a block; the builder's half checks each event and builds the
 * model. On large files the builder runs in a second thread, so that
 * libxml2's work and ours overlap; on small ones it applies each block in
 * the caller's thread. Both modes apply the same events in document order.
 *
 * Hostile input (research/c-apis.md §3): any DOCTYPE is refused as soon as
 * the parser sees it (no DTD, no entity can be declared, so no XXE, billion
 * laughs or quadratic blow-up); we read the file ourselves (nothing else is
 * opened, no network); the size, the attributes per element, the nesting
 * depth and the length of values are capped; errors are collected, not
 * printed, up to the diagnostics cap.
 *
 * The element and attribute checks below are the C form of
 * models/deployment.xsd; tests/unit/test_schema.c runs libxml2's XSD
 * validator and this loader on the same corpus and requires the same
 * verdict.
 */
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diags.h"

#define MS_NS "urn:medscope:deployment:1"

/* ---- elements and their attributes (deployment.xsd) ---- */

typedef enum {
	EL_DEPLOYMENT, EL_FACILITY, EL_NETOP, EL_VENDOR, EL_CERT, EL_SYSTEM, EL_RUNS_ON,
	EL_CONNECTS_TO, EL_CONTRACT, EL_FLOW, EL_AGREEMENT, EL_RISK, EL__COUNT, EL_UNKNOWN
} el_kind;

static const char *const el_names[EL__COUNT] = {
	"deployment", "facility", "network-operator", "vendor", "certification", "system",
	"runs-on", "connects-to", "contract", "flow", "agreement", "risk"};

typedef enum { AT_ID, AT_REF, AT_REFS, AT_ENUM, AT_ENUMS, AT_DATE, AT_BOOL, AT_STRING } at_type;

typedef struct {
	const char *name;
	uint8_t type;
	uint8_t min_items; /* lists: fewest values when present (xs:list minLength) */
	bool required;
	const ms_enum *values;
} at_spec;

/* Each table's order is the order of the matching index enum below. */
enum { DE_NAME, DE_AS_OF };
static const at_spec at_deployment[] = {
	{"name", AT_STRING, 0, false, NULL}, {"as-of", AT_DATE, 0, false, NULL}, {NULL, 0, 0, 0, NULL}};
enum { FA_ID, FA_NAME, FA_TYPE };
static const at_spec at_facility[] = {
	{"id", AT_ID, 0, true, NULL}, {"name", AT_STRING, 0, false, NULL},
	{"type", AT_ENUM, 0, false, ms_enum_facility_type}, {NULL, 0, 0, 0, NULL}};
enum { NO_ID, NO_NAME, NO_MANAGES };
static const at_spec at_netop[] = {
	{"id", AT_ID, 0, true, NULL}, {"name", AT_STRING, 0, false, NULL},
	{"manages-medical-info", AT_BOOL, 0, true, ms_enum_bool}, {NULL, 0, 0, 0, NULL}};
enum { VE_ID, VE_NAME, VE_ROLE };
static const at_spec at_vendor[] = {
	{"id", AT_ID, 0, true, NULL}, {"name", AT_STRING, 0, false, NULL},
	{"role", AT_STRING, 0, false, NULL}, {NULL, 0, 0, 0, NULL}};
enum { CE_SCHEME, CE_VALID_UNTIL, CE_NOTE };
static const at_spec at_cert[] = {
	{"scheme", AT_ENUM, 0, true, ms_enum_cert_scheme}, {"valid-until", AT_DATE, 0, false, NULL},
	{"note", AT_STRING, 0, false, NULL}, {NULL, 0, 0, 0, NULL}};
enum { SY_ID, SY_NAME, SY_PROVIDER, SY_LAYER, SY_DATA, SY_LOCATION, SY_REGION, SY_EXTERNAL };
static const at_spec at_system[] = {
	{"id", AT_ID, 0, true, NULL}, {"name", AT_STRING, 0, false, NULL},
	{"provider", AT_REF, 0, false, NULL}, {"layer", AT_ENUM, 0, true, ms_enum_layer},
	{"data", AT_ENUMS, 1, false, ms_enum_data}, {"location", AT_ENUM, 0, false, ms_enum_location},
	{"data-region", AT_ENUM, 0, false, ms_enum_region},
	{"external-storage", AT_BOOL, 0, false, ms_enum_bool}, {NULL, 0, 0, 0, NULL}};
enum { RO_REF, RO_FLAG };
static const at_spec at_runs_on[] = {
	{"ref", AT_REF, 0, true, NULL}, {"known", AT_BOOL, 0, false, ms_enum_bool}, {NULL, 0, 0, 0, NULL}};
static const at_spec at_connects_to[] = {
	{"ref", AT_REF, 0, true, NULL}, {"api", AT_BOOL, 0, false, ms_enum_bool}, {NULL, 0, 0, 0, NULL}};
enum { CO_ID, CO_CLIENT, CO_SUPPLIER, CO_COVERS, CO_TYPE, CO_SELECTED_BY, CO_DATE, CO_NAME };
static const at_spec at_contract[] = {
	{"id", AT_ID, 0, true, NULL}, {"client", AT_REF, 0, true, NULL},
	{"supplier", AT_REF, 0, true, NULL}, {"covers", AT_REFS, 1, true, NULL},
	{"type", AT_ENUMS, 1, true, ms_enum_contract_type}, {"selected-by", AT_REF, 0, false, NULL},
	{"date", AT_DATE, 0, false, NULL}, {"name", AT_STRING, 0, false, NULL}, {NULL, 0, 0, 0, NULL}};
enum { FL_ID, FL_FROM, FL_TO, FL_DATA, FL_BASIS };
static const at_spec at_flow[] = {
	{"id", AT_ID, 0, true, NULL}, {"from", AT_REF, 0, true, NULL}, {"to", AT_REF, 0, true, NULL},
	{"data", AT_ENUMS, 1, false, ms_enum_data}, {"basis", AT_ENUM, 0, true, ms_enum_basis},
	{NULL, 0, 0, 0, NULL}};
enum { AG_ID, AG_PARTIES, AG_TOPICS, AG_COVERS, AG_DATE, AG_REVIEW_BY, AG_DOCUMENT, AG_DOCUMENTED };
static const at_spec at_agreement[] = {
	{"id", AT_ID, 0, true, NULL}, {"parties", AT_REFS, 2, true, NULL},
	{"topics", AT_ENUMS, 1, true, ms_enum_topic}, {"covers", AT_REFS, 1, false, NULL},
	{"date", AT_DATE, 0, false, NULL}, {"review-by", AT_DATE, 0, false, NULL},
	{"document", AT_STRING, 0, false, NULL}, {"documented", AT_BOOL, 0, false, ms_enum_bool},
	{NULL, 0, 0, 0, NULL}};
enum { RI_ID, RI_SYSTEM, RI_OWNER, RI_TREATMENT, RI_AGREED_WITH, RI_REVIEWED, RI_LEVEL };
static const at_spec at_risk[] = {
	{"id", AT_ID, 0, true, NULL}, {"system", AT_REF, 0, true, NULL},
	{"owner", AT_REF, 0, true, NULL}, {"treatment", AT_ENUM, 0, true, ms_enum_treatment},
	{"agreed-with", AT_REFS, 1, false, NULL}, {"reviewed", AT_DATE, 0, false, NULL},
	{"level", AT_ENUM, 0, false, ms_enum_level}, {NULL, 0, 0, 0, NULL}};

static const at_spec *const el_attrs[EL__COUNT] = {
	at_deployment, at_facility, at_netop, at_vendor, at_cert, at_system,
	at_runs_on, at_connects_to, at_contract, at_flow, at_agreement, at_risk};

#define MAX_SPECS 8

/* One attribute, parsed. */
typedef struct {
	bool present;
	uint32_t u;     /* AT_ID / AT_REF: symbol; AT_ENUM / AT_BOOL: value; AT_ENUMS: bits */
	int32_t date;
	ms_span span;   /* AT_REFS: symbols in the pool */
	const char *s;  /* AT_STRING: arena copy */
} at_val;

/* ---- parse state ---- */

typedef struct ev_queue ev_queue;

/* The builder's half. It never calls libxml2 (whose parser state belongs
 * to the other thread); it alone touches the model and the diagnostics
 * while the parse runs. */
typedef struct {
	medscope_model *m;
	medscope_diags *diags;
	const medscope_load_options *opts;
	ev_queue *q;
	unsigned depth;
	unsigned skip_depth;  /* > 0: ignoring the subtree opened at this depth */
	el_kind stack[4];     /* open elements at depths 1..3 */
	uint32_t current;     /* index of the open party/system, or MS_NONE */
	bool root_seen;
	bool text_reported;   /* per open element */
	bool stopped;
	bool oom;             /* an allocation failed: the status is NOMEM */
	ms_buf text;          /* the open risk's description */
	ms_loc loc;           /* of the element being handled */
	/* Diagnostics before the last start tag's own; elem_mark_set while
	 * that start tag is the parser's latest event (see on_xml_error). */
	size_t elem_mark;
	bool elem_mark_set;
	/* Our names interned in the parser's dictionary: libxml2 hands us
	 * names from that dictionary, so a pointer comparison matches them. */
	const xmlChar *ns;
	const xmlChar *el_name[EL__COUNT];
	const xmlChar *at_name[EL__COUNT][MAX_SPECS];
} loader;

#define LANG(ld) ((ld)->opts->lang)

static void stop(loader *ld);

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void error_at(loader *ld, ms_loc loc, const char *fmt, ...);

static void error_at(loader *ld, ms_loc loc, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ms_diag_add(ld->diags, ld->m->file, loc.line, loc.col, MEDSCOPE_SEVERITY_ERROR, "%s",
	                msg) < 0 || !ld->diags)
		stop(ld);
}

static void nomem(loader *ld)
{
	ld->oom = true;
	error_at(ld, ld->loc, "%s", MS_L(LANG(ld), "out of memory", "メモリが不足しました"));
	stop(ld);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool valid_id(const char *s, size_t len)
{
	if (len == 0)
		return false;
	unsigned char c = (unsigned char)s[0];
	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'))
		return false;
	for (size_t i = 1; i < len; i++) {
		c = (unsigned char)s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static const ms_enum *enum_find(const ms_enum *e, const char *s, size_t len)
{
	for (; e->name; e++)
		if (strncmp(e->name, s, len) == 0 && e->name[len] == '\0')
			return e;
	return NULL;
}

static void enum_list(const ms_enum *e, ms_buf *out)
{
	for (const ms_enum *f = e; f->name; f++) {
		if (f != e)
			ms_buf_puts(out, ", ");
		ms_buf_puts(out, f->name);
	}
}

static void bad_value(loader *ld, el_kind el, const at_spec *spec, const char *v, size_t len,
                      const char *why_en, const char *why_ja)
{
	ms_buf b = MS_BUF_INIT;
	if (spec->values)
		enum_list(spec->values, &b);
	int shown = len > 80 ? 80 : (int)len;
	if (spec->values)
		error_at(ld, ld->loc,
		         MS_L(LANG(ld), "<%s>: attribute '%s': '%.*s' is not one of: %s",
		              "<%s>: 属性 '%s' の値 '%.*s' は使えません。次のいずれかにしてください: %s"),
		         el_names[el], spec->name, shown, v, ms_buf_cstr(&b));
	else
		error_at(ld, ld->loc, MS_L(LANG(ld), "<%s>: attribute '%s': '%.*s' %s",
		                           "<%s>: 属性 '%s' の値 '%.*s' は%s"),
		         el_names[el], spec->name, shown, v, MS_L(LANG(ld), why_en, why_ja));
	ms_buf_free(&b);
}

/* The next space-separated token of v[*i, len): returns where it starts
 * and moves *i past it (*i equals the start when none is left). */
static size_t next_token(const char *v, size_t len, size_t *i)
{
	while (*i < len && is_space((unsigned char)v[*i]))
		++*i;
	size_t start = *i;
	while (*i < len && !is_space((unsigned char)v[*i]))
		++*i;
	return start;
}

/* Parse one attribute value (already whitespace-normalised by the XML
 * parser) by its type. */
static void parse_value(loader *ld, el_kind el, const at_spec *spec, const char *v, size_t len,
                        at_val *out)
{
	medscope_model *m = ld->m;
	out->present = true;
	if (spec->type == AT_STRING) {
		/* Without entity substitution (never turned on: it is what makes
		 * XXE possible), libxml2 keeps every '&' of an attribute value,
		 * written &amp; or &#38;, as the five characters "&#38;" and has
		 * already replaced all other references; a raw '&' cannot occur. */
		char *copy = ms_arena_strndup(&m->arena, v, len);
		if (!copy) {
			out->present = false;
			nomem(ld);
			return;
		}
		char *amp = memchr(copy, '&', len);
		if (amp) {
			char *w = amp;
			for (const char *r = amp; *r;) {
				if (strncmp(r, "&#38;", 5) == 0) {
					*w++ = '&';
					r += 5;
				} else {
					*w++ = *r++;
				}
			}
			*w = '\0';
		}
		out->s = copy;
		return;
	}
	/* Every other type is an xs:token or a list of them: collapse spaces. */
	while (len && is_space((unsigned char)*v))
		v++, len--;
	while (len && is_space((unsigned char)v[len - 1]))
		len--;
	switch (spec->type) {
	case AT_ID:
	case AT_REF:
		if (!valid_id(v, len)) {
			bad_value(ld, el, spec, v, len, "is not a valid id ([A-Za-z_][A-Za-z0-9_.-]*)",
			          "id の形式 ([A-Za-z_][A-Za-z0-9_.-]*) ではありません");
			out->present = false;
			return;
		}
		out->u = ms_sym_intern(m, v, len);
		if (out->u == MS_NONE) {
			/* Not present: the callers index the symbols with it. */
			out->present = false;
			nomem(ld);
		}
		return;
	case AT_ENUM:
	case AT_BOOL: {
		const ms_enum *e = enum_find(spec->values, v, len);
		if (!e) {
			bad_value(ld, el, spec, v, len, "", "");
			out->present = false;
			return;
		}
		out->u = e->value;
		return;
	}
	case AT_DATE:
		if (ms_date_parse(v, len, &out->date) < 0) {
			bad_value(ld, el, spec, v, len, "is not a date (YYYY-MM-DD)",
			          "日付 (YYYY-MM-DD) ではありません");
			out->present = false;
		}
		return;
	case AT_REFS:
	case AT_ENUMS: {
		uint32_t n = 0;
		out->span.off = (uint32_t)m->pool.n;
		out->u = 0;
		size_t i = 0;
		while (i < len) {
			size_t start = next_token(v, len, &i);
			if (i == start)
				break;
			n++;
			if (spec->type == AT_ENUMS) {
				const ms_enum *e = enum_find(spec->values, v + start, i - start);
				if (!e) {
					bad_value(ld, el, spec, v + start, i - start, "", "");
					out->present = false;
					return;
				}
				out->u |= e->value;
			} else {
				if (!valid_id(v + start, i - start)) {
					bad_value(ld, el, spec, v + start, i - start,
					          "is not a valid id ([A-Za-z_][A-Za-z0-9_.-]*)",
					          "id の形式 ([A-Za-z_][A-Za-z0-9_.-]*) ではありません");
					out->present = false;
					return;
				}
				uint32_t s = ms_sym_intern(m, v + start, i - start);
				uint32_t *slot = s == MS_NONE ? NULL : MS_VEC_PUSH(m->pool);
				if (!slot) {
					out->present = false;
					nomem(ld);
					return;
				}
				*slot = s;
			}
		}
		out->span.n = spec->type == AT_REFS ? n : 0;
		if (n < spec->min_items) {
			error_at(ld, ld->loc,
			         MS_L(LANG(ld), "<%s>: attribute '%s' needs at least %u value(s), has %u",
			              "<%s>: 属性 '%s' には %u 個以上の値が必要です (%u 個)"),
			         el_names[el], spec->name, spec->min_items, n);
			out->present = false;
		}
		return;
	}
	default:
		return;
	}
}

/* Gather the space-separated ids of v[0, len) for ms_sym_prefetch(). */
typedef struct {
	const char *name[16];
	size_t len[16], n;
} id_batch;

static void gather_ids(id_batch *b, const char *v, size_t len)
{
	for (size_t i = 0; b->n < 16;) {
		size_t start = next_token(v, len, &i);
		if (i == start)
			return;
		b->name[b->n] = v + start;
		b->len[b->n++] = i - start;
	}
}

/* Which of el's specs attribute a is, or -1 (unknown or namespaced). */
static int spec_index(const loader *ld, el_kind el, const xmlChar **attrs, int a)
{
	int k = -1;
	if (!attrs[a * 5 + 2])
		for (int i = 0; el_attrs[el][i].name; i++)
			if (attrs[a * 5] == ld->at_name[el][i])
				k = i;
	return k;
}

/* Check and parse the attributes of an element into vals[]. Returns false
 * when a required one is missing or a value is bad (reported). */
static bool parse_attrs(loader *ld, el_kind el, int nb, const xmlChar **attrs, at_val *vals)
{
	const at_spec *specs = el_attrs[el];
	bool ok = true;
	size_t errors_before = ms_diag_errors(ld->diags);
	memset(vals, 0, sizeof(*vals) * MAX_SPECS);
	/* Which spec each attribute is (-1: unknown), and a first look at the
	 * symbol-table slots of its ids, so that their misses overlap. */
	int8_t spec_of[MAX_SPECS];
	id_batch ids;
	ids.n = 0;
	for (int a = 0; a < nb && a < MAX_SPECS; a++) {
		int k = spec_index(ld, el, attrs, a);
		spec_of[a] = (int8_t)k;
		if (k >= 0 && (specs[k].type == AT_ID || specs[k].type == AT_REF || specs[k].type == AT_REFS))
			gather_ids(&ids, (const char *)attrs[a * 5 + 3],
			           (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]));
	}
	ms_sym_prefetch(ld->m, ids.name, ids.len, ids.n);
	for (int a = 0; a < nb; a++) {
		const char *name = (const char *)attrs[a * 5];
		const char *uri = (const char *)attrs[a * 5 + 2];
		const char *v = (const char *)attrs[a * 5 + 3];
		size_t len = (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]);
		/* More attributes than specs: some are unknown or repeated
		 * (libxml2 refuses those), so the slow path is fine. */
		int k = a < MAX_SPECS ? spec_of[a] : spec_index(ld, el, attrs, a);
		if (k < 0) {
			ms_buf b = MS_BUF_INIT;
			for (int i = 0; specs[i].name; i++) {
				if (i)
					ms_buf_puts(&b, ", ");
				ms_buf_puts(&b, specs[i].name);
			}
			error_at(ld, ld->loc,
			         MS_L(LANG(ld), "<%s>: unknown attribute '%s%s%s' (allowed: %s)",
			              "<%s>: 属性 '%s%s%s' は使えません (使える属性: %s)"),
			         el_names[el], uri ? (const char *)attrs[a * 5 + 1] : "", uri ? ":" : "",
			         name, ms_buf_cstr(&b));
			ms_buf_free(&b);
			ok = false;
			continue;
		}
		parse_value(ld, el, &specs[k], v, len, &vals[k]);
	}
	for (int i = 0; specs[i].name; i++) {
		if (specs[i].required && !vals[i].present &&
		    ms_diag_errors(ld->diags) == errors_before) {
			error_at(ld, ld->loc,
			         MS_L(LANG(ld), "<%s>: missing required attribute '%s'",
			              "<%s>: 必須の属性 '%s' がありません"),
			         el_names[el], specs[i].name);
		}
	}
	return ok && ms_diag_errors(ld->diags) == errors_before;
}

/* Define the id in vals[0] as naming entity `index` of `kind`. */
static void define_id(loader *ld, el_kind el, const at_val *id, ms_sym_kind kind, size_t index)
{
	ms_sym *s = &ld->m->syms.v[id->u];
	if (s->kind != MS_SYM_UNDEFINED) {
		error_at(ld, ld->loc,
		         MS_L(LANG(ld), "<%s>: duplicate id '%s' (first defined at line %u)",
		              "<%s>: id '%s' が重複しています (最初の定義は %u 行目)"),
		         el_names[el], s->name, s->loc.line);
		return;
	}
	s->kind = (uint8_t)kind;
	s->index = (uint32_t)index;
	s->loc = ld->loc;
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
static void build(loader *ld, el_kind el, const at_val *v)
{
	medscope_model *m = ld->m;
	switch (el) {
	case EL_DEPLOYMENT:
		m->name = opt_s(&v[DE_NAME], "");
		m->as_of = opt_date(&v[DE_AS_OF]);
		m->loc = ld->loc;
		return;
	case EL_FACILITY:
	case EL_NETOP:
	case EL_VENDOR: {
		ms_party *p = MS_VEC_PUSH(m->parties);
		if (!p) {
			nomem(ld);
			return;
		}
		p->sym = v[0].u;
		p->id = m->syms.v[p->sym].name;
		p->name = opt_s(&v[1], "");
		p->loc = ld->loc;
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
		ld->current = (uint32_t)(m->parties.n - 1);
		define_id(ld, el, &v[0], MS_SYM_PARTY, m->parties.n - 1);
		return;
	}
	case EL_CERT: {
		ms_cert *c = MS_VEC_PUSH(m->certs);
		if (!c) {
			nomem(ld);
			return;
		}
		c->scheme = (uint8_t)v[CE_SCHEME].u;
		c->valid_until = opt_date(&v[CE_VALID_UNTIL]);
		c->note = opt_s(&v[CE_NOTE], NULL);
		c->loc = ld->loc;
		if (ld->current != MS_NONE)
			m->parties.v[ld->current].ncert++;
		return;
	}
	case EL_SYSTEM: {
		ms_system *s = MS_VEC_PUSH(m->systems);
		if (!s) {
			nomem(ld);
			return;
		}
		s->sym = v[SY_ID].u;
		s->id = m->syms.v[s->sym].name;
		s->name = opt_s(&v[SY_NAME], "");
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
		s->loc = ld->loc;
		ld->current = (uint32_t)(m->systems.n - 1);
		define_id(ld, el, &v[SY_ID], MS_SYM_SYSTEM, m->systems.n - 1);
		return;
	}
	case EL_RUNS_ON:
	case EL_CONNECTS_TO: {
		/* Edges of one system are contiguous, runs-on and connects-to
		 * interleaved: keep them in two runs by recording both kinds in
		 * one array and splitting in ms_resolve(). */
		ms_edge *e = MS_VEC_PUSH(m->edges);
		if (!e) {
			nomem(ld);
			return;
		}
		e->target = v[RO_REF].u;
		e->flag = el == EL_RUNS_ON ? opt_u(&v[RO_FLAG], 1) != 0 : opt_u(&v[RO_FLAG], 0) != 0;
		e->loc = ld->loc;
		if (ld->current != MS_NONE) {
			ms_system *s = &m->systems.v[ld->current];
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
			nomem(ld);
			return;
		}
		c->sym = v[CO_ID].u;
		c->id = m->syms.v[c->sym].name;
		c->name = opt_s(&v[CO_NAME], "");
		c->client = v[CO_CLIENT].u;
		c->supplier = v[CO_SUPPLIER].u;
		c->selected_by = opt_u(&v[CO_SELECTED_BY], MS_NONE);
		c->types = (uint16_t)v[CO_TYPE].u;
		c->covers = v[CO_COVERS].span;
		c->date = opt_date(&v[CO_DATE]);
		c->loc = ld->loc;
		define_id(ld, el, &v[CO_ID], MS_SYM_CONTRACT, m->contracts.n - 1);
		return;
	}
	case EL_FLOW: {
		ms_flow *f = MS_VEC_PUSH(m->flows);
		if (!f) {
			nomem(ld);
			return;
		}
		f->sym = v[FL_ID].u;
		f->id = m->syms.v[f->sym].name;
		f->from = v[FL_FROM].u;
		f->to = v[FL_TO].u;
		f->data = (uint8_t)opt_u(&v[FL_DATA], MS_DATA_NONE);
		f->basis = (uint8_t)v[FL_BASIS].u;
		f->loc = ld->loc;
		define_id(ld, el, &v[FL_ID], MS_SYM_FLOW, m->flows.n - 1);
		return;
	}
	case EL_AGREEMENT: {
		ms_agreement *a = MS_VEC_PUSH(m->agreements);
		if (!a) {
			nomem(ld);
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
		a->documented = opt_u(&v[AG_DOCUMENTED], 1) != 0;
		a->loc = ld->loc;
		define_id(ld, el, &v[AG_ID], MS_SYM_AGREEMENT, m->agreements.n - 1);
		return;
	}
	case EL_RISK: {
		ms_risk *r = MS_VEC_PUSH(m->risks);
		if (!r) {
			nomem(ld);
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
		r->loc = ld->loc;
		ld->current = (uint32_t)(m->risks.n - 1);
		ms_buf_clear(&ld->text);
		define_id(ld, el, &v[RI_ID], MS_SYM_RISK, m->risks.n - 1);
		return;
	}
	default:
		return;
	}
}

/* ---- events ----
 *
 * Each SAX event is copied into a record of a block: the names stay
 * pointers into the parser's dictionary (alive until the parser is freed,
 * after the builder is done), the attribute values and text are copied.
 * Records are 8-byte aligned; a record larger than a block gets a block of
 * its own.
 */
enum { EV_START = 1, EV_END, EV_TEXT, EV_XML_ERROR, EV_ERROR };

typedef struct {
	size_t size; /* of the whole record */
	uint32_t type;
} ev_head;

typedef struct {
	ev_head h;
	ms_loc pos; /* where the start tag begins */
	const xmlChar *localname, *prefix, *uri;
	int nb_attrs;
	/* then libxml2's attribute array (five pointers per attribute: name,
	 * prefix, URI, value, value end; the values point into this record),
	 * then the value bytes */
} ev_start;

typedef struct {
	ev_head h;
	ms_loc here;  /* the parser's position after the text */
	ms_loc first; /* where its first non-space character is; line 0: none */
	size_t len;   /* then the bytes */
} ev_text;

typedef struct {
	ev_head h;
	ms_loc here;
	bool fatal;
	/* then the message, NUL-terminated */
} ev_error;

typedef struct ev_block {
	struct ev_block *next;
	size_t len, cap;
	_Alignas(8) unsigned char data[];
} ev_block;

/* The hand-over between the two halves (mutex and condition variable are
 * used only when the builder has a thread). */
struct ev_queue {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	ev_block *head, *tail; /* filled blocks, oldest first */
	unsigned queued;
	ev_block *spare;       /* applied blocks, for reuse */
	bool done;             /* the parser's half has sent everything */
	atomic_bool halt;      /* the builder asks the parser to stop */
};

/* Which element `name` is at this depth under this parent, or EL_UNKNOWN. */
static el_kind classify(const loader *ld, const xmlChar *name, const xmlChar *uri,
                        unsigned depth, el_kind parent)
{
	if (!uri || (uri != ld->ns && strcmp((const char *)uri, MS_NS) != 0))
		return EL_UNKNOWN;
	el_kind k = EL_UNKNOWN;
	for (int i = 0; i < EL__COUNT; i++)
		if (name == ld->el_name[i])
			k = (el_kind)i;
	switch (k) {
	case EL_DEPLOYMENT:
		return depth == 1 ? k : EL_UNKNOWN;
	case EL_CERT:
		return depth == 3 && (parent == EL_NETOP || parent == EL_VENDOR) ? k : EL_UNKNOWN;
	case EL_RUNS_ON:
	case EL_CONNECTS_TO:
		return depth == 3 && parent == EL_SYSTEM ? k : EL_UNKNOWN;
	case EL_UNKNOWN:
		return k;
	default:
		return depth == 2 ? k : EL_UNKNOWN;
	}
}

static void apply_start(loader *ld, const ev_start *ev)
{
	const xmlChar *localname = ev->localname, *prefix = ev->prefix, *uri = ev->uri;
	int nb_attrs = ev->nb_attrs;
	const xmlChar **attrs = (const xmlChar **)(ev + 1);
	ld->depth++;
	ld->text_reported = false;
	ld->elem_mark_set = false;
	if (ld->stopped || ld->skip_depth)
		return;
	ld->elem_mark = medscope_diags_count(ld->diags);
	ld->elem_mark_set = true;
	ld->loc = ev->pos;
	const char *name = (const char *)localname;
	if (ld->depth > ld->opts->max_depth) {
		error_at(ld, ld->loc,
		         MS_L(LANG(ld), "elements nested deeper than %u levels (limit --max-depth)",
		              "要素の入れ子が %u 段を超えています (上限 --max-depth)"),
		         ld->opts->max_depth);
		stop(ld);
		return;
	}
	el_kind parent = ld->depth >= 2 && ld->depth - 1 < 4 ? ld->stack[ld->depth - 1] : EL_UNKNOWN;
	el_kind k = classify(ld, localname, uri, ld->depth, parent);
	if (ld->depth == 1) {
		ld->root_seen = true;
		if (k != EL_DEPLOYMENT) {
			error_at(ld, ld->loc,
			         MS_L(LANG(ld),
			              "the root element must be <deployment xmlns=\"" MS_NS
			              "\">, not <%s%s%s>%s%s",
			              "ルート要素は <deployment xmlns=\"" MS_NS
			              "\"> でなければなりません (<%s%s%s>%s%s)"),
			         prefix ? (const char *)prefix : "", prefix ? ":" : "", name,
			         uri ? " in namespace " : "", uri ? (const char *)uri : "");
			stop(ld);
			return;
		}
	}
	if (k == EL_UNKNOWN) {
		const char *pname = ld->depth >= 2 && parent != EL_UNKNOWN ? el_names[parent] : "?";
		if (!uri || strcmp((const char *)uri, MS_NS) != 0)
			error_at(ld, ld->loc,
			         MS_L(LANG(ld), "element <%s%s%s> is not in the namespace " MS_NS,
			              "要素 <%s%s%s> は名前空間 " MS_NS " にありません"),
			         prefix ? (const char *)prefix : "", prefix ? ":" : "", name);
		else
			error_at(ld, ld->loc,
			         MS_L(LANG(ld), "element <%s> is not allowed inside <%s>",
			              "要素 <%s> は <%s> の中に置けません"),
			         name, pname);
		ld->skip_depth = ld->depth;
		return;
	}
	if (ld->depth < 4)
		ld->stack[ld->depth] = k;
	at_val vals[MAX_SPECS];
	if (!parse_attrs(ld, k, nb_attrs, attrs, vals)) {
		/* Still define its id, so that references to it are not also
		 * reported as undefined: one mistake, one message. */
		static const uint8_t sym_kind[EL__COUNT] = {
			[EL_FACILITY] = MS_SYM_PARTY, [EL_NETOP] = MS_SYM_PARTY,
			[EL_VENDOR] = MS_SYM_PARTY, [EL_SYSTEM] = MS_SYM_SYSTEM,
			[EL_CONTRACT] = MS_SYM_CONTRACT, [EL_FLOW] = MS_SYM_FLOW,
			[EL_AGREEMENT] = MS_SYM_AGREEMENT, [EL_RISK] = MS_SYM_RISK};
		if (sym_kind[k] && vals[0].present && el_attrs[k][0].type == AT_ID)
			define_id(ld, k, &vals[0], (ms_sym_kind)sym_kind[k], MS_NONE);
		/* Children of a refused party or system must not attach to
		 * the previous one. */
		if (k != EL_CERT && k != EL_RUNS_ON && k != EL_CONNECTS_TO)
			ld->current = MS_NONE;
		return;
	}
	if (k == EL_CERT || k == EL_RUNS_ON || k == EL_CONNECTS_TO) {
		if (ld->current == MS_NONE)
			return;
	} else {
		ld->current = MS_NONE;
	}
	build(ld, k, vals);
}

static void apply_end(loader *ld)
{
	ld->elem_mark_set = false;
	if (ld->skip_depth == ld->depth)
		ld->skip_depth = 0;
	else if (!ld->skip_depth && !ld->stopped && ld->depth == 2 && ld->stack[2] == EL_RISK &&
	         ld->current != MS_NONE) {
		/* Trim the description. */
		const char *t = ms_buf_cstr(&ld->text);
		size_t len = ld->text.len;
		while (len && is_space((unsigned char)*t))
			t++, len--;
		while (len && is_space((unsigned char)t[len - 1]))
			len--;
		ms_risk *r = &ld->m->risks.v[ld->current];
		r->text = ms_arena_strndup(&ld->m->arena, t, len);
		if (!r->text) {
			r->text = "";
			nomem(ld);
		}
		ms_buf_clear(&ld->text);
	}
	ld->text_reported = false;
	if (ld->depth)
		ld->depth--;
}

static void apply_text(loader *ld, const ev_text *ev)
{
	const char *ch = (const char *)(ev + 1);
	size_t len = ev->len;
	ld->elem_mark_set = false;
	if (ld->stopped || ld->skip_depth || ld->depth == 0)
		return;
	el_kind k = ld->depth < 4 ? ld->stack[ld->depth] : EL_UNKNOWN;
	if (k == EL_RISK && ld->depth == 2) {
		if (ld->text.len + len > ld->opts->max_value_length) {
			error_at(ld, ev->here,
			         MS_L(LANG(ld), "<risk>: the description is longer than %zu bytes (limit --max-value-length)",
			              "<risk>: 説明文が %zu バイトを超えています (上限 --max-value-length)"),
			         ld->opts->max_value_length);
			stop(ld);
			return;
		}
		ms_buf_put(&ld->text, ch, len);
		if (ld->text.oom)
			nomem(ld);
		return;
	}
	if (ev->first.line && !ld->text_reported) {
		error_at(ld, ev->first,
		         MS_L(LANG(ld), "text is not allowed inside <%s>", "<%s> の中に文字列は置けません"),
		         k < EL__COUNT ? el_names[k] : "?");
		ld->text_reported = true;
	}
}

/* A libxml2 error (EV_XML_ERROR) or one of the parser's half (EV_ERROR,
 * which has stopped the parse). */
static void apply_error(loader *ld, const ev_error *ev)
{
	const char *msg = (const char *)(ev + 1);
	if (ld->stopped)
		return;
	if (ev->h.type == EV_ERROR) {
		error_at(ld, ev->here, "%s", msg);
		stop(ld);
		return;
	}
	/* A start tag cut short (a truncated file) still reaches apply_start
	 * with the attributes read so far: its "missing attribute" reports
	 * would only hide the real problem. Only while that start tag is the
	 * latest event: otherwise the error is about something later, and the
	 * element's reports (or libxml2's own, e.g. "Name too long") stand. */
	if (ev->fatal && ld->elem_mark_set && ev->here.line >= ld->loc.line && ld->loc.line)
		ms_diags_truncate(ld->diags, ld->elem_mark);
	error_at(ld, ev->here,
	         MS_L(LANG(ld), "not well-formed XML: %s", "XML が整形式ではありません: %s"), msg);
}

static void apply_block(loader *ld, const ev_block *b)
{
	for (size_t at = 0; at < b->len;) {
		const ev_head *h = (const ev_head *)(b->data + at);
		switch (h->type) {
		case EV_START:
			apply_start(ld, (const ev_start *)h);
			break;
		case EV_END:
			apply_end(ld);
			break;
		case EV_TEXT:
			apply_text(ld, (const ev_text *)h);
			break;
		default:
			apply_error(ld, (const ev_error *)h);
			break;
		}
		at += h->size;
	}
}

static void stop(loader *ld)
{
	ld->stopped = true;
	atomic_store_explicit(&ld->q->halt, true, memory_order_relaxed);
}

/* ---- the parser's half ---- */

typedef struct {
	xmlParserCtxtPtr ctxt;
	ms_prescan *pre;      /* start-tag positions */
	ev_queue *q;
	loader *ld;           /* applies the blocks when there is no builder thread */
	bool threaded;
	ev_block *cur;        /* the block being filled */
	bool halted;
	bool oom;
	medscope_lang lang;
} feeder;

/* Below a file of this size the builder runs in the caller's thread: a
 * thread would cost more than it saves. Tests set it to 0. */
size_t ms_load_thread_min = 4u << 20;

/*
 * Stop the parse from inside a callback. Not with xmlStopParser(): in
 * libxml2 2.9 it frees the input buffer at once, and our error handler runs
 * in the middle of the start-tag parser, which then reads the attribute
 * values from freed memory (a heap-use-after-free found by fuzzing:
 * tests/fuzz/corpus/load/stop-inside-start-tag.xml). Marking the parser
 * halted, as xmlHaltParser() does from libxml2 2.11 on, stops it at its
 * next check and leaves the buffer alive; the load loop reads no more.
 */
static void halt_parser(feeder *fd)
{
	if (!fd->halted) {
		fd->halted = true;
		fd->ctxt->wellFormed = 0;
		fd->ctxt->disableSAX = 1;
		fd->ctxt->instate = XML_PARSER_EOF;
	}
}

/* Has the parse been stopped, by either half? */
static bool halted(feeder *fd)
{
	if (!fd->halted && atomic_load_explicit(&fd->q->halt, memory_order_relaxed))
		halt_parser(fd);
	return fd->halted;
}

enum { BLOCK = 256 * 1024 };

/* Keep an applied block for reuse; one made for a single large record
 * goes (otherwise a run of ever larger records would keep them all). */
static void recycle(ev_queue *q, ev_block *b)
{
	if (b->cap > BLOCK) {
		free(b);
		return;
	}
	b->len = 0;
	b->next = q->spare;
	q->spare = b;
}

static void *builder_main(void *arg)
{
	loader *ld = arg;
	ev_queue *q = ld->q;
	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (!q->head && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		ev_block *b = q->head;
		if (b) {
			q->head = b->next;
			if (!q->head)
				q->tail = NULL;
			q->queued--;
			pthread_cond_broadcast(&q->cv);
		}
		pthread_mutex_unlock(&q->mu);
		if (!b)
			return NULL;
		apply_block(ld, b);
		pthread_mutex_lock(&q->mu);
		recycle(q, b);
		pthread_mutex_unlock(&q->mu);
	}
}

/* Hand the current block to the builder (or apply it here). */
static void send_block(feeder *fd)
{
	ev_block *b = fd->cur;
	ev_queue *q = fd->q;
	fd->cur = NULL;
	if (!b)
		return;
	if (!fd->threaded) {
		apply_block(fd->ld, b);
		recycle(q, b);
		return;
	}
	/* At most four blocks in flight: memory stays bounded when the
	 * builder is the slower half. */
	enum { MAX_QUEUED = 4 };
	pthread_mutex_lock(&q->mu);
	while (q->queued >= MAX_QUEUED)
		pthread_cond_wait(&q->cv, &q->mu);
	b->next = NULL;
	if (q->tail)
		q->tail->next = b;
	else
		q->head = b;
	q->tail = b;
	q->queued++;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* Room for a record of `size` bytes of `type`, or NULL (out of memory:
 * the parse stops). */
static void *record(feeder *fd, uint32_t type, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (fd->cur && fd->cur->cap - fd->cur->len < size)
		send_block(fd);
	if (!fd->cur) {
		ev_queue *q = fd->q;
		if (fd->threaded)
			pthread_mutex_lock(&q->mu);
		ev_block *b = q->spare;
		if (b && b->cap >= size)
			q->spare = b->next;
		else
			b = NULL;
		if (fd->threaded)
			pthread_mutex_unlock(&q->mu);
		if (!b) {
			size_t cap = size > BLOCK ? size : BLOCK;
			b = malloc(sizeof(*b) + cap);
			if (!b) {
				fd->oom = true;
				halt_parser(fd);
				return NULL;
			}
			b->cap = cap;
			b->len = 0;
		}
		fd->cur = b;
	}
	ev_head *h = (ev_head *)(fd->cur->data + fd->cur->len);
	fd->cur->len += size;
	h->size = size;
	h->type = type;
	return h;
}

/* Send what is left and wait for the builder: afterwards only this
 * thread touches the loader, the model and the diagnostics. */
static void finish(feeder *fd, pthread_t *builder)
{
	send_block(fd);
	ev_queue *q = fd->q;
	if (fd->threaded) {
		pthread_mutex_lock(&q->mu);
		q->done = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		pthread_join(*builder, NULL);
	}
	while (q->spare) {
		ev_block *b = q->spare;
		q->spare = b->next;
		free(b);
	}
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
                     int nb_defaulted, const xmlChar **attrs)
{
	(void)nb_ns, (void)ns, (void)nb_defaulted;
	xmlParserCtxtPtr ctxt = ctx;
	feeder *fd = ctxt->_private;
	ms_tagpos pos = ms_prescan_next_tag(fd->pre); /* one per start tag, always */
	if (halted(fd))
		return;
	size_t bytes = 0, n = nb_attrs > 0 ? (size_t)nb_attrs : 0;
	for (size_t a = 0; a < n; a++)
		bytes += (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]);
	ev_start *ev = record(fd, EV_START, sizeof(*ev) + n * 5 * sizeof(*attrs) + bytes);
	if (!ev)
		return;
	ev->pos.line = pos.line ? pos.line : (uint32_t)xmlSAX2GetLineNumber(ctxt);
	ev->pos.col = pos.line ? pos.col : (uint32_t)xmlSAX2GetColumnNumber(ctxt);
	ev->localname = localname;
	ev->prefix = prefix;
	ev->uri = uri;
	ev->nb_attrs = (int)n;
	const xmlChar **out = (const xmlChar **)(ev + 1);
	xmlChar *w = (xmlChar *)(out + n * 5);
	for (size_t a = 0; a < n; a++) {
		size_t len = (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]);
		out[a * 5] = attrs[a * 5];
		out[a * 5 + 1] = attrs[a * 5 + 1];
		out[a * 5 + 2] = attrs[a * 5 + 2];
		if (len)
			memcpy(w, attrs[a * 5 + 3], len);
		out[a * 5 + 3] = w;
		out[a * 5 + 4] = w + len;
		w += len;
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)localname, (void)prefix, (void)uri;
	feeder *fd = ((xmlParserCtxtPtr)ctx)->_private;
	if (!halted(fd))
		record(fd, EV_END, sizeof(ev_head));
}

/*
 * Where ch[first] is: libxml2 reports text when it reaches the next '<',
 * with its position there, so count back over ch[first..len).
 */
static ms_loc text_loc(xmlParserCtxtPtr ctxt, const xmlChar *ch, int first, int len)
{
	uint32_t line = (uint32_t)xmlSAX2GetLineNumber(ctxt);
	uint32_t back = 0;
	int nl = -1;
	for (int i = first; i < len; i++) {
		if (ch[i] == '\n') {
			line--;
			back = 0;
		} else if ((ch[i] & 0xC0) != 0x80) {
			back++;
		}
	}
	for (int i = first - 1; i >= 0 && nl < 0; i--)
		if (ch[i] == '\n')
			nl = i;
	ms_loc loc = {line, 1};
	if (nl >= 0) {
		for (int i = nl + 1; i < first; i++)
			loc.col += (ch[i] & 0xC0) != 0x80;
	} else {
		int col = xmlSAX2GetColumnNumber(ctxt) - (int)back;
		loc.col = col > 0 ? (uint32_t)col : 1;
	}
	return loc;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	feeder *fd = ctxt->_private;
	if (halted(fd) || len < 0)
		return;
	ev_text *ev = record(fd, EV_TEXT, sizeof(*ev) + (size_t)len);
	if (!ev)
		return;
	ev->here.line = (uint32_t)xmlSAX2GetLineNumber(ctxt);
	ev->here.col = (uint32_t)xmlSAX2GetColumnNumber(ctxt);
	ev->first.line = ev->first.col = 0;
	for (int i = 0; i < len; i++) {
		if (!is_space(ch[i])) {
			ev->first = text_loc(ctxt, ch, i, len);
			break;
		}
	}
	ev->len = (size_t)len;
	memcpy(ev + 1, ch, (size_t)len);
}

/* An error event; for EV_ERROR the parse stops at once. */
static void report(feeder *fd, uint32_t type, ms_loc here, bool fatal, const char *msg)
{
	size_t len = strlen(msg);
	ev_error *ev = record(fd, type, sizeof(*ev) + len + 1);
	if (ev) {
		ev->here = here;
		ev->fatal = fatal;
		memcpy(ev + 1, msg, len + 1);
	}
	if (type == EV_ERROR)
		halt_parser(fd);
}

/* Any DOCTYPE: no DTDs and no entities, ever (closes XXE and entity
 * expansion attacks); stop before libxml2 reads the subset. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	xmlParserCtxtPtr ctxt = ctx;
	feeder *fd = ctxt->_private;
	if (halted(fd))
		return;
	ms_loc here = {(uint32_t)ctxt->input->line, 1};
	report(fd, EV_ERROR, here, false,
	       MS_L(fd->lang, "a DOCTYPE is not allowed (medscope refuses DTDs and entities); remove it",
	            "DOCTYPE は使えません (DTD とエンティティは拒否します)。削除してください"));
}

static void on_start_document(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	feeder *fd = ctxt->_private;
	const char *enc = (const char *)ctxt->encoding;
	if (!halted(fd) && enc && xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"UTF-8") != 0 &&
	    xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"UTF8") != 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg),
		         MS_L(fd->lang,
		              "the file declares encoding \"%s\"; medscope reads UTF-8 only "
		              "(convert it, e.g. iconv -f %s -t UTF-8)",
		              "エンコーディング \"%s\" が宣言されています。UTF-8 のみ読めます "
		              "(例: iconv -f %s -t UTF-8 で変換してください)"),
		         enc, enc);
		ms_loc here = {1, 1};
		report(fd, EV_ERROR, here, false, msg);
	}
}

static void on_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	feeder *fd = ctxt ? ctxt->_private : NULL;
	if (!fd)
		return;
	if (e->code == XML_ERR_NO_MEMORY)
		fd->oom = true;
	if (e->level < XML_ERR_ERROR || halted(fd))
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	ms_loc here = {(uint32_t)(e->line > 0 ? e->line : 1), (uint32_t)(e->int2 > 0 ? e->int2 : 1)};
	report(fd, EV_XML_ERROR, here, e->level == XML_ERR_FATAL, msg);
}

/* Errors libxml2 raises without a parser context (encoding conversion,
 * I/O) reach the thread-local structured handler instead of ours. */
static void on_global_error(void *data, xmlErrorPtr e)
{
	feeder *fd = data;
	if (fd->ctxt)
		on_xml_error(fd->ctxt, e);
	else if (e->code == XML_ERR_NO_MEMORY)
		fd->oom = true; /* while creating the parser */
}

void medscope_load_options_init(medscope_load_options *o)
{
	memset(o, 0, sizeof(*o));
	o->max_input = 256u * 1024 * 1024;
	o->max_depth = 64;
	o->max_attributes = 64;
	o->max_value_length = 1024 * 1024;
	o->lang = MEDSCOPE_LANG_EN;
}

/* Reads the next chunk into buf; returns bytes, 0 at the end, -1 on error. */
typedef ssize_t (*chunk_reader)(void *src, char *buf, size_t cap);

static medscope_status load(medscope_model **out, const char *name, chunk_reader read_chunk,
                            void *src, size_t size, const medscope_load_options *opts,
                            medscope_diags *diags)
{
	medscope_load_options defaults;
	if (!opts) {
		medscope_load_options_init(&defaults);
		opts = &defaults;
	}
	*out = NULL;
	medscope_model *m = NULL;
	medscope_status st = ms_model_new(&m, name);
	if (st != MEDSCOPE_OK)
		return st;

	ev_queue q;
	memset(&q, 0, sizeof(q));
	atomic_init(&q.halt, false);
	loader ld;
	memset(&ld, 0, sizeof(ld));
	ld.m = m;
	ld.diags = diags;
	ld.opts = opts;
	ld.current = MS_NONE;
	ld.q = &q;
	feeder fd;
	memset(&fd, 0, sizeof(fd));
	fd.q = &q;
	fd.ld = &ld;
	fd.lang = opts->lang;
	pthread_t builder;
	int read_errno = 0;
	size_t errors_before = ms_diag_errors(diags);
	bool hard_error = false; /* refused without diagnostics (diags == NULL) */

	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.internalSubset = on_doctype;
	sax.startDocument = on_start_document;
	/* sax.serror is set once the context exists (below): errors while it
	 * is created (out of memory) have no loader to reach through
	 * ctxt->_private yet and go to on_global_error instead. */

	enum { CHUNK = 64 * 1024 };
	char *buf = malloc(CHUNK);
	if (!buf) {
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	ms_prescan pre;
	ms_prescan_init(&pre, opts->max_attributes, opts->max_value_length);
	fd.pre = &pre;
	/* National-scale models hold about one id per 100 bytes: sizing the
	 * table once spares the rehashes on the way up. */
	ms_sym_reserve(m, (size < opts->max_input ? size : opts->max_input) / 128);
	size_t total = 0;
	ssize_t n = read_chunk(src, buf, CHUNK);
	if (n < 0) {
		read_errno = errno;
		free(buf);
		medscope_model_free(m);
		errno = read_errno; /* for the caller's message */
		return MEDSCOPE_ERR_IO;
	}
	/* UTF-16 and UTF-32 are detected from the first bytes. */
	if (n >= 2 && (((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) ||
	               ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
	               (buf[0] == 0 && buf[1] == '<') || (buf[0] == '<' && buf[1] == 0))) {
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file is UTF-16 or UTF-32; medscope reads UTF-8 only",
		                 "ファイルが UTF-16/UTF-32 です。UTF-8 のみ読めます"));
		free(buf);
		medscope_model_free(m);
		return MEDSCOPE_ERR_INVALID;
	}
	/* Without this, such errors are printed on stderr by libxml2, and the
	 * library never prints: route them to this load's diagnostics for its
	 * duration, then give the caller back its own handler. */
	xmlStructuredErrorFunc saved_handler = xmlStructuredError;
	void *saved_handler_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&fd, on_global_error);
	/* No file name: libxml2 would only use it to resolve relative
	 * external entities (there are none to load), and in 2.9.14 a failed
	 * allocation while copying it leaks the input stream
	 * (tests/fault/fault_alloc.c found it). Diagnostics carry our name. */
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
	if (!ctxt) {
		xmlSetStructuredErrorFunc(saved_handler_ctx, saved_handler);
		free(buf);
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	ctxt->_private = &fd;
	fd.ctxt = ctxt;
	ctxt->sax->serror = on_xml_error;
	ld.ns = xmlDictLookup(ctxt->dict, (const xmlChar *)MS_NS, -1);
	for (int e = 0; e < EL__COUNT; e++) {
		ld.el_name[e] = xmlDictLookup(ctxt->dict, (const xmlChar *)el_names[e], -1);
		for (int i = 0; el_attrs[e][i].name; i++)
			ld.at_name[e][i] =
				xmlDictLookup(ctxt->dict, (const xmlChar *)el_attrs[e][i].name, -1);
	}
	/* A failed lookup (NULL) would make valid names look unknown. */
	ld.oom = !ld.ns;
	for (int e = 0; e < EL__COUNT; e++) {
		ld.oom |= !ld.el_name[e];
		for (int i = 0; el_attrs[e][i].name; i++)
			ld.oom |= !ld.at_name[e][i];
	}
	if (ld.oom)
		n = 0;
	/* NONET: no network even if something slipped through; BIG_LINES:
	 * line numbers past 65535; NOCDATA: CDATA arrives as text. Never
	 * NOENT, DTDLOAD, XINCLUDE or HUGE (they disable the protections). */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	ctxt->_private = &fd; /* xmlCtxtUseOptions keeps it; set again to be sure */
	if (n > 0 && size >= ms_load_thread_min && pthread_mutex_init(&q.mu, NULL) == 0) {
		bool cv = pthread_cond_init(&q.cv, NULL) == 0;
		if (cv && pthread_create(&builder, NULL, builder_main, &ld) == 0) {
			fd.threaded = true;
		} else {
			/* No thread: the builder runs here. */
			if (cv)
				pthread_cond_destroy(&q.cv);
			pthread_mutex_destroy(&q.mu);
		}
	}

	/* The refusals found here wait until the builder is done: until
	 * then, the diagnostics are its alone. */
	enum { NO_REFUSAL, TOO_LARGE, TOO_MANY_ATTRIBUTES, VALUE_TOO_LONG } refusal = NO_REFUSAL;
	while (n > 0 && !halted(&fd)) {
		total += (size_t)n;
		if (total > opts->max_input) {
			refusal = TOO_LARGE;
			break;
		}
		if (ms_prescan_feed(&pre, buf, (size_t)n) < 0) {
			refusal = pre.error == MS_PRESCAN_ATTRIBUTES ? TOO_MANY_ATTRIBUTES : VALUE_TOO_LONG;
			break;
		}
		if (pre.nomem) {
			st = MEDSCOPE_ERR_NOMEM;
			break;
		}
		xmlParseChunk(ctxt, buf, (int)n, 0);
		if (opts->progress && total % (4u << 20) < (size_t)n)
			opts->progress(opts->progress_payload, total, size);
		if (halted(&fd))
			break;
		n = read_chunk(src, buf, CHUNK);
		if (n < 0) {
			read_errno = errno;
			st = MEDSCOPE_ERR_IO;
			break;
		}
	}
	if (total > 0 && !halted(&fd) && refusal == NO_REFUSAL && st == MEDSCOPE_OK)
		xmlParseChunk(ctxt, NULL, 0, 1);
	finish(&fd, &builder);
	if (fd.threaded) {
		pthread_cond_destroy(&q.cv);
		pthread_mutex_destroy(&q.mu);
	}
	ld.oom |= fd.oom;
	/* The builder may have stopped (diagnostics cap, depth) while this
	 * half read on: what was found after that point does not count, as
	 * when both halves ran in step. */
	if (ld.stopped) {
		refusal = NO_REFUSAL;
		if (st == MEDSCOPE_ERR_IO)
			st = MEDSCOPE_OK;
	}
	hard_error = refusal != NO_REFUSAL;
	if (refusal == TOO_LARGE)
		ms_diag_add(diags, name, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "the file is larger than the limit of %zu bytes (raise it with --max-input)",
		                 "ファイルが上限 %zu バイトを超えています (--max-input で変更できます)"),
		            opts->max_input);
	else if (refusal == TOO_MANY_ATTRIBUTES)
		ms_diag_add(diags, name, pre.tag_line, pre.tag_col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "an element has more than %u attributes (limit --max-attributes)",
		                 "要素の属性が %u 個を超えています (上限 --max-attributes)"),
		            opts->max_attributes);
	else if (refusal == VALUE_TOO_LONG)
		ms_diag_add(diags, name, pre.tag_line, pre.tag_col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "an attribute value is longer than %zu bytes (limit --max-value-length)",
		                 "属性値が %zu バイトを超えています (上限 --max-value-length)"),
		            opts->max_value_length);
	if (total == 0 && st == MEDSCOPE_OK && !ld.oom) {
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file is empty", "ファイルが空です"));
		hard_error = true;
	}
	if (!hard_error && st == MEDSCOPE_OK && !ld.root_seen && ms_diag_errors(diags) == errors_before)
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file holds no <deployment> element",
		                 "<deployment> 要素がありません"));
	bool well_formed = ctxt->wellFormed && ctxt->nsWellFormed && !hard_error && !ld.stopped;
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(saved_handler_ctx, saved_handler);
	ms_buf_free(&ld.text);
	ms_prescan_free(&pre);
	free(buf);

	/* References are checked even after schema errors, so that one run
	 * shows every problem; a refused element's id is defined with no
	 * index, and resolution only reports. */
	if (st == MEDSCOPE_OK && well_formed && ld.root_seen && !ld.oom &&
	    ms_resolve(m, diags, opts->lang) == MS_RESOLVE_NOMEM)
		ld.oom = true;
	if (st == MEDSCOPE_OK && (!well_formed || !ld.root_seen || ms_diag_errors(diags) != errors_before))
		st = hard_error && total > opts->max_input ? MEDSCOPE_ERR_LIMIT : MEDSCOPE_ERR_INVALID;
	/* Out of memory wins over the errors it caused. */
	if (ld.oom && (st == MEDSCOPE_OK || st == MEDSCOPE_ERR_INVALID))
		st = MEDSCOPE_ERR_NOMEM;
	ms_diags_sort(diags);
	if (st != MEDSCOPE_OK) {
		medscope_model_free(m);
		if (st == MEDSCOPE_ERR_IO)
			errno = read_errno; /* for the caller's message */
		return st;
	}
	MS_VEC_SHRINK(m->parties);
	MS_VEC_SHRINK(m->certs);
	MS_VEC_SHRINK(m->systems);
	MS_VEC_SHRINK(m->edges);
	MS_VEC_SHRINK(m->contracts);
	MS_VEC_SHRINK(m->flows);
	MS_VEC_SHRINK(m->agreements);
	MS_VEC_SHRINK(m->risks);
	MS_VEC_SHRINK(m->pool);
	MS_VEC_SHRINK(m->syms);
	ms_model_drop_lookup(m);
	*out = m;
	return MEDSCOPE_OK;
}

typedef struct {
	int fd;
} fd_src;

static ssize_t read_fd(void *src, char *buf, size_t cap)
{
	fd_src *s = src;
	for (;;) {
		ssize_t n = read(s->fd, buf, cap);
		if (n >= 0 || errno != EINTR)
			return n;
	}
}

typedef struct {
	const char *data;
	size_t len, pos;
} mem_src;

static ssize_t read_mem(void *src, char *buf, size_t cap)
{
	mem_src *s = src;
	size_t n = s->len - s->pos < cap ? s->len - s->pos : cap;
	memcpy(buf, s->data + s->pos, n);
	s->pos += n;
	return (ssize_t)n;
}

medscope_status medscope_model_load_file(medscope_model **out, const char *path,
                                         const medscope_load_options *opts,
                                         medscope_diags *diags)
{
	medscope_load_options defaults;
	if (!opts) {
		medscope_load_options_init(&defaults);
		opts = &defaults;
	}
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang, "cannot open: %s", "開けません: %s"), strerror(errno));
		return MEDSCOPE_ERR_IO;
	}
	struct stat st;
	if (fstat(fd, &st) < 0)
		memset(&st, 0, sizeof(st));
	if (S_ISDIR(st.st_mode)) {
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "is a directory, not a model file",
		                 "ディレクトリです。モデルファイルを指定してください"));
		close(fd);
		return MEDSCOPE_ERR_IO;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > opts->max_input) {
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "the file is %lld bytes, larger than the limit of %zu (raise it with --max-input)",
		                 "ファイルが %lld バイトあり、上限 %zu を超えています (--max-input で変更できます)"),
		            (long long)st.st_size, opts->max_input);
		close(fd);
		return MEDSCOPE_ERR_LIMIT;
	}
	fd_src src = {fd};
	size_t size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	medscope_status s = load(out, path, read_fd, &src, size, opts, diags);
	if (s == MEDSCOPE_ERR_IO)
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang, "read error: %s", "読み込みエラー: %s"), strerror(errno));
	close(fd);
	return s;
}

medscope_status medscope_model_load_memory(medscope_model **out, const char *data, size_t len,
                                           const char *name, const medscope_load_options *opts,
                                           medscope_diags *diags)
{
	mem_src src = {data, len, 0};
	return load(out, name ? name : "<memory>", read_mem, &src, len, opts, diags);
}
