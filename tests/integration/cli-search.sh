#!/bin/sh
# lede search and lede list with queries: ranking, snippets, JSON, fields,
# filters, folding, errors with positions and exit status 2, hostile
# queries that change nothing; then the seeds' searches of the search
# issue when ../shared/seeds is there.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v jq >/dev/null || { echo "jq missing: skipped"; exit 77; }
db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
ids() {	# the ids a command prints as JSON, one line
	"$@" --json | jq -r '[.[].id] | join(" ")'
}

# Ranked: the article with the word in its title comes first, and the
# snippet marks the hit.
expect_status 0 "$LEDE" --db "$db" search --json --limit 3 Kessing
jq -e 'length == 3 and (.[0] | has("id") and has("title") and has("source")
	and has("published") and has("score") and has("snippet"))' "$tmp/out" >/dev/null ||
	fail "search --json has not the documented fields: $(cat "$tmp/out")"
jq -e '.[0].score >= .[1].score and .[1].score >= .[2].score' "$tmp/out" >/dev/null ||
	fail "search is not best first"
jq -e '.[0].title | test("Kessing")' "$tmp/out" >/dev/null ||
	fail "a title hit is not first: $(jq -r '.[0].title' "$tmp/out")"
jq -e 'all(.snippet | test("\\[Kessing\\]"))' "$tmp/out" >/dev/null ||
	fail "snippets do not mark the hit"
expect_status 0 "$LEDE" --db "$db" search Kessing

# A snippet's window is chosen in time that grows with the hits, not
# with their square: an article of 300,000 hits took about a minute
# (and froze the reader while a search was typed).  The bound is far
# from both: 0.1 s now.
mkdir "$tmp/many"
awk 'BEGIN { printf "A transcript\n\n"
	for (i = 0; i < 300000; i++) printf "the word "; print "" }' >"$tmp/many/a.txt"
"$LEDE" --db "$tmp/many.db" import "$tmp/many" >/dev/null 2>&1 || fail "import 300,000 words"
timeout 30 "$LEDE" --db "$tmp/many.db" search --json word >"$tmp/many.json" ||
	fail "search over 300,000 hits did not end within 30 s"
jq -e '.[0].snippet | test("the \\[word\\] the \\[word\\]")' "$tmp/many.json" >/dev/null ||
	fail "the snippet of 300,000 hits: $(cut -c1-200 "$tmp/many.json")"

# On a terminal each article is one line, cut to the terminal's width,
# and so is its snippet, with the hit kept in view; a pipe gets whole
# lines.  tty_run COLS ARGS... runs lede on a pseudo-terminal COLS wide
# and writes its lines to $tmp/tty, their longest length to $tmp/tty.max.
tty_run() {
	cols=$1
	shift
	on_tty "$cols" "$tmp/raw" "$@" || fail "no pty"
	tr -d '\r' <"$tmp/raw" >"$tmp/tty"
	cp "$tmp/raw.max" "$tmp/tty.max"
}
tty_run 80 "$LEDE" --db "$db" list
[ "$(wc -l <"$tmp/tty")" -eq "$("$LEDE" --db "$db" list | wc -l)" ] ||
	fail "list on a terminal has not one line an article"
[ "$(cat "$tmp/tty.max")" -le 80 ] || fail "list overflows 80 columns"
grep -q '…$' "$tmp/tty" || fail "no title was cut at 80 columns"
"$LEDE" --db "$db" list | grep -q '^.\{100\}' ||
	fail "a pipe does not get whole titles"
# An outlet longer than its column: cut on the terminal, whole in a
# pipe, where grep finds it.
grep -q 'Le Courrier de…' "$tmp/tty" || fail "a long outlet was not cut at 80 columns"
"$LEDE" --db "$db" list | grep -q "  Le Courrier de l’Estuaire  Rupture du barrage" ||
	fail "a pipe does not get whole outlets"
tty_run 80 "$LEDE" --db "$db" search harbour
[ "$(cat "$tmp/tty.max")" -le 80 ] || fail "search overflows 80 columns"
[ "$(grep -c '^             ' "$tmp/tty")" -eq \
    "$(grep -ci '^             .*\[harbour\]' "$tmp/tty")" ] ||
	fail "a snippet cut at 80 columns lost its hit: $(cat "$tmp/tty")"
tty_run 160 "$LEDE" --db "$db" related 1
[ "$(cat "$tmp/tty.max")" -le 160 ] || fail "related overflows 160 columns"

# An excluded word may be its own argument, before or after the options,
# unquoted: "-strike" is a word of the query, not an option.
want=$(ids "$LEDE" --db "$db" search "Kessing -strike")
[ -n "$want" ] || fail "search 'Kessing -strike' found nothing"
[ "$(ids "$LEDE" --db "$db" search Kessing -strike)" = "$want" ] ||
	fail "search Kessing -strike (two arguments) differs from the quoted query"
[ "$(ids "$LEDE" --db "$db" search -n 20 -strike Kessing)" = "$want" ] ||
	fail "search -n 20 -strike Kessing differs from the quoted query"
[ "$("$LEDE" --db "$db" list -strike --json | jq length)" -eq \
    "$("$LEDE" --db "$db" list --json -- -strike | jq length)" ] ||
	fail "list -strike differs from list -- -strike"
expect_grep '\[Kessing\]' "$tmp/out" "plain output does not mark the hit"

# Unicode: case, accents, NFD and ß meet (in a cache of their own).
u="$tmp/u.db"
"$LEDE" --db "$u" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 || fail "import fixtures"
z=$(ids "$LEDE" --db "$u" search zurich)
[ -n "$z" ] || fail "zurich finds nothing"
[ "$(ids "$LEDE" --db "$u" search ZÜRICH)" = "$z" ] || fail "ZÜRICH differs from zurich"
[ "$(ids "$LEDE" --db "$u" search "$(printf 'Zu\314\210rich')")" = "$z" ] ||
	fail "NFD Zürich differs from zurich"
[ "$(ids "$LEDE" --db "$u" search STRASSENBAHNLINIE)" = "$z" ] || fail "SS does not find ß"
[ -n "$(ids "$LEDE" --db "$db" search 'ケッシング')" ] || fail "no hit for Japanese text"

# Fields, phrases, prefixes and boolean operators.
t=$(id_of "$db" 014-)
[ "$(ids "$LEDE" --db "$db" search 'title:"Kessing Dam gave way"')" = "$t" ] ||
	fail "title phrase search"
[ -n "$(ids "$LEDE" --db "$db" search 'caption:firefighters')" ] || fail "caption: finds nothing"
n1=$(ids "$LEDE" --db "$db" list 'dam' | wc -w)
n2=$(ids "$LEDE" --db "$db" list 'dam -kessing' | wc -w)
n3=$(ids "$LEDE" --db "$db" list 'dam NOT kessing' | wc -w)
[ "$n2" -lt "$n1" ] && [ "$n2" -eq "$n3" ] || fail "negation: $n1 $n2 $n3"
[ "$(ids "$LEDE" --db "$db" list 'kessing or marrend' | wc -w)" -gt \
  "$(ids "$LEDE" --db "$db" list 'kessing' | wc -w)" ] || fail "or adds nothing"

# Filters, and folding on request only.
expect_status 0 "$LEDE" --db "$db" list --json 'since:2025-03-01 until:2025-03-31'
jq -e 'length > 0 and all(.published >= "2025-03-01" and .published <= "2025-03-31")' \
	"$tmp/out" >/dev/null || fail "since/until: $(cat "$tmp/out")"
expect_status 0 "$LEDE" --db "$db" list --json 'on:2024-10-18'
jq -e 'length > 0 and all(.published == "2024-10-18")' "$tmp/out" >/dev/null || fail "on:"
expect_status 0 "$LEDE" --db "$db" list --json 'source:meridian'
jq -e 'length > 0 and all(.source == "Meridian Press")' "$tmp/out" >/dev/null || fail "source:"
cp "$tmp/out" "$tmp/meridian"
# The aliases of data/sources, which import reads, stand for their outlet.
expect_status 0 "$LEDE" --db "$db" list --json 'source:MP'
cmp -s "$tmp/out" "$tmp/meridian" || fail "source:MP is not Meridian Press"
expect_status 0 "$LEDE" --db "$db" list --json 'lang:de'
jq -e 'length > 0 and all(.title | test("Hafen|Einigung|Zürich|Die|der"))' "$tmp/out" >/dev/null ||
	fail "lang:de: $(jq -r '.[].title' "$tmp/out")"
all=$(ids "$LEDE" --db "$db" list label:rewrite | wc -w)
folded=$(ids "$LEDE" --db "$db" list --fold label:rewrite | wc -w)
[ "$all" -gt 0 ] && [ "$folded" -lt "$all" ] || fail "label:rewrite $all, folded $folded"
# Each label lists exactly the articles with such a related story (the
# rare two through an index of their own).
if command -v sqlite3 >/dev/null; then
	for label in duplicate rewrite same-story related; do
		got=$(ids "$LEDE" --db "$db" list "label:$label" | tr ' ' '\n' | sort -n)
		want=$(sqlite3 "$db" "SELECT DISTINCT article_id FROM related
			WHERE label = replace('$label', '-', ' ') ORDER BY 1")
		[ -n "$want" ] && [ "$got" = "$want" ] || fail "label:$label: $got, not $want"
	done
fi
[ "$(ids "$LEDE" --db "$db" list starred | wc -w)" -eq 0 ] || fail "starred without stars"
[ "$(ids "$LEDE" --db "$db" list unread | wc -w)" -eq 46 ] || fail "unread"
[ "$(ids "$LEDE" --db "$db" list 'has:captions -has:captions' | wc -w)" -eq 0 ] ||
	fail "has:captions -has:captions"

# Errors: the token and its column, exit status 2, nothing printed.
expect_status 2 "$LEDE" --db "$db" list since:notadate
expect_grep 'column 7: "notadate" is not a date' "$tmp/err"
[ -s "$tmp/out" ] && fail "output despite the error"
expect_status 2 "$LEDE" --db "$db" search '"Nord Stream'
expect_grep 'unterminated quotation' "$tmp/err"
expect_status 2 "$LEDE" --db "$db" search 'Kuleba NOT'
expect_grep 'column 8: NOT needs a term' "$tmp/err"
expect_status 2 "$LEDE" --db "$db" search 'wings:yes'
expect_grep 'unknown field "wings:"' "$tmp/err"
grep -qi 'sqlite\|fts5\|syntax error' "$tmp/err" && fail "an SQLite message leaked: $(cat "$tmp/err")"

# Hostile queries change nothing.
before=$("$LEDE" --db "$db" stats --json)
"$LEDE" --db "$db" search "'); DROP TABLE articles; --" >/dev/null 2>&1
"$LEDE" --db "$db" search "x'; DROP TABLE articles; --" >/dev/null 2>&1
"$LEDE" --db "$db" list "source:\"'; DELETE FROM articles; --\"" >/dev/null 2>&1
[ "$("$LEDE" --db "$db" stats --json)" = "$before" ] || fail "a hostile query changed the cache"
expect_status 0 "$LEDE" --db "$db" check

# A prefix is asked as the words it covers, from a list that check
# verifies and reindex completes (a lede from before the list, still
# importing during an upgrade, leaves words out).
if command -v sqlite3 >/dev/null; then
	n=$("$LEDE" --db "$db" list --json 'harb*' | grep -c '"id"')
	[ "$n" -gt 0 ] || fail "harb* found nothing"
	sqlite3 "$db" "DELETE FROM fts_terms WHERE term LIKE 'harb%'"
	expect_status 1 "$LEDE" --db "$db" check
	expect_grep 'missing from the list that prefixes search' "$tmp/out"
	expect_grep 'lede reindex' "$tmp/err"
	expect_status 0 "$LEDE" --db "$db" reindex
	expect_status 0 "$LEDE" --db "$db" check
	[ "$("$LEDE" --db "$db" list --json 'harb*' | grep -c '"id"')" -eq \
	    "$n" ] || fail "harb* after reindex: not the $n articles of before"
fi

# A search index that no longer matches its articles: check names the
# repair, which rebuilds it from the articles.  A damaged database file
# is beyond repair by lede, and check says so instead of "malformed".
if command -v sqlite3 >/dev/null; then
	cp "$db" "$tmp/fts.db"
	id=$("$LEDE" --db "$tmp/fts.db" list --json --limit 1 | jq '.[0].id')
	sqlite3 "$tmp/fts.db" "UPDATE articles SET body = 'Zeppelins overhead.'
		WHERE id = $id"
	expect_status 1 "$LEDE" --db "$tmp/fts.db" check
	expect_grep 'full-text index does not match' "$tmp/out"
	expect_grep 'lede reindex --search' "$tmp/err"
	expect_status 0 "$LEDE" --db "$tmp/fts.db" reindex --search
	expect_status 0 "$LEDE" --db "$tmp/fts.db" check
	[ "$("$LEDE" --db "$tmp/fts.db" list 'zeppelin*' | wc -l)" = 1 ] ||
		fail "reindex --search did not index the article's text"
	expect_status 2 "$LEDE" --db "$tmp/fts.db" reindex --serach
	expect_grep "unknown option '--serach'" "$tmp/err"
	# The first page of the time index, its page type byte garbled.
	sqlite3 "$tmp/fts.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	page=$(sqlite3 "$tmp/fts.db" "SELECT rootpage FROM sqlite_schema
		WHERE name = 'articles_by_time'")
	size=$(sqlite3 "$tmp/fts.db" 'PRAGMA page_size')
	printf '\015' | dd of="$tmp/fts.db" bs=1 conv=notrunc \
		seek=$(( (page - 1) * size )) 2>/dev/null
	expect_status 1 "$LEDE" --db "$tmp/fts.db" check
	expect_grep 'tree page' "$tmp/out"
	expect_grep 'cannot repair' "$tmp/err"
	expect_no_grep 'malformed' "$tmp/err"
fi

# A decimal comma (de_DE) changes no result and no JSON: the ranking
# reads its scores from a JSON list, and similarity --json writes
# numbers.  Built here with localedef when the machine has its source.
mkdir -p "$tmp/locale"
if command -v localedef >/dev/null && [ -f /usr/share/i18n/locales/de_DE ] &&
    localedef -i de_DE -f UTF-8 "$tmp/locale/de_DE.UTF-8" >/dev/null 2>&1; then
	"$LEDE" --db "$db" search --json strike >"$tmp/c.json" || fail "search in C"
	LOCPATH=$tmp/locale LC_ALL=de_DE.UTF-8 "$LEDE" --db "$db" search --json strike \
	    >"$tmp/de.json" 2>"$tmp/de.err" || fail "search in de_DE: $(cat "$tmp/de.err")"
	cmp -s "$tmp/c.json" "$tmp/de.json" || fail "search differs in de_DE: $(head -c 300 "$tmp/de.json")"
	LOCPATH=$tmp/locale LC_ALL=de_DE.UTF-8 "$LEDE" --db "$db" similarity --json 1 2 |
	    jq -e '.score > 0' >/dev/null || fail "similarity --json is no JSON in de_DE"
	LOCPATH=$tmp/locale LC_ALL=de_DE.UTF-8 "$LEDE" --db "$db" stats >"$tmp/out"
	expect_grep '^Size: *[0-9]*,[0-9] MB' "$tmp/out" "stats' size is not in the user's notation"
else
	echo "no de_DE locale source: decimal-comma checks skipped"
fi

# The seeds, with our unrelated sample articles beside them.
seeds=${LEDE_SEEDS:-$top_srcdir/../shared/seeds}
if [ -d "$seeds" ]; then
	s="$tmp/s.db"
	"$LEDE" --db "$s" import "$seeds" >/dev/null 2>&1 || fail "seed import"
	n0=$(id_of "$s" 000_) n1=$(id_of "$s" 001_) n2=$(id_of "$s" 002_)
	n3=$(id_of "$s" 003_) n4=$(id_of "$s" 004_)
	sorted() { tr ' ' '\n' | sort -n | tr '\n' ' '; }
	want() {	# want "QUERY" CMD IDS...
		q=$1 cmd=$2
		shift 2
		got=$(ids "$LEDE" --db "$s" "$cmd" "$q" | sorted)
		exp=$(echo "$@" | sorted)
		[ "$got" = "$exp" ] || fail "$cmd '$q' gave $got, want $exp"
	}
	want '"Nord Stream"' search "$n0" "$n1" "$n2"
	want Zelenskyy search "$n0" "$n3" "$n4"
	want Prystaiko search "$n4"
	want 'Kuleba NOT Scholz' search "$n0" "$n1"
	want since:2022-01-28 list "$n3"
	want has:captions list "$n0" "$n2"
	expect_status 2 "$LEDE" --db "$s" list since:notadate
	expect_grep 'notadate' "$tmp/err"
fi

# Long options may be abbreviated, --limit too, with its value apart.
expect_status 0 "$LEDE" --db "$db" search --json --lim 2 Kessing
jq -e 'length == 2' "$tmp/out" >/dev/null || fail "search --lim 2: $(cat "$tmp/out")"
expect_status 0 "$LEDE" --db "$db" list --l 3
[ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "list --l 3: $(cat "$tmp/out")"
# Bundles of -j and -n are options, as in the other commands; a word
# after a dash that is no bundle ("-jazz") stays a word to exclude.
expect_status 0 "$LEDE" --db "$db" list -jn1
jq -e 'length == 1' "$tmp/out" >/dev/null || fail "list -jn1: $(head -c 200 "$tmp/out")"
expect_status 0 "$LEDE" --db "$db" search Kessing -jn 2
jq -e 'length == 2' "$tmp/out" >/dev/null || fail "search Kessing -jn 2: $(head -c 200 "$tmp/out")"
expect_status 0 "$LEDE" --db "$db" list -jazz
[ "$(wc -l <"$tmp/out")" -gt 1 ] || fail "list -jazz is not a query"

# A query of symbols alone has nothing to look for, in list as in
# search: an error, not the whole cache.
expect_status 2 "$LEDE" --db "$db" list '👍'
expect_grep 'list: the query has no word or filter' "$tmp/err"
expect_status 2 "$LEDE" --db "$db" search '...'
expect_grep 'search: the query has no word or filter' "$tmp/err"

# A snippet is one line: a paragraph break inside it ("December.",
# then "Ines Vardakis" below) is one space, in text and in JSON.
expect_status 0 "$LEDE" --db "$db" search --json Ines
jq -e 'any(.[]; .snippet | test("December\\. \\[Ines\\]")) and
	all(.[]; .snippet | test("\\s\\s|\\n") | not)' "$tmp/out" >/dev/null ||
	fail "a snippet keeps a paragraph break: $(cat "$tmp/out")"
expect_status 0 "$LEDE" --db "$db" search Ines
expect_grep 'December\. \[Ines\]' "$tmp/out"

# A word written with a soft hyphen or a word joiner inside (as German
# sites write long words) is found whole, and highlighted whole.
mkdir -p "$tmp/shy"
printf ' date 2025-07-01 Koalition streitet\n\nVon Ada Kern \342\200\223 Hansa-Rundschau\n\nDie Bundes\302\255regierung legte den Haus\302\255halts\302\255entwurf vor, sagte der Finanz\342\201\240minister am Montag.\n\nDer Streit geht weiter.\n\nEnde.\n' \
	>"$tmp/shy/a.txt"
expect_status 0 "$LEDE" --db "$tmp/shy.db" import "$tmp/shy"
for w in Bundesregierung Haushaltsentwurf Finanzminister 'Bundesr*'; do
	[ "$("$LEDE" --db "$tmp/shy.db" list "$w" | wc -l)" = 1 ] ||
		fail "list $w does not find the word with an invisible character"
done
expect_status 0 "$LEDE" --db "$tmp/shy.db" search Bundesregierung
expect_grep '\[Bundes.*regierung\]' "$tmp/out"
expect_status 0 "$LEDE" --db "$tmp/shy.db" check

# Figures in the digits of another script are found by the digits a
# reader types, and the other way round.
mkdir -p "$tmp/digits"
printf ' date 2025-07-02 \330\247\331\204\330\254\331\206\331\210\330\257\n\n\331\206\330\264\330\261 \331\250\331\245\331\240\331\240 \330\254\331\206\330\257\331\212 \331\201\331\212 \330\271\330\247\331\205 \331\242\331\240\331\242\331\245.\n\nEnde.\n' \
	>"$tmp/digits/a.txt"
expect_status 0 "$LEDE" --db "$tmp/digits.db" import "$tmp/digits"
for w in 8500 2025 '85*' '\331\250\331\245\331\240\331\240'; do
	w=$(printf "$w")
	[ "$("$LEDE" --db "$tmp/digits.db" list "$w" | wc -l)" = 1 ] ||
		fail "list $w does not find the figure in Arabic-Indic digits"
done
expect_status 0 "$LEDE" --db "$tmp/digits.db" search 8500
expect_grep "\\[$(printf '\331\250\331\245\331\240\331\240')\\]" "$tmp/out"
expect_status 0 "$LEDE" --db "$tmp/digits.db" check

# A place named only in the dateline is found, and a Turkish word in
# capitals is found by its lower case with a dotless ı, and back.
mkdir -p "$tmp/dateline"
printf 'Tremor shakes the coast\n\nQUARNBY \342\200\224 A strong tremor shook the coast on Tuesday.\n\nNo damage was reported.\n' \
	>"$tmp/dateline/a.txt"
printf 'Zemin uyar\304\261s\304\261\n\nISLAK ZEM\304\260N uyar\304\261s\304\261 yap\304\261ld\304\261.\n\nBelediye a\303\247\304\261klad\304\261.\n' \
	>"$tmp/dateline/b.txt"
expect_status 0 "$LEDE" --db "$tmp/dateline.db" import "$tmp/dateline"
[ "$("$LEDE" --db "$tmp/dateline.db" show --json 1 | jq -r .dateline)" = QUARNBY ] ||
	fail "the fixture's dateline was not taken as one"
for w in quarnby byline:quarnby islak "$(printf '\304\261slak')"; do
	[ "$("$LEDE" --db "$tmp/dateline.db" list "$w" | wc -l)" = 1 ] ||
		fail "list $w does not find its article"
done
expect_status 0 "$LEDE" --db "$tmp/dateline.db" check

# list --count: how many the query takes, and unread ones in JSON.
for q in Kessing 'since:2024-11-01' 'harbour -strike' 'lang:de or source:mp'; do
	expect_status 0 "$LEDE" --db "$db" list --count "$q"
	[ "$(cat "$tmp/out")" = "$("$LEDE" --db "$db" list "$q" | wc -l)" ] ||
		fail "list --count '$q' says $(cat "$tmp/out")"
done
expect_status 0 "$LEDE" --db "$db" list --count --json unread
jq -e --argjson n "$("$LEDE" --db "$db" list unread | wc -l)" \
	'.articles == $n and .unread == $n' "$tmp/out" >/dev/null ||
	fail "list --count --json unread: $(cat "$tmp/out")"
expect_status 2 "$LEDE" --db "$db" list --count --limit 3

# lede mark: the articles a query takes, read or unread; a query or
# --all is needed.
cp "$db" "$tmp/mark.db"
expect_status 2 "$LEDE" --db "$tmp/mark.db" mark
expect_grep 'mark: which articles? Give a query, or --all' "$tmp/err"
expect_status 2 "$LEDE" --db "$tmp/mark.db" mark --all Kessing
dam=$("$LEDE" --db "$tmp/mark.db" list Kessing | wc -l)
[ "$dam" -gt 2 ] || fail "Kessing lists $dam articles"
expect_status 0 "$LEDE" --db "$tmp/mark.db" mark Kessing
expect_grep "^$dam articles marked read\$" "$tmp/out"
[ "$("$LEDE" --db "$tmp/mark.db" list is:read | wc -l)" -eq "$dam" ] ||
	fail "mark Kessing did not mark exactly the Kessing articles"
[ "$("$LEDE" --db "$tmp/mark.db" list 'Kessing unread' | wc -l)" -eq 0 ] ||
	fail "a Kessing article is still unread"
expect_status 0 "$LEDE" --db "$tmp/mark.db" mark Kessing
expect_grep '^0 articles marked read$' "$tmp/out"
expect_status 0 "$LEDE" --db "$tmp/mark.db" mark --unread --all
expect_grep "^$dam articles marked unread\$" "$tmp/out"
# An age of days is a day, as yesterday is: since:-7d takes an article
# dated seven days back, since:-1d one dated yesterday.  (Checked only
# when the day did not change while the test ran.)
today=$(date -u +%F)
mkdir -p "$tmp/ages"
printf 'date %s A week-old harbour story\n\nThe harbour reopened.\n' \
	"$(date -u -d '7 days ago' +%F)" >"$tmp/ages/week.txt"
printf 'date %s A day-old harbour story\n\nThe harbour closed.\n' \
	"$(date -u -d '1 day ago' +%F)" >"$tmp/ages/day.txt"
"$LEDE" --db "$tmp/ages.db" import "$tmp/ages" >/dev/null || fail "import of dated articles"
for q in 'since:-7d 2' 'since:-1w 2' 'since:-1d 1' 'since:yesterday 1' \
    'on:-1d 1' 'until:-1d 2' 'since:-7d until:-7d 1' 'until:-8d 0'; do
	got=$("$LEDE" --db "$tmp/ages.db" list --count ${q% *})
	[ "$(date -u +%F)" = "$today" ] || break
	[ "$got" = "${q##* }" ] || fail "list --count ${q% *}: $got, not ${q##* }"
done

# A mistyped option (-u for --unread, -a for --all) marks nothing: in
# mark, a term that starts with - goes after --.
for opt in -u -a -Kessing; do
	expect_status 2 "$LEDE" --db "$tmp/mark.db" mark $opt Kessing
	expect_grep "unknown option '$opt'" "$tmp/err"
done
[ "$("$LEDE" --db "$tmp/mark.db" list --count is:read)" -eq 0 ] ||
	fail "a mistyped option of mark changed marks"
all=$("$LEDE" --db "$tmp/mark.db" list --count)
expect_status 0 "$LEDE" --db "$tmp/mark.db" mark -- -Kessing
expect_grep "^$((all - dam)) articles marked read\$" "$tmp/out"
finish
