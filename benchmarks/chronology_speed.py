"""Processor time of the chronology's per-article work (``text_events``) on a folder of articles,
against another copy of the package (for instance main's) in the same run.

    python benchmarks/chronology_speed.py FOLDER [--vs SOURCE_ROOT] [--repeat R] [--whole | --years]

Each run is a fresh Python process that imports ``corpus_tools`` (from this checkout, or with
``--source ROOT`` from the package under ROOT), loads FOLDER with an empty cache, reads every article
as the pipeline does (sentences, folding, mentions), warms up on one sentence, and then times, in
processor time, ``text_events`` on every article in order, in one process (as one worker of
``analyse_corpus`` does); with ``--whole``, ``pipeline.analyse_articles`` on all of them instead (the
whole per-article analysis: sentences, mentions, stance, chronology); with ``--years``, after
``analyse_corpus``, ``choose_years`` over the corpus's events (the years of the month-days that
undated articles print, chosen in the parent process: it matters on a folder of scraped pages without
``articles.csv``, where many articles are undated; the synthetic corpus's ``.txt`` files alone are one). With ``--vs`` the two copies run in turn, A B A B ..., R times each, and it
prints each one's median and the ratio of the medians (above 1: this checkout is faster). Both must
give the same events; the run fails otherwise. Build FOLDER with ``benchmarks/synthetic.py`` (whose
copies each have their own publication date, so no memory keyed by the reference time flatters it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time


def _import_from(source: str | None):
    """Import corpus_tools from ``source`` (a folder holding the package), ahead of any editable install."""
    if source:
        sys.meta_path[:] = [finder for finder in sys.meta_path if "editable" not in repr(finder).lower()]
        sys.path.insert(0, source)
    import corpus_tools

    return corpus_tools


def measure(folder: str, source: str | None, whole: bool = False, years: bool = False) -> dict:
    """Return the processor seconds of ``text_events`` (``whole``: of ``analyse_articles``; ``years``:
    of ``choose_years``) over every article of ``folder`` and a digest of what it gives."""
    ct = _import_from(source)
    if years:
        return _measure_years(ct, folder)
    from corpus_tools.chronology import ArticleReading, text_events
    from corpus_tools.entities import find_all_mentions
    from corpus_tools.scripts import fold
    from corpus_tools.text import split_sentences

    corpus = ct.load_corpus(folder)
    readings = []
    for article_id, text, published in zip(corpus.article_id, corpus.text, corpus.published):
        spans, folded = split_sentences(text), fold(text)
        mentions = [find_all_mentions(text[s:e], folded[s:e]) for s, e in spans]
        readings.append((article_id, text, published, ArticleReading(spans, folded, mentions)))
    if whole:
        from corpus_tools.pipeline import analyse_articles

        analyse_articles([("warm-up", "奥特曼周一回到了OpenAI总部。", readings[0][2])])
        start = time.process_time()
        events = analyse_articles([reading[:3] for reading in readings])
        seconds = time.process_time() - start
        events = [sorted(article.items()) for article in events]
        return {"seconds": seconds, "articles": len(readings), "events": sum(len(dict(a)["events"]) for a in events),
                "digest": hashlib.sha256(pickle.dumps(events)).hexdigest(), "package": os.path.dirname(ct.__file__)}
    text_events("warm-up", "奥特曼周一回到了OpenAI总部。", readings[0][2])
    start = time.process_time()
    events = [text_events(*reading) for reading in readings]
    seconds = time.process_time() - start
    digest = hashlib.sha256(pickle.dumps([sorted(map(repr, e)) for e in events])).hexdigest()
    return {"seconds": seconds, "articles": len(readings), "events": sum(map(len, events)), "digest": digest,
            "package": os.path.dirname(ct.__file__)}


def _measure_years(ct, folder: str) -> dict:
    import warnings

    from corpus_tools.chronology import choose_years

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the undated articles are listed, as they should be
        corpus = ct.load_corpus(folder)
    analysis = ct.analyse_corpus(corpus, progress=False)
    events = analysis._core.pieces.read("events")  # each article's events as read, before the years are chosen
    by_id = corpus.set_index("article_id")
    start = time.process_time()
    chosen = choose_years(events, by_id.published, by_id.text)
    seconds = time.process_time() - start
    return {"seconds": seconds, "articles": len(corpus), "events": len(chosen),
            "undated": int(corpus.published.isna().sum()),
            "digest": hashlib.sha256(pickle.dumps(chosen.to_dict("records"))).hexdigest(),
            "package": os.path.dirname(ct.__file__)}


def _run(folder: str, source: str | None, whole: bool, years: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        command = [sys.executable, __file__, folder, "--child"] + (["--source", source] if source else []) \
            + (["--whole"] if whole else []) + (["--years"] if years else [])
        out = subprocess.run(command, check=True, capture_output=True, text=True,
                             env=dict(os.environ, CORPUS_TOOLS_CACHE=cache)).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--source", help="import corpus_tools from this folder")
    parser.add_argument("--vs", help="a second copy's folder, timed in turn with this one")
    parser.add_argument("--repeat", type=int, default=5)
    timed = parser.add_mutually_exclusive_group()
    timed.add_argument("--whole", action="store_true", help="time analyse_articles, not text_events alone")
    timed.add_argument("--years", action="store_true", help="time choose_years over the analysed corpus's events")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.folder, args.source, args.whole, args.years)))
        return
    runs: dict[str, list[dict]] = {"this": [], "vs": []}
    for _ in range(args.repeat):
        runs["this"].append(_run(args.folder, args.source, args.whole, args.years))
        if args.vs:
            runs["vs"].append(_run(args.folder, args.vs, args.whole, args.years))
    timed = "analyse_articles" if args.whole else "choose_years" if args.years else "text_events"
    for name, results in runs.items():
        if results:
            seconds = [r["seconds"] for r in results]
            undated = f" ({results[0]['undated']} undated)" if args.years else ""
            print(f"{name}: {timed} {statistics.median(seconds):.3f} s median of {[round(s, 3) for s in seconds]},"
                  f" {results[0]['articles']} articles{undated}, {results[0]['events']} events ({results[0]['package']})")
    if args.vs:
        if {r["digest"] for r in runs["this"] + runs["vs"]} != {runs["this"][0]["digest"]}:
            sys.exit("the two copies give different events")
        ratio = statistics.median(r["seconds"] for r in runs["vs"]) / statistics.median(r["seconds"] for r in runs["this"])
        pairs = [v["seconds"] / t["seconds"] for t, v in zip(runs["this"], runs["vs"])]
        print(f"ratio vs/this of the medians {ratio:.2f} (pair by pair {[round(p, 2) for p in pairs]}); same events")


if __name__ == "__main__":
    main()
