"""Time ``ct.load_corpus`` on a folder of articles, beside bare ``jieba.lcut`` on the same text.

    python benchmarks/ingest_speed.py FOLDER [FOLDER ...] [--repeat R] [--modes serial parallel default]

Build a folder with ``synthetic.build_corpus(n, folder)``. For each folder and mode it starts a fresh
Python process that warms up (imports corpus_tools and loads its tables on the bundled corpus,
initialises jieba), times ``jieba.lcut`` on the cleaned text of every article, then times
``load_corpus(folder)`` R times, each with an empty cache, and prints the fastest run:

* ``serial``: every file read and cleaned in this process;
* ``parallel``: files spread over every core (dask processes), whatever their size;
* ``default``: as ``load_corpus`` decides (``assembly.PARALLEL_BYTES``).

Processor time counts this process and its finished workers. The ratio is the jieba time divided by
the loading time (above 1: loading costs less than segmenting the same text once).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

_CHILD = r"""
import json, os, sys, time, warnings
import corpus_tools as ct
from corpus_tools.ingest import assembly
import jieba
folder, mode, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus, wall, processor = timed(lambda: ct.load_corpus(folder))
    runs.append((wall, processor))
texts = corpus.text.tolist()
_, jieba_wall, jieba_processor = timed(lambda: [jieba.lcut(t) for t in texts])
wall, processor = min(runs)
print(json.dumps({"articles": len(corpus), "load_wall": wall, "load_processor": processor,
                  "jieba_wall": jieba_wall, "jieba_processor": jieba_processor}))
"""


def measure(folder: str, mode: str, repeat: int) -> dict:
    """Return the timings of one fresh process (see the module's docstring)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CORPUS_TOOLS_CACHE": cache}
        done = subprocess.run([sys.executable, "-c", _CHILD, folder, mode, str(repeat)], env=env,
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--modes", nargs="+", default=["serial", "parallel", "default"])
    args = parser.parse_args()
    print("folder | articles | mode | load wall s | load processor s | jieba wall s | ratio (jieba / load wall)")
    for folder in args.folders:
        for mode in args.modes:
            r = measure(folder, mode, args.repeat)
            print(f"{folder} | {r['articles']} | {mode} | {r['load_wall']:.2f} | {r['load_processor']:.2f} | "
                  f"{r['jieba_wall']:.2f} | {r['jieba_wall'] / r['load_wall']:.2f}", flush=True)


if __name__ == "__main__":
    main()
