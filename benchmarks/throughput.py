"""Throughput and peak memory of both ways to analyse a corpus, beside bare jieba on the same text.

    python benchmarks/throughput.py [N ...] [--repeat R]   # default: 250 2500, 3 runs; run by `make bench`
    python benchmarks/throughput.py --scale [N ...] [--cluster] [--corpora DIR]
                                                           # 2500 25000 in `make bench`, 100000 in `make bench-large`

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

With ``--scale`` (the corpora of a news database's export: 25,000 and 100,000 articles), each N is
measured once, in a fresh process, by ``measure_scale``: the pipeline with an empty cache
(``load_corpus``, ``analyse_corpus``, and two aggregates read from the store as a notebook reads them:
stance per day, mentions per person), with ``--cluster`` the same on a
``dask.distributed`` ``LocalCluster`` of one single-threaded worker process per core, into another
empty cache, whose tables are then compared with the first run's, article by article, and last bare
``jieba.lcut`` on the cleaned text (loaded after the pipeline, so its texts are never in the pipeline's
memory; what is measured so far is kept in ``results/.scale_N_partial.json`` as it comes). The memory (PSS)
of the parent and of its workers (the forked processes, or the cluster's scheduler-side nannies and
workers, all children of the parent) is sampled during the timed run by a separate process
(``--sample``), so the sampling costs the parent nothing. Rows go to
``benchmarks/results/scale.csv``. ``--corpora DIR`` keeps the built corpora in DIR for the next run.

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


class SampledMemory:
    """Samples the memory (PSS) of a process and of its descendants from another process (``--sample``),
    so that the sampling costs the measured process nothing; ``result`` holds, in MB, the peak of the
    whole (at one instant), of the process alone and of its descendants together."""

    def __init__(self, pid: int | None = None, interval: float = 0.25):
        self.pid, self.interval, self.result = pid or os.getpid(), interval, {}

    def __enter__(self):
        self._sampler = subprocess.Popen([sys.executable, __file__, "--sample", str(self.pid), str(self.interval)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self._sampler.stdout.readline()  # ready: its first sample is taken
        return self

    def __exit__(self, *exc):
        out, _ = self._sampler.communicate("")
        self.result = json.loads(out.strip().splitlines()[-1])


def sample(pid: int, interval: float) -> dict:
    """Sample the PSS of ``pid`` and its descendants every ``interval`` seconds until stdin closes;
    return the peaks in MB (the sampler itself is not counted)."""
    import psutil

    process, me = psutil.Process(pid), os.getpid()
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    peaks = {"peak_total_mb": 0.0, "peak_parent_mb": 0.0, "peak_workers_mb": 0.0, "start_total_mb": None}

    def once() -> None:
        parent = PeakMemory._memory(process)
        workers = 0
        for child in process.children(recursive=True):
            if child.pid == me:
                continue
            try:
                workers += PeakMemory._memory(child)
            except Exception:  # noqa: BLE001 - a worker may exit between listing and reading
                pass
        total = (parent + workers) / 2**20
        if peaks["start_total_mb"] is None:
            peaks["start_total_mb"] = total
        peaks["peak_total_mb"] = max(peaks["peak_total_mb"], total)
        peaks["peak_parent_mb"] = max(peaks["peak_parent_mb"], parent / 2**20)
        peaks["peak_workers_mb"] = max(peaks["peak_workers_mb"], workers / 2**20)

    once()
    print("ready", flush=True)
    while not stop.wait(interval):
        once()
    once()
    return peaks


def measure_scale(folder: str, cluster: bool) -> dict:
    """Return the scale measurements of one corpus folder (run in a fresh process whose
    ``CORPUS_TOOLS_CACHE`` is an empty folder)."""
    import gc

    import jieba

    import corpus_tools as ct

    ct.stance("奥特曼周一回到了OpenAI总部。")  # loads the segmenter, lexicons and the learned model
    ct.chronology(ct.load_corpus())  # loads jionlp
    import dask.callbacks, dask.delayed, dask.multiprocessing  # noqa: E401, F401
    jieba.setLogLevel(40)
    jieba.initialize()
    cache = Path(os.environ["CORPUS_TOOLS_CACHE"])

    def cpu() -> float:
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    row = {"cpus": os.cpu_count()}
    partial = os.environ.get("PARTIAL_RESULTS")

    def record() -> None:
        """Write what is measured so far (a long run that is stopped still leaves its figures)."""
        if partial:
            Path(partial).write_text(json.dumps(row, default=str))

    def pipeline(scheduler=None) -> tuple:
        """The pipeline as a notebook on a large corpus runs it: the tables stay in the store, and
        the figures read the columns they aggregate."""
        corpus = ct.load_corpus(folder)
        loaded = time.perf_counter()
        analysis = ct.analyse_corpus(corpus, progress=False, scheduler=scheduler)
        stance = analysis.read("stance", ["published", "label"])
        per_day = stance.groupby(stance.published.dt.floor("D")).label.agg(["mean", "size"])
        people = sum((part.entity_id.value_counts() for part in analysis.parts("mentions", ["entity_id"])),
                     start=pd.Series(dtype="int64"))
        summary = {"articles": len(corpus), "sentences": sum(len(p) for p in analysis.parts("sentences", ["sentence_id"])),
                   "target_sentences": len(stance), "events": len(analysis.events),
                   "chronology_rows": len(analysis.chronology), "days": len(per_day), "people": len(people)}
        return loaded, analysis, summary

    def timed(name: str, scheduler=None):
        ct.cache.clear_memory()
        gc.collect()
        with SampledMemory() as memory:
            start, start_cpu = time.perf_counter(), cpu()
            loaded, analysis, summary = pipeline(scheduler)
            seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
        row.update({f"{name}_seconds": seconds, f"{name}_load_seconds": loaded - start, f"{name}_cpu_seconds": cpu_seconds,
                    **{f"{name}_{key}": value for key, value in memory.result.items()}})
        return analysis, summary

    import pandas as pd

    analysis, summary = timed("pipeline")
    row.update(summary)
    row["store_mb"] = sum(p.stat().st_size for p in (cache / "store").rglob("*.parquet")) / 2**20
    record()
    if cluster:
        from distributed import LocalCluster

        os.environ["CORPUS_TOOLS_CACHE"] = str(cache.parent / "cluster-cache")  # another empty store
        with LocalCluster(n_workers=os.cpu_count(), threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=40) as local:
            there, summary_there = timed("cluster", local.scheduler_address)
        row["cluster_same_summary"] = summary_there == summary
        row["cluster_identical_tables"] = _same_tables(analysis, there, ct.load_corpus(folder).article_id.tolist())
        record()
    # bare jieba last, on the texts the pipeline loaded (read again from the cache it filled), so
    # that its texts are never in the pipeline's memory; the ratios divide by it
    os.environ["CORPUS_TOOLS_CACHE"] = str(cache)
    texts = ct.load_corpus(folder).text.tolist()
    ct.cache.clear_memory()
    gc.collect()
    start, start_cpu = time.perf_counter(), cpu()
    for text in texts:
        jieba.lcut(text)
    row.update({"chars": sum(map(len, texts)), "jieba_seconds": time.perf_counter() - start,
                "jieba_cpu_seconds": cpu() - start_cpu})
    for name in ("pipeline", "cluster") if cluster else ("pipeline",):
        row[f"{name}_ratio"] = row["jieba_seconds"] / row[f"{name}_seconds"]
    record()
    return row


def _same_tables(a, b, article_ids: list[str], batch: int = 2500) -> bool:
    """Return whether two analyses of one corpus hold the same tables, compared a batch of articles at
    a time (neither is ever read whole)."""
    import pandas as pd

    for name in ("events", "chronology"):
        if not getattr(a, name).equals(getattr(b, name)):
            return False
    for name in ("sentences", "mentions", "stance"):
        for start in range(0, len(article_ids), batch):
            ids = article_ids[start:start + batch]
            try:
                pd.testing.assert_frame_equal(a.read(name, articles=ids), b.read(name, articles=ids), check_exact=True)
            except AssertionError:
                return False
    return True


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


def scale(sizes: list[int], cluster: bool, corpora: str | None, build_corpus) -> None:
    """Measure each size once (``measure_scale``), append the rows to ``results/scale.csv`` and print
    them, with the growth of the peak memory from one size to the next."""
    import pandas as pd

    path = RESULTS / "scale.csv"
    for n in sizes:
        with tempfile.TemporaryDirectory() as work:
            os.environ["CORPUS_TOOLS_CACHE"] = "off"
            folder = Path(corpora) / f"corpus_{n}" if corpora else Path(work) / "corpus"
            if not (folder / "articles.csv").is_file():
                build_corpus(n, folder)
            env = {**os.environ, "CORPUS_TOOLS_CACHE": str(Path(work) / "cache"), "WITH_CLUSTER": "1" if cluster else "0",
                   "PARTIAL_RESULTS": str(RESULTS / f".scale_{n}_partial.json")}
            done = subprocess.run([sys.executable, __file__, "--measure-scale", str(folder)], env=env, check=True,
                                  capture_output=True, text=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        RESULTS.mkdir(exist_ok=True)
        table = pd.read_csv(path) if path.is_file() else pd.DataFrame()
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
        table.round(4).to_csv(path, index=False)
        print(f"N={n:>6}: {row['chars']:>12,} chars | jieba.lcut {row['jieba_seconds']:7.1f} s | pipeline "
              f"{row['pipeline_seconds']:7.1f} s ({row['pipeline_ratio']:.2f}x; loading {row['pipeline_load_seconds']:.1f} s) | "
              f"peak PSS {row['pipeline_peak_total_mb']:,.0f} MB (parent {row['pipeline_peak_parent_mb']:,.0f}, "
              f"workers {row['pipeline_peak_workers_mb']:,.0f}; at start {row['pipeline_start_total_mb']:,.0f})"
              + (f" | LocalCluster {row['cluster_seconds']:7.1f} s ({row['cluster_ratio']:.2f}x), peak "
                 f"{row['cluster_peak_total_mb']:,.0f} MB, identical tables {row['cluster_identical_tables']}"
                 if cluster else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", action="store_true", help="one run per N of the pipeline alone (scale.csv)")
    parser.add_argument("--cluster", action="store_true", help="with --scale: the same on a LocalCluster")
    parser.add_argument("--corpora", help="keep the built corpora in this folder (corpus_N) and reuse them")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--measure-scale", help=argparse.SUPPRESS)
    parser.add_argument("--sample", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.measure_scale:
        print(json.dumps(measure_scale(args.measure_scale, os.environ.get("WITH_CLUSTER") == "1"), default=str))
        return
    if args.sample:
        print(json.dumps(sample(int(args.sample[0]), float(args.sample[1]))))
        return
    import pandas as pd

    sys.path.insert(0, str(HERE))
    from synthetic import build_corpus

    if args.scale:
        scale(args.sizes or [2500, 25000], args.cluster, args.corpora, build_corpus)
        return

    rows = []
    for n in args.sizes or [250, 2500]:
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
