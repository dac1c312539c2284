"""Words that set two groups of texts apart, and who is mentioned with whom."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd

from .entities import find_all_mentions


def log_odds(first: Counter, second: Counter, prior: Counter | None = None, prior_size: float | None = None) -> pd.DataFrame:
    """Return weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008).

    One row per word: count in each group, the log-odds ratio delta (first over second), its
    variance and the z-score delta / sqrt(variance). The prior is the pooled counts (or ``prior``)
    scaled to ``prior_size`` pseudo-counts (default: the pooled total).

    >>> table = log_odds(Counter({"a": 10, "b": 1}), Counter({"a": 1, "b": 10}))
    >>> table.set_index("word").z.round(2).tolist()
    [3.09, -3.09]
    """
    prior = prior if prior is not None else first + second
    total_prior = sum(prior.values())
    alpha0 = prior_size if prior_size is not None else float(total_prior)
    n1, n2 = sum(first.values()), sum(second.values())
    rows = []
    for word in sorted(set(first) | set(second)):
        alpha = alpha0 * prior.get(word, 0) / total_prior
        if alpha <= 0:
            continue
        y1, y2 = first.get(word, 0), second.get(word, 0)
        delta = (np.log((y1 + alpha) / (n1 + alpha0 - y1 - alpha))
                 - np.log((y2 + alpha) / (n2 + alpha0 - y2 - alpha)))
        variance = 1 / (y1 + alpha) + 1 / (y2 + alpha)
        rows.append((word, y1, y2, delta, variance, delta / np.sqrt(variance)))
    table = pd.DataFrame(rows, columns=["word", "count_first", "count_second", "delta", "variance", "z"])
    return table.sort_values(["z", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def cooccurrence(texts, entities: list[str] | None = None) -> pd.DataFrame:
    """Return, for each pair of entities, the number of texts (sentences) that mention both; tidy,
    one row per pair (entity_a < entity_b), zeros omitted, sorted by count then names."""
    return _pairs(([e for *_, e in find_all_mentions(text)] for text in texts), entities)


def cooccurrence_of(mentions: pd.DataFrame, entities: list[str] | None = None) -> pd.DataFrame:
    """Return ``cooccurrence`` from a mention table (``analyse_corpus(...).mentions``: one row per
    mention with article_id, sentence_id and entity_id), without searching the texts again."""
    grouped = mentions.groupby(["article_id", "sentence_id"], sort=False).entity_id
    return _pairs((list(group) for _, group in grouped), entities)


def _pairs(named_per_text, entities: list[str] | None) -> pd.DataFrame:
    counts: Counter = Counter()
    for named in named_per_text:
        present = sorted(set(named) & set(entities) if entities else set(named))
        counts.update(combinations(present, 2))
    rows = [(a, b, n) for (a, b), n in counts.items()]
    table = pd.DataFrame(rows, columns=["entity_a", "entity_b", "sentences"])
    return table.sort_values(["sentences", "entity_a", "entity_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)
