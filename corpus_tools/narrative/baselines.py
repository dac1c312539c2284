"""The baselines the timeline summary is measured against: two generic extractive summarisers.

- ``textrank``: a graph of the sentences weighted by the cosine similarity of their content tokens
  (jieba, names whole, stop words dropped), ranked by PageRank, then chosen by maximal marginal
  relevance (MMR) so that a chosen sentence adds something the others did not say;
- ``jionlp``: jionlp's own extractive summariser run on the joined text.

``baseline_timeline`` runs either over a whole corpus and dates each chosen sentence as the timeline
summary's rows are dated (its own date, else its article's), so that both are scored on the same
measures (``measures``).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import progress
from ..cache import memoize
from ..entities import alias_key, entity_table
from ..paths import DATA_DIR
from ..text import stopwords, tokenize

DAMPING = 0.85
MMR_LAMBDA = 0.7
KEYWORDS_PER_PHASE = 20
#: Sentences shorter than this (a salutation, a heading) are not candidates for a summary.
MIN_SUMMARY_CHARS = 15


def content_tokens(text: str, tokens: list[str] | tuple[str, ...] | None = None) -> list[str]:
    """Return the content tokens of a sentence: jieba tokens without stop words or bare numbers, each
    name replaced by its entity's Chinese name (奥特曼, Sam Altman and 阿爾特曼 count as one word).
    ``tokens`` may pass the sentence's tokens when they are at hand (``analyse_corpus`` gives them).

    >>> content_tokens("Sam Altman 与阿爾特曼")
    ['萨姆·奥特曼', '萨姆·奥特曼']
    """
    names = _canonical_names()
    stop = stopwords()
    result = []
    for token in (tokenize(text) if tokens is None else tokens):
        if token in stop:
            continue
        if token.replace(".", "").isdigit() or not token.strip():
            continue
        result.append(names.get(alias_key(token), token))
    return result


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    table = entity_table()
    return {alias_key(alias): name for alias, name in zip(table.alias, table.name_zh)}


def similarity_matrix(token_lists: list[list[str]]) -> np.ndarray:
    """Return the cosine similarity of the token count vectors, with a zero diagonal.

    >>> similarity_matrix([["a", "b"], ["a", "b"], ["c"]]).round(2).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    from scipy import sparse

    vocabulary = sorted({t for tokens in token_lists for t in tokens})
    index = {t: i for i, t in enumerate(vocabulary)}
    rows, cols, values = [], [], []
    for row, tokens in enumerate(token_lists):
        for token, count in sorted(Counter(tokens).items()):
            rows.append(row), cols.append(index[token]), values.append(float(count))
    vectors = sparse.csr_matrix((values, (rows, cols)), shape=(len(token_lists), len(vocabulary)))
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    unit = sparse.diags(1 / norms) @ vectors
    matrix = np.asarray((unit @ unit.T).todense())
    np.fill_diagonal(matrix, 0)
    return matrix


def pagerank(weights: np.ndarray, damping: float = DAMPING, iterations: int = 100) -> np.ndarray:
    """Return the PageRank of each node of a weighted undirected graph (power iteration).

    >>> pagerank(np.array([[0, 1.0], [1.0, 0]])).round(2).tolist()
    [0.5, 0.5]
    """
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    out = weights.sum(axis=1)
    transition = np.divide(weights, out[:, None], out=np.full_like(weights, 1 / n), where=out[:, None] > 0)
    rank = np.full(n, 1 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank / rank.sum()


def mmr(relevance: np.ndarray, similarity: np.ndarray, k: int, weight: float = MMR_LAMBDA) -> list[int]:
    """Return up to ``k`` indices chosen by maximal marginal relevance (ties to the lower index)."""
    chosen: list[int] = []
    available = np.ones(len(relevance), dtype=bool)
    redundancy = np.zeros(len(relevance))
    while available.any() and len(chosen) < k:
        gain = np.where(available, weight * relevance - (1 - weight) * redundancy, -np.inf)
        best = int(np.argmax(gain))  # the first of equal gains: the lower index
        chosen.append(best)
        available[best] = False
        redundancy = np.maximum(redundancy, similarity[best])
    return chosen


@memoize
def textrank(texts: list[str], k: int = 3, tokens: list[list[str]] | None = None) -> list[int]:
    """Return the indices of ``k`` sentences chosen by TextRank and MMR, in ranked order. ``tokens`` may
    pass each text's tokens when they are at hand (``analyse_corpus`` gives them), else the texts are segmented."""
    tokens = [content_tokens(t, None if tokens is None else tokens[i]) for i, t in enumerate(texts)]
    similarity = similarity_matrix(tokens)
    rank = pagerank(similarity)
    relevance = rank / rank.max() if len(rank) and rank.max() > 0 else rank
    return mmr(relevance, similarity, k)


def jionlp_summary(texts: list[str], k: int = 3, tokens: list[list[str]] | None = None) -> list[int]:
    """Return the indices of up to ``k`` sentences jionlp's summariser picks from the joined texts, in
    text order (``computed_jionlp_summary``), read from the picks shipped for the bundled corpus when
    these are its texts and its ``k`` (``shipped_picks``), else computed and cached on disk. ``tokens``
    is ignored: jionlp segments the joined text with its own segmenter."""
    shipped = shipped_picks().get(picks_key(texts, k))
    return list(shipped) if shipped is not None else computed_jionlp_summary(texts, k)


#: jionlp's picks on the bundled corpus, computed once per package version by
#: ``benchmarks/narrative/ship_baseline_picks.py``: its summariser loads a segmenter and a topic model
#: for some 25 s, the same for every user, so that a cold report of the bundled corpus need not.
SHIPPED_PICKS = DATA_DIR / "narrative_baseline_picks.csv"


def picks_key(texts: list[str], k: int) -> str:
    """Return the SHA-256 of everything jionlp's picks depend on: the texts, ``k``, jionlp's version
    and the source of ``computed_jionlp_summary`` (a shipped pick is used only for this very key)."""
    import hashlib
    import importlib.metadata
    import inspect

    digest = hashlib.sha256(importlib.metadata.version("jionlp").encode())
    digest.update(inspect.getsource(computed_jionlp_summary.uncached).encode())
    digest.update(str(k).encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def shipped_picks() -> dict[str, tuple[int, ...]]:
    """Return the shipped picks: key (``picks_key``) -> the indices jionlp picked."""
    if not SHIPPED_PICKS.is_file():
        return {}
    table = pd.read_csv(SHIPPED_PICKS, dtype=str, keep_default_na=False)
    return {row.key: tuple(int(i) for i in row.picks.split()) for row in table.itertuples()}


def write_shipped_picks(entries: dict[str, list[int]]) -> None:
    """Write ``entries`` (key -> picks) as the shipped picks."""
    table = pd.DataFrame({"key": list(entries), "picks": [" ".join(map(str, p)) for p in entries.values()]})
    table.to_csv(SHIPPED_PICKS, index=False, lineterminator="\n")
    shipped_picks.cache_clear()


@memoize
def computed_jionlp_summary(texts: list[str], k: int = 3) -> list[int]:
    """Return the indices of up to ``k`` sentences jionlp's summariser picks from the joined texts, in
    text order. jionlp returns text, not indices, and rewrites what it returns (it drops spaces and
    splits at other marks), so each sentence of its summary is mapped back to the text that shares
    most of its character pairs (at least half of them). Slow (its models load for some 25 s, once
    per process): cached on disk."""
    import re

    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    if not texts:
        return []
    joined = "".join(t if t.endswith(("。", "!", "！", "?", "？")) else t + "。" for t in texts)
    # jionlp fills a budget of characters in its ranked order and stops at the first sentence that would
    # overflow it, so a budget of k mean sentences gives fewer than k: half as much again, and the first k
    # it returns (in text order) are kept
    length = min(int(np.mean([len(t) for t in texts]) * k * 1.5), len(joined) - 1)
    if not hasattr(jionlp.summary.extract_summary, "topic_prominence_dict"):  # models not loaded yet
        progress.current().step("jionlp: loading its segmenter and topic model (once per process)")
    with contextlib.redirect_stdout(io.StringIO()):
        summary = jionlp.summary.extract_summary(joined, summary_length=length)
    pairs = [set(zip(t, t[1:])) for t in texts]
    picked: list[int] = []
    for piece in filter(None, (p.strip() for p in re.split(r"(?<=[。！？!?])", summary))):
        own = set(zip(piece, piece[1:]))
        if not own:
            continue
        overlap = [len(own & p) / len(own) for p in pairs]
        best = int(np.argmax(overlap))
        if overlap[best] >= 0.5 and best not in picked:
            picked.append(best)
    return picked[:k]


SUMMARISERS = {"textrank": textrank, "jionlp": jionlp_summary}


def candidate_sentences(analysis) -> pd.DataFrame:
    """Return the sentences a baseline chooses from: ``analysis.sentences`` (with their ``date``: their
    own, else their article's day) of at least ``MIN_SUMMARY_CHARS`` characters, each text once."""
    from .timeline import sentence_dates

    sents = analysis.sentences
    sents = sents.assign(date=sentence_dates(sents, analysis.events))
    return sents[sents.text.str.len() >= MIN_SUMMARY_CHARS].drop_duplicates("text").reset_index(drop=True)


def baseline_timeline(corpus: pd.DataFrame, method: str, k: int, target: str = "altman", analysis=None) -> pd.DataFrame:
    """Return the ``k`` sentences ``method`` (``textrank`` or ``jionlp``) picks from the whole corpus,
    as a timeline: date_start and date_end (the sentence's own date, else its article's day), text,
    source, article_id, sentence_id, in date order. Candidates: sentences of at least
    ``MIN_SUMMARY_CHARS`` characters, each text once."""
    from ..pipeline import analyse_corpus

    analysis = analysis if analysis is not None else analyse_corpus(corpus, target)
    candidates = candidate_sentences(analysis)
    texts = candidates.text.tolist()
    # the analysis has segmented every sentence already: a summariser that reads tokens takes them rather
    # than segmenting again
    chosen = SUMMARISERS[method](texts, k, [list(t) for t in candidates.tokens])
    picked = candidates.iloc[chosen] if len(candidates) else candidates
    info = corpus.set_index("article_id")
    published = info.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
    table = pd.DataFrame({
        "date_start": picked.date, "date_end": picked.date + pd.Timedelta(hours=23, minutes=59, seconds=59),
        "text": picked.text,
        "source": [f"{info.outlet.get(a)}, {'undated' if pd.isna(published.get(a)) else f'{published.get(a):%Y-%m-%d}'}"
                   for a in picked.article_id],
        "article_id": picked.article_id, "sentence_id": picked.sentence_id})
    return table.sort_values(["date_start", "article_id", "sentence_id"], kind="stable").reset_index(drop=True)
