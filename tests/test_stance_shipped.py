"""The validation shipped with the package (``corpus_tools.stance.shipped``): current, the same as a
recomputation, and never used once stale."""

import json
import shutil
import warnings

import numpy as np
import pandas as pd
import pytest

from corpus_tools import reports
from corpus_tools.stance import shipped
from corpus_tools.stance import validation as V


def test_the_shipped_validation_matches_this_scorer():
    """Fails after the model, the lexicon or a coded set changes until the files are rebuilt."""
    assert shipped.changes() == [], f"rebuild it: {shipped.BUILD_COMMAND}"


def test_recomputing_the_validation_gives_the_shipped_figures():
    """Every figure, threshold and blind-test label, computed afresh (in this run's empty cache),
    equals what is shipped, bit for bit."""
    assert shipped.changes() == []
    computed = V.validation_table()
    pd.testing.assert_frame_equal(shipped.results(), computed, check_exact=True)
    chosen = V.chosen_thresholds()
    assert shipped.thresholds() == chosen
    blind = V.blind_test_set()
    recomputed = V.method_predictions(blind, chosen)
    shown = shipped.blind_predictions()
    assert sorted(shown) == sorted(recomputed)
    for method, labels in recomputed.items():
        assert np.array_equal(shown[method].reindex(blind.item).to_numpy(), labels), method


@pytest.fixture
def stale_copy(tmp_path, monkeypatch):
    """The shipped files copied into ``tmp_path``, read from there; the check is redone per test."""
    for name in shipped.SHIPPED:
        shutil.copy(shipped.STANCE_DIR / name, tmp_path / name)
    monkeypatch.setattr(shipped, "STANCE_DIR", tmp_path)
    shipped._current.cache_clear()
    yield tmp_path
    shipped._current.cache_clear()


def test_a_stale_validation_is_recomputed_with_a_warning_naming_what_changed(stale_copy, monkeypatch):
    manifest = json.loads((stale_copy / shipped.MANIFEST).read_text())
    manifest["files"]["stance/learned.py"] = "0" * 64
    manifest["libraries"]["scikit-learn"] = "0.0"
    (stale_copy / shipped.MANIFEST).write_text(json.dumps(manifest))
    assert shipped.changes(stale_copy) == ["stance/learned.py", "scikit-learn 0.0 -> " + shipped.fingerprint()["libraries"]["scikit-learn"]]
    recomputed = pd.DataFrame({"method": ["recomputed"]})
    monkeypatch.setattr(V, "validation_table", lambda: recomputed)
    monkeypatch.setattr(V, "chosen_thresholds", lambda: {"snownlp": {"low": 0.5, "high": 0.5}})
    with pytest.warns(shipped.StaleValidationWarning, match="stance/learned.py.*python -m corpus_tools.stance.validation build"):
        assert shipped.results() is recomputed
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once per process, not at every read
        assert shipped.thresholds() == {"snownlp": {"low": 0.5, "high": 0.5}}


def test_missing_files_count_as_stale(stale_copy):
    (stale_copy / shipped.BLIND_PREDICTIONS).unlink()
    assert shipped.changes(stale_copy) == ["absent"]


def test_notebook_01_reads_the_validation_without_computing_it(monkeypatch):
    """With the shipped files current, the notebooks' validation trains and scores nothing."""
    def forbidden(*args, **kwargs):
        raise AssertionError("computed instead of read")

    for name in ("validation_table", "chosen_thresholds", "method_inputs", "nested_training_results"):
        monkeypatch.setattr(V, name, forbidden)
    shipped._current.cache_clear()
    validation = reports.stance_validation()
    assert len(validation.test) == 400 and validation.confusions.sentences.sum() == 4 * 400
    assert set(shipped.thresholds()) == set(V.GRIDS)
