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
/* realpath() (X/Open), for the include rule "inside the folder after
 * symbolic links are resolved". */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
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

/* model.md "Splitting a model across files": parts nest at most this deep. */
enum { MAX_INCLUDE_DEPTH = 8 };

/* A file read, by what it is on disk: "no file twice" must hold for two
 * spellings of one path and for hard links too. */
typedef struct {
	dev_t dev;
	ino_t ino;
	uint32_t parent; /* the file that includes it (MS_NONE: the main file) */
	ms_loc at;       /* where that <include> stands */
} file_seen;

/* One load: the model, all its files, the one size budget. */
typedef struct {
	medscope_model *m;
	const medscope_load_options *opts;
	medscope_diags *diags;
	size_t total;         /* bytes read from all files: the limit counts them together */
	size_t errors_before; /* diagnostics the caller's list held already */
	const char *no_folder; /* why parts cannot be found (standard input, memory), or NULL */
	bool bad;             /* a file was refused or not well-formed: no resolution */
	bool limit;           /* ... because the size limit was passed */
	bool stopped;         /* the diagnostics are full: read no further file */
	bool oom;
	MS_VEC(file_seen) seen; /* [i]: file i of m->files (main: only when it is a file) */
} load_ctx;

typedef MS_VEC(ms_include) include_vec;

/*
 * Parse one file into the model: the main file (file 0) or a part. Every
 * file gets the same reader, limits and refusals; the bytes count against
 * the one budget. On return *includes holds the file's <include>s (empty
 * unless it was well-formed). Returns OK (problems are diagnostics and
 * flags in c), or NOMEM / IO / INVALID (refused before parsing).
 */
static medscope_status parse_one(load_ctx *c, uint32_t file, bool part, chunk_reader read_chunk,
                                 void *src, size_t size, include_vec *includes)
{
	const medscope_load_options *opts = c->opts;
	medscope_diags *diags = c->diags;
	medscope_model *m = c->m;
	const char *name = m->files.v[file].path;
	medscope_status st = MEDSCOPE_OK;
	size_t errors_before = ms_diag_errors(diags);
	memset(includes, 0, sizeof(*includes));

	enum { CHUNK = 64 * 1024 };
	char *buf = malloc(CHUNK);
	if (!buf)
		return MEDSCOPE_ERR_NOMEM;
	ssize_t n = read_chunk(src, buf, CHUNK);
	if (n < 0) {
		int e = errno;
		free(buf);
		errno = e; /* for the caller's message */
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
		ms_encoding_command(&cmd, &m->files.v[file], utf16, "encoding=\"[^\"]*\"/encoding=\"UTF-8\"");
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "the file is UTF-16; medscope reads UTF-8 only and does not convert on its own. "
		                 "Convert it and make the declaration say UTF-8 with: %s",
		                 "ファイルが UTF-16 です。UTF-8 のみ読み、自動では変換しません。"
		                 "次のコマンドで変換し、XML 宣言も UTF-8 にしてください: %s"),
		            ms_buf_cstr(&cmd));
		ms_buf_free(&cmd);
		free(buf);
		return MEDSCOPE_ERR_INVALID;
	}

	ms_builder bld;
	ms_builder_init(&bld, m, diags, opts);
	ms_builder_set_file(&bld, file, part);
	ms_parser parser;
	int read_errno = 0;
	bool hard_error = false; /* refused without diagnostics (diags == NULL) */
	ms_prescan pre;
	ms_prescan_init(&pre, opts->max_attributes, opts->max_value_length);
	if (!ms_parser_open(&parser, &bld, &pre)) {
		ms_prescan_free(&pre);
		ms_builder_free(&bld);
		free(buf);
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
	size_t total = 0; /* of this file */
	while (n > 0 && !ms_parser_stop_reading(&parser)) {
		total += (size_t)n;
		c->total += (size_t)n;
		if (c->total > opts->max_input) {
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
		if (opts->progress && file == 0 && total % (1u << 20) < (size_t)n)
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
	if (refusal == TOO_LARGE) {
		c->limit = true;
		if (file == 0)
			ms_diag_add(diags, name, 0, 0, MEDSCOPE_SEVERITY_ERROR,
			            MS_L(opts->lang,
			                 "the file is larger than the limit of %zu bytes (raise it with --max-input)",
			                 "ファイルが上限 %zu バイトを超えています (--max-input で変更できます)"),
			            opts->max_input);
		else
			ms_diag_add(diags, name, 0, 0, MEDSCOPE_SEVERITY_ERROR,
			            MS_L(opts->lang,
			                 "with this part the model's files are larger than the limit of %zu bytes "
			                 "together (raise it with --max-input)",
			                 "この部品を含めるとモデルのファイルの合計が上限 %zu バイトを超えます "
			                 "(--max-input で変更できます)"),
			            opts->max_input);
	} else if (refusal == TOO_MANY_ATTRIBUTES) {
		ms_diag_add(diags, name, pre.tag_line, pre.tag_col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "an element has more than %u attributes (limit --max-attributes)",
		                 "要素の属性が %u 個を超えています (上限 --max-attributes)"),
		            opts->max_attributes);
	} else if (refusal == VALUE_TOO_LONG) {
		ms_diag_add(diags, name, pre.tag_line, pre.tag_col, MEDSCOPE_SEVERITY_ERROR,
		            MS_L(opts->lang,
		                 "an attribute value is longer than %zu bytes (limit --max-value-length)",
		                 "属性値が %zu バイトを超えています (上限 --max-value-length)"),
		            opts->max_value_length);
	}
	if (total == 0 && st == MEDSCOPE_OK && !bld.rep.oom) {
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            MS_L(opts->lang, "the file is empty", "ファイルが空です"));
		hard_error = true;
	}
	if (!hard_error && st == MEDSCOPE_OK && !bld.root_seen && ms_diag_errors(diags) == errors_before)
		ms_diag_add(diags, name, 1, 1, MEDSCOPE_SEVERITY_ERROR, "%s",
		            part ? MS_L(opts->lang, "the file holds no <part> element", "<part> 要素がありません")
		                 : MS_L(opts->lang, "the file holds no <deployment> element",
		                        "<deployment> 要素がありません"));
	bool well_formed = ms_parser_well_formed(&parser) && !hard_error && !bld.rep.stopped;
	ms_parser_close(&parser);
	if (!well_formed || !bld.root_seen)
		c->bad = true;
	/* A full list (or none) ends the search; a part refused for its own
	 * reasons does not keep its siblings from being read. */
	if (bld.rep.stopped && (!diags || medscope_diags_dropped(diags) > 0))
		c->stopped = true;
	c->oom |= bld.rep.oom;
	if (well_formed && bld.root_seen) {
		*includes = (include_vec){bld.includes.v, bld.includes.n, bld.includes.cap};
		memset(&bld.includes, 0, sizeof(bld.includes));
	}
	ms_builder_free(&bld);
	ms_prescan_free(&pre);
	free(buf);
	if (st == MEDSCOPE_ERR_IO)
		errno = read_errno; /* for the caller's message */
	return st;
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

/* An include refused: at the <include> element, in its file. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void include_error(load_ctx *c, ms_loc at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->bad = true;
	if (ms_diag_add(c->diags, ms_loc_path(c->m, at), at.line, at.col, MEDSCOPE_SEVERITY_ERROR, "%s",
	                msg) < 0 || !c->diags)
		c->stopped = true;
}

/* Why href breaks model.md's rules, in the user's language, or NULL: a
 * relative path with '/' separators, no '..', no absolute path, no URL
 * or scheme. Any ':' counts as one (a drive letter "C:" too), as in the
 * XSD's includePath; so does white space at either end. */
static const char *href_problem(const char *href, medscope_lang lang)
{
	size_t n = strlen(href);
	if (strchr(href, ':'))
		return MS_L(lang, "is a URL or has a scheme (':'); medscope reads only files beside the model",
		            "は URL かスキーム (':') を含みます。モデルと同じフォルダのファイルだけを読みます");
	if (n && (ms_is_space((unsigned char)href[0]) || ms_is_space((unsigned char)href[n - 1])))
		return MS_L(lang, "starts or ends with white space", "の前後に空白があります");
	if (href[0] == '/')
		return MS_L(lang, "is an absolute path; write it relative to this file's folder",
		            "は絶対パスです。このファイルのフォルダからの相対パスで書いてください");
	if (strchr(href, '\\'))
		return MS_L(lang, "contains '\\'; separate folders with '/'",
		            "に '\\' があります。フォルダの区切りは '/' です");
	for (const char *s = href; *s;) {
		size_t seg = strcspn(s, "/");
		if (seg == 2 && s[0] == '.' && s[1] == '.')
			return MS_L(lang,
			            "has a '..' segment; a part must lie in this file's folder or below it",
			            "に '..' があります。部品はこのファイルのフォルダかその下に置いてください");
		s += seg;
		if (*s == '/')
			s++;
	}
	return NULL;
}

/* Is `path` (resolved) inside folder `dir` (resolved)? */
static bool inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/' && path[1] != '\0';
	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static void read_includes(load_ctx *c, uint32_t file, unsigned depth, const include_vec *in);

/* Read the part one <include> of file `from` names (model.md "Splitting a
 * model across files"). libxml2 opens nothing: the part is checked here,
 * opened here and fed to a parser of its own, like the main file. */
static medscope_status read_part(load_ctx *c, uint32_t from, unsigned depth, const ms_include *in)
{
	medscope_lang lang = c->opts->lang;
	const char *href = in->href;
	if (c->no_folder) {
		include_error(c, in->loc,
		              MS_L(lang,
		                   "<include href=\"%s\">: parts cannot be read when the model comes from %s "
		                   "(they are found beside the main file); give the main file's path instead",
		                   "<include href=\"%s\">: モデルを %s から読むときは部品を読めません "
		                   "(部品は主ファイルのフォルダから探します)。主ファイルのパスを指定してください"),
		              href, c->no_folder);
		return MEDSCOPE_OK;
	}
	const char *why = href_problem(href, lang);
	if (why) {
		include_error(c, in->loc, "<include href=\"%s\">: '%s' %s", href, href, why);
		return MEDSCOPE_OK;
	}
	if (depth > MAX_INCLUDE_DEPTH) {
		include_error(c, in->loc,
		              MS_L(lang,
		                   "<include href=\"%s\">: parts are nested more than %d deep; include "
		                   "them from a file nearer the main one",
		                   "<include href=\"%s\">: 部品の入れ子が %d 段を超えています。"
		                   "主ファイルに近いファイルから読み込んでください"),
		              href, MAX_INCLUDE_DEPTH);
		return MEDSCOPE_OK;
	}
	/* Resolved against the including file's folder, as written. */
	const char *base = ms_loc_path(c->m, in->loc);
	const char *slash = strrchr(base, '/');
	size_t dlen = slash ? (size_t)(slash - base) + 1 : 0;
	ms_buf joined = MS_BUF_INIT, dir = MS_BUF_INIT;
	ms_buf_put(&joined, base, dlen);
	ms_buf_puts(&joined, href);
	if (dlen)
		ms_buf_put(&dir, base, dlen);
	else
		ms_buf_puts(&dir, ".");
	medscope_status st = MEDSCOPE_OK;
	char *dreal = NULL, *treal = NULL;
	int fd = -1;
	if (joined.oom || dir.oom) {
		st = MEDSCOPE_ERR_NOMEM;
		goto done;
	}
	const char *path = ms_buf_cstr(&joined);
	dreal = realpath(ms_buf_cstr(&dir), NULL);
	treal = dreal ? realpath(path, NULL) : NULL;
	if (!treal) {
		include_error(c, in->loc,
		              MS_L(lang, "<include href=\"%s\">: cannot open %s: %s",
		                   "<include href=\"%s\">: %s を開けません: %s"),
		              href, path, strerror(errno));
		goto done;
	}
	/* After symbolic links: a link in the folder must not lead out of it. */
	if (!inside(dreal, treal)) {
		include_error(c, in->loc,
		              MS_L(lang,
		                   "<include href=\"%s\">: %s leads outside this file's folder (through a "
		                   "symbolic link); a part must lie in that folder or below it",
		                   "<include href=\"%s\">: %s はシンボリックリンクでこのファイルのフォルダの"
		                   "外を指しています。部品はそのフォルダかその下に置いてください"),
		              href, path);
		goto done;
	}
	fd = open(treal, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0) {
		include_error(c, in->loc,
		              MS_L(lang, "<include href=\"%s\">: cannot open %s: %s",
		                   "<include href=\"%s\">: %s を開けません: %s"),
		              href, path, strerror(errno));
		goto done;
	}
	if (!S_ISREG(sb.st_mode)) {
		include_error(c, in->loc,
		              MS_L(lang, "<include href=\"%s\">: %s is not a regular file",
		                   "<include href=\"%s\">: %s は通常のファイルではありません"),
		              href, path);
		goto done;
	}
	/* No file twice: a loop (the file is being read, further up this
	 * chain of includes) or a second include of a file already read. */
	for (uint32_t j = 0; j < c->seen.n; j++) {
		const file_seen *f = &c->seen.v[j];
		if (f->dev != sb.st_dev || f->ino != sb.st_ino)
			continue;
		uint32_t a = from;
		while (a != MS_NONE && a != j)
			a = c->seen.v[a].parent;
		if (j == from)
			include_error(c, in->loc,
			              MS_L(lang, "<include href=\"%s\">: a file cannot include itself",
			                   "<include href=\"%s\">: ファイルは自分自身を読み込めません"),
			              href);
		else if (a == j)
			include_error(c, in->loc,
			              MS_L(lang,
			                   "<include href=\"%s\">: include loop: %s is being read already "
			                   "(it includes this file, directly or through other parts)",
			                   "<include href=\"%s\">: 読み込みが循環しています。%s は読み込み中です "
			                   "(直接または他の部品を通してこのファイルを読み込んでいます)"),
			              href, c->m->files.v[j].text);
		else
			include_error(c, in->loc,
			              MS_L(lang,
			                   "<include href=\"%s\">: %s is included already (at %s:%u:%u); each "
			                   "file is read once",
			                   "<include href=\"%s\">: %s はすでに読み込まれています (%s:%u:%u)。"
			                   "ファイルは 1 度だけ読みます"),
			              href, c->m->files.v[j].text, ms_loc_text(c->m, f->at), f->at.line, f->at.col);
		goto done;
	}
	/* The one budget: refused before reading when the size says so. */
	if ((uint64_t)sb.st_size > c->opts->max_input - (c->total < c->opts->max_input ? c->total : c->opts->max_input)) {
		c->limit = true;
		include_error(c, in->loc,
		              MS_L(lang,
		                   "<include href=\"%s\">: with %s (%lld bytes) the model's files are larger "
		                   "than the limit of %zu bytes together (raise it with --max-input)",
		                   "<include href=\"%s\">: %s (%lld バイト) を含めるとモデルのファイルの合計が"
		                   "上限 %zu バイトを超えます (--max-input で変更できます)"),
		              href, path, (long long)sb.st_size, c->opts->max_input);
		goto done;
	}
	uint32_t file = ms_model_add_file(c->m, path);
	file_seen *f = file != MS_NONE ? MS_VEC_PUSH(c->seen) : NULL;
	if (!f) {
		st = MEDSCOPE_ERR_NOMEM;
		goto done;
	}
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	f->parent = from;
	f->at = in->loc;
	fd_src src = {fd};
	include_vec sub;
	st = parse_one(c, file, true, read_fd, &src, (size_t)sb.st_size, &sub);
	if (st == MEDSCOPE_ERR_IO) {
		include_error(c, in->loc,
		              MS_L(lang, "<include href=\"%s\">: read error in %s: %s",
		                   "<include href=\"%s\">: %s の読み込みエラー: %s"),
		              href, path, strerror(errno));
		st = MEDSCOPE_OK;
	} else if (st == MEDSCOPE_ERR_INVALID) {
		c->bad = true;
		st = MEDSCOPE_OK;
	}
	close(fd);
	fd = -1;
	if (st == MEDSCOPE_OK)
		read_includes(c, file, depth, &sub);
	MS_VEC_FREE(sub);
done:
	if (fd >= 0)
		close(fd);
	free(dreal);
	free(treal);
	ms_buf_free(&joined);
	ms_buf_free(&dir);
	if (st == MEDSCOPE_ERR_NOMEM)
		c->oom = true;
	return st;
}

/* The parts file `file` (at `depth`) includes, in document order: its
 * own parts are read before the next sibling, depth first. */
static void read_includes(load_ctx *c, uint32_t file, unsigned depth, const include_vec *in)
{
	for (size_t i = 0; i < in->n && !c->stopped && !c->oom; i++)
		read_part(c, file, depth + 1, &in->v[i]);
}

/* Load the main file and its parts. `st` is the main file's stat when it
 * is a file on disk, NULL for standard input and memory (no_folder says
 * which, for the message that refuses <include>). */
static medscope_status load(medscope_model **out, const char *name, chunk_reader read_chunk,
                            void *src, size_t size, const struct stat *sb, const char *no_folder,
                            const medscope_load_options *opts, medscope_diags *diags)
{
	medscope_load_options defaults;
	if (!opts) {
		medscope_load_options_init(&defaults);
		opts = &defaults;
	}
	*out = NULL;
	load_ctx c;
	memset(&c, 0, sizeof(c));
	c.opts = opts;
	c.diags = diags;
	c.errors_before = ms_diag_errors(diags);
	c.no_folder = no_folder;
	medscope_status st = ms_model_new(&c.m, name);
	if (st != MEDSCOPE_OK)
		return st;
	medscope_model *m = c.m;
	file_seen *main_seen = MS_VEC_PUSH(c.seen);
	if (!main_seen) {
		medscope_model_free(m);
		return MEDSCOPE_ERR_NOMEM;
	}
	main_seen->parent = MS_NONE;
	main_seen->ino = sb ? sb->st_ino : 0;
	main_seen->dev = sb ? sb->st_dev : (dev_t)-1; /* matches no file */
	/* National-scale models hold about one id per 100 bytes (98 and 99 in
	 * both shapes of tests/gen/gen_national.c): sizing the table once for
	 * a little more spares the rehash on the way up, which at /128 still
	 * came at 80 % of the ids and cost 5 % of `validate`. */
	ms_sym_reserve(m, (size < opts->max_input ? size : opts->max_input) / 96);
	include_vec incs;
	st = parse_one(&c, 0, false, read_chunk, src, size, &incs);
	int read_errno = errno;
	if (st == MEDSCOPE_OK)
		read_includes(&c, 0, 0, &incs);
	MS_VEC_FREE(incs);
	MS_VEC_FREE(c.seen);
	if (c.oom && st == MEDSCOPE_OK)
		st = MEDSCOPE_ERR_NOMEM;

	/* References are checked even after schema errors, so that one run
	 * shows every problem; a refused element's id is defined with no
	 * index, and resolution only reports. */
	if (st == MEDSCOPE_OK && !c.bad && ms_resolve(m, diags, opts->lang) == MS_RESOLVE_NOMEM)
		c.oom = true;
	if (st == MEDSCOPE_OK && (c.bad || ms_diag_errors(diags) != c.errors_before))
		st = c.limit ? MEDSCOPE_ERR_LIMIT : MEDSCOPE_ERR_INVALID;
	/* Out of memory wins over the errors it caused. */
	if (c.oom && (st == MEDSCOPE_OK || st == MEDSCOPE_ERR_INVALID))
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
	MS_VEC_SHRINK(m->files);
	ms_model_drop_lookup(m);
	*out = m;
	return MEDSCOPE_OK;
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
	/* Parts are resolved against the main file's folder: only a file
	 * read through its path has one. */
	medscope_status s = load(out, path, read_fd, &src, size, is_stdin ? NULL : &st,
	                         is_stdin ? MS_L(opts->lang, "standard input", "標準入力") : NULL, opts, diags);
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
	return load(out, name ? name : "<memory>", read_mem, &src, len, NULL,
	            MS_L(opts ? opts->lang : MEDSCOPE_LANG_EN, "memory", "メモリ"), opts, diags);
}
