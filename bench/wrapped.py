#!/usr/bin/env python3
"""wrapped.py LEDE [WIDTH...]: how many articles lede reads the same
once they are hard-wrapped.

Each article of bench/pairs/, data/articles/ and tests/fixtures/articles/
is written twice under $BENCH_DIR/wrapped (default /tmp/lede-bench): as
it is, and with every paragraph but the first line (the date header and
headline) wrapped at WIDTH columns, at spaces only, as fmt(1) would.
Both sets are imported into caches of their own, and an article counts
as read the same when its title, dek, byline and body agree.  Prints one
line per width (default 72 and 60)."""
import glob, json, os, shutil, subprocess, sys, textwrap

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(here)
lede = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, 'lede')
widths = [int(w) for w in sys.argv[2:]] or [72, 60]
work = os.path.join(os.environ.get('BENCH_DIR', '/tmp/lede-bench'), 'wrapped')
env = dict(os.environ, LEDE_DATADIR=os.path.join(top, 'data'),
           XDG_CONFIG_HOME=os.path.join(work, 'no-config'))
srcs = [f for p in ('bench/pairs/*.txt', 'data/articles/*.txt',
                    'tests/fixtures/articles/*.txt')
        for f in sorted(glob.glob(os.path.join(top, p)))]


def run(*args):
    return subprocess.run([lede] + list(args), env=env, check=True,
                          capture_output=True, text=True).stdout


def parsed(d):
    db = d + '.db'
    run('--db', db, 'import', d)
    out = {}
    for a in json.loads(run('--db', db, 'list', '--json')):
        s = json.loads(run('--db', db, 'show', '--json', str(a['id'])))
        out[os.path.basename(a['origin'])] = tuple(
            s.get(k) for k in ('title', 'dek', 'byline', 'body'))
    return out


for width in widths:
    base = os.path.join(work, str(width))
    shutil.rmtree(base, ignore_errors=True)
    for sub in ('as-is', 'wrapped'):
        os.makedirs(os.path.join(base, sub))
    os.makedirs(env['XDG_CONFIG_HOME'], exist_ok=True)
    for i, f in enumerate(srcs):
        name = '%03d.txt' % i
        text = open(f, encoding='utf-8').read()
        paras = text.split('\n\n')
        wrapped = [paras[0]] + ['\n'.join(textwrap.wrap(
            p, width, break_on_hyphens=False, break_long_words=False))
            for p in paras[1:]]
        shutil.copy(f, os.path.join(base, 'as-is', name))
        with open(os.path.join(base, 'wrapped', name), 'w',
                  encoding='utf-8') as out:
            out.write('\n\n'.join(wrapped))
    a = parsed(os.path.join(base, 'as-is'))
    w = parsed(os.path.join(base, 'wrapped'))
    same = sum(1 for k in a if w.get(k) == a[k])
    print('width %d: %d of %d articles read the same wrapped' %
          (width, same, len(a)))
