#!/bin/sh
# A crash at any moment of an import leaves no half-imported article:
# kill -9 a large import 20 times at random moments (seeded: set
# LEDE_CRASH_SEED to repeat a run), and after each kill check that the
# cache is intact, that every article in it is whole (body, all its
# captions, its full-text entry, its signature and postings) and that a
# second import completes the job.  Then, where strace is installed,
# kill it at the one moment that leaves a hot journal.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
kills=20
corpus="$tmp/corpus"
gen_corpus "$corpus" 1000 || exit 99
total=1000

# The reference: the same import, uninterrupted.  Its duration scales the
# kill delays, so that kills land all over the import on a fast machine
# and under the sanitizers alike.
ref="$tmp/ref.db"
t0=$(now_ms)
"$LEDE" --db "$ref" import "$corpus" >/dev/null 2>"$tmp/err" ||
	{ cat "$tmp/err"; echo "the reference import failed"; exit 1; }
dur=$(($(now_ms) - t0))
echo "reference import: $total articles in $dur ms"

seed=${LEDE_CRASH_SEED:-$(($(date +%s) % 100000))}
# Delays in ms, uniform over [0, 1.2 x the import]: some land after the
# end, which checks a finished import too.
delays=$(awk -v seed="$seed" -v n="$kills" -v d="$dur" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++) printf "%d ", int(rand() * d * 1.2)
}')
echo "seed $seed (LEDE_CRASH_SEED=$seed repeats it); delays in ms: $delays"

# check_cache DB: SQLite's check and lede's, then every article against
# the reference, compared by origin.
check_cache() {
	db=$1
	r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$r" = ok ] || fail "integrity_check: $(echo "$r" | head -3)"
	"$LEDE" --db "$db" check >"$tmp/check" 2>&1 ||
		fail "lede check: $(head -5 "$tmp/check")"
	compare_with_ref "$db" "$ref"
}

k=0
for delay in $delays; do
	k=$((k + 1))
	db="$tmp/crash-$k.db"
	"$LEDE" --db "$db" import "$corpus" >/dev/null 2>"$tmp/import.err" &
	pid=$!
	sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then
		what=killed
	else
		what="had finished"
	fi
	wait "$pid" 2>/dev/null
	# lede reads the cache first, as the user would after the crash:
	# sqlite3 would roll a hot journal back before lede saw it.
	if [ ! -f "$db" ]; then
		echo "kill $k at $delay ms: $what before the cache existed"
	elif "$LEDE" --db "$db" list >/dev/null 2>"$tmp/err"; then
		n=$(sqlite3 "$db" "SELECT count(*) FROM articles")
		echo "kill $k at $delay ms: $what with $n articles committed"
		check_cache "$db"
	else
		# Killed before the first commit: the file is empty, or
		# holds a page and a hot journal that SQLite rolls back, or
		# has no tables yet.  No cache, which reading commands say
		# without making one; import fills it.
		echo "kill $k at $delay ms: $what before the cache was written"
		expect_grep 'no cache here' "$tmp/err"
		t=$(sqlite3 "$db" 'SELECT count(*) FROM sqlite_schema')
		[ "$t" = 0 ] || fail "kill $k: no cache here, but $t tables"
	fi
	"$LEDE" --db "$db" import "$corpus" >"$tmp/out" 2>&1 ||
		fail "re-import after kill $k failed: $(tail -3 "$tmp/out")"
	n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	[ "$n" -eq "$total" ] || fail "after re-import $k: $n articles, want $total"
	check_cache "$db"
	rm -f "$db" "$db-wal" "$db-shm"
done

# The narrowest moment, which random kills seldom hit: SQLite has written
# the new cache's first page and not yet removed its journal, so the file
# holds a page that the next reader rolls back.  strace kills the import
# at its first unlink, which is that journal's.
if command -v strace >/dev/null; then
	db="$tmp/hot.db"
	strace -f -o /dev/null -e inject=unlink:signal=SIGKILL:when=1 \
		"$LEDE" --db "$db" import "$corpus" >/dev/null 2>&1
	[ -s "$db" ] && [ -s "$db-journal" ] ||
		fail "strace did not stop the import at the journal"
	expect_status 1 "$LEDE" --db "$db" list
	expect_grep 'no cache here' "$tmp/err"
	[ -s "$db" ] && fail "list left a cache of the rolled-back file"
	expect_status 0 "$LEDE" --db "$db" import "$corpus"
	n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	[ "$n" -eq "$total" ] || fail "after the journal kill: $n articles"
	check_cache "$db"
else
	echo "strace missing: the kill at the journal is skipped"
fi
finish
