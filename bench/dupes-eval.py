#!/usr/bin/env python3
"""Precision and recall of lede's duplicate and rewrite labels against the
clusters gencorpus planted.

Usage: bench/dupes-eval.py CACHE CORPUS_DIR TRUTH_TSV

CACHE is a lede cache into which CORPUS_DIR was imported; TRUTH_TSV is the
truth.tsv gencorpus wrote (bench/import.sh keeps it as truth-N.tsv).
Reports two measures:
- pairs: every pair of articles that lede put in one duplicate cluster
  (its cluster ids, transitive) against every pair in one planted
  cluster;
- links: the duplicate/rewrite labels lede stored in related lists,
  each a pair, against planted pairs (a link is right when both articles
  are in the same planted cluster).
Reads the cache with Python's sqlite3; changes nothing."""
import os, sqlite3, sys
from collections import defaultdict
from itertools import combinations

if len(sys.argv) != 4:
    sys.exit(__doc__)
cache, corpus, truth_path = sys.argv[1:]
corpus = os.path.realpath(corpus)
truth = {}
with open(truth_path) as f:
    next(f)
    for line in f:
        path, story, cluster, kind = line.rstrip("\n").split("\t")
        truth[os.path.join(corpus, path)] = int(cluster)
db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
origin = dict(db.execute("SELECT id, origin FROM articles"))
planted = defaultdict(set)
for path, c in truth.items():
    if c >= 0:
        planted[c].add(path)
true_pairs = set()
for members in planted.values():
    true_pairs.update(frozenset(p) for p in combinations(sorted(members), 2))
found = defaultdict(set)
for aid, cid in db.execute("SELECT id, cluster_id FROM articles WHERE cluster_id IS NOT NULL"):
    found[cid].add(origin[aid])
found_pairs = set()
for members in found.values():
    found_pairs.update(frozenset(p) for p in combinations(sorted(members), 2))
links = set()
for a, b in db.execute("SELECT article_id, other_id FROM related WHERE label IN ('duplicate', 'rewrite')"):
    links.add(frozenset((origin[a], origin[b])))
def same_cluster(pair):
    x, y = tuple(pair)
    return truth.get(x, -1) >= 0 and truth.get(x) == truth.get(y)
tp = len(found_pairs & true_pairs)
print(f"articles {len(origin)}, planted clusters {len(planted)} ({sum(map(len, planted.values()))} articles, {len(true_pairs)} pairs)")
print(f"cluster pairs: found {len(found_pairs)}, right {tp}: "
      f"precision {tp / max(1, len(found_pairs)):.4f}, recall {tp / max(1, len(true_pairs)):.4f}")
right = sum(1 for l in links if same_cluster(l))
linked = set()
for l in links:
    linked.update(l)
in_planted = {p for m in planted.values() for p in m}
print(f"labelled links: {len(links)}, right {right}: precision {right / max(1, len(links)):.4f}; "
      f"articles of planted clusters with a duplicate/rewrite link: "
      f"{len(linked & in_planted)}/{len(in_planted)} = {len(linked & in_planted) / max(1, len(in_planted)):.4f}")
