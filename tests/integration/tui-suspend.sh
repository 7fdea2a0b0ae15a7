#!/bin/sh
# Suspended with Ctrl-Z, the terminal resized, and brought back with fg:
# the reader lays itself out at the new size at once, whatever was open
# (the list, the search prompt, the help, the question of A), not at the
# next key.  Needs bash for job control.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

command -v bash >/dev/null || { echo "no bash: skipped"; exit 77; }
db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 || fail "import"

# suspend WHAT SHOWN KEYS...: open the reader from an interactive shell,
# press KEYS and wait for SHOWN, suspend, resize 80x24 to 120x30, fg;
# then the last row of the screen (row 30) must show SHOWN.
suspend() {
	what=$1 shown=$2
	shift 2
	new_server
	$T new-session -d -x 80 -y 24 "env -u TMUX PS1='$ ' bash --norc --noprofile -i"
	keys "$LEDE --db $db --config /dev/null read" Enter
	wait_for 'articles,'
	if [ $# -gt 0 ]; then
		keys "$@"
		wait_for "$shown"
	fi
	keys C-z
	wait_for 'Stopped'
	$T resize-window -x 120 -y 30
	keys fg Enter
	# Within 2 s: long before the refresh interval would run out
	# (the test sets none, so 1 s) and no key is sent.
	i=0
	while [ $i -lt 20 ]; do
		screen
		[ "$(sed -n 30p "$tmp/screen" | grep -c -- "$shown")" -eq 1 ] &&
			[ "$(wc -L <"$tmp/screen")" -eq 120 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	[ $i -lt 20 ] || { fail "$what: not laid out at 120x30 after fg:"; cat "$tmp/screen" >&2; }
	check_borders 120
}

# leave: quit the reader and wait for the shell's prompt, so that the
# next scene's new terminal does not take this one away from a reader
# still running (under LeakSanitizer, an exit at a hangup could hang).
leave() {
	keys q
	wait_for '^\$$'
}

suspend "the list" 'articles,'
leave
suspend "the search prompt" 'Search:' /
keys Escape
leave
suspend "the help" 'any key' '?'
keys Escape
leave
suspend "the question of A" '(y/n)' A
keys n
wait_for 'nothing marked'
leave
"$LEDE" --db "$db" list --count unread | grep -qx '[1-9][0-9]*' ||
	fail "n after fg marked the list read"
finish
