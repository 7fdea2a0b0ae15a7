# Sourced by the integration tests: locations, a scratch directory, and
# small assertion helpers.  Tests exit 0 (pass), 1 (fail) or 77 (skip).

: "${LEDE:?LEDE must name the lede binary (run through make check)}"
: "${top_srcdir:?}"
: "${LEDE_DATADIR:=$top_srcdir/data}"
export LEDE_DATADIR
# Isolate from the user's files: no default cache, no user patterns.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lede-test.XXXXXX") || exit 99
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME"
unset LEDE_DB
trap 'rm -rf "$tmp"' 0 1 2 15

# For LC_ALL=C grep: a C1 control in UTF-8, and the bidirectional
# controls lede removes from article text (embeddings and overrides,
# isolates, the byte order mark, the Arabic letter mark).
C1_RE=$(printf '\302[\200-\237]')
BIDI_RE=$(printf '\342\200[\252-\256]\|\342\201[\246-\251]\|\357\273\277\|\330\234')

# id_of DB PART: the id of the article in DB whose file path has "/PART".
id_of() {
	"$LEDE" --db "$1" list --json |
		jq -r ".[] | select(.origin | contains(\"/$2\")) | .id"
}

# on_tty COLS OUT CMD...: run CMD on a pseudo-terminal COLS wide (with
# NO_COLOR and without COLUMNS), writing what the terminal got to OUT,
# carriage returns and all, and the length in characters of its longest
# line to OUT.max.  Returns 1 when python3 cannot make a terminal.
on_tty() {
	python3 - "$@" <<'EOF'
import fcntl, os, pty, struct, sys, termios
cols, out, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', 24, cols, 0, 0))
    os.environ.pop('COLUMNS', None)
    os.environ['NO_COLOR'] = '1'
    os.execv(argv[0], argv)
data = b''
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.waitpid(pid, 0)
text = data.decode('utf-8', 'replace')
open(out, 'w').write(text)
lines = text.replace('\r', '').splitlines() or ['']
open(out + '.max', 'w').write('%d\n' % max(map(len, lines)))
EOF
}

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_status WANT CMD...: run CMD, compare its exit status.
expect_status() {
	want=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, want $want: $(head -c 400 "$tmp/err")"
}

# expect_grep PATTERN FILE [MESSAGE]
expect_grep() {
	grep -q -- "$1" "$2" || fail "${3:-$2 lacks '$1'}"
}

expect_no_grep() {
	! grep -q -- "$1" "$2" || fail "${3:-$2 has '$1'}"
}

finish() {
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
