"""Measuring the stance scorer against hand coding: agreement, F1, bootstrap, nested cross-validation.

The hand-coded sentences are read here, for measuring only; the scorer (``scoring``, ``learned``)
reads only the training sentences (and was trained on the real set's development sentences, outside
the package: ``benchmarks/real/train_stance.py``). The figures notebook 01 shows come from ``validation_table``,
computed once per package version and shipped (``shipped``; ``python -m corpus_tools.stance.validation
build`` rebuilds them).
"""

from __future__ import annotations

import copy
import itertools
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from ..cache import memoize
from ..paths import DATA_DIR

STANCE_DIR = DATA_DIR / "stance"
LABELS = (-1, 0, 1)
CLASS_NAMES = {-1: "unfavourable", 0: "neutral", 1: "favourable"}
#: The blind test set of session 3 (absent until it is delivered; no scorer is trained or tuned on it).
BLIND_TEST = "blind_test_3.csv"
#: The outer and inner folds of the nested cross-validation, and its seed.
OUTER_FOLDS, INNER_FOLDS, SEED = 5, 3, 0


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


def recorded_results() -> pd.DataFrame:
    """Return the figures of earlier scorers on the sets that were their tests, as recorded when
    each was scored once (``data/stance/recorded_results.csv``: scorer, commit, set, n, method,
    macro_f1, low, high, by script, note). Those scorers no longer ship; the first two sets are training
    data now, the blind test set and the real set's test part are still never trained on."""
    return pd.read_csv(STANCE_DIR / "recorded_results.csv", dtype={"commit": str})


def training_set() -> pd.DataFrame:
    """Return the training sentences (``learned.training_sentences``): item, script, text, label,
    confidence, hard_case, source (the file each came from)."""
    from .learned import training_sentences

    return training_sentences()


def blind_test_set() -> pd.DataFrame | None:
    """Return the blind test set of session 3 (item, script, text, label, ...), or None before it is delivered."""
    path = STANCE_DIR / BLIND_TEST
    if not path.exists():
        return None
    table = pd.read_csv(path, dtype={"item": str, "text": str}, keep_default_na=False)
    table["label"] = table.label.astype(int)
    table["script"] = table.script.str.lower()  # written "Simplified"/"Traditional" by its coder
    return table


def cohen_kappa(first, second) -> float:
    """Return Cohen's kappa between two codings of the same items.

    >>> round(cohen_kappa([1, 0, -1, 0], [1, 0, 0, 0]), 3)
    0.556
    """
    first, second = np.asarray(first), np.asarray(second)
    observed = np.mean(first == second)
    expected = sum(np.mean(first == k) * np.mean(second == k) for k in np.union1d(first, second))
    return float((observed - expected) / (1 - expected))


def class_f1(truth, predicted, label: int) -> float:
    """Return the F1 of one class (0 when the class is neither coded nor predicted, or never right).

    >>> class_f1([1, 0, -1], [1, 0, 0], 0)
    0.6666666666666666
    """
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    tp = np.sum((truth == label) & (predicted == label))
    wrong = np.sum((truth != label) & (predicted == label)) + np.sum((truth == label) & (predicted != label))
    return 0.0 if tp == 0 else float(2 * tp / (2 * tp + wrong))


def macro_f1(truth, predicted, labels=LABELS) -> float:
    """Return the unweighted mean of the per-class F1 scores (a class never seen nor predicted scores 0).

    >>> macro_f1([1, 0, -1], [1, 0, 0])
    0.5555555555555555
    """
    return float(np.mean([class_f1(truth, predicted, label) for label in labels]))


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


def folds(labels, k: int = 5, seed: int = 0, groups=None) -> np.ndarray:
    """Return a fold number for each item, stratified by label and shuffled with a fixed seed; with
    ``groups``, items of one group (near-duplicates, see ``near_duplicate_groups``) share a fold.

    >>> folds([1, 1, 0, 0], k=2, groups=[0, 0, 1, 1]).tolist() in ([0, 0, 1, 1], [1, 1, 0, 0])
    True
    """
    labels = np.asarray(labels)
    if groups is not None:
        from sklearn.model_selection import StratifiedGroupKFold

        assignment = np.empty(len(labels), dtype=int)
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
        for fold, (_, test) in enumerate(splitter.split(np.zeros(len(labels)), labels, np.asarray(groups))):
            assignment[test] = fold
        return assignment
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(labels), dtype=int)
    for label in np.unique(labels):
        where = np.flatnonzero(labels == label)
        rng.shuffle(where)
        assignment[where] = np.arange(len(where)) % k
    return assignment


def near_duplicate_groups(texts, threshold: float = 0.4) -> np.ndarray:
    """Return a group number per text: texts whose character bigrams (after folding to Simplified)
    overlap with Jaccard above ``threshold`` are linked, and each connected component is one group
    (so that a sentence and its paraphrase in the other script never sit on both sides of a split).

    >>> near_duplicate_groups(["董事会解雇了奥特曼。", "董事會解僱了奧特曼。", "员工联名要求他回归。"]).tolist()
    [0, 0, 1]
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    from ..scripts import fold

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, text in enumerate(texts):
        folded = fold(text)
        for gram in {folded[i:i + 2] for i in range(len(folded) - 1)}:
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    grams = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), max(len(vocabulary), 1)))
    shared = (grams @ grams.T).tocoo()
    sizes = np.asarray(grams.sum(axis=1)).ravel()
    jaccard = shared.data / np.maximum(sizes[shared.row] + sizes[shared.col] - shared.data, 1)
    keep = jaccard > threshold
    links = sparse.csr_matrix((np.ones(keep.sum()), (shared.row[keep], shared.col[keep])), shape=shared.shape)
    _, labels = connected_components(links, directed=False)
    # number the groups in order of first appearance, so the numbering does not depend on scipy
    _, first = np.unique(labels, return_index=True)
    order = {label: rank for rank, label in enumerate(labels[np.sort(first)])}
    return np.array([order[label] for label in labels])


def _candidates(grid: dict[str, list]) -> list[dict]:
    return [dict(zip(grid, values)) for values in itertools.product(*grid.values())]


def cross_validated(scores: pd.DataFrame, labels, predict: Callable[[pd.DataFrame, dict], np.ndarray],
                    grid: dict[str, list], k: int = 5, seed: int = 0, groups=None) -> tuple[np.ndarray, list[dict]]:
    """Return out-of-fold predictions and the parameters chosen in each fold, for a method without
    training (thresholds on a fixed score): in each fold the parameters that maximise macro-F1 on the
    other folds are chosen, then applied to the fold."""
    labels = np.asarray(labels)
    assignment = folds(labels, k, seed, groups)
    predicted = np.zeros(len(labels), dtype=int)
    chosen = []
    for fold in range(k):
        train, test = assignment != fold, assignment == fold
        best = max(_candidates(grid), key=lambda p: macro_f1(labels[train], predict(scores[train], p)))
        predicted[test] = predict(scores[test], best)
        chosen.append(best)
    return predicted, chosen


def best_parameters(scores: pd.DataFrame, labels, predict: Callable, grid: dict[str, list]) -> dict:
    """Return the grid parameters with the highest macro-F1 on all items (first in grid order on ties)."""
    return max(_candidates(grid), key=lambda p: macro_f1(labels, predict(scores, p)))


def three_way(values, low: float, high: float) -> np.ndarray:
    """Return 1 at or above ``high``, -1 at or below ``low``, else 0."""
    values = np.asarray(values, dtype=float)
    return np.where(values >= high, 1, np.where(values <= low, -1, 0))


# ----- the learned scorer: tuned and measured by nested cross-validation -----

class NestedResult(NamedTuple):
    """Out-of-fold results of nested cross-validation: each item's predicted label and score, its
    outer fold, and per outer fold the parameters the inner search chose and its inner macro-F1."""

    predicted: np.ndarray
    score: np.ndarray
    fold: np.ndarray
    chosen: list[dict]
    inner_macro_f1: list[float]


def _fit_predict(make_model, parameters, masked, rules, labels, train, test, shared: dict | None = None):
    """Fit a model on the ``train`` items and return its labels and scores for the ``test`` items.
    With ``shared`` (a dict), the n-gram vectorizer fitted on ``train`` and the two matrices are kept
    there and reused by the other parameters of a grid (the default model only)."""
    from .learned import StanceModel

    train_texts, test_texts = [masked[i] for i in train], [masked[i] for i in test]
    if shared is not None and make_model is StanceModel:
        model = make_model(**parameters)
        key = (tuple(train), tuple(test), model.ngram_range, model.clause_weight)
        if key not in shared:
            features = model.text_features().fit(train_texts)
            shared[key] = (features, features.transform(train_texts), features.transform(test_texts))
        features, train_matrix, test_matrix = shared[key]
        fit_key = (key, model.C, model.rule_weight)  # constructions_decide does not change the fit
        if fit_key not in shared:
            shared[fit_key] = model.fit(train_texts, rules[train], labels[train], ngrams=(features, train_matrix))
        model = copy.copy(shared[fit_key])
        model.constructions_decide = parameters.get("constructions_decide", False)
        proba = model.probabilities(test_texts, rules[test], ngrams=test_matrix)
    else:
        model = make_model(**parameters).fit(train_texts, rules[train], labels[train])
        proba = model.probabilities(test_texts, rules[test])
    return np.asarray(LABELS)[proba.argmax(axis=1)], proba[:, 2] - proba[:, 0]


def grid_search(masked, rules, labels, grid: dict[str, list], k: int = INNER_FOLDS, seed: int = SEED,
                make_model=None, groups=None) -> tuple[dict, float]:
    """Return the grid point with the best k-fold cross-validated macro-F1 on the given items, and
    that macro-F1 (pooled out-of-fold predictions; first in grid order on ties)."""
    from .learned import StanceModel

    make_model = StanceModel if make_model is None else make_model
    labels = np.asarray(labels)
    assignment = folds(labels, k, seed, groups)
    best, best_f1 = None, -1.0
    shared: dict = {}
    for parameters in _candidates(grid):
        predicted = np.zeros(len(labels), dtype=int)
        for fold in range(k):
            train, test = np.flatnonzero(assignment != fold), np.flatnonzero(assignment == fold)
            predicted[test] = _fit_predict(make_model, parameters, masked, rules, labels, train, test, shared)[0]
        f1 = macro_f1(labels, predicted)
        if f1 > best_f1:
            best, best_f1 = parameters, f1
    return best, best_f1


def nested_cross_validation(masked, rules, labels, grid: dict[str, list] | None = None, outer: int = OUTER_FOLDS,
                            inner: int = INNER_FOLDS, seed: int = SEED, make_model=None,
                            groups=None) -> NestedResult:
    """Return out-of-fold predictions of the learned scorer by nested cross-validation: for each of
    ``outer`` stratified folds, the grid is searched by ``inner``-fold cross-validation on the other
    folds only, the model with the chosen parameters is fitted on them, and it labels the held-out
    fold. No item of an outer test fold is seen by the search or the fit that label it; with
    ``groups``, a group's items are kept in one fold, outer and inner."""
    from .learned import GRID

    grid = GRID if grid is None else grid
    labels = np.asarray(labels)
    rules = np.asarray(rules, dtype=float)
    groups = None if groups is None else np.asarray(groups)
    assignment = folds(labels, outer, seed, groups)
    predicted, score = np.zeros(len(labels), dtype=int), np.zeros(len(labels))
    chosen, inner_f1 = [], []
    for fold in range(outer):
        train, test = np.flatnonzero(assignment != fold), np.flatnonzero(assignment == fold)
        parameters, f1 = grid_search([masked[i] for i in train], rules[train], labels[train], grid, inner, seed + 1,
                                     make_model, None if groups is None else groups[train])
        predicted[test], score[test] = _fit_predict(make_model or _default_model(), parameters, masked, rules, labels,
                                                    train, test)
        chosen.append(parameters)
        inner_f1.append(f1)
    return NestedResult(predicted, score, assignment, chosen, inner_f1)


def _default_model():
    from .learned import StanceModel

    return StanceModel


@memoize
def nested_training_results(seed: int = SEED) -> NestedResult:
    """Return ``nested_cross_validation`` of the scorer on all the training sentences (cached on disk)."""
    from .learned import model_inputs

    training = training_set()
    masked, rules = model_inputs(tuple(training.text))
    return nested_cross_validation(masked, rules, training.label.to_numpy(), seed=seed,
                                   groups=near_duplicate_groups(training.text))


@memoize
def held_out_sources() -> pd.DataFrame:
    """Return, for each file of training sentences, its sentences labelled by a model with
    ``learned.PARAMETERS`` trained on all the *other* files: how the scorer fares on sentences by a
    writer it has never read (columns source, predicted, score, in the order of ``training_set``)."""
    from .learned import PARAMETERS, StanceModel, model_inputs

    training = training_set()
    masked, rules = model_inputs(tuple(training.text))
    labels = training.label.to_numpy()
    predicted, score = np.zeros(len(training), dtype=int), np.zeros(len(training))
    for source in sorted(set(training.source)):
        train, test = np.flatnonzero(training.source != source), np.flatnonzero(training.source == source)
        predicted[test], score[test] = _fit_predict(StanceModel, PARAMETERS, masked, rules, labels, train, test)
    return pd.DataFrame({"source": training.source, "predicted": predicted, "score": score})


@memoize
def tune_parameters(seed: int = SEED) -> tuple[dict, float]:
    """Return the grid point the scorer would choose on all the training sentences (``grid_search``
    with the inner folds) and its cross-validated macro-F1: ``learned.PARAMETERS`` must equal it."""
    from .learned import GRID, model_inputs

    training = training_set()
    masked, rules = model_inputs(tuple(training.text))
    return grid_search(masked, rules, training.label.to_numpy(), GRID, INNER_FOLDS, seed + 1,
                       groups=near_duplicate_groups(training.text))


# ----- the baselines: thresholds on a fixed score, chosen by cross-validation -----

#: The threshold grids of the methods that only cut a score.
GRIDS = {
    "snownlp": {"low": [0.1, 0.2, 0.3, 0.4, 0.5], "high": [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]},
    "general_lexicon": {"low": [-2.0, -1.0, -0.5, 0.0], "high": [0.0, 0.5, 1.0, 2.0]},
    "rules": {"threshold": [0.5, 1.0, 1.5]},
}
#: What each method is called in tables.
METHOD_NAMES = {"ours": "ours (ct.stance)", "rules": "rules alone", "snownlp": "snownlp alone",
                "general_lexicon": "general lexicon alone"}


@memoize
def method_inputs(texts, target: str = "altman") -> pd.DataFrame:
    """Return, per text, what every method needs: snownlp's probability, the general lexicon's
    whole-sentence score, the rules' evidence and the scorer's label and score."""
    from .scoring import evidence, general_lexicon_score

    parts = evidence(list(texts), target, with_snownlp=True)
    parts["lexicon"] = [general_lexicon_score(t) for t in texts]
    return parts


def predict(method: str, inputs: pd.DataFrame, params: dict) -> np.ndarray:
    """Return the labels of one thresholded method (snownlp, general_lexicon, rules) for given parameters,
    or the scorer's own labels for ``"ours"``."""
    from .scoring import label_from_evidence

    if method == "snownlp":
        return three_way(inputs.snownlp, params["low"], params["high"])
    if method == "general_lexicon":
        return three_way(inputs.lexicon, params["low"], params["high"]) if params["low"] < params["high"] \
            else np.zeros(len(inputs), dtype=int)
    if method == "rules":
        return label_from_evidence(inputs.domain, params["threshold"])
    return inputs.learned.to_numpy(dtype=int)


# ----- the validation table -----

def _measures(truth, predicted, seed: int = SEED) -> dict[str, Interval]:
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    measures = {"macro_f1": bootstrap((truth, predicted), macro_f1, seed=seed)}
    for label, name in CLASS_NAMES.items():
        measures[f"f1_{name}"] = bootstrap((truth, predicted), _ClassF1(label), seed=seed)
    return measures


class _ClassF1:
    """A picklable F1 of one class, for ``bootstrap``."""

    def __init__(self, label: int):
        self.label = label

    def __call__(self, truth, predicted) -> float:
        return class_f1(truth, predicted, self.label)

    def __reduce__(self):
        return (_ClassF1, (self.label,))


def _rows(method: str, set_name: str, table: pd.DataFrame, predicted, how: str) -> list[dict]:
    rows = []
    groups = [("all", table.index)] + [(script, group.index) for script, group in table.groupby("script", sort=True)]
    for subset, index in groups:
        position = table.index.get_indexer(index)
        for measure, value in _measures(table.label.to_numpy()[position], np.asarray(predicted)[position]).items():
            rows.append({"method": METHOD_NAMES[method], "set": set_name, "script": subset, "n": len(index),
                         "measure": measure, "estimate": value.estimate, "low": value.low, "high": value.high,
                         "how": how})
    return rows


@memoize
def chosen_thresholds() -> dict[str, dict]:
    """Return, per thresholded method (snownlp, general_lexicon, rules), the grid parameters with the
    highest macro-F1 on all the training sentences: what ``method_predictions`` applies to new sentences.

    The same for every corpus: ``stance.shipped.thresholds()`` reads them as built with the package."""
    training = training_set()
    inputs, labels = method_inputs(tuple(training.text)), training.label.to_numpy()
    return {method: best_parameters(inputs, labels, lambda scores, params, m=method: predict(m, scores, params), grid)
            for method, grid in GRIDS.items()}


def method_predictions(table: pd.DataFrame, thresholds: dict[str, dict] | None = None) -> dict[str, np.ndarray]:
    """Return each method's labels for the sentences in ``table`` (a column ``text``): ours as
    ``ct.stance`` gives them, the thresholded methods (snownlp, general_lexicon, rules) with the
    ``thresholds`` chosen on all the training sentences (default: ``chosen_thresholds()``)."""
    thresholds = chosen_thresholds() if thresholds is None else thresholds
    inputs = method_inputs(tuple(table.text))
    result = {"ours": predict("ours", inputs, {})}
    for method in GRIDS:
        result[method] = predict(method, inputs, thresholds[method])
    return result


@memoize
def validation_table(include_blind: bool = True) -> pd.DataFrame:
    """Return the validation of every method on every set, one row per (method, set, script, measure):
    n, estimate with its bootstrap 95% interval (low, high), and how the figure was obtained.

    Sets: ``training (nested CV)``, the out-of-fold predictions of nested cross-validation on all the
    written training sentences (the scorer's recipe trained on written sentences only), and within it each
    former test set (out-of-fold rows only); ``one file held out``, each training file labelled by the
    recipe trained on the other files (a writer it never read); ``corpus``, the corpus's hand-coded
    sentences that name Altman, and ``blind test 3`` when delivered, both labelled by the shipped scorer
    (``ct.stance``: trained on the written and the real development sentences, never on these). Scripts:
    all, simplified, traditional.
    """
    training = training_set()
    training_inputs = method_inputs(tuple(training.text))
    labels = training.label.to_numpy()
    nested = nested_training_results()
    out_of_fold = {"ours": nested.predicted}
    for method, grid in GRIDS.items():
        run = lambda scores, params, m=method: predict(m, scores, params)  # noqa: E731
        out_of_fold[method] = cross_validated(training_inputs, labels, run, grid, OUTER_FOLDS, SEED,
                                              near_duplicate_groups(training.text))[0]
    rows = []
    for method, predicted in out_of_fold.items():
        rows += _rows(method, "training (nested CV)", training, predicted, "out-of-fold")
        for source in ("training_sentences_2.csv", "heldout_test.csv"):
            part = training[training.source == source]
            rows += _rows(method, f"former test set {source}", part.reset_index(drop=True),
                          np.asarray(predicted)[part.index], "out-of-fold")
    by_source = held_out_sources()
    for source in sorted(set(training.source)):
        part = training[training.source == source]
        rows += _rows("ours", f"one file held out: {source}", part.reset_index(drop=True),
                      by_source.predicted.to_numpy()[part.index], "trained on the other files")
    corpus = validation_set("name").assign(script="simplified")
    thresholds = chosen_thresholds()
    for method, predicted in method_predictions(corpus, thresholds).items():
        rows += _rows(method, "corpus (hand-coded)", corpus, predicted, "final scorer, never trained on")
    blind = blind_test_set() if include_blind else None
    if blind is not None:
        for method, predicted in method_predictions(blind, thresholds).items():
            rows += _rows(method, "blind test 3", blind, predicted, "shipped scorer, never trained on")
    return pd.DataFrame(rows)


def summary_table(table: pd.DataFrame | None = None, script: str = "all") -> pd.DataFrame:
    """Return the validation table in wide form for one script subset: one row per (set, method),
    macro-F1 with its interval and the F1 of each class.

    >>> list(summary_table(pd.DataFrame([{"method": "m", "set": "s", "script": "all", "n": 3,
    ...     "measure": "macro_f1", "estimate": 0.5, "low": 0.4, "high": 0.6, "how": "h"}])).columns)
    ['set', 'method', 'n', 'macro_f1', 'macro_f1_low', 'macro_f1_high']
    """
    table = validation_table() if table is None else table
    table = table[table.script == script]
    wide = table.pivot_table(index=["set", "method", "n"], columns="measure", values=["estimate", "low", "high"],
                             sort=False)
    result = pd.DataFrame(index=wide.index)
    for measure in dict.fromkeys(table.measure):
        result[measure] = wide[("estimate", measure)]
        if measure == "macro_f1":
            result["macro_f1_low"], result["macro_f1_high"] = wide[("low", measure)], wide[("high", measure)]
    return result.reset_index()


def main(argv: list[str] | None = None) -> None:
    """``python -m corpus_tools.stance.validation build``: compute the validation afresh and write the
    files shipped in ``data/stance/`` (``stance.shipped``), after the model, the lexicon or a coded
    set changes; ``python -m corpus_tools.stance.validation results.csv``: write ``validation_table()``
    to that CSV (fixed float format)."""
    import sys

    (path,) = sys.argv[1:] if argv is None else argv
    if path == "build":
        from .shipped import build

        build()
        return
    table = validation_table()
    table.to_csv(path, index=False, float_format="%.4f", lineterminator="\n")


if __name__ == "__main__":
    main()
