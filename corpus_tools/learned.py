"""The learned part of the stance scorer: logistic regression over character n-grams and the rules' features.

Each sentence enters as two things (``scoring.sentence_inputs``):

- its text folded to Simplified script, with the target's names masked to ``Ⓣ`` and other people's
  to ``Ⓟ``, so that the model learns how sentences speak of *a* person, under any spelling or script;
  it is read as TF-IDF weighted character n-grams;
- the rules' features (``scoring.RULE_FEATURES``): the target-aware lexicon evidence by kind, the
  constructions (a demand for his reinstatement, blame of those who removed him, reported doubt...),
  whether he is the speaker, whether an act against him is told.

The model is trained on the coded training sentences listed in ``data/stance/sets.csv`` (role
``training``), never on the corpus's hand coding nor on a test set, once per process on first use
(about a second) and kept in the disk cache. Its hyper-parameters (``PARAMETERS``) are the grid point
of ``GRID`` with the best cross-validated macro-F1 on all the training sentences; the figure reported
for it comes from *nested* cross-validation (``validation.nested_cross_validation``), where the
grid is searched again inside each outer training part and the outer test part is never seen.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from .cache import memoize
from .paths import DATA_DIR

SETS_CSV = DATA_DIR / "stance" / "sets.csv"
LABELS = (-1, 0, 1)
SEED = 0

#: The hyper-parameters searched by cross-validation: the inverse regularisation ``C``, the character
#: n-gram sizes, and the weight of the rules' features beside the n-grams (0: n-grams alone).
GRID = {"C": [30.0, 100.0], "ngram_range": [(1, 2), (1, 3)], "rule_weight": [0.05, 0.1, 0.25, 0.5]}
#: The grid point chosen on all the training sentences (``validation.tune_parameters`` checks it).
PARAMETERS = {"C": 30.0, "ngram_range": (1, 2), "rule_weight": 0.1}


class Prediction(NamedTuple):
    """The model's label and score (probability of favourable minus probability of unfavourable)."""

    label: int
    score: float


class StanceModel:
    """Multinomial logistic regression over TF-IDF character n-grams of the masked text, beside the
    rules' features scaled by ``rule_weight``. Deterministic: the solver has no random state."""

    def __init__(self, C: float = 10.0, ngram_range: tuple[int, int] = (1, 3), rule_weight: float = 1.0):
        self.C, self.ngram_range, self.rule_weight = C, tuple(ngram_range), rule_weight

    def _matrix(self, masked, rules):
        from scipy import sparse

        rules = np.asarray(rules, dtype=float).reshape(len(masked), -1) * self.rule_weight
        return sparse.hstack([self.vectorizer.transform(masked), sparse.csr_matrix(rules)], format="csr")

    def fit(self, masked: list[str], rules, labels) -> "StanceModel":
        """Fit on masked texts, their rule features (one row each) and labels; return the model."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        self.vectorizer = TfidfVectorizer(analyzer="char", ngram_range=self.ngram_range, sublinear_tf=True,
                                          lowercase=True, dtype=np.float64)
        self.vectorizer.fit(list(masked))
        self.classifier = LogisticRegression(C=self.C, solver="newton-cg", max_iter=1000)
        with threadpool_limits(1):  # one thread: faster on small data, and the same sums every run
            self.classifier.fit(self._matrix(list(masked), rules), np.asarray(labels, dtype=int))
        return self

    def probabilities(self, masked: list[str], rules) -> np.ndarray:
        """Return one row per text: the probabilities of -1, 0 and 1."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            proba = self.classifier.predict_proba(self._matrix(list(masked), rules))
        order = [list(self.classifier.classes_).index(k) for k in LABELS]
        return proba[:, order]

    def predict(self, masked: list[str], rules) -> np.ndarray:
        """Return the most probable label of each text (-1, 0 or 1)."""
        return np.asarray(LABELS)[self.probabilities(masked, rules).argmax(axis=1)]


def coded_sets() -> pd.DataFrame:
    """Return the manifest of the coded sentence sets: file, role (training, corpus, or the later test set), description."""
    return pd.read_csv(SETS_CSV, dtype=str, keep_default_na=False)


def training_sentences() -> pd.DataFrame:
    """Return the training sentences: item, script, text, label, confidence, hard_case, source (file name)."""
    files = coded_sets().query("role == 'training'").file
    columns = ["item", "script", "text", "label", "confidence", "hard_case"]
    frames = [pd.read_csv(DATA_DIR / "stance" / name, dtype={"item": str, "text": str}, keep_default_na=False)
              .reindex(columns=columns).assign(source=name) for name in files]
    table = pd.concat(frames, ignore_index=True)
    table["label"] = table.label.astype(int)
    return table


@memoize
def model_inputs(texts: tuple[str, ...], target: str = "altman") -> tuple[list[str], np.ndarray]:
    """Return the masked texts and the matrix of rule features of ``texts`` (cached on disk by content)."""
    from .scoring import sentence_inputs

    inputs = [sentence_inputs(text, target) for text in texts]
    return [i.masked for i in inputs], np.array([i.rules for i in inputs], dtype=float)


@lru_cache(maxsize=1)
def trained_model() -> StanceModel:
    """Return the model with ``PARAMETERS``, trained on all the training sentences (once per process)."""
    import sklearn

    table = training_sentences()
    return _trained_model(tuple(table.text), tuple(table.label), sklearn.__version__, **PARAMETERS)


@memoize
def _trained_model(texts: tuple[str, ...], labels: tuple[int, ...], library_version: str, **parameters) -> StanceModel:
    masked, rules = model_inputs(texts)
    return StanceModel(**parameters).fit(masked, rules, labels)


def predict(masked: str, rules) -> Prediction:
    """Return the trained model's label and score for one sentence's inputs (``scoring.sentence_inputs``)."""
    proba = trained_model().probabilities([masked], [rules])[0]
    return Prediction(int(LABELS[int(proba.argmax())]), float(proba[2] - proba[0]))
