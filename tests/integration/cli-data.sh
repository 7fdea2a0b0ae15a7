#!/bin/sh
# The bundled sample articles (data/articles) import cleanly: no failures,
# no warnings, boilerplate gone, captions, outlets and languages as the
# MANIFEST describes them.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v jq >/dev/null || exit 77
db="$tmp/d.db"
expect_status 0 "$LEDE" --db "$db" import "$top_srcdir/data/articles"
expect_grep '^Imported: 46, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"
[ -s "$tmp/err" ] && fail "warnings on the sample data: $(cat "$tmp/err")"

"$LEDE" --db "$db" list --json | jq -r '.[].id' | while read -r id; do
	"$LEDE" --db "$db" show --json "$id"
done | jq -s . >"$tmp/all.json"
by() { jq --arg f "$1" '.[] | select(.origin | endswith("/" + $f))' "$tmp/all.json"; }

jq -e 'all(.[]; (.title | length) > 0 and (.body | length) > 0)' "$tmp/all.json" \
	>/dev/null || fail "an article without title or body"
for junk in "Skip to main" "Support our mission" "Sign up" "Sign-up" \
    "People also read" "All rights reserved" "around the web" "Listen live" \
    "Zum Hauptinhalt" "Aller au contenu" "Newsletter abonnieren" "___"; do
	jq -e --arg j "$junk" 'any(.[]; .body | contains($j))' "$tmp/all.json" \
		>/dev/null && fail "a body contains '$junk'"
done
jq -e 'any(.[]; .body | test("^Caption"; "m"))' "$tmp/all.json" >/dev/null &&
	fail "a body line starts with Caption"

for want in 007-port-strike-day5-mp.txt:5 014-kessing-dam-breach-mp.txt:9 \
    003-port-strike-begins-courier.txt:1 044-tapestry-exhibition.txt:2; do
	f=${want%:*} n=${want#*:}
	by "$f" | jq -e --argjson n "$n" '(.captions | length) == $n' >/dev/null ||
		fail "$f: want $n captions: $(by "$f" | jq -c .captions)"
done
by 012-hafenstreik-einigung-de.txt | jq -e '.language == "de" and .source == "Hansa-Rundschau"' \
	>/dev/null || fail "German article"
by 021-inondation-brenmoor-fr.txt | jq -e '.language == "fr"' >/dev/null ||
	fail "French article"
by 018-brenmoor-flood-ja.txt | jq -e '.language == "ja" and .source == "東和通信" and
	.dateline == "ブレンムーア"' >/dev/null || fail "Japanese article"
by 001-port-strike-begins-mp.txt | jq -e '.source == "Meridian Press" and
	.published == "2024-09-03" and .dateline == "PORT SELVA"' >/dev/null ||
	fail "001 wire story"
jq -e '[.[] | select(.published == null)] | length >= 5' "$tmp/all.json" \
	>/dev/null || fail "undated articles got dates"
finish
