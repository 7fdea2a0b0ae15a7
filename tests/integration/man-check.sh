#!/bin/sh
# The man page documents every long option that --help prints, every
# command that --help lists (in SYNOPSIS and COMMANDS, and in JSON OUTPUT
# when it takes --json), every exit status, and the JSON fields the
# commands emit.  The commands come from --help, so that a command added
# later without documentation fails here.
. "${top_srcdir:?}/tests/integration/common.sh"

man="${MAN_PAGE:-$top_srcdir/man/lede.1}"
[ -f "$man" ] || { echo "no man page at $man" >&2; exit 99; }
# The untranslated help: its headings are what we parse.
LC_ALL=C LANGUAGE= "$LEDE" --help >"$tmp/help" || fail "--help failed"
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	grep -q -- "$esc\|$opt" "$man" || fail "man page lacks $opt"
done

# Commands: the lines under "Commands:" (up to the next blank line) that
# start with two spaces and a lower-case word; their arguments follow.
awk '/^Commands:$/ { on = 1; next }
	on && /^$/ { exit }
	on && /^  [a-z]/ { print }' "$tmp/help" >"$tmp/commands"
[ -s "$tmp/commands" ] || fail "no commands found in --help"
grep -q '^  import ' "$tmp/commands" ||
	fail "--help lists no import command; is the parsing broken?"
# The man page's sections, and the tags of COMMANDS (the line after .TP),
# reduced to their first word.
section() {
	awk -v want="$1" '/^\.SH / { on = ($0 == ".SH " want); next }
		on { print }' "$man"
}
section SYNOPSIS >"$tmp/synopsis"
section COMMANDS | awk 'prev == ".TP" { print } { prev = $0 }' |
	sed 's/^\.BR* *//; s/^\\fB//; s/\\f[BIRP].*//; s/ .*//' >"$tmp/tags"
section '"JSON OUTPUT"' >"$tmp/json"
[ -s "$tmp/json" ] || section 'JSON OUTPUT' >"$tmp/json"
while read -r cmd args; do
	grep -qx "\.B $cmd" "$tmp/synopsis" ||
		fail "man page SYNOPSIS lacks command $cmd"
	grep -qx "$cmd" "$tmp/tags" ||
		fail "man page COMMANDS lacks an entry for $cmd"
	case " $args " in
	*" [--json] "*)
		grep -qx "\.SS $cmd \\\\-\\\\-json" "$tmp/json" ||
			fail "man page JSON OUTPUT lacks $cmd --json" ;;
	esac
done <"$tmp/commands"

for code in 0 1 2 3; do
	grep -q "^\.IP *$code\|^\.TP\$\|^$code\b\|B $code" "$man" ||
		fail "man page lacks exit status $code"
done
# JSON fields, as documented: a field is the first word of a .B or .BR
# line ("id", "score", "shared_names").
for field in id origin url title dek byline dateline source published \
    imported language body captions text credit read starred articles \
    unread sources undated oldest newest bytes schema \
    score label containment ordered shared_shingles in_order cosine days \
    shared_names shared_quotes cluster snippet; do
	grep -q "^\.BR* $field\( \|\$\)" "$man" ||
		fail "man page lacks JSON field $field"
done
if command -v groff >/dev/null; then
	groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" || fail "groff failed"
	[ -s "$tmp/groff" ] && fail "groff warnings: $(cat "$tmp/groff")"
fi
# Every action of the reader is in the manual's key table, written there
# as \fBname\fR with its hyphens escaped.
for name in $(sed -n 's/^ACTION([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$top_srcdir/src/ui/actions.def"); do
	lit=$(printf '\\fB%s\\fR' "$(printf '%s' "$name" | sed 's/-/\\-/g')")
	grep -qF -- "$lit" "$man" || fail "man page lacks the action $name ($lit)"
done
finish
