"""What happened: event types from a trigger lexicon, the people who act, and events dated by context.

The lexicon (``data/event_types.csv``: event_type, trigger, script) lists the words that announce an
event of each type, as the mainland, Hong Kong and Taiwan press write them; the types
(``data/event_type_labels.csv``) carry a priority (a letter threatening resignations is a letter, not a
departure) and who the event is about: the ``subject`` (who resigns, returns, apologises, signs) or
the ``object`` (who is removed, hired, appointed). Triggers are matched on the text folded to
Simplified script, with any spacing between their characters.

A time expression dates the clause that follows it, up to the next expression of its sentence; an
expression inside a subordinate ``在/自 … 后`` clause dates that clause. A sentence with no time
expression of its own is dated by its passage only when the passage gives exactly one event date
(``dated_by = 'context'``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..cache import text_memo
from ..entities import entity_kinds, find_all_mentions
from ..paths import DATA_DIR
from .expressions import (article_expressions, fold, holds_time_word, is_heading, paragraph_ids, passage_ids,
                          precision_of, remembered)

#: Verbs of saying: who comes before them is the speaker, not who acts in the reported event.
_SPEECH = re.compile(r"宣布|表示|称|说|透露|证实|指出|写道|告诉|认为|发文|回应|确认")
#: A clause that ends by saying (穆拉蒂周三表示,): what follows is its speaker's words.
_SPEECH_END = re.compile(rf"(?:{_SPEECH.pattern})\s*[,，:：]?\s*$")
#: Words after which a name is the target of the event, not its actor.
_TARGET = re.compile(r"(对|向|针对|直指|指向|批评|指责|矛头|支持|回复|转发|感谢|跟随|追随|与|和|跟)了?\s*$")
_CLAUSE_BREAK = re.compile(r"[,，;；。!！?？:：]")
_SUBORDINATE = re.compile(r"(?:在|自|从|当|随着)[^,，;；。:：]*?(?:后|之后|以后|时|期间|以来)(?=[,，])")
_FIRST_PERSON_SUBJECT = re.compile(r"(^|[,，:：“\"「])\s*我(?!们的报道)")


@lru_cache(maxsize=1)
def event_types() -> pd.DataFrame:
    """Return the event types (``data/event_type_labels.csv``): event_type, priority, participant,
    label_en, label_zh, in priority order."""
    return pd.read_csv(DATA_DIR / "event_type_labels.csv").sort_values("priority", kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def trigger_lexicon() -> pd.DataFrame:
    """Return the trigger lexicon (``data/event_types.csv``): event_type, trigger, script."""
    return pd.read_csv(DATA_DIR / "event_types.csv")


@lru_cache(maxsize=1)
def _trigger_patterns() -> list[tuple[str, int, re.Pattern[str]]]:
    """Return (type, priority, pattern) for every trigger: folded, any spacing between its characters,
    not followed by what its ``not_followed_by`` column excludes (离职 in 离职员工 is no departure)."""
    lexicon = trigger_lexicon().fillna("")
    priority = dict(zip(event_types().event_type, event_types().priority))
    patterns = []
    for kind, trigger, excluded in zip(lexicon.event_type, lexicon.trigger, lexicon.not_followed_by):
        body = r"\s*".join(map(re.escape, fold(trigger)))
        guard = f"(?!\\s*(?:{fold(excluded)}))" if excluded else ""
        patterns.append((kind, priority[kind], re.compile(body + guard, re.IGNORECASE)))
    return patterns


@lru_cache(maxsize=1)
def _trigger_characters() -> tuple[re.Pattern[str], dict[str, list[tuple[int, frozenset[str]]]]]:
    """Return (a pattern matching any character of any trigger, case ignored as the triggers ignore it;
    each trigger's first character with the index in ``_trigger_patterns`` and the characters of each
    trigger that opens with it)."""
    by_first: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for number, trigger in enumerate(trigger_lexicon().trigger):
        folded = fold(trigger)
        by_first.setdefault(folded[0], []).append((number, frozenset(folded)))
    characters = {c for triggers in by_first.values() for _, needed in triggers for c in needed}
    return re.compile("[" + "".join(map(re.escape, sorted(characters))) + "]", re.IGNORECASE), by_first


@lru_cache(maxsize=1)
def _trigger_character_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return each trigger character with a pattern of it alone, case ignored as the triggers ignore it
    (compiled once: hundreds of them would crowd out the ``re`` module's own cache)."""
    _, by_first = _trigger_characters()
    needed = {c for triggers in by_first.values() for _, chars in triggers for c in chars}
    return tuple((c, re.compile(re.escape(c), re.IGNORECASE)) for c in sorted(needed))


@lru_cache(maxsize=None)
def _trigger_characters_matching(character: str) -> frozenset[str]:
    """Return the trigger characters that ``character`` matches as the trigger patterns compare them
    (case ignored: K matches k, and so does the Kelvin sign)."""
    return frozenset(c for c, alone in _trigger_character_patterns() if alone.fullmatch(character))


class _TriggerCharacters(dict):
    """A ``str.translate`` table from a character to the trigger characters it matches
    (``_trigger_characters_matching``), or to nothing; each character's entry is made when first met."""

    def __missing__(self, code: int) -> str | None:
        character = chr(code)
        anywhere, _ = _trigger_characters()
        matched = "".join(sorted(_trigger_characters_matching(character))) if anywhere.fullmatch(character) else ""
        self[code] = matched or None
        return self[code]


_TRIGGER_CHARACTERS = _TriggerCharacters()


def _patterns_that_can_match(folded: str) -> list[tuple[str, int, re.Pattern[str]]]:
    """Return the trigger patterns (as ``_trigger_patterns``) that can match ``folded``: those whose
    trigger's characters all occur in it (a pattern is its trigger's characters in order, with only
    spaces between them and a guard after them), checked before running the ~350 patterns."""
    present = set(folded.translate(_TRIGGER_CHARACTERS))  # the trigger characters it holds
    if not present:
        return []
    _, by_first = _trigger_characters()
    numbers = sorted(number for first in present for number, needed in by_first.get(first, ()) if needed <= present)
    patterns = _trigger_patterns()
    return [patterns[number] for number in numbers]


def type_labels() -> dict[str, tuple[str, str]]:
    """Return each event type's English and Chinese label ('other' included)."""
    table = event_types()
    labels = {t: (en, zh) for t, en, zh in zip(table.event_type, table.label_en, table.label_zh)}
    labels["other"] = ("Other", "其他")
    return labels


#: Words that deny the event a trigger names (无意加盟, 不会重回, 否认离职).
_NEGATION = re.compile(r"(无意|不会|不愿|不打算|没有|没|未|拒绝|否认|并非|不是|不|期待|希望|渴望|想要)\s*$")
#: What may stand between a modifying trigger and the head noun it modifies (重返公司的协议).
_MODIFIER = re.compile(r"[^,，;；。:：的]{0,4}的")
#: 被董事会解雇的奥特曼: a passive relative clause says who someone is, it tells no event of its own.
_PASSIVE_RELATIVE = re.compile(r"被[^,，;；。:：的]{0,12}$")


@text_memo(maxsize=4096)  # typing, actors and statements each ask again for the same sentence
def triggers_in(text: str) -> tuple[tuple[int, int, str, int], ...]:
    """Return every trigger found in ``text`` as (start, end, event_type, priority), left to right,
    except those denied by the words just before them.

    >>> [t[2] for t in triggers_in("他们无意加盟微软,但奥特曼回归了")]
    ['return']
    >>> [t[2] for t in triggers_in("被董事会解雇的奥特曼将加入微软")]
    ['hire']
    >>> [t[2] for t in triggers_in("员工要求董事会辞职,可能需要奥特曼道歉")]
    []
    >>> {t[2] for t in triggers_in("公司要求离职员工签署一份封口协议")}
    {'agreement'}
    """
    folded = fold(text)

    def told(m: re.Match, kind: str) -> bool:
        if _NEGATION.search(folded[max(0, m.start() - 4):m.start()]) or _TOPIC.search(folded[max(0, m.start() - 4):m.start()]):
            return False
        supposed = _SUPPOSED.search(folded[max(0, m.start() - 18):m.start()])
        if supposed and not (kind == "agreement" and _REQUIRED_SIGNING.search(supposed.group())):
            return False
        return not (folded[m.end():m.end() + 1] == "的" and _PASSIVE_RELATIVE.search(folded[max(0, m.start() - 13):m.start()]))

    found = sorted({(m.start(), m.end(), kind, rank) for kind, rank, pattern in _patterns_that_can_match(folded)
                    for m in pattern.finditer(folded) if told(m, kind)})

    def modifier(t) -> bool:  # 达成重返公司的协议: a trigger before 的 modifies the trigger it names
        of = _MODIFIER.match(folded, t[1])
        return bool(of) and any(u[2] != t[2] and of.end() <= u[0] <= of.end() + 2 for u in found)

    kept = [t for t in found if not modifier(t)]
    led = [(m.end() - 2, m.end(), "appointment", dict(zip(event_types().event_type, event_types().priority))["appointment"])
           for m in _LED_BY.finditer(folded) if not any(t[0] < m.end() and m.start() < t[1] for t in kept)]
    return tuple(sorted(kept + led))


#: A clause that ends in 后 (发布会后, 会议之后) before its comma, and tells only an occasion
#: (``_SETTINGS``: a launch event, a meeting, an appearance), sets the time of the next clause's event.
_AFTER_CLAUSE = re.compile(r"(?:之|以)?后\s*[,，]$")
_SETTINGS = ("launch", "meeting", "appearance")
#: A trigger after these words is what is explained or asked about (说明了自己为何辞职), not an event told.
_TOPIC = re.compile(r"(为什么|为何|原因|是否)\s*$")
#: A trigger in a clause that opens with these words is supposed, needed or demanded, not told
#: (如果复职,可能需要奥特曼道歉; 要求董事会辞职; 一种情形是董事会成员将辞职).
_SUPPOSED = re.compile(r"(如果|假如|若是|一旦|可能需要|需要|要求|情形是|设想)[^,，;；。:：!！?？]{0,12}$")
#: 要求离职员工签署保密协议: an agreement people are required to sign is told as the practice it is, not supposed.
_REQUIRED_SIGNING = re.compile(r"^(?:需要|要求)[^,，;；。:：!！?？]{0,10}签")

#: The board as the one who announces or decides, in the clause before a departure.
_BOARD_ANNOUNCES = re.compile(r"董事会[^,，;；。:：]{0,6}(?:宣布|决定|通知|投票)[^,，;；。]*$")


#: 被告知将不再担任, 被要求辞职: a departure someone is told or made to accept is a removal.
_TOLD_TO_GO = re.compile(r"被(?:告知|通知|要求|迫|逼)[^,，;；。:：]{0,4}$")
#: 由马克·陈与帕乔茨基共同领导: who takes a post is named between 由 and the verb of leading.
_LED_BY = re.compile(r"由[^,，;；。:：由]{1,40}?(?:共同)?(?:担任|出任|领导|执掌|掌舵|负责)")


def find_trigger(text: str) -> tuple[str, int, int]:
    """Return (event_type, start, end) of the event ``text`` tells, or ('other', -1, -1): the
    highest-priority trigger of the first comma-clause that has one ('statement' only if no clause
    names another type); a departure followed by a hire in its sentence is the hire.

    >>> find_trigger("纳德拉宣布奥特曼将加入微软")[0]
    'hire'
    >>> find_trigger("纳德拉在X上宣布,奥特曼将离开OpenAI,加入微软新团队")[0]
    'hire'
    >>> find_trigger("史嘉蕾·喬韓森發表聲明，指控OpenAI的語音模仿她的聲音")[0]
    'complaint'
    >>> find_trigger("董事會突然宣布執行長奧特曼離任")[0]
    'removal'
    >>> find_trigger("奧特曼在5天後達成重返公司的協議")[0]
    'agreement'
    >>> find_trigger("奥特曼进入会议后,苏茨克维告诉他,他被解雇了")[0]
    'removal'
    >>> find_trigger("5月发布会后,莱克在推特上官宣离职")[0]
    'departure'
    >>> find_trigger("这位研究员在博客里说明了他为什么辞职")[0]
    'other'
    """
    found = triggers_in(text)
    # a meeting is the setting of what is said or done there: the type only when nothing else is told
    specific = [t for t in found if t[2] not in ("statement", "meeting")] or [t for t in found if t[2] == "meeting"]
    if not specific:
        return (found[0][2], found[0][0], found[0][1]) if found else ("other", -1, -1)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(fold(text))] + [len(text) + 1]
    clause_of = [next(i for i, b in enumerate(breaks) if t[0] < b) for t in specific]
    first = min(clause_of)
    later = [c for c in clause_of if c > first]
    settings = all(t[2] in _SETTINGS for t, c in zip(specific, clause_of) if c == first)
    if later and settings and _AFTER_CLAUSE.search(fold(text), 0, breaks[first]):  # 5月发布会后,两人官宣离职
        first = min(later)
    start, end, kind, _ = min((t for t, c in zip(specific, clause_of) if c == first), key=lambda t: (t[3], t[0]))
    if kind == "meeting":  # 在内部信中表示: the memo or meeting is where a statement is made
        said = next((t for t in found if t[2] == "statement" and t[0] >= end
                     and not _CLAUSE_BREAK.search(fold(text), end, t[0])), None)
        if said:
            return said[2], said[0], said[1]
    if kind == "departure" and (_BOARD_ANNOUNCES.search(fold(text)[:start]) or _TOLD_TO_GO.search(fold(text)[:start])):
        kind = "removal"  # 董事会宣布奥特曼离任: a departure the board announces is the board's act
    if kind == "departure":
        hire = next((t for t in specific if t[2] == "hire" and t[0] > start), None)
        if hire:
            start, end, kind = hire[0], hire[1], "hire"
    return kind, start, end


def event_type(text: str) -> str:
    """Return the type of the event a clause tells (see ``find_trigger``), else 'other'.

    >>> event_type("周一早晨,Sam Altman 以访客的身份回到了 OpenAI 旧金山总部进行谈判。")
    'talks'
    """
    return find_trigger(text)[0]


def main_clause(text: str) -> str:
    """Return ``text`` with its subordinate time clauses (在…后, 自…以来) and their comma blanked,
    so that offsets still match.

    >>> main_clause("在奥特曼被解雇后,员工写了公开信。").strip()
    '员工写了公开信。'
    """
    subordinate = list(_SUBORDINATE.finditer(fold(text)))
    if not subordinate:
        return text  # the same string, so that its triggers and folding are found again in memory
    out = list(text)
    for m in subordinate:
        for i in range(m.start(), min(m.end() + 1, len(text))):
            out[i] = " "
    return "".join(out)


def actors(text: str, kind: str, trigger_start: int, trigger_end: int) -> list[str]:
    """Return the people an event is about, by entity id: for a ``subject`` type who comes before the
    trigger in its clause (after any speaker), else in the clause before it (when that is a time clause,
    在…之后, no one it names: the speaker of the clause before it, 穆拉蒂表示, or no one), else just after it; for
    an ``object`` type who is removed, hired or appointed (before 被, else after the trigger); never a
    name that is only the event's target (直指 Altman, 捅向了 Altman).

    >>> text = "而在 Murati 宣布离职几个小时后, Bob McGrew 和 Barret Zoph 也官宣离职。"
    >>> actors(text, "departure", text.rindex("离职"), text.rindex("离职") + 2)
    ['mcgrew', 'zoph']
    >>> actors("离职当天,Jan Leike 发文,矛头直指 OpenAI 和 Altman。", "departure", 0, 2)
    ['leike']
    """
    if kind == "other" or trigger_start < 0:
        return []
    folded = fold(text)
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(folded)] + [len(folded) + 1]

    def clause(position: int) -> int:
        return next(i for i in range(len(breaks) - 1) if breaks[i] <= position < breaks[i + 1])

    here = clause(trigger_start)
    mentions = _people_named(text)
    ends = {e for _, e, _ in mentions}

    def target(start: int) -> bool:
        marker = _TARGET.search(folded[max(0, start - 6):start])
        if not marker:
            return False
        # 阿特曼与布罗克曼将加入微软: 与/和/跟 between two names joins them, it does not mark a target
        joined = marker.group(1) in ("与", "和", "跟") and (max(0, start - 6) + marker.start()) in {
            e + k for e in ends for k in range(0, 3)}
        return not joined

    people = [(s, e, entity, clause(s)) for s, e, entity in mentions if not target(s)]
    before = [p for p in people if p[3] == here and p[1] <= trigger_start]
    speech = [m.end() for m in _SPEECH.finditer(folded, breaks[here], trigger_start)]
    if speech:  # 纳德拉宣布奥特曼将加入微软: the speaker is not who joins
        before = [p for p in before if p[0] >= speech[-1]] or ([] if _participant(kind) == "object" else before)
    after = [p for p in people if p[3] == here and p[0] >= trigger_end]
    if _participant(kind) == "object":
        passive = folded.rfind("被", breaks[here], trigger_start)
        patients = [p for p in before if p[1] <= passive]
        groups = [patients[-1:]] if passive >= 0 else [after, before]  # 米拉在奥特曼被罢免后: the one just before 被
    else:
        # who a subordinate time clause just before names (在注意到…约翰逊的声音之后,) is not who acts; past
        # it, only a speaker whose words it opens does (穆拉蒂表示,在工作六年后,她将离开), no one else
        time_clause = here > 0 and any(a <= breaks[here - 1] < b for a, b in
                                       (m.span() for m in _SUBORDINATE.finditer(folded)))
        last = max((q[3] for q in people if q[3] < here), default=-1)
        if time_clause:
            said = here > 1 and _SPEECH_END.search(folded[breaks[here - 2]:breaks[here - 1]])
            last = here - 2 if said else -1
        earlier = [p for p in people if p[3] == last]
        opening_next = [p for p in people if p[3] == here + 1 and not folded[breaks[here + 1]:p[0]].strip()]
        groups = [before, earlier, after, opening_next]  # 离职当天,Jan Leike 发文: the name that opens the next clause
    chosen = next((g for g in groups if g), [])
    return sorted({entity for *_, entity, _ in [(s, e, entity, c) for s, e, entity, c in chosen]})


#: The mentions the pipeline found in the sentences of the article being read (``ArticleReading``), by
#: sentence: ``_people_named`` reads them there instead of searching again, for the few sentences asked.
_MENTIONS_READ: dict[str, list] = {}


@remembered(4096)  # the typing of each expression of a sentence asks again
def _people_named(text: str) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, entity_id) of every mention of a person in ``text``, left to right."""
    mentions = _MENTIONS_READ.get(text)
    return _people_of(find_all_mentions(text) if mentions is None else mentions)


def _people_of(mentions) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, entity_id) of the mentions (as ``find_all_mentions`` gives them) of people."""
    kinds = entity_kinds()
    return tuple((s, e, entity) for s, e, _, entity in mentions if kinds.get(entity) == "person")


#: A clause that opens by pointing back to an organisation named before it: 其发言人, 该公司, 公司.
_REFERS_BACK = re.compile(r"\s*(?:其|该公司|该机构|该企业|公司)")


def organisation_speaker(text: str, trigger_start: int) -> list[str]:
    """Return the organisation (or group, such as a board) that makes a statement when no person does:
    the last one named in the clause before the verb of saying, by entity id, or []; when the clause
    points back to it (其发言人表示, 该公司回应), the last one named in the clauses before.

    >>> organisation_speaker("微软今天表示,将继续合作。", 4)
    ['microsoft']
    >>> organisation_speaker("面对质疑,OpenAI周二更新了政策,其发言人表示,公司重视员工的权利。", 23)
    ['openai']
    """
    folded = fold(text)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, trigger_start)), default=0)
    named = _organisations_named(text, clause_start, trigger_start)
    if not named and _REFERS_BACK.match(folded, clause_start):
        named = _organisations_named(main_clause(text), 0, clause_start)
    return named[-1:]


def _organisations_named(text: str, start: int, end: int) -> list[str]:
    """Return the organisations (and groups) named in ``text[start:end]``, left to right, by entity id."""
    kinds = entity_kinds()
    return [entity for s, e, _, entity in find_all_mentions(text)
            if start <= s and e <= end and kinds.get(entity) in ("organisation", "group")]


#: Types that an organisation does when no person is told doing them: a product paused or withdrawn
#: (OpenAI随即将Sky下架).
ORGANISATION_ACTS = ("withdrawal",)


def acting_organisation(text: str, trigger_start: int) -> list[str]:
    """Return the organisation that does what an ``ORGANISATION_ACTS`` type tells when no person does:
    the last one named before the trigger outside subordinate time clauses (the company that announces
    it, in a clause before: OpenAI今天表示,公司已暂停…), by entity id, or [].

    >>> acting_organisation("OpenAI今天表示,在收到投诉之后,公司已暂时停用这款语音。", 24)
    ['openai']
    """
    return _organisations_named(main_clause(text), 0, trigger_start)[-1:]


def _who(text: str, kind: str, trigger_start: int, trigger_end: int) -> list[str]:
    """Return who does the event (``actors``); for an ``ORGANISATION_ACTS`` type that no person does,
    the organisation (``acting_organisation``)."""
    people = actors(text, kind, trigger_start, trigger_end)
    if not people and kind in ORGANISATION_ACTS and trigger_start >= 0:
        people = acting_organisation(text, trigger_start)
    return people


@lru_cache(maxsize=None)
def _participant(kind: str) -> str:
    table = event_types().set_index("event_type").participant
    return table.get(kind, "subject")


#: ``year_open``: the date is a month-day of an undated article, read in ``YEARLESS_BASE``'s year; its
#: year is chosen across the corpus (``chronology.years``).
EVENT_COLUMNS = ["article_id", "sentence_id", "event_type", "date_start", "date_end", "precision", "expression",
                 "dated_by", "clock", "rule", "actors", "text", "year_open"]


def dated_events(sents: pd.DataFrame, expressions: pd.DataFrame) -> pd.DataFrame:
    """Return one row per dated event of each article (``EVENT_COLUMNS``) from a sentence table
    (article_id, sentence_id, text, published, and start/end for the paragraphs) and its resolved
    expressions."""
    rows = []
    records = expressions.to_dict("records")
    for article_id, group in sents.groupby("article_id", sort=False):
        keys = list(zip(group.article_id, group.sentence_id))
        paragraphs = paragraph_ids(zip(group.start, group.end)) if "start" in group else passage_ids(group.text.tolist())
        rows += article_events(dict(zip(keys, group.text)), [e for e in records if e["article_id"] == article_id],
                               dict(zip(keys, paragraphs)), group.published.iloc[0])
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def _clause_type(text: str, main: str, start: int, end: int, next_start: int) -> tuple[str, int, int]:
    """Return (type, trigger start, trigger end) of the event that the expression at ``start`` dates:
    what follows it up to the next expression (inside a subordinate 在/自…后 clause, that clause, unless
    the expression closes it: 在 X 几个小时后, … dates what follows); when
    that names no event, the comma-clause before it too; for a time that opens the sentence (周一,…),
    the sentence's main clause."""
    folded = fold(text)
    inside = next((m for m in _SUBORDINATE.finditer(folded) if m.start() <= start and end < m.end()), None)
    end = min(inside.end(), next_start) if inside else next_start
    kind, t_start, t_end = find_trigger(text[start:end])
    if kind not in ("other", "statement") or inside:
        return kind, (t_start + start if t_start >= 0 else -1), (t_end + start if t_end >= 0 else -1)
    if not _CLAUSE_BREAK.search(folded, 0, start):
        scope_start, scope = 0, main[:end]  # up to the next expression, which dates what follows it
    else:
        breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, start)]
        scope_start = breaks[-2]
        scope = text[scope_start:end]
    wider, w_start, w_end = find_trigger(scope)
    if wider == "other" or wider == kind:
        return kind, (t_start + start if t_start >= 0 else -1), (t_end + start if t_end >= 0 else -1)
    return wider, w_start + scope_start, w_end + scope_start


class ArticleReading(NamedTuple):
    """What the pipeline has read of an article already: its sentences' ``(start, end)`` offsets
    (``split_sentences``), its text folded (``corpus_tools.scripts.fold``), and each sentence's
    mentions (``find_all_mentions`` of the sentence)."""

    spans: list[tuple[int, int]]
    folded: str
    mentions: list[list[tuple[int, int, str, str]]]


def text_events(article_id: str, text: str, published: pd.Timestamp, reading: ArticleReading | None = None) -> list[dict]:
    """Return the dated events (rows of ``EVENT_COLUMNS``) of one article's cleaned text; ``reading``
    (an ``ArticleReading`` of this text) spares splitting, folding and searching it again.

    >>> [(e["event_type"], e["expression"], f"{e['date_start']:%Y-%m-%d}", e["actors"])
    ...  for e in text_events("a", "昨天凌晨,穆拉蒂宣布离职。", pd.Timestamp("2024-09-27", tz="Asia/Shanghai"))]
    [('departure', '昨天凌晨', '2024-09-26', ['murati'])]
    """
    from ..text import split_sentences

    spans = split_sentences(text) if reading is None else reading.spans
    texts = [text[s:e] for s, e in spans]
    _MENTIONS_READ.clear()  # another article's, perhaps found under another entity table
    if reading is not None:
        for sentence, (start, end) in zip(texts, spans):
            fold.tell(sentence, reading.folded[start:end])  # folding maps one character to one
        _MENTIONS_READ.update(zip(texts, reading.mentions))
    paragraphs = paragraph_ids(spans)
    expressions = article_expressions(article_id, enumerate(texts), published, paragraphs)
    return article_events({(article_id, n): t for n, t in enumerate(texts)}, expressions,
                          {(article_id, n): p for n, p in enumerate(paragraphs)}, published)


def article_events(texts: dict, expressions: list[dict], paragraphs: dict | None = None,
                   published: pd.Timestamp | None = None) -> list[dict]:
    """Return the dated events (rows of ``EVENT_COLUMNS``) of the articles in ``texts`` (which maps
    ``(article_id, sentence_id)`` to every sentence, in order) from their time expressions: one per
    expression, typed by the clause it dates; with ``paragraphs`` (the same keys, to paragraph
    numbers) also the sentences dated by their paragraph's one date (``context``) and, with the
    article's date ``published``, the milestones told as done with no date near them, between the
    article's last date before them and its own date (``bounds``)."""
    by_sentence: dict[tuple, list[dict]] = {}
    for expression in expressions:
        by_sentence.setdefault((expression["article_id"], expression["sentence_id"]), []).append(expression)
    rows = []
    for (article_id, sentence_id), group in by_sentence.items():
        text = texts[(article_id, sentence_id)]
        group = [row for row in group if not _REFERRING.match(fold(text), row["end"])] or group[:0]
        if not group:
            continue
        starts = [row["start"] for row in group] + [len(text)]
        main = main_clause(text)
        for i, row in enumerate(group):
            kind, t_start, t_end = _clause_type(text, main, row["start"], row["end"], starts[i + 1])
            people = _who(text, kind, t_start, t_end)
            if kind == "statement" and not people and t_start >= 0:
                people = organisation_speaker(text, t_start)
            rows.append(_event_row(row, kind, people, text))
            rows += _speaker_statement(text, row, kind, people, t_start)
            if t_start >= 0:
                rows += _same_date_events(text, row, kind, people, t_end, starts[i + 1])
    if paragraphs is not None:
        rows += _undated_events(texts, expressions, by_sentence, paragraphs, published)
    return sorted(rows, key=lambda r: (str(r["article_id"]), r["sentence_id"]))
def _same_date_events(text: str, expression: dict, kind: str, people: list[str], after: int, end: int) -> list[dict]:
    """Return the further milestones that the clauses after an event's own, up to the next time
    expression, tell of other people (17日被董事会解雇，布罗克曼也宣布辞职): the same date, their own type."""
    folded = fold(text)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, after, end)]
    rows, seen = [], {(kind, tuple(people))}
    if expression["precision"] != "day":
        return []  # 今年…,其中包括…复职: background told under a year is not dated by it
    for start, stop in zip(breaks, breaks[1:] + [end]):
        clause = folded[start:stop].rstrip(" ,，;；。")
        if re.search(r"(之后|以后|后)$", clause) or "继" in folded[after:start]:
            continue  # 这是继…离职之后: what came before, not a further event
        other, t_start, t_end = find_trigger(text[start:stop])
        if other not in MILESTONES:
            continue
        who = _who(text[start:stop], other, t_start, t_end)  # named in that clause itself
        if not who or (other, tuple(who)) in seen or set(who) & set(people):
            continue
        seen.add((other, tuple(who)))
        row = _event_row(expression, other, who, text)
        row["rule"] = f"{row['rule']}; a further event told in the same clause"
        rows.append(row)
    return rows


#: A verb of saying that opens the reported words in the next clause (发文称, 表示, 写道).
_REPORTED_SPEECH = re.compile(r"\s*(?:称|说|道)?\s*[,，:：]")


#: 去年11月那场风波: a date before a demonstrative names an event already known, not the clause it stands in.
_REFERRING = re.compile(r"\s*的?\s*[那这][场次起一个轮]")


def _speaker_statement(text: str, expression: dict, kind: str, people: list[str], trigger_start: int) -> list[dict]:
    """Return the statement of a named speaker whose words report the event of a later clause
    (奥特曼随后发文称,…,并宣布由帕乔奇接任: Altman's statement, besides the appointment), else []."""
    if kind in ("other", "statement") or trigger_start < 0:
        return []
    folded = fold(text)
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, expression["start"])), default=0)
    for start, end, found, _ in triggers_in(text):
        if found != "statement" or not clause_start <= start < trigger_start \
                or not _REPORTED_SPEECH.match(folded, end):
            continue  # 宣布辞职, 在X上宣布,麦格鲁离职: an announcement is the vehicle of its event
        speaker = actors(text, "statement", start, end)
        if speaker and not set(speaker) & set(people):
            row = _event_row(expression, "statement", speaker, text)
            row["rule"] = f"{row['rule']}; the speaker's statement reporting it"
            return [row]
        return []
    return []


def _event_row(expression: dict, kind: str, people: list[str], text: str) -> dict:
    return {"article_id": expression["article_id"], "sentence_id": expression["sentence_id"], "event_type": kind,
            "date_start": expression["date_start"], "date_end": expression["date_end"],
            "precision": expression["precision"], "expression": expression["expression"],
            "dated_by": expression["dated_by"], "clock": expression["clock"], "rule": expression["rule"],
            "actors": people, "text": text, "year_open": expression.get("year_open", False)}


#: Types that mark a turn of the story: told as what finally happened (最终, 终于) without a date, they
#: are dated between the article's last date before them and the article's own date.
MILESTONES = ("removal", "return", "hire", "appointment", "departure", "letter", "apology", "agreement", "complaint",
              "investigation", "withdrawal")
_FINALLY = re.compile(r"最终|终于|最后")


def _undated_events(texts: dict, expressions: list[dict], by_sentence: dict, paragraphs: dict,
                    published: pd.Timestamp | None) -> list[dict]:
    """Return the events of sentences without a time expression: dated by their paragraph when it
    gives exactly one event date on or before the article's date (``context``); else, for a
    milestone told as what finally happened, between the article's last date before it and the article's date."""
    rows = []
    base = None if published is None or pd.isna(published) else published.tz_convert("Asia/Shanghai").tz_localize(None)
    articles: dict[str, list[int]] = {}
    for article_id, sentence_id in texts:
        articles.setdefault(article_id, []).append(sentence_id)
    for article_id, numbers in articles.items():
        numbers = sorted(numbers)
        dated = [e for e in expressions if e["article_id"] == article_id and e["precision"] != "year"]
        by_paragraph: dict[int, dict[tuple, dict]] = {}
        for e in dated:
            by_paragraph.setdefault(paragraphs[(article_id, e["sentence_id"])], {})[
                (e["date_start"].normalize(), e["precision"])] = e
        # a paragraph with no date of its own: its article's one date, if it gives one
        article_dates = {key: e for p in by_paragraph.values() for key, e in p.items() if not e.get("after_article")}
        first_dated = min((e["sentence_id"] for e in dated if not e.get("after_article")), default=None)
        for n in numbers:
            text = texts[(article_id, n)]
            own = by_paragraph.get(paragraphs[(article_id, n)]) or article_dates
            one_date = len(own) == 1 and not next(iter(own.values())).get("after_article")
            if not one_date and (base is None or first_dated is None or first_dated >= n
                                 or not _FINALLY.search(fold(text))):
                continue  # neither its paragraph's one date nor bounds can date it: its event need not be typed
            if (article_id, n) in by_sentence or is_heading(text) or _FIRST_PERSON_SUBJECT.search(text) \
                    or holds_time_word(fold(text)):
                continue  # dated already, a heading, a quoted speaker's own story, or time words read as no date
            kind, t_start, t_end = find_trigger(main_clause(text))
            if kind == "other":
                continue
            people = _who(text, kind, t_start, t_end)
            if kind == "statement" and not people:
                continue  # 据悉, 有人表示: a statement by no one named is no event
            finally_told = _FINALLY.search(fold(text)[:max(t_start, 0)])  # 最终…回到了: after the dates given
            if one_date and not finally_told:
                source = next(iter(own.values()))
                row = _event_row(source, kind, people, text)
                row.update(sentence_id=n, dated_by="context",
                           rule=f"context: the paragraph's one date ({source['expression']})")
                rows.append(row)
                continue
            earlier = [e for e in dated if e["sentence_id"] < n and not e.get("after_article")]
            if base is None or kind not in MILESTONES or not people or not earlier or not finally_told:
                continue
            start = earlier[-1]["date_start"]
            end = base.normalize() + pd.Timedelta(hours=23, minutes=59, seconds=59)
            if start > end:
                continue
            rows.append({"article_id": article_id, "sentence_id": n, "event_type": kind, "date_start": start,
                         "date_end": end, "precision": precision_of(start, end), "expression": "",
                         "dated_by": "bounds", "clock": "article",
                         "rule": f"bounds: told as done, after {earlier[-1]['expression']} and by the article's date",
                         "actors": people, "text": text, "year_open": False})
    return rows
