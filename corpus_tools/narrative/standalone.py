"""Whether a sentence stands alone, and how to make one stand alone.

A sentence quoted out of its article must be understood without the sentence before it. It cannot be
when it, or its first clause after a frame of time or attribution (周三，… 据报道，…), opens with a
connective or a time word that answers that sentence (然而, 此外, 对此, 随后, 同一天, 在这之前…), with a
pronoun or a demonstrative whose antecedent is there (他, 她们, 该公司, 这一决定, 上述…), or with a
particle that continues a clause begun before (也, 还, 并…); or when it starts in the middle of a quote
(a closing quote mark before any opening one) or opens a quote it never closes. Such a sentence is either
passed over for another that reports the same event, or mended: an opening connective is dropped (the
rest is the sentence's own words), and an opening pronoun gets its antecedent in brackets
(``他（奥特曼）``) when the sentence before names one person. A list's bullet is not part of the sentence.
"""

from __future__ import annotations

import re

#: Connectives and time words that answer the sentence before (matched longest first, so 与此同时 wins
#: over 同时). Dropping one leaves a sentence of the writer's own words.
CONNECTIVES = (
    "与此同时", "與此同時", "然而", "此外", "另外", "而且", "并且", "並且", "但是", "不过", "不過", "同时", "同時",
    "因此", "所以", "于是", "於是", "对此", "對此", "其中", "随后", "隨後", "此前", "此后", "此後", "其后", "其後",
    "之后", "之後", "后来", "後來", "但", "而",
    # answering what came before
    "为此", "為此", "就此", "据此", "據此", "因而", "尽管如此", "儘管如此", "即便如此", "即使如此", "不仅如此",
    "不僅如此", "除此之外", "除此以外", "另一方面", "相反", "反之", "再者", "况且", "況且", "何况", "何況",
    "换言之", "換言之", "也就是说", "也就是說", "先是", "首先", "同样", "同樣", "另据", "另據", "还有", "還有", "加上", "再加上",
    # what happened next, after what the sentence before told
    "接着", "接著", "紧接着", "緊接著", "然后", "然後", "随即", "隨即", "继而", "繼而", "进而", "進而", "不久后",
    "不久後", "在此之前", "在这之前", "在這之前", "在此之后", "在此之後", "在这之后", "在這之後", "在此期间",
    "在此期間", "在这期间", "在這期間",
    # a day or a moment known only from the sentence before
    "同一天", "同一日", "同日", "当天", "當天", "当日", "當日", "次日", "翌日", "第二天", "前一天", "当时", "當時",
    "届时", "屆時", "此时", "此時", "这时", "這時", "那时", "那時", "彼时", "彼時", "几个小时后", "幾個小時後",
    "几小时后", "幾小時後", "数小时后", "數小時後", "几天后", "幾天後", "数天后", "數天後",
)
#: Pronouns whose antecedent is in the sentence before (我, 我们: the speaker, named there).
PRONOUNS = ("我们", "我們", "他们", "他們", "她们", "她們", "它们", "它們", "后者", "後者", "前者", "他", "她", "它", "其", "我")
#: Demonstratives that point back (这一决定, 该公司, 此举, 上述…).
DEMONSTRATIVES = ("上述", "前述", "以上", "如此", "这", "這", "该", "該", "此", "那")
#: Particles that continue a clause begun in the sentence before (…，也将卸任; 并表示…). Nothing can be
#: dropped to mend them: the subject is missing.
CONTINUATIONS = ("也", "还", "還", "并", "並", "又", "却", "卻", "亦", "便")
#: Words that open with a pronoun, a demonstrative or a particle but point nowhere (其实 is "in fact";
#: 并购 "a merger"; 这里 is kept: it points back).
_NOT_POINTING = ("其实", "其實", "并购", "並購", "还原", "還原", "便宜", "那斯达克", "他人", "她人", "其次")

_QUOTE = "“「『\"‘"
_OPENING_QUOTES, _CLOSING_QUOTES = "“「『", "”」』"
_BULLET = re.compile(r"^(?:[•·●▪■◆◇○\-–—*＊>]+|\(?[0-9０-９]{1,2}[)）.、]|[（(][一二三四五六七八九十0-9]{1,2}[)）])\s*")


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_CONNECTIVE = re.compile(rf"^[{_QUOTE}]?(?:{_alternation(CONNECTIVES)})(?:[,，、:：]\s*)?")
_PRONOUN = re.compile(rf"^[{_QUOTE}]?(?:{_alternation(PRONOUNS)})(?![（(])")
_DEMONSTRATIVE = re.compile(rf"^[{_QUOTE}]?(?:{_alternation(DEMONSTRATIVES)})")
_CONTINUATION = re.compile(rf"^(?:{_alternation(CONTINUATIONS)})")
_NOT_POINTING_RE = re.compile(rf"^[{_QUOTE}]?(?:{_alternation(_NOT_POINTING)})")
#: A clause that only says when (周三，当地时间周五早些时候，11月20日，) or on whose word, when that is
#: no one named (据报道，值得注意的是，知情人士透露，): what follows it is where the sentence really opens.
_TIME_CLAUSE = re.compile(
    r"^(?:(?:美国|美國|美东|美東)?(?:当地|當地|北京|太平洋|东部|東部|西部)?(?:时间|時間))?"
    r"[\s0-9０-９一二三四五六七八九十百零〇两兩年月日号號周週星期礼拜禮拜天今昨明前本上下去早中晚午凌晨夜间間初底末旬些时候時候点點分半]+$")
_ATTRIBUTION_CLAUSE = re.compile(
    r"^(?:据报道|據報道|據報導|据悉|據悉|据了解|據了解|据介绍|據介紹|报道称|報道稱|報導稱|简单来说|簡單來說|简而言之|簡而言之"
    r"|简单来讲|簡單來講|总的来说|總的來說|值得注意的是|值得一提的是|有趣的是|事实上|事實上|实际上|實際上|据.{1,12}(?:报道|報道|報導|消息|透露)"
    r"|.{0,8}(?:消息人士|知情人士|业内人士|業內人士|分析人士|媒体|媒體|外媒|报道|報道|報導|有人)(?:表示|称|稱|说|說|透露|指出|认为|認為))$")
#: How a sentence that stands alone ends: a full stop, question or exclamation mark, an ellipsis, then
#: any closing quotes or brackets. One that ends in a colon or comma introduces what follows.
_WHOLE_END = re.compile(r"[。！？!?…．.][”’」』）)\"']*\s*$")
_CLAUSE_END = re.compile(r"[,，]\s*")


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", str(text).strip(), count=1)


def _opening(text: str) -> int:
    """The position where the sentence really opens: after any clauses that only frame it in time or
    by attribution (``周三，`` ``据报道，``)."""
    position = 0
    while True:
        found = _CLAUSE_END.search(text, position)
        if not found or not (_TIME_CLAUSE.match(text[position:found.start()])
                             or _ATTRIBUTION_CLAUSE.match(text[position:found.start()])):
            return position
        position = found.end()


def _quote_fault(text: str) -> str:
    """The quote mark that shows a sentence cut out of a quote: a closing mark before any opening one,
    or an opening one never closed ('' when the quotes are whole)."""
    depth = 0
    for char in text:
        if char in _OPENING_QUOTES:
            depth += 1
        elif char in _CLOSING_QUOTES:
            if depth == 0:
                return char
            depth -= 1
    return "“" if depth > 0 else ""


def dependent_opening(text: str) -> str:
    """Return the opening word that needs the sentence before ('' when the sentence stands alone): a
    connective, pronoun, demonstrative or continuing particle at its start or after a frame of time or
    attribution; or the quote mark of a quote that starts before it or runs on after it.

    >>> [dependent_opening(t) for t in ["然而,他的秘密武器是招募。", "他（奥特曼）回到公司。", "董事会罢免了奥特曼。", "该公司表示。"]]
    ['然而', '', '', '该']
    >>> [dependent_opening(t) for t in ["周三,他在大会上发言。", "据报道,上述协议已签署。", "也将卸任董事长。", "会回来的”,她说。"]]
    ['他', '上述', '也', '”']
    """
    stripped = _strip_bullet(text)
    quote = _quote_fault(stripped)
    start = _opening(stripped)
    for rest in dict.fromkeys([stripped, stripped[start:]]):
        if _NOT_POINTING_RE.match(rest):
            continue
        for pattern in (_CONNECTIVE, _PRONOUN, _DEMONSTRATIVE, _CONTINUATION):
            found = pattern.match(rest)
            if found:
                return found.group(0).strip(_QUOTE + ",，、:： ")
    return quote


#: A personal pronoun anywhere in a sentence (not 其他 "other", 他人 "others", 吉他, nor one followed by
#: its antecedent in brackets).
_PERSONAL_PRONOUN = re.compile(r"(?<![其吉])[他她](?![人国國乡鄉者山（(])")


def refers_to_someone(text: str) -> bool:
    """Return whether a sentence refers to a person by a pronoun (他, 她, 他们…): quoted alone, it must
    then name someone for the pronoun to point to.

    >>> refers_to_someone("回到酒店后，他发现董事们都在等他。"), refers_to_someone("其他高管也走了。")
    (True, False)
    """
    return bool(_PERSONAL_PRONOUN.search(str(text)))


def stands_alone(text: str) -> bool:
    """Return whether a sentence can be quoted alone: no opening that needs the sentence before, its
    quotes whole, and it ends as a sentence ends (not on a colon or a comma).

    >>> stands_alone("OpenAI董事会宣布罢免奥特曼。"), stands_alone("此外,微软也表态。"), stands_alone("他说:")
    (True, False, False)
    """
    return not dependent_opening(text) and bool(_WHOLE_END.search(str(text).strip()))


def restore(text: str, antecedent: str | None = None) -> str:
    """Return the sentence mended to stand alone where it can be: a list's bullet dropped; an opening
    connective dropped (after a frame of time or attribution too: 周一，随后… becomes 周一，…); an opening
    pronoun followed by its ``antecedent`` in brackets (when one is given); a quote cut off by the
    sentence's ends given the mark it lacks (an opening one before a quote begun in the sentence before,
    a closing one after a quote that runs on into the next), so that the quote is an excerpt of the
    speaker's words. What cannot be mended (a demonstrative, a continuing particle, a pronoun with no
    antecedent) is returned as it is, but for its bullet and its quotes.

    >>> restore("然而,他的秘密武器是掌控招募流程。", "奥特曼")
    '他（奥特曼）的秘密武器是掌控招募流程。'
    >>> restore("此外,微软也表态支持。"), restore("周三,他在大会上发言。", "奥特曼")
    ('微软也表态支持。', '周三,他（奥特曼）在大会上发言。')
    >>> restore("林德华在信中告诉员工:“改变可能是可怕的。"), restore("改变可能是可怕的”,林德华写道。")
    ('林德华在信中告诉员工:“改变可能是可怕的。”', '“改变可能是可怕的”,林德华写道。')
    """
    mended = _strip_bullet(text)
    start = _opening(mended)
    head, rest = mended[:start], mended[start:]
    connective = _CONNECTIVE.match(rest)
    if connective and len(rest) > connective.end() and not _NOT_POINTING_RE.match(rest):
        quote = rest[0] if rest[0] in _QUOTE else ""
        rest = quote + rest[connective.end():].lstrip(",，、:： ")
    pronoun = _PRONOUN.match(rest)
    if pronoun and antecedent and pronoun.group(0).lstrip(_QUOTE) in ("他", "她") and not _NOT_POINTING_RE.match(rest):
        rest = rest[:pronoun.end()] + f"（{antecedent}）" + rest[pronoun.end():]
    return _close_quotes(head + rest)


_PAIRS = dict(zip(_OPENING_QUOTES, _CLOSING_QUOTES))
_OPENERS = dict(zip(_CLOSING_QUOTES, _OPENING_QUOTES))


def _close_quotes(text: str) -> str:
    """The text with the quote marks the sentence's ends cut off put back: for each closing mark with no
    opening one before it, its opening mark at the start; for each opening mark left open, its closing
    mark at the end."""
    opened, missing = [], ""
    for char in text:
        if char in _PAIRS:
            opened.append(char)
        elif char in _CLOSING_QUOTES:
            if opened:
                opened.pop()
            else:
                missing = _OPENERS[char] + missing
    return missing + text + "".join(_PAIRS[c] for c in reversed(opened))
