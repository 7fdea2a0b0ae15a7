#!/usr/bin/env bash
# pairs.sh: the similarity engine on pairs of articles it was not tuned
# on, as people would rate them: the same story from two outlets, a
# follow-up, the same topic but another event, or unrelated.
#
# Usage: bench/pairs.sh
# bench/pairs/ holds 60 pairs of fictional articles (40 English, 20 in
# nine other languages), written for this check after the engine's
# thresholds were set; pairs.tsv gives each pair's kind and language.
# The pairs are scored twice with "lede similarity": all 120 articles in
# one cache, and each pair alone in a cache of two (where word
# frequencies say least).  Prints each pair, then per way the AUC of
# the score (same story against unrelated, and against unrelated or
# same topic) and the labels each kind got.  Same environment variables
# as import.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lede=${LEDE:-./lede}
work=${BENCH_DIR:-/tmp/lede-bench}
. "$here/env.sh"
command -v python3 >/dev/null 2>&1 ||
	{ echo "pairs.sh: needs python3" >&2; exit 1; }
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); lede $("$lede" --version)"
python3 "$here/pairs-eval.py" "$lede" "$here/pairs" "$work/pairs"
