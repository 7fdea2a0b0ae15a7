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
# An article of a duplicate cluster: it has a related story to open.
id=$("$LEDE" --db "$db" dupes --json | jq -r '.[0].articles[0].id')
[ -n "$id" ] && [ "$id" != null ] || { fail "no duplicate cluster in data/articles"; finish; }

# Everything is 20 to 50 times slower under valgrind: wait up to 2 min.
wait_slow() {
	i=0
	while [ $i -lt 1200 ]; do
		screen
		grep -q -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen never showed '$1':"
	cat "$tmp/screen" >&2
	return 1
}
# wait_change: until the screen differs from the last one seen.
wait_change() {
	cp "$tmp/screen" "$tmp/before"
	i=0
	while [ $i -lt 1200 ]; do
		screen
		cmp -s "$tmp/screen" "$tmp/before" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen did not change after $1"
	return 1
}

vg="valgrind --tool=memcheck --error-exitcode=42 --leak-check=full"
vg="$vg --show-leak-kinds=definite --errors-for-leak-kinds=definite"
vg="$vg --track-origins=yes --log-file=$tmp/valgrind.log"
T0="$TMUX_BIN -L lede$$-vg -f /dev/null"
T=$T0
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' 0 1 2 15
$T new-session -d -x 160 -y 48 \
	"$vg $LEDE --db $db --config /dev/null read $id; echo LEDE-EXITED-\$?; sleep 30"
wait_slow 'articles,'
wait_slow 'Related'
keys j
wait_change j
keys k
wait_change k
# To the related pane, open its first story, and back.
keys Tab Tab Tab
sleep 1
screen
keys Enter
wait_change Enter
keys BSpace
wait_change Backspace
keys '?'
wait_slow 'lede: keys'
keys x
wait_change 'closing the help'
keys /
wait_slow 'Search:'
keys -l 'dam'
keys Enter
wait_slow 'search: dam'
keys Escape
wait_slow 'search: -'
keys q
wait_slow 'LEDE-EXITED-'
screen
code=$(sed -n 's/.*LEDE-EXITED-\([0-9]*\).*/\1/p' "$tmp/screen")
grep 'ERROR SUMMARY\|definitely lost\|indirectly lost\|still reachable' "$tmp/valgrind.log" | sed 's/^==[0-9]*== *//'
[ "$code" = 0 ] || fail "lede exited $code under valgrind (42: it found errors)"
grep -q 'ERROR SUMMARY: 0 errors' "$tmp/valgrind.log" ||
	{ fail "valgrind found errors:"; cat "$tmp/valgrind.log" >&2; }
grep 'definitely lost:' "$tmp/valgrind.log" | grep -qv 'definitely lost: 0 bytes' &&
	fail "definite leaks"
finish
