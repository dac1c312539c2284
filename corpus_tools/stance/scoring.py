"""Stance toward a target person in a sentence: favourable (+1), neutral (0) or unfavourable (-1).

``stance`` labels each sentence with the learned part (``learned``: a logistic regression over
hashed character n-grams, trained on written and real coded sentences, its weights shipped), which reads
the sentence with the target masked and the features of the target-aware rules below.

The rules find the target (any alias, either script, or 他/她 when the sentence names no one else),
split the sentence into clauses, and weigh only the cues that a reader would attribute to the target:

- evaluation words and idioms of this press (``data/stance_lexicon.csv``: 打脸, 光棍司令,
  暗戳戳, 先斩后奏, 至关重要...) count for the person they are said of: the nearest mention before
  them in their clause (or the subject carried over from the clause before), or the target
  right after them (打脸 Altman);
- support words (支持, 力挺, 希望…) count when the target is their object, except in a question that
  only asks whether he will return;
- an act against the target (解雇, 赶下台, 踢出) is neutral, but a sentence that condemns it (危及,
  破坏) defends him;
- the target's own words (Altman表示, "…") are not an evaluation of him, except for the manner
  words that frame them (暗戳戳地表示, 连忙澄清);
- constructions without an evaluative word (``constructions``): a demand for his reinstatement,
  others following him, triumph, blame of those who removed him, a rebuttal of the charges, reported
  doubt, consequences of his own doing, rhetorical questions;
- a negation just before a cue flips it; a clause after 但/却/然而 weighs more, one opened by
  尽管/虽然 less.

The rules alone (``label_from_evidence`` of their sum) are a method of their own in the validation.
The scorer never reads the hand-coded validation sentences nor a test set.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .constructions import TARGET, find_constructions, yes_no_question
from .constructions import names as construction_names
from ..entities import find_all_mentions, find_mentions, people, resolve_entity
from ..patterns import WordSet, word_alternation
from ..scripts import fold
from .lexicons import domain_lexicon, dutir_lexicon, general_lexicon, snownlp_probability  # noqa: F401

#: The evidence the rules alone need for a non-neutral label (the "rules alone" method).
THRESHOLD = 0.5

_CLAUSE_BREAK = re.compile(r"[,，;；:：!！?？。]")
_NEGATORS = frozenset("不是 并非 并未 并不 毫无 从未 从来没有 绝非 不再 未曾 不会 没有 未能 不能 无法 无需 不够 不 没 未 无 别 非".split())
_NEGATION_REACH = 4  # tokens
_CONTRAST = re.compile(r"^\s*(但是|但|然而|不过|可是|只是)|却")
_CONCESSION = re.compile(r"^\s*(尽管|虽然|虽|即使|即便|哪怕)")
_CAUSE = re.compile(r"(引起|引发|招致|招来|惹来|遭到|遭受|受到|饱受|备受|面临)[^,，。]{0,6}$")
_RECEIVE = re.compile(r"(得到|获得|受到|赢得|深受|被|遭|遭到|遭受|饱受|备受)")
_PRONOUN = re.compile(r"[他她](?![们們])")
_GROUP_HOLDERS = re.compile(r"员工|投资者|投资人|媒体|外界|网友|舆论|董事|我们|你们|他们|她们|客户|市场|分析师|批评者|知情人士")
_SPEECH_WINDOW = 20
_SUBJECT_OFFSET = 4
_MODIFIER_SPAN = 16
#: Acts against a person that are formal decisions, not conduct to blame their agent for.
_FORMAL_HARM = frozenset({"解雇", "开除", "罢免", "免职", "撤职", "解职", "解任", "下台", "出局", "撤换", "罢黜"})
#: Condemnations that, in a sentence telling of an act against the target, condemn the act.
_CONDEMN_ACT = frozenset({"危及", "危害", "破坏", "错误", "荒唐", "荒谬", "愚蠢", "鲁莽", "草率", "不公", "无理", "抗议",
                          "后悔", "懊悔", "深感后悔", "追悔", "悔不当初", "道歉", "认错", "反省"})
_PREPOSITION = re.compile(r"(与|和|对|向|让|给|把|令|替)\s*$")
_TARGET_RUN = re.compile(f"{TARGET}+")


class Cue(NamedTuple):
    """A lexicon cue found in a sentence: where, which term, its kind and its signed contribution."""

    start: int
    end: int
    term: str
    kind: str
    value: float


class _Reference(NamedTuple):
    """Who is mentioned where: the target, another entity, a group, or a pronoun and whom it stands for."""

    start: int
    end: int
    is_target: bool
    is_person: bool = False
    is_organisation: bool = False
    entity: str = ""


@lru_cache(maxsize=1)
def _cue_terms() -> tuple[WordSet, dict[str, tuple[str, int]]]:
    """Return the lexicon's cue terms (folded) to find in a sentence, and each term's kind and polarity."""
    table = domain_lexicon()
    cues = table[~table.kind.isin(["speech", "negation", "contrast", "concession"])]
    index = {fold(t): (k, p) for t, k, p in zip(cues.term, cues.kind, cues.polarity)}
    return WordSet(index), index


@lru_cache(maxsize=1)
def _speech_pattern() -> re.Pattern[str]:
    table = domain_lexicon()
    return word_alternation(fold(t) for t in table.term[table.kind == "speech"])


def _segments(folded: str) -> list[tuple[int, int]]:
    """Split at clause punctuation and after verbs of speech or thought (认为, 表示): each segment has one subject."""
    cuts = {m.end() for m in _CLAUSE_BREAK.finditer(folded)} | {m.end() for m in _speech_pattern().finditer(folded)}
    bounds, start = [], 0
    for cut in sorted(cuts):
        if cut > start:
            bounds.append((start, cut))
            start = cut
    if start < len(folded):
        bounds.append((start, len(folded)))
    return bounds


def _references(text: str, folded: str, target: str, mentions: list | None = None) -> list[_Reference]:
    """Return who is mentioned where: the target, other entities, groups and pronouns, left to right."""
    targets = find_mentions(text, target, folded)
    refs = [_Reference(m.start, m.end, True, True, False, target) for m in targets]
    people = _people()
    for start, end, _, entity in (find_all_mentions(text, folded) if mentions is None else mentions):
        if entity != target and not any(r.start < end and start < r.end for r in refs):
            refs.append(_Reference(start, end, False, entity in people, entity not in people, entity))
    for m in _GROUP_HOLDERS.finditer(folded):
        if not any(r.start < m.end() and m.start() < r.end for r in refs):
            refs.append(_Reference(m.start(), m.end(), False))
    refs.sort(key=lambda r: r.start)
    for m in _PRONOUN.finditer(folded):
        people_before = [r for r in refs if r.end <= m.start() and r.is_person]
        refers_to_target = people_before[-1].is_target if people_before else not targets
        refs.append(_Reference(m.start(), m.end(), refers_to_target, True))
    return sorted(refs, key=lambda r: r.start)


def _people() -> frozenset[str]:
    return people()


def _next_group(folded: str, refs: list[_Reference], position: int, limit: int) -> list[_Reference]:
    """Return the references that follow ``position`` joined by 和/与/及/、 (Brockman 和 Altman), or []."""
    after = [r for r in refs if position <= r.start < limit]
    group: list[_Reference] = []
    for ref in after:
        gap = folded[(group[-1].end if group else position):ref.start]
        if group and not re.fullmatch(r"[\s和与及、,，]*", gap):
            break
        group.append(ref)
    return group


def _subject(folded: str, refs: list[_Reference], segment: tuple[int, int], before: int) -> _Reference | None:
    """Return the subject of a segment: its first reference if it opens the segment (within a few
    characters), preferring the person in an apposition (OpenAI CEO Sam Altman)."""
    inside = [r for r in refs if segment[0] <= r.start and r.end <= before]
    if not inside:
        return None
    lead = folded[segment[0]:inside[0].start].strip(" “”\"'「」『』")
    if len(lead) > _SUBJECT_OFFSET:
        return None
    first = inside[0]
    if first.is_organisation:
        following = [r for r in inside[1:] if r.is_person and r.start - first.end <= 8
                     and not _CLAUSE_BREAK.search(folded, first.end, r.start)]
        if following:
            return following[0]
    return first


def _about_target(folded: str, refs: list[_Reference], segment: tuple[int, int], position: int,
                  carried: bool | None, default: bool) -> bool:
    """Return whether the words at ``position`` speak of the target: by the segment's subject, else by
    the last person or organisation named before them in the segment, else by the answer carried
    from the segment before, else by default (True when the sentence names no one else)."""
    subject = _subject(folded, refs, segment, position)
    if subject is not None:
        return subject.is_target
    named = [r for r in refs if segment[0] <= r.start and r.end <= position
             and (r.is_target or r.is_person or r.is_organisation)]
    if named:
        return named[-1].is_target
    return carried if carried is not None else default


def _segment_subject_is_target(folded: str, refs: list[_Reference], segment: tuple[int, int]) -> bool | None:
    """Return whether the segment's subject is the target, or None when the segment names no one."""
    subject = _subject(folded, refs, segment, segment[1])
    if subject is not None:
        return subject.is_target
    named = [r for r in refs if segment[0] <= r.start < segment[1] and (r.is_target or r.is_person or r.is_organisation)]
    return named[-1].is_target if named else None


def _said_of_target(folded: str, cue: Cue, refs: list[_Reference], segment: tuple[int, int],
                    about_target: bool) -> bool:
    """Return True when a reader would take the cue to be said of the target.

    Modifier (光棍司令的 Altman), object (打脸 Altman, 矛头直指 OpenAI 和 Altman, 与 Altman
    脱不了干系), or a segment about the target (see ``_segment_about_target``).
    """
    for ref in (r for r in refs if r.is_target and cue.end <= r.start < cue.end + _MODIFIER_SPAN):
        if re.fullmatch(r"[^,，。;；:：]*的\s*", folded[cue.end:ref.start]):
            return True  # 光棍司令的 Altman, 被逼退出 OpenAI 的 Sam Altman
    group = _next_group(folded, refs, cue.end, segment[1])
    if group:
        between = folded[cue.end:group[0].start]
        if len(between.strip()) <= 4 and any(r.is_target for r in group) and not _CLAUSE_BREAK.search(between):
            return True
    before = [r for r in refs if segment[0] <= r.start and r.end <= cue.start]
    if before and before[-1].is_target and len(folded[before[-1].end:cue.start].strip(" “”\"'「」『』")) <= 2:
        return True  # 奥特曼“一贯撒谎”: the target right before the cue
    for ref in reversed(before):
        if ref.is_target and _PREPOSITION.search(folded[max(segment[0], ref.start - 3):ref.start]) \
                and not any(r.start >= ref.end for r in before):
            return True  # 与 Altman 脱不了干系, 对 Altman 不满
    return about_target


def _aimed_at_target(folded: str, cue: Cue, refs: list[_Reference], segment: tuple[int, int]) -> bool:
    """Return True when the target receives a support or an attack: as its object (支持 Altman,
    打脸 OpenAI 和 Altman) or as the subject of a passive (Altman 遭到…痛批, 深受员工支持)."""
    clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(folded, cue.end)), len(folded))
    after = _next_group(folded, refs, cue.end, clause_end)
    if any(r.is_target for r in after) and len(folded[cue.end:after[0].start].strip()) <= 3:
        tail = folded[after[-1].end:clause_end]
        head = re.match(r"[^的]{0,10}的\s*", tail)
        later = [r for r in refs if after[-1].end <= r.start < clause_end]
        if head and later and not later[0].is_target and later[0].start <= after[-1].end + head.end():
            return False  # 打脸了将他扫地出门的董事会: the object is the board
        return True
    for ref in (r for r in refs if r.is_target and cue.end <= r.start < clause_end):
        if re.fullmatch(r"[^,，。;；:：]{0,12}的\s*", folded[cue.end:ref.start]):
            return True  # 声援被“背刺”的奥特曼
    before = [r for r in refs if segment[0] <= r.start and r.end <= cue.start]  # in the segment, before the cue
    if before and before[0].is_target and _RECEIVE.search(folded[before[0].end:cue.start]):
        return True
    subject = _subject(folded, refs, segment, cue.start)
    return bool(subject and subject.is_target and _CAUSE.search(folded[max(segment[0], cue.start - 8):cue.start]))


def _target_speech(folded: str, refs: list[_Reference]) -> tuple[int, int] | None:
    """Return the span of the target's own words (after 'Altman表示': to the end of the clause, or
    of the quotation that opens there), or None. 'Altman被认为' is not his speech."""
    for m in _speech_pattern().finditer(folded):
        clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(folded, 0, m.start())), default=0)
        before = [r for r in refs if clause_start <= r.start and r.end <= m.start()]
        if before and before[0].is_target and m.start() - before[0].end <= _SPEECH_WINDOW \
                and not re.search(r"的|被|遭", folded[before[0].end:m.start()]):
            rest = folded[m.end():]
            quote = re.match(r"\s*[:：,，]?\s*[“「『\"]", rest)
            if quote:
                close = re.search(r"[”」』\"]", rest[quote.end():])
                end = m.end() + quote.end() + (close.end() if close else len(rest))
            else:
                after = _CLAUSE_BREAK.search(folded, m.end() + 1)
                end = after.end() if after else len(folded)
                if after and after.group() in ":：":
                    following = _CLAUSE_BREAK.search(folded, end + 1)
                    end = following.end() if following else len(folded)
            return m.end(), end
    return None


def _harm_agents(folded: str, found: list[Cue], refs: list[_Reference]) -> set[str] | None:
    """Return who acted against the target (解雇Altman, Altman突遭罢免): a set of entity ids, empty
    when the agent is not named, or None when the sentence tells of no act against him."""
    agents: set[str] | None = None
    for cue in (c for c in found if c.kind == "harm"):
        clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(folded, 0, cue.start)), default=0)
        named = {r.entity for r in refs if clause_start <= r.start and r.end <= cue.start
                 and not r.is_target and (r.is_person or r.is_organisation)}
        group = _next_group(folded, refs, cue.end, len(folded))
        if group and len(folded[cue.end:group[0].start].strip()) <= 3 and any(r.is_target for r in group):
            agents = (agents or set()) | named
        for ref in (r for r in refs if r.is_target and r.end <= cue.start):
            between = folded[ref.end:cue.start]
            if not _CLAUSE_BREAK.search(between) and len(between) <= 16 and re.search(r"被|遭|将|把", between):
                agents = (agents or set()) | named
    return agents


def _agent_is_target(folded: str, cue: Cue, refs: list[_Reference]) -> bool:
    """Return True when the target did the act (奥特曼亲手把老战友逼走), not suffered it."""
    clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(folded, 0, cue.start)), default=0)
    before = [r for r in refs if clause_start <= r.start and r.end <= cue.start]
    if not before or not before[0].is_target:
        return False
    between = folded[before[0].end:cue.start]
    return not re.search(r"被|遭|受", between) and not any(r.is_target for r in before[1:])


def _criticises_agent(folded: str, cue: Cue, refs: list[_Reference], agents: set[str]) -> bool:
    """Return True when a criticism is aimed at those who acted against the target."""
    clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(folded, cue.end)), len(folded))
    after = _next_group(folded, refs, cue.end, clause_end)
    if after and len(folded[cue.end:after[0].start].strip()) <= 3:
        return any(r.entity in agents for r in after)
    if re.search(r"(被|遭|遭到|受到)\S{0,6}$", folded[max(0, cue.start - 8):cue.start]):
        named = [r for r in refs if r.end <= cue.start and not r.is_target and (r.is_person or r.is_organisation)]
        return bool(named) and named[-1].entity in agents
    return False


def _masked(folded: str, refs: list[_Reference]) -> str:
    """Return the folded sentence with every character that refers to the target (a name, or 他
    standing for it) replaced by ``constructions.TARGET``."""
    pieces, position = [], 0
    for ref in sorted(r for r in refs if r.is_target):
        start = max(ref.start, position)  # a pronoun inside a name is masked with it
        if ref.end > start:
            pieces += [folded[position:start], TARGET * (ref.end - start)]
            position = ref.end
    return "".join(pieces) + folded[position:]


def _token_spans(text: str, folded: str, mentions: list | None = None) -> list[tuple[int, int]]:
    """Return the offsets of the sentence's tokens (the shared segmentation, ``text.token_spans``)."""
    from ..text import token_spans

    return token_spans(text, folded, mentions)


def _negated(folded: str, spans: list[tuple[int, int]], start: int) -> bool:
    """Return True when one of the few tokens before ``start``, in the same clause, is a negator
    (不是最好的, 未能保持一贯的坦诚); a negation inside a word (一无是处) does not count."""
    before = [span for span in spans if span[1] <= start][-_NEGATION_REACH:]
    clause_start = max((b.end() for b in _CLAUSE_BREAK.finditer(folded, 0, start)), default=0)
    return any(folded[s:e] in _NEGATORS for s, e in before if s >= clause_start)


class _Reading(NamedTuple):
    """What the rules read in one sentence: the cues said of the target and the facts around them."""

    folded: str
    spans: list[tuple[int, int]]
    found: list[Cue]
    cues: list[Cue]
    target_segments: list[tuple[int, int, float]]
    masked: str
    asks: bool
    speaks: bool
    harmed: bool
    others: bool


def _read(text: str, target: str, mentions: list | None = None,
          spans: list[tuple[int, int]] | None = None, folded: str | None = None) -> _Reading | None:
    """Return what the rules read in ``text`` about ``target``, or None when it does not refer to him."""
    target = resolve_entity(target)
    folded = fold(text) if folded is None else folded
    refs = _references(text, folded, target, mentions)
    if not any(r.is_target for r in refs):
        return None
    terms, index = _cue_terms()
    spans = _token_spans(text, folded, mentions) if spans is None else spans
    boundaries = {end for _, end in spans}
    found = [Cue(start, end, term, *index[term]) for start, end, term in terms.find(folded) if end in boundaries]
    speech = _target_speech(folded, refs)
    agents = _harm_agents(folded, found, refs)
    masked = _masked(folded, refs)
    found += [Cue(start, end, name, "construction", float(polarity))
              for start, end, name, polarity in find_constructions(masked)
              if speech is None or not (speech[0] <= start < speech[1] or speech[0] < end <= speech[1])]
    found.sort(key=lambda c: (c.start, c.end))
    named = [r for r in refs if r.is_target or r.is_person or r.is_organisation]
    others = not named[0].is_target  # with no one named in a segment, the sentence's first name decides

    asks = yes_no_question(masked)
    cues: list[Cue] = []
    target_segments: list[tuple[int, int, float]] = []
    carried: bool | None = None
    weight = 1.0
    for segment in _segments(folded):
        if segment[0] == 0 or _CLAUSE_BREAK.match(folded, segment[0] - 1):
            piece = folded[segment[0]:segment[1]]
            weight = 0.5 if _CONCESSION.search(piece) else 1.5 if _CONTRAST.search(piece) else 1.0
        for cue in (c for c in found if segment[0] <= c.start < segment[1]):
            if asks and (cue.kind == "support" or cue.term == "demand_return"):
                continue  # a question whether he will return is not support (rule 6)
            if cue.kind == "construction":
                cues.append(cue._replace(value=cue.value * weight))  # its structure names the target
                continue
            if cue.kind == "harm":
                if cue.term not in _FORMAL_HARM and _agent_is_target(folded, cue, refs):
                    cues.append(cue._replace(value=-1.0 * weight))  # he pushed others out
                continue
            if speech is not None and speech[0] <= cue.start < speech[1] and cue.kind != "framing":
                continue  # the target's own words do not evaluate him
            sign = -1 if _negated(folded, spans, cue.start) and cue.term not in _NEGATORS else 1
            if cue.kind in ("support", "attack"):
                if not _aimed_at_target(folded, cue, refs, segment):
                    if not (cue.kind == "attack" and agents is not None and _criticises_agent(folded, cue, refs, agents)):
                        continue
                    sign = -sign  # criticising those who acted against him defends him
            elif cue.kind == "condemnation":
                explicit = _said_of_target(folded, cue, refs, segment,
                                           _about_target(folded, refs, segment, cue.start, None, False))
                if agents is not None and cue.term in _CONDEMN_ACT:
                    sign = -sign  # condemning an act against him defends him
                elif not explicit:
                    continue
            elif not _said_of_target(folded, cue, refs, segment,
                                     _about_target(folded, refs, segment, cue.start, carried, not others)):
                continue
            cues.append(cue._replace(value=sign * cue.value * weight))
        about = _segment_subject_is_target(folded, refs, segment)
        if (about if about is not None else (carried if carried is not None else not others)) \
                and not (speech is not None and speech[0] <= segment[0] < speech[1]):
            target_segments.append((segment[0], segment[1], weight))
        if about is not None:
            carried = about
    other_people = any(r.is_person and not r.is_target and r.entity for r in refs)
    return _Reading(folded, spans, found, cues, target_segments, masked, asks, speech is not None,
                    agents is not None, other_people)


def analyse(text: str, target: str = "altman", *, mentions: list | None = None,
            spans: list[tuple[int, int]] | None = None, general: bool = True) -> tuple[float, float, float, list[Cue]]:
    """Return the rules' evidence toward ``target`` in one sentence: the domain cues' sum, the sums
    of the jionlp and the DUTIR lexicons over the target's segments (unweighted; 0.0 without
    ``general``), and the domain cues.

    ``mentions`` (from ``find_all_mentions``) and ``spans`` (from ``text.token_spans``) may be
    passed when the caller has them already, so that a sentence is segmented only once."""
    reading = _read(text, target, mentions, spans)
    if reading is None:
        return 0.0, 0.0, 0.0, []
    domain = sum(c.value for c in reading.cues)
    if not general:
        return domain, 0.0, 0.0, reading.cues
    args = (reading.folded, reading.spans, reading.target_segments, reading.found)
    return domain, _general_evidence(*args), _general_evidence(*args, dutir_lexicon(), scale=1.0), reading.cues


#: The rules' features handed to the learned part, in order: for each kind of cue its summed
#: favourable and unfavourable values; each construction's signed count; whether the target speaks,
#: whether an act against him is told, whether another person is named, and the total evidence.
_CUE_KINDS = ("evaluation", "support", "sympathy", "attack", "condemnation", "framing", "harm")
RULE_FEATURES = (*(f"{kind}_{side}" for kind in _CUE_KINDS for side in ("favourable", "unfavourable")),
                 *(f"construction_{name}" for name in construction_names()),
                 "target_speaks", "act_against_target", "other_person", "question", "yes_no_question", "domain")


class SentenceInputs(NamedTuple):
    """One sentence as the learned part reads it: the masked text, the rules' features (in the
    order of ``RULE_FEATURES``) and the cues the rules found (empty when the target is absent)."""

    masked: str
    rules: tuple[float, ...]
    cues: list[Cue]
    refers: bool


def sentence_inputs(text: str, target: str = "altman", *, mentions: list | None = None,
                    spans: list[tuple[int, int]] | None = None, folded: str | None = None) -> SentenceInputs:
    """Return the learned part's inputs for one sentence: the folded text with the target's names
    (or 他 standing for him) masked to one ``Ⓣ`` and other people's names to ``Ⓟ``, and the rules'
    features.

    >>> sentence_inputs("董事會要求恢復阿特曼的職務,穆拉蒂表示支持。").masked
    '董事会要求恢复Ⓣ的职务,Ⓟ表示支持。'
    """
    target = resolve_entity(target)
    reading = _read(text, target, mentions, spans, folded)
    if reading is None:
        return SentenceInputs(_mask_people(fold(text) if folded is None else folded, text, target, mentions),
                              (0.0,) * len(RULE_FEATURES), [], False)
    values = dict.fromkeys(RULE_FEATURES, 0.0)
    for cue in reading.cues:
        if cue.kind == "construction":
            values[f"construction_{cue.term}"] += cue.value or 1.0  # a neutral construction counts its presence
        else:
            values[f"{cue.kind}_{'favourable' if cue.value > 0 else 'unfavourable'}"] += cue.value
    values.update(target_speaks=float(reading.speaks), act_against_target=float(reading.harmed),
                  other_person=float(reading.others), question=float("?" in reading.folded or "？" in reading.folded),
                  yes_no_question=float(reading.asks),
                  domain=sum(c.value for c in reading.cues))
    masked = _mask_people(reading.masked, text, target, mentions)
    return SentenceInputs(masked, tuple(values.values()), reading.cues, True)


def _mask_people(masked: str, text: str, target: str, mentions: list | None) -> str:
    """Return ``masked`` with other people's names replaced by ``Ⓟ`` and each run of ``Ⓣ`` cut to one."""
    people = _people()
    others = [(start, end) for start, end, _, entity in (find_all_mentions(text) if mentions is None else mentions)
              if entity != target and entity in people and TARGET not in masked[start:end]]
    pieces, position = [], 0
    for start, end in sorted(others):
        pieces += [masked[position:start], "Ⓟ"]
        position = end
    return _TARGET_RUN.sub(TARGET, "".join(pieces) + masked[position:])


def _general_evidence(folded: str, spans: list[tuple[int, int]], segments, found: list[Cue],
                      lexicon: dict[str, float] | None = None, scale: float = 0.5) -> float:
    """Return the summed scores of a general lexicon's words (jionlp's by default, scaled by half to
    [-1, 1]) in the given segments, skipping words covered by domain cues; negation flips a word."""
    lexicon = general_lexicon() if lexicon is None else lexicon
    covered = [(c.start, c.end) for c in found]
    total = 0.0
    for start, end, weight in segments:
        for token_start, token_end in spans:
            token = folded[token_start:token_end]
            if not (start <= token_start < end) or token not in lexicon:
                continue
            if any(s < token_end and token_start < e for s, e in covered):
                continue
            sign = -1 if _negated(folded, spans, token_start) else 1
            total += sign * weight * lexicon[token] * scale
    return total


def general_lexicon_score(text: str) -> float:
    """Return the whole-sentence sum of jionlp lexicon scores (negation flips), blind to any target:
    the "general lexicon alone" baseline."""
    folded = fold(text)
    return _general_evidence(folded, _token_spans(text, folded), [(0, len(folded), 1.0)], [])


def label_from_evidence(total, threshold: float = THRESHOLD):
    """Return 1 when the evidence reaches ``threshold``, -1 when it reaches ``-threshold``, else 0
    (the rules alone, without the learned part)."""
    import numpy as np

    total = np.asarray(total, dtype=float)
    return np.where(total >= threshold, 1, np.where(total <= -threshold, -1, 0))


def score_sentences(texts: list[str], target: str = "altman",
                    found: list[tuple[list, list]] | None = None) -> list[tuple[float, float, float, int, float, str]]:
    """Return the evidence of each sentence: the rules' domain evidence, 0.0 and 0.0 (two columns
    kept for the tables' shape), the label and score of the scorer (the learned part over the rules'
    features, all the sentences at once; 0 and 0.0 when a sentence does not refer to the target), and
    the cues as text. ``found`` may give each sentence's ``(mentions, spans, folded)``: its mentions and
    token spans, as for ``analyse``, and the sentence folded (``scripts.fold``), when the caller has them."""
    from .learned import predict_many

    found = [(None, None, None)] * len(texts) if found is None else found
    inputs = [sentence_inputs(text, target, mentions=mentions, spans=spans, folded=folded)
              for text, (mentions, spans, folded) in zip(texts, found)]
    referring = [i for i in inputs if i.refers]
    predictions = iter(predict_many([i.masked for i in referring], [i.rules for i in referring]))
    return [(sum(c.value for c in i.cues), 0.0, 0.0, *(next(predictions) if i.refers else (0, 0.0)),
             " ".join(f"{c.term}({c.value:+g})" for c in i.cues)) for i in inputs]


def score_sentence(text: str, target: str = "altman", *, mentions: list | None = None,
                   spans: list[tuple[int, int]] | None = None,
                   frozen: bool = True) -> tuple[float, float, float, int, float, str]:
    """Return the evidence of one sentence, as ``score_sentences`` gives it (``frozen`` is accepted
    for compatibility)."""
    return score_sentences([text], target, [(mentions, spans, None)])[0]


def evidence(texts, target: str = "altman", with_snownlp: bool = False) -> pd.DataFrame:
    """Return one row per text: the rules' domain evidence, the scorer's label and score (columns
    ``learned`` and ``margin``), the cues used, and snownlp's probability (0.5 unless ``with_snownlp``)."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"stance expects str texts, got {type(text).__name__}")
    rows = [(*scored, snownlp_probability(text) if with_snownlp else 0.5)
            for text, scored in zip(texts, score_sentences(texts, target))]
    return pd.DataFrame(rows, columns=["domain", "general", "dutir", "learned", "margin", "evidence", "snownlp"])


def stance(texts: str | list[str] | pd.Series, target: str = "altman") -> pd.DataFrame:
    """Return one row per text, in order: label (-1, 0, 1), score in [-1, 1] (the probability of
    favourable minus that of unfavourable), evidence (the rules' cues).

    >>> stance(["奥特曼在为OpenAI筹集资金方面扮演了关键角色。", "董事会认为奥特曼始终不够坦诚。",
    ...         "周一,奥特曼回到了OpenAI总部。"]).label.tolist()
    [1, -1, 0]
    """
    from ..pipeline import stance_of  # sentences already analysed are looked up, the rest segmented once

    # a Series's tolist is several times faster than iterating its str column (an Arrow array) value by value
    table = stance_of([texts] if isinstance(texts, str) else texts.tolist() if isinstance(texts, pd.Series)
                      else list(texts), target)
    if isinstance(texts, pd.Series):
        table.index = texts.index
    return table


def labels_from_evidence(parts: pd.DataFrame) -> pd.DataFrame:
    """Return label, score and evidence (as in ``stance``) from a table of evidence (as from ``evidence``)."""
    return pd.DataFrame({"label": parts.learned.to_numpy(dtype=int), "score": parts.margin.to_numpy(dtype=float),
                         "evidence": parts.evidence.to_numpy()})
