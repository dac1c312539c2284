"""The features a learned line classifier reads: each non-blank line of a page, its neighbours, and
what the rule-based cleaner (``boilerplate``) made of them.

Used by ``lines_cv.py`` and ``lines_unseen.py``; it lives beside the benchmarks, not in the package, because
neither found a learned variant worth shipping (see their docstrings). Features are general (no rule names a site):

* the line's own form: length, share of CJK, Latin and digit characters, sentence punctuation,
  commas, a date or a time, a URL;
* its place: position in the page, whether it lies between the first and last line the rules keep;
* what the rules said: the kind of the line, of the line before and of the line after (one-hot,
  ``None`` = body);
* the same form features of the line before and the line after;
* how much of the title's vocabulary (character pairs) it shares;
* hashed character 1- to 3-grams of the line (``HashingVectorizer``: only hashed indices, no strings).
"""

from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np
from scipy import sparse

from corpus_tools.ingest.boilerplate import KINDS

#: How the character n-grams are hashed.
HASHING = {"analyzer": "char", "ngram_range": (1, 3), "n_features": 2 ** 16, "alternate_sign": False, "norm": "l2"}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_SENTENCE_END = re.compile(r"[。！？!?…；;][”」』\"'）)]*$")
_COMMA = re.compile(r"[，,、]")
_DATE = re.compile(r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}[:：]\d{2}")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_KIND_SLOTS = (None, *KINDS, "other")


def _form(text: str) -> list[float]:
    """The form features of one stripped line (zeros for a missing neighbour's empty text)."""
    chars = len("".join(text.split()))
    if not chars:
        return [0.0] * 10
    return [
        1.0,
        math.log1p(chars),
        len(_CJK.findall(text)) / chars,
        len(_LATIN.findall(text)) / chars,
        len(_DIGIT.findall(text)) / chars,
        min(len(_SENTENCE_MARK.findall(text)), 5) / 5,
        1.0 if _SENTENCE_END.search(text) else 0.0,
        min(len(_COMMA.findall(text)), 5) / 5,
        1.0 if _DATE.search(text) else 0.0,
        1.0 if _URL.search(text) else 0.0,
    ]


def _kind_one_hot(kind: str | None) -> list[float]:
    slot = _KIND_SLOTS.index(kind) if kind in _KIND_SLOTS else len(_KIND_SLOTS) - 1
    out = [0.0] * len(_KIND_SLOTS)
    out[slot] = 1.0
    return out


def _pairs(text: str) -> set[str]:
    flat = "".join(text.split())
    return {flat[i:i + 2] for i in range(len(flat) - 1)}


def dense_features(texts: Sequence[str], kinds: Sequence[str | None], title: str | None) -> np.ndarray:
    """Return one row of dense features per line of a page.

    ``texts`` are the page's non-blank lines (stripped), in order; ``kinds`` the rules' kind of each
    (None for a line the rules keep); ``title`` the headline the rules found (or None).
    """
    n = len(texts)
    kept = [i for i, kind in enumerate(kinds) if kind is None]
    first_kept, last_kept = (kept[0], kept[-1]) if kept else (n, -1)
    title_pairs = _pairs(title or "")
    forms = [_form(text) for text in texts]
    blank = [0.0] * 10
    rows = []
    for i, text in enumerate(texts):
        line_pairs = _pairs(text)
        shared = len(line_pairs & title_pairs)
        rows.append([
            *forms[i],
            i / max(n - 1, 1),
            1.0 if i == 0 else 0.0,
            1.0 if i == n - 1 else 0.0,
            1.0 if first_kept <= i <= last_kept else 0.0,
            sum(1 for k in kept if k < i) / max(len(kept), 1),
            math.log1p(n),
            len(kept) / max(n, 1),
            shared / len(title_pairs) if title_pairs else 0.0,
            shared / len(line_pairs) if line_pairs else 0.0,
            *_kind_one_hot(kinds[i]),
            *_kind_one_hot(kinds[i - 1] if i > 0 else "other"),
            *_kind_one_hot(kinds[i + 1] if i + 1 < n else "other"),
            *(forms[i - 1] if i > 0 else blank),
            *(forms[i + 1] if i + 1 < n else blank),
        ])
    return np.asarray(rows, dtype=float).reshape(n, -1)


def ngram_features(texts: Sequence[str]) -> sparse.csr_matrix:
    """Return the hashed character n-grams of each line (``HASHING``), one sparse row per line."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(**HASHING).transform(list(texts)).tocsr()


def line_features(texts: Sequence[str], kinds: Sequence[str | None], title: str | None) -> sparse.csr_matrix:
    """Return every feature of every line: the dense features, then the hashed n-grams (one sparse row per line)."""
    return sparse.hstack([sparse.csr_matrix(dense_features(texts, kinds, title)), ngram_features(texts)]).tocsr()
