#!/bin/sh
# Search and filters in the reader, as a person uses them: the list
# narrows while the words are typed, hits are highlighted in the body,
# n steps through them and on to the next article, Escape brings back the
# list before, a bad filter is explained while typed, views from the
# settings file, and back after opening a related story restores the
# search.  At 160x48 and 80x24.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
cat >"$tmp/config" <<'EOF'
view dam = kessing -strike
view port = "Port Selva" source:mp
EOF

# The rows of the list pane (left of the rule, without the title row).
list_rows() {
	screen
	sed -n '2,$p' "$tmp/screen" | sed 's/│.*//' | sed '$d'
}

start 160 48 --db "$db" --config "$tmp/config" read
wait_for 'Hollenfeld'

# As-you-type: "Kess" is not a word yet, but the list already shows the
# dam stories, before Enter.
keys /
wait_for 'Search:'
keys -l 'Kess'
i=0
while [ $i -lt 50 ]; do
	list_rows | grep -q 'Unrolled after 80' || break
	sleep 0.1
	i=$((i + 1))
done
list_rows | grep -q 'Unrolled after 80' && fail "typing did not narrow the list"
list_rows | grep -q 'Kessing' || fail "the dam stories are not listed while typing"
grep -q 'Search: Kess' "$tmp/screen" || fail "the prompt went away before Enter"
keys Enter
wait_for '| Kess\* |'
# The status line counts the articles the search takes, of all 46, and
# the unread ones among them; m moves that count at once.
kess=$("$LEDE" --db "$db" list 'Kess*' | wc -l)
[ "$kess" -gt 1 ] || fail "Kess* lists $kess articles"
wait_for "| $kess of 46 articles, [0-9]* unread | Kess\\* |"
unread=$(sed -n "s/.*| $kess of 46 articles, \([0-9]*\) unread.*/\1/p" "$tmp/screen")
keys m
wait_for "| $kess of 46 articles, $((unread + 1)) unread | Kess\\* |"
keys m
wait_for "| $kess of 46 articles, $unread unread | Kess\\* |"
# A marks the list read, once asked and answered with y: any other key
# marks nothing.
keys A
wait_for "Mark the $unread unread articles of this list read? (y/n)"
keys n
wait_for 'nothing marked'
keys A
wait_for "Mark the $unread unread articles of this list read? (y/n)"
keys y
wait_for "$unread articles marked read"
keys r
wait_for "| $kess of 46 articles, 0 unread | Kess\\* |"
[ "$("$LEDE" --db "$db" list 'Kess* unread' | wc -l)" -eq 0 ] ||
	fail "A left articles of the list unread"
[ "$("$LEDE" --db "$db" list unread | wc -l)" -gt 20 ] ||
	fail "A marked articles outside the list read"
# The body says where the words are, with a snippet.
wait_for 'Found: .*Kessing'

# Hits are drawn in reverse video in the body.
$T capture-pane -p -e >"$tmp/esc"
grep -q "$(printf '\033')\[[0-9;]*7m[^$(printf '\033')]*Kessing" "$tmp/esc" ||
	fail "no highlighted hit in the body"

# n scrolls to the next hit; past the last one it goes on to the next
# article (another title in the body).
screen
first=$(sed -n 2p "$tmp/screen" | sed 's/.*│//')
i=0
while [ $i -lt 12 ]; do
	keys n
	sleep 0.1
	i=$((i + 1))
done
screen
[ "$(sed -n 2p "$tmp/screen" | sed 's/.*│//')" != "$first" ] ||
	fail "n never left the first article"
keys N
sleep 0.2

# n and N step from the hit shown last, also where the text cannot
# scroll it to the top: a hit in the title, and hits at the very end of
# a long article, where n once found the same hit again and again.
mkdir "$tmp/long"
for day in 01 02; do
	{
		printf ' date 2024-03-%s  \nThe Quarnell report, part %s\n\n' "$day" "$day"
		i=0
		while [ $i -lt 40 ]; do
			printf 'Paragraph %s of the inquiry, with nothing to find in it at all.\n\n' "$i"
			i=$((i + 1))
		done
		printf 'Near the end, Quarnell once.\n\nAnd Quarnell twice, last.\n'
	} >"$tmp/long/q$day.txt"
done
# (XDG_CONFIG_HOME is $tmp/config, which is now the views file.)
XDG_CONFIG_HOME="$tmp/qconf" "$LEDE" --db "$tmp/q.db" import "$tmp/long" >"$tmp/qimport" 2>&1 ||
	fail "import the long articles: $(cat "$tmp/qimport")"
start 100 30 --db "$tmp/q.db" --config /dev/null read --narrow
wait_for 'Quarnell report'
# Alike, they fold into one entry: unfold, to step from one to the other.
keys z
wait_for 'Quarnell report, part 02'
keys /
wait_for 'Search:'
keys -l 'quarnell'
keys Enter
wait_for 'Found:'
# press_until KEY PATTERN: KEY until the article pane shows PATTERN, at
# most 8 times (the list shows both titles all along).
press_until() {
	i=0
	while [ $i -lt 8 ]; do
		keys "$1"
		sleep 0.3
		screen
		sed -n '/─ Article ─/,$p' "$tmp/screen" | grep -q -- "$2" && return 0
		i=$((i + 1))
	done
	fail "$1 never brought '$2' into the article pane:"
	cat "$tmp/screen" >&2
}
# From part 02's title hit through the two at its end, on to part 01;
# then back with N from part 01's title to part 02.
press_until n 'Quarnell twice'
press_until n 'The Quarnell report, part 01'
press_until N 'The Quarnell report, part 02'

start 160 48 --db "$db" --config "$tmp/config" read
wait_for 'Hollenfeld'
keys /
wait_for 'Search:'
keys -l 'Kess'
keys Enter
wait_for '| Kess\* |'

# Escape: the whole list again.
keys Escape
wait_for 'all articles'
wait_for 'Unrolled after 80'

# A bad filter is explained while typed, quoting the bad part; Escape
# cancels and leaves the list as it was.
keys f
wait_for 'Filter:'
keys -l 'since:notadate'
wait_for '"notadate" is not a date'
keys Escape
wait_for 'all articles'
# Enter does not take a text with a problem: the prompt stays, with the
# problem beside it, until it is mended or cancelled.
keys f
wait_for 'Filter:'
keys -l 'Brenmoor "unclosed'
keys Enter
sleep 0.3
wait_for 'unterminated quotation'
screen
tail -n 1 "$tmp/screen" | grep -q '^Filter: Brenmoor "unclosed' ||
	fail "Enter took a filter with a problem:"
keys Escape
wait_for 'all articles'
# A good filter narrows the list and shows in the status line.
keys f
wait_for 'Filter:'
keys -l 'since:2025-03-01 until:2025-03-31'
keys Enter
wait_for 'filter: since:2025-03-01'
list_rows | grep -q 'Unrolled after 80' && fail "the filter let an undated article through"
list_rows | grep -q 'Valdora' || fail "the March 2025 stories are missing"
# Search words cannot reach out of their own parentheses and undo the
# filter: "dam) or (strike" is refused, not read as "(filter) (dam) or
# (strike)".
keys /
wait_for 'Search:'
keys -l 'dam) or (strike'
keys Enter
wait_for 'unmatched'
screen
tail -n 1 "$tmp/screen" | grep -q '^Search: dam) or (strike' ||
	fail "Enter took search words with a problem:"
keys Escape
wait_for 'filter: since:2025-03-01'
list_rows | grep -q 'Unrolled after 80' && fail "the search undid the filter"
keys Escape
wait_for 'all articles'

# Views from the settings file: v lists them, a beginning picks one.
keys v
wait_for 'View (dam, port)'
keys -l 'da'
keys Enter
wait_for 'view dam'
list_rows | grep -q 'Port strike' && fail "the dam view shows the port strike"
# An outlet's alias (data/sources: MP = Meridian Press), as in lede list.
keys v
wait_for 'View (dam, port)'
keys -l 'po'
keys Enter
wait_for 'view port'
wait_for '(+1) Thousands of dockworkers'
screen
sed -n '2,/─ Related/p' "$tmp/screen" | sed 's/│.*//' | grep -v '─ Related' |
	grep -v '^ *$' | grep -v 'Meridian Press' >"$tmp/others"
[ -s "$tmp/others" ] && fail "the port view lists other outlets: $(cat "$tmp/others")"
keys v
keys -l 'da'
keys Enter
wait_for 'view dam'

# Opening a related story drops the view; back restores it.
keys Tab Tab Tab
sleep 0.2
keys Enter
wait_for 'all articles'
keys BSpace
wait_for 'view dam'
keys q
wait_for 'LEDE-EXITED-0'

# 80x24: the same search fits, and the prompt's error is cut to the line.
start 80 24 --db "$db" --config "$tmp/config" read
wait_for 'Articles'
keys f
keys -l 'label:copy (kessing'
wait_for 'is not a label'
check_borders 80
keys Escape
keys /
keys -l 'Brenmoor'
keys Enter
# Enter takes a word that is found as typed as that word, not as the
# beginning it was while typing ("Kess" above, found as typed in no
# article, stays one).
wait_for '| Brenmoor |'
check_borders 80

# One letter is searched as a word, not as the beginning of thousands:
# "K" is no word of these articles, though many begin with it.
keys /
keys C-u
keys -l 'K'
keys Enter
# The status line keeps the query beside the news that nothing matched.
wait_for 'no article matches | K |'
# "Kx" on the way to "Kessing" matches nothing either; once the text
# matches again, that message is gone.
keys /
keys -l 'x'
sleep 0.5
keys BSpace
keys -l 'essing'
keys Enter
wait_for '| Kessing |'
wait_gone 'no article matches'

# A resize while the prompt is open lays the panes out for the new size
# at once; the prompt, with its text, moves to the new last line, and
# Enter still applies it.
keys /
keys C-u
keys -l 'Brenmoor'
wait_for 'Search: Brenmoor'
$T resize-window -x 120 -y 40
wait_for 'Captions'
screen
tail -n 1 "$tmp/screen" | grep -q '^Search: Brenmoor' ||
	fail "the prompt is not on the last line after a resize:"
check_borders 120
keys -l ' Kess'
keys Enter
wait_for '| Brenmoor Kess\* |'
keys q
wait_for 'LEDE-EXITED-0'

# While a search is typed, a new size redraws the list but opens (and
# marks read) nothing: only the first article, shown at start, is read
# after Escape.  A prompt scrolled on a narrow screen shows its whole
# text again once the screen is wide enough.
"$LEDE" --db "$tmp/r.db" import "$top_srcdir/data/articles" >/dev/null 2>"$tmp/ierr" || cat "$tmp/ierr" >&2; [ -s "$tmp/r.db" ] ||
	fail "import"
start 80 24 --db "$tmp/r.db" --config /dev/null read
wait_for 'Hollenfeld'
keys /
keys -l 'harbour strike'
wait_for 'Search: harbour strike'
sleep 0.5
$T resize-window -x 100 -y 30
sleep 0.5
$T resize-window -x 12 -y 3
sleep 0.5
$T resize-window -x 80 -y 24
wait_for 'Search: harbour strike'
keys Escape
wait_for 'Hollenfeld'
keys q
wait_for 'LEDE-EXITED-0'
"$LEDE" --db "$tmp/r.db" list is:read >"$tmp/read"
[ "$(wc -l <"$tmp/read")" -eq 1 ] && grep -q 'Hollenfeld' "$tmp/read" ||
	fail "a resize while typing marked read: $(cat "$tmp/read")"

# The unread count follows the marks, a cluster's other copies included
# (moving onto one copy marks its cluster read).
start 80 24 --db "$tmp/r.db" --config /dev/null read
wait_for '46 articles, 45 unread'
for k in j j j j j j j; do
	keys $k
	sleep 0.3
done
sleep 0.5
screen
shown=$(sed -n 's/.*46 articles, \([0-9]*\) unread.*/\1/p' "$tmp/screen")
keys q
wait_for 'LEDE-EXITED-0'
read=$("$LEDE" --db "$tmp/r.db" list is:read | wc -l)
[ "$read" -gt 8 ] || fail "no cluster among the articles passed ($read read)"
[ "$shown" = $((46 - read)) ] ||
	fail "the status says $shown unread, the cache $((46 - read))"

# In the C locale a character it cannot hold is dropped from what is
# typed or pasted, and only that character.
START_ENV="LC_ALL=C" start 80 24 --db "$tmp/r.db" --config /dev/null read
wait_for 'articles'
keys /
wait_for 'Search:'
keys -l 'port ünion strike now'
wait_for 'Search: port nion strike now'
keys Escape
keys q
wait_for 'LEDE-EXITED-0'

# Under the "unread" filter the article being read stays selected and in
# view though it no longer matches: starring it or reloading (r) or
# changing the layout (L) neither moves the selection nor marks another
# article read.
"$LEDE" --db "$tmp/u.db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import u"
start 80 24 --db "$tmp/u.db" --config /dev/null read
wait_for 'articles'
keys f
keys -l 'unread'
keys Enter
wait_for 'filter: unread'
keys j
sleep 0.3
keys j
sleep 0.5
screen
before=$("$LEDE" --db "$tmp/u.db" list is:read | wc -l)
keys s
sleep 0.5
keys r
sleep 0.5
keys L
sleep 0.5
keys L
sleep 0.5
keys q
wait_for 'LEDE-EXITED-0'
after=$("$LEDE" --db "$tmp/u.db" list is:read | wc -l)
[ "$after" = "$before" ] ||
	fail "s, r and L marked $((after - before)) more articles read under 'unread'"
"$LEDE" --db "$tmp/u.db" list --json starred | jq -e 'length == 1' >/dev/null ||
	fail "s starred $("$LEDE" --db "$tmp/u.db" list starred | wc -l) articles"

# Unfolded, reading one copy marks its rewrite read, and the rewrite's
# row says so at once (it kept its N before).
"$LEDE" --db "$tmp/v.db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import v"
start 80 24 --db "$tmp/v.db" --config /dev/null read
wait_for '| folded |'
keys z
wait_for '| unfolded |'
keys G
for k in k k k k; do
	sleep 0.3
	keys $k
done
wait_for '^ *2024-09-07 *Discussions aimed toward'
keys q
wait_for 'LEDE-EXITED-0'

# Many views on a narrow screen: the prompt's list of names takes half
# the line at most, so what is typed shows (before: it fell off).
{
	cat "$tmp/config"
	for v in harbour election central-bank tapestry football weather; do
		echo "view $v = $v"
	done
} >"$tmp/many"
start 40 20 --db "$db" --config "$tmp/many" read
wait_for 'Articles'
keys v
wait_for 'View (dam'
keys -l 'da'
wait_for '…: da$'
keys Enter
wait_gone ': da$'
keys q
wait_for 'LEDE-EXITED-0'
finish
