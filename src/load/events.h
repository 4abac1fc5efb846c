/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The records the parser's half (parse.c) writes and the builder's half
 * (build.c) reads: each SAX event is copied into a record of a block. The
 * names stay pointers into the parser's dictionary (alive until the
 * parser is freed, after the builder is done), the attribute values and
 * text are copied. Records are 8-byte aligned; a record larger than a
 * block gets a block of its own.
 */
#ifndef MS_LOAD_EVENTS_H
#define MS_LOAD_EVENTS_H

#include <libxml/xmlstring.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

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

/* A libxml2 error (EV_XML_ERROR) or one of the parser's half (EV_ERROR,
 * which has stopped the parse). */
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

#endif
