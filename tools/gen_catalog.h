/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The catalog compiler (build-time host tool): models/rules.xml and
 * models/vocabulary.xml into rules_catalog.h / rules_catalog.c. The files:
 *
 *   gen_catalog.c     the rules: reading, checks, C output; main()
 *   gen_vocabulary.c  the vocabulary: reading, checks, C output
 *   gen_util.c        diagnostics, XML reading, buffers, atomic output
 */
#ifndef GEN_CATALOG_H
#define GEN_CATALOG_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PRINTF_LIKE(fmt, args)
#endif

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Problems found in one input file: printed as `file:line: message`. */
typedef struct {
	const char *file;
	unsigned errors;
} gen_diag;

/* A growable byte buffer for the generated files; `failed` after OOM. */
typedef struct {
	char *data;
	size_t len, cap;
	int failed;
} buf;

void diag(gen_diag *d, long line, const char *fmt, ...) PRINTF_LIKE(3, 4);
void *xmalloc(size_t n); /* exits on failure: a build tool, nothing to roll back */

/* Parse d->file without network, entities or DOCTYPE; NULL after a diag. */
xmlDocPtr gen_parse(gen_diag *d);
int in_ns(xmlNodePtr node, const char *ns);
int index_of(const char *const *list, size_t n, const char *s);
char *normalize_space(const char *s);
/* Non-element children must be comments or whitespace. */
void check_no_text(gen_diag *d, xmlNodePtr node);
/* Only the attributes named in `allowed` (NULL-terminated) may appear. */
void check_attributes(gen_diag *d, xmlNodePtr node, const char *const *allowed);
/* Attribute values and element text, whitespace-normalized, malloc'd. */
char *get_attr(xmlNodePtr node, const char *name);
char *required_attr(gen_diag *d, xmlNodePtr node, const char *name);
char *element_text(gen_diag *d, xmlNodePtr node);
/* Codes: lower-case words joined by single hyphens, e.g. missing-demarcation. */
int valid_code(const char *s);

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* `s` as adjacent C string literals ("NULL" for NULL). */
void emit_string(buf *b, const char *s, const char *indent);
/* PREFIX_ + code upper-cased, '-' -> '_'. */
void emit_const(buf *b, const char *prefix, const char *code);
void emit_comment_text(buf *b, const char *s);
const char *path_tail(const char *path, int n);

/* Both outputs complete on disk before either is renamed into place. */
int write_outputs(const char *out_h, const buf *h, const char *out_c, const buf *c);
int write_output(const char *path, const buf *b);

/* ---- the vocabulary (gen_vocabulary.c) ---- */

typedef struct vocabulary vocabulary;

/* Read and check models/vocabulary.xml; NULL after diagnostics. */
vocabulary *vocab_read(gen_diag *d);
void vocab_free(vocabulary *v);
/* Whether `code` is a value of list `list`; its position + 1 in a list
 * with a "none" value, else its position; -1 when it is not. */
int vocab_value(const vocabulary *v, const char *list, const char *code);
/* The C constant of the list's value at that position (as vocab_value). */
void vocab_emit_const(buf *b, const vocabulary *v, const char *list, int pos);
/* The enumerations, ms_enum and ms_word's declarations; the tables and
 * the accessors. */
void vocab_emit_header(buf *b, const vocabulary *v);
void vocab_emit_source(buf *b, const vocabulary *v);

#endif
