#!/bin/sh
# A reader session under valgrind's memcheck: open, move, open a related
# story and come back, help, search, quit.  Valgrind must report no
# error and no definitely lost memory (ncurses' and SQLite's own memory
# still reachable at exit is theirs, and not counted).  Skips without
# valgrind, and in the sanitizer build, which valgrind cannot run.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

command -v valgrind >/dev/null || { echo "no valgrind: skipped"; exit 77; }
command -v jq >/dev/null || { echo "no jq: skipped"; exit 77; }
grep -q __asan_init "$LEDE" 2>/dev/null &&
	{ echo "a sanitizer build: valgrind cannot run it: skipped"; exit 77; }

db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
# The newest member of a duplicate cluster: it has a related story to
# open, and an older article below it to move to.
members=$("$LEDE" --db "$db" dupes --json | jq -c '[.[0].articles[].id]')
id=$("$LEDE" --db "$db" list --json |
	jq -r --argjson m "${members:-[]}" '[.[] | select(.id as $i | $m | index($i))][0].id')
[ -n "$id" ] && [ "$id" != null ] || { fail "no duplicate cluster in data/articles"; finish; }

# Everything is 20 to 50 times slower under valgrind: wait up to 2 min.
WAIT_TENTHS=1200
# wait_title OP TITLE WHAT: until the title shown is (OP =) or is no
# longer (OP !=) TITLE.
wait_title() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		t=$(title)
		[ "$t" "$1" "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "after $3 the article shown is '$t'"
	return 1
}

vg="valgrind --tool=memcheck --error-exitcode=42 --leak-check=full"
vg="$vg --show-leak-kinds=definite --errors-for-leak-kinds=definite"
vg="$vg --track-origins=yes --log-file=$tmp/valgrind.log"
T="$TMUX_BIN -L lede$$-vg -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' 0 1 2 15
$T new-session -d -x 160 -y 48 \
	"$vg $LEDE --db $db --config /dev/null read $id; echo LEDE-EXITED-\$?; sleep 30"
# The first screen, its status line saying the list was unfolded to
# show the article (the newest member, not the one a fold shows).
wait_for 'Related'
wait_title != '' 'the start'
first=$(title)
keys j
wait_title != "$first" j
keys k
wait_title = "$first" k
# To the related pane, open its first story, and back.
keys Tab Tab Tab
wait_for ' Related | '
keys Enter
wait_title != "$first" 'Enter on a related story'
keys BSpace
wait_title = "$first" Backspace
keys '?'
wait_for 'lede: keys'
keys x
wait_gone 'lede: keys'
keys /
wait_for 'Search:'
keys -l 'dam'
keys Enter
wait_for '| dam |'
keys Escape
wait_for 'all articles'
keys q
wait_for 'LEDE-EXITED-'
screen
code=$(sed -n 's/.*LEDE-EXITED-\([0-9]*\).*/\1/p' "$tmp/screen")
grep 'ERROR SUMMARY\|definitely lost\|indirectly lost\|still reachable' "$tmp/valgrind.log" | sed 's/^==[0-9]*== *//'
[ "$code" = 0 ] || fail "lede exited $code under valgrind (42: it found errors)"
grep -q 'ERROR SUMMARY: 0 errors' "$tmp/valgrind.log" ||
	{ fail "valgrind found errors:"; cat "$tmp/valgrind.log" >&2; }
grep 'definitely lost:' "$tmp/valgrind.log" | grep -qv 'definitely lost: 0 bytes' &&
	fail "definite leaks"
finish
