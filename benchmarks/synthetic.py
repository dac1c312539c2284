"""Build a corpus of N distinct articles from the five bundled ones, for benchmarks.

Copy ``k`` of an article keeps its page chrome as scraped (so the cleaner has the same work to
do) and perturbs every body line the same way wherever the line occurs (so a body printed twice
is still recognised): Altman's name takes another of its spellings, odd copies are converted to
Traditional script, and each sentence gets a bracketed code, unique in the whole corpus, made of
characters that are neither names nor time words (甲乙丙…). No sentence repeats across the corpus;
``build_corpus`` checks this and raises if it ever does. Copy ``k`` is published ``k`` days after its
original, so that no two articles share a publication time (what a time expression is read against):
fifty copies read against one moment would let any memory of readings flatter the benchmark.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import corpus_tools as ct
from corpus_tools.cleaning import clean_page
from corpus_tools.loading import decode
from corpus_tools.paths import ARTICLES_CSV, RAW_DIR
from corpus_tools.text import split_corpus, split_sentences

_CODE_DIGITS = "甲乙丙丁戊己庚辛壬癸"
_ALTMAN_SPELLINGS = ["奥特曼", "阿尔特曼", "奥尔特曼", "阿特曼"]
_METADATA_FIELDS = ["title", "outlet", "original_source", "url", "published", "date_basis"]


def code(number: int) -> str:
    """Return ``number`` written with the ten heavenly stems (0 -> 甲, 12 -> 乙丙)."""
    digits = ""
    while True:
        number, digit = divmod(number, 10)
        digits = _CODE_DIGITS[digit] + digits
        if number == 0:
            return digits


def _to_traditional():
    from opencc import OpenCC

    return OpenCC("s2t").convert


def perturb_line(line: str, copy: int, serial: itertools.count, traditional) -> str:
    """Return a body line of copy ``copy``: another spelling of Altman, Traditional script for odd
    copies, and a unique code before the end of each sentence."""
    line = line.replace("奥特曼", _ALTMAN_SPELLINGS[copy % len(_ALTMAN_SPELLINGS)])
    pieces, position = [], 0
    for start, end in split_sentences(line):
        sentence = line[start:end]
        cut = len(sentence.rstrip("。！？!?”’」』》〉)）】\""))
        tag = f"（{code(copy)}之{code(next(serial))}）"
        pieces.append(line[position:start] + sentence[:cut] + tag + sentence[cut:])
        position = end
    line = "".join(pieces) + line[position:]
    return traditional(line) if copy % 2 else line


def later(published: str, days: int) -> str:
    """Return a publication time (``2023-11-18 10:06:20`` or ``2024-09-27``) ``days`` later, in its format.

    >>> later("2023-11-18 10:06:20", 14), later("2024-09-27", 1)
    ('2023-12-02 10:06:20', '2024-09-28')
    """
    from datetime import datetime, timedelta

    form = "%Y-%m-%d %H:%M:%S" if " " in published.strip() else "%Y-%m-%d"
    return (datetime.strptime(published.strip(), form) + timedelta(days=days)).strftime(form)


def build_corpus(n: int, folder: str | Path) -> Path:
    """Write ``n`` articles and their ``articles.csv`` into ``folder``; return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with ARTICLES_CSV.open(encoding="utf-8") as handle:
        originals = list(csv.DictReader(handle))
    pages = []
    for row in originals:
        raw, _ = decode((RAW_DIR / row["file"]).read_bytes(), row["file"])
        lines = raw.split("\n")
        removed = {r.line_no for r in clean_page(raw).removed if r.kind != "repeated_body"}
        pages.append((row, lines, {i for i, line in enumerate(lines, start=1) if line.strip() and i not in removed}))
    traditional = _to_traditional()
    rows = []
    for number in range(n):
        copy, (row, lines, body) = divmod(number, len(pages))[0], pages[number % len(pages)]
        serial, seen = itertools.count(), {}
        out = []
        for i, line in enumerate(lines, start=1):
            if i in body:
                if line.strip() not in seen:
                    seen[line.strip()] = perturb_line(line.strip(), copy, serial, traditional)
                line = seen[line.strip()]
            out.append(line)
        name = f"{row['article_id']}_{copy:04d}.txt"
        (folder / name).write_text("\n".join(out), encoding="utf-8")
        rows.append({"article_id": name[:-4], "file": name, **{k: row[k] for k in _METADATA_FIELDS},
                     "published": later(row["published"], copy)})
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["article_id", "file", *_METADATA_FIELDS])
        writer.writeheader()
        writer.writerows(rows)
    _check_distinct(folder, n)
    return folder


def _check_distinct(folder: Path, n: int) -> None:
    corpus = ct.load_corpus(folder)
    if len(corpus) != n:
        raise RuntimeError(f"{folder}: built {n} articles but {len(corpus)} load")
    sents = split_corpus(corpus)  # the sentences only: not the whole analysis
    repeated = sents.text[sents.text.duplicated()]
    if len(repeated):
        raise RuntimeError(f"{folder}: {len(repeated)} sentences repeat, e.g. {repeated.iloc[0]!r}")
