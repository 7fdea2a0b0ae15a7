#!/bin/sh
# The reader in a pseudo-terminal driven byte by byte, for what tmux's
# send-keys cannot send: mouse reports (a click selects the row under
# the pointer, the wheel scrolls the pane under it), and job control:
# Ctrl-Z gives the terminal back and stops lede, SIGCONT (what the
# shell's fg sends) draws the screen again, SIGTERM gives the terminal
# back and ends lede by that signal.
. "${top_srcdir:?}/tests/integration/common.sh"

command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
command -v jq >/dev/null || { echo "jq missing: skipped"; exit 77; }
db="$tmp/d.db"
"$LEDE" --db "$db" import "$top_srcdir/data/articles" >/dev/null 2>&1 || fail "import"
# The reader folds clusters as list --fold does; row 5 and row 8.
row5=$("$LEDE" --db "$db" list --fold --json | jq -r '.[4].title | .[0:40]')
row8=$("$LEDE" --db "$db" list --fold --json | jq -r '.[7].title | .[0:40]')

LEDE_ROW5=$row5 LEDE_ROW8=$row8 LEDE_DB_PATH=$db python3 - <<'EOF' || fail "pty scenes failed"
import os, pty, select, signal, struct, sys, time, fcntl, termios

def start():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm-256color'
        os.execv(os.environ['LEDE'], ['lede', '--db', os.environ['LEDE_DB_PATH'],
                                      '--config', '/dev/null'])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 48, 160, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd

def drain(fd, secs):
    out, end = b'', time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out

def expect(cond, what):
    if not cond:
        print('FAIL: ' + what, file=sys.stderr)
        sys.exit(1)

row5 = os.environ['LEDE_ROW5'].encode()
row8 = os.environ['LEDE_ROW8'].encode()
pid, fd = start()
drain(fd, 1.5)
# A click on the fifth row of the list (SGR report, 1-based cells).
os.write(fd, b'\x1b[<0;12;6M\x1b[<0;12;6m')
out = drain(fd, 0.8)
expect(row5 in out, 'a click did not open the row under it')
# The wheel over the list moves three rows down.
os.write(fd, b'\x1b[<65;12;20M')
out = drain(fd, 0.8)
expect(row8 in out, 'the wheel did not move the list')
# Ctrl-Z: the terminal is given back (the normal screen) before lede
# stops.  (Here lede is alone in its session, so the kernel does not
# stop it: there is no shell to resume it.  What the user sees is the
# same.)
os.write(fd, b'\x1a')
out = drain(fd, 0.8)
at = out.find(b'\x1b[?1049l')
expect(at >= 0, 'Ctrl-Z did not leave the alternate screen')
# fg: SIGCONT, and lede draws its screen again.
os.kill(pid, signal.SIGCONT)
out = out[at:] + drain(fd, 1.0)
expect(b'\x1b[?1049h' in out and row8 in out, 'lede did not come back after SIGCONT')
# SIGTERM: the terminal restored, then an end by that signal, as a
# shell expects of a program it killed.
os.kill(pid, signal.SIGTERM)
out = drain(fd, 1.0)
expect(b'\x1b[?1049l' in out, 'SIGTERM left the alternate screen on')
wpid, status = os.waitpid(pid, 0)
expect(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM,
       'lede did not end by SIGTERM: status %r' % status)

def exits_within(pid, secs):
    end = time.time() + secs
    while time.time() < end:
        wpid, status = os.waitpid(pid, os.WNOHANG)
        if wpid == pid:
            return True
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return False

# The terminal goes away (an SSH connection drops) while the search
# prompt is open: lede exits instead of spinning on end of file, with
# SIGHUP ignored, as under nohup, and with it.
for hup in (signal.SIG_IGN, signal.SIG_DFL):
    signal.signal(signal.SIGHUP, hup)
    pid, fd = start()
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    drain(fd, 1.0)
    os.write(fd, b'/Kess')
    drain(fd, 0.5)
    os.close(fd)
    expect(exits_within(pid, 3), 'lede kept running after its terminal closed')

# A terminal type ncurses does not know, or one that cannot move the
# cursor, is refused with lede's own message and exit 1 (ncurses'
# initscr would print "Error opening terminal" and exit by itself).
for term, want in (('bogus-term', b'lede: bogus-term: unknown terminal type'),
                   ('dumb', b'lede: dumb: the terminal cannot move the cursor')):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = term
        os.execv(os.environ['LEDE'], ['lede', '--db', os.environ['LEDE_DB_PATH'],
                                      '--config', '/dev/null'])
    out = drain(fd, 1.5)
    expect(want in out, 'TERM=%s: %r' % (term, out[-200:]))
    _, status = os.waitpid(pid, 0)
    expect(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1,
           'TERM=%s: exit status %r' % (term, status))
    os.close(fd)
EOF
finish
