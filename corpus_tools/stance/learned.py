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

import re
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..cache import memoize
from ..paths import DATA_DIR
from ..scripts import code_points

SETS_CSV = DATA_DIR / "stance" / "sets.csv"
LABELS = (-1, 0, 1)
SEED = 0
_TARGET = "Ⓣ"
_CLAUSE = re.compile(r"(?<=[,，;；。!！?？:：])")
_WHITE_SPACE = re.compile(r"\s\s+")  # as scikit-learn's character analyzer

#: The hyper-parameters searched by cross-validation: the inverse regularisation ``C``, the character
#: n-gram sizes, the weight of the rules' features beside the n-grams, the weight of the n-grams of
#: the clauses that hold the target, and whether the constructions' verdict decides where they give one.
GRID = {"C": [100.0, 300.0], "ngram_range": [(1, 3)], "rule_weight": [0.03, 0.1, 0.3], "clause_weight": [0.5, 1.0],
        "constructions_decide": [False, True]}
#: The grid point chosen on all the training sentences (``validation.tune_parameters`` checks it).
PARAMETERS = {"C": 300.0, "ngram_range": (1, 3), "rule_weight": 0.03, "clause_weight": 0.5, "constructions_decide": True}


class Prediction(NamedTuple):
    """The model's label and score (probability of favourable minus probability of unfavourable)."""

    label: int
    score: float


class StanceModel:
    """Multinomial logistic regression over ``TextFeatures`` of the masked text, beside the rules'
    features scaled by ``rule_weight``. Deterministic: the solver has no random state."""

    def __init__(self, C: float = 10.0, ngram_range: tuple[int, int] = (1, 3), rule_weight: float = 1.0,
                 clause_weight: float = 0.0, constructions_decide: bool = False):
        self.C, self.ngram_range, self.rule_weight = C, tuple(ngram_range), rule_weight
        self.clause_weight, self.constructions_decide = clause_weight, constructions_decide

    def text_features(self) -> TextFeatures:
        """Return an unfitted ``TextFeatures`` with this model's n-gram sizes and clause weight."""
        return TextFeatures(self.ngram_range, self.clause_weight)

    def _matrix(self, masked, rules, ngrams=None):
        from scipy import sparse

        ngrams = self.vectorizer.transform(masked) if ngrams is None else ngrams
        rules = np.asarray(rules, dtype=float).reshape(ngrams.shape[0], -1) * self.rule_weight
        return sparse.hstack([ngrams, sparse.csr_matrix(rules)], format="csr")

    def fit(self, masked: list[str], rules, labels, *, ngrams=None) -> "StanceModel":
        """Fit on masked texts, their rule features (one row each) and labels; return the model.

        ``ngrams`` may give ``(features, matrix)``: this model's ``text_features()`` already fitted on
        these same texts, and their matrix (a grid search shares them across parameters)."""
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        masked = list(masked)
        if ngrams is None:
            self.vectorizer = self.text_features().fit(masked)
            matrix = None
        else:
            self.vectorizer, matrix = ngrams
        self.classifier = LogisticRegression(C=self.C, solver="newton-cg", max_iter=1000)
        with threadpool_limits(1):  # one thread: faster on small data, and the same sums every run
            self.classifier.fit(self._matrix(masked, rules, matrix), np.asarray(labels, dtype=int))
        return self

    def probabilities(self, masked: list[str], rules, *, ngrams=None) -> np.ndarray:
        """Return one row per text: the probabilities of -1, 0 and 1 (``ngrams``: the texts' matrix
        from this model's vectorizer, when the caller has it)."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            proba = self.classifier.predict_proba(self._matrix(list(masked), rules, ngrams))
        return self._decided(proba, rules)

    def probability_rows(self, masked: list[str], rules) -> np.ndarray:
        """Return the probabilities of -1, 0 and 1 for each text, as ``probabilities`` gives them but
        without scikit-learn's per-call overhead: the features come from ``TextFeatures.entries`` and the
        linear scores and softmax are computed here, for all the texts at once."""
        rules = np.asarray(rules, dtype=float).reshape(len(masked), -1)
        coef = self.classifier.coef_
        text_columns = coef.shape[1] - rules.shape[1]
        rows, columns, values = self.vectorizer.entries(masked)
        # each row's sum is taken entry by entry in the same order whatever the other texts are,
        # so a sentence gets the same score whichever texts it is scored with
        scores = np.stack([np.bincount(rows, weights=values * weights[columns], minlength=len(masked))
                           for weights in coef[:, :text_columns]], axis=1)
        # summed row by row by numpy, not by a BLAS product (whose sums may depend on the number of rows)
        scores += ((rules * self.rule_weight)[:, None, :] * coef[None, :, text_columns:]).sum(axis=2)
        scores += self.classifier.intercept_
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return self._decided(scores / scores.sum(axis=1, keepdims=True), rules)

    def _decided(self, proba: np.ndarray, rules) -> np.ndarray:
        """Return the classifier's probabilities in the order of ``LABELS``, each halfway to the
        constructions' verdict where they give one (``constructions_decide``)."""
        proba = proba[:, [list(self.classifier.classes_).index(k) for k in LABELS]]
        if self.constructions_decide:
            verdicts = construction_verdicts(rules)
            decided = ~np.isnan(verdicts)
            onehot = np.eye(3)[np.nan_to_num(verdicts).astype(int) + 1]
            proba[decided] = 0.5 * proba[decided] + 0.5 * onehot[decided]  # the verdict's label wins
        return proba

    def predict(self, masked: list[str], rules) -> np.ndarray:
        """Return the most probable label of each text (-1, 0 or 1)."""
        return np.asarray(LABELS)[self.probabilities(masked, rules).argmax(axis=1)]


class TextFeatures:
    """TF-IDF weighted character n-grams of the masked sentence and, weighted by ``clause_weight``, of
    its clauses that hold the target (so that what is said next to him counts apart from the rest)."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), clause_weight: float = 0.0):
        self.ngram_range, self.clause_weight = tuple(ngram_range), clause_weight

    @staticmethod
    def _vectorizer(ngram_range):
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True, lowercase=True,
                               dtype=np.float64)

    def fit(self, masked: list[str]) -> "TextFeatures":
        """Fit the vocabularies and weights on ``masked`` texts; return self."""
        self.sentence = self._vectorizer(self.ngram_range).fit(masked)
        if self.clause_weight:
            self.clause = self._vectorizer(self.ngram_range).fit([target_clauses(t) for t in masked])
        return self

    def transform(self, masked: list[str]):
        """Return the sparse feature matrix of ``masked`` texts, one row each."""
        from scipy import sparse

        matrix = self.sentence.transform(masked)
        if not self.clause_weight:
            return matrix
        clauses = self.clause.transform([target_clauses(t) for t in masked]) * self.clause_weight
        return sparse.hstack([matrix, clauses], format="csr")


    def entries(self, masked: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the nonzero entries of ``transform(masked)`` as three arrays (row, column, value), each
        row's entries view by view, columns ascending; computed without scikit-learn's per-call checks
        (character n-grams of the lower-cased text with runs of white space made one space, 1 + log of
        each count times its idf, L2-normalised per view)."""
        rows, columns, values = self._view_entries(self.sentence, masked)
        if self.clause_weight:
            more = self._view_entries(self.clause, [target_clauses(t) for t in masked])
            rows, columns = np.concatenate([rows, more[0]]), np.concatenate([columns, more[1] + len(self.sentence.vocabulary_)])
            values = np.concatenate([values, more[2] * self.clause_weight])
        return rows, columns, values

    @staticmethod
    def _view_entries(vectorizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, columns = _ngram_columns(vectorizer, [_WHITE_SPACE.sub(" ", text.lower()) for text in texts])
        width = len(vectorizer.vocabulary_)
        known = columns >= 0
        keys, counts = np.unique(rows[known] * width + columns[known], return_counts=True)
        rows, columns = np.divmod(keys, width)
        values = (1 + np.log(counts)) * vectorizer.idf_[columns]
        norms = np.sqrt(np.bincount(rows, weights=values ** 2, minlength=len(texts)))
        return rows, columns, values / np.where(norms > 0, norms, 1.0)[rows]


#: Bits of one character's code point (at most 0x10FFFF): three characters fit in one int64.
_CHAR_BITS = 21


def _ngram_columns(vectorizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return, for every character n-gram of every text (n in the vectorizer's range), the text's row
    and the n-gram's column in the vocabulary (-1 when it is not in it), in no particular order.

    Each n-gram is packed into one integer (its code points side by side) and looked up in a hash
    table of the vocabulary's codes, for all the texts at once; beyond trigrams, where the codes
    would not fit in 63 bits, the n-grams are looked up one by one."""
    low, high = vectorizer.ngram_range
    if high * _CHAR_BITS > 63:
        lookup = vectorizer.vocabulary_.get
        rows, columns = [], []
        for row, text in enumerate(texts):
            grams = [text[i:i + n] for n in range(low, min(high, len(text)) + 1) for i in range(len(text) - n + 1)]
            columns += map(lookup, grams, repeat(-1, len(grams)))
            rows += [row] * len(grams)
        return np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    chars = code_points("".join(texts)).astype(np.int64)
    row_of = np.repeat(np.arange(len(texts)), lengths)
    end_of = np.repeat(np.cumsum(lengths), lengths)  # where each character's text ends
    rows, columns = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for n, (codes, places) in _vocabulary_codes(vectorizer).items():
        starts = np.arange(max(len(chars) - n + 1, 0))
        grams = chars[:len(starts)].copy()
        for k in range(1, n):
            grams = (grams << _CHAR_BITS) | chars[k:k + len(starts)]
        whole = starts + n <= end_of[:len(starts)]  # the n-gram does not run into the next text
        grams, starts = grams[whole], starts[whole]
        rows.append(row_of[starts])
        if not len(codes):
            columns.append(np.full(len(grams), -1, dtype=np.int64))
            continue
        found = codes.get_indexer(grams)  # -1 where the n-gram is not in the vocabulary
        columns.append(np.where(found >= 0, places[found], -1))
    return np.concatenate(rows), np.concatenate(columns)


_VOCABULARY_CODES: dict[int, tuple] = {}


def _vocabulary_codes(vectorizer) -> dict[int, tuple[pd.Index, np.ndarray]]:
    """Return, for each n of the vectorizer's range, its vocabulary's n-grams packed as integers
    (sorted, in an index whose hash table is built on its first look-up) and their columns;
    computed once per vectorizer."""
    remembered = _VOCABULARY_CODES.get(id(vectorizer))
    if remembered is not None and remembered[0] is vectorizer:
        return remembered[1]
    low, high = vectorizer.ngram_range
    by_length: dict[int, list[tuple[int, int]]] = {n: [] for n in range(low, high + 1)}
    for gram, column in vectorizer.vocabulary_.items():
        code = 0
        for char in gram:
            code = (code << _CHAR_BITS) | ord(char)
        by_length.setdefault(len(gram), []).append((code, column))
    tables = {}
    for n in range(low, high + 1):
        pairs = np.asarray(sorted(by_length[n]), dtype=np.int64).reshape(-1, 2)
        tables[n] = (pd.Index(pairs[:, 0].copy()), pairs[:, 1].copy())
    _VOCABULARY_CODES[id(vectorizer)] = (vectorizer, tables)
    return tables


def target_clauses(masked: str) -> str:
    """Return the clauses of a masked sentence that hold the target, joined by ``|``.

    >>> target_clauses("董事会称赞Ⓟ,却批评Ⓣ。Ⓟ未回应")
    '却批评Ⓣ。'
    """
    return "|".join(part for part in _CLAUSE.split(masked) if _TARGET in part)


def construction_verdicts(rules) -> np.ndarray:
    """Return, per row of rule features, the label the constructions give (``constructions``): the sign
    of the favourable and unfavourable ones found, else 0 where only a neutral one (his return told as
    a decision) is found in a sentence without evaluative cues, else NaN (no verdict)."""
    from .constructions import names
    from .scoring import RULE_FEATURES

    rules = np.asarray(rules, dtype=float).reshape(-1, len(RULE_FEATURES))
    column = {name: i for i, name in enumerate(RULE_FEATURES)}
    signed = rules[:, [column[f"construction_{n}"] for n in names() if n != "flat_return"]].sum(axis=1)
    flat = (rules[:, column["construction_flat_return"]] > 0) & (rules[:, column["domain"]] == 0)
    return np.where(signed != 0, np.sign(signed), np.where(flat, 0.0, np.nan))


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
    return predict_many([masked], [rules])[0]


def predict_many(masked: list[str], rules) -> list[Prediction]:
    """Return the trained model's label and score for each sentence's inputs, computed together."""
    if not len(masked):
        return []
    proba = trained_model().probability_rows(list(masked), rules)
    labels = np.asarray(LABELS)[proba.argmax(axis=1)]
    return [Prediction(int(label), float(score)) for label, score in zip(labels, proba[:, 2] - proba[:, 0])]
