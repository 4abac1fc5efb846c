/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parser's half: libxml2's callbacks, the event blocks, and the
 * builder thread. Hostile input (research/c-apis.md §3): any DOCTYPE is
 * refused as soon as the parser sees it (no DTD, no entity can be
 * declared, so no XXE, billion laughs or quadratic blow-up); libxml2's
 * errors are collected as events, never printed.
 */
#include "load/parse.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlversion.h>

/*
 * libxml2 versions. Debian 12 has 2.9.14. 2.12 made the structured error
 * handler take a const error; 2.13 added a per-context error handler and
 * made xmlStopParser() safe inside a callback (it no longer frees the
 * input); 2.14 added accessors for the context fields it deprecates.
 */
#if LIBXML_VERSION >= 21200
typedef const xmlError ms_xml_error;
#else
typedef xmlError ms_xml_error;
#endif

static ms_parser *parser_of(void *ctx)
{
#if LIBXML_VERSION >= 21400
	return xmlCtxtGetPrivate(ctx);
#else
	return ((xmlParserCtxtPtr)ctx)->_private;
#endif
}

static void set_parser(xmlParserCtxtPtr ctxt, ms_parser *fd)
{
#if LIBXML_VERSION >= 21400
	xmlCtxtSetPrivate(ctxt, fd);
#else
	ctxt->_private = fd;
#endif
}

/* The encoding named by the XML declaration, or NULL. */
static const char *declared_encoding(xmlParserCtxtPtr ctxt)
{
#if LIBXML_VERSION >= 21400
	return (const char *)xmlCtxtGetDeclaredEncoding(ctxt);
#else
	return (const char *)ctxt->encoding;
#endif
}

/*
 * Stop the parse from inside a callback. Before 2.13 not with
 * xmlStopParser(): it frees the input buffer at once, and our error
 * handler runs in the middle of the start-tag parser, which then reads
 * the attribute values from freed memory (a heap-use-after-free found by
 * fuzzing: tests/fuzz/corpus/load/stop-inside-start-tag.xml). There,
 * marking the parser halted, as xmlStopParser() itself does from 2.13 on,
 * stops it at its next check and leaves the buffer alive; the load loop
 * reads no more either way.
 */
static void halt_parser(ms_parser *fd)
{
	if (!fd->halted) {
		fd->halted = true;
#if LIBXML_VERSION >= 21300
		xmlStopParser(fd->ctxt);
#else
		fd->ctxt->wellFormed = 0;
		fd->ctxt->disableSAX = 1;
		fd->ctxt->instate = XML_PARSER_EOF;
#endif
	}
}

/* Has the parse been stopped, by either half? */
static bool halted(ms_parser *fd)
{
	if (!fd->halted && atomic_load_explicit(&fd->b->rep.halt, memory_order_relaxed))
		halt_parser(fd);
	return fd->halted;
}

enum { BLOCK = 256 * 1024 };

/* Keep an applied block for reuse; one made for a single large record
 * goes (otherwise a run of ever larger records would keep them all). */
static void recycle(ms_ev_queue *q, ev_block *b)
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
	ms_parser *fd = arg;
	ms_ev_queue *q = &fd->q;
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
		ms_builder_apply(fd->b, b);
		pthread_mutex_lock(&q->mu);
		recycle(q, b);
		pthread_mutex_unlock(&q->mu);
	}
}

/* Hand the current block to the builder (or apply it here). */
static void send_block(ms_parser *fd)
{
	ev_block *b = fd->cur;
	ms_ev_queue *q = &fd->q;
	fd->cur = NULL;
	if (!b)
		return;
	if (!fd->threaded) {
		ms_builder_apply(fd->b, b);
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
static void *record(ms_parser *fd, uint32_t type, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (fd->cur && fd->cur->cap - fd->cur->len < size)
		send_block(fd);
	if (!fd->cur) {
		ms_ev_queue *q = &fd->q;
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

void ms_parser_finish(ms_parser *fd)
{
	send_block(fd);
	ms_ev_queue *q = &fd->q;
	if (fd->threaded) {
		pthread_mutex_lock(&q->mu);
		q->done = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		pthread_join(fd->thread, NULL);
		pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
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
	ms_parser *fd = parser_of(ctxt);
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
	ms_parser *fd = parser_of(ctx);
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
	ms_loc loc = {.line = line, .col = 1};
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
	ms_parser *fd = parser_of(ctxt);
	if (halted(fd) || len < 0)
		return;
	ev_text *ev = record(fd, EV_TEXT, sizeof(*ev) + (size_t)len);
	if (!ev)
		return;
	ev->here.line = (uint32_t)xmlSAX2GetLineNumber(ctxt);
	ev->here.col = (uint32_t)xmlSAX2GetColumnNumber(ctxt);
	ev->first.line = ev->first.col = 0;
	for (int i = 0; i < len; i++) {
		if (!ms_is_space(ch[i])) {
			ev->first = text_loc(ctxt, ch, i, len);
			break;
		}
	}
	ev->len = (size_t)len;
	memcpy(ev + 1, ch, (size_t)len);
}

/* An error event; for EV_ERROR the parse stops at once. */
static void report(ms_parser *fd, uint32_t type, ms_loc here, bool fatal, const char *msg)
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
	ms_parser *fd = parser_of(ctxt);
	if (halted(fd))
		return;
	ms_loc here = {.line = (uint32_t)xmlSAX2GetLineNumber(ctxt), .col = 1};
	report(fd, EV_ERROR, here, false,
	       MS_L(fd->lang, "a DOCTYPE is not allowed (medscope refuses DTDs and entities); remove it",
	            "DOCTYPE は使えません (DTD とエンティティは拒否します)。削除してください"));
}

static void on_start_document(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	ms_parser *fd = parser_of(ctxt);
	const char *enc = declared_encoding(ctxt);
	if (!halted(fd) && enc && xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"UTF-8") != 0 &&
	    xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"UTF8") != 0) {
		/* Convert, and make line 1 (where the declaration is) say UTF-8. */
		char fix[160];
		snprintf(fix, sizeof fix, "%.64s/UTF-8", enc);
		ms_buf cmd = MS_BUF_INIT;
		ms_encoding_command(&cmd, &fd->b->rep.m->files.v[fd->b->file], ms_iconv_name(enc), fix);
		char msg[1024];
		snprintf(msg, sizeof(msg),
		         MS_L(fd->lang,
		              "the file declares encoding \"%.64s\"; medscope reads UTF-8 only and does not "
		              "convert on its own. Convert it and fix the declaration with: %s",
		              "エンコーディング \"%.64s\" が宣言されています。UTF-8 のみ読み、自動では変換しません。"
		              "次のコマンドで変換し、XML 宣言も UTF-8 にしてください: %s"),
		         enc, ms_buf_cstr(&cmd));
		ms_buf_free(&cmd);
		ms_loc here = {.line = 1, .col = 1};
		report(fd, EV_ERROR, here, false, msg);
	}
}

/*
 * libxml2's encoding errors, told the way the user can act on them: bytes
 * that are not UTF-8 (a Shift_JIS or EUC-JP file declared UTF-8, or not
 * declared at all: a Windows editor's habit) get the offset and the
 * conversion command; a UTF-16 declaration on UTF-8 bytes gets the
 * declaration fix. Returns false for any other error.
 */
static bool encoding_error(ms_parser *fd, ms_xml_error *e, ms_loc here)
{
	const char *text = e->message ? e->message : "";
	const ms_report *r = &fd->b->rep;
	char msg[1024];
	ms_buf cmd = MS_BUF_INIT;
	if (strstr(text, "labelled UTF-16 but has UTF-8 content")) {
		ms_encoding_command(&cmd, &r->m->files.v[fd->b->file], NULL, "encoding=\"[^\"]*\"/encoding=\"UTF-8\"");
		snprintf(msg, sizeof msg,
		         MS_L(fd->lang,
		              "the declaration says UTF-16 but the bytes are UTF-8; make it say UTF-8 with: %s",
		              "XML 宣言は UTF-16 ですが中身は UTF-8 です。次のコマンドで宣言を UTF-8 にしてください: %s"),
		         ms_buf_cstr(&cmd));
	} else if (strstr(text, "not proper UTF-8") || strstr(text, "Invalid bytes in character encoding")) {
		unsigned b0 = 0, b1 = 0;
		const char *bytes = strstr(text, "Bytes: 0x");
		int got = bytes ? sscanf(bytes, "Bytes: 0x%x 0x%x", &b0, &b1) : 0;
		/* EUC-JP's kanji are two bytes of 0xA1-0xFE; anything else is
		 * more likely Shift_JIS (lead bytes 0x81-0x9F, 0xE0-0xFC). */
		bool euc = got == 2 && b0 >= 0xA1 && b0 <= 0xFE && b1 >= 0xA1 && b1 <= 0xFE;
		const char *guess = euc ? "EUC-JP" : "SHIFT_JIS";
		ms_encoding_command(&cmd, &r->m->files.v[fd->b->file], guess, NULL);
		long off = xmlByteConsumed(fd->ctxt);
		char where[64] = "";
		if (got >= 1 && off >= 0 && fd->lang == MEDSCOPE_LANG_JA)
			snprintf(where, sizeof where, "オフセット %ld のバイト 0x%02X", off, b0);
		else if (got >= 1 && off >= 0)
			snprintf(where, sizeof where, "byte 0x%02X at offset %ld", b0, off);
		snprintf(msg, sizeof msg,
		         MS_L(fd->lang,
		              "%s is not UTF-8: the file is probably %s. medscope reads UTF-8 only and does not "
		              "convert on its own; convert it with: %s (the declaration, if any, must then say UTF-8)",
		              "%s は UTF-8 ではありません。ファイルはおそらく %s です。UTF-8 のみ読み、自動では変換しません。"
		              "次のコマンドで変換してください: %s (XML 宣言があれば encoding は UTF-8 のままにします)"),
		         where[0] ? where : MS_L(fd->lang, "a byte", "バイト"),
		         strcmp(guess, "SHIFT_JIS") == 0 ? "Shift_JIS" : "EUC-JP", ms_buf_cstr(&cmd));
	} else {
		return false;
	}
	ms_buf_free(&cmd);
	report(fd, EV_ERROR, here, false, msg); /* our words, not "not well-formed" */
	return true;
}

static void on_xml_error(void *data, ms_xml_error *e)
{
	xmlParserCtxtPtr ctxt = data;
	ms_parser *fd = ctxt ? parser_of(ctxt) : NULL;
	if (!fd)
		return;
	if (e->code == XML_ERR_NO_MEMORY)
		fd->oom = true;
	if (e->level < XML_ERR_ERROR || halted(fd))
		return;
	if (e->level == XML_ERR_FATAL)
		fd->fatal = true;
	ms_loc here = {.line = (uint32_t)(e->line > 0 ? e->line : 1),
	               .col = (uint32_t)(e->int2 > 0 ? e->int2 : 1)};
	if (encoding_error(fd, e, here))
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	report(fd, EV_XML_ERROR, here, e->level == XML_ERR_FATAL, msg);
}

/* Errors libxml2 raises without a parser context (encoding conversion,
 * I/O) reach the thread-local structured handler instead of ours. */
static void on_global_error(void *data, ms_xml_error *e)
{
	ms_parser *fd = data;
	if (fd->ctxt)
		on_xml_error(fd->ctxt, e);
	else if (e->code == XML_ERR_NO_MEMORY)
		fd->oom = true; /* while creating the parser */
}

bool ms_parser_open(ms_parser *fd, ms_builder *b, ms_prescan *pre)
{
	memset(fd, 0, sizeof(*fd));
	fd->b = b;
	fd->pre = pre;
	fd->lang = b->rep.lang;
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

	/* Without this, such errors are printed on stderr by libxml2, and the
	 * library never prints: route them to this load's diagnostics for its
	 * duration, then give the caller back its own handler. */
	fd->saved_handler = xmlStructuredError;
	fd->saved_handler_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(fd, on_global_error);
	/* No file name: libxml2 would only use it to resolve relative
	 * external entities (there are none to load), and in 2.9.14 a failed
	 * allocation while copying it leaks the input stream
	 * (tests/fault/fault_alloc.c found it). Diagnostics carry our name. */
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
	if (!ctxt) {
		xmlSetStructuredErrorFunc(fd->saved_handler_ctx, fd->saved_handler);
		return false;
	}
	set_parser(ctxt, fd);
	fd->ctxt = ctxt;
#if LIBXML_VERSION >= 21300
	xmlCtxtSetErrorHandler(ctxt, on_xml_error, ctxt);
#else
	ctxt->sax->serror = on_xml_error;
#endif
	/* NONET: no network even if something slipped through; BIG_LINES:
	 * line numbers past 65535; NOCDATA: CDATA arrives as text. Never
	 * NOENT, DTDLOAD, XINCLUDE or HUGE (they disable the protections). */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	set_parser(ctxt, fd); /* xmlCtxtUseOptions keeps it; set again to be sure */
	return true;
}

xmlDictPtr ms_parser_dict(const ms_parser *fd)
{
#if LIBXML_VERSION >= 21400
	return xmlCtxtGetDict(fd->ctxt);
#else
	return fd->ctxt->dict;
#endif
}

void ms_parser_start_thread(ms_parser *fd)
{
	ms_ev_queue *q = &fd->q;
	if (pthread_mutex_init(&q->mu, NULL) != 0)
		return;
	bool cv = pthread_cond_init(&q->cv, NULL) == 0;
	if (cv && pthread_create(&fd->thread, NULL, builder_main, fd) == 0) {
		fd->threaded = true;
	} else {
		/* No thread: the builder runs here. */
		if (cv)
			pthread_cond_destroy(&q->cv);
		pthread_mutex_destroy(&q->mu);
	}
}

void ms_parser_feed(ms_parser *fd, const char *buf, size_t len, bool terminate)
{
	xmlParseChunk(fd->ctxt, buf, (int)len, terminate);
}

bool ms_parser_halted(ms_parser *fd)
{
	return halted(fd);
}

bool ms_parser_stop_reading(ms_parser *fd)
{
	return halted(fd) || fd->fatal;
}

bool ms_parser_well_formed(const ms_parser *fd)
{
	/* A halt marks the document not well-formed, as libxml2 2.9 does. */
	if (fd->halted)
		return false;
#if LIBXML_VERSION >= 21400
	return !(xmlCtxtGetStatus(fd->ctxt) & (XML_STATUS_NOT_WELL_FORMED | XML_STATUS_NOT_NS_WELL_FORMED));
#else
	return fd->ctxt->wellFormed && fd->ctxt->nsWellFormed;
#endif
}

void ms_parser_close(ms_parser *fd)
{
	/* No document to free: without libxml2's tree callbacks, none is built. */
	xmlFreeParserCtxt(fd->ctxt);
	fd->ctxt = NULL;
	xmlSetStructuredErrorFunc(fd->saved_handler_ctx, fd->saved_handler);
}
