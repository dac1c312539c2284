"""Sentences and tokens: a sentence splitter with offsets, and jieba with entity names kept whole."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import pandas as pd

from .entities import entity_table, find_all_mentions
from .scripts import _package_dir, fold

_TERMINALS = "。！？!?"
_CLOSERS = "”’」』》〉)）】"
_WORD = re.compile(r"\w")
_PUNCTUATION = frozenset(
    "，。、；：？！…—·・“”‘’「」『』（）()《》〈〉【】[]{}<>,.;:?!\"'`~@#$%^&*-_=+|\\/　 \t\n"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of each sentence of ``text``.

    A sentence ends at 。！？!? (with any closing quotes or brackets after them) or at a line
    break; it never crosses a paragraph. Spans are trimmed of whitespace and a span without a
    single word character is dropped.

    >>> text = "他说:“我后悔了。”随后离开。\\n新的段落"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['他说:“我后悔了。”', '随后离开。', '新的段落']
    """
    if not isinstance(text, str):
        raise TypeError(f"split_sentences expects a str, got {type(text).__name__}")
    spans = []
    start, i, n = 0, 0, len(text)
    while i <= n:
        if i == n or text[i] == "\n":
            spans.append((start, i))
            start = i = i + 1
            continue
        if text[i] in _TERMINALS:
            j = i + 1
            while j < n and text[j] in _TERMINALS:
                j += 1
            while j < n and (text[j] in _CLOSERS or (text[j] == '"' and text.count('"', start, j) % 2)):
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if _WORD.search(text, s, e):
            trimmed.append((s, e))
    return trimmed


def sentences(corpus: pd.DataFrame | str) -> pd.DataFrame:
    """Return one row per sentence: article_id, sentence_id, start, end, text, published.

    ``sentence_id`` counts from 0 within each article; ``start``/``end`` index the article's
    cleaned ``text``. A plain string is split as one article with id ``None``.

    >>> sentences("奥特曼被解雇。他回来了!")[["sentence_id", "text"]].values.tolist()
    [[0, '奥特曼被解雇。'], [1, '他回来了!']]
    """
    if isinstance(corpus, str):
        corpus = pd.DataFrame({"article_id": [None], "text": [corpus], "published": [pd.NaT]})
    rows = []
    for article_id, text, published in zip(corpus["article_id"], corpus["text"], corpus["published"]):
        for number, (start, end) in enumerate(split_sentences(text)):
            rows.append((article_id, number, start, end, text[start:end], published))
    table = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end", "text", "published"])
    if len(table) == 0:
        table["published"] = pd.Series(corpus["published"], dtype=corpus["published"].dtype).iloc[:0]
    return table


@lru_cache(maxsize=1)
def _tokenizer():
    """Return a jieba tokenizer that knows every entity alias; built on first use, quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its load time, which would land in notebook outputs
    tokenizer = jieba.Tokenizer()
    for alias in entity_table().alias:
        if " " not in alias and "·" not in alias:
            tokenizer.add_word(alias, freq=100_000)
    return tokenizer


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return the stop words: jionlp's Chinese list (read from its package data) and punctuation."""
    path = _package_dir("jionlp") / "dictionary" / "stopwords.txt"
    words = {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return frozenset(words | _PUNCTUATION)


def token_spans(text: str, folded: str | None = None, mentions: list | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the tokens of ``text``, whitespace included.

    This is the one segmentation that every consumer shares (``tokenize``, the stance scorer, the
    pipeline's ``tokens`` column): entity names under any alias are single tokens, and jieba
    segments the text between them after folding to Simplified script. ``folded`` and
    ``mentions`` (as from ``find_all_mentions``) may be passed when the caller has them already.

    >>> text = "山姆·奧特曼被解僱"
    >>> [text[s:e] for s, e in token_spans(text)]
    ['山姆·奧特曼', '被', '解僱']
    """
    folded = fold(text) if folded is None else folded
    mentions = find_all_mentions(text, folded) if mentions is None else mentions
    cut = _tokenizer().cut
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end, *_ in [*mentions, (len(text), len(text))]:
        if start > position:
            for token in cut(folded[position:start]):
                spans.append((position, position + len(token)))
                position += len(token)
        if end > start:
            spans.append((start, end))
        position = end
    return spans


def tokens_of(text: str, spans: list[tuple[int, int]], drop_stopwords: bool = False) -> list[str]:
    """Return the tokens of ``text`` at ``spans`` (from ``token_spans``), whitespace dropped."""
    tokens = [text[s:e] for s, e in spans if not text[s:e].isspace()]
    if drop_stopwords:
        stop = stopwords()
        tokens = [t for t in tokens if t not in stop]
    return tokens


def tokenize(text: str, drop_stopwords: bool = False) -> list[str]:
    """Return the tokens of ``text``: entity names whole, whitespace dropped.

    >>> tokenize("奥特曼重返OpenAI")
    ['奥特曼', '重返', 'OpenAI']
    >>> tokenize("山姆·奥特曼(Sam Altman)被解雇")
    ['山姆·奥特曼', '(', 'Sam Altman', ')', '被', '解雇']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, got {type(text).__name__}")
    return tokens_of(text, token_spans(text), drop_stopwords)
