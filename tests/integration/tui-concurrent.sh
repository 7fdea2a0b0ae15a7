#!/bin/sh
# Another lede import of 25,000 articles writes the cache while the reader
# is open: every keypress shows its effect within a generous bound (the
# worst latency goes to the log), neither process ever says "database is
# locked", the reader shows the new articles on its own, and the read
# marks it made during the import are all written in the end.
. "${top_srcdir:?}/tests/integration/tui-common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
# A keypress slower than this is a freeze, not a loaded machine.
bound_ms=5000
db="$tmp/c.db"
# The reader starts on 300 articles with distinct titles, unfolded, so
# that each move shows a new title in the article pane and marks just
# the article moved to.
gen_corpus "$tmp/first" 300 || exit 99
# Enough that the import outlasts ten keypresses on a fast machine
# (10,000 took 3.2 s here, nine keypresses).
n_import=25000
gen_corpus "$tmp/corpus" $n_import || exit 99
"$LEDE" --db "$db" import "$tmp/first" >/dev/null 2>&1 || fail "first import"
start 120 40 --db "$db" read
wait_for '300 articles'
keys z
wait_for '| unfolded |'

t0=$(now_ms)
"$LEDE" --db "$db" import "$tmp/corpus" >"$tmp/import.out" 2>"$tmp/import.err" &
importer=$!
worst=0 n=0 sum=0
# Move down once a tenth of a second while the import runs (at most 150
# moves); after each, wait for the article pane to show another title.
while kill -0 "$importer" 2>/dev/null && [ $n -lt 150 ]; do
	before=$(title)
	k0=$(now_ms)
	keys j
	while :; do
		after=$(title)
		dt=$(($(now_ms) - k0))
		[ "$after" != "$before" ] && break
		if [ $dt -gt $bound_ms ]; then
			fail "keypress $((n + 1)) showed nothing within $bound_ms ms"
			cat "$tmp/screen" >&2
			break
		fi
		sleep 0.02
	done
	# The first changed cell ends the wait, but tmux may show the
	# redraw half done: record the title once it holds still.
	i=0
	while [ $i -lt 20 ]; do
		sleep 0.05
		now=$(title)
		[ "$now" = "$after" ] && break
		after=$now
		i=$((i + 1))
	done
	echo "$after" >>"$tmp/visited"
	n=$((n + 1)) sum=$((sum + dt))
	[ $dt -gt $worst ] && worst=$dt
	grep -qi 'locked\|busy' "$tmp/screen" && fail "the reader showed a lock error: $(grep -i 'locked\|busy' "$tmp/screen")"
	sleep 0.1
done
wait "$importer" || fail "the import failed beside the reader: $(cat "$tmp/import.err")"
dur=$(($(now_ms) - t0))
[ $n -ge 10 ] || fail "only $n keypresses during the import: it ended too soon to tell"
echo "import: $n_import articles in $dur ms ($((n_import * 1000 / (dur ? dur : 1))) articles/s) beside the reader"
echo "keypresses during the import: $n, worst $worst ms, mean $((sum / (n ? n : 1))) ms (bound $bound_ms ms)"
expect_no_grep 'locked' "$tmp/import.err" "the import said: $(cat "$tmp/import.err")"
expect_grep "Imported: $n_import," "$tmp/import.out"
# The reader notices the new articles by itself (within its refresh).
wait_for "$((n_import + 300)) articles"
keys q
wait_for 'LEDE-EXITED-0'
# Every article the reader moved to is marked read (marks made while the
# importer held the lock waited and were written later).
sed 's/^ *//; s/ *$//; s/'"'"'/'"''"'/g; s/.*/('"'"'&'"'"'),/' "$tmp/visited" |
	sed '$ s/,$//' >"$tmp/values"
unread=$(sqlite3 "$db" "WITH v(t) AS (VALUES $(cat "$tmp/values"))
	SELECT count(*) FROM v WHERE NOT EXISTS
	(SELECT 1 FROM articles WHERE title = v.t AND is_read)")
[ "$unread" = 0 ] || fail "$unread of the $n articles moved to are not marked read: $(sqlite3 "$db" "WITH v(t) AS (VALUES $(cat "$tmp/values"))
	SELECT group_concat(t, ' | ') FROM v WHERE NOT EXISTS
	(SELECT 1 FROM articles WHERE title = v.t AND is_read)")"
"$LEDE" --db "$db" check >"$tmp/check" 2>&1 || fail "lede check: $(cat "$tmp/check")"
finish
