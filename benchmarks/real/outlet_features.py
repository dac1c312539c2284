"""The names a page prints that could be its outlet, and where and how it prints each (``outlet_cv.py``).

Every short name the page prints is a candidate: each line's words between separators and labels, a
dateline's lead (``某网科技讯`` -> 某网科技), and the names inside a longer word that end as outlets'
names end (``网``, ``报``, ``社``, ``科技``...), cleaned and made canonical as ``attribution`` does. Each
is described by where and how the page prints it: the kinds of line (``boilerplate``'s classes), its
place on the page, what stands beside it (``来源:`` or ``据`` before it, a date stamp, ``版权所有`` or
``报道`` after it, ``讯`` or a date after it at the head of a paragraph), how many lines and how many
lines of furniture print it, its ending, and whether the outlet table knows it. Nothing says which name
the rules chose.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from corpus_tools.ingest.attribution import _STAMP_DATE, canonical_name, clean_name, without_glosses
from corpus_tools.ingest.boilerplate import NOT_THE_PAGE
from corpus_tools.outlets import is_known_outlet
from corpus_tools.scripts import fold

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


class Candidate(NamedTuple):
    """A name the page prints (canonical through the outlet table) and its features (``FEATURES``)."""
    name: str
    features: np.ndarray


def _words(folded: str) -> list[tuple[str, bool, bool, bool]]:
    """Return the candidate spans of one folded line, each with (first word, last word, the whole line)."""
    pieces = [piece for piece in _SEPARATORS.split(_LABELS.sub(" ", folded)) if piece]
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


def candidates(lines: list[tuple[int, str, str | None]]) -> list[Candidate]:
    """Return the page's candidate outlet names with their features, in the order the page first prints them."""
    body = [i for i, (_, text, kind) in enumerate(lines) if kind is None and text.strip()]
    read_body = set(body[:HEAD_PARAGRAPHS] + body[-TAIL_PARAGRAPHS:])
    folded_lines = [(fold(without_glosses(text)), kind) for _, text, kind in lines]
    count = max(len(lines), 1)
    found: dict[str, dict] = {}
    for position, (folded, kind) in enumerate(folded_lines):
        if kind in NOT_THE_PAGE or not folded.strip() or (kind is None and position not in read_body):
            continue
        line_kind = "body" if kind is None else kind if kind in KINDS else "other"
        cues = {cue for cue, pattern in _CUES.items() if pattern.search(folded)}
        for span, first, last, whole in _words(folded):
            name = clean_name(span)
            if not name:
                continue
            key = canonical_name(name)
            entry = found.setdefault(key, {"position": position, "kinds": set(), "cues": set(), "contexts": set(),
                                           "first": False, "last": False, "whole": False, "forms": set()})
            entry["forms"].add(fold(name))
            entry["kinds"].add(line_kind)
            entry["cues"] |= cues
            entry["first"] |= first
            entry["last"] |= last
            entry["whole"] |= whole
            at = folded.find(span)
            before, after = (folded[:at], folded[at + len(span):]) if at >= 0 else ("", "")
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
        result.append(Candidate(key, np.array([values[f] for f in FEATURES], dtype=np.float64)))
    return result
