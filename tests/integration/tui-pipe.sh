#!/bin/sh
# | pipes the article to a command: the pager by default, at once and
# back to the reader; another command's output stays until a key; the
# reader survives Ctrl-C and failures of the command.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 || fail "import"
id=$("$LEDE" --db "$db" list --json | jq -r '.[0].id')
"$LEDE" --db "$db" show "$id" >"$tmp/shown" || fail "show"

# The pager ($PAGER) is offered first, and runs with no key after it.
START_ENV="PAGER='cat >$tmp/paged'" start 80 24 --db "$db" --config /dev/null read "$id"
wait_for 'articles,'
keys '|'
wait_for "Pipe the article to: cat >$tmp/paged"
keys Enter
wait_for 'articles,'
cmp -s "$tmp/shown" "$tmp/paged" || fail "the pager did not get what lede show prints"
screen
grep -q 'Press any key' "$tmp/screen" && fail "the pager was followed by a wait"

# Another command: its output stays with its status until a key.
keys '|' C-u "wc -l; echo piped >$tmp/other; exit 3" Enter
wait_for 'exited with status 3'
wait_for 'Press any key'
grep -q "^ *$(wc -l <"$tmp/shown")\$" "$tmp/screen" || fail "wc's count is not on the screen"
keys x
wait_for 'articles,'
[ -s "$tmp/other" ] || fail "the command did not run"
# The prompt offers the last command again; Escape runs nothing.
keys '|'
wait_for 'Pipe the article to: wc -l'
keys Escape
wait_for 'articles,'
# Ctrl-C belongs to the command: the reader goes on.
keys '|' C-u 'sleep 30' Enter
sleep 0.5
keys C-c
wait_for 'ended by signal 2'
keys x
wait_for 'articles,'
keys q
wait_for 'LEDE-EXITED-0'
finish
