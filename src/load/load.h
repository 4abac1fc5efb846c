/* Internals shared by the loader's files. */
#ifndef MS_LOAD_H
#define MS_LOAD_H

#include "model/model.h"

/* Messages exist in English and Japanese; pick one. */
#define MS_L(lang, en, ja) ((lang) == MEDSCOPE_LANG_JA ? (ja) : (en))

/*
 * The pre-scanner: a byte-level look at each start tag before libxml2 sees
 * it. libxml2 2.9's duplicate-attribute check is quadratic in the number of
 * attributes (100k attributes hang it for minutes), so the attribute cap
 * must be enforced before the parser runs.
 */
typedef struct {
	int state;
	unsigned bang;       /* chars seen after "<!" */
	char bangbuf[8];
	char quote;
	unsigned attrs;      /* '=' seen in the current start tag */
	uint32_t line, col;  /* position of the next byte */
	uint32_t tag_line, tag_col;
	unsigned max_attrs;
} ms_prescan;

void ms_prescan_init(ms_prescan *p, unsigned max_attrs);
/* Scan a chunk. Returns 0, or -1 when a start tag exceeds the cap; then
 * tag_line/tag_col say where it starts. */
int ms_prescan_feed(ms_prescan *p, const char *buf, size_t len);

/* After a successful parse: resolve references to indices, check their
 * kinds and the runs-on graph, apply defaults. Returns the number of errors. */
size_t ms_resolve(medscope_model *m, medscope_diags *diags, medscope_lang lang,
                  int schema_only);


#endif
