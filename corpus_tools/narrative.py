"""Tell the story in phases: date every sentence, rank sentences per phase, pick a few without repeats.

Two extractive summarisers are offered and compared by a stated criterion:

- ``textrank``: a graph of the phase's sentences weighted by the cosine similarity of their content
  tokens (jieba, names whole, stop words dropped), ranked by PageRank, then chosen by maximal
  marginal relevance (MMR) so that a chosen sentence adds something the others did not say;
- ``jionlp``: jionlp's own extractive summariser run on the phase's text.

The criterion (``summary_quality``) is keyword coverage minus redundancy: the share of the phase's
20 most distinctive content tokens (TF-IDF against the other phases) that the summary contains,
minus the mean pairwise similarity of the chosen sentences.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from . import progress
from .cache import memoize
from .entities import alias_key, entity_table
from .paths import DATA_DIR
from .reports import key_events
from .text import stopwords, tokenize

DAMPING = 0.85
MMR_LAMBDA = 0.7
KEYWORDS_PER_PHASE = 20
#: Sentences shorter than this (a salutation, a heading) are not candidates for a summary.
MIN_SUMMARY_CHARS = 15


@lru_cache(maxsize=1)
def phase_table() -> pd.DataFrame:
    """Return the phases (``data/phases.csv``): id, titles, the event type that opens each one."""
    return pd.read_csv(DATA_DIR / "phases.csv")


def phases(chronology: pd.DataFrame) -> pd.DataFrame:
    """Return the phases with their start dates, taken from the chronology: each opens on the earliest
    event of its opening type after the previous phase began (or, where the chronology dates no such
    event, on its key event in ``data/key_events.csv``); ``basis`` says which."""
    keys = key_events().set_index("event_id").date_beijing
    rows, previous = [], pd.Timestamp.min
    for phase in phase_table().itertuples():
        candidates = chronology[(chronology.event_type == phase.opened_by) & (chronology.date_start > previous)
                                & (chronology.precision != "year")]
        if len(candidates):
            start, basis = candidates.date_start.min().normalize(), "chronology"
        else:
            start, basis = keys[phase.fallback_key_event], "key event"
        rows.append({"phase_id": phase.phase_id, "title_en": phase.title_en, "title_zh": phase.title_zh,
                     "start": start, "basis": basis})
        previous = start
    table = pd.DataFrame(rows)
    table["end"] = list(table.start.iloc[1:]) + [pd.Timestamp.max.normalize()]
    return table


def sentence_dates(sents: pd.DataFrame, expressions: pd.DataFrame) -> pd.Series:
    """Return a date for each sentence: the latest event it dates itself (to the day or month), else
    the day its article was published (Beijing). Dates known only to the year (去年, 今年) recall,
    they do not place a sentence."""
    dated = expressions[expressions.precision != "year"].groupby(["article_id", "sentence_id"]).date_start.max()
    own = pd.Series([dated.get((a, i)) for a, i in zip(sents.article_id, sents.sentence_id)], index=sents.index)
    published = sents.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None).dt.normalize()
    return own.fillna(published).astype("datetime64[ns]").rename("date")


def assign_phases(sents: pd.DataFrame, dates: pd.Series, phase_bounds: pd.DataFrame) -> pd.Series:
    """Return the phase of each sentence by its date; what happened before the first phase (the
    background the articles give) belongs to the first."""
    def phase_of(date):
        for row in phase_bounds.itertuples():
            if row.start <= date < row.end:
                return row.phase_id
        return phase_bounds.phase_id.iloc[0]
    return dates.map(phase_of).rename("phase_id")


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
    """Return the cosine similarity of the token count vectors, with a zero diagonal."""
    vocabulary = sorted({t for tokens in token_lists for t in tokens})
    index = {t: i for i, t in enumerate(vocabulary)}
    vectors = np.zeros((len(token_lists), len(vocabulary)))
    for row, tokens in enumerate(token_lists):
        for token, count in Counter(tokens).items():
            vectors[row, index[token]] = count
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0] = 1
    unit = vectors / norms[:, None]
    matrix = unit @ unit.T
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
    candidates = list(range(len(relevance)))
    while candidates and len(chosen) < k:
        def gain(i):
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            return weight * relevance[i] - (1 - weight) * redundancy
        best = max(candidates, key=lambda i: (gain(i), -i))
        chosen.append(best)
        candidates.remove(best)
    return chosen


def textrank(texts: list[str], k: int = 3) -> list[int]:
    """Return the indices of ``k`` sentences chosen by TextRank and MMR, in ranked order."""
    tokens = [content_tokens(t) for t in texts]
    similarity = similarity_matrix(tokens)
    rank = pagerank(similarity)
    relevance = rank / rank.max() if len(rank) and rank.max() > 0 else rank
    return mmr(relevance, similarity, k)


def jionlp_summary(texts: list[str], k: int = 3) -> list[int]:
    """Return the indices of the sentences jionlp's summariser picks from the joined texts (at most ``k``)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    joined = "".join(t if t.endswith(("。", "!", "！", "?", "？")) else t + "。" for t in texts)
    length = int(np.mean([len(t) for t in texts]) * k) if texts else 0
    if not hasattr(jionlp.summary.extract_summary, "topic_prominence_dict"):  # models not loaded yet
        progress.current().step("loading jionlp's summariser (its segmenter and topic model; once per process)")
    with contextlib.redirect_stdout(io.StringIO()):
        summary = jionlp.summary.extract_summary(joined, summary_length=length)
    picked = [i for i, t in enumerate(texts) if t.rstrip("。") and t.rstrip("。") in summary]
    return picked[:k]


def distinctive_keywords(phase_texts: dict[str, list[str]], n: int = KEYWORDS_PER_PHASE) -> dict[str, list[str]]:
    """Return, per phase, the ``n`` content tokens with the highest TF-IDF against the other phases."""
    counts = {p: Counter(t for text in texts for t in content_tokens(text)) for p, texts in phase_texts.items()}
    document_frequency = Counter(t for c in counts.values() for t in c)
    keywords = {}
    for phase, counter in counts.items():
        scored = {t: c * math.log((1 + len(counts)) / (1 + document_frequency[t])) for t, c in counter.items()}
        keywords[phase] = [t for t, _ in sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:n]]
    return keywords


def summary_quality(chosen: list[str], keywords: list[str]) -> dict[str, float]:
    """Return coverage (share of the phase keywords in the summary), redundancy (mean pairwise
    similarity of the chosen sentences) and their difference, the criterion."""
    tokens = set(t for text in chosen for t in content_tokens(text))
    coverage = sum(k in tokens for k in keywords) / len(keywords) if keywords else 0.0
    similarity = similarity_matrix([content_tokens(t) for t in chosen])
    pairs = len(chosen) * (len(chosen) - 1)
    redundancy = float(similarity.sum() / pairs) if pairs else 0.0
    return {"coverage": coverage, "redundancy": redundancy, "criterion": coverage - redundancy}


SUMMARISERS = {"textrank": textrank, "jionlp": jionlp_summary}


def phased_sentences(corpus: pd.DataFrame, chronology: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (sentences with their tokens, date and phase_id; the phases) for a corpus."""
    from .pipeline import analyse_corpus

    analysis = analyse_corpus(corpus)
    chronology = analysis.chronology if chronology is None else chronology
    bounds = phases(chronology)
    sents = analysis.sentences
    sents["date"] = sentence_dates(sents, analysis.events)
    # A sentence recalling what came before the story (去年底, 2019年) is background: it is placed by
    # when it was told, not at the start of the first phase.
    recalled = sents.date < bounds.start.iloc[0]
    told = sents.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None).dt.normalize()
    sents.loc[recalled, "date"] = told[recalled].astype(sents.date.dtype)
    sents["phase_id"] = assign_phases(sents, sents.date, bounds)
    return sents, bounds


def compare_summarisers(sents: pd.DataFrame, k: int = 3) -> tuple[pd.DataFrame, dict]:
    """Return the criterion of each summariser in each phase (coverage, redundancy, criterion) and,
    per method, the chosen sentences' row labels in ``sents``, by phase (cached on disk). A progress
    line says which phase is being summarised, and when jionlp's summariser loads its models (the
    first time in a process: about half a minute on a quiet machine)."""
    with progress.line("comparing the summarisers"):
        return _compared_summarisers(sents, k)


@memoize
def _compared_summarisers(sents: pd.DataFrame, k: int = 3) -> tuple[pd.DataFrame, dict]:
    candidates = sents[sents.text.str.len() >= MIN_SUMMARY_CHARS]
    by_phase = {p: g for p, g in candidates.groupby("phase_id", sort=False)}
    keywords = distinctive_keywords({p: g.text.tolist() for p, g in by_phase.items()})
    rows, chosen = [], {m: {} for m in SUMMARISERS}
    for number, (phase, group) in enumerate(by_phase.items(), start=1):
        texts = group.text.tolist()
        for method, summarise in SUMMARISERS.items():
            progress.current().step(f"phase {number} of {len(by_phase)} ({phase}), {method}")
            picked = [group.index[i] for i in summarise(texts, k)]
            chosen[method][phase] = picked
            rows.append({"phase_id": phase, "method": method, "sentences": len(picked),
                         **summary_quality(sents.loc[picked, "text"].tolist(), keywords[phase])})
    return pd.DataFrame(rows), chosen
