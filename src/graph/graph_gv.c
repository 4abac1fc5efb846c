/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The only calls that create Graphviz objects or set their attributes.
 *
 * Ids: cgraph's default id discipline makes a named object's id the
 * address of its interned name, and subgraphs are kept (and written by
 * agwrite) in id order - so the order of clusters in the DOT output would
 * follow malloc's whims. Ours hands out ids in creation order instead: the
 * same model gives the same DOT, byte for byte.
 *
 * Attributes: Graphviz 2.43 takes `char *` everywhere; the casts live here.
 * Keys are allow-listed, so no value can reach URL, href, image,
 * shapefile, fontpath or any other attribute that links or loads files
 * (scale-and-bad-inputs.md §4 row 13). Values set with ms_gv_set() are our
 * own constants; user text only enters through ms_gv_set_html() labels
 * built with ms_gv_text().
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/hash.h"

typedef struct {
	Agraph_t *root;
	char **names; /* interned in root's string dictionary (agwrite expects that) */
	size_t n, cap;
	uint32_t *slots; /* open addressing: name index + 1, 0 = empty */
	size_t nslots;
	IDTYPE anon; /* next id for an anonymous object (odd) */
} idmap;

/* Names come from the model's ids: keyed (util/hash.h), so that no
 * choice of ids can crowd one probe run. */
static size_t hash_name(const char *s)
{
	return (size_t)ms_hash_bytes(s, strlen(s));
}

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	idmap *m = calloc(1, sizeof(*m));
	if (m)
		m->anon = 1, m->root = g;
	return m;
}

static int id_rehash(idmap *m)
{
	size_t nslots = m->nslots ? m->nslots * 2 : 256;
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		size_t h = hash_name(m->names[i]) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = (uint32_t)(i + 1);
	}
	free(m->slots);
	m->slots = slots;
	m->nslots = nslots;
	return 0;
}

/* Named objects get even ids 2, 4, 6 ... in the order their names were
 * first seen; anonymous ones (edges) odd ids. */
static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	idmap *m = state;
	(void)objtype;
	if (!str) {
		*id = m->anon;
		m->anon += 2;
		return 1;
	}
	if (m->nslots) {
		size_t h = hash_name(str) & (m->nslots - 1);
		for (; m->slots[h]; h = (h + 1) & (m->nslots - 1)) {
			if (strcmp(m->names[m->slots[h] - 1], str) == 0) {
				*id = (IDTYPE)m->slots[h] * 2;
				return 1;
			}
		}
	}
	if (!createflag)
		return 0;
	if ((m->n + 1) * 2 > m->nslots && id_rehash(m) < 0)
		return 0;
	void *names = m->names;
	if (ms_vec_grow_(&names, &m->cap, m->n, sizeof(*m->names)) < 0)
		return 0;
	m->names = names;
	/* agwrite reads a name's refstr header (aghtmlstr), so names must be
	 * cgraph strings; agclose's agstrclose releases them. */
	char *copy = agstrdup(m->root, str);
	if (!copy)
		return 0;
	m->names[m->n++] = copy;
	size_t h = hash_name(str) & (m->nslots - 1);
	while (m->slots[h])
		h = (h + 1) & (m->nslots - 1);
	m->slots[h] = (uint32_t)m->n;
	*id = (IDTYPE)m->n * 2;
	return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE request)
{
	idmap *m = state;
	(void)objtype;
	return request % 2 == 0 && request / 2 >= 1 && request / 2 <= m->n;
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id; /* names live as long as the graph */
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	idmap *m = state;
	(void)objtype;
	if (id % 2 == 0 && id / 2 >= 1 && id / 2 <= m->n)
		return m->names[id / 2 - 1];
	return NULL;
}

static void id_close(void *state)
{
	idmap *m = state;
	if (!m)
		return;
	free(m->names); /* the strings go with the graph's string dictionary */
	free(m->slots);
	free(m);
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state, (void)objtype, (void)obj;
}

static Agiddisc_t ms_iddisc = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
static Agdisc_t ms_disc = {&AgMemDisc, &ms_iddisc, &AgIoDisc};

Agraph_t *ms_gv_open(const char *name)
{
	return agopen((char *)name, Agdirected, &ms_disc);
}

/* A NULL name (a scratch buffer that ran out of memory) gives NULL, not
 * an anonymous object. */
Agraph_t *ms_gv_subgraph(Agraph_t *parent, const char *name)
{
	return name ? agsubg(parent, (char *)name, 1) : NULL;
}

Agnode_t *ms_gv_node(Agraph_t *parent, const char *name)
{
	return name ? agnode(parent, (char *)name, 1) : NULL;
}

Agedge_t *ms_gv_edge(Agraph_t *g, Agnode_t *tail, Agnode_t *head)
{
	return agedge(g, tail, head, NULL, 1);
}

/* Every attribute we set. Nothing that names a URL or a file. */
static const char *const allowed[] = {
	"arrowhead", "arrowsize", "arrowtail", "bgcolor", "charset", "color", "compound",
	"constraint", "dir", "dpi", "fillcolor", "fixedsize", "fontcolor", "fontname", "fontsize",
	"height", "label", "labeljust", "labelloc", "lhead", "ltail", "margin", "mclimit",
	"minlen", "newrank", "nodesep", "nslimit", "nslimit1", "outputorder", "pad",
	"pencolor", "penwidth", "peripheries", "rank", "rankdir", "ranksep", "remincross",
	"searchsize", "shape", "size", "splines", "style", "weight", "width", "xlabel",
};

/* agsafeset's default value, as the writable string 2.43 asks for. */
static char empty[] = "";

static bool key_allowed(const char *key)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(allowed[i], key) == 0)
			return true;
	return false;
}

int ms_gv_set(void *obj, const char *key, const char *value)
{
	if (!obj || !key_allowed(key) || strcmp(key, "label") == 0 || strcmp(key, "xlabel") == 0)
		return -1;
	return agsafeset(obj, (char *)key, (char *)value, empty) == 0 ? 0 : -1;
}

int ms_gv_default(Agraph_t *g, int kind, const char *key, const char *value)
{
	if (!key_allowed(key))
		return -1;
	return agattr(g, kind, (char *)key, (char *)value) ? 0 : -1;
}

int ms_gv_set_html(void *obj, const char *key, const char *html)
{
	if (!obj || (strcmp(key, "label") != 0 && strcmp(key, "xlabel") != 0))
		return -1;
	Agraph_t *root = agroot(obj);
	/* cgraph interns strings by content and an HTML string that equals a
	 * plain one would lose its HTML mark (refstr.c); our plain values never
	 * hold '<', so a label always carries at least one tag. */
	ms_buf wrapped = MS_BUF_INIT;
	if (!strchr(html, '<')) {
		ms_buf_printf(&wrapped, "<FONT>%s</FONT>", html);
		if (wrapped.oom) {
			ms_buf_free(&wrapped);
			return -1;
		}
		html = wrapped.s;
	}
	char *h = agstrdup_html(root, (char *)html);
	int rc = -1;
	if (h) {
		rc = agsafeset(obj, (char *)key, h, empty) == 0 ? 0 : -1;
		agstrfree(root, h);
	}
	ms_buf_free(&wrapped);
	return rc;
}
