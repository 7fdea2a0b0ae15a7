#!/usr/bin/env python3
"""Write the Reuters-21578 wire stories as articles lede imports.

Usage: bench/reuters.py TARBALL OUTDIR

TARBALL is reuters21578.tar.gz (../shared/corpus/; research licence:
benchmarks only, so the files go to OUTDIR and never into the project).
Each story with a body becomes OUTDIR/NNN/NEWID.txt in the seed format:
"date YYYY-MM-DD" and the title on the first line, then the body's
paragraphs (the wire indents each one) joined into lines, without the
closing "Reuter".  Also writes OUTDIR/stories.tsv (newid, date, title,
body hash): stories with the same body hash are re-issues of one text,
which lede must label duplicates.  Prints a summary line."""
import hashlib, html, os, re, sys, tarfile

if len(sys.argv) != 3:
    sys.exit(__doc__)
tarball, out = sys.argv[1:]
MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
story_re = re.compile(r"<REUTERS(.*?)</REUTERS>", re.S)
field = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S)
         for k in ("DATE", "TITLE", "BODY")}
newid_re = re.compile(r'NEWID="(\d+)"')
date_re = re.compile(r"\s*(\d+)-([A-Z]{3})-(\d{4})")


def clean(s):
    # Entities such as &#3; are control characters; they go, as the wire's
    # end-of-text marks.
    s = html.unescape(s)
    return "".join(c for c in s if c >= " " or c == "\n")


def paragraphs(body):
    paras, cur = [], []
    for line in body.split("\n"):
        if (line.startswith(" ") or not line.strip()) and cur:
            paras.append(" ".join(cur))
            cur = []
        if line.strip():
            cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    if paras:
        paras[-1] = re.sub(r"\s*Reuter\s*$", "", paras[-1])
        if not paras[-1]:
            paras.pop()
    return paras


n = skipped = 0
os.makedirs(out, exist_ok=True)
with tarfile.open(tarball) as tar, \
        open(os.path.join(out, "stories.tsv"), "w") as tsv:
    tsv.write("newid\tdate\ttitle\tbody_sha1\n")
    members = sorted((m for m in tar.getmembers()
                      if re.search(r"reut2-\d+\.sgm$", m.name)),
                     key=lambda m: m.name)
    for m in members:
        text = tar.extractfile(m).read().decode("latin-1")
        for s in story_re.finditer(text):
            s = s.group(1)
            body = field["BODY"].search(s)
            date = date_re.match(field["DATE"].search(s).group(1))
            if not body or not date:
                skipped += 1
                continue
            newid = int(newid_re.search(s).group(1))
            title = field["TITLE"].search(s)
            title = " ".join(clean(title.group(1)).split()) if title else ""
            paras = paragraphs(clean(body.group(1)))
            if not paras:
                skipped += 1
                continue
            day = "%s-%02d-%02d" % (date.group(3), MONTHS[date.group(2)],
                                    int(date.group(1)))
            d = os.path.join(out, "%03d" % (newid // 1000))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "%05d.txt" % newid), "w") as f:
                f.write("date %s %s\n\n" % (day, title or paras[0][:80]))
                f.write("\n\n".join(paras) + "\n")
            digest = hashlib.sha1(" ".join(paras).encode()).hexdigest()
            tsv.write("%d\t%s\t%s\t%s\n" % (newid, day, title, digest))
            n += 1
print("%d stories written to %s, %d without a body" % (n, out, skipped))
