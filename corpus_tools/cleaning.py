"""Strip page chrome from a scraped article and report every line removed, with its kind.

The cleaner works on lines. From the top it removes scraper junk, site menus and breadcrumbs,
the title (kept as metadata), the byline and credit lines; from the first line that opens the
page's tail (a disclaimer, a comment box, a tag line, share/QR/copyright lines, a list of
recommended or related stories) it removes everything to the end. In the body it removes image
captions, repeats of the title and any block of paragraphs that repeats an earlier block (a
body printed twice). Kept lines are stripped of surrounding whitespace and otherwise unchanged.

Characters are counted without whitespace, so for every article
``chars_raw == chars_clean + sum(chars removed by kind)`` holds exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .scripts import fold

#: The kinds of removed line, in the order a reader meets them on a page.
KINDS = (
    "scraper_junk",
    "navigation",
    "title",
    "byline",
    "credit",
    "image_caption",
    "repeated_title",
    "repeated_body",
    "disclaimer",
    "comments",
    "tags",
    "share_copyright",
    "advertisement",
    "recommendations",
    "related_articles",
)

# Lines are matched after folding to Simplified script, so each pattern covers both scripts.
_TAIL_MARKERS = [
    ("disclaimer", r"(免责声明|免责申明|声明)[:：].*"),
    ("comments", r"(最新评论|发表评论|网友评论|热门评论|评论区|全部评论|我要评论)\s*(\(\d+\))?"),
    ("tags", r"(本文标签|标签|关键词|Tags?)\s*[:：].*"),
    ("share_copyright", r"(扫描二维码|扫码|分享给朋友|分享到|本文链接|原文链接[:：]http|版权声明|版权所有|Copyright|©|返回顶部|责任编辑[:：]).*"),
    ("advertisement", r"(Advertisements?|广告|赞助内容)"),
    ("recommendations", r"(为您推荐|为你推荐|今日推荐|猜你喜欢|推荐阅读|热门推荐|延伸阅读|更多精彩|相关推荐|热点推荐|今日焦点|热门文章|\d+小时新闻排行)"),
    ("related_articles", r"(.*的相关文章|相关文章|相关新闻|相关阅读|相关报道)"),
]
_TAIL = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _TAIL_MARKERS]

_JUNK = re.compile(r"[A-Za-z][A-Za-z _\-]{0,60}")
_BREADCRUMB = re.compile(r".*(当前位置|您的位置|你的位置|首页\s*[>›»/]).*|.*\S\s+[>›»]\s+\S.*")
_MENU_WORD = re.compile(r"\S{1,8}")
_DATETIME = re.compile(
    r"(?P<y>20\d\d|19\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
_RELATIVE_AGE = re.compile(r"\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\b|\d+\s*(分钟|小时|天|周|个月|年)前")
_BYLINE_LABEL = re.compile(r"(更新时间|发布时间|发表时间|时间|作者|来源|来自|编辑|责编)\s*[:：]")
_CREDIT = re.compile(r".{1,50}?(报道|讯|编辑部|编译|出品|撰文)\s*[:：]?")
_IMAGE = re.compile(r"[(（\[【]?\s*(图片来自|图片来源|图源|来源图片|图\s*[:：]|配图|图片由).*|\[?图片\]?")
_MIN_REPEAT_LINES = 3


class Removal(NamedTuple):
    """A line the cleaner removed: its kind, its 1-based number in the page and its text."""

    kind: str
    line_no: int
    text: str


@dataclass
class CleanedPage:
    """What the cleaner made of one page.

    ``text`` is the body (paragraphs joined by newlines); ``removed`` lists every non-blank line
    taken out; ``title`` and ``byline`` are the lines read as such (or None).
    """

    text: str
    title: str | None
    byline: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


def count_chars(text: str) -> int:
    """Return the number of non-whitespace characters in ``text``."""
    return sum(1 for ch in text if not ch.isspace())


def _is_menu(line: str) -> bool:
    words = line.split()
    return ("首页" in words or "首頁" in words) and len(words) >= 3 and all(_MENU_WORD.fullmatch(w) for w in words)


def _is_byline(line: str) -> bool:
    folded = fold(line)
    return bool(_DATETIME.search(folded) or _RELATIVE_AGE.search(folded) or _BYLINE_LABEL.search(folded))


def _tail_kind(line: str) -> str | None:
    folded = fold(line)
    for kind, pattern in _TAIL:
        if pattern.fullmatch(folded):
            return kind
    return None


def _header(lines: list[tuple[int, str]]) -> tuple[int, dict[int, str], str | None, list[str], list[str]]:
    """Classify the lines above the body. Returns (index of first body line, kinds, title, byline, credits)."""
    kinds: dict[int, str] = {}
    title = None
    byline: list[str] = []
    credits: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i][1]
        if _tail_kind(line):
            break
        if title is None and _JUNK.fullmatch(line) and len(lines) > i + 1:
            kinds[i] = "scraper_junk"
        elif _BREADCRUMB.fullmatch(fold(line)) or _is_menu(line):
            kinds[i] = "navigation"
        elif title is None and len(line) <= 80 and not _is_byline(line):
            kinds[i], title = "title", line
        elif title is not None and line == title:
            kinds[i] = "repeated_title"
        elif len(line) <= 80 and _is_byline(line):
            kinds[i] = "byline"
            byline.append(line)
        elif title is not None and len(line) <= 60 and _CREDIT.fullmatch(fold(line)):
            kinds[i] = "credit"
            credits.append(line)
        else:
            break
        i += 1
    return i, kinds, title, byline, credits


def _repeated_blocks(texts: list[str]) -> set[int]:
    """Return the positions of paragraphs that repeat an earlier run of at least three paragraphs."""
    first_seen: dict[str, list[int]] = {}
    repeated: set[int] = set()
    i = 0
    while i < len(texts):
        best = 0
        for j in first_seen.get(texts[i], []):
            run = 0
            while i + run < len(texts) and j + run < i and texts[j + run] == texts[i + run]:
                run += 1
            best = max(best, run)
        if best >= _MIN_REPEAT_LINES:
            repeated.update(range(i, i + best))
            i += best
            continue
        first_seen.setdefault(texts[i], []).append(i)
        i += 1
    return repeated


def clean_page(raw: str) -> CleanedPage:
    """Return the cleaned body of a page and the record of what was removed.

    >>> page = clean_page("首页 > 科技 > 正文\\n奥特曼回归\\n2023-11-22 10:00 来源:某网\\n奥特曼回到了OpenAI。\\n相关文章\\n别的故事")
    >>> page.text, page.title, [r.kind for r in page.removed]
    ('奥特曼回到了OpenAI。', '奥特曼回归', ['navigation', 'title', 'byline', 'related_articles', 'related_articles'])
    """
    lines = [(n, line.strip()) for n, line in enumerate(raw.split("\n"), start=1)]
    lines = [(n, line) for n, line in lines if line]
    body_start, kinds, title, byline, credits = _header(lines)

    tail_kind = None
    for i in range(body_start, len(lines)):
        tail_kind = _tail_kind(lines[i][1]) or tail_kind
        if tail_kind:
            kinds[i] = tail_kind
        elif title is not None and lines[i][1] == title:
            kinds[i] = "repeated_title"
        elif len(lines[i][1]) <= 60 and _IMAGE.fullmatch(fold(lines[i][1])):
            kinds[i] = "image_caption"

    body = [i for i in range(len(lines)) if i not in kinds]
    for position in _repeated_blocks([lines[i][1] for i in body]):
        kinds[body[position]] = "repeated_body"

    kept = [line for i, (_, line) in enumerate(lines) if i not in kinds]
    removed = [Removal(kinds[i], n, line) for i, (n, line) in enumerate(lines) if i in kinds]
    return CleanedPage("\n".join(kept), title, byline, credits, removed)
