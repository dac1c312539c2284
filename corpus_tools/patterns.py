"""Regular expressions built from word lists."""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser  # the parser of the re module itself: the tree its engine compiles


def word_alternation(words) -> re.Pattern[str]:
    """Return a pattern that matches, at each position, the longest of ``words`` found there: the same
    matches as ``"|".join`` of the escaped words sorted longest first, but compiled from their trie,
    so that the engine follows one path of characters instead of trying every word in turn.

    >>> [m.group() for m in word_alternation(["不满", "不", "满意", "不满意"]).finditer("他不满意,也不满")]
    ['不满意', '不满']
    """
    trie: dict = {}
    for word in words:
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = True  # a word ends here
    return re.compile(_expression(trie) if trie else r"(?!)")


class WordSet:
    """A set of words, found in a text as ``word_alternation(words).finditer`` finds them (left to
    right, the longest word at each position, never overlapping), by dictionary look-ups: faster
    than the regular expression when hundreds of words start with different characters, which
    Python's engine tries one by one at every position.

    >>> WordSet(["不满", "不", "满意", "不满意"]).find("他不满意,也不满")
    [(1, 4, '不满意'), (6, 8, '不满')]
    """

    def __init__(self, words):
        self.words = frozenset(word for word in words if word)
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[0], set()).add(len(word))
        self._lengths = {char: sorted(sizes, reverse=True) for char, sizes in lengths.items()}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Return ``(start, end, word)`` for each word found in ``text``, left to right."""
        found, position, words, lengths = [], 0, self.words, self._lengths
        while position < len(text):
            for size in lengths.get(text[position], ()):
                word = text[position:position + size]  # shorter than size at the end of the text
                if word in words:
                    found.append((position, position + len(word), word))
                    position += len(word)
                    break
            else:
                position += 1
        return found


def _expression(node: dict) -> str:
    """Return the expression of a trie node: its branches, longest first, then the end of a word."""
    branches = [re.escape(char) + _expression(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here: going on is optional, and tried first (greedy)
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def required_words(pattern: re.Pattern[str], given: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Return words of which every match of ``pattern`` holds at least one, read from the pattern's
    syntax tree (literal runs, alternations and character sets that a match cannot skip), or None
    when no such words are found. A text holding none of them cannot match: the pattern need not run.
    Words in ``given``, which the texts hold anyway, are never chosen.

    >>> sorted(required_words(re.compile(r"(?<!不)(?:要求|施压)[^。]{0,9}?恢复职务")))
    ['恢复职务']
    >>> sorted(required_words(re.compile(r"(?:追随|随着?)Ⓣ+|[与和]Ⓣ一起")))
    ['Ⓣ', 'Ⓣ一起']
    >>> sorted(required_words(re.compile(r"(?:追随|随着?)Ⓣ+|[与和]Ⓣ一起"), given=frozenset("Ⓣ")))
    ['Ⓣ一起', '追随', '随']
    >>> required_words(re.compile(r"\\d+年"))
    frozenset({'年'})
    """
    if pattern.flags & re.IGNORECASE:
        return None  # literals would match in either case
    return _required(_parser.parse(pattern.pattern, pattern.flags), given)


def _required(items, given: frozenset[str]) -> frozenset[str] | None:
    """Return the best set of words one of which every match of the sequence ``items`` holds."""
    best: frozenset[str] | None = None
    run = ""

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and all(words) and not words & given and (best is None or _rank(words) > _rank(best)):
            best = words

    for op, argument in items:
        if op is sre.LITERAL:
            run += chr(argument)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op is sre.SUBPATTERN:
            consider(_required(argument[-1], given))
        elif op is sre.BRANCH:
            branches = [_required(branch, given) for branch in argument[1]]
            consider(None if any(b is None for b in branches) else frozenset().union(*branches))
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in argument):
            consider(frozenset(chr(code) for _, code in argument))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and argument[0] >= 1:
            consider(_required(argument[2], given))
    consider(frozenset([run]) if run else None)
    return best


def _rank(words: frozenset[str]) -> tuple[int, int]:
    """Longer shortest words first (rarer in text), then fewer words."""
    return min(map(len, words)), -len(words)


def screen(pattern: re.Pattern[str], given: frozenset[str] = frozenset()) -> re.Pattern[str] | None:
    """Return a pattern that finds one of ``pattern``'s required words (``required_words``), to search
    a text with before running ``pattern`` on it; None when ``pattern`` has no required words."""
    words = required_words(pattern, given)
    return None if words is None else word_alternation(words)


# A lookahead for the characters a match can start with: Python's re tries every alternative of a long
# alternation at every position; behind (?=[版C分...]) only where such a character stands.
_CATEGORIES = {sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w"}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _AnyFirst(Exception):
    """The pattern can start with a character outside any class we list."""


def _first_of_sequence(items) -> tuple[list[str], bool]:
    """Return the class items a match of ``items`` (parsed) can start with, and whether it can be empty."""
    pieces: list[str] = []
    for op, av in items:
        first, empty = _first_of_item(op, av)
        pieces += first
        if not empty:
            return pieces, False
    return pieces, True


def _first_of_item(op, av) -> tuple[list[str], bool]:
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        pieces = []
        for kind, value in av:
            if kind is sre.LITERAL:
                pieces.append(re.escape(chr(value)))
            elif kind is sre.RANGE:
                pieces.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                pieces.append(_CATEGORIES[value])
            else:  # a negated class, \S, \W...
                raise _AnyFirst
        return pieces, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # anchors and lookarounds consume nothing
    if op is sre.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op is sre.BRANCH:
        pieces, empty = [], False
        for alternative in av[1]:
            first, can_be_empty = _first_of_sequence(alternative)
            pieces += first
            empty = empty or can_be_empty
        return pieces, empty
    if op in _REPEATS:
        low, _, sub = av
        first, empty = _first_of_sequence(sub)
        return first, empty or low == 0
    raise _AnyFirst  # ., back-references, conditionals


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return ``pattern`` with a lookahead for the characters its matches can start with (same flags,
    same matches, same groups), or ``pattern`` itself when they cannot be listed (a match that can
    begin with any character, ``\\S`` or ``.``, or be empty).

    >>> with_first_chars(re.compile(r"分享到|Copy(right)?", re.IGNORECASE)).pattern
    '(?=[分C])(?:分享到|Copy(right)?)'
    >>> with_first_chars(re.compile(r"\\S+报道")).pattern
    '\\\\S+报道'
    """
    try:
        pieces, empty = _first_of_sequence(_parser.parse(pattern.pattern, pattern.flags))
    except _AnyFirst:
        return pattern
    if empty or not pieces:
        return pattern
    return re.compile(f"(?=[{''.join(dict.fromkeys(pieces))}])(?:{pattern.pattern})", pattern.flags)
