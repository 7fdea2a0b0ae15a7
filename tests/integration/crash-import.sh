#!/bin/sh
# A crash at any moment of an import leaves no half-imported article:
# kill -9 a large import at varying moments, then check that the cache is
# intact, that every article has its captions and index entry, and that a
# second import completes the job.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
corpus="$tmp/corpus"
# 1,500 distinct articles from our fixtures: the file name in the first
# line makes each one different.
for d in $(seq 1 300); do
	mkdir -p "$corpus/$d"
	for f in "$top_srcdir"/tests/fixtures/articles/*.txt; do
		b=$(basename "$f")
		{ echo "Copy $d of $b."; cat "$f"; } >"$corpus/$d/$b"
	done
done
total=$(find "$corpus" -name '*.txt' | wc -l)

check_cache() {
	db=$1
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] ||
		fail "integrity_check: $(sqlite3 "$db" 'PRAGMA integrity_check' | head -3)"
	# Killed before the schema was committed: an empty database, which
	# the next open sets up.
	[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name = 'articles'")" -eq 1 ] ||
		return 0
	"$LEDE" --db "$db" check >/dev/null ||
		fail "the full-text index disagrees with the articles"
	# Every fixture article with captions has all of them.
	n=$(sqlite3 "$db" "SELECT count(*) FROM articles a WHERE a.origin LIKE '%harbour-strike.txt'
		AND (SELECT count(*) FROM captions c WHERE c.article_id = a.id) <> 2")
	[ "$n" -eq 0 ] || fail "$n articles lost captions"
	n=$(sqlite3 "$db" "SELECT count(*) FROM articles a WHERE NOT EXISTS
		(SELECT 1 FROM article_fts_docsize d WHERE d.id = a.id)")
	[ "$n" -eq 0 ] || fail "$n articles missing from the full-text index"
}

for delay in 0.02 0.05 0.08 0.11 0.14; do
	db="$tmp/crash-$delay.db"
	"$LEDE" --db "$db" import "$corpus" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -f "$db" ] || continue
	check_cache "$db"
	"$LEDE" --db "$db" import "$corpus" >"$tmp/out" 2>&1 ||
		fail "re-import after a crash failed: $(cat "$tmp/out")"
	n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	[ "$n" -eq "$total" ] || fail "after re-import: $n articles, want $total"
	check_cache "$db"
done
finish
