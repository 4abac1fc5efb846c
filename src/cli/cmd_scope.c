/* SPDX-License-Identifier: Apache-2.0 */
/* medscope scope MODEL: who is in the vendor guideline's scope, in which
 * category and why (rules.md §1). */
#include "cli/cli.h"

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope scope MODEL [--format table|csv|json|md] [-o FILE]\n\n"
	            "One row per party: kind, name, whether it is in the scope of the vendor guideline\n"
	            "(対象事業者), its category (direct, supply-chain, patient-directed,\n"
	            "connected-service) and every reason that holds, with the contracts, flows or\n"
	            "systems that make it hold, e.g. direct-contract(k1). Facilities are out of scope:\n"
	            "the MHLW guideline binds them instead.\n\n"
	            "  --format F     table (default, for a terminal), csv, json or md\n"
	            "  -o, --output FILE  write to FILE (atomically) instead of standard output\n\n"
	            "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 could not\n"
	            "analyse or write.\n\n",
	         "使い方: medscope scope モデル [--format table|csv|json|md] [-o ファイル]\n\n"
	         "当事者ごとに、種別・名称・提供事業者ガイドラインの対象事業者か否か・区分 (direct、\n"
	         "supply-chain、patient-directed、connected-service)・成立する理由すべてを、その根拠\n"
	         "となる契約・データの流れ・システムとともに表示します (例: direct-contract(k1))。\n"
	         "医療機関等は対象外で、厚生労働省のガイドラインの対象です。\n\n"
	         "  --format F     table (既定、端末向け)、csv、json、md\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く (一時ファイル経由)\n\n"
	         "終了コード: 0 --fail-on 以上の指摘なし、1 あり、2 分析または書き込みができない。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cmd_scope(int argc, char **argv, cli_opts *o)
{
	return cli_view_command(argc, argv, o, MEDSCOPE_FORMAT_SCOPE, MEDSCOPE_TABLE_SCOPE, help);
}
