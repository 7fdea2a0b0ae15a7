#!/bin/sh
# Two imports into one cache at once both succeed: each batch waits for
# the other's transaction instead of failing with "database is locked",
# and afterwards every article is there once and the cache checks ok.
# Both also import a shared directory, at the same moment, so that they
# race to insert the same articles.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
db="$tmp/c.db"
gen_corpus "$tmp/shared" 1500 || exit 99
gen_corpus "$tmp/a" 1500 || exit 99
gen_corpus "$tmp/b" 1500 || exit 99
t0=$(now_ms)
"$LEDE" --db "$db" import "$tmp/shared" "$tmp/a" >"$tmp/a.out" 2>"$tmp/a.err" &
pa=$!
"$LEDE" --db "$db" import "$tmp/shared" "$tmp/b" >"$tmp/b.out" 2>"$tmp/b.err" &
pb=$!
wait $pa
ra=$?
ta=$(($(now_ms) - t0))
wait $pb
rb=$?
tb=$(($(now_ms) - t0))
echo "import 1: exit $ra after $ta ms: $(cat "$tmp/a.out")"
echo "import 2: exit $rb after $tb ms: $(cat "$tmp/b.out")"
echo "together: $((4500 * 1000 / (tb > ta ? tb : ta))) articles/s"
[ $ra -eq 0 ] || fail "import 1 exited $ra: $(head -3 "$tmp/a.err")"
[ $rb -eq 0 ] || fail "import 2 exited $rb: $(head -3 "$tmp/b.err")"
expect_no_grep 'locked' "$tmp/a.err"
expect_no_grep 'locked' "$tmp/b.err"
# The shared articles went in once, by one or the other.
n=$(sed 's/Imported: \([0-9]*\),.*unchanged: \([0-9]*\),.*/\1 \2/' "$tmp/a.out" "$tmp/b.out" |
	awk '{ i += $1; u += $2 } END { print i, u }')
[ "$n" = "4500 1500" ] || fail "imported and unchanged: $n, want 4500 1500"
n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
[ "$n" -eq 4500 ] || fail "$n articles in the cache, want 4500"
n=$(sqlite3 "$db" "SELECT count(DISTINCT origin) FROM articles")
[ "$n" -eq 4500 ] || fail "$n distinct origins, want 4500"
for d in shared a b; do
	for f in 000/000001 001/001500; do
		n=$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE origin LIKE '%/$d/$f.txt'")
		[ "$n" -eq 1 ] || fail "$d/$f.txt is in the cache $n times"
	done
done
"$LEDE" --db "$db" check >"$tmp/check" 2>&1 || fail "lede check: $(cat "$tmp/check")"
n=$(sqlite3 "$db" "SELECT (SELECT value FROM sim_meta WHERE name = 'ndocs') - (SELECT count(*) FROM sim_sig)")
[ "$n" -eq 0 ] || fail "the signature count is off by $n"
finish
