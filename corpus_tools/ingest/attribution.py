"""Who published a page (``outlet``) and who wrote the story (``original_source``).

Names are read from the page's own lines (folded to Simplified only for matching; the name is
returned as printed): the name beside the date stamp (``第一财经 2023-11-20 16:19``), a site-name
line or the first word of the top menu, the copyright line, ``作者:X网``, a dateline credit
(``新浪科技讯``, ``中新网北京11月22日电``, ``（中央社…）``), what the format states (an HTML page's
site name, a table's ``outlet`` column) and, when nothing names the outlet, the URL's domain. Each
candidate votes with a weight, and a name contained in another supports it. The credited source
(``来源:``, ``来自:``, ``文章来源:``, ``转载自``, ``本文来自微信公众号:X``, ``本文由X发布``, ``X报道``)
is the ``original_source`` when it differs from the outlet. ``据X报道`` inside the body cites a source;
it is neither.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlparse

from ..scripts import fold

_NAME = r"[^\s:：|｜,，。;；()（）\[\]【】<>《》\"“”'·•]{2,24}"
_SOURCE = re.compile(r"(?:文章来源|稿件来源|新闻来源|本文来源|稿源|来源|来自|转载自|转自|出处)\s*[:：]?\s*[《]?(?P<name>" + _NAME + ")")
_WECHAT = re.compile(r"本文来自微信公众号\s*[:：]?\s*[《]?(?P<name>" + _NAME + ")")
_PUBLISHED_BY = re.compile(r"本文(?:由|为)\s*(?P<name>" + _NAME + r"?)\s*(?:发布|原创|授权|首发)")
_CREDIT = re.compile(r"^(?P<name>" + _NAME + r"?)\s*(?:报道|编辑部|出品)\s*[:：]?$")
_PLACES = ("北京时间", "北京", "上海", "广州", "深圳", "香港", "台北", "旧金山", "华盛顿", "纽约", "伦敦", "东京", "硅谷", "新加坡",
           "澳门", "天津", "重庆", "杭州", "南京", "成都", "武汉", "西安", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
           "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
           "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "海外", "美国")
_DATELINE = re.compile(r"^[《【]?(?P<name>[^\s\d《》【】:：,，。(（]{2,16}?)[》】]?\s*(?:(?:\d{1,2}月)?\d{1,2}日[^，,。\d]{0,6}?(?:电|讯|消息)|讯(?=\s|[（(,，:：]|$))")
_CNA = re.compile(r"^[(（]\s*(?P<name>中央社)")
_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*(?:星期|周)\S)?(?:\s*\d{1,2}[:：]\d{2}(?::\d{2})?)?|"
                    r"\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|"
                    r"\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b.*|\d+\s*(?:分钟|小时|天|周|个月)前")
_COPYRIGHT_FORMS = [  # most telling first: a CJK name before 版权所有, after ©, before ©; then any name
    re.compile(r"(?P<name>[^\s©:：,，。|｜·]{2,20})\s*·?\s*版权所有"),
    re.compile(r"©\s*(?:\d{4}\s*[-–—~]?\s*(?:\d{4})?)?\s*(?P<name>[^\s©:：,，。|｜·\d]*[\u4e00-\u9fff][^\s©:：,，。|｜·]*)"),
    re.compile(r"(?P<name>[^\s©:：,，。|｜·]*[\u4e00-\u9fff][^\s©:：,，。|｜·]*)\s*©"),
    re.compile(r"(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}\s*[-–—~]?\s*(?:\d{4})?)?\s*(?P<name>[A-Za-z][\w.&-]{1,30}(?:\s(?:Corporation|Inc\.?|Ltd\.?|Limited|Group|Media))?)", re.IGNORECASE),
]
_RELATIVE = re.compile(r"\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\d+\s*(?:分钟|小时|天|周|个月)前")
_STAMP_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}")
_APP_WORDS = re.compile(r"下载|打开|扫码|登录|注册|订阅|APP内|客户端", re.IGNORECASE)
_AUTHOR_OUTLET = re.compile(r"作者\s*[:：]\s*(?P<name>\S{2,12}(?:网|报|新闻|日报|时报|科技|财经))(?:\s|$)")
_SITE_LINE = re.compile(r"^(?P<name>[^\s|｜_>—-]{2,16})(?:\s+[A-Za-z0-9.]{2,12})?(?:\s*(?:[|｜_]|\s[-—]\s)|\s+\S{1,4}版\s)")
_BREADCRUMB = re.compile(r"^(?:.{0,6}位置\s*[:：]\s*)?(?P<first>[^\s>›»/]{2,16})\s*(?:首页)?\s*[>›»]\s*(?P<second>[^\s>›»/]{2,16})?")
_PEOPLE_LABELS = re.compile(r"(作者|记者|编辑|责编|责任编辑|撰文|文|图|摄影|编译|翻译|整理)\s*[:：|｜/／]\s*\S+")
_SOURCE_SEGMENT = re.compile(r"(文章来源|本文来源|稿件来源|来源|来自|转载自)\s*[:：]?\s*\S+")
_LABEL_WORDS = re.compile(r"(更新时间|发布时间|发表时间|发布日期|发布于|发表于|发布|发表|出版|更新|时间|日期|来源|来自|浏览|阅读|"
                          r"星期.|周.|上午|下午|IP\s*属地\S*|\S*综合报导|\S*综合报道|\S*时间)\s*[:：/]?")
_NOT_NAMES = re.compile(r"^(首页|新闻|正文|登录|注册|更多|网络|网友|本站|本网|原创|转载|互联网|未知|佚名|admin|none|am|pm|the|end|"
                        r"本报|关注|分享|举报|发布|更新|时间|来源|作者|编辑|即时|即时新闻|国际|财经|科技)$|"
                        r"(省|市|区|县|中心|频道|组|部)$", re.IGNORECASE)
#: How much each place on the page counts when it names a candidate outlet.
WEIGHTS = {"given": 6, "stamp": 3, "late_stamp": 1, "site": 2, "breadcrumb": 2, "copyright": 2, "author": 2, "dateline": 2, "url": 1}
_CHROME = ("navigation", "app_login", "share_copyright", "byline", "credit", "disclaimer", "tags", "advertisement",
           "scraper_junk", "title", "image_caption")


def _clean(name: str | None) -> str | None:
    """Return a candidate name without labels, brackets and site/company suffixes, or None."""
    if not name:
        return None
    name = re.sub(r"[(（][^)）]*[)）]?$", "", name).strip(" -—_|｜·:：,，.。'\"“”《》【】〔〕")
    name = re.sub(r"(综合報導|综合报道|綜合報導|記者.*|记者.*|编辑.*|編輯.*|(?<![创創写寫])作者.*|网站|網站|(?:股份)?有限公司|公司|集团|集團|官方微信|官方微博|客户端|客戶端)$",
                  "", name).strip()
    name = re.sub(r"(首页|首頁|综合|綜合|电子报|電子報|电子版|電子版|App|APP)$", "", name).strip()
    name = re.sub(r"^[a-z0-9-]+\.[a-z.]+(?=[\u4e00-\u9fff])", "", name)  # on.cc東網 -> 東網
    name = re.sub(r"^([\u4e00-\u9fff][^\sA-Za-z]{1,15})\s+[A-Za-z]{2,6}$", r"\1", name)  # 中央社 CNA -> 中央社
    folded = fold(name)
    if len(name) < 2 or _NOT_NAMES.search(folded) or re.fullmatch(r"[\d\W_]+", name):
        return None
    if folded in _PLACES:
        return None
    return name


def _span(text: str, match: re.Match, group: str = "name") -> str | None:
    """Return the printed text of a group matched on the folded text (folding keeps offsets)."""
    if match is None or match.group(group) is None:
        return None
    return text[match.start(group):match.end(group)]


def _stamp_side_name(text: str, folded: str) -> str | None:
    """Return the outlet printed beside a date stamp on a byline line (not a person, place or label)."""
    found = _STAMP.search(folded)
    if not found:
        return None
    for start, end, nearest_first in ((0, found.start(), True), (found.end(), len(folded), False)):
        part = _SOURCE_SEGMENT.sub(" ", folded[start:end])
        part = _PEOPLE_LABELS.sub(" ", part)
        part = _LABEL_WORDS.sub(" ", part)
        part = re.sub(r"(?<!\S)[\d,]+\s*(次|人)?(?!\S)|[|｜·•]", " ", part)
        words = [w for w in part.split() if _clean(w)]
        # the outlet rather than a reporter's name: a name of four or more characters if there is one
        ranked = sorted(range(len(words)), key=lambda i: (len(_clean(words[i])) < 4, -i if nearest_first else i))
        for word in [words[i] for i in ranked][:1]:
            position = folded.find(word, start)
            name = _clean(text[position:position + len(word)] if position >= 0 else word)
            if name and not re.search(r"\d", name) and len(name) <= 16:
                return name
    return None


def _dateline_name(text: str, folded: str) -> str | None:
    """Return the outlet credited by a dateline (新浪科技讯, 中新网北京11月22日电, （中央社…）)."""
    found = _CNA.search(folded) or _DATELINE.search(folded)
    name = _span(text, found)
    if not name:
        return None
    if len(name) > 3 and name.endswith(("讯", "訊")):
        name = name[:-1]  # 新浪科技讯 -> 新浪科技
    folded_name = fold(name)
    for place in _PLACES:  # 中新网北京 -> 中新网
        if folded_name.endswith(place) and len(folded_name) > len(place) + 1:
            name = name[: -len(place)]
            break
    return _clean(name)


def _copyright_name(text: str, folded: str) -> str | None:
    for pattern in _COPYRIGHT_FORMS:
        name = _clean(_span(text, pattern.search(folded)))
        if name:
            return name
    return None


def _breadcrumb_name(text: str, folded: str) -> str | None:
    found = _BREADCRUMB.search(folded)
    if not found:
        return None
    first = _clean(_span(text, found, "first"))
    second = _clean(_span(text, found, "second"))
    raw_first = fold(_span(text, found, "first") or "")
    if raw_first.endswith("首页") and first and second and fold(second).startswith(fold(first)):
        return second  # 网易首页 > 网易科技 > 正文
    return first


def domain_name(url: str | None) -> str | None:
    """Return a URL's host without ``www.``/``m.`` (the outlet when the page names none).

    >>> domain_name("https://www.example.com.cn/a/1.html")
    'example.com.cn'
    """
    if not url:
        return None
    host = urlparse(str(url) if "://" in str(url) else f"http://{url}").hostname or ""
    host = re.sub(r"^(www|m|wap|news)\.", "", host)
    return host or None


def attribute(lines: list[tuple[int, str, str | None]], url: str | None = None,
              given_outlet: str | None = None) -> tuple[str | None, str | None, str]:
    """Return ``(outlet, original_source, basis)`` for a page's classified lines.

    >>> lines = [(1, "科技资讯吧 - 每天更新", "navigation"), (2, "标题在此", "title"),
    ...          (3, "发布时间:2024-12-03 09:27 文章来源:第一财经", "byline"),
    ...          (4, "第一财经 2023-11-20 16:19:43", "byline"), (5, "正文。", None),
    ...          (6, "Copyright © 2019-2024 科技资讯吧 版权所有", "share_copyright")]
    >>> attribute(lines)[:2]
    ('科技资讯吧', '第一财经')
    """
    votes: dict[str, int] = defaultdict(int)
    own: dict[str, int] = defaultdict(int)
    order: dict[str, int] = {}
    sources: list[str] = []
    datelines: list[str] = []
    chrome_texts: list[str] = []
    site_texts: list[str] = []
    body_seen = 0

    hows: dict[str, set] = defaultdict(set)

    def vote(name: str | None, how: str) -> None:
        name = _clean(name)
        if name:
            hows[name].add(how)
            votes[name] += WEIGHTS[how]
            own[name] = max(own[name], WEIGHTS[how])
            order.setdefault(name, len(order))

    def credit(name: str | None) -> None:
        name = _clean(name)
        if name and name not in sources:
            sources.append(name)

    if given_outlet:
        vote(given_outlet, "given")
    for position, (_, text, kind) in enumerate(lines):
        if kind in ("recommendations", "related_articles", "headline_list", "other_story", "comments", "repeated_body"):
            continue
        if kind is None:
            body_seen += 1
            if body_seen <= 3:
                name = _dateline_name(text, fold(text))
                if name:
                    vote(name, "dateline")
                    datelines.append(name)
            continue
        folded = fold(text)
        chrome_texts.append(folded)
        if kind in ("navigation", "app_login", "share_copyright", "scraper_junk", "advertisement"):
            site_texts.append(folded)
        found = _WECHAT.search(folded)
        if found:
            credit(_span(text, found))
        else:
            for pattern in (_PUBLISHED_BY, _SOURCE):
                for match in pattern.finditer(folded):
                    credit(_span(text, match))
        if kind == "credit":
            credit(_span(text, _CREDIT.match(folded)))
            name = _dateline_name(text, folded)  # 〔記者…／台北報導〕 lines name desks, rarely outlets
            if name and folded.startswith(("(中央社", "（中央社")):
                vote(name, "dateline")
                datelines.append(name)
        if kind == "byline" or (kind == "title" and body_seen == 0):
            relative = bool(_RELATIVE.search(folded)) and not _STAMP_DATE.search(folded)
            vote(_stamp_side_name(text, folded), "stamp" if body_seen == 0 and not relative else "late_stamp")
            author = _AUTHOR_OUTLET.search(folded)
            if author:
                vote(_span(text, author), "author")
        if kind in ("share_copyright", "disclaimer") and re.search(r"版权|©|copyright", folded, re.IGNORECASE):
            vote(_copyright_name(text, folded), "copyright")
        if position == 0 and kind in ("navigation", "app_login", "scraper_junk"):
            first = re.match(r"^([^|｜_>—-]{2,16})$", folded.strip()) if "  " not in folded.strip() else None
            first = first or re.match(r"^([^\s|｜_>—-]{2,16})(?:\s|$)", folded)
            if first and not _BREADCRUMB.search(folded) and not _APP_WORDS.search(first.group(1)):
                vote(text[: first.end(1)], "site")
        if kind in ("navigation", "app_login", "scraper_junk", "share_copyright") and body_seen == 0 and position < 8:
            vote(_breadcrumb_name(text, folded), "breadcrumb")
            site = _SITE_LINE.match(folded)
            if site and position > 0 and not _BREADCRUMB.search(folded):
                vote(_span(text, site), "site")
    direct = dict(votes)
    for name in direct:  # a longer name takes the votes of the shorter names inside it ...
        for other, weight in direct.items():
            if other != name and fold(other) in fold(name):
                votes[name] += weight
        # ... and so does, once, another line of page furniture that prints it (an app prompt, a menu)
        votes[name] += min(1, max(0, sum(1 for line in chrome_texts if fold(name) in line) - 1))
    # ties go to the stronger single piece of evidence, then to the more specific (longer) name
    candidates = sorted(votes, key=lambda n: (-votes[n], -own[n], -len(n), order[n]))
    credited = {fold(s) for s in sources}

    def is_credited(name: str) -> bool:
        """A credited source is not the outlet, unless the site's own furniture prints it too."""
        if not any(fold(name) in s or s in fold(name) for s in credited):
            return False
        return not any(fold(name) in line and not _SOURCE.search(line) for line in site_texts)

    # a dateline credits the story's author: it names the outlet only when nothing else does
    named = [n for n in candidates if not is_credited(n)]
    outlet = next((n for n in named if hows[n] - {"dateline", "late_stamp"}), named[0] if named else None)
    if outlet is None and url:
        outlet, basis = domain_name(url), "outlet: the URL's domain (the page names none)"
    elif outlet is None:
        outlet = sources[0] if sources else None
        basis = "outlet: the only name the page credits" if outlet else "outlet: the page names none"
    else:
        basis = f"outlet: {votes[outlet]} votes among the page's names ({', '.join(candidates[:3])})"
    original = next((s for s in sources + datelines if outlet is None or not (fold(s) in fold(outlet) or fold(outlet) in fold(s))), None)
    return outlet, original, basis
