#!/bin/sh
# An import that fills the disk stops with an error that names the cache
# and says the disk is full, exits non-zero, and leaves the cache intact:
# lede check ok, the batches committed before all there and whole, no
# part of the batch that failed.  The cache lives on a 2 MB tmpfs, so the
# test needs the right to mount one (root); it skips otherwise.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

command -v sqlite3 >/dev/null || { echo "sqlite3 missing: skipped"; exit 77; }
mnt="$tmp/mnt"
mkdir -p "$mnt"
mount -t tmpfs -o size=2m,mode=0700 lede-test "$mnt" 2>/dev/null ||
	{ echo "cannot mount a tmpfs (not root?): skipped"; exit 77; }
trap 'umount "$mnt" 2>/dev/null; rm -rf "$tmp"' 0 1 2 15

gen_corpus "$tmp/corpus" 1500 || exit 99
"$LEDE" --db "$tmp/ref.db" import "$tmp/corpus" >/dev/null 2>&1 || fail "reference import"
db="$mnt/cache.db"
"$LEDE" --db "$db" import "$tmp/corpus" >"$tmp/out" 2>"$tmp/err"
rc=$?
echo "import onto 2 MB: exit $rc: $(cat "$tmp/out") / $(cat "$tmp/err")"
[ $rc -ne 0 ] || fail "the import filled no disk (exit 0): the test needs more articles"
[ $rc -ne 3 ] || fail "a full disk is not a failed file: exit 3"
expect_grep "$db: .*the disk is full" "$tmp/err" "no message naming the cache and a full disk: $(cat "$tmp/err")"
# Batches committed before the disk filled are there, and only they.
done_n=$(sed -n 's/^Imported: \([0-9]*\),.*/\1/p' "$tmp/out")
n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
echo "committed before the disk filled: $n articles (reported $done_n)"
[ "$n" = "$done_n" ] || fail "$n articles in the cache, the import reported $done_n"
[ "$n" -gt 0 ] || fail "nothing was committed before the disk filled: no test of what was"
r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
[ "$r" = ok ] || fail "integrity_check: $(echo "$r" | head -3)"
"$LEDE" --db "$db" check >"$tmp/check" 2>&1 || fail "lede check: $(cat "$tmp/check")"
compare_with_ref "$db" "$tmp/ref.db"
# Trying again on the full disk fails the same way and harms nothing.
expect_status 1 "$LEDE" --db "$db" import "$tmp/corpus"
expect_grep "the disk is full" "$tmp/err"
n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
[ "$n" = "$done_n" ] || fail "after a second try: $n articles, want $done_n"
"$LEDE" --db "$db" check >"$tmp/check" 2>&1 || fail "lede check after a second try: $(cat "$tmp/check")"
finish
