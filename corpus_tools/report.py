"""Run the four notebooks on a user's corpus: ``python -m corpus_tools report`` and ``make report``.

The corpus is loaded first, so that bad input stops the run with the loader's ``CorpusError``
before any notebook starts; the undated articles (and, with ``errors="skip"``, the skipped files)
are listed. Then the corpus is analysed once, here, into the cache (every notebook reads that one
analysis), and papermill executes the notebooks with their parameters into the output folder, two at
a time on a machine with two cores or more (they share nothing but the cache and ``index.csv``, which
is written under a lock, so the output is the same in any order); figures, tables and their
``index.csv`` go to ``OUT/figures``. The repository's ``notebooks/`` and ``figures/`` are only read.

The notebooks run in a kernel of this very interpreter (a kernel spec written to a temporary
folder), never in a kernel registered elsewhere that may point at another checkout.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from .ingest.assembly import WARNINGS_SHOWN
from .paths import PACKAGE_DIR

NOTEBOOKS_DIR = PACKAGE_DIR.parent / "notebooks"
NOTEBOOKS = ("00_corpus.ipynb", "01_altman_sentiment.ipynb", "02_chronology.ipynb", "03_narrative_summary.ipynb")
KERNEL_NAME = "corpus-tools-report"


class Report(NamedTuple):
    """What a report run wrote: the executed notebooks, the figures folder (with ``index.csv``), the
    articles without a date, the files skipped, and the seconds each notebook took."""

    notebooks: list[Path]
    figures: Path
    undated: list[str]
    skipped: list[dict]
    seconds: dict[str, float]


def _kernel_dict(display_name: str) -> dict:
    """Return ipykernel's own kernel spec for this interpreter, under ``display_name``."""
    from ipykernel.kernelspec import get_kernel_dict

    spec = get_kernel_dict()
    spec["argv"][0] = sys.executable
    return {**spec, "display_name": display_name}


@contextmanager
def this_interpreter_kernel():
    """Yield the name of a kernel spec that runs this interpreter, found first on ``JUPYTER_PATH``
    for the duration (a temporary folder, removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="corpus-tools-kernel-") as folder:
        spec = Path(folder) / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps(_kernel_dict("Python (corpus-tools report)")))
        before = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [folder, before]))
        try:
            yield KERNEL_NAME
        finally:
            if before is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = before


@contextmanager
def _environment(**values: str):
    """Set environment variables for the block (the notebooks' kernels inherit them), then restore them."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _tidy(path: Path) -> None:
    """Remove what papermill records that differs from run to run or machine to machine: timings,
    the random id of the cell it injects, and the full input and output paths (their names are kept),
    so that the same corpus into the same folder gives the same notebooks byte for byte."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random id
    meta = notebook["metadata"].get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception", "environment_variables", "version"):
        meta.pop(key, None)
    for key in ("input_path", "output_path"):
        if key in meta:
            meta[key] = Path(meta[key]).name
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


#: Skipped files and undated articles named one by one in the report's log, as many as the loader warns
#: of (the rest are counted; every one is in the returned ``Report``, the undated ones in notebook 00).
LISTED = WARNINGS_SHOWN


def run_report(corpus: str | Path | None, out: str | Path, target: str = "altman", periods: list[str] | None = None,
               *, errors: str = "raise", progress: bool = True, notebooks: tuple[str, ...] = NOTEBOOKS,
               scheduler: str | None = None, at_once: int | None = None, baselines: list[str] | None = None,
               learned_outlets: bool | None = None, log=print) -> Report:
    """Execute the notebooks on ``corpus`` (a folder or a table; None: the bundled corpus) toward
    ``target`` into ``out``; return the ``Report``. With ``scheduler`` (a ``dask.distributed``
    scheduler's address), the articles not yet in the cache are analysed on that cluster
    (``DASK_SCHEDULER_ADDRESS`` is set for the run and its kernels; see ``pipeline.analyse_corpus``).
    ``baselines`` are the summarisers notebook 03 compares with ours (None: its default). ``at_once``
    notebooks run side by side (default: 2 on a machine with two cores or more, else 1; each kernel reads
    the analysis, so a corpus too large for two in memory wants 1). ``learned_outlets=False`` loads the
    corpus without the learned outlet choice, here and in the notebooks' kernels (``True`` with it; None:
    as ``CORPUS_TOOLS_LEARNED_OUTLETS`` says, on by default), by setting that variable for the run
    (see ``load_corpus``). ``errors`` is ``load_corpus``'s, here and in the kernels (``CORPUS_TOOLS_ERRORS``).

    Raises ``CorpusError`` (bad input) or ``KeyError`` (unknown target) before any notebook runs,
    and papermill's ``PapermillExecutionError`` naming the cell if a notebook fails.
    """
    from .ingest.assembly import LEARNED_OUTLETS_ENV, learned_outlets_on
    from .study import ERRORS_ENV

    # what the notebooks' kernels must do as this process does, they read from the environment
    settings = {"DASK_SCHEDULER_ADDRESS": scheduler or None, ERRORS_ENV: errors,
                LEARNED_OUTLETS_ENV: None if learned_outlets in (None, learned_outlets_on()) else
                ("on" if learned_outlets else "off")}
    settings = {name: value for name, value in settings.items() if value is not None and os.environ.get(name) != value}
    if settings:
        with _environment(**settings):
            return run_report(corpus, out, target, periods, errors=errors, progress=progress, notebooks=notebooks,
                              at_once=at_once, baselines=baselines, log=log)
    import papermill

    from .study import open_study

    out = Path(out).resolve()
    corpus_path = None if corpus is None else str(Path(corpus).resolve())
    study = open_study(corpus_path, target, out / "figures", periods, errors=errors, progress=None if progress else False)
    undated = list(study.undated().article_id)
    skipped = list(study.corpus.attrs.get("skipped", []))
    log(f"{study.sources}: {len(study.stories)} stories, {len(study.periods)} periods; target {study.target}")
    for item in skipped[:LISTED]:
        log(f"skipped {item['file']}: {item['reason']}")
    if len(skipped) > LISTED:
        log(f"... and {len(skipped) - LISTED} more files skipped ({len(skipped)} in all, in the Report's skipped)")
    if undated:
        more = f" and {len(undated) - LISTED} more ({len(undated)} in all)" if len(undated) > LISTED else ""
        log(f"undated (listed in 00_corpus, kept out of the time axes): {', '.join(undated[:LISTED])}{more}")
    missing = [n for n in notebooks if not (NOTEBOOKS_DIR / n).is_file()]
    if missing:
        raise FileNotFoundError(f"the notebooks are missing from {NOTEBOOKS_DIR}: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"CORPUS": corpus_path, "TARGET": study.target, "OUTPUT": str(out / "figures"),
                  "PERIODS": list(periods) if periods else None}
    if baselines:
        parameters["BASELINES"] = list(baselines)
    at_once = max(1, min(at_once or (2 if (os.cpu_count() or 1) >= 2 else 1), len(notebooks)))
    if progress and sys.stderr.isatty() and at_once == 1:  # the notebooks' progress lines drawn here too
        os.environ["CORPUS_TOOLS_PROGRESS_TTY"] = os.ttyname(sys.stderr.fileno())
    _analyse_once(study, log, progress)
    seconds: dict[str, float] = {}

    def execute(position: int, name: str, kernel: str) -> None:
        log(f"[{position}/{len(notebooks)}] {name}{' started' if at_once > 1 else ''}")
        started = time.perf_counter()
        # the kernel starts in ``out`` (nbclient's resources path), not through papermill's ``cwd``: that
        # changes this whole process's folder for the run, which two notebooks side by side undo for each other
        papermill.execute_notebook(
            str(NOTEBOOKS_DIR / name), str(out / name), parameters=parameters, kernel_name=kernel,
            resources={"metadata": {"path": str(out)}}, progress_bar=progress and at_once == 1, log_output=False,
            request_save_on_cell_execute=False)
        seconds[name] = round(time.perf_counter() - started, 1)
        _tidy(out / name)
        log(f"      {name} took {seconds[name]:.1f} s")

    order = list(enumerate(notebooks, start=1))
    if at_once > 1:  # the longest first, so that the others fill the second lane beside it
        order.sort(key=lambda item: -_EXPECTED_SECONDS.get(item[1], 0))
    with this_interpreter_kernel() as kernel, ThreadPoolExecutor(max_workers=at_once) as lanes:
        for done in [lanes.submit(execute, position, name, kernel) for position, name in order]:
            done.result()  # a notebook's error stops the report, as it would one at a time
    written = [out / name for name in notebooks]
    log(f"done: {len(written)} notebooks in {out}, figures and tables in {out / 'figures'} (index.csv)")
    return Report(written, out / "figures", undated, skipped, {name: seconds[name] for name in notebooks})


#: Each notebook's share of a report's time (a cold report of the bundled corpus): the order in which
#: notebooks side by side are started, longest first.
_EXPECTED_SECONDS = {"03_narrative_summary.ipynb": 4, "01_altman_sentiment.ipynb": 3, "00_corpus.ipynb": 2,
                     "02_chronology.ipynb": 1}


def _analyse_once(study, log, progress: bool = True) -> None:
    """Analyse the study's articles into the cache before any notebook starts, so that notebooks side
    by side read one analysis rather than each computing it."""
    from .pipeline import analyse_corpus

    started = time.perf_counter()
    # the calls the notebooks make: every article (notebook 00), the stories toward the target, and
    # toward the default person where a helper is called without one (``ct.chronology``)
    shown = None if progress else False  # None: a bar when the work is long enough to want one
    analyse_corpus(study.corpus, progress=shown)
    for target in dict.fromkeys(["altman", study.target]):
        analyse_corpus(study.stories, target, progress=shown)
    log(f"analysed {len(study.corpus)} articles in {time.perf_counter() - started:.1f} s")


# --- The kernel for JupyterLab ------------------------------------------------------------------

def kernel_name_for(prefix: str | Path) -> str:
    """Return the kernel name of an environment: ``corpus-tools-`` and a hash of its path, so that
    two checkouts never overwrite each other's kernel.

    >>> kernel_name_for("/home/me/corpus-tools/.venv") == kernel_name_for("/home/me/corpus-tools/.venv")
    True
    >>> kernel_name_for("/a/.venv") != kernel_name_for("/b/.venv")
    True
    """
    import hashlib

    return "corpus-tools-" + hashlib.sha256(str(Path(prefix).resolve()).encode()).hexdigest()[:8]


def stale_kernels(kernels_dir: Path) -> list[Path]:
    """Return the corpus-tools kernel specs in ``kernels_dir`` whose interpreter no longer exists (a
    deleted or moved checkout)."""
    stale = []
    for spec in sorted(kernels_dir.glob("corpus-tools*/kernel.json")):
        try:
            executable = json.loads(spec.read_text())["argv"][0]
        except (OSError, ValueError, KeyError, IndexError):
            stale.append(spec.parent)
            continue
        if os.path.isabs(executable) and not Path(executable).exists():
            stale.append(spec.parent)
    return stale


def register_kernel(user_dir: Path | None = None, log=print) -> str:
    """Register this environment's kernel for the user under ``kernel_name_for(sys.prefix)``, named
    after the checkout in JupyterLab's launcher, and remove the corpus-tools kernels whose interpreter
    is gone (saying which); return the kernel's name."""
    import shutil

    from jupyter_core.paths import jupyter_data_dir

    kernels = Path(user_dir or jupyter_data_dir()) / "kernels"
    for folder in stale_kernels(kernels) if kernels.is_dir() else []:
        shutil.rmtree(folder)
        log(f"removed the kernel {folder.name}: its interpreter no longer exists")
    name = kernel_name_for(sys.prefix)
    checkout = PACKAGE_DIR.parent.name
    spec = kernels / name
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps(_kernel_dict(f"Python (corpus-tools: {checkout})"), indent=1))
    log(f"kernel {name} registered for {PACKAGE_DIR.parent}")
    return name
