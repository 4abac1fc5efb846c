/* SPDX-License-Identifier: Apache-2.0 */
/* medscope validate MODEL...: schema and references only. */
#include <stdlib.h>

#include "cli/cli.h"

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope validate [OPTIONS] MODEL...\n\n"
	            "Check each model against models/deployment.xsd and its references (duplicate\n"
	            "ids, dangling references, references to the wrong kind, runs-on cycles).\n"
	            "Every problem is printed as FILE:LINE:COL: error: MESSAGE. Exit 0 when all\n"
	            "models are valid, 2 otherwise.\n\n",
	         "使い方: medscope validate [オプション] モデル...\n\n"
	         "各モデルを models/deployment.xsd と参照 (id の重複、未定義の参照、種類違いの参照、\n"
	         "runs-on の循環) について検証します。問題は FILE:LINE:COL: error: メッセージ の形で\n"
	         "すべて表示します。すべて妥当なら 0、そうでなければ 2 で終了します。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cmd_validate(int argc, char **argv, cli_opts *o)
{
	int r = cli_parse_common(o, argc, argv, help);
	if (r >= 0)
		return r;
	if (optind >= argc)
		return cli_usage_error(o, "%s", T(o, "no model file given", "モデルファイルが指定されていません"));
	int rc = EXIT_CLEAN, valid = 0;
	for (int i = optind; i < argc; i++) {
		medscope_model *m = cli_load(o, argv[i]);
		if (!m)
			rc = EXIT_TROUBLE;
		else
			valid++;
		medscope_model_free(m);
	}
	if (!o->quiet)
		fprintf(stderr, T(o, "%d of %d model(s) valid\n", "%d / %d 個のモデルが妥当です\n"), valid,
		        argc - optind);
	return rc;
}
