# Sourced by the tui-*.sh tests: a private tmux server running lede, and
# helpers to wait for and check what it shows.  Skips without tmux.
. "${top_srcdir:?}/tests/integration/common.sh"

TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
[ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] || { echo "no tmux: skipped"; exit 77; }
scene=0
T="$TMUX_BIN -L lede$$-0 -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' 0 1 2 15
export TERM=tmux-256color LC_ALL=C.UTF-8
infocmp tmux-256color >/dev/null 2>&1 || export TERM=screen

# start COLS LINES ARGS...: run lede in a new session (with START_ENV's
# variables); after it exits the shell says so, which proves the
# terminal was given back.
start() {
	cols=$1 lines=$2
	shift 2
	new_server
	$T new-session -d -x "$cols" -y "$lines" \
		"env ${START_ENV:-} $LEDE $*; echo LEDE-EXITED-\$?; sleep 30"
}

# new_server: a tmux server of its own for the next scene: kill-server
# returns before the old server is gone, and a new session could land
# on the dying one.
new_server() {
	$T kill-server 2>/dev/null
	scene=$((scene + 1))
	T="$TMUX_BIN -L lede$$-$scene -f /dev/null"
}

# title: the selected article's title, the first line of the article
# pane in the wide layout (the second of the screen).
title() {
	screen
	sed -n 2p "$tmp/screen" | sed 's/^[^│]*│//'
}

# settled_title: the title once the body has stopped changing (the same
# for half a second): after a new filter the list goes back to its top,
# and the body follows after the preview delay.
settled_title() {
	last=$(title)
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		sleep 0.5
		now=$(title)
		[ "$now" = "$last" ] && break
		last=$now
		i=$((i + 5))
	done
	printf '%s\n' "$last"
}

screen() {
	$T capture-pane -p >"$tmp/screen"
}

# wait_for PATTERN: until the screen shows it (WAIT_TENTHS tenths of a
# second at most, 10 s unless the test says otherwise).
WAIT_TENTHS=${WAIT_TENTHS:-100}
wait_for() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen
		grep -q -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen never showed '$1':"
	cat "$tmp/screen" >&2
	return 1
}

# wait_gone PATTERN: until the screen no longer shows it.
wait_gone() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen
		grep -q -- "$1" "$tmp/screen" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen still shows '$1'"
	return 1
}

keys() {
	$T send-keys "$@"
}

# Every line of the screen fits the terminal, and the vertical rule of
# the wide layout stands in one display column on every row that has it
# (a pane drawing past its border would push or erase it).  wc -L counts
# display cells, so CJK and emoji count double.
check_borders() {
	cols=$1
	w=$(wc -L <"$tmp/screen")
	[ "$w" -le "$cols" ] || fail "the screen is $w cells wide, more than $cols"
	n=$(wc -l <"$tmp/screen")
	head -n $((n - 1)) "$tmp/screen" | while IFS= read -r line; do
		case $line in
		*│*) printf '%s\n' "${line%%│*}" | wc -L ;;
		esac
	done | sort -u >"$tmp/rule"
	[ "$(wc -l <"$tmp/rule")" -le 1 ] ||
		fail "the vertical rule is not straight (columns $(tr '\n' ' ' <"$tmp/rule"))"
}
