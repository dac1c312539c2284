"""Pipeline throughput and peak memory, beside bare jieba on the same text, at several corpus sizes.

    python benchmarks/throughput.py [N ...]        # default: 250 2500; run by `make bench`

For each N it builds a corpus of N distinct articles (``synthetic.build_corpus``), then, in a fresh
Python process with an empty cache (so every article is computed, nothing is served from disk):

1. warms up: imports corpus_tools and loads its dictionaries and models on one sentence, and
   initialises jieba's default dictionary (both sides start warm, so neither pays a load time);
2. times bare ``jieba.lcut`` on the cleaned text of every article, before and after the pipeline, and
   keeps the faster of the two (the stricter baseline: this machine's speed drifts between runs);
3. times the whole pipeline on the same articles: ``ct.load_corpus(folder)`` (decode, clean) and
   ``ct.analyse_corpus(corpus)`` (sentences, tokens, mentions, stance on the target's sentences,
   chronology), as a user calls them, with the default number of processes;
4. samples the memory (PSS) of the process and its worker processes every 50 ms.

Throughput is the cleaned characters divided by the wall time. Results are printed and written to
``benchmarks/results/throughput.csv``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


class PeakMemory:
    """Samples the memory of this process and its children; ``peak`` in bytes.

    On Linux it sums the proportional set size (PSS): forked workers share their parent's pages,
    and PSS counts a shared page once in all, where RSS would count it in every process."""

    def __init__(self, interval: float = 0.05):
        import psutil

        self.process, self.interval, self.peak = psutil.Process(), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _memory(process) -> int:
        try:
            return process.memory_full_info().pss
        except AttributeError:  # no PSS outside Linux
            return process.memory_info().rss

    def _sample(self) -> int:
        total = self._memory(self.process)
        for child in self.process.children(recursive=True):
            try:
                total += self._memory(child)
            except Exception:  # noqa: BLE001 - a worker may exit between listing and reading
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self.interval)

    def __enter__(self):
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def measure(folder: str) -> dict:
    """Return the measurements for one corpus folder (run in a fresh process)."""
    import jieba

    import corpus_tools as ct

    ct.stance("奥特曼周一回到了OpenAI总部。")  # loads the tokenizer, lexicons and the learned model
    ct.chronology(ct.load_corpus())  # loads jionlp (the cache is empty: this computes)
    jieba.setLogLevel(40)
    jieba.initialize()

    texts = ct.load_corpus(folder).text.tolist()  # the cleaned text both sides process
    chars = sum(len(t) for t in texts)

    def bare_jieba() -> float:
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        return time.perf_counter() - start

    jieba_runs = [bare_jieba()]

    ct.cache.clear_cache()  # the corpus load above filled it: the pipeline must start cold
    with PeakMemory() as memory:
        baseline = memory.peak
        start = time.perf_counter()
        corpus = ct.load_corpus(folder)
        analysis = ct.analyse_corpus(corpus, progress=False)
        pipeline_seconds = time.perf_counter() - start

    start = time.perf_counter()
    ct.analyse_corpus(ct.load_corpus(folder), progress=False)
    cached_seconds = time.perf_counter() - start
    jieba_runs.append(bare_jieba())  # before and after the pipeline; the faster counts (the stricter ratio)
    jieba_seconds = min(jieba_runs)
    return {
        "articles": len(corpus), "chars": chars, "sentences": len(analysis.sentences),
        "target_sentences": len(analysis.stance), "events": len(analysis.chronology),
        "jieba_seconds": jieba_seconds, "jieba_runs": " ".join(f"{t:.2f}" for t in jieba_runs),
        "pipeline_seconds": pipeline_seconds, "cached_seconds": cached_seconds,
        "memory_before_mb": baseline / 2**20, "peak_memory_mb": memory.peak / 2**20, "cpus": os.cpu_count(),
    }


def run(n: int) -> dict:
    """Build a corpus of ``n`` articles and measure it in a fresh process with an empty cache."""
    sys.path.insert(0, str(HERE))
    from synthetic import build_corpus

    with tempfile.TemporaryDirectory() as work:
        os.environ["CORPUS_TOOLS_CACHE"] = "off"  # building and checking the corpus must not fill the user's cache
        folder = build_corpus(n, Path(work) / "corpus")
        env = {**os.environ, "CORPUS_TOOLS_CACHE": str(Path(work) / "cache")}
        done = subprocess.run([sys.executable, __file__, "--measure", str(folder)], env=env, check=True,
                              capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["jieba_chars_per_second"] = result["chars"] / result["jieba_seconds"]
    result["pipeline_chars_per_second"] = result["chars"] / result["pipeline_seconds"]
    result["ratio"] = result["pipeline_chars_per_second"] / result["jieba_chars_per_second"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 2500])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    import pandas as pd

    rows = []
    for n in args.sizes:
        rows.append(run(n))
        row = rows[-1]
        print(f"N={n:>5}: {row['chars']:>10,} chars | jieba.lcut {row['jieba_chars_per_second']:>9,.0f} chars/s | "
              f"pipeline {row['pipeline_chars_per_second']:>9,.0f} chars/s | ratio {row['ratio']:.2f} | "
              f"peak memory {row['peak_memory_mb']:,.0f} MB (before {row['memory_before_mb']:,.0f} MB) | "
              f"rerun from cache {row['cached_seconds']:.1f} s", flush=True)
    table = pd.DataFrame(rows)
    if len(table) > 1:
        first, last = table.iloc[0], table.iloc[-1]
        growth = (last.peak_memory_mb - last.memory_before_mb) / max(first.peak_memory_mb - first.memory_before_mb, 1e-9)
        print(f"memory above the start grows {growth:.1f}x for {last.articles / first.articles:.0f}x the articles")
    RESULTS.mkdir(exist_ok=True)
    table.round(4).to_csv(RESULTS / "throughput.csv", index=False)


if __name__ == "__main__":
    main()
