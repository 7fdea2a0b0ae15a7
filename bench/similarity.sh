#!/usr/bin/env bash
# similarity.sh: the figures of the similarity engine on gencorpus corpora.
#
# Usage: bench/similarity.sh [N...]        (default: 10000 100000)
# Needs the corpora and truth files of bench/import.sh (it makes them if
# missing), hyperfine, python3.  Same environment variables as import.sh.
# For each N: import into a fresh cache pinned to one core (throughput,
# peak RSS), precision/recall of duplicate+rewrite (dupes-eval.py), and
# "lede related ID" against "lede --version" with hyperfine (the
# difference is the work of the query).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lede=${LEDE:-./lede}
work=${BENCH_DIR:-/tmp/lede-bench}
[ $# -gt 0 ] || set -- 10000 100000
. "$here/env.sh"
# Said now, not after an import of 100,000 articles.
for tool in hyperfine python3 sqlite3 bc; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "similarity.sh: needs $tool (scripts/install-deps installs it)" >&2; exit 1; }
done

echo "Machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); lede $("$lede" --version)"
for n in "$@"; do
	corpus=$work/corpus-$n truth=$work/truth-$n.tsv
	if [ ! -f "$truth" ]; then
		LEDE=$lede "$here/import.sh" "$n" >/dev/null
	fi
	db=$work/sim-$n.db
	rm -f "$db" "$db-wal" "$db-shm"
	start=$(date +%s.%N)
	/usr/bin/time -v -o "$work/sim-time-$n.txt" "${pin[@]}" \
		"$lede" --db "$db" import "$corpus" >"$work/sim-$n.out" 2>&1
	end=$(date +%s.%N)
	rss=$(awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }' "$work/sim-time-$n.txt")
	secs=$(echo "$end - $start" | bc)
	echo
	echo "## N = $n"
	echo "import: $(tail -1 "$work/sim-$n.out")"
	printf 'import with the engine: %.1f s, %.0f articles/s, peak RSS %s MB, cache %.1f MB\n' \
		"$secs" "$(echo "$n / $secs" | bc -l)" "$rss" \
		"$(du -cb "$db"* | tail -1 | awk '{ print $1 / 1e6 }')"
	python3 "$here/dupes-eval.py" "$db" "$corpus" "$truth"
	id=$(sqlite3 "$db" "SELECT article_id FROM related GROUP BY article_id HAVING count(*) >= 12 ORDER BY article_id DESC LIMIT 1")
	hyperfine -N --warmup 20 --runs 200 --export-markdown "$work/sim-hf-$n.md" \
		"$lede --version" "$lede --db $db related $id" >/dev/null
	cat "$work/sim-hf-$n.md"
done
