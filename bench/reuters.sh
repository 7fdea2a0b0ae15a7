#!/usr/bin/env bash
# reuters.sh: lede on real wire copy, Reuters-21578 (research licence:
# benchmarks only; the articles are written under BENCH_DIR, never into
# the project).
#
# Usage: bench/reuters.sh [TARBALL]   (default: ../shared/corpus/reuters21578.tar.gz)
# Writes the stories as articles (bench/reuters.py), imports them into a
# fresh cache pinned to one core (throughput, peak RSS), prints the
# labels' counts and bench/reuters-eval.py's checks.  Exits 0 with a note
# when the tarball is absent.  Same environment variables as import.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lede=${LEDE:-./lede}
work=${BENCH_DIR:-/tmp/lede-bench}
tarball=${1:-$here/../../shared/corpus/reuters21578.tar.gz}
if [ ! -f "$tarball" ]; then
	echo "reuters.sh: $tarball not found; nothing to measure" >&2
	exit 0
fi
. "$here/env.sh"

articles=$work/reuters
[ -f "$articles/stories.tsv" ] || python3 "$here/reuters.py" "$tarball" "$articles"
n=$(($(wc -l <"$articles/stories.tsv") - 1))
db=$work/reuters.db
rm -f "$db" "$db-wal" "$db-shm"
echo "Machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); lede $("$lede" --version)"
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/reuters-time.txt" "${pin[@]}" \
	"$lede" --db "$db" import "$articles" >"$work/reuters.out" 2>&1
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
rss=$(awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }' "$work/reuters-time.txt")
echo "import: $(tail -1 "$work/reuters.out")"
printf 'import with the engine: %d articles in %.1f s, %.0f articles/s, peak RSS %s MB\n' \
	"$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$rss"
echo "links per label (each pair once):"
sqlite3 "$db" "SELECT '  ' || label || ': ' || count(*) FROM related
	WHERE article_id < other_id GROUP BY label ORDER BY min(score) DESC"
python3 "$here/reuters-eval.py" "$db"
