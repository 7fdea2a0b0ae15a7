#!/bin/sh
# Two imports into one cache at once both succeed: they take turns with
# the lock, batch by batch, instead of one waiting for the other to end
# (and failing with "database is locked" when that took over 10 s), and
# afterwards every article is there once and the cache checks ok.  Each
# imports a directory of its own, then a shared one, which they race to
# insert.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
db="$tmp/c.db"
# Articles of real size: the second import can only take its turn once
# it is ready, and with the fixtures' 500 bytes the first had committed
# its first batch and taken its second (3 s, the rest of its files)
# before it was (it failed so once in a clean-clone make -j2 check).
gen_corpus "$tmp/shared" 1500 8 || exit 99
gen_corpus "$tmp/a" 1500 8 || exit 99
gen_corpus "$tmp/b" 1500 8 || exit 99
t0=$(now_ms)
"$LEDE" --db "$db" import "$tmp/a" "$tmp/shared" >"$tmp/a.out" 2>"$tmp/a.err" &
pa=$!
"$LEDE" --db "$db" import "$tmp/b" "$tmp/shared" >"$tmp/b.out" 2>"$tmp/b.err" &
pb=$!
# Taking turns: at some moment while both run, each has committed
# articles of its own directory.
turns=no c=
while kill -0 $pa 2>/dev/null && kill -0 $pb 2>/dev/null; do
	[ -s "$db" ] && c=$(sqlite3 -readonly "$db" "SELECT sum(origin LIKE '%/a/%') > 0 AND
		sum(origin LIKE '%/b/%') > 0 FROM articles" 2>/dev/null)
	if [ "$c" = 1 ] && kill -0 $pa 2>/dev/null && kill -0 $pb 2>/dev/null; then
		turns=yes
		break
	fi
	sleep 0.2
done
wait $pa
ra=$?
ta=$(($(now_ms) - t0))
wait $pb
rb=$?
tb=$(($(now_ms) - t0))
echo "import 1: exit $ra after $ta ms: $(cat "$tmp/a.out")"
echo "import 2: exit $rb after $tb ms: $(cat "$tmp/b.out")"
echo "together: $((4500 * 1000 / (tb > ta ? tb : ta))) articles/s"
[ $turns = yes ] || fail "one import waited for the other to end"
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
