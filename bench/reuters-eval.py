#!/usr/bin/env python3
"""How lede's duplicate and rewrite labels fare on real wire copy.

Usage: bench/reuters-eval.py CACHE [N]

CACHE is a lede cache into which the articles of bench/reuters.py were
imported.  Reuters-21578 has no labels of its own, so this counts what
can be told from the text alone:
- re-issues: pairs with the same title and the same body (whitespace
  aside), and pairs with the same body of 300 characters or more.  Both
  are copies; recall is the share that lede labels duplicate.
- other companies: duplicate/rewrite pairs whose titles both carry a
  ticker (Reuters writes "<XON>") and the tickers differ.  These are
  reports from one template (dividends, earnings) about two companies,
  so every one is a false label.
- little shared text: duplicate/rewrite pairs whose bodies share under
  30% of the smaller's word 4-grams (numbers included).  A copy shares
  nearly all; most of these are recurring reports (weekly figures,
  market briefs) whose figures changed.
With N, also prints the first N pairs of the last two kinds.  Reads the
cache with Python's sqlite3; changes nothing."""
import re, sqlite3, sys
from collections import defaultdict
from itertools import combinations

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
show = int(sys.argv[2]) if len(sys.argv) == 3 else 0
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
arts = {i: (t, b) for i, t, b in
        db.execute("SELECT id, title, body FROM articles")}
labels = {}
for a, b, label in db.execute("SELECT article_id, other_id, label FROM related"):
    labels[(min(a, b), max(a, b))] = label
copies = {p for p, l in labels.items() if l in ("duplicate", "rewrite")}


def norm(s):
    return " ".join(s.split())


same_text, same_body = defaultdict(list), defaultdict(list)
for i, (t, b) in arts.items():
    same_text[(norm(t), norm(b))].append(i)
    if len(norm(b)) >= 300:
        same_body[norm(b)].append(i)
reissues = set()
for group in list(same_text.values()) + list(same_body.values()):
    reissues.update(combinations(sorted(group), 2))
found = sum(1 for p in reissues if labels.get(p) == "duplicate")
print(f"articles {len(arts)}; duplicate/rewrite pairs {len(copies)}")
print(f"re-issues {len(reissues)}, labelled duplicate {found}: "
      f"recall {found / max(1, len(reissues)):.4f}")

ticker = re.compile(r"<([A-Z][A-Z0-9.]*)>")
other = []
for a, b in copies:
    ta, tb = ticker.findall(arts[a][0]), ticker.findall(arts[b][0])
    if ta and tb and not set(ta) & set(tb):
        other.append((a, b))
print(f"other companies: {len(other)} of {len(copies)} "
      f"({len(other) / max(1, len(copies)):.2%})")


def grams(s):
    w = re.findall(r"\w+", s.lower())
    return {tuple(w[i:i + 4]) for i in range(len(w) - 3)}


little = []
for a, b in copies:
    x, y = grams(arts[a][1]), grams(arts[b][1])
    if x and y and len(x & y) / min(len(x), len(y)) < 0.3:
        little.append((a, b))
print(f"little shared text: {len(little)} of {len(copies)} "
      f"({len(little) / max(1, len(copies)):.2%})")
for a, b in sorted(set(other + little))[:show]:
    print(f"  {a} {b}: {arts[a][0][:50]} | {arts[b][0][:50]}")
