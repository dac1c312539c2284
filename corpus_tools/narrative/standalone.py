"""Whether a sentence stands alone, and how to make one stand alone.

A sentence quoted out of its article must be understood without the sentence before it. It cannot be
when it opens with a connective that answers that sentence (然而, 此外, 对此, 随后…), or with a pronoun
or demonstrative whose antecedent is there (他, 她们, 该公司, 这一决定…). Such a sentence is either
passed over for another that reports the same event, or mended: an opening connective is dropped (the
rest is the sentence's own words), and an opening pronoun gets its antecedent in brackets
(``他（奥特曼）``) when the sentence before names one person.
"""

from __future__ import annotations

import re

#: Connectives that answer the sentence before (longest first, so 与此同时 wins over 同时).
CONNECTIVES = ("与此同时", "與此同時", "然而", "此外", "另外", "而且", "并且", "並且", "但是", "不过", "不過", "同时",
               "同時", "因此", "所以", "于是", "於是", "对此", "對此", "其中", "随后", "隨後", "此前", "此后", "此後",
               "其后", "其後", "之后", "之後", "后来", "後來", "但", "而")
#: Pronouns whose antecedent is in the sentence before (我, 我们: the speaker, named there).
PRONOUNS = ("我们", "我們", "他们", "他們", "她们", "她們", "它们", "它們", "后者", "後者", "前者", "他", "她", "它", "其", "我")
DEMONSTRATIVES = ("这", "這", "该", "該", "此", "那")

_QUOTE = "“「『\"‘"
_CONNECTIVE = re.compile(rf"^[{_QUOTE}]?(?:{'|'.join(CONNECTIVES)})(?:[,，、:：]\s*)?")
_PRONOUN = re.compile(rf"^[{_QUOTE}]?(?:{'|'.join(PRONOUNS)})(?![（(])")
_DEMONSTRATIVE = re.compile(rf"^[{_QUOTE}]?(?:{'|'.join(DEMONSTRATIVES)})")
#: How a sentence that stands alone ends: a full stop, question or exclamation mark, an ellipsis, then
#: any closing quotes or brackets. One that ends in a colon or comma introduces what follows.
_WHOLE_END = re.compile(r"[。！？!?…．.][”’」』）)\"']*\s*$")


def dependent_opening(text: str) -> str:
    """Return the opening word that needs the sentence before ('' when the sentence stands alone).

    >>> [dependent_opening(t) for t in ["然而,他的秘密武器是招募。", "他（奥特曼）回到公司。", "董事会罢免了奥特曼。", "该公司表示。"]]
    ['然而', '', '', '该']
    """
    stripped = str(text).strip()
    for pattern in (_CONNECTIVE, _PRONOUN, _DEMONSTRATIVE):
        found = pattern.match(stripped)
        if found:
            return found.group(0).strip(_QUOTE + ",，、:： ")
    return ""


def stands_alone(text: str) -> bool:
    """Return whether a sentence can be quoted alone: no opening that needs the sentence before, and it
    ends as a sentence ends (not on a colon or a comma).

    >>> stands_alone("OpenAI董事会宣布罢免奥特曼。"), stands_alone("此外,微软也表态。"), stands_alone("他说:")
    (True, False, False)
    """
    return not dependent_opening(text) and bool(_WHOLE_END.search(str(text).strip()))


def restore(text: str, antecedent: str | None = None) -> str:
    """Return the sentence mended to stand alone where it can be: an opening connective dropped; an
    opening pronoun followed by its ``antecedent`` in brackets (when one is given). What cannot be
    mended (a demonstrative, a pronoun with no antecedent) is returned as it is.

    >>> restore("然而,他的秘密武器是掌控招募流程。", "奥特曼")
    '他（奥特曼）的秘密武器是掌控招募流程。'
    >>> restore("此外,微软也表态支持。")
    '微软也表态支持。'
    """
    mended = str(text).strip()
    connective = _CONNECTIVE.match(mended)
    if connective and len(mended) > connective.end():
        quote = mended[0] if mended[0] in _QUOTE else ""
        mended = quote + mended[connective.end():].lstrip(",，、:： ")
    pronoun = _PRONOUN.match(mended)
    if pronoun and antecedent and pronoun.group(0).lstrip(_QUOTE) in ("他", "她"):
        mended = mended[:pronoun.end()] + f"（{antecedent}）" + mended[pronoun.end():]
    return mended
