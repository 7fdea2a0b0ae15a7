#!/bin/sh
# Resource limits of import: an article over the size limit is refused
# with a message naming it while the others go in; a directory of 100,000
# files imports with memory that does not grow with the directory.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

# 1. Over the default limit of 4 MiB, among articles that are fine.
mkdir -p "$tmp/mixed"
cp "$top_srcdir"/tests/fixtures/articles/*.txt "$tmp/mixed/"
yes 'A line of a very long article about the harbour.' | head -c 5000000 >"$tmp/mixed/huge.txt"
expect_status 3 "$LEDE" --db "$tmp/a.db" import "$tmp/mixed"
expect_grep "$tmp/mixed/huge.txt: file too large (5000000 bytes; the limit is 4194304)" "$tmp/err"
expect_grep "Imported: 5, updated: 0, unchanged: 0, failed: 1" "$tmp/out"
n=$(grep -c . "$tmp/err")
[ "$n" -eq 1 ] || fail "$n lines of messages for one refused file: $(cat "$tmp/err")"

# 2. A directory of 100,000 files: 10,000 small articles and 90,000
# pictures beside them, as a browser's "save page" leaves them (the walk
# reads, sorts and skips those; importing 100,000 articles would take
# minutes under the sanitizers).  On tmpfs when there is one, where
# making 100,000 files costs a few seconds instead of a minute.
if [ -d /dev/shm ] && [ -w /dev/shm ] && big=$(mktemp -d /dev/shm/lede-test.XXXXXX); then
	trap 'rm -rf "$tmp" "$big"' 0 1 2 15
else
	big="$tmp/big"
fi
# make_dir DIR N: N articles and 9N pictures in DIR.
make_dir() {
	mkdir -p "$1" && awk -v dir="$1" -v n="$2" 'BEGIN {
		split("harbour council bridge river market school station " \
		    "tower garden railway museum library factory hospital", w, " ")
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/%06d.txt", dir, i)
			printf "Note %d on the %s and the %s.\nThe %s was closed for %d days.\n",
			    i, w[i % 14 + 1], w[int(i / 14) % 14 + 1],
			    w[int(i / 196) % 14 + 1], i % 97 + 1 >f
			close(f)
			for (j = 1; j <= 9; j++) {
				f = sprintf("%s/%06d-%d.jpg", dir, i, j)
				printf "JFIF" >f
				close(f)
			}
		}
	}'
}
# peak_kb CMD...: run CMD, print its peak resident memory in kB.
peak_kb() {
	if /usr/bin/time -f %M true >/dev/null 2>&1; then
		/usr/bin/time -f %M -o "$tmp/peak" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		tail -n 1 "$tmp/peak"
	else
		"$@" >"$tmp/out" 2>"$tmp/err" &
		pid=$! peak=0
		while kill -0 $pid 2>/dev/null; do
			p=$(sed -n 's/^VmHWM: *\([0-9]*\) kB/\1/p' /proc/$pid/status 2>/dev/null)
			[ -n "$p" ] && peak=$p
			sleep 0.05
		done
		wait $pid
		rc=$?
		echo "$peak"
	fi
	return $rc
}
make_dir "$big/small" 100 || exit 99
make_dir "$big/large" 10000 || exit 99
echo "$(ls "$big/large" | wc -l) files in one directory"
small_kb=$(peak_kb "$LEDE" --db "$tmp/s.db" import "$big/small") || fail "import of 1,000 files: $(cat "$tmp/err")"
t0=$(now_ms)
large_kb=$(peak_kb "$LEDE" --db "$tmp/l.db" import "$big/large") || fail "import of 100,000 files: $(cat "$tmp/err")"
dt=$(($(now_ms) - t0))
expect_grep "Imported: 10000, updated: 0, unchanged: 0, failed: 0" "$tmp/out"
echo "peak memory: $small_kb kB for 1,000 files, $large_kb kB for 100,000 ($dt ms)"
n=$("$LEDE" --db "$tmp/l.db" list | wc -l)
[ "$n" -eq 10000 ] || fail "lede list shows $n articles, want 10000"
"$LEDE" --db "$tmp/l.db" check >/dev/null 2>&1 || fail "lede check"
# Bounded: a hundred times the files may cost the list of their names
# and SQLite's page cache (a few MB each), no more than 48 MB in all.
# Under the sanitizers, whose quarantine keeps up to 256 MB of freed
# memory, 1 GB: the file list grown one entry at a time took 2.2 GB there.
bound=49152
grep -q __asan_init "$LEDE" 2>/dev/null && bound=1048576
if [ -n "$small_kb" ] && [ -n "$large_kb" ] && [ "$small_kb" -gt 0 ]; then
	[ $((large_kb - small_kb)) -le $bound ] ||
		fail "memory grew by $((large_kb - small_kb)) kB from 1,000 to 100,000 files (bound $bound kB)"
else
	fail "no memory figures"
fi
finish
