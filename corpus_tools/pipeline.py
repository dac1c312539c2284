"""The whole analysis of a corpus in one pass: sentences, tokens, mentions, stance, chronology.

``analyse_corpus`` is what the notebooks call, and what scales to corpora of thousands of
articles:

- each sentence is folded, searched for names and segmented **once**; the stance scorer, the
  ``tokens`` column and the mention table all use that one segmentation;
- time expressions are parsed only in sentences that hold a time word;
- dictionaries and models load once per process, on first use;
- each article's tables are cached on disk, keyed by the article's content (``corpus_tools.cache``),
  so a rerun, or a corpus with a few new articles, computes only what is new; the latest analyses
  are also kept in memory, so that the helpers a user calls one after another (``ct.sentences``,
  ``ct.tokenize`` and ``ct.stance`` on many texts, ``ct.chronology``) reuse one analysis instead of
  segmenting and scoring the same sentences again;
- the articles still to compute are spread over the machine's cores by dask (its multiprocessing
  scheduler here; the same graph runs on a dask cluster when one is the default scheduler), with
  a tqdm progress bar when the work takes more than a few seconds.
"""

from __future__ import annotations

from sys import intern
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import cache
from .chronology import EVENT_COLUMNS, ArticleReading, choose_years, merge_events, text_events
from .entities import find_all_mentions, resolve_entity
from .parallel import default_workers, map_in_chunks
from .stance.scoring import labels_from_evidence, score_sentences
from .scripts import fold
from .stance.targets import references
from .text import split_sentences, token_spans, tokens_of
from .entities import remember_mentions

#: How many analyses a process keeps in memory (the oldest goes first; each holds its tables).
MEMORY_SIZE = 4
_MEMORY = cache.in_memory()

#: Uncached characters above which the work is spread over several processes (about a second of
#: work on one core; below it, starting the processes would cost more than they save).
PARALLEL_CHARS = 200_000
#: Uncached characters above which a progress bar is shown (a few seconds of work).
PROGRESS_CHARS = 500_000

SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "tokens"]
MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "entity_id"]
EVIDENCE_COLUMNS = ["article_id", "sentence_id", "reference", "domain", "general", "dutir", "learned", "margin",
                    "evidence"]


class Analysis(NamedTuple):
    """The tables of ``analyse_corpus``; every one is tidy, one row per observation.

    - ``sentences``: article_id, sentence_id, start, end (offsets into the article's text), text,
      tokens (a tuple: the shared segmentation, names whole), published;
    - ``mentions``: one row per mention of any entity: article_id, sentence_id, start, end (offsets
      into the sentence), surface, entity_id;
    - ``stance``: the sentences that refer to the target (``reference`` 'name' or 'pronoun') with
      label, score and evidence, as ``ct.stance`` gives them;
    - ``events``: each article's dated events before merging;
    - ``chronology``: the events merged across articles, as ``ct.chronology`` gives them.
    """

    sentences: pd.DataFrame
    mentions: pd.DataFrame
    stance: pd.DataFrame
    events: pd.DataFrame
    chronology: pd.DataFrame


def analyse_article(article_id: str, text: str, published: pd.Timestamp, target: str = "altman") -> dict[str, list]:
    """Return the rows of one article's tables (lists of tuples, keyed by table name)."""
    return analyse_articles([(article_id, text, published)], target)[0]


def analyse_articles(articles: list[tuple[str, str, pd.Timestamp]], target: str = "altman") -> list[dict[str, list]]:
    """Return the rows of each article's tables (as ``analyse_article``), in order; the sentences that
    refer to ``target`` in all of them are scored together (the learned part's fixed cost per call
    is paid once)."""
    read = [_read_article(*article, target) for article in articles]
    about = [article.pop("about") for article in read]
    everyone = [row for rows in about for row in rows]
    scored = iter(score_sentences([row[3] for row in everyone], target, [row[4] for row in everyone]))
    for article, rows in zip(read, about):
        article["evidence"] = [(*row[:3], *next(scored)) for row in rows]
    return read


def _read_article(article_id: str, text: str, published: pd.Timestamp, target: str) -> dict[str, list]:
    """Return one article's sentence, mention and event rows, and under ``about`` the sentences that
    refer to ``target`` (article_id, number, reference, text, (mentions, spans, folded)) still to be scored."""
    sentence_rows, mention_rows, found, named = [], [], [], []
    folded_text = fold(text)  # folding maps each character to one, so a slice of it is the sentence folded
    sentence_spans = split_sentences(text)
    for number, (start, end) in enumerate(sentence_spans):
        sentence = text[start:end]
        folded = folded_text[start:end]
        mentions = find_all_mentions(sentence, folded)
        spans = token_spans(sentence, folded, mentions)
        # interned: a chunk's repeated words are then one object each, which its pickle (to the cache,
        # and from a worker to this process) writes once and the tables share
        sentence_rows.append((article_id, number, start, end, sentence, tuple(map(intern, tokens_of(sentence, spans)))))
        mention_rows += [(article_id, number, first, last, intern(surface), entity)
                         for first, last, surface, entity in mentions]
        found.append((mentions, spans, folded))
        named.append([entity for *_, entity in mentions])
    texts = [row[4] for row in sentence_rows]
    about = [(article_id, number, reference, texts[number], found[number])
             for number, reference in enumerate(references([article_id] * len(texts), texts, named, target))
             if reference is not None]
    reading = ArticleReading(sentence_spans, folded_text, [mentions for mentions, _, _ in found])
    events = text_events(article_id, text, published, reading)
    return {"sentences": sentence_rows, "mentions": mention_rows, "about": about,
            "events": [tuple(event[c] for c in EVENT_COLUMNS) for event in events]}


def _warm_up(target: str) -> None:
    """Load the dictionaries and models in this process, so that forked workers share them."""
    analyse_article("warm-up", "奥特曼周一回到了OpenAI总部。", pd.Timestamp("2023-11-21", tz="Asia/Shanghai"), target)


def _article_key(article_id: str, text: str, published: pd.Timestamp, target: str) -> str:
    return cache.content_key("analysis", target, article_id, str(published), text)


def analyse_corpus(corpus: pd.DataFrame | None = None, target: str = "altman", *, workers: int | None = None,
                   progress: bool | None = None) -> Analysis:
    """Return the ``Analysis`` of ``corpus`` (default: the bundled corpus) toward ``target``.

    ``workers`` is the number of processes for the articles not in the cache (default: one for
    less than ``PARALLEL_CHARS`` characters of them, else every core); ``progress`` shows a tqdm bar
    (default: when there are more than ``PROGRESS_CHARS`` characters to compute).

    >>> analysis = analyse_corpus()
    >>> len(analysis.sentences), int(analysis.stance.label.isin([-1, 0, 1]).all())
    (272, 1)
    """
    from .loading import load_corpus

    corpus = load_corpus() if corpus is None else corpus
    target = resolve_entity(target)
    articles = [(a, t, p) for a, t, p in zip(corpus.article_id, corpus.text, corpus.published)]
    keys = [_article_key(a, t, p, target) for a, t, p in articles]
    remembered = _recall(target, keys, corpus)
    if remembered is not None:
        return _copy(remembered)
    results = [cache.load("pipeline.article", key) for key in keys]
    missing = [i for i, result in enumerate(results) if result is None]
    chars = sum(len(articles[i][1]) for i in missing)
    if workers is None:
        workers = default_workers(chars, PARALLEL_CHARS)
    show = chars > PROGRESS_CHARS if progress is None else progress
    computed = _compute([articles[i] for i in missing], target, workers, show, [keys[i] for i in missing])
    for i, result in zip(missing, computed):
        results[i] = result
    analysis = _tables(results, corpus)
    _remember(target, keys, corpus, analysis)
    return _copy(analysis)


def _compute(articles: list[tuple], target: str, workers: int, show: bool, keys: list[str]) -> list[dict[str, list]]:
    """Return ``analyse_article`` of each article, in order, each stored in the cache under its key as
    soon as its chunk is computed: here, or over ``workers`` processes by dask."""
    return map_in_chunks(_analyse_and_store, [(key, *article, target) for key, article in zip(keys, articles)],
                         workers=workers, show=show, desc="analysing articles", unit="article",
                         warm_up=lambda: _warm_up(target), batched=True,
                         weights=[len(text) for _, text, _ in articles])


def _analyse_and_store(chunk: list[tuple]) -> list[dict[str, list]]:
    """Return the analyses of a chunk of (key, article_id, text, published, target), each stored in the
    cache under its key (in the worker: the writes are spread over the cores too)."""
    target = chunk[0][-1]
    results = analyse_articles([item[1:4] for item in chunk], target)
    for (key, *_), result in zip(chunk, results):
        cache.store("pipeline.article", key, result)
    return results


def _memory_key(target: str, keys: list[str], corpus: pd.DataFrame) -> str | None:
    if cache.cache_dir() is None:
        return None  # the cache is off: nothing is kept
    return cache.content_key("analysis in memory", str(cache.cache_dir()), target, str(corpus.published.dtype),
                             "".join(keys))


def _recall(target: str, keys: list[str], corpus: pd.DataFrame) -> Analysis | None:
    key = _memory_key(target, keys, corpus)
    if key is None or key not in _MEMORY:
        return None
    _MEMORY[key] = remembered = _MEMORY.pop(key)  # now the latest
    return remembered["analysis"]


def _remember(target: str, keys: list[str], corpus: pd.DataFrame, analysis: Analysis) -> None:
    key = _memory_key(target, keys, corpus)
    if key is None:
        return
    _MEMORY[key] = {"analysis": analysis, "target": target}
    while len(_MEMORY) > MEMORY_SIZE:
        del _MEMORY[next(iter(_MEMORY))]
    remember_mentions(lambda: _mentions_by_text(analysis))


def _mentions_by_text(analysis: Analysis) -> dict[str, list[tuple]]:
    """Return each sentence's mentions (as ``find_all_mentions`` gives them), by the sentence's text."""
    by_sentence: dict[tuple, list[tuple]] = {}
    mentions = analysis.mentions
    for article_id, number, *mention in zip(*(mentions[column].tolist() for column in MENTION_COLUMNS)):
        by_sentence.setdefault((article_id, number), []).append(tuple(mention))
    sentences = analysis.sentences
    return {text: by_sentence.get((article_id, number), []) for article_id, number, text
            in zip(sentences.article_id.tolist(), sentences.sentence_id.tolist(), sentences.text.tolist())}


def _copy(analysis: Analysis) -> Analysis:
    """Return a copy of the tables, so that a caller may change them without changing what is kept."""
    return Analysis(*(table.copy() for table in analysis))


def _by_text(name: str, target: str | None = None) -> list[dict]:
    """Return, for each analysis kept in memory (toward ``target``, if given), an index from a
    sentence's text to what it holds: ``"tokens"`` (the token tuple) or ``"stance"`` (label, score,
    evidence). A sentence's tokens and stance depend on its text alone."""
    indexes = []
    for remembered in reversed(list(_MEMORY.values())):
        if target is not None and remembered["target"] != target:
            continue
        if name not in remembered:
            analysis = remembered["analysis"]
            if name == "tokens":
                remembered[name] = dict(zip(analysis.sentences.text.tolist(), analysis.sentences.tokens.tolist()))
            else:
                table = analysis.stance
                remembered[name] = dict(zip(table.text.tolist(), zip(table.label.tolist(), table.score.tolist(),
                                                                     table.evidence.tolist())))
        indexes.append(remembered[name])
    return indexes


def known_references(sents: pd.DataFrame, target: str) -> list[str | None] | None:
    """Return how each of ``sents`` refers to ``target`` (as ``targets.references`` gives it) when they
    are the sentences of an analysis toward ``target`` kept in memory, in its order; else None."""
    for remembered in reversed(list(_MEMORY.values())):
        analysis = remembered["analysis"]
        if remembered["target"] != target or len(analysis.sentences) != len(sents):
            continue
        columns = ["article_id", "sentence_id", "text"]
        if not all(np.array_equal(sents[c].to_numpy(dtype=object), analysis.sentences[c].to_numpy(dtype=object))
                   for c in columns):
            continue
        rows = pd.MultiIndex.from_frame(analysis.sentences[["article_id", "sentence_id"]])
        referring = pd.Series(analysis.stance.reference.to_numpy(dtype=object),
                              index=pd.MultiIndex.from_frame(analysis.stance[["article_id", "sentence_id"]]))
        found = referring.reindex(rows).to_numpy(dtype=object)
        return [None if pd.isna(value) else value for value in found]
    return None


def known_tokens(texts: list[str]) -> list[tuple | None]:
    """Return the token tuples of ``texts`` that are sentences of an analysis kept in memory (else None)."""
    indexes = _by_text("tokens")
    return [next((index[text] for index in indexes if text in index), None) for text in texts]


def stance_of(texts: list[str], target: str) -> pd.DataFrame:
    """Return ``ct.stance(texts, target)`` with its default weights: the sentences of an analysis kept
    in memory are looked up, the others are scored, each folded, searched and segmented once."""
    target = resolve_entity(target)
    indexes = _by_text("stance", target)
    rows: list = []
    new: dict[str, int] = {}  # the texts to score: each distinct one once
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"stance expects str texts, got {type(text).__name__}")
        row = next((index[text] for index in indexes if text in index), None)
        if row is None:
            row = new.setdefault(text, len(new))
        rows.append(row)
    if new:
        parts = score_sentences(list(new), target, [_segmented(text) for text in new])
        scored = labels_from_evidence(pd.DataFrame(parts, columns=EVIDENCE_COLUMNS[3:]).assign(snownlp=0.5))
        fresh = list(zip(scored.label, scored.score, scored.evidence))
        rows = [fresh[row] if isinstance(row, int) else row for row in rows]

    labels, scores, evidence = (list(column) for column in zip(*rows)) if rows else ([], [], [])
    # built as labels_from_evidence builds it, so that the columns' types are the same
    return pd.DataFrame({"label": np.asarray(labels, dtype=int), "score": np.asarray(scores, dtype=float),
                         "evidence": np.asarray(evidence, dtype=object)})


def _segmented(text: str) -> tuple[list, list, str]:
    """Return the mentions, the token spans and the folded form of one loose text (folded, searched and
    segmented once)."""
    folded = fold(text)
    mentions = find_all_mentions(text, folded)
    return mentions, token_spans(text, folded, mentions), folded


def _tables(results: list[dict[str, list]], corpus: pd.DataFrame) -> Analysis:
    """Return the ``Analysis`` assembled from the articles' rows."""
    published = dict(zip(corpus.article_id, corpus.published))

    def table(name: str, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame([row for result in results for row in result[name]], columns=columns)

    sentences = table("sentences", SENTENCE_COLUMNS)
    # through to_datetime: an all-NaT map is naive, and astype cannot make a naive column aware
    dates = pd.to_datetime(sentences.article_id.map(published), utc=True)
    dates = dates.dt.tz_convert(corpus.published.dt.tz) if corpus.published.dt.tz else dates.dt.tz_localize(None)
    sentences["published"] = dates.astype(corpus.published.dtype)
    evidence = table("evidence", EVIDENCE_COLUMNS)
    evidence["snownlp"] = 0.5  # no snownlp evidence: its weight in the scorer is zero
    labelled = labels_from_evidence(evidence)
    stance = evidence[["article_id", "sentence_id", "reference"]].merge(
        sentences.drop(columns="tokens"), on=["article_id", "sentence_id"], how="left")
    stance = pd.concat([stance[["article_id", "sentence_id", "start", "end", "text", "published", "reference"]],
                        labelled], axis=1)
    by_id = corpus.set_index("article_id")
    events = choose_years(table("events", EVENT_COLUMNS), by_id.published, by_id.text)
    chronology = merge_events(events, by_id.published, by_id.story_id if "story_id" in by_id else None)
    return Analysis(sentences, table("mentions", MENTION_COLUMNS), stance, events, chronology)
