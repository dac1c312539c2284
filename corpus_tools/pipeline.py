"""The whole analysis of a corpus in one pass: sentences, tokens, mentions, stance, chronology.

``analyse_corpus`` is what the notebooks call, and what scales to corpora of thousands of
articles:

- each sentence is folded, searched for names and segmented **once**; the stance scorer, the
  ``tokens`` column and the mention table all use that one segmentation;
- time expressions are parsed only in sentences that hold a time word;
- dictionaries and models load once per process, on first use;
- each chunk of articles' tables is written to a Parquet store in the cache (``corpus_tools.store``),
  keyed by the articles' content, so a rerun, or a corpus with a few new articles, computes only what
  is new, and a corpus of 100,000 articles is never held whole: ``Analysis`` reads a table, or some
  of its columns and articles, when asked; the latest analyses are also kept in memory (with their
  tables, when small), so that the helpers a user calls one after another (``ct.sentences``,
  ``ct.tokenize`` and ``ct.stance`` on many texts, ``ct.chronology``) reuse one analysis instead of
  segmenting and scoring the same sentences again;
- the articles still to compute are spread over the machine's cores by dask (its multiprocessing
  scheduler), or over a ``dask.distributed`` cluster (``scheduler=``, or ``DASK_SCHEDULER_ADDRESS``),
  whose workers write into the same store; a tqdm progress bar shows when the work takes more than a
  few seconds.
"""

from __future__ import annotations

import os
import shutil
import weakref
from sys import intern

import numpy as np
import pandas as pd

from . import cache, store
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


#: The tables kept in the store (``corpus_tools.store``); the events and the chronology are small and held.
STORED_TABLES = ("sentences", "mentions", "stance")
#: Characters of a corpus up to which an analysis's tables are read whole once and kept in memory
#: (about 6,700 articles of the benchmark's length): the helpers a user calls one after another then
#: look its sentences up. Above it, a table is read from the store when a caller asks for it.
KEEP_CHARS = 20_000_000


class _Stored:
    """What a process keeps of one analysis: where its rows are in the store, each article's
    publication time, the events and the chronology, and (``kept``) every table, when small."""

    def __init__(self, pieces: store.Pieces, published: pd.Series, events: pd.DataFrame, chronology: pd.DataFrame):
        self.pieces, self.published, self.events, self.chronology = pieces, published, events, chronology
        self.kept: dict[str, pd.DataFrame] | None = None

    def read(self, name: str, columns: list[str] | None = None, articles=None) -> pd.DataFrame:
        """Return table ``name`` as ``Analysis`` gives it (``columns`` and ``articles`` only, if given)."""
        if name in ("events", "chronology"):
            table = getattr(self, name)
            if articles is not None and name == "events":
                table = table[table.article_id.isin(set(articles))].reset_index(drop=True)
            return (table if columns is None else table[columns]).copy()
        if self.kept is not None:
            table = self.kept[name]
            if articles is not None:
                table = table[table.article_id.isin(set(articles))].reset_index(drop=True)
            return (table if columns is None else table[columns]).copy()
        stored = store.columns(name)
        wanted = None if columns is None else [c for c in columns if c in stored]
        if columns is not None and "published" in columns and "article_id" not in wanted:
            wanted.append("article_id")
        table = self.pieces.read(name, wanted, articles)
        if (columns is None or "published" in columns) and name in ("sentences", "stance"):
            table.insert(list(table.columns).index("text") + 1 if name == "stance" and "text" in table else len(table.columns),
                         "published", self._published_of(table.article_id))
        return table if columns is None else table[columns]

    def _published_of(self, article_ids: pd.Series) -> pd.Series:
        """Return the publication time of each row's article, typed as the corpus's ``published``."""
        dates = self.published.reindex(pd.Index(article_ids.to_numpy(dtype=object)))  # the corpus's dtype, NaT and all
        return pd.Series(dates.array, index=article_ids.index, name="published")


class Analysis:
    """The tables of ``analyse_corpus``; every one is tidy, one row per observation.

    - ``sentences``: article_id, sentence_id, start, end (offsets into the article's text), text,
      tokens (a tuple: the shared segmentation, names whole), published;
    - ``mentions``: one row per mention of any entity: article_id, sentence_id, start, end (offsets
      into the sentence), surface, entity_id;
    - ``stance``: the sentences that refer to the target (``reference`` 'name' or 'pronoun') with
      label, score and evidence, as ``ct.stance`` gives them;
    - ``events``: each article's dated events before merging;
    - ``chronology``: the events merged across articles, as ``ct.chronology`` gives them.

    The sentences, mentions and stance live in a Parquet store in the cache (``corpus_tools.store``),
    and an attribute reads its table whole the first time it is asked for (then this object keeps
    it; each caller of ``analyse_corpus`` gets its own copies). For a corpus too large to hold whole,
    ``read(name, columns=[...], articles=[...])`` reads only those columns and articles,
    ``parts(name, columns=[...])`` yields a table chunk by chunk, and ``files(name)`` lists its Parquet
    files (for ``pyarrow.dataset`` or ``dask.dataframe.read_parquet``; a file may also hold articles of
    an earlier version of the corpus, which ``read`` and ``parts`` leave out). It unpacks like the
    named tuple it was: ``sentences, mentions, stance, events, chronology = analysis``.

    >>> analysis = analyse_corpus()
    >>> analysis.read("stance", ["article_id", "label"]).groupby("article_id").size().tolist()
    [7, 19, 17, 25, 20]
    """

    _fields = ("sentences", "mentions", "stance", "events", "chronology")

    def __init__(self, core: _Stored):
        self._core = core
        self._tables: dict[str, pd.DataFrame] = {}

    def _table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = self._core.read(name)
        return self._tables[name]

    sentences = property(lambda self: self._table("sentences"), doc="one row per sentence")
    mentions = property(lambda self: self._table("mentions"), doc="one row per mention of any entity")
    stance = property(lambda self: self._table("stance"), doc="the sentences that refer to the target, scored")
    events = property(lambda self: self._table("events"), doc="each article's dated events")
    chronology = property(lambda self: self._table("chronology"), doc="the events merged across articles")

    def read(self, name: str, columns: list[str] | None = None, articles=None) -> pd.DataFrame:
        """Return table ``name`` (one of ``_fields``): only ``columns`` and the rows of ``articles``
        (article ids), if given, read from the store without reading the rest."""
        if name not in self._fields:
            raise KeyError(f"no table {name!r}: one of {', '.join(self._fields)}")
        return self._core.read(name, columns, articles)

    def parts(self, name: str, columns: list[str] | None = None):
        """Yield table ``name`` (sentences, mentions or stance) chunk by chunk, ``columns`` only if
        given (``published`` is not among the stored columns: join it from the corpus)."""
        yield from self._core.pieces.parts(name, columns)

    def files(self, name: str) -> list:
        """Return the Parquet files of table ``name`` (sentences, mentions or stance)."""
        return self._core.pieces.files(name)

    def __iter__(self):
        return (getattr(self, name) for name in self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __getitem__(self, index):
        return tuple(self)[index] if isinstance(index, slice) else getattr(self, self._fields[index])

    def __repr__(self) -> str:
        return f"Analysis({', '.join(self._fields)})"


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
                   progress: bool | None = None, scheduler=None) -> Analysis:
    """Return the ``Analysis`` of ``corpus`` (default: the bundled corpus) toward ``target``.

    ``workers`` is the number of processes for the articles not in the cache (default: one for
    less than ``PARALLEL_CHARS`` characters of them, else every core); ``progress`` shows a tqdm bar
    (default: when there are more than ``PROGRESS_CHARS`` characters to compute). ``scheduler``, the
    address of a ``dask.distributed`` scheduler (``tcp://host:8786``) or a ``distributed.Client``
    (default: ``$DASK_SCHEDULER_ADDRESS``, if set), runs the articles not in the cache on that cluster
    instead, whatever their number: its workers write the tables into the store, which must then be a
    folder they see too (``CORPUS_TOOLS_CACHE`` on a shared file system).

    >>> analysis = analyse_corpus()
    >>> len(analysis.sentences), int(analysis.stance.label.isin([-1, 0, 1]).all())
    (272, 1)
    """
    from .loading import load_corpus

    corpus = load_corpus() if corpus is None else corpus
    target = resolve_entity(target)
    if scheduler is None:
        scheduler = os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    column = corpus["text"].array
    # each text stays in the corpus's column (in Arrow's UTF-8) until a task is sent: no list of copies
    articles = [(article_id, _Text(column, position), published) for position, (article_id, published)
                in enumerate(zip(corpus.article_id.tolist(), corpus.published))]
    lengths = corpus["text"].str.len().tolist()
    keys = [_article_key(a, str(t), p, target) for a, t, p in articles]
    remembered = _recall(target, keys, corpus)
    if remembered is not None:
        return remembered
    root = store.default_root()
    temporary = root is None  # the cache is off: a store for this analysis alone
    root = store.temporary_root() if temporary else root
    found = [None] * len(keys) if temporary else store.chunks_of(root, keys)
    missing = [i for i, chunk in enumerate(found) if chunk is None]
    chars = sum(lengths[i] for i in missing)
    if workers is None:
        workers = default_workers(chars, PARALLEL_CHARS)
    show = chars > PROGRESS_CHARS if progress is None else progress
    computed = _compute([articles[i] for i in missing], target, workers, show, [keys[i] for i in missing],
                        root=str(root), scheduler=scheduler, weights=[lengths[i] for i in missing])
    for i, chunk in zip(missing, computed):
        found[i] = chunk
    core = _assemble(store.Pieces(root, _pieces(found, corpus.article_id.tolist()), corpus.article_id.tolist()),
                     corpus, keep=sum(lengths) <= KEEP_CHARS, keys=keys)
    if temporary:
        weakref.finalize(core, shutil.rmtree, root, True)
    _remember(target, keys, corpus, core)
    return Analysis(core)


def _pieces(chunks: list[tuple[str, int]], article_ids: list[str]) -> list[tuple[str, list[str] | None]]:
    """Return (chunk, the corpus's article ids in it, or None when it holds nothing else), in the order
    of the chunks' first articles, from each article's (chunk, number of articles in the chunk)."""
    by_chunk: dict[str, list[str]] = {}
    size: dict[str, int] = {}
    for (chunk, count), article_id in zip(chunks, article_ids):
        by_chunk.setdefault(chunk, []).append(article_id)
        size[chunk] = count
    return [(chunk, None if len(ids) == size[chunk] else ids) for chunk, ids in by_chunk.items()]


class _Text:
    """One article's text, left in the corpus frame's column until it is used here (``str``) or sent
    to a worker (pickled as the text itself): the tasks of a large corpus then hold no copy of it."""

    __slots__ = ("column", "position")

    def __init__(self, column, position: int):
        self.column, self.position = column, position

    def __str__(self) -> str:
        return self.column[self.position]

    def __reduce__(self):
        return str, (str(self),)


def _compute(articles: list[tuple], target: str, workers: int, show: bool, keys: list[str], *, root: str,
             scheduler=None, weights: list[int] | None = None) -> list[tuple[str, int]]:
    """Analyse each article (article_id, text, published) and write its tables into the store at
    ``root``, by chunks (here, over ``workers`` processes, or on the cluster of ``scheduler``; ``weights``
    are the texts' lengths); return, for each article in order, (the chunk that holds it, the number of
    articles in that chunk)."""
    return map_in_chunks(_analyse_and_store, [(key, *article, target, root) for key, article in zip(keys, articles)],
                         workers=workers, show=show, desc="analysing articles", unit="article",
                         warm_up=lambda: _warm_up(target), batched=True,
                         weights=weights or [len(str(text)) for _, text, _ in articles], scheduler=scheduler)


def _analyse_and_store(chunk: list[tuple]) -> list[tuple[str, int]]:
    """Analyse a chunk of (key, article_id, text, published, target, root) and write its tables as
    one Parquet part each into the store at ``root`` (by whichever process computes it: here, a
    worker, a cluster's worker); return (the chunk's key, its size) for each article."""
    target, root = chunk[0][-2], chunk[0][-1]
    results = analyse_articles([(article_id, str(text), published) for _, article_id, text, published, *_ in chunk],
                               target)
    tables = {name: [row for result in results for row in result[name]] for name in ("sentences", "mentions", "events")}
    tables["stance"] = _stance_rows(results)
    keys = [item[0] for item in chunk]
    store.write_chunk(root, keys, tables)
    return [(store.chunk_key(keys), len(keys))] * len(chunk)


def _stance_rows(results: list[dict[str, list]]) -> list[tuple]:
    """Return the stance rows (``store.columns("stance")``) of the articles' scored sentences."""
    evidence = pd.DataFrame([row for result in results for row in result["evidence"]], columns=EVIDENCE_COLUMNS)
    evidence["snownlp"] = 0.5  # no snownlp evidence: its weight in the scorer is zero
    labelled = labels_from_evidence(evidence)
    sentences = [(start, end, text) for result in results for result_rows in [result["sentences"]]
                 for _, _, start, end, text, _ in result_rows]
    offsets, position = {}, 0
    for result in results:
        if result["sentences"]:
            offsets[result["sentences"][0][0]] = position
        position += len(result["sentences"])
    rows = []
    for (article_id, number, reference, *_), label, score, reason in zip(
            evidence.itertuples(index=False, name=None), labelled.label.tolist(), labelled.score.tolist(),
            labelled.evidence.tolist()):
        start, end, text = sentences[offsets[article_id] + number]
        rows.append((article_id, number, start, end, text, reference, label, score, reason))
    return rows


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
    return Analysis(remembered["core"])


def _remember(target: str, keys: list[str], corpus: pd.DataFrame, core: _Stored) -> None:
    key = _memory_key(target, keys, corpus)
    if key is None:
        return
    _MEMORY[key] = {"core": core, "target": target}
    while len(_MEMORY) > MEMORY_SIZE:
        del _MEMORY[next(iter(_MEMORY))]
    if core.kept is not None:
        remember_mentions(lambda: _mentions_by_text(core.kept))


def _mentions_by_text(tables: dict[str, pd.DataFrame]) -> dict[str, list[tuple]]:
    """Return each sentence's mentions (as ``find_all_mentions`` gives them), by the sentence's text."""
    by_sentence: dict[tuple, list[tuple]] = {}
    mentions = tables["mentions"]
    for article_id, number, *mention in zip(*(mentions[column].tolist() for column in MENTION_COLUMNS)):
        by_sentence.setdefault((article_id, number), []).append(tuple(mention))
    sentences = tables["sentences"]
    return {text: by_sentence.get((article_id, number), []) for article_id, number, text
            in zip(sentences.article_id.tolist(), sentences.sentence_id.tolist(), sentences.text.tolist())}


def _kept(target: str | None = None) -> list[dict]:
    """Return the records of the analyses kept in memory whose tables are kept whole (toward
    ``target``, if given), the latest first."""
    return [remembered for remembered in reversed(list(_MEMORY.values()))
            if remembered["core"].kept is not None and (target is None or remembered["target"] == target)]


def _by_text(name: str, target: str | None = None) -> list[dict]:
    """Return, for each analysis kept in memory with its tables (toward ``target``, if given), an index
    from a sentence's text to what it holds: ``"tokens"`` (the token tuple) or ``"stance"`` (label,
    score, evidence). A sentence's tokens and stance depend on its text alone."""
    indexes = []
    for remembered in _kept(target):
        if name not in remembered:
            tables = remembered["core"].kept
            if name == "tokens":
                remembered[name] = dict(zip(tables["sentences"].text.tolist(), tables["sentences"].tokens.tolist()))
            else:
                table = tables["stance"]
                remembered[name] = dict(zip(table.text.tolist(), zip(table.label.tolist(), table.score.tolist(),
                                                                     table.evidence.tolist())))
        indexes.append(remembered[name])
    return indexes


def known_references(sents: pd.DataFrame, target: str) -> list[str | None] | None:
    """Return how each of ``sents`` refers to ``target`` (as ``targets.references`` gives it) when they
    are the sentences of an analysis toward ``target`` kept in memory, in its order; else None."""
    for remembered in _kept(target):
        sentences, stance = remembered["core"].kept["sentences"], remembered["core"].kept["stance"]
        if len(sentences) != len(sents):
            continue
        columns = ["article_id", "sentence_id", "text"]
        if not all(np.array_equal(sents[c].to_numpy(dtype=object), sentences[c].to_numpy(dtype=object))
                   for c in columns):
            continue
        rows = pd.MultiIndex.from_frame(sentences[["article_id", "sentence_id"]])
        referring = pd.Series(stance.reference.to_numpy(dtype=object),
                              index=pd.MultiIndex.from_frame(stance[["article_id", "sentence_id"]]))
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


def _assemble(pieces: store.Pieces, corpus: pd.DataFrame, keep: bool, keys: list[str] | None = None) -> _Stored:
    """Return what an analysis holds: the store's pieces of the corpus, each article's publication
    time, the events with the corpus's years chosen and the chronology merged from them (both small),
    and, with ``keep``, every table read whole (a corpus small enough to hold). With the articles'
    ``keys``, the events and the chronology are cached on disk under them (and the story ids), so
    that each notebook's kernel reads them rather than merging them again."""
    by_id = corpus.set_index("article_id")
    stories = by_id.story_id if "story_id" in by_id else None
    key = None if keys is None else cache.content_key(
        "assembled", "".join(keys), None if stories is None else stories.astype(str).tolist())
    assembled = None if key is None else cache.load("pipeline.assembled", key)
    if assembled is None:
        events = choose_years(pieces.read("events"), by_id.published, by_id.text)
        assembled = (events, merge_events(events, by_id.published, stories))
        if key is not None:
            cache.store("pipeline.assembled", key, assembled)
    events, chronology = assembled
    core = _Stored(pieces, by_id.published, events, chronology)
    if keep:
        core.kept = {name: core.read(name) for name in STORED_TABLES}
    return core
