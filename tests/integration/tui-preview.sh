#!/bin/sh
# Holding j over a slow link: while keys move the list, the other panes
# wait for a pause (set preview-delay), so a run of j sends list lines,
# not every article passed; the article selected last shows once the
# keys stop.  With preview-delay 0 each article is drawn on its way.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/p.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
# The reader folds duplicate clusters, as list --fold does.
"$LEDE" --db "$db" list --fold --json >"$tmp/list.json"
[ "$(jq length "$tmp/list.json")" -ge 12 ] || fail "the demo cache has fewer than 12 articles"
id=$(jq -r '.[11].id' "$tmp/list.json")
first=$(jq -r '.[0].id' "$tmp/list.json")
body=$("$LEDE" --db "$db" show --json "$id" | jq -r '.body | .[0:30]')

# run_j DELAY: bytes written while eleven j arrive at once.
run_j() {
	printf 'set preview-delay %s\n' "$1" >"$tmp/config"
	start 160 48 --db "$db" --config "$tmp/config" read "$first"
	wait_for 'Captions'
	sleep 0.3
	: >"$tmp/raw"
	$T pipe-pane -o "cat >>$tmp/raw"
	keys j j j j j j j j j j j
	wait_for "$body"
	sleep 0.3
	$T pipe-pane
	wc -c <"$tmp/raw"
}

# At 80x24 the list shows a few rows and moves by half a page at its
# edge: j and k still step one article at a time across those moves.
n=$(jq length "$tmp/list.json")
[ "$n" -ge 30 ] || fail "the demo cache has fewer than 30 articles"
want=$("$LEDE" --db "$db" show --json "$(jq -r '.[29].id' "$tmp/list.json")" |
	jq -r '.body | .[0:24]')
back=$("$LEDE" --db "$db" show --json "$(jq -r '.[3].id' "$tmp/list.json")" |
	jq -r '.body | .[0:24]')
start 80 24 --db "$db" read "$first"
wait_for 'Captions\|Related'
i=0
while [ $i -lt 29 ]; do keys j; i=$((i + 1)); done
wait_for "$want"
i=0
while [ $i -lt 26 ]; do keys k; i=$((i + 1)); done
wait_for "$back"

# Only an article shown is read: not one the list passed on the way
# to quitting, nor the top result of a search typed and then dropped.
read_of() {
	"$LEDE" --db "$db" list --fold --json | jq -r ".[$1].read"
}
kess=$("$LEDE" --db "$db" list --fold --json Kessing | jq -r '.[0].id')
[ "$("$LEDE" --db "$db" list --json Kessing | jq -r '.[0].read')" = false ] ||
	fail "the first dam story should start unread"
start 160 48 --db "$db" --config /dev/null read "$first"
wait_for 'Captions'
[ "$(read_of 1)" = false ] || fail "the second row should start unread"
keys j q
wait_for 'LEDE-EXITED-0'
[ "$(read_of 1)" = false ] || fail "j then q marked the row passed read"
start 160 48 --db "$db" --config /dev/null read "$first"
wait_for 'Captions'
keys /
wait_for 'Search:'
keys -l 'Kessing'
sleep 1
keys Escape
sleep 0.3
keys q
wait_for 'LEDE-EXITED-0'
[ "$("$LEDE" --db "$db" show --json "$kess" | jq -r '.read')" = false ] ||
	fail "a search typed and dropped marked its top result read"

# Not in $(...): a server started in a subshell is one the trap at the
# end does not know, and it outlived the test.
run_j 60 >"$tmp/deferred"
run_j 0 >"$tmp/immediate"
deferred=$(cat "$tmp/deferred") immediate=$(cat "$tmp/immediate")
echo "bytes for 11 j: deferred $deferred, immediate $immediate"
[ "$deferred" -lt 11000 ] || fail "11 j wrote $deferred bytes with the panes waiting"
[ "$deferred" -lt $((immediate / 2)) ] ||
	fail "waiting panes saved too little: $deferred against $immediate bytes"
finish
