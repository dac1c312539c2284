"""Generality (issue 26, part 4): a corpus about another person and another story, written for the tests
(``tests/data/founder_exit``: a made-up robotics founder's removal, return and the departures that
followed, 31 pages in both scripts), runs through the report with that person as the target, and its
phases, timeline summary and abstract tell that story, not Altman's."""

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import corpus_tools as ct
from conftest import ROOT
from corpus_tools import entities, narrative
from corpus_tools.narrative import measures

FOLDER = ROOT / "tests" / "data" / "founder_exit"
TARGET = "shao_qiheng"
#: Words of the bundled story that must not leak into another story's summary.
ALTMAN_STORY = re.compile(r"奥特曼|奧特曼|Altman|OpenAI|微软|Microsoft|穆拉蒂|Murati|removal\b.*2023|2024年高管离职潮|The removal")


@pytest.fixture(scope="module")
def founder_study(tmp_path_factory):
    study = ct.open_study(FOLDER, TARGET, tmp_path_factory.mktemp("founder_out"))
    yield study
    entities.use_entities(None)


def test_the_founder_timeline_tells_the_truth_events_with_their_dates(founder_study):
    summary, phases = narrative.timeline_summary(founder_study.stories, TARGET)
    truth = pd.read_csv(FOLDER / "_truth" / "truth.csv")
    # the truth is in Beijing days; a day either side for the other clock and the morning-after report
    truth["date_start"] = pd.to_datetime(truth.date_start) - pd.Timedelta(days=1)
    truth["date_end"] = pd.to_datetime(truth.date_end) + pd.Timedelta(days=1)
    told = measures.events_told(summary, truth, lambda text, event: any(ct.find_mentions(text, a)
                                                                         for a in event.actors.split(";")))
    print(told.to_string())
    assert told.told.sum() >= 15, f"{told.told.sum()} of {len(truth)} events told with their dates"
    assert 0 < len(summary) <= 40 and summary.date_start.is_monotonic_increasing
    assert (summary.date_start.dt.year == 2025).all()
    assert measures.standalone_share(summary.text) == 0
    assert not summary.text.str.contains(ALTMAN_STORY).any()
    assert list(phases.start.dt.strftime("%Y-%m")) == ["2025-03", "2025-08"]
    assert "罢免" in phases.title_zh.iloc[0] and "离职" in phases.title_zh.iloc[1]


def _outputs(notebook) -> str:
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append("".join(output.get("text", "")) + "".join(data.get("text/markdown", ""))
                         + "".join(data.get("text/html", "")) + "".join(data.get("text/plain", "")))
    return "\n".join(texts)


def test_the_report_on_the_founder_corpus_speaks_of_that_story(tmp_path):
    out = tmp_path / "founder_exit"
    result = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "--corpus", str(FOLDER), "--target", TARGET,
                             "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = pd.read_csv(out / "figures" / "03_narrative_sentences.csv", dtype=str, keep_default_na=False)
    assert list(summary.columns) == narrative.SUMMARY_COLUMNS and 0 < len(summary) <= 40
    assert list(summary.date_start) == sorted(summary.date_start) and summary.date_start.str.startswith("2025").all()
    assert summary.phase.str.contains("2025-03").any() and summary.phase.str.contains("2025-0[89]").any()
    assert not summary.text.str.contains(ALTMAN_STORY).any()
    assert summary.text.str.contains("邵启衡|邵啟衡|邵啓衡").sum() >= len(summary) // 3
    shown = _outputs(json.loads((out / "03_narrative_summary.ipynb").read_text(encoding="utf-8")))
    abstract = next(block for block in shown.split("\n") if block.startswith("We study"))
    assert "Shao Qiheng" in abstract and "2025" in abstract
    assert not re.search(r"Altman|OpenAI|Microsoft", abstract), abstract
    assert "罢免" in shown and "The 2024 departures" not in shown and "The removal" not in shown
