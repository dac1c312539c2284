"""The timeline summary of the bundled corpus against its two reference timelines, beside the baselines.

    python benchmarks/narrative/bench_narrative.py

The references (``references/bundled_A.csv``, ``bundled_B.csv``) were written by two readers who never saw
the code or any output, each on their own: key dates of the five bundled articles, one or two sentences each
in their own words. For ours (``narrative.timeline_summary``) and the two baselines with as many sentences
(TextRank + MMR, jionlp), against each reference and their mean: date-F1 (with precision and recall), concat
ROUGE-1/2 F1 over characters, the share of sentences that cannot stand alone, rows in date order; and the ten
events the bundled chronology must find (``BUNDLED_EVENTS`` of ``tests/test_chronology.py``) told with their
dates. The two references scored against each other give the ceiling. Results go to ``results_bundled.csv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parents[1] / "tests"))  # before the root: tests/conftest.py, not ./conftest.py

import corpus_tools as ct  # noqa: E402
from corpus_tools import narrative  # noqa: E402
from test_narrative import bundled_events_told  # noqa: E402  (the ten events and the words that name them)


def main() -> int:
    corpus = ct.load_corpus()
    summary, phases = narrative.timeline_summary(corpus, "altman")
    references = narrative.bundled_references(HERE / "references")
    tables = narrative.timelines(corpus, summary, "altman")
    long, means = narrative.compare(tables, references)
    told = {method: bundled_events_told(table) for method, table in tables.items()}
    means["events_told"] = [int(told[m].told.sum()) for m in means.index]
    ceiling = narrative.agreement(references)
    rows = [long.assign(kind="method"), means.reset_index().assign(reference="mean", kind="method"),
            ceiling.rename(columns={"summary": "method"}).assign(kind="ceiling (one reference against the other)")]
    table = pd.concat(rows, ignore_index=True)[["kind", "method", "reference", "rows", "date_precision", "date_recall",
                                                "date_f1", "rouge1_f1", "rouge2_f1", "rouge1_recall", "rouge2_recall",
                                                "not_standalone", "date_order", "events_told"]]
    table.to_csv(HERE / "results_bundled.csv", index=False, float_format="%.3f", lineterminator="\n")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.round(3).to_string(index=False))
    print("\nevents told by ours:\n" + told["ours"].to_string(index=False))
    print("\nphases: " + "; ".join(phases.title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
