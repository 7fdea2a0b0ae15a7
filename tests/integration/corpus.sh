# Sourced by tests that need many articles: gen_corpus DIR N [REPEAT]
# writes N distinct articles made from our fixtures (DIR/NNN/NNNNNN.txt,
# 1,000 to a directory), in one awk process so that 10,000 take a
# fraction of a second.  The first line names the copy, which makes each
# one distinct.  REPEAT (default 1) writes the fixture's text that many
# times, for articles the size of real ones (the fixtures are about
# 500 bytes, real news 4 KB).
gen_corpus() {
	awk -v dir="$1" -v n="$2" -v rep="${3:-1}" '
	FNR == 1 { nf++; name[nf] = FILENAME; sub(".*/", "", name[nf]) }
	{ text[nf] = text[nf] $0 "\n" }
	END {
		for (i = 1; i <= n; i++) {
			k = (i - 1) % nf + 1
			d = sprintf("%s/%03d", dir, int((i - 1) / 1000))
			if (d != lastd) {
				if (system("mkdir -p \"" d "\"") != 0)
					exit 1
				lastd = d
			}
			f = sprintf("%s/%06d.txt", d, i)
			printf "Copy %d of %s.\n%s", i, name[k], text[k] > f
			for (r = 1; r < rep; r++)
				printf "\n%s", text[k] > f
			close(f)
		}
	}' "$top_srcdir"/tests/fixtures/articles/*.txt
}

# now_ms: a clock in milliseconds for the figures these tests print (%N
# is GNU date; elsewhere whole seconds, coarse but still right).
now_ms() {
	d=$(date +%s%N)
	case $d in
	*N) echo $(($(date +%s) * 1000)) ;;
	*) echo $((d / 1000000)) ;;
	esac
}

# compare_with_ref DB REF: every article of DB is whole and as in REF (a
# cache of the same files, imported without trouble), compared by origin:
# same text, all its captions, its full-text entry, its signature and
# all its postings; and the signature count is right.  Reads the plain
# tables only (the FTS5 table needs lede's tokenizer).  Calls fail.
compare_with_ref() {
	# Each query counts articles that are not as in the reference.
	sqlite3 "$1" >"$tmp/bad" 2>&1 <<SQL
ATTACH '$2' AS r;
CREATE TEMP VIEW pair AS SELECT a.id AS id, b.id AS rid, a.body AS body,
  b.body AS rbody, a.content_hash AS h, b.content_hash AS rh,
  a.fts_key AS k, b.fts_key AS rk
  FROM main.articles a LEFT JOIN r.articles b ON b.origin = a.origin;
SELECT 'unknown articles: ' || count(*) FROM pair WHERE rid IS NULL;
SELECT 'other text: ' || count(*) FROM pair WHERE rid IS NOT NULL
  AND (body IS NOT rbody OR h IS NOT rh);
SELECT 'captions missing: ' || count(*) FROM pair p WHERE
  (SELECT count(*) FROM main.captions WHERE article_id = p.id) <>
  (SELECT count(*) FROM r.captions WHERE article_id = p.rid);
SELECT 'no full-text entry: ' || count(*) FROM pair p WHERE NOT EXISTS
  (SELECT 1 FROM main.article_fts_docsize d, r.article_fts_docsize e
   WHERE d.id = p.k AND e.id = p.rk AND d.sz = e.sz);
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
	grep -v ': 0$' "$tmp/bad" >"$tmp/bad2" && fail "$1: $(tr '\n' ';' <"$tmp/bad2")"
}
