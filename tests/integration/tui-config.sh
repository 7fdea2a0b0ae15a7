#!/bin/sh
# The reader's settings file: a key bound to another action works, a bad
# line is reported with its number and the rest of the file still loads,
# and --config /dev/null keeps the defaults.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/c.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 || fail "import"
cat >"$tmp/config" <<'CONF'
# a comment, then a binding that works
bind x quit
frobnicate now
bind y no-such-action
set layout narrow
unbind q
CONF
start 160 48 --db "$db" --config "$tmp/config" read
wait_for "config:3: unknown command 'frobnicate'"
grep -q '(and 1 more problem in the file: "lede check" lists them)' "$tmp/screen" ||
	fail "the second bad line is not counted, in the singular"
# lede check lists every problem of the file, and fails.
expect_status 1 "$LEDE" --db "$db" --config "$tmp/config" check
expect_grep "config:3: unknown command 'frobnicate'" "$tmp/out"
expect_grep "config:4: unknown action 'no-such-action'" "$tmp/out"
expect_grep "the settings file has problems" "$tmp/err"
expect_grep '^the cache is ok$' "$tmp/out"
expect_status 0 "$LEDE" --db "$db" --config /dev/null check
# A directory named as the settings file is no empty file of settings.
expect_status 1 "$LEDE" --db "$db" --config "$tmp" check
expect_grep "cannot read settings: Is a directory" "$tmp/out"
# "set layout narrow" applied although earlier lines were bad: the
# article list spans the whole width, no rule between columns.
grep -q '│' "$tmp/screen" && fail "set layout narrow was not applied"
# The help shows the keys as bound now: x quits, q does nothing.
keys '?'
wait_for 'lede: keys'
# The footer is drawn last: the rows above it are there.
wait_for 'any key'
grep -q '│ x  *quit  *│' "$tmp/screen" || fail "help does not show x for quit"
grep -q '│ q  *quit' "$tmp/screen" && fail "help shows the unbound q for quit"
keys '?'
sleep 0.3
# q is unbound, x quits.
keys q
sleep 0.5
screen
grep -q 'LEDE-EXITED' "$tmp/screen" && fail "q still quits after unbind q"
keys x
wait_for 'LEDE-EXITED-0'
# A file named with --config that is not there is an error, not the
# defaults in silence.
start 80 24 --db "$db" --config "$tmp/no-such-config" read
wait_for "no-such-config: cannot read settings: No such file"
wait_for 'LEDE-EXITED-1'
# --config /dev/null: the defaults (wide at 160 columns, q quits).
start 160 48 --db "$db" --config /dev/null read
wait_for 'Articles'
wait_for '│'
keys q
wait_for 'LEDE-EXITED-0'
# One article is an article, in the status line too.
mkdir "$tmp/one"
cp "$top_srcdir/tests/fixtures/articles/lighthouse.txt" "$tmp/one/"
"$LEDE" --db "$tmp/one.db" import "$tmp/one" >/dev/null 2>&1 || fail "import one"
start 100 30 --db "$tmp/one.db" --config /dev/null read
wait_for '| 1 article, 1 unread | all articles |'
keys /
wait_for 'Search:'
keys -l 'lighthouse'
keys Enter
wait_for '| 1 of 1 article, [01] unread | lighthouse |'
keys q
wait_for 'LEDE-EXITED-0'
finish
