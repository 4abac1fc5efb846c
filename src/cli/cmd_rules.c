/* SPDX-License-Identifier: Apache-2.0 */
/* medscope rules / medscope explain CODE: the compiled rule catalog. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void rules_help(const cli_opts *o)
{
	fputs(T(o,
	        "Usage: medscope rules [--lang ja|en]\n\nList every rule of the catalog: code, kind, "
	        "severity, citation and title.\n",
	        "使い方: medscope rules [--lang ja|en]\n\nルール一覧 (コード、種類、重大度、引用元、表題) "
	        "を表示します。\n"),
	      stdout);
}

static void explain_help(const cli_opts *o)
{
	fputs(T(o,
	        "Usage: medscope explain CODE [--lang ja|en]\n\nShow one rule: what it means, when "
	        "it holds, its guideline citation and what to do.\n",
	        "使い方: medscope explain コード [--lang ja|en]\n\nルール 1 件の意味・成立条件・"
	        "ガイドラインの引用・対処を表示します。\n"),
	      stdout);
}

int cmd_rules(int argc, char **argv, cli_opts *o)
{
	int r = cli_parse_common(o, argc, argv, rules_help);
	if (r >= 0)
		return r;
	if (optind < argc)
		return cli_usage_error(o, "%s", T(o, "rules takes no argument", "rules に引数は不要です"));
	for (size_t i = 0; i < medscope_rule_count(); i++)
		printf("%-38s %-9s %-7s %-26s %s\n", medscope_rule_code(i), medscope_rule_kind(i),
		       medscope_severity_name(medscope_rule_severity(i)), medscope_rule_cite(i),
		       medscope_rule_title(i, o->lang));
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
}

int cmd_explain(int argc, char **argv, cli_opts *o)
{
	int r = cli_parse_common(o, argc, argv, explain_help);
	if (r >= 0)
		return r;
	if (optind + 1 != argc)
		return cli_usage_error(o, "%s", T(o, "explain takes one rule code", "explain にはルールコードを 1 つ指定してください"));
	int i = medscope_rule_find(argv[optind]);
	if (i < 0)
		return cli_usage_error(o, T(o, "no rule '%s' (medscope rules lists them)",
		                            "ルール '%s' はありません (medscope rules で一覧を表示)"),
		                       argv[optind]);
	size_t k = (size_t)i;
	const char *topic = medscope_rule_topic(k);
	printf("%s — %s\n", medscope_rule_code(k), medscope_rule_title(k, o->lang));
	printf(T(o, "kind:      %s\nseverity:  %s\n", "種類:      %s\n重大度:    %s\n"),
	       medscope_rule_kind(k), medscope_severity_name(medscope_rule_severity(k)));
	if (topic)
		printf(T(o, "topic:     %s\n", "合意の主題: %s\n"), topic);
	printf(T(o, "cite:      %s (%s)\n", "引用:      %s (%s)\n"), medscope_rule_cite(k),
	       medscope_rule_source(k));
	printf("           「%s」\n", medscope_rule_quote(k));
	printf(T(o, "holds when: %s\n", "成立条件:  %s\n"), medscope_rule_basis(k, o->lang));
	printf(T(o, "message:   %s\n", "メッセージ: %s\n"), medscope_rule_message(k, o->lang));
	printf(T(o, "what to do: %s\n", "対処:      %s\n"), medscope_rule_help(k, o->lang));
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
}
