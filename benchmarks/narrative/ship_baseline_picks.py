"""Compute jionlp's picks for the bundled corpus and ship them (``corpus_tools/data/narrative_baseline_picks.csv``).

    python benchmarks/narrative/ship_baseline_picks.py [--check]

jionlp's summariser, a baseline of the timeline summary, loads a segmenter and a topic model for some
25 s before it picks anything: the same cost, for the same picks, in every user's report of the bundled
corpus. This script asks it what notebook 03 (and ``bench_narrative.py``) ask of it on the bundled corpus,
and writes the answers under their keys (``baselines.picks_key``: the texts, ``k``, jionlp's version and
the source of the function that computes them), so a pick is used only for the very question it answers.
Run it after any change that moves the bundled summary or its candidate sentences;
``tests/test_narrative_shipped.py`` fails until then. ``--check`` recomputes and compares instead of writing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import corpus_tools as ct  # noqa: E402
from corpus_tools import narrative, reports  # noqa: E402
from corpus_tools.narrative import baselines  # noqa: E402


def bundled_requests() -> list[tuple[list[str], int]]:
    """Return the (texts, k) jionlp is asked for on the bundled corpus: as notebook 03 asks (the
    study's stories, its typed chronology) and as ``bench_narrative.py`` asks (the corpus, the default
    chronology); each once."""
    study = ct.open_study(None)
    asked = []
    for corpus, chronology in ((study.stories, reports.typed_chronology(ct.chronology(study.stories))),
                               (ct.load_corpus(), None)):
        summary, _ = narrative.timeline_summary(corpus, study.target, chronology)
        texts = baselines.candidate_sentences(ct.analyse_corpus(corpus, study.target)).text.tolist()
        asked.append((texts, max(len(summary), 1)))
    unique = {baselines.picks_key(texts, k): (texts, k) for texts, k in asked}
    return list(unique.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="recompute and compare with the shipped picks")
    args = parser.parse_args()
    entries = {baselines.picks_key(texts, k): baselines.computed_jionlp_summary.uncached(texts, k)
               for texts, k in bundled_requests()}
    if args.check:
        shipped = baselines.shipped_picks()
        same = all(tuple(picks) == shipped.get(key) for key, picks in entries.items())
        print(f"{len(entries)} requests; the shipped picks {'match' if same else 'DIFFER (run without --check)'}")
        return 0 if same else 1
    baselines.write_shipped_picks(entries)
    print(f"wrote {len(entries)} entries to {baselines.SHIPPED_PICKS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
