#!/bin/sh
# A crash at any moment of an import leaves no half-imported article:
# kill -9 a large import 20 times at random moments (seeded: set
# LEDE_CRASH_SEED to repeat a run), and after each kill check that the
# cache is intact, that every article in it is whole (body, all its
# captions, its full-text entry, its signature and postings) and that a
# second import completes the job.
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
	# Each query counts articles that are not as in the reference.
	sqlite3 "$db" >"$tmp/bad" 2>&1 <<SQL
ATTACH '$ref' AS r;
CREATE TEMP VIEW pair AS SELECT a.id AS id, b.id AS rid, a.body AS body,
  b.body AS rbody, a.content_hash AS h, b.content_hash AS rh
  FROM main.articles a LEFT JOIN r.articles b ON b.origin = a.origin;
SELECT 'unknown articles: ' || count(*) FROM pair WHERE rid IS NULL;
SELECT 'other text: ' || count(*) FROM pair WHERE rid IS NOT NULL
  AND (body IS NOT rbody OR h IS NOT rh);
SELECT 'captions missing: ' || count(*) FROM pair p WHERE
  (SELECT count(*) FROM main.captions WHERE article_id = p.id) <>
  (SELECT count(*) FROM r.captions WHERE article_id = p.rid);
SELECT 'no full-text entry: ' || count(*) FROM pair p WHERE NOT EXISTS
  (SELECT 1 FROM main.article_fts_docsize d, r.article_fts_docsize e
   WHERE d.id = p.id AND e.id = p.rid AND d.sz = e.sz);
SELECT 'no signature: ' || count(*) FROM pair p WHERE NOT EXISTS
  (SELECT 1 FROM main.sim_sig s, r.sim_sig t
   WHERE s.article_id = p.id AND t.article_id = p.rid AND s.sig = t.sig
   AND s.keys = t.keys);
-- sim_post is keyed by posting key: count per article in one pass.
CREATE TEMP TABLE np AS SELECT article_id AS id, count(*) AS n
  FROM main.sim_post GROUP BY article_id;
CREATE TEMP TABLE rnp AS SELECT article_id AS id, count(*) AS n
  FROM r.sim_post GROUP BY article_id;
SELECT 'postings missing: ' || count(*) FROM pair p
  LEFT JOIN np ON np.id = p.id LEFT JOIN rnp ON rnp.id = p.rid
  WHERE np.n IS NOT rnp.n;
SELECT 'signature count off: ' || ((SELECT value FROM main.sim_meta
  WHERE name = 'ndocs') - (SELECT count(*) FROM main.sim_sig));
SQL
	[ $? -eq 0 ] || fail "cannot compare with the reference: $(head -3 "$tmp/bad")"
	grep -v ': 0$' "$tmp/bad" >"$tmp/bad2" && fail "$db: $(tr '\n' ';' <"$tmp/bad2")"
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
	if [ ! -f "$db" ]; then
		echo "kill $k at $delay ms: $what before the cache existed"
	else
		n=$(sqlite3 "$db" "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
		echo "kill $k at $delay ms: $what with $n articles committed"
		check_cache "$db"
	fi
	"$LEDE" --db "$db" import "$corpus" >"$tmp/out" 2>&1 ||
		fail "re-import after kill $k failed: $(tail -3 "$tmp/out")"
	n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	[ "$n" -eq "$total" ] || fail "after re-import $k: $n articles, want $total"
	check_cache "$db"
	rm -f "$db" "$db-wal" "$db-shm"
done
finish
