#!/bin/sh
# The man page documents every long option that --help prints, every
# command, every exit status, and the JSON fields the commands emit.
. "${top_srcdir:?}/tests/integration/common.sh"

man="$top_srcdir/man/lede.1"
"$LEDE" --help >"$tmp/help" || fail "--help failed"
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	grep -q -- "$esc\|$opt" "$man" || fail "man page lacks $opt"
done
for cmd in import list show stats; do
	grep -q "^\.B.* $cmd\|^\.SS.*$cmd\|^\.TP.*$cmd\|B $cmd" "$man" ||
		grep -qw "$cmd" "$man" || fail "man page lacks command $cmd"
done
for code in 0 1 2 3; do
	grep -q "^\.IP *$code\|^\.TP\$\|^$code\b\|B $code" "$man" ||
		fail "man page lacks exit status $code"
done
for field in id origin url title dek byline dateline source published \
    imported language body captions text credit read starred articles \
    unread sources undated oldest newest bytes schema; do
	grep -qw "$field" "$man" || fail "man page lacks JSON field $field"
done
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" || fail "groff failed"
	[ -s "$tmp/groff" ] && fail "groff warnings: $(cat "$tmp/groff")"
fi
finish
