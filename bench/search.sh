#!/usr/bin/env bash
# search.sh: how long the first page of a search and of a filter takes on
# a cache, by hyperfine, with "lede --version" as the cost of starting a
# process.  The queries name words of the bench generator's vocabulary
# (a word in about 2% of the articles, one in most of them, a phrase, a
# prefix) and every filter.
#
# Usage: bench/search.sh CACHE      Run from the build directory (or set
# LEDE).  Needs hyperfine and sqlite3.
set -euo pipefail

lede=${LEDE:-./lede}
db=$1
n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
newest=$(sqlite3 "$db" "SELECT date(max(published), 'unixepoch') FROM articles")
week=$(sqlite3 "$db" "SELECT date(max(published) - 7 * 86400, 'unixepoch') FROM articles")
src=$(sqlite3 "$db" "SELECT lower(substr(name, 1, 4)) FROM sources ORDER BY id DESC LIMIT 1")
# Words by document frequency in the generated text: the commonest
# non-stopword and one found in about 0.1% of the articles.
common=${COMMON:-government}
rare=${RARE:-vatamberg}

echo "Cache: $db ($n articles), newest article $newest"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $("$lede" --version)"
echo "Hits: $common $("$lede" --db "$db" list --json "$common" | grep -c '"id"'),"\
     "$rare $("$lede" --db "$db" list --json "$rare" | grep -c '"id"')"
echo

out=$(mktemp)
trap 'rm -f "$out"' EXIT
hyperfine -N --warmup 3 --runs 30 --export-markdown "$out" \
	"$lede --version" \
	"$lede --db $db search --limit 20 $rare" \
	"$lede --db $db search --limit 20 $common" \
	"$lede --db $db search --limit 20 \"\\\"government officials\\\"\"" \
	"$lede --db $db search --limit 20 gov*" \
	"$lede --db $db search --limit 20 sa*" \
	"$lede --db $db search --limit 20 \"$common since:$week\"" \
	"$lede --db $db search --limit 20 \"$rare $common\"" \
	"$lede --db $db list --limit 20 $common" \
	"$lede --db $db list --limit 20 --fold $common" \
	"$lede --db $db list --limit 20 \"\\\"government officials\\\"\"" \
	"$lede --db $db list --limit 20 gov*" \
	"$lede --db $db list --limit 20 sa*" \
	"$lede --db $db list --limit 20 since:$week" \
	"$lede --db $db list --limit 20 source:$src" \
	"$lede --db $db list --limit 20 has:captions" \
	"$lede --db $db list --limit 20 label:rewrite" \
	"$lede --db $db list --limit 20 --fold label:rewrite" \
	"$lede --db $db list --limit 20 unread" \
	"$lede --db $db list --limit 20 -- -$common" >/dev/null
cat "$out"
