/* SPDX-License-Identifier: Apache-2.0 */
/* medscope matrix MODEL: the 責任分界表 of each facility (issue 15; cli.md
 * revision 2): served systems by layer × the facility and every party
 * involved, each cell the roles of a fixed, legended vocabulary. */
#include "cli/cli.h"

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope matrix MODEL [--facility ID] [--format table|csv|json|md] [-o FILE]\n\n"
	            "The responsibility matrix (責任分界表) of each facility: one row per system\n"
	            "served to it, grouped by layer (SaaS, PaaS, IaaS, on-premise, devices,\n"
	            "terminals, network), one column for the facility and each party involved, and\n"
	            "in each cell the roles that party holds for that system towards that facility:\n"
	            "final responsibility (the facility, FAQ 5), RM (runs risk management),\n"
	            "considered, provider, operation, maintenance, development (supplier of such a\n"
	            "contract covering it, through the chain too), contract (holds a contract with\n"
	            "the facility covering it), not agreed (a required agreement with the facility\n"
	            "about it is missing). A legend follows the tables.\n\n"
	            "  --facility ID  only this facility's table\n"
	            "  --format F     table (default, for a terminal), csv (one table, a facility\n"
	            "                 column first), json or md\n"
	            "  -o, --output FILE  write to FILE (atomically) instead of standard output\n\n"
	            "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 could not\n"
	            "analyse or write.\n\n",
	         "使い方: medscope matrix モデル [--facility ID] [--format table|csv|json|md] [-o ファイル]\n\n"
	         "医療機関等ごとの責任分界表を表示します。行は医療機関等に提供されるシステム (レイヤー\n"
	         "ごと: SaaS、PaaS、IaaS、オンプレミス、医療機器等、端末、ネットワーク機器)、列は\n"
	         "医療機関等と関係する各事業者、各欄はその事業者がそのシステムについてその医療機関等に\n"
	         "対して担う役割です: 最終責任 (医療機関等、FAQ 5)、RM (リスクマネジメントの責任主体)、\n"
	         "考慮、提供、運用・保守・開発 (そのシステムを対象とする契約等の受託者。再委託を含む)、\n"
	         "契約 (そのシステムを対象とする契約等を医療機関等と結んでいる)、未合意 (医療機関等との\n"
	         "必要な合意が記録されていない)。表の後に凡例を表示します。\n\n"
	         "  --facility ID  この医療機関等の表だけを表示\n"
	         "  --format F     table (既定、端末向け)、csv (表 1 つ、先頭に医療機関等の列)、json、md\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く (一時ファイル経由)\n\n"
	         "終了コード: 0 --fail-on 以上の指摘なし、1 あり、2 分析または書き込みができない。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cmd_matrix(int argc, char **argv, cli_opts *o)
{
	return cli_view_command(argc, argv, o, MEDSCOPE_FORMAT_MATRIX, MEDSCOPE_TABLE_MATRIX, help);
}
