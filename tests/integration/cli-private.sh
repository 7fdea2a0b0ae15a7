#!/bin/sh
# The cache is private whatever the umask: lede creates its directories
# with mode 0700 and the cache, its -wal and its -shm with mode 0600, at
# the default path under XDG_DATA_HOME or HOME and at a --db path; and it
# writes no other file.
. "${top_srcdir:?}/tests/integration/common.sh"
. "$top_srcdir/tests/integration/corpus.sh"

gen_corpus "$tmp/corpus" 1000 || exit 99
# SQLite would put any temporary file here.
export TMPDIR="$tmp/tmpdir"
mkdir -p "$TMPDIR"
mode() {
	ls -ld "$1" | cut -c2-10
}
expect_mode() {
	[ -e "$2" ] || { fail "$2 does not exist"; return; }
	m=$(mode "$2")
	[ "$m" = "$1" ] || fail "$2 has mode $m, want $1 (umask $(umask))"
}

# import_watched WHERE ARGS...: import, and while it runs stop it once
# its -wal and -shm exist to check their modes; WHERE is the cache.
import_watched() {
	where=$1
	shift
	"$LEDE" "$@" import "$tmp/corpus" >"$tmp/out" 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 400 ] && ! { [ -e "$where-wal" ] && [ -e "$where-shm" ]; }; do
		sleep 0.02
		i=$((i + 1))
	done
	if kill -STOP $pid 2>/dev/null; then
		if [ -e "$where-wal" ]; then
			expect_mode rw------- "$where-wal"
			expect_mode rw------- "$where-shm"
			seen_wal=$((seen_wal + 1))
		fi
		kill -CONT $pid
	fi
	wait $pid || fail "import into $where failed: $(tail -3 "$tmp/out")"
	expect_mode rw------- "$where"
}

seen_wal=0
for u in 022 000; do
	umask $u
	# The default path under XDG_DATA_HOME, none of whose levels exist.
	touch "$tmp/before"
	XDG_DATA_HOME="$tmp/x$u/data" import_watched "$tmp/x$u/data/lede/cache.db"
	for d in "$tmp/x$u" "$tmp/x$u/data" "$tmp/x$u/data/lede"; do
		expect_mode rwx------ "$d"
	done
	# The default path under HOME.
	HOME="$tmp/h$u" XDG_DATA_HOME= import_watched "$tmp/h$u/.local/share/lede/cache.db"
	for d in "$tmp/h$u" "$tmp/h$u/.local" "$tmp/h$u/.local/share" \
	    "$tmp/h$u/.local/share/lede"; do
		expect_mode rwx------ "$d"
	done
	# --db in an existing directory: the cache only.
	mkdir -p "$tmp/d$u"
	import_watched "$tmp/d$u/c.db" --db "$tmp/d$u/c.db"
	# A reader session writes nothing either (lede list and check here).
	"$LEDE" --db "$tmp/d$u/c.db" list >/dev/null || fail "list"
	"$LEDE" --db "$tmp/d$u/c.db" check >/dev/null || fail "check"
	# No other file anywhere: not in the cache's directories, not in
	# HOME or the configuration directory, not in TMPDIR.
	find "$tmp" -newer "$tmp/before" -type f ! -name out ! -name others ! -path "$tmp/corpus/*" \
	    ! -name 'cache.db*' ! -name 'c.db*' >"$tmp/others"
	[ -s "$tmp/others" ] && fail "other files written: $(cat "$tmp/others")"
done
umask 022
# Nothing leaves the machine: no socket but local ones, whatever runs.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
	# LeakSanitizer refuses to run under ptrace.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	strace -f -e trace=socket,connect -o "$tmp/trace" "$LEDE" --db "$tmp/n.db" \
	    import "$top_srcdir/tests/fixtures/articles" >/dev/null 2>&1 ||
		fail "import under strace failed"
	strace -f -e trace=socket,connect -a 0 -o "$tmp/trace2" "$LEDE" --db "$tmp/n.db" \
	    list >/dev/null 2>&1 || fail "list under strace failed"
	cat "$tmp/trace2" >>"$tmp/trace"
	grep 'socket(\|connect(' "$tmp/trace" | grep -v 'AF_UNIX\|AF_LOCAL' >"$tmp/net" &&
		fail "network calls: $(head -3 "$tmp/net")"
	echo "strace: $(grep -c 'socket(\|connect(' "$tmp/trace") socket calls, none to the network"
else
	echo "no strace (or not permitted): the network check is skipped"
fi
# The -wal and -shm files are seen unless every import ended too soon
# to watch, which 1,000 articles do not.
[ $seen_wal -gt 0 ] || fail "never saw a -wal file to check"
echo "checked -wal and -shm of $seen_wal imports"
finish
