#!/bin/sh
# The hostile fixture set (tests/fixtures/hostile/) in the reader.  For
# each article that imports, at 160x48 and after a resize to 80x24: every
# pane border stands whole, the vertical rule straight, the pane title
# and window name unchanged, no clipboard buffer appears, and the bytes
# lede writes (tmux pipe-pane, from its first byte) hold no sequence,
# control or invisible character taken from the text.
. "${top_srcdir:?}/tests/integration/tui-common.sh"
command -v jq >/dev/null 2>&1 || { echo "no jq: skipped"; exit 77; }

db="$tmp/h.db"
"$LEDE" --db "$db" import "$top_srcdir/tests/fixtures/hostile" >/dev/null 2>&1
st=$?
[ "$st" -eq 3 ] || fail "importing the hostile set exited $st, want 3 (nul-byte.txt refused)"
"$LEDE" --db "$db" list --json >"$tmp/list.json" || fail "lede list --json"
[ "$(jq length "$tmp/list.json")" -eq 12 ] || fail "$(jq length "$tmp/list.json") articles imported, want 12"

# scene COLS LINES ARGS...: like start, but lede waits until the pane is
# piped and tmux would honour titles, window names and clipboard writes,
# so that a sequence slipping through would show.
scene() {
	cols=$1 lines=$2
	shift 2
	new_server
	rm -f "$tmp/go" "$tmp/raw"
	$T new-session -d -x "$cols" -y "$lines" -n before \
		"while [ ! -f '$tmp/go' ]; do sleep 0.1; done; $LEDE $*; echo LEDE-EXITED-\$?; sleep 30"
	$T set-option -g allow-rename on
	$T set-option -g set-titles on
	$T set-option -s set-clipboard on
	$T select-pane -T before
	$T pipe-pane -o "cat >>'$tmp/raw'"
	: >"$tmp/go"
}

# check_frame COLS TITLE...: each pane title stands in exactly one
# border, and from the title to the vertical rule or to the right edge
# that border is nothing but '─'; one that ends at the edge fills it.
check_frame() {
	cols=$1
	shift
	# The panes are drawn one after another: under the sanitizers a
	# capture can come between two of them.  Wait for every title
	# first (wait_for captures the screen anew).
	for title in "$@"; do
		wait_for "─ $title ─" || return
	done
	for title in "$@"; do
		n=$(grep -c -- "─ $title ─" "$tmp/screen")
		if [ "$n" -ne 1 ]; then
			fail "$n borders titled '$title' at $cols columns"
			continue
		fi
		line=$(grep -- "─ $title ─" "$tmp/screen")
		rest=${line#*"─ $title "}
		run=${rest%%│*}
		[ -n "$run" ] && [ -z "$(printf '%s' "$run" | sed 's/─//g')" ] ||
			fail "the border of '$title' is broken at $cols columns: $line"
		[ "$run" != "$rest" ] ||
			[ "$(printf '%s\n' "$line" | wc -L)" -eq "$cols" ] ||
			fail "the border of '$title' stops short of column $cols"
	done
}

# check_raw NAME: nothing from the text reached the terminal.
check_raw() {
	[ -s "$tmp/raw" ] || { fail "$1: pipe-pane captured nothing"; return; }
	for bad in pwned ZXZp evil.example 'passwd' ']0;' ']2;' ']8;' ']52;' \
		'[8;100;300t' '[21t' '[6n' '[5i' '[999;999H' '[1;3r' '[38;2;255' \
		"$(printf '\033P')" "$(printf '\033_')" "$(printf '\033^')" \
		"$(printf '\033X')" "$(printf '\033k')" "$(printf '\033c')" \
		"$(printf '\033#8')"; do
		LC_ALL=C grep -qF -- "$bad" "$tmp/raw" &&
			fail "$1: lede wrote '$bad' to the terminal"
	done
	LC_ALL=C grep -q "$(printf '[\007\013\014\032\037\177]')" "$tmp/raw" &&
		fail "$1: a C0 control or DEL from the text reached the terminal"
	LC_ALL=C grep -q "$C1_RE" "$tmp/raw" &&
		fail "$1: a C1 control reached the terminal"
	# The bidi controls, and zero-width and other invisible format
	# characters, which the reader removes too; but ZWNJ (U+200C),
	# which is spelling in Persian and Indic scripts.
	LC_ALL=C grep -q "$BIDI_RE\|$(printf '\342\200[\213\215-\217]\|\342\201[\240-\244]\|\302\255\|\341\240\216')" "$tmp/raw" &&
		fail "$1: a bidi, zero-width or other format character reached the terminal"
	return 0
}

for name in $(jq -r '.[].origin' "$tmp/list.json" | sed 's|.*/||' | sort); do
	id=$(jq -r ".[] | select(.origin | endswith(\"/$name\")) | .id" "$tmp/list.json")
	marker=$(grep -ao 'Marker hostile_[a-z0-9_]*' \
		"$top_srcdir/tests/fixtures/hostile/$name" | sed 's/Marker //')
	scene 160 48 --db "$db" read "$id"
	wait_for "$marker" || continue
	check_borders 160
	check_frame 160 Articles Article Related Captions
	# Read on to the end of the article: the long line and the
	# combining marks are drawn too.
	keys Tab
	keys G
	sleep 0.3
	screen
	check_borders 160
	check_frame 160 Articles Article Related Captions
	$T resize-window -x 80 -y 24
	sleep 0.5
	wait_for 'Articles' || continue
	check_borders 80
	check_frame 80 Articles Article Related
	[ "$($T display-message -p '#{pane_title}')" = before ] ||
		fail "$name: the pane title changed to '$($T display-message -p '#{pane_title}')'"
	[ "$($T display-message -p '#{window_name}')" = before ] ||
		fail "$name: the window name changed to '$($T display-message -p '#{window_name}')'"
	[ -z "$($T list-buffers)" ] || fail "$name: a clipboard write reached tmux"
	keys q
	wait_for 'LEDE-EXITED-0'
	$T pipe-pane
	LC_ALL=C grep -qF "$marker" "$tmp/raw" ||
		fail "$name: the article text is not in what pipe-pane captured"
	check_raw "$name"
done
finish
