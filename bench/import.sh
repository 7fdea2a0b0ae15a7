#!/usr/bin/env bash
# import.sh: time `lede import` on synthetic corpora of N articles from gencorpus.c.
#
# Usage: bench/import.sh [N...]            (default: 10000 100000)
# Environment:
#   LEDE       lede binary (default ./lede, relative to the current directory)
#   BENCH_DIR  work directory for the generator, corpora and caches (default /tmp/lede-bench)
#   SEED       gencorpus seed (default 1)
#   CC         C compiler for gencorpus (default cc)
#   LEDE_DATADIR  lede's data (boilerplate rules); default: this source tree's data/
# User rules are kept out: lede runs with XDG_CONFIG_HOME set to an empty directory.
# Prints the machine, the date and a markdown table on stdout; progress and lede's own
# summary on stderr.  Exits 1 if lede fails, 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lede=${LEDE:-./lede}
work=${BENCH_DIR:-/tmp/lede-bench}
seed=${SEED:-1}
cc=${CC:-cc}

usage() {
	echo "usage: bench/import.sh [N...]   (N = number of articles; default: 10000 100000)" >&2
	exit 2
}
[ $# -gt 0 ] || set -- 10000 100000
for n in "$@"; do
	case $n in ''|*[!0-9]*|0*) usage ;; esac
done
case $seed in ''|*[!0-9]*) echo "import.sh: SEED must be a non-negative integer" >&2; exit 2 ;; esac

if [ ! -x "$lede" ] || [ -d "$lede" ]; then
	echo "import.sh: $lede: no lede binary there (build lede, run from the build dir, or set LEDE)" >&2
	exit 1
fi
. "$here/env.sh"

gen=$work/gencorpus
if [ ! -x "$gen" ] || [ "$here/gencorpus.c" -nt "$gen" ]; then
	echo "import.sh: compiling $gen" >&2
	"$cc" -O2 -std=c11 -Wall -Wextra -o "$gen" "$here/gencorpus.c"
fi
src_sum=$(cksum < "$here/gencorpus.c" | awk '{ print $1 "-" $2 }')

have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v -o /dev/null true > /dev/null 2>&1; then
	have_time=1
fi

cpu=$(grep -m1 -i '^model name' /proc/cpuinfo 2> /dev/null | cut -d: -f2- | sed 's/^ *//' || true)
[ -n "$cpu" ] || cpu=$(lscpu 2> /dev/null | awk -F: '/^Model name/ { sub(/^ */, "", $2); print $2; exit }' || true)
[ -n "$cpu" ] || cpu=$(uname -p)
echo "Machine: $(uname -m), $cpu${pin:+ (pinned: taskset -c 0)}"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Corpus: bench/gencorpus.c, seed $seed; lede data: ${LEDE_DATADIR:-(installed)}"
echo
echo "| N | wall s | articles/s | peak RSS MB | cache MB | input bytes |"
echo "|---:|---:|---:|---:|---:|---:|"

for n in "$@"; do
	corpus=$work/corpus-$n
	stamp=$corpus.stamp
	key="n=$n seed=$seed gencorpus=$src_sum"

	# Reuse a corpus made by the same generator with the same N and seed.
	if [ -d "$corpus" ] && [ -f "$stamp" ] && [ "$(head -n 1 "$stamp")" = "$key" ]; then
		echo "import.sh: reusing $corpus" >&2
	else
		echo "import.sh: generating $corpus" >&2
		rm -rf "$corpus" "$stamp"
		summary=$("$gen" -n "$n" -s "$seed" -o "$corpus")
		# truth.tsv goes beside the corpus, so lede imports articles only.
		mv "$corpus/truth.tsv" "$work/truth-$n.tsv"
		bytes=$(printf '%s\n' "$summary" | sed -n 's/.* articles, \([0-9][0-9]*\) bytes.*/\1/p')
		printf '%s\n%s\n' "$key" "$bytes" > "$stamp"
	fi
	bytes=$(sed -n 2p "$stamp")

	db=$work/cache-$n.db
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	timef=$work/time-$n.txt
	rm -f "$timef"
	timer=()
	if [ "$have_time" = 1 ]; then
		timer=(/usr/bin/time -v -o "$timef")
	fi

	echo "import.sh: importing $n articles" >&2
	t0=$(date +%s%N)
	set +e
	${pin[@]+"${pin[@]}"} ${timer[@]+"${timer[@]}"} "$lede" --db "$db" import "$corpus" \
		> "$work/lede-$n.out" 2> "$work/lede-$n.err"
	rc=$?
	set -e
	t1=$(date +%s%N)
	if [ "$rc" -ne 0 ]; then
		echo "import.sh: lede failed on $n articles (exit $rc); last lines of its output:" >&2
		tail -n 20 "$work/lede-$n.out" "$work/lede-$n.err" >&2
		exit 1
	fi
	summary=$(grep -h -i 'imported' "$work/lede-$n.out" "$work/lede-$n.err" | tail -n 1 || true)
	echo "import.sh: lede: ${summary:-(no summary line)}" >&2
	case $summary in
	*"failed: 0"*) ;;
	*) echo "import.sh: warning: check lede's summary above for failed articles" >&2 ;;
	esac

	# Wall time from our nanosecond clock (GNU time rounds to 10 ms); GNU time's as fallback.
	wall=""
	rss_kb=""
	case $t0$t1 in
	*[!0-9]*) ;;
	*) wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') ;;
	esac
	if [ -s "$timef" ]; then
		if [ -z "$wall" ]; then
			wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
				k = split($2, p, ":"); s = 0
				for (i = 1; i <= k; i++) s = s * 60 + p[i]
				print s }' "$timef")
		fi
		rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timef")
	fi
	[ -n "$wall" ] || wall=0

	cache=0
	for f in "$db" "$db-wal"; do
		if [ -f "$f" ]; then
			cache=$((cache + $(wc -c < "$f")))
		fi
	done

	awk -v n="$n" -v wall="$wall" -v rss="$rss_kb" -v cache="$cache" -v bytes="$bytes" 'BEGIN {
		rate = wall > 0 ? sprintf("%.0f", n / wall) : "n/a"
		mem = rss != "" ? sprintf("%.1f", rss / 1024) : "n/a"
		printf "| %d | %.2f | %s | %s | %.1f | %s |\n", n, wall, rate, mem, cache / 1048576, bytes
	}'
done
