"""Faster searches for long alternations of words: a lookahead for the characters a match can start with.

Python's ``re`` tries every alternative of ``版权|Copyright|分享到|...`` at every position of a line.
Prefixed with ``(?=[版C分...])``, the same expression is tried only where one of the characters a
match can begin with stands, which is where the engine's scan for a character class skips quickly.
The matches are the same (a lookahead consumes nothing, and a match of the expression always starts
with one of those characters); only where the first characters cannot be listed (a pattern that can
begin with any character, ``\\S`` or ``.``, or match the empty string) is the pattern left as it is.

>>> with_first_chars(re.compile(r"分享到|Copy(right)?", re.IGNORECASE)).pattern
'(?=[分C])(?:分享到|Copy(right)?)'
>>> with_first_chars(re.compile(r"\\S+报道")).pattern
'\\\\S+报道'
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

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
    same matches, same groups), or ``pattern`` itself when they cannot be listed."""
    try:
        pieces, empty = _first_of_sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except _AnyFirst:
        return pattern
    if empty or not pieces:
        return pattern
    return re.compile(f"(?=[{''.join(dict.fromkeys(pieces))}])(?:{pattern.pattern})", pattern.flags)
