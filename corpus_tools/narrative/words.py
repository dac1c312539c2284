"""The words that set two groups of articles apart (the first and the last period of a study).

Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
``wordstats.log_odds``) over content words. With few articles few words pass |z| > 1.96, so the
strongest words of each side are returned whether they pass or not, each marked ``significant``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from ..text import stopwords
from ..wordstats import log_odds
from .baselines import content_tokens

#: Function words that a stop list misses but that set no coverage apart: pronouns, 说, and a
#: demonstrative with a measure word (这家, 这份, 那位).
_FUNCTION_WORD = re.compile(r"^(?:[我你您他她它咱][们]?|自己|说|表示|称|[这那此该哪每][^\W\d]?)$")


@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def is_content_word(word: str) -> bool:
    """Return whether a token can be a distinctive word: not a stop word, a function word, a single
    Chinese character or a number, nor an English function word or a fragment of one or two
    lower-case letters (a page's English lines, a word cut by a converter: ``of``, ``ng``).

    >>> [w for w in ["我", "说", "这家", "这份", "罢免", "董事会", "2023", "the", "of", "ng", "AI", "board"]
    ...  if is_content_word(w)]
    ['罢免', '董事会', 'AI', 'board']
    """
    if word in stopwords() or _FUNCTION_WORD.match(word) or word.replace(".", "").isdigit():
        return False
    if word.isascii() and word.isalpha() and (word.lower() in _english_stop_words()
                                              or (len(word) <= 2 and not word.isupper())):
        return False
    return not (len(word) == 1 and "\u4e00" <= word <= "\u9fff")


def distinctive_words(sents: pd.DataFrame, groups: pd.Series, labels: list[str], k: int = 15,
                      z: float = 1.96) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the log-odds of every content word, first group against second; the ``k`` words most
    distinctive of each group, strongest first, each marked ``significant`` when past |z| > ``z``).

    ``groups`` gives each article's group by article_id (missing: in neither); ``labels`` the two
    groups. Columns of the second table: group, word, count_first, count_second, delta, variance, z,
    significant. A word leans to the first group when z > 0, to the second when z < 0.
    """
    group_of = sents.article_id.map(groups)
    counts = {label: Counter() for label in labels}
    for text, tokens, group in zip(sents.text, sents.tokens, group_of):
        if isinstance(group, str) and group in counts:
            counts[group].update(t for t in content_tokens(text, tokens) if is_content_word(t))
    odds = log_odds(counts[labels[0]], counts[labels[1]])
    first = odds[odds.z > 0].head(k).assign(group=labels[0])
    second = odds[odds.z < 0].iloc[::-1].head(k).assign(group=labels[1])
    top = pd.concat([first, second], ignore_index=True)
    top["significant"] = top.z.abs() > z
    return odds, top[["group", "word", "count_first", "count_second", "delta", "variance", "z", "significant"]]
