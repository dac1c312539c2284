"""The learned part of the stance scorer: logistic regression over character n-grams and the rules' features.

Each sentence enters as two things (``scoring.sentence_inputs``):

- its text folded to Simplified script, with the target's names masked to ``Ⓣ`` and other people's
  to ``Ⓟ``, so that the model learns how sentences speak of *a* person, under any spelling or script;
  it is read as TF-IDF weighted character n-grams, hashed into ``2 ** HASH_BITS`` buckets;
- the rules' features (``scoring.RULE_FEATURES``): the target-aware lexicon evidence by kind, the
  constructions (a demand for his reinstatement, blame of those who removed him, reported doubt...),
  whether he is the speaker, whether an act against him is told.

The shipped model (``trained_model``, read from ``MODEL_DIR``) is trained on the written training
sentences listed in ``data/stance/sets.csv`` (role ``training``) and on the real set's development
sentences (``benchmarks/real/``), never on the corpus's hand coding, the written blind test set or the
real set's test part. The real sentences never enter the package: what ships is the weights over hash
buckets and the buckets' document frequencies, written by ``benchmarks/real/train_stance.py`` (``make
train-stance``, with the pages in ``$REAL_PAGES``), which rebuilds the same bytes. Its figure on real
sentences comes from grouped cross-validation on the development part (that script's ``--check``).

Its hyper-parameters (``PARAMETERS``) are the grid point of ``GRID`` with the best cross-validated
macro-F1 on the written training sentences; grouped cross-validation on the real development sentences
found no tuned variant better (``benchmarks/real/stance_models.py``). The written validation measures
the same recipe on written sentences only (``written_model`` and ``validation.nested_cross_validation``,
where the grid is searched again inside each outer training part and the outer test part is never seen).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..cache import memoize
from ..paths import DATA_DIR
from ..scripts import code_points

SETS_CSV = DATA_DIR / "stance" / "sets.csv"
#: The shipped model's weights (``StanceModel.save``), rebuilt by ``benchmarks/real/train_stance.py``.
MODEL_DIR = DATA_DIR / "stance" / "model"
LABELS = (-1, 0, 1)
SEED = 0
_TARGET = "Ⓣ"
_CLAUSE = re.compile(r"(?<=[,，;；。!！?？:：])")
_WHITE_SPACE = re.compile(r"\s\s+")  # as scikit-learn's character analyzer
#: Bits of one character's code point (at most 0x10FFFF): three characters fit in one int64.
_CHAR_BITS = 21
#: Buckets of the hashed n-grams: 2 ** HASH_BITS.
HASH_BITS = 20
#: Buckets seen in fewer training texts are left out.
MIN_DF = 1
_GOLDEN = 0x9E3779B97F4A7C15
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))

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

    def save(self, folder: Path | str, about: dict | None = None) -> None:
        """Write what the fitted model learned into ``folder``, byte for byte the same for the same fit:
        ``model.json`` (the parameters, the hashing, the texts each view was fitted on, and ``about``),
        and as ``.npy`` arrays each view's buckets and document frequencies, the coefficients (float32,
        one row per label of ``LABELS``) and the intercepts. No text, and no n-gram, is written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        views = {"sentence": self.vectorizer.sentence}
        if self.clause_weight:
            views["clause"] = self.vectorizer.clause
        order = [list(self.classifier.classes_).index(k) for k in LABELS]
        arrays = {"coef": self.classifier.coef_[order].astype(np.float32),
                  "intercept": self.classifier.intercept_[order].astype(np.float64)}
        for name, view in views.items():
            arrays[f"{name}_buckets"] = view.buckets.astype(np.uint32)
            arrays[f"{name}_df"] = view.df.astype(np.uint32)
        for name, array in arrays.items():
            np.save(folder / f"{name}.npy", array, allow_pickle=False)
        described = {"parameters": {"C": self.C, "ngram_range": list(self.ngram_range), "rule_weight": self.rule_weight,
                                    "clause_weight": self.clause_weight,
                                    "constructions_decide": self.constructions_decide},
                     "hash_bits": self.vectorizer.hash_bits, "min_df": self.vectorizer.min_df, "labels": list(LABELS),
                     "texts": {name: int(view.texts) for name, view in views.items()}, **(about or {})}
        (folder / "model.json").write_text(json.dumps(described, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                           encoding="utf-8")

    @classmethod
    def load(cls, folder: Path | str) -> "StanceModel":
        """Return the model ``save`` wrote into ``folder``, ready to score (``probability_rows``,
        ``probabilities``, ``predict``); it cannot be fitted further."""
        from sklearn.linear_model import LogisticRegression

        folder = Path(folder)
        described = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        parameters = dict(described["parameters"], ngram_range=tuple(described["parameters"]["ngram_range"]))
        model = cls(**parameters)
        features = TextFeatures(model.ngram_range, model.clause_weight, described["hash_bits"], described["min_df"])

        def array(name):
            return np.load(folder / f"{name}.npy", allow_pickle=False)

        for name, texts in described["texts"].items():
            setattr(features, name, HashedView.from_counts(model.ngram_range, features.hash_bits, features.min_df,
                                                           array(f"{name}_buckets"), array(f"{name}_df"), texts))
        model.vectorizer = features
        classifier = LogisticRegression(C=model.C, solver="newton-cg", max_iter=1000)
        classifier.classes_ = np.asarray(described["labels"])
        classifier.coef_ = array("coef").astype(np.float64)
        classifier.intercept_ = array("intercept").astype(np.float64)
        classifier.n_features_in_ = classifier.coef_.shape[1]
        model.classifier = classifier
        model.about = described
        return model


class TextFeatures:
    """TF-IDF weighted character n-grams of the masked sentence and, weighted by ``clause_weight``, of
    its clauses that hold the target (so that what is said next to him counts apart from the rest).

    The n-grams are hashed (``HashedView``): what a fitted model keeps is numbers per hash bucket,
    never the n-grams themselves, so that weights learned from real pages hold no fragment of them."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), clause_weight: float = 0.0, hash_bits: int = HASH_BITS,
                 min_df: int = MIN_DF):
        self.ngram_range, self.clause_weight, self.hash_bits = tuple(ngram_range), clause_weight, hash_bits
        self.min_df = min_df

    @staticmethod
    def _vectorizer(ngram_range):
        """A scikit-learn TF-IDF vectorizer of character n-grams as these features read them (for the
        benchmarks that add views of their own)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True, lowercase=True,
                               dtype=np.float64)

    def fit(self, masked: list[str]) -> "TextFeatures":
        """Fit the buckets and their weights on ``masked`` texts; return self."""
        self.sentence = HashedView(self.ngram_range, self.hash_bits, self.min_df).fit(masked)
        if self.clause_weight:
            self.clause = HashedView(self.ngram_range, self.hash_bits, self.min_df).fit(
                [target_clauses(t) for t in masked])
        return self

    @property
    def width(self) -> int:
        """The number of columns of ``transform``."""
        return self.sentence.width + (self.clause.width if self.clause_weight else 0)

    def transform(self, masked: list[str]):
        """Return the sparse feature matrix of ``masked`` texts, one row each."""
        from scipy import sparse

        rows, columns, values = self.entries(masked)
        return sparse.csr_matrix((values, (rows, columns)), shape=(len(masked), self.width))

    def entries(self, masked: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the nonzero entries of ``transform(masked)`` as three arrays (row, column, value), each
        row's entries view by view, columns ascending."""
        rows, columns, values = self.sentence.entries(masked)
        if self.clause_weight:
            more = self.clause.entries([target_clauses(t) for t in masked])
            rows, columns = np.concatenate([rows, more[0]]), np.concatenate([columns, more[1] + self.sentence.width])
            values = np.concatenate([values, more[2] * self.clause_weight])
        return rows, columns, values


class HashedView:
    """One view's TF-IDF over hashed character n-grams, as scikit-learn's ``TfidfVectorizer`` (character
    analyzer, lower case, runs of white space made one space, ``sublinear_tf``, smoothed idf, L2 norm)
    computes it, except that an n-gram's column is its hash bucket (``ngram_hashes``) among the buckets
    seen in fitting (``buckets``, ascending). Fitted, it holds the buckets and their idf only."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), hash_bits: int = HASH_BITS, min_df: int = MIN_DF):
        if ngram_range[1] * _CHAR_BITS > 63:
            raise ValueError("hashed n-grams are at most 3 characters long")
        self.ngram_range, self.hash_bits, self.min_df = tuple(ngram_range), hash_bits, min_df

    @property
    def width(self) -> int:
        return len(self.buckets)

    def fit(self, texts: list[str]) -> "HashedView":
        """Keep the buckets of ``texts``' n-grams and their smoothed idf; return self."""
        rows, hashes = ngram_hashes(_prepared(texts), self.ngram_range, self.hash_bits)
        pairs = np.unique(rows * (1 << self.hash_bits) + hashes)  # each (text, bucket) once
        self.buckets, df = np.unique(pairs % (1 << self.hash_bits), return_counts=True)
        self.buckets, self.df, self.texts = self.buckets[df >= self.min_df], df[df >= self.min_df], len(texts)
        self._columns = None
        self.idf = np.log((1 + self.texts) / (1 + self.df)) + 1
        return self

    def _column_of(self) -> np.ndarray:
        """Return each bucket's column (-1 for a bucket not seen in fitting): one array over all the
        buckets, made on first use (4 MB for 2 ** 20 buckets), so that a look-up is one index."""
        table = getattr(self, "_columns", None)
        if table is None or len(table) != 1 << self.hash_bits:
            table = np.full(1 << self.hash_bits, -1, dtype=np.int32)
            table[self.buckets] = np.arange(len(self.buckets))
            self._columns = table
        return table

    @classmethod
    def from_counts(cls, ngram_range, hash_bits: int, min_df: int, buckets, df, texts: int) -> "HashedView":
        """Return the view fitted on ``texts`` texts whose ``buckets`` (ascending) held ``df`` of them each:
        what ``fit`` keeps, read back (the idf computed again exactly as ``fit`` computes it)."""
        view = cls(ngram_range, hash_bits, min_df)
        view.buckets, view.df, view.texts = np.asarray(buckets, dtype=np.int64), np.asarray(df, dtype=np.int64), texts
        view.idf = np.log((1 + view.texts) / (1 + view.df)) + 1
        return view

    def entries(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the nonzero TF-IDF entries of ``texts`` (row, column, value), row by row, columns
        ascending; n-grams whose bucket was not seen in fitting count for nothing."""
        rows, hashes = ngram_hashes(_prepared(texts), self.ngram_range, self.hash_bits)
        columns = self._column_of()[hashes].astype(np.int64)
        known = columns >= 0
        width = max(len(self.buckets), 1)
        keys, counts = np.unique(rows[known] * width + columns[known], return_counts=True)
        rows, columns = np.divmod(keys, width)
        values = (1 + np.log(counts)) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values ** 2, minlength=len(texts)))
        return rows, columns, values / np.where(norms > 0, norms, 1.0)[rows]


def _prepared(texts: list[str]) -> list[str]:
    """The texts as the character analyzer reads them: lower case, runs of white space made one space."""
    return [_WHITE_SPACE.sub(" ", text.lower()) for text in texts]


def ngram_hashes(texts: list[str], ngram_range: tuple[int, int] = (1, 3),
                 hash_bits: int = HASH_BITS) -> tuple[np.ndarray, np.ndarray]:
    """Return, for every character n-gram of every text (n in ``ngram_range``, at most 3), the text's
    row and the n-gram's bucket in ``[0, 2 ** hash_bits)``, in no particular order.

    Each n-gram is packed into one integer (its code points side by side, 21 bits each), mixed with
    its length by the SplitMix64 finaliser, and the top ``hash_bits`` bits are its bucket: the same on
    every machine and in every process (unlike Python's ``hash``), for all the texts at once.

    >>> rows, buckets = ngram_hashes(["Ⓣ的", "的"], (1, 1), 8)
    >>> rows.tolist(), bool(buckets[1] == buckets[2])
    ([0, 0, 1], True)
    """
    low, high = ngram_range
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    chars = code_points("".join(texts)).astype(np.uint64)
    row_of = np.repeat(np.arange(len(texts)), lengths)
    end_of = np.repeat(np.cumsum(lengths), lengths)  # where each character's text ends
    rows, hashes = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for n in range(low, high + 1):
        starts = np.arange(max(len(chars) - n + 1, 0))
        grams = chars[:len(starts)].copy()
        for k in range(1, n):
            grams = (grams << np.uint64(_CHAR_BITS)) | chars[k:k + len(starts)]
        whole = starts + n <= end_of[:len(starts)]  # the n-gram does not run into the next text
        grams, starts = grams[whole], starts[whole]
        mixed = grams ^ np.uint64(n * _GOLDEN % (1 << 64))  # the length, so that 的 and \0的 differ
        mixed = (mixed ^ (mixed >> np.uint64(30))) * _MIX[0]
        mixed = (mixed ^ (mixed >> np.uint64(27))) * _MIX[1]
        mixed ^= mixed >> np.uint64(31)
        rows.append(row_of[starts])
        hashes.append((mixed >> np.uint64(64 - hash_bits)).astype(np.int64))
    return np.concatenate(rows), np.concatenate(hashes)


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
    """Return the shipped model (``MODEL_DIR``, written by ``benchmarks/real/train_stance.py``): ``PARAMETERS``
    trained on the written training sentences and the real set's development sentences (once per process)."""
    return StanceModel.load(MODEL_DIR)


def model_id(folder: Path | str = MODEL_DIR) -> str:
    """Return the first 12 hex digits of the SHA-256 of the model's files (names and bytes, in name order):
    which weights a recorded figure was measured with."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).iterdir()):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def written_model() -> StanceModel:
    """Return the model with ``PARAMETERS`` trained on the written training sentences only (what the
    written validation's figures measure, and the model before real sentences were added)."""
    import sklearn

    table = training_sentences()
    return _trained_model(tuple(table.text), tuple(table.label), sklearn.__version__, **PARAMETERS)


@memoize
def _trained_model(texts: tuple[str, ...], labels: tuple[int, ...], library_version: str, **parameters) -> StanceModel:
    masked, rules = model_inputs(texts)
    return StanceModel(**parameters).fit(masked, rules, labels)


def inputs_fingerprint(masked: list[str], rules) -> str:
    """Return the SHA-256 (hex) of masked texts and their rule features: recorded with the shipped model
    for the written training sentences, so that a change of the masking or the rules that would make
    the shipped weights stale is caught (the weights must then be trained again)."""
    digest = hashlib.sha256()
    for text in masked:
        digest.update(text.encode("utf-8") + b"\0")
    digest.update(np.ascontiguousarray(np.asarray(rules, dtype=np.float64)).tobytes())
    return digest.hexdigest()


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
