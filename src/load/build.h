/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The builder's half of the loader: checks each event against the schema
 * and builds the model from it, in document order. It never calls
 * libxml2's parser (whose state belongs to the parser's half, perhaps in
 * another thread); while the parse runs it alone touches the model and
 * the diagnostics.
 */
#ifndef MS_LOAD_BUILD_H
#define MS_LOAD_BUILD_H

#include "load/events.h"
#include "load/report.h"
#include "load/schema.h"
#include "util/buf.h"

/* An <include href> as the builder met it; the loader reads the part
 * once this file's parse is over (loader.c), never libxml2. */
typedef struct {
	const char *href; /* in the model's arena */
	ms_loc loc;
} ms_include;

typedef struct {
	ms_report rep;        /* the model, the diagnostics, stop and out-of-memory flags */
	const medscope_load_options *opts;
	ms_schema_names names;
	unsigned depth;
	unsigned skip_depth;  /* > 0: ignoring the subtree opened at this depth */
	bool skip_foreign;    /* ... which is an element of another namespace */
	el_kind stack[4];     /* open elements at depths 1..3 */
	uint32_t current;     /* index of the open party/system/risk/exception, or MS_NONE */
	bool root_seen;
	bool part;            /* the file is a part: its root is <part>, not <deployment> */
	uint32_t file;        /* index of the file in model->files, stamped on every location */
	MS_VEC(ms_include) includes; /* this file's <include> elements, in document order */
	bool text_reported;   /* per open element */
	ms_buf text;          /* the open risk's or exception's text */
	/* Diagnostics before the last start tag's own; elem_mark_set while
	 * that start tag is the parser's latest event (see apply_error). */
	size_t elem_mark;
	bool elem_mark_set;
} ms_builder;

void ms_builder_init(ms_builder *b, medscope_model *m, medscope_diags *diags,
                     const medscope_load_options *opts);
/* Build file `file` of the model, a part when `part`. */
void ms_builder_set_file(ms_builder *b, uint32_t file, bool part);
void ms_builder_free(ms_builder *b);

/* Apply the events of one block. */
void ms_builder_apply(ms_builder *b, const ev_block *blk);

#endif
