#!/bin/sh
# The issue's scene on the reference articles: "lede read <000>" at
# 160x48 shows 000's body, its first caption (Varhelyi), 001's title in
# the related pane and 003's title in the list; at 80x24 nothing
# overflows; q exits cleanly.  Skips without ../shared/seeds.
. "${top_srcdir:?}/tests/integration/tui-common.sh"

seeds=${LEDE_SEEDS:-$top_srcdir/../shared/seeds}
[ -d "$seeds" ] || { echo "no seeds: skipped"; exit 77; }
db="$tmp/s.db"
"$LEDE" --db "$db" import "$seeds" >/dev/null 2>&1 || fail "import"
start 160 48 --db "$db" read "$(id_of "$db" 000_)"
wait_for 'Varhelyi'
wait_for 'Kremlin spokesman Dmitry Peskov told reporters'
wait_for 'The US rejection of Russia'
wait_for 'Russia denies responding to US proposal'
check_borders 160
$T resize-window -x 80 -y 24
wait_gone 'Captions'
check_borders 80
keys q
wait_for 'LEDE-EXITED-0'
finish
