#!/usr/bin/env python3
"""How fast can SQLite's FTS5 alone index a corpus on this machine?

Usage: bench/fts5-ceiling.py CORPUS_DIR [LIMIT]

Reads the *.txt files below CORPUS_DIR (at most LIMIT, default 10000) and
indexes their raw text into FTS5 tables of three kinds, with lede's
settings (WAL, synchronous=NORMAL, transactions of 500, unicode61
remove_diacritics 2, automerge 16, crisismerge 64).  The result is an
upper bound for "lede import" with full-text indexing: lede does this and
more for every article.  Uses the system libsqlite3 through Python."""
import glob, os, sqlite3, sys, tempfile, time

if len(sys.argv) < 2:
    sys.exit(__doc__)
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.txt"), recursive=True))[:limit]
texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
print(f"{len(texts)} documents, {sum(map(len, texts)) // max(1, len(texts))} characters each on average")
for name, opts in (("stores its own copy of the text", ""),
                   ("contentless (as lede's external content)", ", content=''")):
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(os.path.join(tmp, "f.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body, "
                   f"tokenize='unicode61 remove_diacritics 2'{opts})")
        db.execute("INSERT INTO t(t, rank) VALUES('automerge', 16)")
        db.execute("INSERT INTO t(t, rank) VALUES('crisismerge', 64)")
        start = time.perf_counter()
        db.execute("BEGIN")
        for i, text in enumerate(texts):
            db.execute("INSERT INTO t(rowid, body) VALUES(?, ?)", (i + 1, text))
            if i % 500 == 499:
                db.execute("COMMIT")
                db.execute("BEGIN")
        db.execute("COMMIT")
        took = time.perf_counter() - start
        db.close()
    print(f"FTS5 {name}: {took:.2f} s, {len(texts) / took:.0f} documents/s")
