#!/bin/sh
# Another lede import writes the cache while the reader is open: the
# reader keeps moving, never says "database is locked", shows the new
# articles on its own, and the read marks it made during the import are
# all written in the end.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/c.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "first import"
corpus="$tmp/corpus"
for d in $(seq 1 200); do
	mkdir -p "$corpus/$d"
	for f in "$top_srcdir"/tests/fixtures/articles/*.txt; do
		{ echo "Batch $d of $(basename "$f")."; cat "$f"; } >"$corpus/$d/$(basename "$f")"
	done
done
start 120 40 --db "$db" read
wait_for '46 articles'
"$LEDE" --db "$db" import "$corpus" >"$tmp/import.out" 2>&1 &
importer=$!
for i in $(seq 1 40); do
	keys j
	sleep 0.05
done
screen
grep -qi 'locked\|busy' "$tmp/screen" && fail "the reader showed a lock error"
wait "$importer" || fail "the import failed beside the reader: $(cat "$tmp/import.out")"
# The reader notices the new articles by itself (within its refresh).
wait_for '1046 articles'
keys q
wait_for 'LEDE-EXITED-0'
# Every article the reader selected is marked read: 41 rows moved over
# (the first and 40 more), unless fewer were visited.
read_n=$(sqlite3 "$db" 'SELECT count(*) FROM articles WHERE is_read')
[ "$read_n" -ge 20 ] || fail "only $read_n articles marked read"
finish
