"""A cold report's wall time, beside the time to run as many notebooks that only import.

    python benchmarks/report_time.py [--articles 1000] [--repeat 1] [--baseline SRC]

For the bundled corpus and a synthetic corpus of ``--articles`` distinct articles
(``synthetic.build_corpus``; 0 leaves it out), times ``python -m corpus_tools report`` as a user runs
it, each time with ``CORPUS_TOOLS_CACHE`` set to a new empty folder (a cold report: nothing cached),
into a temporary folder; the log gives each notebook's seconds. The floor is measured in the same
run, just before: the four notebooks replaced by notebooks whose only cell imports pandas,
matplotlib.pyplot and corpus_tools, executed by papermill in a kernel of this interpreter, as the
report executes its own, after the same Python start and ``import corpus_tools``. With ``--baseline
SRC`` (another version of the package, e.g. ``git archive main | tar -x -C SRC``), the same reports
are timed with that version too, alternately, so that both are measured under the same load.

Every run is appended to ``benchmarks/results/report_time.csv``: version (``this`` or ``baseline``),
corpus, articles, seconds (the report's wall time), cpu_seconds (the processor time of the report and
of its kernels and workers: what a shared machine's load does not inflate), the seconds of each
notebook, the floor's wall and processor seconds, and the ratios of the two.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "report_time.csv"
FLOOR = """
import sys, tempfile, time
from pathlib import Path
import nbformat, papermill
import corpus_tools
from corpus_tools.report import NOTEBOOKS, this_interpreter_kernel
cell = "import pandas\\nimport matplotlib.pyplot\\nimport corpus_tools"
with tempfile.TemporaryDirectory() as work, this_interpreter_kernel() as kernel:
    for name in NOTEBOOKS:
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
        notebook.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
        nbformat.write(notebook, Path(work) / name)
        papermill.execute_notebook(str(Path(work) / name), str(Path(work) / ("out_" + name)), kernel_name=kernel,
                                   progress_bar=False, log_output=False)
"""


def timed(command: list[str], source: Path, cache: str | None = None) -> tuple[float, float, str]:
    """Run ``command`` with ``source`` first on the Python path (and ``cache`` as the cache); return
    its wall seconds, the processor seconds of it and the processes it waited for (its kernels and
    workers), and its output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(source), os.environ.get("PYTHONPATH")]))}
    if cache is not None:
        env["CORPUS_TOOLS_CACHE"] = cache
    before, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    seconds, cpu = time.perf_counter() - start, _children_cpu() - before
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, cpu, done.stdout + done.stderr


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_report(source: Path, corpus: Path | None) -> dict:
    """Time one report with an empty cache; return its seconds and each notebook's."""
    with tempfile.TemporaryDirectory(prefix="report-time-cache-") as cache, \
            tempfile.TemporaryDirectory(prefix="report-time-out-") as out:
        command = [sys.executable, "-m", "corpus_tools", "report", "--out", str(Path(out) / "report"), "--quiet"]
        seconds, cpu, log = timed(command + (["--corpus", str(corpus)] if corpus else []), source, cache)
    notebooks = {name: float(s) for name, s in re.findall(r"(\d\d)_\w+\.ipynb took ([\d.]+) s", log)}
    return {"seconds": seconds, "cpu_seconds": cpu, **{f"notebook_{name}_seconds": notebooks.get(name) for name in ("00", "01", "02", "03")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the synthetic corpus (0: none)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline", type=Path, default=None, help="another version of the package to time too")
    args = parser.parse_args()
    import pandas as pd

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import build_corpus

    versions = {"this": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    rows = []
    with tempfile.TemporaryDirectory(prefix="report-time-") as work:
        corpora = {"bundled": (None, 5)}
        if args.articles:
            with tempfile.TemporaryDirectory(prefix="report-time-cache-") as cache:
                os.environ["CORPUS_TOOLS_CACHE"] = cache  # building checks that the corpus loads
                corpora["synthetic"] = (build_corpus(args.articles, Path(work) / "corpus"), args.articles)
                del os.environ["CORPUS_TOOLS_CACHE"]
        for run in range(args.repeat):
            for corpus_name, (corpus, articles) in corpora.items():
                for version, source in versions.items():
                    floor, floor_cpu, _ = timed([sys.executable, "-c", FLOOR], source)
                    row = {"run": run, "version": version, "corpus": corpus_name, "articles": articles,
                           **cold_report(source, corpus), "floor_seconds": floor, "floor_cpu_seconds": floor_cpu}
                    row["ratio"], row["cpu_ratio"] = row["seconds"] / floor, row["cpu_seconds"] / floor_cpu
                    rows.append(row)
                    print(f"{version} {corpus_name} ({articles} articles): cold report {row['seconds']:.1f} s "
                          f"(notebooks {', '.join(str(row[f'notebook_{n}_seconds']) for n in ('00', '01', '02', '03'))}); "
                          f"floor {floor:.1f} s; ratio {row['ratio']:.2f}; processor time {row['cpu_seconds']:.1f} s "
                          f"against {floor_cpu:.1f} s, ratio {row['cpu_ratio']:.2f}", flush=True)
    table = pd.DataFrame(rows).round(3)
    RESULTS.parent.mkdir(exist_ok=True)
    table.to_csv(RESULTS, mode="a", header=not RESULTS.exists(), index=False)
    print(f"appended to {RESULTS}")


if __name__ == "__main__":
    main()
