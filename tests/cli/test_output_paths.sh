#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Output paths (SECURITY.md, cli.md "Output files"): every failure path of
# src/cli/outfile.c ends in exit 2, one message naming the -o the user gave
# and no temporary file (under AddressSanitizer, MEDSCOPE_SANITIZE, a use
# after free there fails the run); a symbolic link as -o is written through
# only when it and its target are the running user's and its folder is not
# sticky and world-writable; an existing file keeps its mode; a failed
# write (/dev/full, EFBIG past `ulimit -f`) is exit 2 with a message and no
# leftover; each default-terminating signal removes the temporary file.
source "$SRC/tests/cli/lib.sh"

M="$SRC/examples/03-chain-a-b-c.xml"
# No hidden temporary file (.NAME.XXXXXX) anywhere under DIR.
no_tmp() {
	local left
	left=$(find "$1" -name '.*.??????' 2>/dev/null | head -3)
	[ -z "$left" ] && ok || fail "$2: temporary file left: $left"
}

# The failure paths need a user that permissions apply to: as root, run
# them as nobody in a folder nobody owns.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	AS=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
	U="$WORK/user"
	mkdir -p "$U" && chown 65534:65534 "$U"
	chmod 755 "$WORK"
else
	AS=()
	U="$WORK/user"
	mkdir -p "$U"
fi
as_user() { "${AS[@]}" "$@"; }
canwrite=1
if [ "$(as_user id -u)" -eq 0 ]; then
	canwrite=0 # root, and no way to drop it: permission failures cannot happen
	echo "note: running as root without setpriv; permission cases skipped"
fi

# ---- failure paths of outfile.c (each was a use after free through a link) ----
if [ "$canwrite" -eq 1 ]; then
	as_user mkdir -p "$U/ro" "$U/shut/inner" "$U/links"
	as_user sh -c "echo old >'$U/ro/target.json'; chmod 555 '$U/ro'"
	# read-only folder: the link's target lies in it, mkstemp fails (EACCES)
	as_user ln -s "$U/ro/target.json" "$U/links/to-ro.json"
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/links/to-ro.json"
	expect_rc 2 "link into a read-only folder"
	expect_err "^$U/links/to-ro.json: error: cannot write: Permission denied$" "link into a read-only folder: message names the link"
	[ "$(cat "$U/ro/target.json")" = old ] && ok || fail "read-only target changed"
	no_tmp "$U" "link into a read-only folder"
	# the same without a link
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/ro/target.json"
	expect_rc 2 "file in a read-only folder"
	expect_err "^$U/ro/target.json: error: cannot write: Permission denied$" "file in a read-only folder"
	# a folder it may not search (EACCES on the way to the target)
	as_user sh -c "echo old >'$U/shut/inner/t.json'; chmod 700 '$U/shut/inner'"
	as_user ln -s "$U/shut/inner/t.json" "$U/links/to-shut.json"
	chmod 000 "$U/shut"
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/links/to-shut.json"
	expect_rc 2 "link through an unsearchable folder"
	expect_err "^$U/links/to-shut.json: error: .*(Permission denied|does not exist)" "link through an unsearchable folder: message"
	chmod 755 "$U/shut"
	# a folder that does not exist and cannot be made
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/ro/new/sub/r.json"
	expect_rc 2 "folder that cannot be made"
	expect_err "^$U/ro/new/sub/r.json: error: cannot create the folder '$U/ro/new/sub': Permission denied$" "folder that cannot be made: message"
	# a link to a folder that does not exist
	as_user ln -s "$U/nowhere/r.json" "$U/links/dangling.json"
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/links/dangling.json"
	expect_rc 2 "link to a missing folder"
	expect_err "^$U/links/dangling.json: error: not writing through it: it is a symbolic link to a file that does not exist" "dangling link: message"
	[ -L "$U/links/dangling.json" ] && ok || fail "dangling link replaced"
	no_tmp "$U" "failure paths"
	chmod 755 "$U/ro"
fi
# a folder that does not exist is made
run "$MEDSCOPE" report "$M" --format json -o "$WORK/made/a/b/r.json"
expect_rc 0 "missing folders are made"
[ -s "$WORK/made/a/b/r.json" ] && ok || fail "missing folders: no output"

# ---- symbolic links as -o ----
L="$WORK/links"
mkdir -p "$L/own" "$L/sticky"
chmod 1777 "$L/sticky"
echo keep >"$L/own/target.json"
# own link, own target, ordinary folder: written through, the link stays
ln -s target.json "$L/own/link.json"
run "$MEDSCOPE" report "$M" --format json -o "$L/own/link.json"
expect_rc 0 "own link"
[ -L "$L/own/link.json" ] && grep -q medscope-report "$L/own/target.json" && ok ||
	fail "own link: not written through"
# a link in a sticky world-writable folder (like /tmp): refused
echo keep >"$L/own/victim.json"
ln -s "$L/own/victim.json" "$L/sticky/report.json"
run "$MEDSCOPE" report "$M" --format json -o "$L/sticky/report.json"
expect_rc 2 "link in a sticky folder"
expect_err "^$L/sticky/report.json: error: not writing through it: it is a symbolic link in a folder anyone may write to" "link in a sticky folder: message"
[ "$(cat "$L/own/victim.json")" = keep ] && ok || fail "link in a sticky folder: target changed"
# links and targets of another user
if [ "$(id -u)" -eq 0 ]; then
	ln -s "$L/own/victim.json" "$L/own/theirs.json"
	chown -h 65534:65534 "$L/own/theirs.json"
	run "$MEDSCOPE" report "$M" --format json -o "$L/own/theirs.json"
	expect_rc 2 "another user's link"
	expect_err "not writing through it: it is a symbolic link owned by another user" "another user's link: message"
	[ "$(cat "$L/own/victim.json")" = keep ] && ok || fail "another user's link: target changed"
	echo keep >"$L/own/their-file.json"
	chown 65534:65534 "$L/own/their-file.json"
	ln -s their-file.json "$L/own/to-theirs.json"
	run "$MEDSCOPE" report "$M" --format json -o "$L/own/to-theirs.json"
	expect_rc 2 "link to another user's file"
	expect_err "not writing through it: it is a symbolic link to a file owned by another user" "link to another user's file: message"
	[ "$(cat "$L/own/their-file.json")" = keep ] && ok || fail "link to another user's file: changed"
fi
if [ "$canwrite" -eq 1 ]; then
	# as an ordinary user, a link of one's own to root's file
	as_user ln -s "$L/own/victim.json" "$U/links/to-root.json"
	run as_user "$MEDSCOPE" report "$M" --format json -o "$U/links/to-root.json"
	[ "$(id -u)" -eq 0 ] && expect_rc 2 "link to root's file" || true
fi
# -o /dev/stdout (root's link) still works
run "$MEDSCOPE" report "$M" --format json -o /dev/stdout
expect_rc 0 "-o /dev/stdout"
expect_out medscope-report "-o /dev/stdout"

# ---- an existing file keeps its mode ----
echo old >"$WORK/mode.json"
chmod 640 "$WORK/mode.json"
run "$MEDSCOPE" report "$M" --format json -o "$WORK/mode.json"
expect_rc 0 "rewrite"
[ "$(stat -c %a "$WORK/mode.json")" = 640 ] && ok || fail "mode not kept: $(stat -c %a "$WORK/mode.json")"
(umask 027 && "$MEDSCOPE" report "$M" --format json -o "$WORK/new.json")
[ "$(stat -c %a "$WORK/new.json")" = 640 ] && ok || fail "new file: mode $(stat -c %a "$WORK/new.json"), expected 640 under umask 027"

# ---- same file by device and inode ----
run "$MEDSCOPE" impact "$M" A --graph "$WORK/x.dot" -o "$WORK/./x.dot"
expect_rc 2 "impact --graph x.dot -o ./x.dot"
expect_err "name the same file" "impact same file: message"
touch "$WORK/y.dot"
ln -f "$WORK/y.dot" "$WORK/y-hard.dot"
run "$MEDSCOPE" impact "$M" A --graph "$WORK/y.dot" -o "$WORK/y-hard.dot"
expect_rc 2 "impact --graph and -o hard links of one file"
cp "$M" "$WORK/in.xml"
run "$MEDSCOPE" report "$WORK/in.xml" --format json -o "$WORK/../$(basename "$WORK")/in.xml"
expect_rc 2 "-o the input by another name"

# ---- write errors: /dev/full, EFBIG ----
run "$MEDSCOPE" graph "$M" -T svg -o /dev/full
expect_rc 2 "graph -o /dev/full"
expect_err "^/dev/full: error: " "graph -o /dev/full: message"
run "$MEDSCOPE" report "$M" --format json -o /dev/full
expect_rc 2 "report -o /dev/full"
expect_err "^/dev/full: error: " "report -o /dev/full: message"
for cmd in "graph $M -o $WORK/big.svg" "impact $M A --graph $WORK/big.svg" "report $M --format html -o $WORK/big.svg"; do
	run bash -c "ulimit -f 4; trap '' XFSZ; exec $MEDSCOPE $cmd"
	expect_rc 2 "EFBIG: $cmd"
	expect_err "error: " "EFBIG: $cmd: message"
	[ ! -e "$WORK/big.svg" ] && ok || fail "EFBIG: $cmd: partial output"
	no_tmp "$WORK" "EFBIG: $cmd"
	# SIGXFSZ not ignored: the signal ends the run, the temporary file goes
	run bash -c "ulimit -f 4; exec $MEDSCOPE $cmd"
	[ "$RC" -eq $((128 + 25)) ] && ok || fail "SIGXFSZ: $cmd: exit $RC"
	no_tmp "$WORK" "SIGXFSZ: $cmd"
done

# ---- signals while the temporary file exists ----
B="$WORK/big.xml"
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<deployment xmlns="urn:medscope:deployment:1" name="big" as-of="2026-11-01">'
	echo '  <facility id="H" name="H" type="hospital"/>'
	for i in $(seq 1 400); do
		echo "  <vendor id=\"V$i\" name=\"V$i\"/>"
		echo "  <system id=\"s$i\" name=\"s$i\" provider=\"V$i\" layer=\"saas\" data=\"medical\"/>"
		echo "  <contract id=\"k$i\" client=\"H\" supplier=\"V$i\" type=\"service\" covers=\"s$i\"/>"
	done
	echo '</deployment>'
} >"$B"
S="$WORK/sig"
mkdir -p "$S"
# Job control on: a background job of a script otherwise starts with INT
# and QUIT ignored, and an ignored signal stays ignored (below).
set -m
for sig in HUP INT QUIT TERM USR1 USR2 ALRM PIPE VTALRM PROF XFSZ XCPU IO RTMIN; do
	"$MEDSCOPE" graph "$B" -o "$S/out.svg" 2>/dev/null &
	pid=$!
	seen=0
	for _ in $(seq 1 2000); do
		if compgen -G "$S/.out.svg.*" >/dev/null; then
			seen=1
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.002
	done
	kill -s "$sig" "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	if [ "$seen" -eq 0 ]; then
		echo "note: SIG$sig: the run ended before its temporary file was seen"
	elif [ "$rc" -gt 128 ]; then
		ok
	else
		fail "SIG$sig: exit $rc, expected death by the signal"
	fi
	no_tmp "$S" "SIG$sig"
	rm -f "$S/out.svg"
done

set +m
# a signal the caller ignores stays ignored (nohup, trap '' SIG)
bash -c "trap '' USR1; exec '$MEDSCOPE' graph '$B' -o '$S/out.svg'" 2>/dev/null &
pid=$!
for _ in $(seq 1 2000); do
	compgen -G "$S/.out.svg.*" >/dev/null && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.002
done
kill -s USR1 "$pid" 2>/dev/null
wait "$pid"
rc=$?
[ "$rc" -le 1 ] && [ -s "$S/out.svg" ] && ok || fail "ignored SIGUSR1: exit $rc"
no_tmp "$S" "ignored SIGUSR1"
finish
