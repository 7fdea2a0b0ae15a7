#!/bin/sh
# The reference articles of ../shared/seeds, when present: the extraction
# the foundation issue asks for.  Skips (77) without them.
. "${top_srcdir:?}/tests/integration/common.sh"

seeds=${LEDE_SEEDS:-$top_srcdir/../shared/seeds}
[ -d "$seeds" ] || { echo "no seeds at $seeds: skipped"; exit 77; }
command -v jq >/dev/null || exit 77
db="$tmp/s.db"

expect_status 0 "$LEDE" --db "$db" import "$seeds"
expect_grep '^Imported: 5, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"
expect_status 0 "$LEDE" --db "$db" import "$seeds"
expect_grep '^Imported: 0, updated: 0, unchanged: 5, failed: 0$' "$tmp/out"

show() {
	i=$("$LEDE" --db "$db" list --json | jq -r ".[] | select(.origin | contains(\"/$1_\")) | .id")
	"$LEDE" --db "$db" show --json "$i"
}
for n in 000 001 002 003 004; do
	show $n >"$tmp/$n.json"
	jq -e '.body | test("^Caption"; "m") | not' "$tmp/$n.json" >/dev/null ||
		fail "$n: a body line starts with Caption"
	for junk in "Skip to main content" "Support our mission" "Sign up" \
	    "People also read" "All rights reserved"; do
		jq -e --arg j "$junk" '.body | ascii_downcase | contains($j | ascii_downcase) | not' \
			"$tmp/$n.json" >/dev/null || fail "$n: body contains '$junk'"
	done
done
jq -e '(.captions | length) == 9' "$tmp/000.json" >/dev/null || fail "000: not 9 captions"
jq -e '(.captions | length) == 1 and .captions[0].credit == "Andrey Rudakov/Bloomberg"' \
	"$tmp/002.json" >/dev/null || fail "002 caption: $(jq -c .captions "$tmp/002.json")"
jq -e '.published == "2022-01-27"' "$tmp/000.json" >/dev/null || fail "000 date"
jq -e '.published == "2022-01-27"' "$tmp/001.json" >/dev/null || fail "001 date"
jq -e '.published == "2022-02-01"' "$tmp/003.json" >/dev/null || fail "003 date"
jq -e '.published == null' "$tmp/002.json" >/dev/null || fail "002 dated"
jq -e '.published == null' "$tmp/004.json" >/dev/null || fail "004 dated"
jq -e '.title == "Russia denies responding to US proposal on Ukraine crisis"' \
	"$tmp/003.json" >/dev/null || fail "003 title: $(jq .title "$tmp/003.json")"
jq -e '.byline == "VLADIMIR ISACHENKOV and YURAS KARMANAU" and .dateline == "MOSCOW"' \
	"$tmp/004.json" >/dev/null || fail "004 byline/dateline"
jq -e '.source == "Associated Press"' "$tmp/000.json" >/dev/null || fail "000 source"
jq -e '.source == "The Washington Post"' "$tmp/002.json" >/dev/null || fail "002 source"
finish
