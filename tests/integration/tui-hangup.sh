#!/bin/sh
# When its terminal goes away the reader exits instead of spinning on
# reads that fail at once: at the list when it gets no SIGHUP (run
# outside the terminal's session, with setsid), and with the search
# prompt open when it does.  Ended by a signal, it gives the terminal
# back and then dies of that signal, as a shell or script expects.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 || fail "import"

# hangup WHAT: kill the tmux server (the terminal) and wait for the
# lede whose pid is in $tmp/pid to exit; report its CPU time if not.
hangup() {
	pid=$(cat "$tmp/pid")
	$T kill-server
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		fail "$1: lede still runs 5 s after its terminal went: $(ps -o stat=,time= -p "$pid")"
		kill "$pid"
	else
		echo "$1: lede exited $((i * 100)) ms after the terminal went"
	fi
}

# The search prompt open, and the usual SIGHUP.
$T new-session -d -x 80 -y 24 "sh -c 'echo \$\$ >$tmp/pid; exec $LEDE --db $db --config /dev/null read'; sleep 30"
wait_for 'articles,'
keys /
wait_for 'Search:'
hangup "search prompt"

# signalled SIG STATUS KEYS...: start the reader (with the search
# prompt open when KEYS say so), send it SIG, and expect the shell to
# see STATUS (128 + the signal's number) on a screen given back.
signalled() {
	sig=$1 status=$2
	shift 2
	new_server
	$T new-session -d -x 80 -y 24 "sh -c 'echo \$\$ >$tmp/pid; exec $LEDE --db $db --config /dev/null read'; echo LEDE-EXITED-\$?; sleep 30"
	wait_for 'articles,'
	if [ $# -gt 0 ]; then
		keys "$@"
		wait_for 'Search:'
	fi
	# To the reader alone: C-c would reach the shell around it too,
	# which, seeing its child die of SIGINT, rightly ends as well.
	kill -"$sig" "$(cat "$tmp/pid")"
	wait_for "LEDE-EXITED-$status"
	grep -q 'Search:' "$tmp/screen" && fail "SIG$sig: the reader's screen was left behind"
}
signalled TERM 143
signalled TERM 143 /
signalled HUP 129
signalled INT 130
signalled INT 130 /

# Outside the terminal's session: no SIGHUP, only failing reads.
if command -v setsid >/dev/null; then
	new_server
	$T new-session -d -x 80 -y 24 "setsid sh -c 'echo \$\$ >$tmp/pid; exec $LEDE --db $db --config /dev/null read'; sleep 30"
	wait_for 'articles,'
	hangup "no SIGHUP"
else
	echo "no setsid: the case without SIGHUP is not checked"
fi
finish
