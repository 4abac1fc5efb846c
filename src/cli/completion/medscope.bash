# SPDX-License-Identifier: Apache-2.0
# bash completion for medscope (installed under
# share/bash-completion/completions/medscope). Options per command are
# listed here by hand; tests/cli/test_terminal.sh checks them against each
# command's --help, so a new option cannot be forgotten.

_medscope()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local commands="check scope owners matrix report graph validate diff impact init rules explain"
	local common="--lang --as-of --fail-on --quiet -q --max-input --max-depth --max-attributes
		--max-value-length --max-diagnostics --color --help"

	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return
	fi
	local cmd=${words[1]}

	# Values of the options that take one of a few words.
	case $prev in
	--lang) COMPREPLY=($(compgen -W "ja en" -- "$cur")); return ;;
	--fail-on) COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--paper) COMPREPLY=($(compgen -W "a4 a3 a4-landscape a3-landscape" -- "$cur")); return ;;
	--view) COMPREPLY=($(compgen -W "supply contracts responsibility" -- "$cur")); return ;;
	--table) COMPREPLY=($(compgen -W "all parties scope owners agreements findings matrix" -- "$cur")); return ;;
	-T | --format)
		local f
		case $cmd in
		report) f="json sarif csv md html xlsx" ;;
		graph) f="svg png pdf dot" ;;
		scope | owners | matrix) f="table csv json md" ;;
		diff) f="text json sarif" ;;
		impact) f="text json csv" ;;
		esac
		COMPREPLY=($(compgen -W "$f" -- "$cur"))
		return
		;;
	-o | --output | --graph)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--as-of | --max-* | --depth | --focus | --font | --time-budget | --facility)
		return
		;;
	esac

	if [[ $cur == -* ]]; then
		local opts
		case $cmd in
		check) opts="--show-suppressed" ;;
		validate) opts="" ;;
		scope | owners) opts="--format -o --output" ;;
		matrix) opts="--format -o --output --facility" ;;
		report) opts="--format -o --output --table --no-bom --max-results" ;;
		graph) opts="-T --format -o --output --view --focus --depth --font --max-nodes --time-budget --paper --no-fold" ;;
		diff) opts="--format -o --output --max-results" ;;
		impact) opts="--format -o --output --graph --no-bom" ;;
		init) COMPREPLY=($(compgen -W "-o --output --lang --as-of --help" -- "$cur")); return ;;
		rules | explain) COMPREPLY=($(compgen -W "--lang --help" -- "$cur")); return ;;
		esac
		COMPREPLY=($(compgen -W "$opts $common" -- "$cur"))
		return
	fi

	case $cmd in
	explain)
		COMPREPLY=($(compgen -W "$(medscope rules 2>/dev/null | awk '{ print $1 }')" -- "$cur"))
		;;
	rules | init) ;;
	*)
		# Models: XML files and folders.
		COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
		;;
	esac
}
complete -o filenames -F _medscope medscope
