/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope: the program. Finds the command, hands it its arguments, and
 * returns its exit status (0 clean, 1 findings, 2 could not analyse).
 */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv, cli_opts *o);
	const char *summary_en, *summary_ja;
} command;

static const command commands[] = {
	{"check", cmd_check, "analyse models and print findings, compiler-style",
	 "モデルを分析し、指摘をコンパイラ形式で表示"},
	{"scope", cmd_scope, "who is in the vendor guideline's scope, and why",
	 "対象事業者か否かとその理由を表示"},
	{"owners", cmd_owners, "risk-management owners per system and facility; required agreements",
	 "システム・医療機関等ごとのリスクマネジメントの責任主体と必要な合意を表示"},
	{"matrix", cmd_matrix, "the responsibility matrix (責任分界表) of each facility",
	 "医療機関等ごとの責任分界表 (システム × 関係者の役割) を表示"},
	{"report", cmd_report, "the whole analysis as one document (json, sarif, csv, md, html)",
	 "分析結果全体を 1 つの文書として出力 (json, sarif, csv, md, html)"},
	{"graph", cmd_graph, "annotated diagram (svg, png, pdf, dot)",
	 "注釈付きの構成図を出力 (svg, png, pdf, dot)"},
	{"validate", cmd_validate, "check models against the schema and references only",
	 "スキーマと参照のみを検証"},
	{"diff", cmd_diff, "what a change does to scope, owners, agreements and findings",
	 "変更による対象範囲・責任主体・合意・指摘の変化を表示"},
	{"impact", cmd_impact, "everything that depends on a party or system; who must notify whom",
	 "関係者・システムに依存するものと、誰が誰に通知すべきかを表示"},
	{"init", cmd_init, "write a commented starter model that checks clean",
	 "コメント付きのモデルの雛形を出力 (指摘 0 件)"},
	{"rules", cmd_rules, "list the rule catalog", "ルール一覧を表示"},
	{"explain", cmd_explain, "one rule with its guideline citation", "ルール 1 件とガイドラインの引用を表示"},
};

static void usage(FILE *f, const cli_opts *o)
{
	fprintf(f, T(o, "Usage: medscope COMMAND [OPTIONS] MODEL...\n\n"
	                "Scope, risk-management ownership and required agreements of a multi-vendor\n"
	                "medical IT deployment under Japan's 3省2ガイドライン.\n\nCommands:\n",
	             "使い方: medscope コマンド [オプション] モデル...\n\n"
	             "マルチベンダーの医療情報システム構成について、3省2ガイドラインの対象事業者・\n"
	             "リスクマネジメントの責任・必要な合意を判定します。\n\nコマンド:\n"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		        T(o, commands[i].summary_en, commands[i].summary_ja));
	fprintf(f, T(o, "\n'medscope COMMAND --help' shows a command's options. "
	                "Exit status: 0 clean, 1 findings at or above --fail-on, 2 could not analyse.\n",
	             "\n'medscope コマンド --help' で各コマンドのオプションを表示します。"
	             "終了コード: 0 問題なし、1 --fail-on 以上の指摘あり、2 分析できず。\n"));
}

int main(int argc, char **argv)
{
	cli_opts o;
	cli_opts_init(&o, "medscope");
	opterr = 0; /* we say what was wrong, in the user's language */
	if (argc < 2) {
		usage(stderr, &o);
		return EXIT_TROUBLE;
	}
	/* Options before the command: only these. */
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			/* The library's own version: the program may run against
			 * another build of libmedscope than it was compiled with. */
			printf("medscope %s (libmedscope %s, libxml2 %s)\n"
			       "License: Apache-2.0 <https://www.apache.org/licenses/LICENSE-2.0>\n",
			       MEDSCOPE_VERSION_STRING, medscope_version(), LIBXML_DOTTED_VERSION);
			return EXIT_CLEAN;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout, &o);
			return EXIT_CLEAN;
		} else if (strncmp(argv[i], "--lang=", 7) == 0 || strcmp(argv[i], "--lang") == 0) {
			const char *v = argv[i][6] == '=' ? argv[i] + 7 : (i + 1 < argc ? argv[++i] : "");
			if (cli_common_option(&o, OPT_LANG, v) < 0)
				return EXIT_TROUBLE;
		} else {
			return cli_usage_error(&o, T(&o, "unknown option '%s'", "不明なオプション '%s'"),
			                       argv[i]);
		}
	}
	if (i >= argc) {
		usage(stderr, &o);
		return EXIT_TROUBLE;
	}
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (strcmp(argv[i], commands[k].name) == 0) {
			static char prog[64];
			snprintf(prog, sizeof(prog), "medscope %s", commands[k].name);
			o.prog = prog;
			xmlInitParser();
			int rc = commands[k].run(argc - i, argv + i, &o);
			xmlCleanupParser();
			return rc;
		}
	}
	return cli_usage_error(&o, T(&o, "unknown command '%s'", "不明なコマンド '%s'"), argv[i]);
}
