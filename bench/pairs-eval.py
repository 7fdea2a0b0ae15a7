#!/usr/bin/env python3
"""pairs-eval.py LEDE PAIRS WORK: score bench/pairs (see pairs.sh).

Every pair is scored with "lede similarity A B --json", once with all the
articles in one cache and once alone in a cache of its own; WORK is
emptied and used for the caches."""
import collections
import json
import os
import shutil
import subprocess
import sys

KINDS = ('same', 'followup', 'sametopic', 'unrelated')


def lede(exe, db, *args):
    r = subprocess.run([exe, '--db', db] + list(args), capture_output=True,
                       text=True, check=False)
    if r.returncode not in (0, 3):
        sys.exit('pairs-eval: lede %s: %s' % (' '.join(args), r.stderr))
    return r.stdout


def ids(exe, db):
    rows = json.loads(lede(exe, db, 'list', '--json', '-n', '1000000'))
    return {os.path.basename(r['origin']): r['id'] for r in rows}


def score(exe, db, m, pair):
    s = json.loads(lede(exe, db, 'similarity', str(m[pair + '-a.txt']),
                        str(m[pair + '-b.txt']), '--json'))
    return s['score'], s['label'] or '-'


def auc(pos, neg):
    """The chance that a pair of pos scores above one of neg."""
    if not pos or not neg:
        return float('nan')
    won = sum(1.0 if x > y else 0.5 if x == y else 0.0
              for x in pos for y in neg)
    return won / (len(pos) * len(neg))


def ranks(xs):
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    """Rank correlation, as ratings of pairs are commonly checked."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else float('nan')


# How closely people would rate each kind: one event, then a follow-up,
# then the same topic, then nothing in common.
GRADE = {'same': 3, 'followup': 2, 'sametopic': 1, 'unrelated': 0}


def main():
    exe, src, work = sys.argv[1:4]
    pairs = [line.split('\t') for line in
             open(os.path.join(src, 'pairs.tsv'), encoding='utf-8')
             .read().splitlines() if line.strip()]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    together = os.path.join(work, 'all.db')
    lede(exe, together, 'import', src)
    m = ids(exe, together)
    res = {}
    for pair, kind, lang in pairs:
        alone = os.path.join(work, pair)
        os.mkdir(alone)
        for side in 'ab':
            name = '%s-%s.txt' % (pair, side)
            shutil.copy(os.path.join(src, name), alone)
        lede(exe, alone + '.db', 'import', alone)
        res[pair] = (kind, lang, score(exe, together, m, pair),
                     score(exe, alone + '.db', ids(exe, alone + '.db'),
                           pair))
    print('pair kind       lang  together          alone')
    for pair in sorted(res):
        kind, lang, t, a = res[pair]
        print('%-4s %-10s %-4s  %.3f %-10s  %.3f %s'
              % (pair, kind, lang, t[0], t[1], a[0], a[1]))
    for way, name in ((2, 'together'), (3, 'alone')):
        by = collections.defaultdict(list)
        for r in res.values():
            by[r[0]].append(r[way])
        scores = {k: [s for s, _ in v] for k, v in by.items()}
        print('\n%s: AUC same/unrelated %.3f, same/(unrelated+sametopic) '
              '%.3f' % (name, auc(scores['same'], scores['unrelated']),
                        auc(scores['same'], scores['unrelated'] +
                            scores['sametopic'])))
        print('  AUC follow-up/unrelated %.3f; Spearman rank correlation '
              'with the kinds (same 3, follow-up 2, same topic 1, '
              'unrelated 0) %.3f'
              % (auc(scores['followup'], scores['unrelated']),
                 spearman([r[way][0] for r in res.values()],
                          [GRADE[r[0]] for r in res.values()])))
        for kind in KINDS:
            c = collections.Counter(label for _, label in by[kind])
            print('  %-10s %s' % (kind, ', '.join(
                '%s %d' % (label, n) for label, n in sorted(c.items()))))


if __name__ == '__main__':
    main()
