#!/bin/sh
# When its terminal goes away the reader exits instead of spinning on
# reads that fail at once: at the list when it gets no SIGHUP (run
# outside the terminal's session, with setsid), and with the search
# prompt open when it does.
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

# Outside the terminal's session: no SIGHUP, only failing reads.
if command -v setsid >/dev/null; then
	T="$TMUX_BIN -L lede$$-hup -f /dev/null"
	$T new-session -d -x 80 -y 24 "setsid sh -c 'echo \$\$ >$tmp/pid; exec $LEDE --db $db --config /dev/null read'; sleep 30"
	wait_for 'articles,'
	hangup "no SIGHUP"
else
	echo "no setsid: the case without SIGHUP is not checked"
fi
finish
