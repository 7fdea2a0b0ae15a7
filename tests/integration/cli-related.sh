#!/bin/sh
# The similarity engine through the command line: related lists, the
# duplicate clusters of the sample data (as data/articles/MANIFEST says),
# the evidence of "similarity", reindex; and, when ../shared/seeds is
# there, the seed relations with our unrelated articles beside them.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v jq >/dev/null || exit 77
db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 ||
	fail "import of data/articles"
name_of() { "$LEDE" --db "$1" show --json "$2" | jq -r '.origin | split("/") | last | .[0:3]'; }

# Duplicate clusters: exactly the planted copies, trims and rewrites.
"$LEDE" --db "$db" dupes --json >"$tmp/dupes.json" || fail "dupes --json"
jq -r '.[] | [.articles[].id] | map(tostring) | join(" ")' "$tmp/dupes.json" |
while read -r ids; do
	for i in $ids; do name_of "$db" "$i"; done | sort | tr '\n' ' '
	echo
done | sort >"$tmp/clusters"
cat >"$tmp/want" <<'WANT'
001 002 
005 006 
007 008 
010 011 
014 016 
019 020 
023 024 
026 027 
029 030 
037 038 
WANT
diff -u "$tmp/want" "$tmp/clusters" >"$tmp/diff" || fail "dupes clusters: $(cat "$tmp/diff")"

# A rewrite is labelled so, both ways; related --json has its fields.
a=$(id_of "$db" 014-) b=$(id_of "$db" 016-)
"$LEDE" --db "$db" related --json "$a" >"$tmp/r.json" || fail "related --json"
jq -e --argjson b "$b" '.[0].id == $b and .[0].label == "rewrite" and
	(.[0] | keys == ["id","label","published","score","source","title"]) and
	([.[].score] | . == (sort | reverse))' "$tmp/r.json" >/dev/null ||
	fail "014's list: $(cat "$tmp/r.json")"
"$LEDE" --db "$db" related --json "$b" | jq -e --argjson a "$a" '.[0].id == $a' >/dev/null ||
	fail "016's list does not start with 014"
"$LEDE" --db "$db" related --limit 2 "$a" | wc -l | grep -qx 2 || fail "related --limit 2"
# Unrelated standalone articles have no related stories and are in no list.
for f in 040- 041- 042- 043- 044- 045- 046-; do
	i=$(id_of "$db" $f)
	[ "$("$LEDE" --db "$db" related --json "$i")" = "[]" ] || fail "$f has related stories"
done
sqlite3 "$db" "SELECT count(*) FROM related r JOIN articles a ON a.id = r.other_id
	WHERE a.origin GLOB '*/04[0-6]-*'" 2>/dev/null | grep -qx 0 ||
	fail "a standalone article is in some list"

# similarity: score, label and evidence.
"$LEDE" --db "$db" similarity --json "$a" "$b" >"$tmp/s.json" || fail "similarity --json"
jq -e '.label == "rewrite" and .score >= 0.75 and .containment > 0 and
	(.shared_names | length) > 0 and (.days | type) == "number"' "$tmp/s.json" \
	>/dev/null || fail "similarity: $(cat "$tmp/s.json")"
# 002 is undated, a copy of 001: no days between publication dates.
"$LEDE" --db "$db" similarity --json "$(id_of "$db" 001-)" "$(id_of "$db" 002-)" |
	jq -e '.label == "duplicate" and .days == null' >/dev/null ||
	fail "similarity of an undated copy: days should be null"
"$LEDE" --db "$db" similarity "$(id_of "$db" 001-)" "$(id_of "$db" 002-)" |
	grep -q '^Days apart:  unknown' || fail "similarity: days of an undated copy"
# IDs are decimal numbers: leading zeros are allowed.
"$LEDE" --db "$db" related --json "00$a" | cmp -s - "$tmp/r.json" ||
	fail "related 00$a is not related $a"
expect_status 1 "$LEDE" --db "$db" related 9999
expect_grep 'no article with ID 9999' "$tmp/err"
expect_status 2 "$LEDE" --db "$db" similarity 1
expect_status 2 "$LEDE" --db "$db" related x

# reindex rebuilds the same clusters.
expect_status 0 "$LEDE" --db "$db" reindex
"$LEDE" --db "$db" dupes --json | cmp -s - "$tmp/dupes.json" || fail "reindex changed the clusters"

# check finds an article that lost its similarity data; reindex mends it.
expect_status 0 "$LEDE" --db "$db" check
expect_grep '^ok$' "$tmp/out"
sqlite3 "$db" "DELETE FROM sim_sig WHERE article_id = (SELECT min(id) FROM articles)"
expect_status 1 "$LEDE" --db "$db" check
expect_grep 'without similarity data: 1' "$tmp/out"
expect_status 0 "$LEDE" --db "$db" reindex
expect_status 0 "$LEDE" --db "$db" check

# The seeds, with our unrelated articles beside them.
seeds=${LEDE_SEEDS:-$top_srcdir/../shared/seeds}
if [ -d "$seeds" ]; then
	s="$tmp/s.db"
	"$LEDE" --db "$s" import "$seeds" "$top_srcdir"/data/articles/04[0-6]-*.txt >/dev/null 2>&1 ||
		fail "seed import"
	s000=$(id_of "$s" 000_) s001=$(id_of "$s" 001_) s002=$(id_of "$s" 002_)
	s003=$(id_of "$s" 003_) s004=$(id_of "$s" 004_)
	"$LEDE" --db "$s" related --json "$s000" >"$tmp/000.json"
	jq -e --argjson a "$s001" --argjson b "$s002" --argjson c "$s003" --argjson d "$s004" '
		.[0].id == $a and (.[0].label == "rewrite" or .[0].label == "duplicate") and
		.[1].id == $b and .[1].label == "same story" and
		([.[2:][] | .id] | sort) == ([$c, $d] | sort) and
		all(.[2:][]; .label == "related")' "$tmp/000.json" >/dev/null ||
		fail "000's list: $(jq -c '[.[] | [.id, .label]]' "$tmp/000.json")"
	"$LEDE" --db "$s" related --json "$s001" | jq -e --argjson a "$s000" '.[0].id == $a' \
		>/dev/null || fail "001's first related is not 000"
	for f in 040- 041- 042- 043- 044- 045- 046-; do
		i=$(id_of "$s" $f)
		[ "$("$LEDE" --db "$s" related --json "$i")" = "[]" ] ||
			fail "$f has related stories among the seeds"
	done
	for i in $s000 $s001 $s002 $s003 $s004; do
		"$LEDE" --db "$s" related --json "$i" | jq -e 'all(.[]; .title | test("Athletic|comet|frog|Tapestry|battery|ice storm|Sorrel") | not)' \
			>/dev/null || fail "an unrelated article is in seed $i's list"
	done
else
	echo "no seeds at $seeds: seed checks skipped"
fi
finish
