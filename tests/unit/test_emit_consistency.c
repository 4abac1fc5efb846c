/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The text outputs and the JSON report say the same thing, for every
 * example model: the (code, line) pairs `check` prints are the JSON
 * findings, the rows of the `owners` matrix are the JSON ownership entries,
 * and the rows of the `scope` table are the JSON parties.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "helpers.h"

/* A list of strings, compared after sorting. */
typedef struct {
	char *v[512];
	size_t n;
} list;

static void add(list *l, const char *s)
{
	if (l->n < 512)
		l->v[l->n++] = strdup(s);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Equal as multisets; reports the first difference. */
static int same(list *a, list *b, const char *what, const char *example)
{
	qsort(a->v, a->n, sizeof(char *), cmp);
	qsort(b->v, b->n, sizeof(char *), cmp);
	int ok = a->n == b->n;
	for (size_t i = 0; ok && i < a->n; i++)
		ok = strcmp(a->v[i], b->v[i]) == 0;
	if (!ok) {
		fprintf(stderr, "\n%s: %s differ (text %zu, json %zu)\n", example, what, a->n, b->n);
		for (size_t i = 0; i < a->n; i++)
			fprintf(stderr, "  text: %s\n", a->v[i]);
		for (size_t i = 0; i < b->n; i++)
			fprintf(stderr, "  json: %s\n", b->v[i]);
	}
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i]);
	a->n = b->n = 0;
	return ok;
}

static char *emit(const medscope_analysis *a, medscope_format format)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	medscope_emit_options eo;
	medscope_emit_options_init(&eo);
	CU_ASSERT_EQUAL(medscope_emit(f, a, format, &eo), MEDSCOPE_OK);
	fclose(f);
	return buf;
}

/* FILE:LINE:COL: SEVERITY: MESSAGE [CODE] -> "CODE@LINE" */
static void check_pairs(const char *out, const char *file, list *l)
{
	size_t flen = strlen(file);
	char *copy = strdup(out), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		CU_ASSERT_EQUAL(strncmp(line, file, flen), 0);
		unsigned ln = 0, col = 0;
		CU_ASSERT_EQUAL(sscanf(line + flen, ":%u:%u:", &ln, &col), 2);
		char *open = strrchr(line, '[');
		size_t len = strlen(line);
		CU_ASSERT_FATAL(open != NULL && line[len - 1] == ']');
		char buf[256];
		snprintf(buf, sizeof(buf), "%.*s@%u", (int)(line + len - 1 - open - 1), open + 1, ln);
		add(l, buf);
	}
	free(copy);
}

/* The cells of the table rows (header and underline skipped) up to the
 * first blank line after the table starts: cells are separated by two
 * spaces or more (the padding), words inside a cell by one. Each row gives
 * its cells number cols[0..n) joined by '|', each cut to its first word
 * when `first_word` (an id before its " (name)"), or whole. `skip_title`
 * skips a title line and the blank line after it. */
static void table_cells(const char *out, int skip_title, const int *cols, int n, int first_word,
                        list *l)
{
	char *copy = strdup(out), *p = copy;
	if (skip_title) {
		p = strstr(p, "\n\n");
		p = p ? p + 2 : copy + strlen(copy);
	}
	int row = 0;
	while (*p && *p != '\n') {
		char *end = strchr(p, '\n');
		if (end)
			*end = '\0';
		if (row >= 2 && *p != '(') { /* "(none ...)" when the table is empty */
			char *cell[16] = {NULL};
			int nc = 0;
			for (char *q = p; *q && nc < 16;) {
				char *sep = strstr(q, "  ");
				cell[nc++] = q;
				if (!sep)
					break;
				*sep = '\0';
				q = sep + 2;
				while (*q == ' ')
					q++;
			}
			char buf[512] = "";
			for (int c = 0; c < n; c++) {
				const char *v = cols[c] < nc ? cell[cols[c]] : "";
				size_t len = first_word ? strcspn(v, " ") : strlen(v);
				if (c)
					strcat(buf, "|");
				strncat(buf, v, len < 200 ? len : 200);
			}
			add(l, buf);
		}
		row++;
		if (!end)
			break;
		p = end + 1;
	}
	free(copy);
}

static void table_rows(const char *out, int skip_title, int ncols, list *l)
{
	int cols[8] = {0, 1, 2, 3, 4, 5, 6, 7};
	table_cells(out, skip_title, cols, ncols, 1, l);
}

static void check_example(const char *name)
{
	char rel[300];
	snprintf(rel, sizeof(rel), "examples/%s", name);
	medscope_model *m = ms_test_load_file(rel, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	medscope_analysis *a = NULL;
	CU_ASSERT_EQUAL_FATAL(medscope_analyze(&a, m, NULL), MEDSCOPE_OK);
	char *check = emit(a, MEDSCOPE_FORMAT_CHECK), *json = emit(a, MEDSCOPE_FORMAT_JSON),
	     *owners = emit(a, MEDSCOPE_FORMAT_OWNERS), *scope = emit(a, MEDSCOPE_FORMAT_SCOPE);
	json_t *doc = json_loads(json, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	list t = {.n = 0}, j = {.n = 0};
	char buf[512];
	size_t i, k;
	json_t *e, *o;

	check_pairs(check, medscope_model_file(m), &t);
	size_t nsuppressed = 0;
	json_array_foreach(json_object_get(doc, "findings"), i, e)
	{
		/* check hides what an exception suppresses (rules.md §5). */
		if (json_object_get(e, "suppressed")) {
			nsuppressed++;
			continue;
		}
		snprintf(buf, sizeof(buf), "%s@%lld", json_string_value(json_object_get(e, "code")),
		         (long long)json_integer_value(json_object_get(e, "line")));
		add(&j, buf);
	}
	CU_ASSERT_TRUE(same(&t, &j, "findings", name));
	CU_ASSERT_EQUAL(nsuppressed, medscope_analysis_suppressed_count(a));

	/* owners: system | facility | owner | basis (cells 0, 3, 4, 5; the
	 * facility and owner cells are "H (name)") */
	static const int owner_cols[] = {0, 3, 4, 5};
	table_cells(owners, 1, owner_cols, 4, 1, &t);
	json_array_foreach(json_object_get(doc, "systems"), i, e)
	{
		json_array_foreach(json_object_get(e, "ownership"), k, o)
		{
			snprintf(buf, sizeof(buf), "%s|%s|%s|%s", json_string_value(json_object_get(e, "id")),
			         json_string_value(json_object_get(o, "facility")),
			         json_string_value(json_object_get(o, "owner")),
			         json_string_value(json_object_get(o, "basis")));
			add(&j, buf);
		}
	}
	CU_ASSERT_TRUE(same(&t, &j, "ownership entries", name));

	/* scope: id | kind, then in/out and category from the row's end is
	 * ambiguous (names hold spaces), so compare id and kind, and the
	 * in-scope count separately. */
	table_rows(scope, 0, 2, &t);
	size_t in_text = 0, in_json = 0;
	char *copy = strdup(scope), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		in_text += strstr(line, "  in  ") != NULL;
	free(copy);
	json_array_foreach(json_object_get(doc, "parties"), i, e)
	{
		snprintf(buf, sizeof(buf), "%s|%s", json_string_value(json_object_get(e, "id")),
		         json_string_value(json_object_get(e, "kind")));
		add(&j, buf);
		in_json += json_is_true(json_object_get(e, "in_scope"));
	}
	CU_ASSERT_TRUE(same(&t, &j, "parties", name));
	CU_ASSERT_EQUAL(in_text, in_json);

	/* scope: id | certifications, "isms (2027-06-30), pmark (2025-03-31
	 * expired)", the terminal's words for the JSON's certifications[]. */
	static const int cert_cols[] = {0, 5};
	table_cells(scope, 0, cert_cols, 2, 0, &t);
	json_array_foreach(json_object_get(doc, "parties"), i, e)
	{
		json_t *certs = json_object_get(e, "certifications");
		CU_ASSERT_PTR_NOT_NULL(certs);
		snprintf(buf, sizeof(buf), "%s|%s", json_string_value(json_object_get(e, "id")),
		         json_array_size(certs) ? "" : "-");
		json_array_foreach(certs, k, o)
		{
			const char *until = json_string_value(json_object_get(o, "valid_until"));
			int valid = json_is_true(json_object_get(o, "valid"));
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof(buf) - len, "%s%s", k ? ", " : "",
			         json_string_value(json_object_get(o, "scheme")));
			len = strlen(buf);
			if (until)
				snprintf(buf + len, sizeof(buf) - len, " (%s%s)", until, valid ? "" : " expired");
		}
		add(&j, buf);
	}
	CU_ASSERT_TRUE(same(&t, &j, "certifications", name));

	json_decref(doc);
	free(check), free(json), free(owners), free(scope);
	medscope_analysis_free(a);
	medscope_model_free(m);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_xml(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 4 && strcmp(d->d_name + n - 4, ".xml") == 0;
}

static void test_text_and_json_agree_on_every_example(void)
{
	struct dirent **names;
	int n = scandir(ms_test_path("examples"), &names, is_xml, by_name);
	CU_ASSERT_FATAL(n >= 16);
	for (int i = 0; i < n; i++) {
		check_example(names[i]->d_name);
		free(names[i]);
	}
	free(names);
}

static CU_TestInfo tests[] = {
	{"text_and_json_agree_on_every_example", test_text_and_json_agree_on_every_example},
	CU_TEST_INFO_NULL};

CU_SuiteInfo suite_emit_consistency = {"emit_consistency", NULL, NULL, NULL, NULL, tests};
