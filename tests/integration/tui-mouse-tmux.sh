#!/bin/sh
# The mouse inside tmux (with "set -g mouse on"), as a user's terminal
# sends it: a tmux client runs in a pseudo-terminal and gets SGR mouse
# reports; tmux hands them to lede.  A click opens the row under the
# pointer and the wheel over the list moves it; each article shown is
# marked read, which lede list then says.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
command -v jq >/dev/null || { echo "jq missing: skipped"; exit 77; }
TMUX_BIN=${TMUX_BIN:-$(command -v tmux)}
[ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] || { echo "no tmux: skipped"; exit 77; }
sock=lede-mouse$$
trap '"$TMUX_BIN" -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' 0 1 2 15

db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
echo 'set -g mouse on' >"$tmp/tmux.conf"
# read_of N: whether the N-th row of the folded list is read.
read_of() {
	"$LEDE" --db "$db" list --fold --json | jq -r ".[$1].read"
}
[ "$(read_of 4)" = false ] && [ "$(read_of 7)" = false ] ||
	fail "rows 5 and 8 should start unread"

TMUX_BIN=$TMUX_BIN SOCK=$sock CONF="$tmp/tmux.conf" LEDE_DB_PATH=$db \
    python3 - <<'PY' || fail "the tmux scene failed"
import os, pty, select, struct, time, fcntl, termios

def drain(fd, secs):
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                break

pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.execv(os.environ['TMUX_BIN'], ['tmux', '-L', os.environ['SOCK'],
             '-f', os.environ['CONF'], 'new-session', '-x', '160', '-y', '48',
             os.environ['LEDE'] + ' --db ' + os.environ['LEDE_DB_PATH'] +
             ' --config /dev/null; sleep 30'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 48, 160, 0, 0))
drain(fd, 2.0)
# A click on the fifth row of the list (1-based cells), then the wheel
# down over the list, which moves the selection three rows.
os.write(fd, b'\x1b[<0;12;6M\x1b[<0;12;6m')
drain(fd, 1.0)
os.write(fd, b'\x1b[<65;12;20M')
drain(fd, 1.0)
os.write(fd, b'q')
drain(fd, 0.5)
PY
[ "$(read_of 4)" = true ] || fail "a click inside tmux did not open the row under it"
[ "$(read_of 7)" = true ] || fail "the wheel inside tmux did not move the list"
finish
