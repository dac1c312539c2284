"""Sentences and tokens: a sentence splitter with offsets, and jieba with entity names kept whole."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import accumulate

import pandas as pd

from . import cache
from .entities import entity_table, find_all_mentions
from .scripts import _package_dir, fold

_TERMINALS = "。！？!?"
_CLOSERS = "”’」』》〉)）】"
_BREAK = re.compile(f"\n|[{_TERMINALS}]+")
_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s")
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
    start, n = 0, len(text)
    for found in _BREAK.finditer(text):  # closing quotes and brackets are never breaks: none is skipped
        if found.group() == "\n":
            spans.append((start, found.start()))
            start = found.end()
            continue
        j = found.end()
        while j < n and (text[j] in _CLOSERS or (text[j] == '"' and text.count('"', start, j) % 2)):
            j += 1
        spans.append((start, j))
        start = j
    spans.append((start, n))
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
    cleaned ``text``. A plain string is split as one article with id ``None``. A corpus is read from
    its analysis (``analyse_corpus``, cached), which the other helpers then share.

    >>> sentences("奥特曼被解雇。他回来了!")[["sentence_id", "text"]].values.tolist()
    [[0, '奥特曼被解雇。'], [1, '他回来了!']]
    """
    if isinstance(corpus, str):
        return split_corpus(pd.DataFrame({"article_id": [None], "text": [corpus], "published": [pd.NaT]}))
    for text in corpus["text"]:
        if not isinstance(text, str):
            raise TypeError(f"split_sentences expects a str, got {type(text).__name__}")
    from .pipeline import analyse_corpus

    return analyse_corpus(corpus).sentences.drop(columns="tokens")


def split_corpus(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return the sentences of ``corpus`` as ``sentences`` does, by splitting its texts here."""
    rows = []
    for article_id, text, published in zip(corpus["article_id"], corpus["text"], corpus["published"]):
        for number, (start, end) in enumerate(split_sentences(text)):
            rows.append((article_id, number, start, end, text[start:end], published))
    table = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end", "text", "published"])
    if len(table) == 0:
        table["published"] = pd.Series(corpus["published"], dtype=corpus["published"].dtype).iloc[:0]
    return table


#: The frequency given to every entity alias in the segmenter's dictionary (a user dictionary).
ALIAS_FREQUENCY = 100_000
#: jieba's own patterns (jieba 0.42): the runs of characters its dictionary segments, and, inside
#: its HMM, the pieces of a run that is not Chinese.
_JIEBA_RUN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_JIEBA_ASCII_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_ASCII_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]{2,}")
_ASCII_JOINERS = re.compile(r"[+#&._%\-]")


def _user_words() -> list[str]:
    """Return the words added to the segmenter's dictionary: every alias without a space or dot."""
    return [alias for alias in entity_table().alias if " " not in alias and "·" not in alias]


@lru_cache(maxsize=1)
def _jieba_tokenizer():
    """Return a jieba tokenizer that knows every entity alias; built on first use, quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its load time, which would land in notebook outputs
    tokenizer = jieba.Tokenizer()
    for alias in _user_words():
        tokenizer.add_word(alias, freq=ALIAS_FREQUENCY)
    return tokenizer


def _jieba_cut(text: str) -> list[str]:
    return list(_jieba_tokenizer().cut(text))


class CompiledSegmenter:
    """jieba's segmentation (dictionary, user words, HMM for unknown words) computed by rjieba.

    rjieba (the jieba-rs binding) ships jieba's dictionary and HMM model; three differences from
    ``jieba.lcut`` remain, and are undone here so that the tokens are jieba's:

    - jieba adds a user word's frequency to its dictionary total even when the word was already
      there (and counts a word listed twice, B超, twice); jieba-rs does not. The total weighs every
      path through the sentence, so a word that never occurs (private-use characters) makes up the
      difference;
    - inside its HMM, jieba splits a run of Latin letters, digits and ``+#&._%-`` into letters/digits
      and the rest (``GPT``, ``-``, ``4``); jieba-rs keeps it whole (``GPT-4``): such tokens are split
      again with jieba's own pattern;
    - characters jieba does not count as Chinese (CJK extensions, U+9FD6 and above, compatibility
      ideographs) and Chinese characters the HMM has never seen (where its Viterbi search breaks
      ties differently) are rare: a piece of text holding one is left to jieba itself.
    """

    def __init__(self):
        import rjieba

        self._jieba = rjieba.Jieba()
        words = _user_words()
        for word in words:
            self._jieba.add_word(word, ALIAS_FREQUENCY, None)
        missing = _missing_total(tuple(words))
        if missing > 0:
            self._jieba.add_word("\ue000\ue001", missing, None)  # never in a text: see the class docstring
        self._unusual = _unusual_characters()
        self._cut = self._jieba.cut

    def __call__(self, text: str) -> list[str]:
        """Return jieba's tokens of ``text`` (already folded)."""
        if self._unusual.search(text):
            return _jieba_cut(text)
        words = self._cut(text)
        if _ASCII_RUN.search(text) and _ASCII_JOINERS.search(text):
            words = [piece for word in words for piece in self._jieba_pieces(word)]
        return words

    def _jieba_pieces(self, word: str) -> list[str]:
        if len(word) < 2 or not _ASCII_JOINERS.search(word) or _ASCII_RUN.fullmatch(word) is None \
                or self._jieba.has_word(word):
            return [word]
        return [piece for piece in _JIEBA_ASCII_PIECE.split(word) if piece]


@lru_cache(maxsize=1)
def _missing_total(words: tuple[str, ...]) -> int:
    """Return jieba's dictionary total minus jieba-rs's, once both have the user ``words``."""
    return _totals((_package_dir("jieba") / "dict.txt").read_bytes(), words, ALIAS_FREQUENCY)


@cache.memoize
def _totals(dictionary: bytes, words: tuple[str, ...], frequency: int) -> int:
    pairs = re.findall(rb"^(\S+) (\d+)", dictionary, re.MULTILINE)
    jieba_total = sum(int(f) for _, f in pairs) + frequency * len(words)
    freq = {w.decode("utf-8"): int(f) for w, f in pairs}  # a word listed twice keeps its last count
    compiled_total = sum(freq.values())
    for word in words:  # jieba-rs replaces a word's count; jieba adds to the total regardless
        compiled_total += frequency - freq.get(word, 0)
        freq[word] = frequency
    return jieba_total - compiled_total


@lru_cache(maxsize=1)
def _unusual_characters() -> re.Pattern[str]:
    """Return a pattern of the characters that jieba-rs would treat otherwise than jieba."""
    ranges = _unseen_by_hmm() + "\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F"
    return re.compile(f"[{ranges}]")


@cache.memoize
def _unseen_by_hmm() -> str:
    """Return the Chinese characters (U+4E00 to U+9FD5) that jieba's HMM has no emission for."""
    from jieba.finalseg.prob_emit import P as emissions

    known = set().union(*(emissions[state] for state in "BMES"))
    return "".join(chr(c) for c in range(0x4E00, 0x9FD6) if chr(c) not in known)


@lru_cache(maxsize=1)
def segmenter():
    """Return the function that segments folded text into jieba's tokens: rjieba's compiled
    segmenter when it is installed, else jieba itself (the same tokens, several times slower)."""
    try:
        return CompiledSegmenter()
    except ImportError:
        return _jieba_cut


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
    cut = segmenter()
    if not mentions:
        return _offsets(cut(folded), 0) if folded else []
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end, *_ in [*mentions, (len(text), len(text))]:
        if start > position:
            spans += _offsets(cut(folded[position:start]), position)
        if end > start:
            spans.append((start, end))
        position = end
    return spans


def _offsets(words: list[str], position: int) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of consecutive ``words`` that begin at ``position``."""
    ends = list(accumulate(map(len, words), initial=position))
    return list(zip(ends, ends[1:]))


def tokens_of(text: str, spans: list[tuple[int, int]], drop_stopwords: bool = False) -> list[str]:
    """Return the tokens of ``text`` at ``spans`` (from ``token_spans``), whitespace dropped."""
    tokens = [text[s:e] for s, e in spans]
    if _SPACE.search(text):  # most sentences hold no whitespace to drop
        tokens = [t for t in tokens if not t.isspace()]
    if drop_stopwords:
        stop = stopwords()
        tokens = [t for t in tokens if t not in stop]
    return tokens


def tokenize(text: str | list[str] | pd.Series, drop_stopwords: bool = False) -> list:
    """Return the tokens of ``text``: entity names whole, whitespace dropped; for a list or a Series
    of texts, the list of each one's tokens (a Series with the same index).

    Sentences of a corpus analysed in this process (``analyse_corpus``, ``sentences``) are not
    segmented again: their tokens are read from the analysis.

    >>> tokenize("奥特曼重返OpenAI")
    ['奥特曼', '重返', 'OpenAI']
    >>> tokenize("山姆·奥特曼(Sam Altman)被解雇")
    ['山姆·奥特曼', '(', 'Sam Altman', ')', '被', '解雇']
    >>> tokenize(["奥特曼回归", "OpenAI董事会"])
    [['奥特曼', '回归'], ['OpenAI董事会']]
    """
    if isinstance(text, str):
        return tokens_of(text, token_spans(text), drop_stopwords)
    if not isinstance(text, (list, tuple, pd.Series)):
        raise TypeError(f"tokenize expects a str or a list of str, got {type(text).__name__}")
    from .pipeline import known_tokens

    texts = list(text)
    for item in texts:
        if not isinstance(item, str):
            raise TypeError(f"tokenize expects str texts, got {type(item).__name__}")
    stop = stopwords() if drop_stopwords else frozenset()
    result = []
    for item, known in zip(texts, known_tokens(texts)):
        tokens = list(known) if known is not None else tokens_of(item, token_spans(item))
        result.append([t for t in tokens if t not in stop] if drop_stopwords else tokens)
    return pd.Series(result, index=text.index, dtype=object) if isinstance(text, pd.Series) else result
