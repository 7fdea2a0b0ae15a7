#!/bin/sh
# The hostile set (tests/fixtures/hostile/) through the command line:
# each file is imported or refused with an error naming it (and the line
# where one applies); plain list, show and related output holds no ESC,
# C0 (but newline and the layout's own spaces), DEL, C1 or bidi control
# taken from the text or from a file name, while --json keeps such bytes
# only as escapes and stays valid per jq.
. "${top_srcdir:?}/tests/integration/common.sh"
command -v jq >/dev/null 2>&1 || { echo "no jq: skipped"; exit 77; }

hd="$top_srcdir/tests/fixtures/hostile"
db="$tmp/h.db"
mkdir "$tmp/in"
cp "$hd"/*.txt "$tmp/in/"
chmod u+w "$tmp/in"/*
# File names are untrusted text too: one imports, one is refused.
esc=$(printf '\033')
evil="$tmp/in/evil${esc}]0;pwned-name$(printf '\007\302\233\342\200\256')x.txt"
printf 'date 2024-05-15 A hostile file name holds escapes on Wednesday.\n' >"$evil"
evilnul="$tmp/in/evil${esc}[31mnul.txt"
printf 'Text\000more\n' >"$evilnul"

# no_controls FILE WHAT: FILE has no C0 but newline, no DEL, no C1 (as
# UTF-8 or as raw bytes alone in a line) and no bidi control.
no_controls() {
	LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
		fail "$2: a C0 control or DEL: $(LC_ALL=C grep -n "$(printf '[\001-\011\013-\037\177]')" "$1" | head -c 300 | od -c | head -5)"
	LC_ALL=C grep -q "$C1_RE" "$1" && fail "$2: a C1 control"
	LC_ALL=C grep -q "$BIDI_RE" "$1" && fail "$2: a bidi control"
	return 0
}

# valid_json FILE WHAT: jq reads it, and no control byte is left raw.
valid_json() {
	jq -e . "$1" >/dev/null 2>&1 || fail "$2: not valid JSON"
	no_controls "$1" "$2 (raw JSON)"
}

expect_status 3 "$LEDE" --db "$db" import "$tmp/in"
cp "$tmp/err" "$tmp/import.err"
expect_grep '^Imported: 13, updated: 0, unchanged: 0, failed: 2$' "$tmp/out"
expect_grep "in/nul-byte.txt:3: binary file (NUL byte at offset 88)" "$tmp/import.err"
expect_grep "in/invalid-utf8.txt:3: invalid UTF-8" "$tmp/import.err"
expect_grep "in/invalid-utf8.txt:5: invalid UTF-8" "$tmp/import.err"
expect_grep "in/overlong-surrogate.txt:3: invalid UTF-8" "$tmp/import.err"
expect_grep "in/overlong-surrogate.txt:5: invalid UTF-8" "$tmp/import.err"
expect_grep "in/c1-raw-bytes.txt:1: invalid UTF-8" "$tmp/import.err"
# The refused file's name is shown, its controls made visible as '?'.
expect_grep 'in/evil?\[31mnul.txt:1: binary file' "$tmp/import.err"
no_controls "$tmp/import.err" "import messages"

"$LEDE" --db "$db" list >"$tmp/list" || fail "lede list"
[ "$(wc -l <"$tmp/list")" -eq 13 ] || fail "lede list: $(wc -l <"$tmp/list") rows, want 13"
no_controls "$tmp/list" "lede list"
"$LEDE" --db "$db" list --json >"$tmp/list.json" || fail "lede list --json"
valid_json "$tmp/list.json" "lede list --json"
# The escapes stand for the exact name: nothing was dropped on the way.
jq -r '.[].origin' "$tmp/list.json" | grep -qxF "$evil" ||
	fail "lede list --json: the hostile file name does not round-trip"

for id in $(jq -r '.[].id' "$tmp/list.json"); do
	"$LEDE" --db "$db" show "$id" >"$tmp/show" || fail "lede show $id"
	no_controls "$tmp/show" "lede show $id"
	"$LEDE" --db "$db" show --json "$id" >"$tmp/show.json" ||
		fail "lede show --json $id"
	valid_json "$tmp/show.json" "lede show --json $id"
	"$LEDE" --db "$db" related "$id" >"$tmp/rel" || fail "lede related $id"
	no_controls "$tmp/rel" "lede related $id"
	"$LEDE" --db "$db" related --json "$id" >"$tmp/rel.json" ||
		fail "lede related --json $id"
	valid_json "$tmp/rel.json" "lede related --json $id"
done

# The commands that print evidence and clusters: names and quotations
# come from the text too.
first=$(jq -r '.[0].id' "$tmp/list.json")
for id in $(jq -r '.[].id' "$tmp/list.json"); do
	"$LEDE" --db "$db" similarity "$first" "$id" >"$tmp/sim" ||
		fail "lede similarity $first $id"
	no_controls "$tmp/sim" "lede similarity $first $id"
	"$LEDE" --db "$db" similarity --json "$first" "$id" >"$tmp/sim.json" ||
		fail "lede similarity --json $first $id"
	valid_json "$tmp/sim.json" "lede similarity --json $first $id"
done
"$LEDE" --db "$db" dupes >"$tmp/dupes" || fail "lede dupes"
no_controls "$tmp/dupes" "lede dupes"
"$LEDE" --db "$db" dupes --json >"$tmp/dupes.json" || fail "lede dupes --json"
valid_json "$tmp/dupes.json" "lede dupes --json"

# What the sequences wrapped is still there, as plain text.
"$LEDE" --db "$db" show "$(id_of "$db" osc8-hyperlink.txt)" >"$tmp/show"
expect_grep 'hostile_osc8 read the budget here and the annex as links' "$tmp/show"
expect_no_grep 'evil.example' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" osc-title-clipboard.txt)" >"$tmp/show"
expect_grep 'hostile_osc_title keeps the title and the clipboard' "$tmp/show"
expect_no_grep 'pwned' "$tmp/show"
expect_no_grep 'ZXZpbA' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" csi-dcs-apc.txt)" >"$tmp/show"
expect_no_grep 'pwned' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" c1-controls.txt)" >"$tmp/show"
expect_no_grep 'pwned' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" bidi.txt)" >"$tmp/show"
expect_grep 'invoice amount 100000.01' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" zero-width.txt)" >"$tmp/show"
expect_grep 'paypal spoofed' "$tmp/show"
"$LEDE" --db "$db" show "$(id_of "$db" long-line.txt)" >"$tmp/show"
[ "$(wc -c <"$tmp/show")" -gt 1048000 ] || fail "the 1 MB line was cut"

# SEARCH: when `lede search` exists (the search/filter language, src/query.c),
# its plain and JSON output get the same checks as list.
if "$LEDE" --help 2>&1 | grep -q '^ *search'; then
	"$LEDE" --db "$db" search hostile >"$tmp/search" || fail "lede search"
	[ -s "$tmp/search" ] || fail "lede search found nothing"
	no_controls "$tmp/search" "lede search"
	"$LEDE" --db "$db" search --json hostile >"$tmp/search.json" ||
		fail "lede search --json"
	valid_json "$tmp/search.json" "lede search --json"
fi

# Arguments are quoted in usage errors: a pasted escape sequence comes
# back as "?", not as a command to the terminal.
esc=$(printf '\033[2J')
expect_status 2 "$LEDE" --db "$db" show "$esc"
no_controls "$tmp/err" "lede show ESC"
expect_status 2 "$LEDE" "${esc}cmd"
no_controls "$tmp/err" "lede ESC-command"
expect_grep "unknown command '?\[2Jcmd'" "$tmp/err"
expect_status 2 "$LEDE" --db "$db" list "--$esc"
no_controls "$tmp/err" "lede list --ESC"
finish
