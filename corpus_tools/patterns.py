"""Regular expressions built from word lists."""

from __future__ import annotations

import re


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
    from re import _parser  # the parser of the re module itself: the tree its engine compiles

    if pattern.flags & re.IGNORECASE:
        return None  # literals would match in either case
    return _required(_parser.parse(pattern.pattern, pattern.flags), given)


def _required(items, given: frozenset[str]) -> frozenset[str] | None:
    """Return the best set of words one of which every match of the sequence ``items`` holds."""
    from re import _constants as c

    best: frozenset[str] | None = None
    run = ""

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and all(words) and not words & given and (best is None or _rank(words) > _rank(best)):
            best = words

    for op, argument in items:
        if op is c.LITERAL:
            run += chr(argument)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op is c.SUBPATTERN:
            consider(_required(argument[-1], given))
        elif op is c.BRANCH:
            branches = [_required(branch, given) for branch in argument[1]]
            consider(None if any(b is None for b in branches) else frozenset().union(*branches))
        elif op is c.IN and all(kind is c.LITERAL for kind, _ in argument):
            consider(frozenset(chr(code) for _, code in argument))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and argument[0] >= 1:
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
