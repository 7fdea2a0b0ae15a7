#!/bin/sh
# The command line as a script sees it: help, version, usage errors and
# their exit codes, missing and corrupt caches, write errors.
. "${top_srcdir:?}/tests/integration/common.sh"

expect_status 0 "$LEDE" --help
expect_grep 'Usage: lede' "$tmp/out"
for cmd in import list show stats; do
	expect_grep "^  $cmd " "$tmp/out" "--help lacks $cmd"
done
expect_status 0 "$LEDE" --version
expect_grep '^lede [0-9]' "$tmp/out"

# Usage errors: exit 2 with a hint.
# No command opens the reader, which needs a terminal.
expect_status 1 "$LEDE" </dev/null
expect_grep 'needs a terminal' "$tmp/err"
expect_status 2 "$LEDE" read x
expect_status 2 "$LEDE" read 1 2
expect_status 2 "$LEDE" --frobnicate
expect_grep "^lede: unknown option '--frobnicate'$" "$tmp/err"
expect_grep "Try 'lede --help'" "$tmp/err"
expect_status 2 "$LEDE" list --bogus
expect_grep "^lede: list: unknown option '--bogus'$" "$tmp/err"
[ "$(wc -l <"$tmp/err")" -eq 2 ] || fail "bad option reported twice: $(cat "$tmp/err")"
expect_status 2 "$LEDE" list --limit
expect_grep "option '--limit' needs an argument" "$tmp/err"
expect_status 2 "$LEDE" import --max-size -1 x
expect_grep "^lede: import: --max-size: not a positive number of bytes: '-1'$" "$tmp/err"
expect_status 2 "$LEDE" frobnicate
expect_grep "unknown command 'frobnicate'" "$tmp/err"
expect_status 2 "$LEDE" show
expect_status 2 "$LEDE" show abc
expect_grep "not an article ID: 'abc'" "$tmp/err"
expect_status 2 "$LEDE" list --limit 0
expect_status 2 "$LEDE" read --wide --narrow
expect_grep "read: --wide and --narrow exclude each other" "$tmp/err"
expect_status 2 "$LEDE" list --limit 99999999999999999999
expect_grep "^lede: list: --limit: too large: '99999999999999999999'$" "$tmp/err"
expect_status 2 "$LEDE" show 0
expect_grep "not an article ID: '0'" "$tmp/err"
expect_status 2 "$LEDE" import
expect_status 2 "$LEDE" stats extra
# A global option after the command, or a value for a flag, is named
# as such, not as an unknown option.
expect_status 2 "$LEDE" list --db "$tmp/x.db"
expect_grep "list: '--db' goes before the command" "$tmp/err"
expect_status 2 "$LEDE" list --json=1
expect_grep "list: option '--json' takes no argument" "$tmp/err"
# --help after the command is the help; after "--" it is an operand.
expect_status 0 "$LEDE" list --help
expect_grep '^Usage: lede' "$tmp/out"
expect_status 2 "$LEDE" show -- -h
expect_grep "not an article ID: '-h'" "$tmp/err"
# An empty --db (an unset variable in a script) is a mistake, not the
# default cache.
expect_status 2 "$LEDE" --db "" list
expect_grep "option '--db' needs a file name" "$tmp/err"
expect_status 2 "$LEDE" --config= read
expect_grep "option '--config' needs a file name" "$tmp/err"

# Runtime errors: exit 1, naming the file.
expect_status 1 "$LEDE" --db "$tmp/none.db" list
expect_grep "$tmp/none.db: no cache here" "$tmp/err"
[ -e "$tmp/none.db" ] && fail "list created a cache"
# An empty file is no cache either, and stays empty.
: >"$tmp/empty.db"
expect_status 1 "$LEDE" --db "$tmp/empty.db" stats
expect_grep "$tmp/empty.db: no cache here" "$tmp/err"
[ -s "$tmp/empty.db" ] && fail "stats made a cache of an empty file"
printf 'not a database at all, just text; enough of it to fill a header\n' \
	>"$tmp/garbage.db"
expect_status 1 "$LEDE" --db "$tmp/garbage.db" list
expect_grep "$tmp/garbage.db" "$tmp/err"
expect_no_grep 'Segmentation\|Assertion' "$tmp/err"

# A real cache: missing IDs are errors, and a full disk is reported.
expect_status 0 "$LEDE" --db "$tmp/c.db" import "$top_srcdir/tests/fixtures/articles"
expect_status 1 "$LEDE" --db "$tmp/c.db" show 999
expect_grep 'no article with ID 999' "$tmp/err"
if [ -w /dev/full ]; then
	"$LEDE" --db "$tmp/c.db" list >/dev/full 2>"$tmp/err"
	[ $? -eq 1 ] || fail "list >/dev/full did not exit 1"
	expect_grep 'write error' "$tmp/err"
fi

# LEDE_DB names the cache; --db wins over it.
LEDE_DB="$tmp/c.db" "$LEDE" list >"$tmp/out" 2>&1 || fail "LEDE_DB ignored"
[ "$(wc -l <"$tmp/out")" -eq 5 ] || fail "LEDE_DB list: $(cat "$tmp/out")"
LEDE_DB="$tmp/c.db" "$LEDE" --db "$tmp/none.db" list >/dev/null 2>&1 &&
	fail "--db did not override LEDE_DB"

# The default cache is private: 0600 in a 0700 directory.
"$LEDE" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 ||
	fail "import into the default cache failed"
[ "$(stat -c %a "$XDG_DATA_HOME/lede")" = 700 ] || fail "cache dir not 0700"
[ "$(stat -c %a "$XDG_DATA_HOME/lede/cache.db")" = 600 ] || fail "cache not 0600"
finish
