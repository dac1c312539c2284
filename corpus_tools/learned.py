"""A learned part of the stance scorer: naive Bayes over character n-grams around the target.

It is trained on ``data/stance/training_sentences.csv`` and ``training_sentences_2.csv``: 300
sentences written and coded by independent coders, none of them from the corpus (the second file
was written as a test set and scored in session 1; it became training data when a new blind test
set replaced it). The corpus's hand-coded sentences and the held-out test sentences are for
measuring only and are never read here. The target's name is masked, so the model learns how
sentences speak of *a* person, whoever it is. The n-gram sizes and the smoothing were chosen by
5-fold cross-validation within the training sentences (macro-F1 0.817 for 1-3-grams with
smoothing 0.1; 1-4-grams gained 0.004 at a larger vocabulary).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .entities import find_mentions, resolve_entity
from .paths import DATA_DIR
from .scripts import fold

TRAINING_CSVS = (DATA_DIR / "stance" / "training_sentences.csv", DATA_DIR / "stance" / "training_sentences_2.csv")
NGRAM_SIZES = (1, 2, 3)
SMOOTHING = 0.1
LABELS = (-1, 0, 1)
_MASK = "Ⓣ"
_NOT_WORDS = re.compile(r"[\s\d\W]+")


class Prediction(NamedTuple):
    """The model's label and its margin: the log-odds of that label over the runner-up."""

    label: int
    margin: float


def features(text: str, target: str = "altman", sizes: tuple[int, ...] = NGRAM_SIZES) -> set[str]:
    """Return the set of character n-grams of the folded text, with the target's names masked."""
    return {g for g in _grams(text, target, sizes) if not _NOT_WORDS.fullmatch(g)}


def _grams(text: str, target: str, sizes: tuple[int, ...]) -> set[str]:
    folded = fold(text)
    for mention in reversed(find_mentions(text, target)):
        folded = folded[:mention.start] + _MASK + folded[mention.end:]
    return {folded[i:i + n] for n in sizes for i in range(len(folded) - n + 1)}


class NaiveBayes:
    """Bernoulli naive Bayes over n-gram presence, with additive smoothing."""

    def __init__(self, texts, labels, sizes: tuple[int, ...] = NGRAM_SIZES, smoothing: float = SMOOTHING):
        self.sizes, self.smoothing = sizes, smoothing
        self.totals = Counter(int(y) for y in labels)
        self.counts = {k: Counter() for k in LABELS}
        for text, label in zip(texts, labels):
            self.counts[int(label)].update(features(text, sizes=sizes))
        self.vocabulary = set().union(*self.counts.values())
        n, a = sum(self.totals.values()), smoothing
        self.priors = {k: math.log((self.totals[k] + a) / (n + 3 * a)) for k in LABELS}
        # Each n-gram's contribution to each label's log-likelihood when present, computed once.
        self.weights = {
            g: tuple(math.log((self.counts[k][g] + a) / (self.totals[k] + 2 * a))
                     - math.log((self.totals[k] - self.counts[k][g] + a) / (self.totals[k] + 2 * a)) for k in LABELS)
            for g in sorted(self.vocabulary)
        }

    def predict(self, text: str, target: str = "altman") -> Prediction:
        """Return the most likely label and its margin over the runner-up."""
        present = sorted(_grams(text, target, self.sizes) & self.vocabulary)  # the vocabulary holds only features
        scores = {}
        for position, label in enumerate(LABELS):
            scores[label] = self.priors[label] + math.fsum(self.weights[g][position] for g in present)
        ranked = sorted(LABELS, key=lambda k: (-scores[k], k))
        return Prediction(ranked[0], scores[ranked[0]] - scores[ranked[1]])


@lru_cache(maxsize=1)
def phrase_model() -> NaiveBayes:
    """Return the model trained on the training sentences (trained once, on first use)."""
    table = pd.concat([pd.read_csv(path) for path in TRAINING_CSVS], ignore_index=True)
    return NaiveBayes(table.text.tolist(), table.label.tolist())


def predict(text: str, target: str = "altman") -> Prediction:
    """Return the learned part's label and margin for one sentence about ``target``."""
    return phrase_model().predict(text, resolve_entity(target))
