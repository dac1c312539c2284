"""Time ``ct.load_corpus`` on a folder of articles, beside bare ``jieba.lcut`` on the same text.

    python benchmarks/ingest_speed.py FOLDER [FOLDER ...] [--repeat R] [--modes serial parallel default]
                                      [--baseline SRC [--rounds K]]

Build a folder with ``synthetic.build_corpus(n, folder)``. For each folder and mode it starts a fresh
Python process that warms up (imports corpus_tools and loads its tables on the bundled corpus,
initialises jieba), times ``jieba.lcut`` on the cleaned text of every article, then times
``load_corpus(folder)`` R times, each with an empty cache (on disk and in memory: the cleaner's
memory of lines it has classified is emptied too), and prints the fastest run:

* ``serial``: every file read and cleaned in this process;
* ``parallel``: files spread over every core (dask processes), whatever their size;
* ``default``: as ``load_corpus`` decides (``assembly.PARALLEL_BYTES``).

Processor time counts this process and its finished workers. The ratio is the jieba time divided by
the loading time (above 1: loading costs less than segmenting the same text once).

With ``--baseline SRC`` (a folder holding another version of the package, for instance made by
``git archive main | tar -x -C SRC``), each measurement is made K times for the baseline and for this
checkout, alternately (baseline, current, baseline, current...), so that both see the same machine;
the last lines give, per folder and mode, the median times and the speed-up (baseline wall time over
current wall time, median over the rounds), and the median of each process's own ratio to jieba (which
discounts the share of the machine that other work took from that process) for both versions.
Each process imports the version it times (its folder first on ``PYTHONPATH``, run from an empty folder),
and says which it imported. ``--no-jieba`` times loading only (jieba's columns are then NaN).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, os, sys, time, warnings
import corpus_tools as ct
from corpus_tools.ingest import assembly
import jieba
folder, mode, repeat, with_jieba = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
jieba.setLogLevel(60)
jieba.initialize()
ct.load_corpus()
if mode == "serial":
    assembly.PARALLEL_BYTES = float("inf")
elif mode == "parallel":
    assembly.PARALLEL_BYTES = 0

def timed(function):
    wall, cpu = time.perf_counter(), os.times()
    result = function()
    after = os.times()
    processor = sum(after[i] - cpu[i] for i in range(4))  # user, system, children's user and system
    return result, time.perf_counter() - wall, processor

runs = []
for _ in range(repeat):
    ct.cache.clear_cache()
    classified = getattr(getattr(ct.ingest, "boilerplate", None), "_classified", None)
    if hasattr(classified, "cache_clear"):
        classified.cache_clear()  # the lines classified so far: a --baseline version's clear_cache may keep them
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus, wall, processor = timed(lambda: ct.load_corpus(folder))
    runs.append((wall, processor))
texts = corpus.text.tolist()
_, jieba_wall, jieba_processor = timed(lambda: [jieba.lcut(t) for t in texts]) if with_jieba else (None, float("nan"), float("nan"))
wall, processor = min(runs)
print(json.dumps({"articles": len(corpus), "load_wall": wall, "load_processor": processor,
                  "jieba_wall": jieba_wall, "jieba_processor": jieba_processor,
                  "module": os.path.realpath(ct.__file__)}))
"""


#: The checkout this script belongs to: the "current" version.
CHECKOUT = Path(__file__).resolve().parents[1]


def measure(folder: str, mode: str, repeat: int, source: str | None = None, jieba: bool = True) -> dict:
    """Return the timings of one fresh process (see the module's docstring); ``source`` is a folder
    whose ``corpus_tools`` is imported instead of this checkout's; without ``jieba`` its time is NaN.

    The process runs in an empty folder with the version's folder first on ``PYTHONPATH``: ``python -c``
    puts its working folder before ``PYTHONPATH``, so run from a checkout it would import that checkout
    whatever ``source`` says."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CORPUS_TOOLS_CACHE": cache}
        env["PYTHONPATH"] = os.pathsep.join([str(source or CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])])
        done = subprocess.run([sys.executable, "-c", _CHILD, folder, mode, str(repeat), "1" if jieba else "0"], env=env,
                              capture_output=True, text=True, check=True, cwd=cache)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["module"].startswith(str(Path(source or CHECKOUT).resolve())):
        raise RuntimeError(f"the {source or 'current'} run imported corpus_tools from {result['module']}")
    return result


def _row(folder: str, mode: str, version: str, r: dict) -> str:
    return (f"{folder} | {r['articles']} | {mode} | {version} | {r['load_wall']:.2f} | {r['load_processor']:.2f} | "
            f"{r['jieba_wall']:.2f} | {r['jieba_wall'] / r['load_wall']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=["serial", "parallel", "default"])
    parser.add_argument("--baseline", help="a folder with another version of corpus_tools to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="alternate runs of baseline and current (--baseline)")
    parser.add_argument("--no-jieba", action="store_true", help="time loading only (jieba's times are NaN)")
    args = parser.parse_args()
    print("folder | articles | mode | version | load wall s | load processor s | jieba wall s | "
          "ratio (jieba / load wall)")
    summary = []
    for folder in args.folders:
        for mode in args.modes:
            if not args.baseline:
                print(_row(folder, mode, "current", measure(folder, mode, args.repeat, jieba=not args.no_jieba)), flush=True)
                continue
            runs: dict[str, list[dict]] = {"baseline": [], "current": []}
            for _ in range(args.rounds):
                for version, source in (("baseline", args.baseline), ("current", None)):
                    runs[version].append(measure(folder, mode, args.repeat, source, jieba=not args.no_jieba))
                    print(_row(folder, mode, version, runs[version][-1]), flush=True)
            base = statistics.median(r["load_wall"] for r in runs["baseline"])
            current = statistics.median(r["load_wall"] for r in runs["current"])
            speedup = statistics.median(b["load_wall"] / c["load_wall"] for b, c in zip(runs["baseline"], runs["current"]))
            jieba = statistics.median(r["jieba_wall"] for r in runs["baseline"] + runs["current"])
            # each process's own ratio to jieba discounts what other work on the machine took from it
            own = {v: statistics.median(r["jieba_wall"] / r["load_wall"] for r in runs[v]) for v in runs}
            cpu = {v: statistics.median(r["load_processor"] for r in runs[v]) for v in runs}
            cpu_speedup = statistics.median(b["load_processor"] / c["load_processor"]
                                            for b, c in zip(runs["baseline"], runs["current"]))
            summary.append(f"{folder} | {mode} | baseline {base:.2f} s | current {current:.2f} s | "
                           f"speed-up {speedup:.2f}x | processor baseline {cpu['baseline']:.2f} s, current "
                           f"{cpu['current']:.2f} s, {cpu_speedup:.2f}x | jieba {jieba:.2f} s: ratio baseline {jieba / base:.2f}, "
                           f"current {jieba / current:.2f} | median of each process's own jieba ratio: "
                           f"baseline {own['baseline']:.2f}, current {own['current']:.2f} "
                           f"({own['current'] / own['baseline']:.2f}x)")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
