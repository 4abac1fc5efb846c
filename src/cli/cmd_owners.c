/* SPDX-License-Identifier: Apache-2.0 */
/* medscope owners MODEL: who owns risk management of each served system
 * towards each facility (rules.md §2), then the required agreements and
 * whether each is in place (§3). */
#include "cli/cli.h"

static void help(const cli_opts *o)
{
	printf(T(o, "Usage: medscope owners MODEL [--format table|csv|json|md] [-o FILE]\n\n"
	            "The responsibility matrix: for every system served to a facility, who runs its\n"
	            "risk management (owner), on what basis (prime-provider, selected-by-prime,\n"
	            "facility-contracted, ...), which other vendors must take it into account\n"
	            "(considered-by) and the contracts it rests on. The facility stays accountable\n"
	            "as the final manager of medical information (FAQ 5). Then every agreement the\n"
	            "guidelines require, with the agreement that meets it or MISSING.\n\n"
	            "  --format F     table (default, for a terminal), csv, json or md\n"
	            "  -o, --output FILE  write to FILE (atomically) instead of standard output\n\n"
	            "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 could not\n"
	            "analyse or write.\n\n",
	         "使い方: medscope owners モデル [--format table|csv|json|md] [-o ファイル]\n\n"
	         "責任の一覧表: 医療機関等に提供される各システムについて、リスクマネジメントを行う\n"
	         "事業者 (責任主体)、その根拠 (prime-provider、selected-by-prime、facility-contracted\n"
	         "など)、対応範囲に含めるべき他の事業者 (考慮する事業者)、根拠となる契約を表示します。\n"
	         "医療情報の最終的な管理者としての責任は医療機関等にあります (FAQ 5)。続けて、\n"
	         "ガイドラインが求める合意と、それを満たす合意 (なければ 欠落) を表示します。\n\n"
	         "  --format F     table (既定、端末向け)、csv、json、md\n"
	         "  -o, --output ファイル  標準出力の代わりにファイルへ書く (一時ファイル経由)\n\n"
	         "終了コード: 0 --fail-on 以上の指摘なし、1 あり、2 分析または書き込みができない。\n\n"));
	fputs(T(o, cli_common_help_en, cli_common_help_ja), stdout);
}

int cmd_owners(int argc, char **argv, cli_opts *o)
{
	return cli_view_command(argc, argv, o, MEDSCOPE_FORMAT_OWNERS, MEDSCOPE_TABLE_OWNERS, help);
}
