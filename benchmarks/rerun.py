"""Time to rerun every notebook, beside the time to start as many kernels that only import.

    python benchmarks/rerun.py [--repeat 3]        # run by `make bench`

Both sides run the way `make execute` runs the notebooks: one ``jupyter nbconvert --execute`` over
all the notebooks, with a ``corpus-tools`` kernel that runs the Python running this script, on copies in a temporary folder (so the checkout is
not touched). The floor executes as many one-cell notebooks that only
``import pandas, matplotlib.pyplot, corpus_tools``. The notebooks are executed once to fill the
cache (reported as the first run), then ``--repeat`` times; the floor ``--repeat`` times; the
medians are compared. Results are printed, with the slowest cells of the last rerun, and written
to ``benchmarks/results/rerun.csv``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
KERNEL = "corpus-tools"
FLOOR_CELL = "import pandas\nimport matplotlib.pyplot\nimport corpus_tools"


def kernel_folder(folder: Path) -> Path:
    """Write a kernel named ``KERNEL`` that runs this Python (so that the code measured is this
    checkout's, whatever kernel of that name is installed elsewhere); return the Jupyter path."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (corpus-tools)", "language": "python"}))
    return folder


def execute(notebooks: list[Path], jupyter_path: Path) -> float:
    """Execute ``notebooks`` in place with one nbconvert call, as `make execute` does; return seconds."""
    command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
               f"--ExecutePreprocessor.kernel_name={KERNEL}", "--ExecutePreprocessor.timeout=1800",
               "--ExecutePreprocessor.record_timing=True", *map(str, notebooks)]
    env = {**os.environ, "JUPYTER_PATH": str(jupyter_path)}
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def floor_notebooks(folder: Path, count: int) -> list[Path]:
    """Write ``count`` notebooks whose only cell imports pandas, matplotlib and corpus_tools."""
    import nbformat

    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
        notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
        paths.append(folder / f"{i:02d}_imports.ipynb")
        nbformat.write(notebook, paths[-1])
    return paths


def slowest_cells(notebooks: list[Path], n: int = 5) -> list[tuple[float, str, str]]:
    """Return the ``n`` slowest cells of the last execution: (seconds, notebook, first line)."""
    from datetime import datetime

    cells = []
    for path in notebooks:
        for cell in json.loads(path.read_text())["cells"]:
            timing = cell.get("metadata", {}).get("execution", {})
            if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
                seconds = (datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
                           - datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))).total_seconds()
                cells.append((seconds, path.name, "".join(cell["source"]).splitlines()[0]))
    return sorted(cells, reverse=True)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sources = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        shutil.copytree(ROOT / "notebooks", work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copytree(ROOT / "figures", work / "figures")
        notebooks = [work / "notebooks" / p.name for p in sources]
        floor = floor_notebooks(work / "floor", len(notebooks))
        jupyter = kernel_folder(work / "jupyter")
        first = execute(notebooks, jupyter)
        reruns, floors = [], []
        for _ in range(args.repeat):
            floors.append(execute(floor, jupyter))
            reruns.append(execute(notebooks, jupyter))
        slow = slowest_cells(notebooks)
    rerun, base = statistics.median(reruns), statistics.median(floors)
    print(f"{len(notebooks)} notebooks: first run {first:.1f} s; rerun {rerun:.1f} s (median of {args.repeat}); "
          f"{len(notebooks)} kernels that only import: {base:.1f} s; ratio {rerun / base:.2f}")
    print("slowest cells of the last rerun: " + "; ".join(f"{name} '{line[:40]}' {s:.2f} s" for s, name, line in slow))
    import pandas as pd

    RESULTS.mkdir(exist_ok=True)
    pd.DataFrame([{"notebooks": len(notebooks), "first_run_seconds": first, "rerun_seconds": rerun,
                   "floor_seconds": base, "ratio": rerun / base, "reruns": " ".join(f"{s:.2f}" for s in reruns),
                   "floors": " ".join(f"{s:.2f}" for s in floors)}]).round(3).to_csv(RESULTS / "rerun.csv", index=False)


if __name__ == "__main__":
    main()
