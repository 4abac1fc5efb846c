/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parser's half of the loader: libxml2's SAX2 push parser, whose
 * callbacks copy each event into a block (events.h), and the hand-over of
 * the blocks to the builder (build.h) — applied here in the caller's
 * thread, or by a builder thread that overlaps with the parse.
 */
#ifndef MS_LOAD_PARSE_H
#define MS_LOAD_PARSE_H

#include <libxml/parser.h>
#include <pthread.h>
#include <stdbool.h>

#include "load/build.h"
#include "load/events.h"
#include "load/load.h"

/* The hand-over between the two halves (mutex and condition variable are
 * used only when the builder has a thread). */
typedef struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	ev_block *head, *tail; /* filled blocks, oldest first */
	unsigned queued;
	ev_block *spare;       /* applied blocks, for reuse */
	bool done;             /* the parser's half has sent everything */
} ms_ev_queue;

typedef struct {
	xmlParserCtxtPtr ctxt;
	ms_prescan *pre;      /* start-tag positions */
	ms_ev_queue q;
	ms_builder *b;        /* applies the blocks; its rep.halt stops the parse */
	bool threaded;
	pthread_t thread;
	ev_block *cur;        /* the block being filled */
	bool halted;
	bool fatal;           /* libxml2 reported a fatal error (not well-formed) */
	bool oom;
	medscope_lang lang;
	xmlStructuredErrorFunc saved_handler;
	void *saved_handler_ctx;
} ms_parser;

/* Create the parser for b, with libxml2's thread-wide error handler
 * routed to this load until ms_parser_close(). Returns false when out of
 * memory (nothing is left to close). */
bool ms_parser_open(ms_parser *p, ms_builder *b, ms_prescan *pre);

/* The parser's dictionary, for ms_schema_names_intern(). */
xmlDictPtr ms_parser_dict(const ms_parser *p);

/* Run the builder in a thread of its own from now on, if one can be had. */
void ms_parser_start_thread(ms_parser *p);

/* Parse a chunk; terminate after the last one. */
void ms_parser_feed(ms_parser *p, const char *buf, size_t len, bool terminate);

/* Has the parse been stopped, by either half? */
bool ms_parser_halted(ms_parser *p);
/* Should the loader read no more? When the parse was stopped, and after a
 * fatal libxml2 error too: nothing read later can make the document
 * well-formed again, and a fatal error at 1:1 followed by 200 MB must not
 * cost reading them (issue 13). libxml2 may still finish the bytes it was
 * given (the terminating call reports what is missing at their end). */
bool ms_parser_stop_reading(ms_parser *p);

/* Send what is left and wait for the builder: afterwards only this
 * thread touches the builder, the model and the diagnostics. */
void ms_parser_finish(ms_parser *p);

/* Did libxml2 find the document well-formed (namespaces included)? */
bool ms_parser_well_formed(const ms_parser *p);

/* Free the parser and give the caller back its error handler. */
void ms_parser_close(ms_parser *p);

#endif
