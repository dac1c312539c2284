"""The outlet a page names only where the rules do not read it: a learned choice among the names it prints.

The rules (``attribution``) read the forms of page furniture they know: a stamp line, a copyright, a
dateline, a masthead. On sites they have not seen they mostly name nothing, where a model that learned
which printed name is the outlet from the real development pages (``benchmarks/real/train_outlet.py``)
names the right one more often; the loader asks it only where the rules, the URL and the page's credits
name none (``assembly``). How each carries to unseen sites: ``benchmarks/real/outlet_unseen.py``.

Every short name the page prints is a candidate: each line's words between separators and labels, a
dateline's lead (``某网科技讯`` -> 某网科技), and the names inside a longer word that end as outlets'
names end (``网``, ``报``, ``社``, ``科技``...), cleaned and made canonical as ``attribution`` does. Each
is described by where and how the page prints it (``FEATURES``): the kinds of line (``boilerplate``'s
classes), its place on the page, what stands beside it (``来源:`` or ``据`` before it, a date stamp,
``版权所有`` or ``报道`` after it, ``讯`` or a date after it at the head of a paragraph), how many lines
and how many lines of furniture print it, its ending, and whether the outlet table knows it. Nothing
says which name the rules chose.

``choose`` scores the candidates with the shipped model (``data/outlet_model.json``: gradient-boosted
stumps, evaluated here without scikit-learn) and returns the most probable one when it reaches
``THRESHOLD``; never a name the page credits as the story's source (a repost's wire is not the site that
printed it) nor one it prints only in brackets (a credit, a byline, a caption).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Collection, NamedTuple

import numpy as np

from ..cache import text_memo
from ..outlets import is_known_outlet
from ..scripts import fold
from .attribution import _STAMP_DATE, canonical_name, clean_name, without_glosses
from .boilerplate import NOT_THE_PAGE

#: Body paragraphs read at each end of the story (a dateline opens it, a credit may close it).
HEAD_PARAGRAPHS, TAIL_PARAGRAPHS = 4, 3

KINDS = ("body", "title", "navigation", "app_login", "share_copyright", "byline", "credit", "disclaimer", "tags",
         "advertisement", "scraper_junk", "image_caption", "other")
#: What splits a line into words: separators, brackets and dates (not the digits of a name, ``21世纪``).
_SEPARATORS = re.compile(r"(?:19|20)\d\d(?=\s*[年/.\-])|\d{1,2}(?=\s*[月日号时:：/.\-])|(?<=[/.\-:：])\d{1,2}|"
                         r"[\s|｜_/／>›»·•:：,，。;；()（）\[\]【】<>《》「」『』\"“”'、!！?？\-—–~#]+")
_LABELS = re.compile(r"本文来源|文章来源|稿件来源|来源|来自|转载自|转载|出处|责任编辑|作者|编辑|责编|记者|撰文|版权所有|"
                     r"发表于|发布于|发表|发布|更新|时间|日期|本文|不代表|立场|如若转载|请注明出处|授权转载|经授权|编者按")
_ENDINGS = re.compile(r"网|报|社|新闻|周刊|杂志|电视台|财经|科技|之家|在线")
_LEAD = re.compile(r"(讯|消息|报道|报导|注意到|获悉|了解到|导读|电)$")
_CUES = {"stamp": _STAMP_DATE,
         "source": re.compile(r"来源|来自|转载|出处"), "copyright": re.compile(r"版权|©|copyright", re.IGNORECASE),
         "people": re.compile(r"作者|记者|编辑|责编|撰文"), "app": re.compile(r"app|客户端|下载|扫码", re.IGNORECASE),
         "crumb": re.compile(r"首页|[>›»]"), "dateline": re.compile(r"电|讯|消息|报道"), "account": re.compile(r"公众号|微信|号")}
_CONTEXTS = {  # (what stands before the name, what stands after it)
    "after_source": (re.compile(r"(?:来源|来自|出处|转载自)\s*[:：]?\s*[《「]?$"), None),
    "after_author": (re.compile(r"(?:作者|记者|编辑|撰文|文)\s*[:：|｜/]?\s*$"), None),
    "bracket_lead": (re.compile(r"^\s*[【\[(（]\s*$"), None),
    "before_stamp": (None, re.compile(r"\s*[|｜·/]?\s*(?:19|20)\d\d")),
    "before_copyright": (None, re.compile(r"\s*(?:版权所有|©)")),
    "after_copyright": (re.compile(r"(?:©|copyright)\s*[\d\s-]*$", re.IGNORECASE), None),
    "cited_before": (re.compile(r"(?:据|援引|引述|根据|综合|转引自|引用)\s*[《「]?$"), None),
    "cited_after": (None, re.compile(r"\s*[》」]?\s*(?:报道|报导|称|表示|指出|披露|援引|的报道|的消息|消息称|引述)")),
}
_DATELINE_AFTER = re.compile(r"\s*(?:讯|消息|报道|注意到|获悉|\d{1,2}月|\d{1,2}日|北京时间)")
SUFFIXES = ("网", "报", "社", "新闻", "科技", "财经", "日报", "时报", "周刊", "之家", "号", "在线", "电视台", "早报", "晚报", "杂志")
FEATURES = ([f"kind_{k}" for k in KINDS] + [f"cue_{c}" for c in _CUES] + [f"ctx_{c}" for c in _CONTEXTS]
            + ["ctx_lead_dateline", "ctx_line_short"] + [f"end_{s}" for s in SUFFIXES]
            + ["first_word", "last_word", "whole_line", "before_body", "only_body", "position", "top3", "last5",
               "lines", "chrome_lines", "length", "latin", "outlet_ending", "short_cjk", "known"])


#: Citation and credit words glued to a name (据某报, 某公司供稿, 某社记者某某摄): not part of it.
_CREDIT_WORDS = re.compile(r"^(?:根据|据|援引|综合|转引自|版权归)|(?:供稿|供图|摄)$")
#: The characters of a long line read at each end (``_ends``).
HEAD_CHARS, TAIL_CHARS = 300, 150
#: How far before and after a name its context is read (a label, a bracket, a year range).
CONTEXT_CHARS = 24
#: The lines read at the head and the tail of a page (its furniture and its story's ends).
HEAD_LINES, TAIL_LINES = 150, 50
_OPENING, _CLOSING = "（([【［〔〈〖﹙", "）)]】］〕〉〗﹚"
#: What stands before or after a name the page credits rather than names as itself (来源：X, 图片来源：X,
#: 版权归X所有, 本文摘自X, X供图, X提供): the name of a story's, a photo's or a text's source.
_CREDIT_BEFORE = re.compile(r"(?:来源|来自|转载自|转载|转自|出处|原载于|刊载于|刊于|首发于|摘自|选自|图源|图片|版权归|稿件由|"
                            r"授权)\s*[:：]?\s*[《「]?\s*$")
_SAYS = re.compile(r"\s*[:：]")
_CREDIT_AFTER = re.compile(r"\s*[》」]?\s*(?:供稿|供图|提供|摄|授权|所有)")


class Candidate(NamedTuple):
    """A name the page prints as it would name itself: ``key`` (folded, canonical through the outlet
    table), ``name`` (as the page first prints it so, canonical through the table) and its ``features``
    (``FEATURES``, from those printings only)."""
    key: str
    name: str
    features: np.ndarray


def _words(folded: str) -> list[tuple[str, bool, bool, bool]]:
    """Return the candidate spans of one folded line, each with (first word, last word, the whole line)."""
    pieces = [_CREDIT_WORDS.sub("", piece) for piece in _SEPARATORS.split(_LABELS.sub(" ", folded)) if piece]
    pieces = [piece for piece in pieces if piece]
    spans = []
    for i, piece in enumerate(pieces):
        first, last = i == 0, i == len(pieces) - 1
        if 2 <= len(piece) <= 16 and not re.fullmatch(r"[\d\W_]+", piece):
            spans.append((piece, first, last, len(pieces) == 1))
        lead = _LEAD.sub("", piece)
        if lead != piece and len(lead) >= 2:
            spans.append((lead, first, False, False))
        for match in _ENDINGS.finditer(piece):  # 点这里了解某某社隐私声明: 某某社, 某社...
            for start in range(max(0, match.end() - 7), match.end() - 1):
                if match.end() - start < len(piece):
                    spans.append((piece[start:match.end()], first and start == 0, False, False))
    return spans


@text_memo(maxsize=1 << 16)
def _name_of(span: str) -> tuple[str, str] | None:
    """Return a span's outlet name as the table makes it canonical and as the page prints it (folded), or
    None when it is no name (the same spans recur from page to page: page furniture)."""
    name = clean_name(span)
    return (canonical_name(name), fold(name)) if name else None


def _ends(text: str) -> str:
    """Return a line as the candidates read it: whole, or for a long one its two ends (a dateline opens a
    paragraph, a credit closes it; what lies between names no outlet, and would cost time by its length)."""
    return text if len(text) <= HEAD_CHARS + TAIL_CHARS else f"{text[:HEAD_CHARS]} {text[-TAIL_CHARS:]}"


def _its_own(before: str, after: str, kind: str | None) -> bool:
    """Whether a printing of a name outside brackets (``before`` and ``after``: the ``CONTEXT_CHARS`` around
    it) can be the page naming itself: not a credit (来源：X, X供图), nor a citation: in the story (据X,
    X报道称), or opening a headline with a colon (X：…). Printed in brackets (``（某某）``, ``(Reuters)``) it is a credit, a byline or a caption."""
    if _CREDIT_BEFORE.search(before) or _CREDIT_AFTER.match(after):
        return False
    if kind == "title" and not before.strip() and _SAYS.match(after):  # 某报：一句标题: what X says
        return False
    ahead, behind = _CONTEXTS["cited_before"][0], _CONTEXTS["cited_after"][1]
    opens_line = not before.strip()  # 某某报道，11月20日消息: a dateline, the page's own
    return not (kind is None and (ahead.search(before) or (behind.match(after) and not opens_line)))


def _depths(text: str) -> list[int]:
    """Return, for each position of ``text``, how many brackets are open there (read in order; a
    closing bracket with none open is ignored, an unclosed one stays open to the end of the line)."""
    depth, depths = 0, []
    for char in text:
        depths.append(depth)
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
    return depths


_LEAD_BRACKET = re.compile(r"\s*[【\[［〔（(]\s*")
_NOT_DATELINE = re.compile(r"[:：，,。；;、]")
#: The least text after a bracket that opens a line for the bracket to be a dateline, not a caption.
STORY_AFTER_BRACKET = 10


def _opens_story(folded: str, at: int, end: int) -> bool:
    """Whether a name at ``at:end`` (in a paragraph of the story) stands in a bracket that opens its line, with at most a dateline's
    date and word after it (no label's colon, no sentence), and the story goes on after the bracket: the
    page's own dateline (``【某报讯】``, ``[某某新闻]``, ``（某某网）``), not a credit, a note or a caption."""
    lead = _LEAD_BRACKET.fullmatch(folded[:at])
    closing = min((i for i in (folded.find(c, end) for c in _CLOSING) if i >= 0), default=-1)
    return (bool(lead) and closing >= 0 and closing - end <= CONTEXT_CHARS and not _NOT_DATELINE.search(folded[end:closing])
            and len(folded[closing + 1:].strip()) >= STORY_AFTER_BRACKET)


def candidates(lines: list[tuple[int, str, str | None]]) -> list[Candidate]:
    """Return the page's candidate outlet names with their features, in the order the page first prints
    them: the names it prints as it would name itself (``_its_own``; outside brackets, or in a bracket
    that opens a paragraph, ``_opens_story``), each described by those printings only. Lines past the first ``HEAD_LINES`` and before the last ``TAIL_LINES`` are not read
    (a page of thousands of tag lines would cost time by the square of their number)."""
    body = [i for i, (_, text, kind) in enumerate(lines) if kind is None and text.strip()]
    read_body = set(body[:HEAD_PARAGRAPHS] + body[-TAIL_PARAGRAPHS:])
    read_lines = set(range(min(len(lines), HEAD_LINES))) | set(range(max(0, len(lines) - TAIL_LINES), len(lines)))
    printed_lines = [_ends(without_glosses(text)) if i in read_lines else "" for i, (_, text, _) in enumerate(lines)]
    folded_lines = [(fold(text), kind) for text, (_, _, kind) in zip(printed_lines, lines)]
    count = max(len(lines), 1)
    found: dict[str, dict] = {}
    for position, (folded, kind) in enumerate(folded_lines):
        if kind in NOT_THE_PAGE or not folded.strip() or (kind is None and position not in read_body):
            continue
        line_kind = "body" if kind is None else kind if kind in KINDS else "other"
        cues = {cue for cue, pattern in _CUES.items() if pattern.search(folded)}
        depths = _depths(folded)
        for span, first, last, whole in _words(folded):
            named = _name_of(span)
            if not named:
                continue
            key, form = named
            at = folded.find(span)
            while at >= 0:  # every place the line prints it; only those where the page names itself count
                before = folded[max(0, at - CONTEXT_CHARS):at]
                after = folded[at + len(span):at + len(span) + CONTEXT_CHARS]
                if (not depths[at] or kind is None and _opens_story(folded, at, at + len(span))) and _its_own(before, after, kind):
                    break
                at = folded.find(span, at + 1)
            if at < 0:
                continue
            entry = found.get(key)
            if entry is None:
                entry = found[key] = {"position": position, "kinds": set(), "cues": set(), "contexts": set(),
                                      "first": False, "last": False, "whole": False, "forms": set(),
                                      "name": canonical_name(clean_name(printed_lines[position][at:at + len(span)]) or key)}
            entry["forms"].add(form)
            entry["kinds"].add(line_kind)
            entry["cues"] |= cues
            entry["first"] |= first
            entry["last"] |= last
            entry["whole"] |= whole
            for context, (ahead, behind) in _CONTEXTS.items():
                if (ahead and ahead.search(before)) or (behind and behind.match(after)):
                    entry["contexts"].add(context)
            if at == 0 and _DATELINE_AFTER.match(after):
                entry["contexts"].add("lead_dateline")
            if len(folded.strip()) <= 20:
                entry["contexts"].add("line_short")
    first_body = body[0] if body else count
    result = []
    for key, entry in found.items():
        name = fold(key)
        values = dict.fromkeys(FEATURES, 0.0)
        for kind in entry["kinds"]:
            values[f"kind_{kind}"] = 1.0
        for cue in entry["cues"]:
            values[f"cue_{cue}"] = 1.0
        for context in entry["contexts"]:
            values[f"ctx_{context}"] = 1.0
        for suffix in SUFFIXES:
            values[f"end_{suffix}"] = float(name.endswith(suffix))
        values.update(
            first_word=float(entry["first"]), last_word=float(entry["last"]), whole_line=float(entry["whole"]),
            before_body=float(entry["position"] < first_body), only_body=float(entry["kinds"] == {"body"}), position=entry["position"] / count,
            top3=float(entry["position"] < 3), last5=float(entry["position"] >= count - 5),
            lines=float(np.log1p(sum(any(form in folded for form in entry["forms"]) for folded, _ in folded_lines))),
            chrome_lines=float(np.log1p(sum(any(form in folded for form in entry["forms"])
                                            for folded, kind in folded_lines if kind is not None))),
            length=float(len(key)), latin=float(bool(re.fullmatch(r"[A-Za-z0-9 .&'-]+", key))),
            outlet_ending=float(bool(_ENDINGS.search(name[-3:]))),
            short_cjk=float(bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", key))), known=float(is_known_outlet(key)))
        result.append(Candidate(key, entry["name"], np.array([values[f] for f in FEATURES], dtype=np.float64)))
    return result


#: Least probability for the learned choice to name the outlet.
THRESHOLD = 0.5
#: A credited name this long rules out the names that contain it (新华社: 新华社客户端), a shorter one
#: does not (晨星, an account, inside 晨星快报, the site); a name inside a credited one is always out.
CREDIT_OVERLAP_CHARS = 3
#: A name that makes up this share of a title line's words is its headline, not a site's name (unless
#: the outlet table knows it: a masthead read as the title).
HEADLINE_SHARE = 0.5
#: A title line shorter than this (words only) may be a site's name read as the title (蓝湾之家 above the
#: headline); from this length on it is a headline.
HEADLINE_CHARS = 6
_WORD_CHARS = re.compile(r"[\W_]+")
MODEL_FILE = "outlet_model.json"


class Choice(NamedTuple):
    """The learned choice: the name and the model's probability that it is the page's outlet."""
    name: str
    probability: float


class StumpModel(NamedTuple):
    """A model of stumps as arrays: the prior's log-odds, the learning rate, and per stump its feature
    index, threshold, value at or below and value above."""
    init: float
    learning_rate: float
    feature: np.ndarray
    threshold: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @classmethod
    def of(cls, model: dict | StumpModel) -> StumpModel:
        """Return ``model`` as arrays: the form ``benchmarks/real/train_outlet.py`` writes (``features``,
        ``init``, ``learning_rate``, ``stumps`` as [feature index, threshold, value at or below, value
        above]), or a ``StumpModel`` as it is."""
        if isinstance(model, StumpModel):
            return model
        feature, threshold, low, high = zip(*model["stumps"])
        return cls(float(model["init"]), float(model["learning_rate"]), np.array(feature, dtype=np.intp),
                   np.array(threshold, dtype=np.float64), np.array(low), np.array(high))


@lru_cache(maxsize=1)
def shipped_model() -> StumpModel:
    """Return the shipped model (``data/outlet_model.json``), read once."""
    with resources.files("corpus_tools").joinpath("data", MODEL_FILE).open(encoding="utf-8") as handle:
        model = json.load(handle)
    if model["features"] != FEATURES:
        raise ValueError(f"{MODEL_FILE} was trained on other features than outlet_choice.FEATURES: rebuild it "
                         "with benchmarks/real/train_outlet.py")
    return StumpModel.of(model)


def probabilities(features: np.ndarray, model: dict | StumpModel | None = None) -> np.ndarray:
    """Return the model's (the shipped one's when ``model`` is None) probability that each candidate, a row
    of ``features``, is the page's outlet: the logistic of the prior plus the learning rate times the sum
    of the stumps, each comparing a feature in single precision (scikit-learn's trees read features as
    float32) with its threshold in double precision."""
    model = shipped_model() if model is None else StumpModel.of(model)
    values = np.atleast_2d(features).astype(np.float32).astype(np.float64)[:, model.feature]
    raw = model.init + model.learning_rate * np.where(values <= model.threshold, model.low, model.high).sum(axis=1)
    return 1.0 / (1.0 + np.exp(-raw))


def _credited(name: str, credited: Collection[str]) -> bool:
    """Whether ``name`` is one of the ``credited`` names (folded), a piece of one, or contains one of at
    least ``CREDIT_OVERLAP_CHARS`` characters."""
    folded = fold(name).casefold()
    credited = [source.casefold() for source in credited]
    return any(folded in source or (len(source) >= CREDIT_OVERLAP_CHARS and source in folded) for source in credited)


def _headline(key: str, titles: list[str]) -> bool:
    """Whether a candidate is the headline of one of the page's title lines (``titles``, folded), and no
    outlet the table knows: most of it (``HEADLINE_SHARE`` of its words, from ``HEADLINE_CHARS``), or a
    piece of one of its words (温暖之家 in 骑手的温暖之家; a brand stands apart: 某报丨…, … - 某报)."""
    if is_known_outlet(key):
        return False
    words = _WORD_CHARS.sub("", key)
    for title in titles:
        line = _WORD_CHARS.sub("", title)
        if words and len(line) >= HEADLINE_CHARS and words in line and len(words) >= HEADLINE_SHARE * len(line):
            return True
        at = title.find(key)
        while at >= 0:
            if at > 0 and _WORD_CHARS.sub("", title[at - 1]):  # a word character before it
                return True
            at = title.find(key, at + 1)
    return False


def choose(lines: list[tuple[int, str, str | None]], credited: Collection[str] = (),
           model: dict | StumpModel | None = None) -> Choice | None:
    """Return the most probable outlet among the names the page prints, when it reaches ``THRESHOLD``;
    else None. Never a name the page prints only in brackets (a credit, a byline, a caption: ``（某社）``,
    ``（某社记者某某摄）``, ``(Reuters)``), nor its headline (``_headline``), nor one of the ``credited`` names (folded; see ``_credited``). ``model`` replaces the shipped model
    (cross-validation passes each fold's)."""
    headlines = [fold(text) for _, text, kind in lines if kind in ("title", "repeated_title")]
    found = [c for c in candidates(lines) if not _credited(c.name, credited) and not _headline(c.key, headlines)]
    if not found:
        return None
    chances = probabilities(np.array([c.features for c in found]), model)
    best = int(np.argmax(chances))  # the first printed among equals
    return Choice(found[best].name, float(chances[best])) if chances[best] >= THRESHOLD else None
