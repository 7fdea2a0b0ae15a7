#!/bin/sh
# A cache that its user may read but not write (another user's, shared):
# the commands that read it work, those that write say that it is
# read-only and change nothing, check says what it could not compare,
# and the reader opens it, says that marks are not kept, and keeps none.
# A cache in a directory the user may not write is explained as that.
# Run as root, the user who may not write is nobody (root writes any
# file); otherwise the files lose their write permission.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

command -v jq >/dev/null || { echo "jq missing: skipped"; exit 77; }
chmod 755 "$tmp"
mkdir -m 777 "$tmp/ro" "$tmp/rodir"
db="$tmp/ro/cache.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 ||
	fail "import"
cp "$db" "$tmp/rodir/cache.db"
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || { echo "no setpriv: skipped"; exit 77; }
	other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	$other "$LEDE" --version >/dev/null 2>&1 ||
		{ echo "nobody cannot run $LEDE: skipped"; exit 77; }
	chmod 644 "$db"
	chmod 755 "$tmp/rodir"
	chmod 666 "$tmp/rodir/cache.db"
else
	other=
	chmod 444 "$db"
	chmod 555 "$tmp/rodir"
fi
n=$("$LEDE" --db "$db" list | wc -l)
[ "$n" -gt 2 ] || fail "the fixtures gave $n articles"

# Reading works.
expect_status 0 $other "$LEDE" --db "$db" list
[ "$(wc -l <"$tmp/out")" -eq "$n" ] || fail "list of the read-only cache: $(cat "$tmp/out")"
expect_status 0 $other "$LEDE" --db "$db" search harbour
# Writing is refused as read-only, and the cache stays as it was.
mkdir "$tmp/more"
printf 'A new headline\n\nA body of one sentence about the harbour.\n' >"$tmp/more/new.txt"
chmod -R a+rX "$tmp/more"
expect_status 1 $other "$LEDE" --db "$db" import "$tmp/more"
expect_grep 'cache.db: cannot write the cache: the cache is read-only' "$tmp/err"
expect_status 1 $other "$LEDE" --db "$db" reindex
expect_grep 'cache.db: cannot write the cache: the cache is read-only' "$tmp/err"
expect_status 1 $other "$LEDE" --db "$db" mark --all
expect_grep 'cache.db: cannot write the cache: the cache is read-only' "$tmp/err"
[ "$("$LEDE" --db "$db" list | wc -l)" -eq "$n" ] || fail "the read-only cache changed"
# check does what it can, and says what it could not.
expect_status 0 $other "$LEDE" --db "$db" check
expect_grep '^ok$' "$tmp/out"
expect_grep 'read-only, so its search index was not compared' "$tmp/err"

# The reader: marks are not kept, and it says so at the start and at m.
own=$LEDE
LEDE="$other $LEDE"
start 100 30 --db "$db" --config /dev/null read
LEDE=$own
wait_for 'the cache is read-only: read marks and stars are not kept'
keys j
sleep 0.3
keys j
wait_gone 'read marks and stars are not kept'
keys m
wait_for 'the cache is read-only: read marks and stars are not kept'
keys q
wait_for 'LEDE-EXITED-0'
[ "$("$LEDE" --db "$db" list is:read | wc -l)" -eq 0 ] ||
	fail "the reader marked articles read in a read-only cache"

# A cache of an older schema that this lede would upgrade: the upgrade
# is a write, so it is refused with the way out.
cp "$db" "$tmp/ro/old.db"
chmod 644 "$tmp/ro/old.db"
sqlite3 "$tmp/ro/old.db" 'PRAGMA user_version = 13' || fail "make an old cache"
chmod a-w "$tmp/ro/old.db"
expect_status 1 $other "$LEDE" --db "$tmp/ro/old.db" list
expect_grep 'old.db: the cache is read-only, and this lede must upgrade it (schema 13 to ' "$tmp/err"

# A directory that is not writable: SQLite cannot keep its log beside
# the cache, which is said instead of "is it a lede cache?".
expect_status 1 $other "$LEDE" --db "$tmp/rodir/cache.db" list
expect_grep 'cannot read the cache: its directory is read-only' "$tmp/err"
expect_no_grep 'is it a lede cache' "$tmp/err"
finish
