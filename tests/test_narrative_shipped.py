"""jionlp's picks shipped for the bundled corpus (``narrative.baselines.shipped_picks``): they answer what
the bundled report asks now, and they are what jionlp picks when it is run."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus_tools.narrative import baselines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks" / "narrative"))
from ship_baseline_picks import bundled_requests  # noqa: E402


def test_the_shipped_picks_answer_what_the_bundled_report_asks():
    shipped = baselines.shipped_picks()
    for texts, k in bundled_requests():
        assert baselines.picks_key(texts, k) in shipped, (
            "the bundled summary or its candidates changed: run benchmarks/narrative/ship_baseline_picks.py")


def test_the_shipped_picks_are_what_jionlp_picks():
    shipped = baselines.shipped_picks()
    for texts, k in bundled_requests():
        key = baselines.picks_key(texts, k)
        if key in shipped:  # a stale file is the test above's failure
            assert tuple(baselines.computed_jionlp_summary.uncached(texts, k)) == shipped[key]
            assert baselines.jionlp_summary(texts, k) == list(shipped[key])


def test_a_pick_is_used_only_for_its_own_question(monkeypatch):
    texts = ["奥特曼被董事会解雇,员工震惊。", "微软宣布聘请奥特曼和布罗克曼。", "员工签署公开信要求董事会辞职。"]
    monkeypatch.setattr(baselines, "shipped_picks", lambda: {baselines.picks_key(texts, 2): (2, 0)})
    assert baselines.jionlp_summary(texts, 2) == [2, 0]  # read, not computed
    assert baselines.picks_key(texts, 1) != baselines.picks_key(texts, 2)
    assert baselines.picks_key(texts[:2], 2) != baselines.picks_key(texts, 2)


def test_an_unknown_baseline_is_named():
    import pandas as pd
    import pytest

    from corpus_tools import narrative

    with pytest.raises(ValueError, match="unknown baseline lexrank"):
        narrative.timelines(pd.DataFrame(), pd.DataFrame(), baselines=["lexrank"])
