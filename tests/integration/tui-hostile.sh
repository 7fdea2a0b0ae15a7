#!/bin/sh
# Article text cannot take over the terminal: an article with OSC title
# and clipboard strings, CSI, DCS, C1 controls, bidi overrides, emoji and
# CJK is shown with every border in place, the pane title unchanged, and
# none of its sequences in the bytes lede writes (tmux pipe-pane).
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/h.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/hostile.txt" "$top_srcdir/data/articles/040-cup-final-football.txt" >/dev/null 2>&1 ||
	fail "import"
id=$("$LEDE" --db "$db" list --json | jq -r '.[] | select(.origin | contains("hostile")) | .id')
start 160 48 --db "$db" read "$id"
$T pipe-pane -o "cat >>'$tmp/raw'"
$T select-pane -T "before"
wait_for 'clipboard stays clean'
keys r
sleep 0.5
wait_for 'A last paragraph about the harbour'
grep -q '東京港' "$tmp/screen" || fail "CJK text not shown"
check_borders 160
[ "$($T display-message -p '#{pane_title}')" = before ] || fail "the pane title changed"
$T resize-window -x 80 -y 24
sleep 0.5
wait_for 'Articles'
check_borders 80
keys q
wait_for 'LEDE-EXITED-0'
$T pipe-pane
if [ -f "$tmp/raw" ]; then
	for bad in 'pwned-title' ']52;' 'ZXZpbA==' ']0;' '+q'; do
		LC_ALL=C grep -qF -- "$bad" "$tmp/raw" && fail "lede wrote '$bad' to the terminal"
	done
	LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/raw" && fail "a bidi override reached the terminal"
	LC_ALL=C grep -q "$(printf '\302\233')" "$tmp/raw" && fail "a C1 CSI reached the terminal"
else
	fail "pipe-pane captured nothing"
fi

# In the C locale the reader falls back to ASCII: look-alikes for
# typographic punctuation, '?' for what has none, borders still in place.
START_ENV="LC_ALL=C" start 120 40 --db "$db" read "$id"
wait_for 'clipboard stays clean'
wait_for 'CJK ??? and Hebrew ???? words'
check_borders 120
# Long titles are cut at a word, with "..." for the "…" of UTF-8.
$T resize-window -x 80 -y 24
wait_for 'Castelbruck Athletic end 31-year wait with\.\.\.'
check_borders 80
keys q
wait_for 'LEDE-EXITED-0'
finish
