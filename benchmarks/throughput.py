"""Throughput and peak memory of both ways to analyse a corpus, beside bare jieba on the same text.

    python benchmarks/throughput.py [N ...] [--repeat R]   # default: 250 2500, 3 runs; run by `make bench`

For each N it builds a corpus of N distinct articles (``synthetic.build_corpus``), then, R times, in
a fresh Python process:

1. warms up: imports corpus_tools and loads its dictionaries and models on one sentence, imports
   dask (which corpus_tools imports on its first work over the cores, about 0.17 s), and initialises
   jieba's default dictionary (both sides start warm, so neither pays a load time);
2. times bare ``jieba.lcut`` on the cleaned text of every article, before and after the two paths,
   and keeps the faster of the two (the stricter baseline: this machine's speed drifts);
3. times, each with an empty cache (disk and memory), the two ways a user analyses the articles:
   - the pipeline: ``ct.load_corpus(folder)`` then ``ct.analyse_corpus(corpus)``;
   - the public helpers one after another, as the README shows them: ``ct.load_corpus(folder)``,
     ``ct.sentences(corpus)``, ``ct.find_mentions`` on every sentence, ``ct.stance`` on the
     target's sentences (``ct.target_sentences``), ``ct.chronology(corpus)``;
   and checks that both give the same tables;
4. runs each path once more, again with an empty cache, sampling the memory (PSS) of the process
   and its worker processes every 100 ms: the memory is measured apart from the timing, because each
   sample costs the parent tens of milliseconds of processor time (it reads /proc of every process),
   which would slow the path it measures and not bare jieba;
5. in the first run only, segments every sentence with jieba itself and counts the sentences whose
   tokens differ from the compiled segmenter's (``ct.tokenize``).

Each ratio is the bare-jieba time divided by the path's time, both measured in the same process
(above 1: faster than segmenting the text alone). Beside the wall-clock ratio, the processor-time
ratio (the process and its finished workers) tells the work done, which other load on a shared
machine does not change as much. Every run is written to
``benchmarks/results/throughput.csv``; the medians over the runs are printed.
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

    def __init__(self, interval: float = 0.1):
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
    import gc

    import jieba
    import pandas as pd

    import corpus_tools as ct

    ct.stance("奥特曼周一回到了OpenAI总部。")  # loads the segmenter, lexicons and the learned model
    ct.chronology(ct.load_corpus())  # loads jionlp (the cache is empty: this computes)
    # corpus_tools imports dask on its first task over the cores (not at its own import, which then stays
    # light): a library's load time like the dictionaries', which neither side should pay in its timing
    import dask.callbacks, dask.delayed, dask.multiprocessing  # noqa: E401, F401
    jieba.setLogLevel(40)
    jieba.initialize()

    texts = ct.load_corpus(folder).text.tolist()  # the cleaned text every side processes
    chars = sum(len(t) for t in texts)

    def cpu() -> float:
        """Processor seconds of this process and of its finished workers (the pools are joined)."""
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    jieba_cpu = []

    def bare_jieba() -> float:
        start, start_cpu = time.perf_counter(), cpu()
        for text in texts:
            jieba.lcut(text)
        jieba_cpu.append(cpu() - start_cpu)
        return time.perf_counter() - start

    def pipeline():
        corpus = ct.load_corpus(folder)
        loaded = time.perf_counter()
        analysis = ct.analyse_corpus(corpus, progress=False)
        return loaded, (analysis.sentences.drop(columns="tokens"), analysis.stance, analysis.chronology)

    def public_helpers():
        corpus = ct.load_corpus(folder)
        loaded = time.perf_counter()
        sents = ct.sentences(corpus)
        mentions = [ct.find_mentions(text, "altman") for text in sents.text]
        about = ct.target_sentences(sents, "altman")
        scored = pd.concat([about, ct.stance(about.text, "altman")], axis=1)
        events = ct.chronology(corpus)
        assert len(mentions) == len(sents)
        return loaded, (sents, scored, events)

    def timed(path) -> tuple[dict, tuple]:
        ct.cache.clear_cache()  # an empty cache, on disk and in memory: every article is computed
        gc.collect()
        start, start_cpu = time.perf_counter(), cpu()
        loaded, tables = path()
        seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
        return {"seconds": seconds, "load_seconds": loaded - start, "cpu_seconds": cpu_seconds}, tables

    def peak_memory(path) -> dict:
        """Run ``path`` again, with an empty cache, sampling its memory: a separate run, because one
        sample of the parent and its workers takes tens of milliseconds of the parent's processor time
        (psutil reads /proc/PID/smaps_rollup of each), which bare jieba's timing never pays."""
        ct.cache.clear_cache()
        gc.collect()
        with PeakMemory() as memory:
            baseline = memory.peak
            path()
        return {"memory_before_mb": baseline / 2**20, "peak_memory_mb": memory.peak / 2**20}

    jieba_runs = [bare_jieba()]
    pipeline_run, expected = timed(pipeline)
    public_run, found = timed(public_helpers)
    identical = all(a.equals(b) and list(a.columns) == list(b.columns) and (a.dtypes == b.dtypes).all()
                    for a, b in zip(expected, found))
    jieba_runs.append(bare_jieba())  # before and after both paths; the faster counts (the stricter ratio)
    pipeline_run.update(peak_memory(pipeline))
    public_run.update(peak_memory(public_helpers))

    start = time.perf_counter()
    ct.cache.clear_memory()
    ct.analyse_corpus(ct.load_corpus(folder), progress=False)
    cached_seconds = time.perf_counter() - start

    row = {"articles": len(texts), "chars": chars, "sentences": len(expected[0]), "target_sentences": len(expected[1]),
           "events": len(expected[2]), "identical_tables": identical, "jieba_seconds": min(jieba_runs),
           "jieba_runs": " ".join(f"{t:.2f}" for t in jieba_runs), "jieba_cpu_seconds": min(jieba_cpu),
           "cached_seconds": cached_seconds,
           "cpus": os.cpu_count()}
    for name, run in (("pipeline", pipeline_run), ("public", public_run)):
        row.update({f"{name}_{key}": value for key, value in run.items()})
        row[f"{name}_ratio"] = row["jieba_seconds"] / run["seconds"]
        row[f"{name}_cpu_ratio"] = row["jieba_cpu_seconds"] / run["cpu_seconds"]  # work, whatever the load
    if os.environ.get("CHECK_TOKENS") == "1":
        row["token_differences"] = _token_differences(expected[0].text.tolist())
    return row


def _token_differences(sentences: list[str]) -> int:
    """Return how many sentences jieba itself segments otherwise than the compiled segmenter."""
    from corpus_tools import text

    compiled = text.tokenize(sentences)
    text.segmenter.cache_clear()
    text.segmenter = lambda: text._jieba_cut  # jieba itself, as where rjieba is not installed
    text.cache.clear_memory()  # nothing read back from the analysis
    return sum(a != [t for t in text.tokens_of(s, text.token_spans(s))] for a, s in zip(compiled, sentences))


def run(n: int, folder: Path, first: bool) -> dict:
    """Measure the corpus in ``folder`` (``n`` articles) in a fresh process with an empty cache."""
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "CORPUS_TOOLS_CACHE": str(Path(work) / "cache"), "CHECK_TOKENS": "1" if first else "0"}
        done = subprocess.run([sys.executable, __file__, "--measure", str(folder)], env=env, check=True,
                              capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[250, 2500])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    import pandas as pd

    sys.path.insert(0, str(HERE))
    from synthetic import build_corpus

    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as work:
            os.environ["CORPUS_TOOLS_CACHE"] = "off"  # building and checking the corpus must not fill the user's cache
            folder = build_corpus(n, Path(work) / "corpus")
            for repeat in range(args.repeat):
                rows.append({"run": repeat + 1, **run(n, folder, first=repeat == 0)})
                RESULTS.mkdir(exist_ok=True)
                pd.DataFrame(rows).round(4).to_csv(RESULTS / "throughput.csv", index=False)  # after every run
                row = rows[-1]
                print(f"N={n:>5} run {repeat + 1}: {row['chars']:>10,} chars | jieba.lcut {row['jieba_seconds']:6.2f} s | "
                      f"pipeline {row['pipeline_seconds']:6.2f} s ({row['pipeline_ratio']:.2f}x, "
                      f"{row['pipeline_peak_memory_mb']:,.0f} MB) | public helpers {row['public_seconds']:6.2f} s "
                      f"({row['public_ratio']:.2f}x, {row['public_peak_memory_mb']:,.0f} MB) | processor time "
                      f"{row['pipeline_cpu_ratio']:.2f}x and {row['public_cpu_ratio']:.2f}x | "
                      f"identical tables {row['identical_tables']}"
                      + (f" | token differences {row['token_differences']}" if "token_differences" in row else ""),
                      flush=True)
    table = pd.DataFrame(rows)
    medians = table.groupby("articles").median(numeric_only=True)
    for n, row in medians.iterrows():
        print(f"N={n:>5} medians of {args.repeat}: pipeline {row.pipeline_ratio:.2f}x, public helpers "
              f"{row.public_ratio:.2f}x bare jieba (processor time {row.pipeline_cpu_ratio:.2f}x and "
              f"{row.public_cpu_ratio:.2f}x); peak memory {row.pipeline_peak_memory_mb:,.0f} MB and "
              f"{row.public_peak_memory_mb:,.0f} MB (before: {row.pipeline_memory_before_mb:,.0f} MB); "
              f"rerun from the cache {row.cached_seconds:.1f} s")
    if len(medians) > 1:
        first, last = medians.iloc[0], medians.iloc[-1]
        for name in ("pipeline", "public"):
            growth = ((last[f"{name}_peak_memory_mb"] - last[f"{name}_memory_before_mb"])
                      / max(first[f"{name}_peak_memory_mb"] - first[f"{name}_memory_before_mb"], 1e-9))
            print(f"{name}: memory above the start grows {growth:.1f}x for "
                  f"{medians.index[-1] / medians.index[0]:.0f}x the articles")


if __name__ == "__main__":
    main()
