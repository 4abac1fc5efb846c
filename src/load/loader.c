/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The model loader's public functions: streams an untrusted XML file
 * through libxml2's SAX2 push parser into the compact arrays of model.h.
 * No DOM is built.
 *
 * Two halves meet in a queue of event blocks (events.h): the parser's
 * half (parse.c), in the caller's thread, runs libxml2 and copies each SAX
 * event into a block; the builder's half (build.c) checks each event
 * against the schema (schema.c, value.c) and builds the model. On large
 * files the builder runs in a second thread, so that libxml2's work and
 * ours overlap; on small ones it applies each block in the caller's
 * thread. Both modes apply the same events in document order.
 *
 * Hostile input (research/c-apis.md §3): no DOCTYPE (parse.c); we read
 * the file ourselves (nothing else is opened, no network); the size, the
 * attributes per element, the nesting depth and the length of values are
 * capped; errors are collected, not printed, up to the diagnostics cap.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/parse.h"
#include "util/diags.h"

/* Below a file of this size the builder runs in the caller's thread: a
 * thread would cost more than it saves. Tests set it to 0. */
size_t ms_load_thread_min = 4u << 20;

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

	ms_builder bld;
	ms_builder_init(&bld, m, diags, opts);
	ms_parser parser;
	int read_errno = 0;
	size_t errors_before = ms_diag_errors(diags);
	bool hard_error = false; /* refused without diagnostics (diags == NULL) */

	enum { CHUNK = 64 * 1024 };
	char *buf = malloc(CHUNK);
	if (!buf) {
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	ms_prescan pre;
	ms_prescan_init(&pre, opts->max_attributes, opts->max_value_length);
	/* National-scale models hold about one id per 100 bytes (98 and 99 in
	 * both shapes of tests/gen/gen_national.c): sizing the table once for
	 * a little more spares the rehash on the way up, which at /128 still
	 * came at 80 % of the ids and cost 5 % of `validate`. */
	ms_sym_reserve(m, (size < opts->max_input ? size : opts->max_input) / 96);
	size_t total = 0;
	ssize_t n = read_chunk(src, buf, CHUNK);
	if (n < 0) {
		read_errno = errno;
		free(buf);
		medscope_model_free(m);
		errno = read_errno; /* for the caller's message */
		return MEDSCOPE_ERR_IO;
	}
	/* UTF-16 is detected from the first bytes (a byte order mark, or
	 * '<' with a zero byte): the hint converts it and makes the
	 * declaration say UTF-8. */
	const char *utf16 = NULL;
	if (n >= 2) {
		unsigned char b0 = (unsigned char)buf[0], b1 = (unsigned char)buf[1];
		if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE))
			utf16 = "UTF-16";
		else if (b0 == 0 && b1 == '<')
			utf16 = "UTF-16BE";
		else if (b0 == '<' && b1 == 0)
			utf16 = "UTF-16LE";
	}
	if (utf16) {
		ms_buf cmd = MS_BUF_INIT;
		ms_encoding_command(&cmd, m, utf16, "encoding=\"[^\"]*\"/encoding=\"UTF-8\"");
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "the file is UTF-16; medscope reads UTF-8 only and does not convert on its own. "
		                 "Convert it and make the declaration say UTF-8 with: %s",
		                 "ファイルが UTF-16 です。UTF-8 のみ読み、自動では変換しません。"
		                 "次のコマンドで変換し、XML 宣言も UTF-8 にしてください: %s"),
		            ms_buf_cstr(&cmd));
		ms_buf_free(&cmd);
		free(buf);
		medscope_model_free(m);
		return MEDSCOPE_ERR_INVALID;
	}
	if (!ms_parser_open(&parser, &bld, &pre)) {
		free(buf);
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	bld.rep.oom = !ms_schema_names_intern(&bld.names, ms_parser_dict(&parser));
	if (bld.rep.oom)
		n = 0;
	if (n > 0 && size >= ms_load_thread_min)
		ms_parser_start_thread(&parser);

	/* The refusals found here wait until the builder is done: until
	 * then, the diagnostics are its alone. */
	enum { NO_REFUSAL, TOO_LARGE, TOO_MANY_ATTRIBUTES, VALUE_TOO_LONG } refusal = NO_REFUSAL;
	while (n > 0 && !ms_parser_stop_reading(&parser)) {
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
		ms_parser_feed(&parser, buf, (size_t)n, false);
		/* Every MiB: a terminal redraws one short line, so this is cheap. */
		if (opts->progress && total % (1u << 20) < (size_t)n)
			opts->progress(opts->progress_payload, total, size);
		if (ms_parser_stop_reading(&parser))
			break;
		/* A NUL byte is never XML: libxml2 reports it once the parse is
		 * ended (below), so read no further (/dev/zero stops here, not
		 * at --max-input). */
		if (memchr(buf, '\0', (size_t)n))
			break;
		n = read_chunk(src, buf, CHUNK);
		if (n < 0) {
			read_errno = errno;
			st = MEDSCOPE_ERR_IO;
			break;
		}
	}
	if (total > 0 && !ms_parser_halted(&parser) && refusal == NO_REFUSAL && st == MEDSCOPE_OK)
		ms_parser_feed(&parser, NULL, 0, true);
	ms_parser_finish(&parser);
	bld.rep.oom |= parser.oom;
	/* The builder may have stopped (diagnostics cap, depth) while this
	 * half read on: what was found after that point does not count, as
	 * when both halves ran in step. */
	if (bld.rep.stopped) {
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
	if (total == 0 && st == MEDSCOPE_OK && !bld.rep.oom) {
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file is empty", "ファイルが空です"));
		hard_error = true;
	}
	if (!hard_error && st == MEDSCOPE_OK && !bld.root_seen && ms_diag_errors(diags) == errors_before)
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file holds no <deployment> element",
		                 "<deployment> 要素がありません"));
	bool well_formed = ms_parser_well_formed(&parser) && !hard_error && !bld.rep.stopped;
	ms_parser_close(&parser);
	ms_builder_free(&bld);
	ms_prescan_free(&pre);
	free(buf);

	/* References are checked even after schema errors, so that one run
	 * shows every problem; a refused element's id is defined with no
	 * index, and resolution only reports. */
	if (st == MEDSCOPE_OK && well_formed && bld.root_seen && !bld.rep.oom &&
	    ms_resolve(m, diags, opts->lang) == MS_RESOLVE_NOMEM)
		bld.rep.oom = true;
	if (st == MEDSCOPE_OK && (!well_formed || !bld.root_seen || ms_diag_errors(diags) != errors_before))
		st = hard_error && total > opts->max_input ? MEDSCOPE_ERR_LIMIT : MEDSCOPE_ERR_INVALID;
	/* Out of memory wins over the errors it caused. */
	if (bld.rep.oom && (st == MEDSCOPE_OK || st == MEDSCOPE_ERR_INVALID))
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
	MS_VEC_SHRINK(m->exceptions);
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
	/* cli.md: "-" is standard input, named <stdin> in diagnostics (a file
	 * called "-" is still reachable as "./-"). Not closed: not ours. */
	bool is_stdin = strcmp(path, "-") == 0;
	if (is_stdin)
		path = MS_STDIN_NAME;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
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
		if (!is_stdin)
			close(fd);
		return MEDSCOPE_ERR_IO;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > opts->max_input) {
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "the file is %lld bytes, larger than the limit of %zu (raise it with --max-input)",
		                 "ファイルが %lld バイトあり、上限 %zu を超えています (--max-input で変更できます)"),
		            (long long)st.st_size, opts->max_input);
		if (!is_stdin)
			close(fd);
		return MEDSCOPE_ERR_LIMIT;
	}
	fd_src src = {fd};
	size_t size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	medscope_status s = load(out, path, read_fd, &src, size, opts, diags);
	if (s == MEDSCOPE_ERR_IO)
		ms_diag_add(diags, path, 0, 0, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang, "read error: %s", "読み込みエラー: %s"), strerror(errno));
	if (!is_stdin)
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
