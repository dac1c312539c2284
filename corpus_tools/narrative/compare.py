"""The timeline summary beside the baselines, each scored against every reference timeline.

References are written by readers who never saw any output (``measures.read_reference``). The
bundled corpus's two references ship with the repository (``benchmarks/narrative/references/``);
another corpus has none unless its user writes them, and then only the measures that need no
reference are reported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import progress
from ..paths import PACKAGE_DIR
from .baselines import baseline_timeline
from .measures import read_reference, score_timeline

#: Where the repository keeps the bundled corpus's reference timelines (absent from an installed package).
REFERENCE_DIR = PACKAGE_DIR.parent / "benchmarks" / "narrative" / "references"
METHODS = ("ours", "textrank", "jionlp")


def bundled_references(folder: Path = REFERENCE_DIR) -> dict[str, pd.DataFrame]:
    """Return the bundled corpus's reference timelines by name (``bundled_A``…), or {} when absent."""
    return {path.stem: read_reference(path) for path in sorted(Path(folder).glob("bundled_*.csv"))}


def timelines(corpus: pd.DataFrame, summary: pd.DataFrame, target: str = "altman", analysis=None,
              baselines: list[str] | tuple[str, ...] = METHODS[1:]) -> dict[str, pd.DataFrame]:
    """Return the timelines to compare: ours and each of ``baselines`` (default: both), each with as
    many rows as ours (the baselines cached on disk; a progress line says which one runs)."""
    unknown = [m for m in baselines if m not in METHODS[1:]]
    if unknown:
        raise ValueError(f"unknown baseline {', '.join(unknown)}: one of {', '.join(METHODS[1:])}")
    k = max(len(summary), 1)
    tables = {"ours": summary}
    with progress.line("the baseline summarisers"):
        for method in baselines:
            progress.current().step(method)
            tables[method] = baseline_timeline(corpus, method, k, target, analysis)
    return tables


def compare(tables: dict[str, pd.DataFrame], references: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (one row per method and reference with every measure; the mean per method over the
    references, indexed by method). Without references, the measures that need none (rows, sentences
    that cannot stand alone, date order) and no scores."""
    rows = []
    for method, table in tables.items():
        for name, reference in (references.items() or [("none", None)]):
            if reference is None:
                measured = score_timeline(table, pd.DataFrame({"date_start": [], "date_end": [], "summary": []}))
                measured = {k: v for k, v in measured.items() if k in ("rows", "not_standalone", "date_order")}
            else:
                measured = score_timeline(table, reference)
            rows.append({"method": method, "reference": name, **measured})
    long = pd.DataFrame(rows)
    means = long.drop(columns="reference").groupby("method", sort=False).mean(numeric_only=True)
    return long, means


def agreement(references: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return how far two references agree, each scored against the other as if it were a summary
    (its windows as its dates): the ceiling of what a summary can reach against them."""
    rows = []
    names = sorted(references)
    for a in names:
        for b in names:
            if a != b:
                summary = references[a].rename(columns={"summary": "text"})
                rows.append({"summary": a, "reference": b, **score_timeline(summary, references[b], max_span_days=None)})
    return pd.DataFrame(rows)
