/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the loader's files. */
#ifndef MS_LOAD_H
#define MS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/buf.h"
#include "util/lang.h"

/*
 * The pre-scanner: a byte-level look at each start tag before libxml2 sees
 * it. libxml2 2.9's duplicate-attribute check is quadratic in the number of
 * attributes (100k attributes hang it for minutes), so the attribute cap
 * must be enforced before the parser runs.
 */
typedef struct {
	uint32_t line, col;
} ms_tagpos;

typedef struct {
	int state;
	unsigned bang;       /* chars seen after "<!" */
	char bangbuf[8];
	char quote;
	unsigned attrs;      /* quoted values seen in the current start tag */
	uint32_t line;       /* line of the next byte */
	uint64_t offset;     /* absolute offset of the next chunk's first byte */
	uint64_t line_start; /* absolute offset where the current line starts */
	uint64_t tag_start;  /* absolute offset of the current tag's '<' */
	uint64_t last_cr;    /* absolute offset of the last '\r' + 1 (0: none): CR LF is one break */
	uint32_t line_chars; /* characters of the current line before `offset` */
	uint64_t col_off;    /* a column already counted: the byte at col_off ... */
	uint32_t col_val;    /* ... is in column col_val (0: none) */
	uint32_t tag_line, tag_col;
	unsigned max_attrs;
	size_t value_len, max_value; /* bytes in the current quoted value */
	int error;                   /* MS_PRESCAN_* of the refusal */
	/* Where each start tag begins, in document order: libxml2 reports a
	 * start tag only once it has read all of it, so the parser pops one
	 * entry per startElement event to know where the element starts. */
	MS_VEC(ms_tagpos) tags;
	size_t tags_head;
	bool nomem;
} ms_prescan;

enum { MS_PRESCAN_ATTRIBUTES = 1, MS_PRESCAN_VALUE_LENGTH };

void ms_prescan_init(ms_prescan *p, unsigned max_attrs, size_t max_value);
void ms_prescan_free(ms_prescan *p);
/* The position of the next start tag the parser reports ({0,0} if the
 * scanner lost track, e.g. after an allocation failure). */
ms_tagpos ms_prescan_next_tag(ms_prescan *p);
/* Scan a chunk. Returns 0, or -1 when a start tag exceeds a cap (error
 * says which); then tag_line/tag_col say where the tag starts. Catching
 * an over-long value here gives a clear message where libxml2 would only
 * say "Huge input lookup". */
int ms_prescan_feed(ms_prescan *p, const char *buf, size_t len);

/* The name standard input ("-" as the path) has in diagnostics (cli.md). */
#define MS_STDIN_NAME "<stdin>"

/* Encoding hints (encoding.c). The iconv name of an encoding an XML
 * declaration names; and the shell command that converts file from
 * `from` to UTF-8 (none when NULL) and rewrites line 1 with the sed
 * substitution `fix` ("Shift_JIS/UTF-8"; none when NULL), into a file
 * beside it. */
const char *ms_iconv_name(const char *declared);
void ms_encoding_command(ms_buf *out, const ms_file *file, const char *from, const char *fix);

/* Files (or buffers) of at least this many bytes are built in a second
 * thread while libxml2 parses (loader.c); tests lower it to 0 to run that
 * path on small inputs. */
extern size_t ms_load_thread_min;

/* After a successful parse: resolve references to indices, check their
 * kinds and the runs-on graph, apply defaults. Returns the number of
 * errors, or MS_RESOLVE_NOMEM when an allocation failed (the checks are
 * then incomplete: the model must be refused). */
size_t ms_resolve(medscope_model *m, medscope_diags *diags, medscope_lang lang);
#define MS_RESOLVE_NOMEM ((size_t)-1)


#endif
