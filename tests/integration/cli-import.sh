#!/bin/sh
# lede import on our own fixtures: what is extracted, what is refused and
# how it is reported, re-import, updates, --source, and JSON output.
. "${top_srcdir:?}/tests/integration/common.sh"

fx="$top_srcdir/tests/fixtures"
db="$tmp/c.db"
cp -r "$fx/articles" "$tmp/articles"
chmod -R u+w "$tmp/articles"

expect_status 0 "$LEDE" --db "$db" import "$tmp/articles"
expect_grep '^Imported: 5, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"
expect_status 0 "$LEDE" --db "$db" import "$tmp/articles"
expect_grep '^Imported: 0, updated: 0, unchanged: 5, failed: 0$' "$tmp/out"

# A changed file updates its article, keeping its ID.
id=$("$LEDE" --db "$db" list --json | jq -r '.[] | select(.origin | endswith("lighthouse.txt")) | .id')
sed -i 's/150 years/151 years/' "$tmp/articles/lighthouse.txt"
expect_status 0 "$LEDE" --db "$db" import "$tmp/articles"
expect_grep '^Imported: 0, updated: 1, unchanged: 4, failed: 0$' "$tmp/out"
"$LEDE" --db "$db" show --json "$id" | jq -e '.body | contains("151 years")' >/dev/null ||
	fail "update not visible under the same ID"

# An empty outlet is a usage error, not an outlet named "".
expect_status 2 "$LEDE" --db "$db" import --source "" "$tmp/articles"
expect_grep 'import: --source: the name of an outlet is missing' "$tmp/err"
expect_status 2 "$LEDE" --db "$db" import --source "  " "$tmp/articles"

# A directory without articles (the wrong one, likely) is a warning.
mkdir -p "$tmp/notes/sub"
echo "not an article" >"$tmp/notes/README.md"
expect_status 0 "$LEDE" --db "$db" import "$tmp/notes"
expect_grep "^lede: warning: $tmp/notes: no articles here" "$tmp/err"
expect_grep '^Imported: 0, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"

# A symbolic link back up the tree is walked once, with a warning.
mkdir -p "$tmp/loop/sub"
cp "$fx/articles/lighthouse.txt" "$tmp/loop/sub/a.txt"
ln -s .. "$tmp/loop/sub/up"
ln -s "$tmp/loop" "$tmp/loop/self"
expect_status 0 "$LEDE" --db "$tmp/loop.db" import "$tmp/loop"
expect_grep '^Imported: 1, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"
expect_grep "$tmp/loop/self: skipped, already walked as $tmp/loop\$" "$tmp/err"
expect_grep "$tmp/loop/sub/up: skipped, already walked as $tmp/loop\$" "$tmp/err"
# A dangling link where an article would be is a failure by name; one
# that would not be taken (not *.txt) is no concern of the import.
mkdir -p "$tmp/links"
cp "$fx/articles/lighthouse.txt" "$tmp/links/a.txt"
ln -s "$tmp/moved-away.txt" "$tmp/links/b.txt"
ln -s "$tmp/moved-away" "$tmp/links/notes"
expect_status 3 "$LEDE" --db "$tmp/links.db" import "$tmp/links"
expect_grep '^Imported: 1, updated: 0, unchanged: 0, failed: 1$' "$tmp/out"
expect_grep "$tmp/links/b.txt: dangling link" "$tmp/err"
expect_no_grep "links/notes" "$tmp/err"
# A file reached through a link is the file linked to: one article,
# whether imported through the link, a linked directory or its own name.
mkdir -p "$tmp/linked/real" "$tmp/linked/feeds" "$tmp/linked/other"
cp "$fx/articles/lighthouse.txt" "$tmp/linked/real/a.txt"
ln -s ../real/a.txt "$tmp/linked/feeds/link.txt"
ln -s ../real "$tmp/linked/other/dir"
expect_status 0 "$LEDE" --db "$tmp/linked.db" import "$tmp/linked/feeds"
expect_grep '^Imported: 1, updated: 0, unchanged: 0, failed: 0$' "$tmp/out"
for d in real other; do
	expect_status 0 "$LEDE" --db "$tmp/linked.db" import "$tmp/linked/$d"
	expect_grep '^Imported: 0, updated: 0, unchanged: 1, failed: 0$' \
		"$tmp/out"
done
expect_status 0 "$LEDE" --db "$tmp/linked.db" list --json
jq -e 'length == 1' "$tmp/out" >/dev/null ||
	fail "a linked file is a second article: $(cat "$tmp/out")"
# A directory named twice is walked once, and is no "wrong directory".
expect_status 0 "$LEDE" --db "$tmp/loop.db" import "$tmp/loop" "$tmp/loop/"
expect_grep "$tmp/loop/: skipped, already walked as $tmp/loop\$" "$tmp/err"
grep -q 'no articles here' "$tmp/err" && fail "a directory named twice is not empty"

# A cache that is no cache: the error alone, no summary of nothing.
echo "just some text, long enough to fill the header of a database page ..." >"$tmp/notadb"
expect_status 1 "$LEDE" --db "$tmp/notadb" import "$fx/articles/lighthouse.txt"
expect_grep "notadb: file is not a database" "$tmp/err"
expect_no_grep '^Imported' "$tmp/out"

# Bad files are reported with name and reason; the rest imports; exit 3.
head -c 5000 /dev/zero | tr '\0' 'x' >"$tmp/big.txt"
expect_status 3 "$LEDE" --db "$db" import --max-size 4096 "$fx/bad" "$tmp/big.txt" "$tmp/nonexistent.txt"
expect_grep "$fx/bad/binary.txt:1: binary file" "$tmp/err"
expect_grep "$fx/bad/empty.txt: empty file" "$tmp/err"
expect_grep "$tmp/big.txt: file too large" "$tmp/err"
expect_grep "nonexistent.txt" "$tmp/err"
expect_grep "$fx/bad/latin1.txt:2: invalid UTF-8" "$tmp/err"
expect_grep '^Imported: 2, updated: 0, unchanged: 0, failed: 4$' "$tmp/out"
# A FIFO named on the command line is refused at once, not waited on
# for a writer.
if mkfifo "$tmp/fifo.txt" 2>/dev/null; then
	expect_status 3 timeout 20 "$LEDE" --db "$db" import "$tmp/fifo.txt"
	expect_grep "$tmp/fifo.txt: not a regular file" "$tmp/err"
	# Found in a directory, such a file (and a link to a device) is
	# named too, not taken for an empty directory; one that would not
	# be taken (not *.txt) is no concern of the import.
	mkdir "$tmp/special"
	mkfifo "$tmp/special/pipe.txt" "$tmp/special/notes.md"
	ln -s /dev/null "$tmp/special/null.txt"
	expect_status 3 timeout 20 "$LEDE" --db "$tmp/special.db" import "$tmp/special"
	expect_grep '^Imported: 0, updated: 0, unchanged: 0, failed: 2$' "$tmp/out"
	expect_grep "$tmp/special/pipe.txt: not a regular file" "$tmp/err"
	expect_grep "$tmp/special/null.txt: not a regular file" "$tmp/err"
	expect_no_grep "notes.md" "$tmp/err"
	expect_no_grep "no articles here" "$tmp/err"
fi
# A pipe on standard input has no path, and is not "missing" (realpath's
# ENOENT); "-" is no name for it.
printf 'Title\n\nBody.\n' |
	expect_status 3 "$LEDE" --db "$db" import /dev/stdin
expect_grep '/dev/stdin: not a regular file (import reads files' "$tmp/err"
printf 'Title\n\nBody.\n' | expect_status 3 "$LEDE" --db "$db" import -
expect_grep '^lede: warning: -: no such file (import does not read standard input)' "$tmp/err"
# An import with nothing to read (a mistyped path, an empty directory)
# creates no cache: the reader still says to import first.
expect_status 3 "$LEDE" --db "$tmp/typo.db" import "$tmp/artciles"
expect_grep '^Imported: 0, updated: 0, unchanged: 0, failed: 1$' "$tmp/out"
expect_status 0 "$LEDE" --db "$tmp/typo.db" import "$tmp/notes"
ls "$tmp"/typo.db* >/dev/null 2>&1 && fail "an import of nothing created a cache"
# Nor does one whose every file is refused.
expect_status 3 "$LEDE" --db "$tmp/typo.db" import --max-size 10 "$tmp/articles/lighthouse.txt"
expect_grep 'file too large' "$tmp/err"
ls "$tmp"/typo.db* >/dev/null 2>&1 && fail "an import of refused files created a cache"
expect_status 1 "$LEDE" --db "$tmp/typo.db" list
expect_grep 'no cache here' "$tmp/err"

# Escape sequences from the text reach neither storage nor output.
"$LEDE" --db "$db" show --json "$(
	"$LEDE" --db "$db" list --json | jq -r '.[] | select(.origin | endswith("escapes.txt")) | .id')" >"$tmp/esc.json"
jq -e '.title == "Escape red lead sentence here."' "$tmp/esc.json" >/dev/null ||
	fail "escapes.txt title: $(jq .title "$tmp/esc.json")"
"$LEDE" --db "$db" list >"$tmp/list"
LC_ALL=C grep -q "$(printf '\033')" "$tmp/list" && fail "ESC in list output"
LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/esc.json" && fail "bidi override stored"

# What the parser extracted, as JSON.
show() {
	i=$("$LEDE" --db "$db" list --json | jq -r ".[] | select(.origin | endswith(\"$1\")) | .id")
	"$LEDE" --db "$db" show --json "$i"
}
show harbour-strike.txt >"$tmp/a.json"
jq -e '.published == "2024-03-05" and (.captions | length) == 2 and
	.captions[0].credit == "Ines Vale" and .source == "Meridian Press" and
	(.body | contains("Skip to main") | not) and
	(.body | contains("All rights reserved") | not) and
	(.body | split("\n\n") | last | endswith("contributed to this report."))' \
	"$tmp/a.json" >/dev/null || fail "harbour-strike: $(cat "$tmp/a.json")"
show dam-inquiry.txt >"$tmp/b.json"
jq -e '.title == "Inquiry names engineers who approved the Orrin dam repairs" and
	(.dek | startswith("An independent panel")) and .dateline == "LUMEN" and
	(.body | startswith("An inquiry into"))' "$tmp/b.json" >/dev/null ||
	fail "dam-inquiry: $(cat "$tmp/b.json")"
show lighthouse.txt >"$tmp/c.json"
jq -e '.published == null and (.captions | length) == 1 and
	.captions[0].credit == "Ines Vale/Harbor Times" and
	.source == "The Harbor Times" and
	(.body | contains("Support our mission") | not) and
	(.body | contains("Sign") | not)' "$tmp/c.json" >/dev/null ||
	fail "lighthouse: $(cat "$tmp/c.json")"
show zuerich-de.txt | jq -e '.language == "de"' >/dev/null || fail "German not detected"
show tokyo-ja.txt | jq -e '.language == "ja" and (.body | contains("👩‍🚒"))' >/dev/null ||
	fail "Japanese article"

# list: every article newest first, --limit, words, JSON shape.
"$LEDE" --db "$db" list --json >"$tmp/l.json"
jq -e 'length == 7 and (.[0] | keys == ["id","language","origin","published","read","source","starred","title"])' \
	"$tmp/l.json" >/dev/null || fail "list --json shape: $(head -c 300 "$tmp/l.json")"
"$LEDE" --db "$db" list --limit 2 | wc -l | grep -qx 2 || fail "--limit 2"
"$LEDE" --db "$db" list Quill | grep -q 'Dockworkers' || fail "list WORD"
"$LEDE" --db "$db" list "'); DROP TABLE articles; --" >/dev/null 2>&1
"$LEDE" --db "$db" list | wc -l | grep -qx 7 || fail "hostile words changed the cache"
"$LEDE" --db "$db" stats --json | jq -e '.articles == 7 and .captions == 3' >/dev/null ||
	fail "stats"

# --source overrides what the text says.
expect_status 0 "$LEDE" --db "$tmp/s.db" import --source "Valdora Daily" "$tmp/articles/dam-inquiry.txt"
"$LEDE" --db "$tmp/s.db" show --json 1 | jq -e '.source == "Valdora Daily"' >/dev/null ||
	fail "--source ignored"
# --source names go through data/sources like names found in the text.
expect_status 0 "$LEDE" --db "$tmp/s.db" import --source AP "$tmp/articles/lighthouse.txt"
"$LEDE" --db "$tmp/s.db" list --json | jq -e 'any(.[]; .source == "Associated Press")' >/dev/null ||
	fail "--source AP not canonicalised"
# stats counts the outlets articles have, not every name ever seen.
expect_status 0 "$LEDE" --db "$tmp/s.db" import --source "Other Name" "$tmp/articles/lighthouse.txt"
"$LEDE" --db "$tmp/s.db" stats --json | jq -e '.sources == 2' >/dev/null ||
	fail "stats sources: $("$LEDE" --db "$tmp/s.db" stats --json)"
# A --source name is text like the article's: no escape sequence or
# bidi override reaches the cache.
expect_status 0 "$LEDE" --db "$tmp/x.db" import --source "$(printf 'Evil\033[31mRed\342\200\256X  Wire')" \
    "$tmp/articles/lighthouse.txt"
"$LEDE" --db "$tmp/x.db" show --json 1 | jq -e '.source == "EvilRedX Wire"' >/dev/null ||
	fail "--source kept controls: $("$LEDE" --db "$tmp/x.db" show --json 1 | jq .source)"
# Numbers are digits only, as IDs are.
expect_status 2 "$LEDE" --db "$db" import --max-size ' 5' "$tmp/articles"
expect_status 2 "$LEDE" --db "$db" list --limit +2
expect_grep "not a positive number: '+2'" "$tmp/err"

# On a terminal, a warning blanks the progress line instead of being
# glued to it ("Importing 1/6 files (16%)lede: warning: ...").
cp -r "$tmp/articles" "$tmp/withempty"
: >"$tmp/withempty/empty.txt"
on_tty 80 "$tmp/pty" "$LEDE" --db "$tmp/p.db" import "$tmp/withempty" ||
	fail "no pty"
grep -q 'warning: .*empty.txt: empty file' "$tmp/pty" || fail "no warning on the terminal"
grep -q 'Importing 6/6 files (100%)' "$tmp/pty" || fail "no progress line on the terminal"
if grep -q '%)lede' "$tmp/pty"; then
	fail "a warning glued to the progress line: $(tr '\r' '|' <"$tmp/pty" | head -2)"
fi
finish
