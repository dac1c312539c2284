"""Measuring the stance scorer against hand coding: agreement, macro-F1, bootstrap, cross-validation.

The hand-coded sentences are read here, for measuring only; ``stance`` never reads them.
"""

from __future__ import annotations

import itertools
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from .cache import memoize
from .paths import DATA_DIR

STANCE_DIR = DATA_DIR / "stance"
LABELS = (-1, 0, 1)


def validation_set(reference: str | None = "name") -> pd.DataFrame:
    """Return the resolved hand coding of the corpus sentences that refer to Altman.

    ``reference="name"`` keeps sentences that name him, ``"pronoun"`` those that refer to him only
    as 他 after a mention, ``None`` both.
    """
    table = pd.read_csv(STANCE_DIR / "altman_validation.csv")
    return table if reference is None else table[table.reference == reference].reset_index(drop=True)


def coding_passes() -> pd.DataFrame:
    """Return both independent coding passes side by side: item, label_1, confidence_1, label_2, confidence_2."""
    first = pd.read_csv(STANCE_DIR / "altman_coding_pass1.csv")
    second = pd.read_csv(STANCE_DIR / "altman_coding_pass2.csv")
    return first.merge(second, on="item", suffixes=("_1", "_2"))[
        ["item", "label_1", "confidence_1", "label_2", "confidence_2"]]


def heldout_set(which: str = "test") -> pd.DataFrame:
    """Return sentences not from the corpus, in Simplified and Traditional script with other spellings,
    each written and coded by an independent coder blind to the scorer.

    ``"training"``: the first two such sets (300 sentences); the scorer's authors read them while
    building the lexicon, and the learned part is trained on them. ``"test"``: a third, written
    blind in session 2 and scored only once the scorer was frozen.
    """
    files = {"training": ["training_sentences.csv", "training_sentences_2.csv"], "test": ["heldout_test.csv"]}
    if which not in files:
        raise ValueError(f"which must be one of {sorted(files)}")
    return pd.concat([pd.read_csv(STANCE_DIR / name) for name in files[which]], ignore_index=True)


def cohen_kappa(first, second) -> float:
    """Return Cohen's kappa between two codings of the same items.

    >>> round(cohen_kappa([1, 0, -1, 0], [1, 0, 0, 0]), 3)
    0.556
    """
    first, second = np.asarray(first), np.asarray(second)
    observed = np.mean(first == second)
    expected = sum(np.mean(first == k) * np.mean(second == k) for k in np.union1d(first, second))
    return float((observed - expected) / (1 - expected))


def macro_f1(truth, predicted, labels=LABELS) -> float:
    """Return the unweighted mean of the per-class F1 scores (a class never seen nor predicted scores 0).

    >>> macro_f1([1, 0, -1], [1, 0, 0])
    0.5555555555555555
    """
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    scores = []
    for label in labels:
        tp = np.sum((truth == label) & (predicted == label))
        wrong = np.sum((truth != label) & (predicted == label)) + np.sum((truth == label) & (predicted != label))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + wrong))
    return float(np.mean(scores))


def confusion(truth, predicted, labels=LABELS) -> pd.DataFrame:
    """Return the confusion matrix: rows are the hand-coded labels, columns the predicted ones."""
    table = pd.crosstab(pd.Categorical(truth, labels), pd.Categorical(predicted, labels), dropna=False)
    table.index.name, table.columns.name = "coded", "predicted"
    return table


class Interval(NamedTuple):
    """A point estimate with its bootstrap percentile interval."""

    estimate: float
    low: float
    high: float


@memoize
def bootstrap(values, statistic: Callable = np.mean, n: int = 2000, seed: int = 0, level: float = 0.95) -> Interval:
    """Return ``statistic`` of ``values`` (an array, or a tuple of aligned arrays) with a percentile interval.

    >>> bootstrap([1.0, 1.0, 1.0]).low
    1.0
    """
    arrays = tuple(np.asarray(v) for v in (values if isinstance(values, tuple) else (values,)))
    size = len(arrays[0])
    if size == 0:
        return Interval(float("nan"), float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = [statistic(*(a[idx] for a in arrays)) for idx in rng.integers(0, size, size=(n, size))]
    tail = (1 - level) / 2 * 100
    return Interval(float(statistic(*arrays)), float(np.percentile(draws, tail)), float(np.percentile(draws, 100 - tail)))


def folds(labels, k: int = 5, seed: int = 0) -> np.ndarray:
    """Return a fold number for each item, stratified by label and shuffled with a fixed seed."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(labels), dtype=int)
    for label in np.unique(labels):
        where = np.flatnonzero(labels == label)
        rng.shuffle(where)
        assignment[where] = np.arange(len(where)) % k
    return assignment


def cross_validated(scores: pd.DataFrame, labels, predict: Callable[[pd.DataFrame, dict], np.ndarray],
                    grid: dict[str, list], k: int = 5, seed: int = 0) -> tuple[np.ndarray, list[dict]]:
    """Return out-of-fold predictions and the parameters chosen in each fold.

    ``scores`` holds whatever per-item inputs ``predict(scores, params)`` needs; in each fold the
    parameters that maximise macro-F1 on the other folds are chosen, then applied to the fold.
    """
    labels = np.asarray(labels)
    assignment = folds(labels, k, seed)
    predicted = np.zeros(len(labels), dtype=int)
    chosen = []
    candidates = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    for fold in range(k):
        train, test = assignment != fold, assignment == fold
        best = max(candidates, key=lambda p: macro_f1(labels[train], predict(scores[train], p)))
        predicted[test] = predict(scores[test], best)
        chosen.append(best)
    return predicted, chosen


def best_parameters(scores: pd.DataFrame, labels, predict: Callable, grid: dict[str, list]) -> dict:
    """Return the grid parameters with the highest macro-F1 on all items (first in grid order on ties)."""
    candidates = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    return max(candidates, key=lambda p: macro_f1(labels, predict(scores, p)))


def three_way(values, low: float, high: float) -> np.ndarray:
    """Return 1 at or above ``high``, -1 at or below ``low``, else 0."""
    values = np.asarray(values, dtype=float)
    return np.where(values >= high, 1, np.where(values <= low, -1, 0))


#: The parameter grids searched by cross-validation for each method.
GRIDS = {
    "snownlp": {"low": [0.1, 0.2, 0.3, 0.4, 0.5], "high": [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]},
    "general_lexicon": {"low": [-2.0, -1.0, -0.5, 0.0], "high": [0.0, 0.5, 1.0, 2.0]},
    "ours": {"general_weight": [0.0, 0.25, 0.5], "dutir_weight": [0.0, 0.25, 0.5], "snownlp_weight": [0.0, 0.5],
             "threshold": [0.5, 0.75, 1.0], "learned_margin": [float("inf"), 2.0, 4.0, 6.0, 8.0]},
}


@memoize
def method_inputs(texts, target: str = "altman") -> pd.DataFrame:
    """Return, per text, everything the three methods need: snownlp's probability, the general
    lexicon's whole-sentence score, and our scorer's domain and general evidence."""
    from .scoring import evidence, general_lexicon_score

    parts = evidence(list(texts), target, with_snownlp=True)
    parts["lexicon"] = [general_lexicon_score(t) for t in texts]
    return parts


def predict(method: str, inputs: pd.DataFrame, params: dict) -> np.ndarray:
    """Return the labels of one method for given parameters."""
    from .scoring import combine, decide

    if method == "snownlp":
        return three_way(inputs.snownlp, params["low"], params["high"])
    if method == "general_lexicon":
        return three_way(inputs.lexicon, params["low"], params["high"]) if params["low"] < params["high"] \
            else np.zeros(len(inputs), dtype=int)
    total = combine(inputs.domain, inputs.general, inputs.dutir, inputs.snownlp,
                    general_weight=params["general_weight"], dutir_weight=params["dutir_weight"],
                    snownlp_weight=params["snownlp_weight"])
    return decide(total, inputs.learned, inputs.margin, params["threshold"], params["learned_margin"])[0]


@memoize
def crossfitted_training_inputs(k: int = 5, seed: int = 0) -> pd.DataFrame:
    """Return the method inputs for the training sentences, with the learned part's label and margin
    cross-fitted (each sentence scored by a model trained on the other folds), plus their labels."""
    from .learned import NaiveBayes

    training = heldout_set("training")
    inputs = method_inputs(training.text)
    assignment = folds(training.label, k, seed)
    learned, margin = np.zeros(len(training), dtype=int), np.zeros(len(training))
    for fold in range(k):
        model = NaiveBayes(training.text[assignment != fold], training.label[assignment != fold])
        for i in np.flatnonzero(assignment == fold):
            learned[i], margin[i] = model.predict(training.text[i])
    return inputs.assign(learned=learned, margin=margin, label=training.label.values, origin="training")


@memoize
def compare_methods(texts, labels, target: str = "altman", k: int = 5, seed: int = 0,
                    inputs: pd.DataFrame | None = None) -> dict[str, dict]:
    """Return, per method, its cross-validated predictions, macro-F1 with a bootstrap interval, the
    parameters chosen in each fold, and those chosen on all items (what a final model would use).
    ``inputs`` may be given precomputed (``method_inputs``), in the order of ``labels``."""
    labels = np.asarray(labels)
    inputs = method_inputs(texts, target) if inputs is None else inputs.reset_index(drop=True)
    results = {}
    for method, grid in GRIDS.items():
        run = lambda scores, params, m=method: predict(m, scores, params)  # noqa: E731
        predicted, chosen = cross_validated(inputs, labels, run, grid, k=k, seed=seed)
        results[method] = {
            "predicted": predicted,
            "macro_f1": bootstrap((labels, predicted), macro_f1, seed=seed),
            "fold_parameters": chosen,
            "parameters": best_parameters(inputs, labels, run, grid),
        }
    return results


def frozen_parameters() -> dict[str, float]:
    """Return the parameters ``stance`` uses (the constants of ``corpus_tools.scoring``), in the
    form ``predict("ours", ...)`` takes them."""
    from . import scoring

    return {"general_weight": scoring.GENERAL_WEIGHT, "dutir_weight": scoring.DUTIR_WEIGHT,
            "snownlp_weight": scoring.SNOWNLP_WEIGHT, "threshold": scoring.THRESHOLD,
            "learned_margin": scoring.LEARNED_MARGIN}
