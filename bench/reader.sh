#!/usr/bin/env bash
# reader.sh: the reader's figures on a cache: time to a first full screen,
# peak RSS, bytes written to the terminal and instructions per "j".
#
# Usage: bench/reader.sh CACHE [COLSxLINES]     (default 160x48)
# Needs tmux, hyperfine, valgrind and script(1).  Run from the build
# directory (or set LEDE).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lede=${LEDE:-./lede}
lede=$(cd "$(dirname "$lede")" && pwd)/$(basename "$lede")
db=$1
size=${2:-160x48}
cols=${size%x*} lines=${size#*x}
export LEDE_DATADIR=${LEDE_DATADIR:-$(cd "$here/../data" && pwd)}
export TERM=tmux-256color LC_ALL=C.UTF-8
work=$(mktemp -d)
T="tmux -L ledebench$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$work"' EXIT
n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')

echo "Cache: $db ($n articles, $(du -cb "$db"* | tail -1 | awk '{ printf "%.0f MB", $1 / 1e6 }')), screen ${cols}x${lines}"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $("$lede" --version)"

# 1. Start to a first full screen, in a pseudo-terminal of that size.
stty_cmd="stty cols $cols rows $lines"
hyperfine -N --warmup 5 --runs 40 --export-markdown "$work/first.md" \
	"script -qec '$stty_cmd; true' /dev/null" \
	"script -qec '$stty_cmd; LEDE_EXIT_AFTER_DRAW=1 $lede --db $db read' /dev/null" >/dev/null
echo
echo "First full screen (the difference is lede's):"
cat "$work/first.md"

# 2. Peak RSS of the same run.
script -qec "$stty_cmd; LEDE_EXIT_AFTER_DRAW=1 /usr/bin/time -o $work/rss -f %M $lede --db $db read" /dev/null >/dev/null
echo
echo "Peak RSS to the first screen: $(awk '{ printf "%.1f MB", $1 / 1024 }' "$work/rss")"

# 3. Bytes written per "j", and peak RSS after moving 200 rows.
$T new-session -d -x "$cols" -y "$lines" "$lede --db $db read"
sleep 1.5
$T pipe-pane -o "cat >>$work/raw"
sleep 0.3
: >"$work/raw"
for i in $(seq 1 100); do
	$T send-keys j
	sleep 0.02
done
sleep 0.5
bytes=$(wc -c <"$work/raw")
# One j at a time: the other panes show each article (set preview-delay).
: >"$work/raw"
for i in $(seq 1 20); do
	$T send-keys j
	sleep 0.3
done
single=$(wc -c <"$work/raw")
for i in $(seq 1 100); do
	$T send-keys j
done
sleep 1
pid=$($T display-message -p '#{pane_pid}')
hwm=$(awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status")
# j inside the article pane scrolls it by a line.
$T send-keys Tab
sleep 0.5
: >"$work/raw"
for i in $(seq 1 20); do
	$T send-keys j
	sleep 0.05
done
sleep 0.5
scroll=$(wc -c <"$work/raw")
$T send-keys q
sleep 0.3
$T kill-server 2>/dev/null || true
echo "Written to the terminal per j in the list, held (one every 20 ms): $((bytes / 100)) bytes (100 presses, tmux pipe-pane)"
echo "Written to the terminal per j in the list, one at a time (0.3 s apart, a new article each): $((single / 20)) bytes (20 presses)"
echo "Written to the terminal per j in the article pane (scrolling a line): $((scroll / 20)) bytes (20 presses)"
echo "Peak RSS after 200 presses of j: $hwm"

# 4. Instructions per "j" (callgrind: 200 presses minus none).
count() {
	local keys=$1 out=$work/cg-$1
	$T new-session -d -x "$cols" -y "$lines" \
		"valgrind --tool=callgrind --callgrind-out-file=$out $lede --db $db read 2>/dev/null"
	sleep 6
	for i in $(seq 1 "$keys"); do
		$T send-keys j
		sleep 0.05
	done
	sleep 2
	$T send-keys q
	for i in $(seq 1 100); do
		[ -s "$out" ] && break
		sleep 0.2
	done
	$T kill-server 2>/dev/null || true
	callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
base=$(count 0)
moved=$(count 200)
echo "Instructions per j: $(( (moved - base) / 200 )) (callgrind: $base with no key, $moved with 200)"
