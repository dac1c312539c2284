"""Strip page chrome from a scraped article, line by line, and report every line removed.

Each non-blank line is first classified on its own, from general features only (no rule names a
site):

* **chrome** when its vocabulary says what it is: menus and breadcrumbs, app/login/QR prompts,
  share and copyright lines, disclaimers, comment boxes, tag lines, advertisements, headings of
  recommended or related stories, photo credits, bylines (a stamp, a relative age, ``作者:``...);
  or when its form does: a site notice (browser, privacy), a media player's controls, a line in
  Japanese or Korean script, an image's file name, a caption led by ▲ or closed by a photo credit,
  authors' names in Latin script, a labelled summary cut short (简介, 导读...), a short line
  printed twice in a row (an image's text and its caption), a translation of the body under a
  heading that announces it (英文如下:);
* **good** (prose) when it is long enough, mostly words, with sentence punctuation;
* **near** or **short** otherwise (headings, list items, captions, kickers).

Then the context decides, as in jusText (Pomikálek 2011): a short or near-good line takes the class
of its neighbours (a subheading between paragraphs is body, a line between chrome lines is chrome,
a heading followed by prose is body; a page whose last line, after prose, stops in the middle of a
sentence was cut off, and that line is body; dates alone that head a timeline's entries are body).
A heading of recommended or related stories opens a *list*: the lines after it are list items until
a paragraph on the article's own topic comes back, so a list at the top or in the middle never
takes the body with it. A run of three or more headline-like lines off the article's topic, with no
heading, is a ``headline_list``. A prose paragraph that names none of the article's people or
organisations (``corpus_tools.entities``), shares little of its vocabulary and either stands among
chrome or opens like a new news item (另讯, 与此同时, a new credit 【X】) is a paragraph of another story
(``other_story``). Vocabulary alone does not decide in the middle of a body: an analyst's comment
shares as little with the story's wording as another story does, and losing body costs more than
keeping a stray paragraph.

Safety: when these decisions would keep less than half of the page's prose, the prose is kept and
``CleanedPage.warnings`` says so, unless the page is nothing but a list of other stories
(headlines, blurbs and stamps, under a heading of recommended stories or cut by stamps, on no one
topic): it then holds no article, and ``CleanedPage.not_an_article`` says why (the loader skips
it). Every removed line is kept in ``CleanedPage.removed`` with its kind and the reason. Kept lines
are stripped of surrounding whitespace and otherwise unchanged. Characters are counted without
whitespace, so ``chars_raw == chars_clean + sum(chars removed)`` holds exactly for every article.
The work per page is linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from ..cache import text_memo
from ..outlets import is_known_outlet
from ..scripts import code_points, fold
from ..patterns import with_first_chars

#: The kinds of removed line, roughly in the order a reader meets them on a page.
KINDS = (
    "scraper_junk",
    "navigation",
    "app_login",
    "title",
    "byline",
    "credit",
    "image_caption",
    "repeated_title",
    "repeated_body",
    "headline_list",
    "other_story",
    "disclaimer",
    "comments",
    "tags",
    "share_copyright",
    "advertisement",
    "recommendations",
    "related_articles",
)

#: Kinds of lines that are other stories or the body printed again: never read for the page's own date or names.
NOT_THE_PAGE = ("recommendations", "related_articles", "headline_list", "other_story", "comments", "repeated_body")

# Every pattern is matched against the line folded to Simplified script, so it covers both scripts.
_P = re.IGNORECASE
_BREADCRUMB = re.compile(r"(当前位置|您的位置|你的位置|所在位置)\s*[:：]|首页\s*[>›»/]|\S\s*[>›»]\s*\S.*[>›»]|^\S{1,12}\s+[>›»]\s+\S{1,20}$")
_MENU_WORDS = re.compile(r"^(首页|新闻|国内|国际|财经|科技|体育|娱乐|汽车|房产|教育|健康|时尚|军事|社会|视频|图片|直播|专题|评论|观点|"
                         r"博客|论坛|热点|要闻|滚动|更多|登录|注册|搜索|频道|资讯|股票|基金|期货|外汇|数码|手机|游戏|文化|旅游|"
                         r"English|APP|下载|订阅|查看内容|正文|返回|导航|网站地图|关于我们|联系我们|两岸|港澳|台湾|香港|生活|政治|"
                         r"产经|国际|全球|地方|人物|即时|最新|热门|排行|专栏|其他|关闭|取消|已取消)$", _P)
_APP_LOGIN = re.compile(r"(下载|打开|安装|前往)\s*(\S{0,6})\s*(APP|客户端|应用)|APP\s*(下载|内打开|阅读|专享)|客户端|登录|登入|会员|注册|扫码|扫一扫|二维码|"
                        r"关注(我们|公众号|官方)|公众号|订阅|推播|推送通知|Android\s*版|iPhone\s*版|iPad\s*版|手机版|无障碍|设为首页|收藏本站|加入收藏|会员中心|"
                        r"Sign\s*in|Log\s*in|Subscribe|Download\s+(the\s+)?app", _P)
_SHARE_COPYRIGHT = re.compile(r"分享到|分享给|分享至|转发到|一键分享|复制链接|本文链接|原文链接|文章链接|版权声明|版权所有|版权归|著作权|"
                              r"Copyright|©|All Rights Reserved|返回顶部|回到顶部|打印本页|关闭窗口|字号\s*[:：]?\s*(大|T)|"
                              r"举报|纠错|ICP备|ICP证|公网安备|许可证|字级设定|字体\s*[:：]|字号|版权(所有|保护|归)|网址\s*[:：]|主办单位|技术支持|社址|"
                              r"点.{0,2}在看|点赞|赞同了|粉丝团|列印|打印|参与互动|收藏|Facebook|WhatsApp|Twitter|^关注(他|她|我们)?$", _P)
_DISCLAIMER = re.compile(r"^\s*[【\[(（]?\s*(免责声明|免责申明|声明|特别声明|郑重声明|风险提示|重要提示)\s*[】\]）)]?\s*[:：]|"
                         r"如有侵权|侵删|转载请注明|未经(授权|许可)|不得转载|禁止转载|不构成(任何)?投资建议|投资有风险|"
                         r"仅代表(作者|个人)|不代表本(站|网|平台)|不代表\S{0,12}(立场|观点)|本(站|网)转载|^广告声明|"
                         # an originality claim, and the notice of a summary a model wrote
                         r"^(本文|此文|文章|本篇)?(为|系)作者原创|^.{0,6}(摘要|总结|概要)由.{0,24}(AI|模型|人工智能|机器|算法).{0,12}生成|"
                         r"^本(摘要|总结|概要).{0,30}(AI|模型|人工智能|机器|算法).{0,12}生成|"
                         # where to send a tip or a story (新闻爆料请寄…, 投稿邮箱…)
                         r"爆料\s*(请寄|请联系|请洽|热线|邮箱|信箱|电话|专线)|新闻爆料|投稿\s*(邮箱|信箱|请寄|请联系|请洽)", _P)
_COMMENTS = re.compile(r"(^评论\s*[:：]\s*\d+$|^\d+\s*(则|条|个)?\s*(回应|评论|留言)$|最新评论|发表评论|网友评论|热门评论|评论区|全部评论|我要评论|查看评论|\d+\s*条评论|参与讨论|写评论|评论\s*\(\d+\)|^评论$)", _P)
_TAGS = re.compile(r"^[\s*【\[]*(本文标签|文章标签|标签|关键词|关键字|Tags?|Keywords?|热门标签|相关标签|话题|专题|相关股票|分类)\s*[:：]", _P)
_ADVERT = re.compile(r"^(Advertisements?|Sponsored|广告|推广|赞助内容|AD|广告位)$|^[【\[(（]?广告[】\])）]?\s*[:：]|\[广告\]|^广告\s*[(（][^)）]{0,12}[)）]$", _P)
_RECOMMEND = re.compile(r"(更多\S{0,8}报导|更多\S{0,8}报道|更多新闻|为您推荐|为你推荐|今日推荐|猜你喜欢|推荐阅读|热门推荐|延伸阅读|更多精彩|相关推荐|热点推荐|今日焦点|热门文章|"
                        r"精彩推荐|编辑推荐|点击排行|阅读排行|新闻排行|排行榜|热搜|热榜|大家都在看|你可能(还)?喜欢|你可能感兴趣|"
                        r"更多报道|热门资讯|热点新闻|最新文章|最新资讯|热门新闻|精选推荐|推荐文章|Recommended|Trending|Most\s+read)", _P)
_RELATED = re.compile(r"(的相关文章|相关文章|相关新闻|相关阅读|相关报道|相关报导|相关链接|相关专题|延伸阅读|Related)|"
                      r"^(上一篇|下一篇|上一条|下一条|上一页|下一页)", _P)
_IMAGE = re.compile(r"图片来自|图片来源|图源|来源图片|(点击|点按)\S{0,4}(放大|查看大图|看大图)|^\s*[(（]?\s*图\s*[:：/|]|配图|图片由|资料图|摄影|[/／]\s*摄\s*[)）]?$|^\s*摄\s*[:：]|"
                    r"^图为|供图|视觉中国|Getty\s*Images|IC\s*photo|图虫|东方IC|^截图|截图$|^\[?图片\]?$|^▲|^\(?图\)?$|Photo\s*(by|credit)|"
                    r"^[(（].{0,30}(图|摄)[)）]$|[(（]\s*(图\s*[/／:：]\s*)?(路透社?|美联社|法新社|达志影像|新华社|中新社|\bReuters\b|\bAP\b|"
                    r"\bAFP\b|\bGetty\b|\bEPA\b|彭博)[^)）]{0,12}[)）]$|图\s*[/／]\s*\S{1,12}[)）]?$", _P)
_JUNK = re.compile(r"^[A-Za-z][A-Za-z _\-]{0,60}$|javascript:|^\{\{.*\}\}$|^(var|function|window\.|document\.)\b|^Loading\.*$", _P)
_DATE = re.compile(r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s+\d{1,2}[:：]\d{2}|"
                   r"\d{1,2}[:：]\d{2}([:：]\d{2})?|民国\s*\d{2,3}\s*年|\b1[01]\d[01]\d[0-3]\d\b")
_RELATIVE_AGE = re.compile(r"\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\b|\d+\s*(分钟|小时|天|周|个月|年)前|刚刚|昨天\s*\d{1,2}[:：]", _P)
_BYLINE_LABEL = re.compile(r"(阅读时间|更新时间|发布时间|发表时间|发布日期|时间|日期|作者|来源|来自|文章来源|编辑|责编|责任编辑|记者|撰文|"
                           r"阅读量|阅读数|浏览量|浏览次数|点击量|字数|出版)\s*[:：]|\d+\s*人\s*已?\s*(阅读|围观|浏览|看过)|(阅读|浏览|围观)\s*[(（]\s*\d+\s*[)）]|^(文|作者|记者|编辑|来源)\s*[|/｜]|阅读\s*\d+|\d+\s*阅读|浏览\s*\d+", _P)
_CREDIT = re.compile(r"^.{1,30}?(报道|讯|编辑部|编译|出品|撰文|综合报道|特约撰稿)\s*[:：]?$|^\s*[(（]?(责任编辑|责编|编辑|校对|审核|审校|监制|主编|"
                     r"编审|记者|实习生|作者|文|图|翻译|编译|核稿编辑|出品)\s*[:：|/｜丨]\s*\S{1,20}(\s+\S{1,20}){0,3}\s*[)）]?$|"
                     r"^(编\s*辑|记\s*者|作\s*者)\s*[:：|/｜丨]\s*\S{1,20}$|^\S{2,4}\s*[/／]\s*(核稿编辑|责任编辑|编辑|记者|编译)$|"
                     r"^原标题\s*[:：]|^[(（]?\s*ID\s*[:：]\s*[\w\-/ ]{2,40}[)）]?$|^(From|Source|Via)\s*[:：]\s*[^。，,]{1,40}$|"
                     r"^[(（]?(本文|文章)[有已略]?(删改|删节)[)）]?$|"
                     r"^[(（](完|全文完|本文完|记者.{1,12}|编辑.{1,12})[)）]$|^(完|全文完|END)$|^(本文)?(转载自|转自|来源于)\S{2,20}$|"
                     r"^[〔(（【]?[^，,。]{0,12}[/／][^，,。]{0,8}(报导|报道)[〕)）】]?$|^[(（][^，,。]{1,10}(综合电|电)[)）]$|"
                     r"^(\S{0,4}(记者|编辑)\s*\S{2,4}\s*){1,3}$|^撰文者\s*[:：]|^[—–-]\s*.{1,40}\(@\w+\)", _P)
_SENTENCE_END = re.compile(r"[。！？!?…；;][”」』\"'）)]*$|[。！？!?][”」』\"'）)]*\S{0,3}$")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_COMMA = re.compile(r"[，,、：:]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_WORDY = re.compile(r"[^\u3400-\u9fffA-Za-z]+")  # what is left of a line is its CJK characters and Latin letters
_DIGIT = re.compile(r"\d")
_TOKEN_SPLIT = re.compile(r"\s*[|｜·•/]\s*|\s+")

#: The headline is looked for among this many lines at the top of the page.
TITLE_WINDOW = 40
#: A block of at least this many repeated paragraphs is a body printed twice.
MIN_REPEAT_LINES = 3
#: Lines this long or longer (non-whitespace characters), with punctuation, are prose.
PROSE_CHARS = 30
#: Why a page of other stories' headlines, blurbs and stamps holds no article.
STORY_LIST = "a list of other stories' headlines and blurbs (为您推荐, 相关新闻...), no article"
#: A page is taken for a list of other stories only with at least this many blurbs (a short article
#: under a list of headlines is one paragraph off the list's topics, never three).
MIN_LIST_ITEMS = 3
#: Lines printed twice in a row up to this long are an image's alternative text and its caption.
CAPTION_CHARS = 60
#: A page whose last line, after prose, is a fragment this short was cut off in mid-paragraph.
CUT_OFF_CHARS = 24
#: Headlines are at most this long (non-whitespace characters) and hold at most MAX_TITLE_COMMAS commas;
#: a longer line above the body, or one with more commas, is a lede whose sentence runs on.
MAX_TITLE_CHARS = 64
MAX_TITLE_COMMAS = 2
#: The share of a paragraph's character pairs seen elsewhere in the article below which it is off topic.
OFF_TOPIC = 0.3
# Words that open a new news item inside a page ("another report:", "meanwhile", a new credit).
_STORY_OPENER = re.compile(r"^(另讯|又讯|另一方面|与此同时|另外|【[^】]{2,12}】|[(（]\s*记者|本报讯|本报\S{0,6}讯|\S{2,10}讯\s*[(（]记者)")
#: Below this share, a paragraph between body paragraphs that opens like a new news item is another story's.
OTHER_STORY = 0.1


class Removal(NamedTuple):
    """A line the cleaner removed: its kind, its 1-based number in the page, its text and the reason."""

    kind: str
    line_no: int
    text: str
    reason: str = ""


@dataclass
class CleanedPage:
    """What the cleaner made of one page.

    ``text`` is the body (paragraphs joined by newlines); ``removed`` lists every non-blank line
    taken out; ``title`` is the line read as the headline (or None); ``byline`` and ``credits`` the
    lines read as such; ``lines`` every non-blank line as ``(line_no, text, kind or None)``, kind None
    for the body; ``warnings`` what a reader should know about the cleaning; ``not_an_article`` why
    the page holds no article (empty when it holds one).
    """

    text: str
    title: str | None
    byline: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    lines: list[tuple[int, str, str | None]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_an_article: str = ""


def count_chars(text: str) -> int:
    """Return the number of non-whitespace characters in ``text``.

    >>> count_chars(" a\\n 奥 ")
    2
    """
    return len("".join(text.split()))


@dataclass
class _Line:
    number: int
    text: str
    folded: str
    chars: int
    cls: str = "short"  # good | near | short | chrome
    kind: str | None = None
    reason: str = ""
    prose: bool = False
    pairs: set[int | str] | None = None  # its units of vocabulary (``_bigrams``), computed once when first needed
    named: set[str] | None = None  # the entities it names (``_line_entities``), found once when first needed
    page_pairs: tuple[list[int], int] | None = None  # the page's ``_pair_keys`` and where the line starts in them
    same: _Line | None = None  # the page's first line with the same text, whose pairs and entities are this one's


def _features(number: int, text: str, folded: str) -> _Line:
    """Return line ``number`` of a page (its text stripped, and ``fold(text)``), classified on its own
    (see ``_classified``)."""
    return _Line(number, text, *_classified(text, folded))


@text_memo(maxsize=1 << 15)
def _classified(text: str, folded: str) -> tuple[str, int, str, str | None, str, bool]:
    """Return ``(folded, chars, cls, kind, reason, prose)`` for a stripped line and its ``fold``: what
    its own features say, before context. Kept for the lines seen last, because a site prints the
    same menus, footers and lists on every page."""
    line = _own_features(_Line(0, text, folded, count_chars(text)))
    return line.folded, line.chars, line.cls, line.kind, line.reason, line.prose


def _own_features(line: _Line) -> _Line:
    """Return ``line`` with its class (chrome, good, near or short) set from its own text."""
    text = line.text
    line.kind, line.reason = _chrome_kind(line)
    if line.kind:
        line.cls = "chrome"
        return line
    wordy = len(_NOT_WORDY.sub("", text))
    digits = len(_DIGIT.findall(text))
    marks = len(_SENTENCE_MARK.findall(text))
    commas = len(_COMMA.findall(text))
    punctuated = bool(_SENTENCE_END.search(text)) or marks > 0 or commas >= 2
    if line.chars >= PROSE_CHARS and punctuated and wordy >= 0.5 * line.chars and digits < 0.3 * line.chars:
        line.cls, line.prose = "good", True
    elif line.chars >= 12 and (punctuated or commas) or line.chars >= PROSE_CHARS:
        line.cls = "near"
    return line


_CLAUSE_COMMA = re.compile(r"[，,、]")


def _few_marks(text: str) -> bool:
    """Fewer than two commas and sentence marks: a label or a list of links, not a sentence that
    mentions a platform (Twitter, 举报) and stops short."""
    return len(_CLAUSE_COMMA.findall(text)) + len(_SENTENCE_MARK.findall(text)) < 2


def _is_menu(text: str) -> bool:
    tokens = [t for t in _TOKEN_SPLIT.split(text.strip()) if t]
    if len(tokens) < 3 or _SENTENCE_MARK.search(text) or any(len(t) > 10 for t in tokens):
        return False
    menu_words = sum(1 for t in tokens if _MENU_WORDS.match(t))
    piped = len(re.findall(r"[|｜]", text)) >= 3
    return menu_words >= 2 or (len(tokens) >= 5 and all(len(t) <= 6 for t in tokens)) or (piped and len(tokens) >= 4)


def _is_stamp(line: _Line) -> bool:
    """A short line made of a date or time, or a relative age, with at most a few words around it."""
    rest = _DATE.sub("", line.folded)
    rest = _RELATIVE_AGE.sub("", rest)
    return rest != line.folded and count_chars(rest) <= 24 and not _SENTENCE_MARK.search(rest)


#: A line of nothing but what buttons say (``阅读``, ``分享``, ``点赞 12``, ``返回顶部``).
_BUTTONS = re.compile(r"^(?:(?:阅读全文|展开全文|返回顶部|分享这篇文章|分享本文|分享此文|分享文章|阅读|分享|评论|点赞|赞|收藏|举报|打赏|关注|转发|复制|返回|展开|全文|更多|打印|纠错|"
                      r"字号)\s*[\d,.]*\s*[万wk+]?\s*)+$")
#: Lines at the top of a page where a known outlet's name alone is its masthead (further down it may be a word).
MASTHEAD_LINES = 10
#: A heading of more stories from the site, its name between spaces (``更多 某某新闻 报导``).
_MORE_FROM = re.compile(r"^更多\s+\S.{0,20}?\s+(报导|报道|新闻|文章)$")
#: A section's name with a count of its stories or comments (``行业动态 12``).
_SECTION_COUNT = re.compile(r"^[\u4e00-\u9fff]{2,8}\s+\d{1,6}$")
#: An account's Latin handle with a date that has no year, and perhaps a count (``editor 11-23 5``).
_HANDLE_STAMP = re.compile(r"^[A-Za-z][\w.-]{1,20}\s+(?:(?:19|20)\d\d[-/])?\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d{1,6})?$")


def _chrome_kind(line: _Line) -> tuple[str | None, str]:
    """Return (kind, reason) when the line's own vocabulary says it is chrome, else (None, "").

    In each test the cheap conditions (length, the sentence punctuation found once per line) come
    before the vocabulary's long alternations, which most prose lines then never reach.
    """
    t, n = line.folded, line.chars
    ends = n <= 120 and bool(_SENTENCE_END.search(t))  # only lines of at most 120 characters ask
    marked = n <= 120 and bool(_SENTENCE_MARK.search(t))
    if n <= 14 and (_BUTTONS.match(t.strip()) or _SECTION_COUNT.match(t.strip())):
        return "navigation", "buttons or a section's name with a count (阅读 分享, 行业动态 12)"
    if n <= 30 and _HANDLE_STAMP.match(t.strip()):
        return "byline", "an account's handle beside a date (editor 11-23)"
    if (n <= 16 or n <= 80 and t.lstrip("【[(（").startswith("广告")) and _ADVERT.search(t.strip()):
        return "advertisement", "an advertisement label"
    if _URL_ONLY.match(t):
        return "share_copyright", "a web address alone on its line"
    if n <= 160 and t.startswith(("▲", "△")):
        return "image_caption", "a photo caption (led by a triangle pointing at the photo)"
    if n <= 80 and _LATIN_AUTHORS.match(line.text):
        return "byline", "authors' names"
    if (n <= 30 or "javascript:" in t.lower()) and _JUNK.search(t) and not _CJK.search(t):
        if not _SENTENCE_MARK.search(t) and len(t.split()) <= 6:
            return "scraper_junk", "a run of Latin words or code, not a sentence"
    if n <= 120 and _COPYRIGHT_START.match(t):
        return "share_copyright", "a copyright line"
    if n <= 120 and _DISCLAIMER.search(t) or _DISCLAIMER.match(t):
        return "disclaimer", "disclaimer vocabulary (免责声明, 转载请注明...)"
    if n <= 100 and _TAGS.search(t):
        return "tags", "a tag line (标签:, 关键词:)"
    if n <= 16 and _ADVERT.search(t.strip()):
        return "advertisement", "an advertisement label"
    if n <= 30 and not ends and _COMMENTS.search(t):
        return "comments", "a comment-box heading"
    if (n <= 30 and not marked and not ends and _RELATED.search(t)) or (n <= 160 and _RELATED_LINE.search(t)):
        return "related_articles", "a heading or link of related stories (相关文章, 上一篇...)"
    if n <= 40 and (n <= 15 or not ends) and _APP_LOGIN.search(t):
        return "app_login", "app, login, QR-code or subscription vocabulary"
    if n <= 30 and _MORE_FROM.match(t.strip()):
        return "recommendations", "a heading of the site's other stories (更多 某某新闻 报导)"
    if n <= 12 and line.number <= MASTHEAD_LINES and is_known_outlet(t.strip()):
        return "navigation", "an outlet's name alone on a line at the top of the page (a masthead)"
    if n <= 18 and not marked and _RECOMMEND.search(t):
        return "recommendations", "a heading of recommended stories (为您推荐, 热门...)"
    if n <= 80 and not ends and _BREADCRUMB.search(t):
        return "navigation", "a breadcrumb (当前位置, 首页 > ...)"
    if n <= 120 and (n <= 25 or not ends and _few_marks(t) or "版权" in t or "©" in t) and _SHARE_COPYRIGHT.search(t):
        return "share_copyright", "share, link or copyright vocabulary"
    if n <= 60 and not (n > 30 and ends) and _IMAGE.search(t):
        return "image_caption", "an image or photo credit"
    if n <= 100 and not (n > 40 and marked) and (_is_stamp(line) or (_BYLINE_LABEL.search(t) and (_DATE.search(t) or n <= 50))):
        return "byline", "a date stamp, relative age or byline label"
    if n <= 120 and _WECHAT_CREDIT.match(t):
        return "credit", "a credit line (本文来自微信公众号...)"
    bare = _URL.sub("", t)
    if count_chars(bare) <= 40 and _CREDIT.search(bare) and not _SENTENCE_MARK.search(bare[:-1]):
        return "credit", "a credit line (X报道, 编辑:...)"
    if n <= 80 and not marked and _is_menu(t):
        return "navigation", "a menu: several short words, no sentence"
    return _furniture_kind(line)


# Page furniture that the vocabulary above misses, by its form.
_SITE_NOTICE = re.compile(r"(同意|接受|关闭此视窗).{0,30}(隐私|cookie)|(隐私|cookie).{0,30}(同意|关闭此视窗|政策|声明|规范)|"
                          r"浏览器\S{0,4}(版本|不支持|不再受支持|不支援|不再受支援|更新)|browser\b.{0,40}\bsupport", _P)
_PLAYER = re.compile(r"\d+\s*(seconds?|秒)\s*(of|至)\s*\d+\s*(seconds?|秒)|\bvolume\s*\d+\s*%|音量\s*\d+\s*%", _P)
_WORD_CHAR = re.compile(r"\w")
_APPEAL = re.compile(r"(欢迎|敬请|请)\S{0,6}(订阅|打赏|赞赏|赞助)|订阅我的|支持(网主|本站|我们)|Patreon|Buy\s+me\s+a\s+coffee", _P)
_PLACEHOLDER = re.compile(r"^\S{0,6}(生成中|加载中|载入中|读取中)\S{0,3}$")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_IMAGE_FILE = re.compile(r"^\S{0,80}\.(jpe?g|png|gif|webp|bmp)$|^<image>|^data:image/|^\d{12,}$", _P)
# A photo caption: marked by a leading triangle, or closed by the photo's credit (an agency in brackets,
# 图/X, 图片来源: X), whatever its length; or saying what the picture shows (a group photo, a post,
# who stands where) or where it comes from (资料图, 首图撷自).
_CAPTION = re.compile(r"^[▲△▼]|(合影|合照|的推文|推文截图)$|^从左(至|到)右|左起\s*[:：]|^右起|^(材料图|资料图)\s*[:：]|^首图\s*(撷自|来自|取自)|[(（]\s*(图\s*[/／:：]\s*)?[^)）]{0,12}(路透社?|美联社|法新社|达志影像|新华社|中新社|\bReuters\b|\bAP\b|"
                      r"\bAFP\b|\bGetty\b|\bEPA\b|彭博|\bBloomberg\b|\bshutterstock\b|视觉中国|\bUnsplash\b)[^)）]{0,16}[)）]\s*$|[(（]\s*图\s*[/／:：][^)）]{1,24}[)）]\s*$|"
                      r"(图片来源|图源|图片来自)\s*[:：][^，。,]{1,48}$|^[(（]\s*(Source|Photo|Image|Credit)\s*[:：][^)）]{1,40}[)）]$", _P)
# Authors' names in Latin script: two or more capitalised names joined by commas or "and".
_LATIN_AUTHORS = re.compile(r"^(By\s+)?[A-Z][A-Za-z'\-]+(\s[A-Z][A-Za-z'\-]+){1,2}((,\s*|\s+and\s+|\s*&\s*)[A-Z][A-Za-z'\-]+(\s[A-Z][A-Za-z'\-]+){1,2})+$")
# A summary labelled as such above the body: the body's opening again, cut short.
_TEASER = re.compile(r"^(简介|导读|摘要|内容提要|提要)\s*[:：]?\s*\S")
_TEASER_CUT = re.compile(r"(\.\.\.|…)$|[^。！？!?”」』\"'）)]$")


def _furniture_kind(line: _Line) -> tuple[str | None, str]:
    """Return (kind, reason) for furniture recognised by its form: site notices, a media player's
    text, placeholders, a language menu, image files, captions, teaser summaries."""
    t, n = line.folded, line.chars
    if n <= 160 and _SITE_NOTICE.search(t):
        return "app_login", "a site notice (browser, privacy, cookies)"
    if n <= 60 and _PLAYER.search(t):
        return "scraper_junk", "a media player's controls"
    if n <= 12 and (_PLACEHOLDER.match(t) or _MENU_WORDS.match(t) or not _WORD_CHAR.search(t)):
        return "navigation", "a menu word, a placeholder or a rule of symbols alone on a line"
    if n <= 160 and _APPEAL.search(t):
        return "app_login", "an appeal to subscribe to or support the site"
    if n <= 160 and len(_KANA_HANGUL.findall(t)) >= max(2, 0.3 * n):
        return "navigation", "a line in Japanese or Korean script (a language menu or notice)"
    if n <= 200 and _IMAGE_FILE.search(t.strip()):
        return "image_caption", "an image's file name or data"
    if n <= 160 and len(_SENTENCE_MARK.findall(t)) <= 3 and _CAPTION.search(t):
        return "image_caption", "a photo caption (a leading triangle or a closing photo credit)"
    if 40 <= n <= 400 and _TEASER.match(t) and _TEASER_CUT.search(t):
        return "repeated_body", "a labelled summary cut short (简介, 导读...): the body's opening again"
    return None, ""


_COPYRIGHT_START = re.compile(r"\s*(版权|Copyright|©)", re.IGNORECASE)
_RELATED_LINE = re.compile(r"(的相关文章|相关文章|相关新闻|相关阅读)$|^(上一篇|下一篇|上一条|下一条)|^(阅读更多|更多阅读)\s*[:：]|"
                           r"^[【\[]?(相关报道|相关报导|相关文章|相关新闻|相关阅读|延伸阅读)[】\]]?\s*[:：]?")
_WECHAT_CREDIT = re.compile(r"^(\S{1,4}\s*[:：])?\s*(本文来自微信公众号|本文经\S{0,6}授权)")
_URL = re.compile(r"(https?://|www\.)[A-Za-z0-9./_\-?=&%#:~+]+", re.IGNORECASE)
_URL_ONLY = re.compile(r"^\s*\S{0,12}\s*[:：]?\s*(https?://|www\.)[A-Za-z0-9./_\-?=&%#:~+]+\s*$", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-z0-9]+")
# The long alternations that most lines are searched with: tried only where a match can start (same matches).
(_ADVERT, _APP_LOGIN, _BYLINE_LABEL, _COMMENTS, _DATE, _DISCLAIMER, _IMAGE, _JUNK, _RECOMMEND, _RELATED, _RELATED_LINE,
 _RELATIVE_AGE, _SHARE_COPYRIGHT, _TOKEN_SPLIT, _URL) = map(with_first_chars, (
    _ADVERT, _APP_LOGIN, _BYLINE_LABEL, _COMMENTS, _DATE, _DISCLAIMER, _IMAGE, _JUNK, _RECOMMEND, _RELATED, _RELATED_LINE,
    _RELATIVE_AGE, _SHARE_COPYRIGHT, _TOKEN_SPLIT, _URL))


def _bigrams(text: str) -> set[int | str]:
    """Return the units of vocabulary of a text: pairs of adjacent CJK characters (as ``_pair_keys``
    numbers), and Latin words and numbers whole (web addresses left out).

    >>> sorted(map(_unit_text, _bigrams("奥特曼回归 OpenAI 2023")))
    ['2023', 'openai', '回归', '奥特', '曼回', '特曼']
    """
    units = _latin_words(text)
    units.update(_pair_keys(text))
    units.discard(0)
    return units


def _latin_words(text: str) -> set[int | str]:
    """Return the Latin words and numbers of a text, casefolded, outside web addresses."""
    text = text.casefold()
    if "://" in text or "www." in text:  # a web address can only start so (see _URL)
        text = _URL.sub(" ", text)
    return set(_LATIN_WORD.findall(text))


def _pair_keys(text: str) -> list[int]:
    """Return, for each character of ``text``, the number of the pair of CJK characters that starts
    there (``(first << 16) | second``, their code points), or 0 where none does.

    One array operation per page replaces a search per line, and a pair found so is the same as a
    pair of the line's casefolded text outside web addresses: casefolding changes no CJK character
    and makes none, and a web address holds no CJK character (a test checks both).

    >>> [_unit_text(k) if k else 0 for k in _pair_keys("奥特曼 a")]
    ['奥特', '特曼', 0, 0, 0]
    """
    import numpy as np

    codes = code_points(text).astype(np.uint64)
    cjk = ((codes >= 0x3400) & (codes <= 0x9FFF)) | ((codes >= 0xF900) & (codes <= 0xFAFF))
    keys = np.zeros(len(codes), dtype=np.uint64)
    keys[:-1] = ((codes[:-1] << np.uint64(16)) | codes[1:]) * (cjk[:-1] & cjk[1:])
    return keys.tolist()


def _unit_text(unit: int | str) -> str:
    """Return a unit of ``_bigrams`` as text (a pair's two characters, or the word)."""
    return unit if isinstance(unit, str) else chr(unit >> 16) + chr(unit & 0xFFFF)


def _line_bigrams(line: _Line) -> set[int | str]:
    """Return ``_bigrams`` of a line's folded text, computed once per line (its pairs read from the
    page's ``_pair_keys`` when ``_page_lines`` kept them)."""
    if line.same is not None:
        return _line_bigrams(line.same)
    if line.pairs is None:
        if line.page_pairs is None:
            line.pairs = _bigrams(line.folded)
        else:
            keys, start = line.page_pairs
            line.pairs = _latin_words(line.folded)
            line.pairs.update(keys[start:start + len(line.folded) - 1])  # pairs that end inside the line
            line.pairs.discard(0)
    return line.pairs


def _line_entities(line: _Line) -> set[str]:
    """Return the ids of the people and organisations a line names, found once per line (and once for
    the lines of a page that repeat it)."""
    if line.same is not None:
        return _line_entities(line.same)
    if line.named is None:
        from ..entities import find_all_mentions

        line.named = {m[3] for m in find_all_mentions(line.text, line.folded)}
    return line.named


class _Topic:
    """The article's topic: the entities its prose names and (with ``vocabulary``) the character
    pairs it uses."""

    def __init__(self, lines: list[_Line], title: str | None, vocabulary: bool = True):
        from ..entities import find_all_mentions

        title_entities = {m[3] for m in find_all_mentions(title)} if title else set()
        # an entity of the article is one its title or its own prose names
        self.entities = {e for line in lines for e in _line_entities(line)} | title_entities
        self.pairs: Counter[int | str] = Counter()
        self.pairs_of: dict[int, set[int | str]] = {}
        if vocabulary:
            self._learn_vocabulary(lines, title)

    def _learn_vocabulary(self, lines: list[_Line], title: str | None) -> None:
        self.pairs_of = {id(line): _line_bigrams(line) for line in lines}
        seen: set[str] = set()
        for line in lines:  # a paragraph printed twice counts once
            if line.folded not in seen:
                seen.add(line.folded)
                self.pairs.update(self.pairs_of[id(line)])
        for pair in _bigrams(fold(title or "")):
            self.pairs[pair] += 1

    def names_article_entity(self, line: _Line) -> bool:
        return bool(_line_entities(line) & self.entities)

    def overlap(self, line: _Line) -> float:
        """Return the share of the line's character pairs found in the rest of the article's prose."""
        own = self.pairs_of.get(id(line))
        if own is None:
            own = _line_bigrams(line)
            return sum(1 for p in own if self.pairs[p] > 0) / len(own) if own else 0.0
        return sum(1 for p in own if self.pairs[p] > 1) / len(own) if own else 0.0

    def on_topic(self, line: _Line, threshold: float = OFF_TOPIC) -> bool:
        return self.names_article_entity(line) or self.overlap(line) >= threshold


def _context(lines: list[_Line]) -> list[str]:
    """Return, for each line, the class of the nearest good or chrome line after it ("edge" if none),
    in one pass from the end (so that smoothing stays linear in the page's length)."""
    after, nearest = [], "edge"
    for line in reversed(lines):
        after.append(nearest)
        if line.cls in ("good", "chrome"):
            nearest = line.cls
    return after[::-1]


_SPACED_WORDS = re.compile(r"[\u3400-\u9fff]\s+[\u3400-\u9fff]")  # words set apart, as in menus and buttons
_CLOSING_MARKS = tuple("。！？!?…；;.”」』\"'）)")


def _is_cut_off(line: _Line) -> bool:
    """A paragraph, or a few words of one, that stops short: no closing punctuation, not a menu word
    or a label."""
    return ((line.chars <= CUT_OFF_CHARS or line.cls == "near") and not line.text.endswith(_CLOSING_MARKS)
            and not _MENU_WORDS.match(line.text) and not line.text.endswith((":", "："))
            and bool(_CJK.search(line.text) or " " in line.text) and not _SPACED_WORDS.search(line.text))


def _follows_prose(lines: list[_Line], i: int) -> bool:
    """Whether the nearest prose or chrome line before line ``i`` is prose, looking past lines not yet
    smoothed and the captions and scraper junk that stand inside a body."""
    for other in reversed(lines[:i]):
        if other.cls == "good":
            return True
        if other.cls == "chrome" and other.kind not in ("image_caption", "scraper_junk"):
            return False
    return False


_SECTION_NUMBER = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4})\s*[.、．]?$")


def _prose_follows(lines: list[_Line], i: int, topic: _Topic) -> bool:
    """Whether prose follows line ``i``: directly, or after one more short line when line ``i`` is a
    section number or names the article's people or organisations (a section number and its
    subheading, a subheading and its one-line lede)."""
    following = lines[i + 1:i + 3]
    if following and following[0].cls in ("good", "near"):
        return True
    return (len(following) == 2 and following[0].cls == "short" and following[1].cls == "good"
            and (bool(_SECTION_NUMBER.match(lines[i].text)) or topic.names_article_entity(lines[i])))


def _smooth(lines: list[_Line], topic: _Topic) -> None:
    """Give near-good lines, then short lines, the class their context suggests (as jusText does);
    a full sentence naming the article's people or organisations is prose wherever it stands."""
    last = lines[-1] if lines else None
    if last is not None and last.cls in ("near", "short") and _is_cut_off(last) and _follows_prose(lines, len(lines) - 1):
        last.cls = "good"  # the page's text stops in the middle of a paragraph
    for cls in ("near", "short"):
        following, before = _context(lines), "edge"  # lines ahead are not yet changed in this pass
        for i, line in enumerate(lines):
            if line.cls != cls:
                if line.cls in ("good", "chrome"):
                    before = line.cls
                continue
            after = following[i]
            next_line = lines[i + 1] if i + 1 < len(lines) else None
            if before == "good" and after == "good":
                line.cls = "good"
            elif cls == "near" and "good" in (before, after):
                line.cls = "good"
            elif cls == "near" and _SENTENCE_END.search(line.text) and topic.names_article_entity(line):
                line.cls = "good"
            elif _prose_follows(lines, i, topic):
                line.cls = "good"  # a heading (a section number, a subheading) followed by prose
            elif before == "good" and _SENTENCE_END.search(line.text):
                line.cls = "good"  # a closing sentence
            else:
                _mark(line, "navigation", f"a {cls} line among chrome, not prose (its context)")
            before = line.cls


_CREDIT_WORDS = re.compile(r"记者|编辑|编译|作者|撰文|[/／|｜]\s*\S{1,4}$|^[A-Z]?\d+\s")


def _opens_body(line: _Line) -> bool:
    """A prose line that reads as a paragraph, not as a headline (headlines end without a full stop)."""
    return line.cls == "good" and (bool(_SENTENCE_END.search(line.text)) and not line.text.endswith(("?", "？", "!", "！"))
                                   or len(_SENTENCE_MARK.findall(line.text)) >= 2 or line.chars >= 120)


def _title_index(lines: list[_Line], body_start: int, title_hint: str | None) -> int | None:
    """Return the index of the headline among the lines above the body, or None."""
    if title_hint:
        hint = fold(title_hint).replace(" ", "")
        for i, line in enumerate(lines[: max(body_start, 1) + 2]):
            text = line.folded.replace(" ", "")
            if text == hint or (hint in text and len(text) <= len(hint) + 12 and not _opens_body(line)):
                return i
        return None
    best, best_score = None, -1
    texts = Counter(line.folded for line in lines)
    for i, line in enumerate(lines[: min(body_start, TITLE_WINDOW)]):
        if line.kind is not None:
            continue
        if not 4 <= line.chars <= MAX_TITLE_CHARS or line.text.endswith(("。", ":", "：")) or _is_stamp(line):
            continue
        if len(_COMMA.findall(line.text)) > MAX_TITLE_COMMAS:
            continue
        score = (line.chars >= 10) + (line.chars >= 16)
        if texts[line.folded] > 1:
            score += 2
        following = next((other for other in lines[i + 1:i + 4] if other.kind != "image_caption"), None)
        if following is not None and following.kind == "byline":
            score += 1
        if re.search(r"(网|新闻|日报|晚报|时报|报|频道|在线|科技|财经)$", line.folded) and line.chars <= 10:
            score -= 2
        if _CREDIT_WORDS.search(line.folded):
            score -= 3
        if score > best_score:
            best, best_score = i, score
    return best if best is not None else _opening_headline(lines, body_start)


def _opening_headline(lines: list[_Line], body_start: int) -> int | None:
    """Return ``body_start`` when the page opens with its headline read as a first paragraph (its marks,
    ``!``, ``?`` or commas, made it prose): the first line that is not chrome, of 8 to 48 characters, with no
    full stop and at most ``MAX_TITLE_COMMAS`` commas, followed by a paragraph at least twice as long and of
    60 characters or more. Else None."""
    if body_start >= len(lines) or any(line.kind is None for line in lines[:body_start]):
        return None
    first = lines[body_start]
    text = first.text.strip()
    if first.kind is not None or not 8 <= first.chars <= 48 or "。" in text or text.endswith((".", ":", "：", "，", ",", "、")) \
            or len(_COMMA.findall(text)) > MAX_TITLE_COMMAS:
        return None
    following = next((line for line in lines[body_start + 1:] if line.kind is None), None)
    return body_start if following is not None and following.chars >= max(60, 2 * first.chars) else None


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
        if best >= MIN_REPEAT_LINES:
            repeated.update(range(i, i + best))
            i += best
            continue
        first_seen.setdefault(texts[i], []).append(i)
        i += 1
    return repeated


def _mark(line: _Line, kind: str, reason: str) -> None:
    line.cls, line.kind, line.reason = "chrome", kind, reason


_HEADING_END = re.compile(r"(相关文章|相关新闻|相关阅读|相关报道|推荐|排行)\s*[:：]?$")


def _list_items(lines: list[_Line], on_topic) -> list[tuple[_Line, str]]:
    """Return ``(line, list kind)`` for the items of lists of other stories: the lines after a list
    heading, until prose on the article's topic (``on_topic(line)``) returns."""
    items = []
    region: str | None = None
    for line in lines:
        if line.kind in ("recommendations", "related_articles", "comments") and (
                line.chars <= 20 or _HEADING_END.search(line.folded)):
            region = line.kind  # a heading opens a list; a single linked story does not
        elif line.kind == "title":
            region = None
        elif region is not None and line.cls == "chrome":
            if line.kind == "byline":  # the stamps of the listed stories
                items.append((line, region))
        elif region is not None:
            if (line.prose or _SENTENCE_END.search(line.text)) and on_topic(line):
                region = None
            else:
                items.append((line, region))
    return items


def _lists(lines: list[_Line], topic: _Topic) -> None:
    """Mark the items of lists of other stories (see ``_list_items``), and runs of three or more
    off-topic headline-like lines."""
    for line, region in _list_items(lines, topic.on_topic):
        _mark(line, region, f"an item of the list opened by a {region.replace('_', ' ')} heading")
    run: list[_Line] = []
    for line in lines + [None]:
        if line is not None and line.cls in ("short", "near") and not line.prose and 6 <= line.chars <= 45 \
                and not _SENTENCE_END.search(line.text):
            run.append(line)
            continue
        if len(run) >= 3 and sum(1 for r in run if topic.on_topic(r)) <= len(run) // 3:
            for item in run:
                _mark(item, "headline_list", "one of a run of headline-like lines off the article's topic")
        run = []


#: Cues that make a line chrome whatever it names; without one, a line judged chrome by a weak cue alone
#: (a stamp, 注册, 收藏, 未经授权...) inside the body is body again when it names the article's people.
_STRONG_CHROME = with_first_chars(re.compile(r"版权|©|Copyright|分享|链接|网址|二维码|扫码|APP|客户端|下载|免责|声明|https?://|ICP|"
                            r"(来源|来自|作者|编辑|记者|责编|时间|日期)\s*[:：]", re.IGNORECASE))
_WEAK_KINDS = ("app_login", "share_copyright", "byline", "disclaimer")


def _reconsider(lines: list[_Line], topic: _Topic) -> None:
    """Return to the body the lines inside it that a weak cue made chrome but that name the article's
    people or organisations (a timeline entry ``2023年11月17日 奥特曼被解雇``, a subheading with 注册)."""
    body = [i for i, line in enumerate(lines) if line.cls == "good"]
    if len(body) < 2:
        return
    for line in lines[body[0] + 1:body[-1]]:
        if line.kind in _WEAK_KINDS and line.chars >= 8 and not _STRONG_CHROME.search(line.folded) \
                and topic.names_article_entity(line):
            line.cls, line.kind, line.reason = "good", None, ""


_TRANSLATION_HEADING = re.compile(r"^(以下为|以下是)?(英语|英文|English)\s*(如下|版本?|翻译|译文|原文|全文)?\s*[:：]?$|"
                                  r"^English\s+(version|translation)\s*[:：]?$", _P)
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _mostly_latin(line: _Line) -> bool:
    return len(_LATIN_LETTER.findall(line.text)) >= 0.6 * len(_NOT_WORDY.sub("", line.text))


def _translation(lines: list[_Line]) -> None:
    """Mark a translation of the body announced by its heading (英语如下:, English version): the
    heading and the lines in Latin script after it, until a line in Chinese returns."""
    for i, line in enumerate(lines):
        if line.kind is None and line.chars <= 16 and _TRANSLATION_HEADING.match(line.folded):
            block = []
            for other in lines[i + 1:]:
                if not _mostly_latin(other):
                    break
                block.append(other)
            if sum(1 for other in block if other.kind is None) >= 2:
                for other in [line, *block]:
                    if other.kind is None:
                        _mark(other, "repeated_body", "a translation of the body, announced by its heading")


def _captions_printed_twice(lines: list[_Line]) -> None:
    """Mark a short line printed twice in a row: an image's alternative text and its caption. A
    paragraph of prose printed twice in a row may be the lede repeated: its first copy is kept."""
    for first, second in zip(lines, lines[1:]):
        if first.text == second.text and first.kind is None and second.kind is None and first.chars <= CAPTION_CHARS:
            if first.prose:
                _mark(second, "repeated_body", "a paragraph printed twice in a row")
                continue
            for line in (first, second):
                _mark(line, "image_caption", "a short line printed twice in a row (an image's text and its caption)")


_BARE_DATE = re.compile(r"^((19|20)\d\d\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s*[(（]?(周|星期)[一二三四五六日天][)）]?)?$")


def _timeline_dates(lines: list[_Line]) -> None:
    """Return to the body the dates that head the entries of a timeline: two or more lines that are
    a date alone (no time, no source), inside the body. A page's own stamp stands above its body,
    and once."""
    body = [i for i, line in enumerate(lines) if line.cls in ("good", "near")]  # near: a paragraph cut off
    if len(body) < 2:
        return
    dates = [line for line in lines[body[0] + 1:body[-1]] if line.kind == "byline" and _BARE_DATE.match(line.folded)]
    if len(dates) >= 2:
        for line in dates:
            line.cls, line.kind, line.reason = "short", None, ""


def _other_stories(lines: list[_Line], topic: _Topic) -> None:
    """Mark prose paragraphs of another story: no entity of the article, little of its vocabulary."""
    if not topic.entities:
        return
    following = _context(lines)
    preceding = _context(lines[::-1])[::-1]
    for i, line in enumerate(lines):
        if not line.prose or line.cls != "good" or topic.names_article_entity(line):
            continue
        if len(topic.pairs_of.get(id(line)) or ()) < 8:
            continue  # too few words to judge
        share = topic.overlap(line)
        among_chrome = "good" not in (preceding[i], following[i])
        opener = bool(_STORY_OPENER.match(line.folded))
        if (opener and share < OTHER_STORY) or (among_chrome and share < OFF_TOPIC):
            _mark(line, "other_story", f"names none of the article's people or organisations and shares "
                                       f"{share:.0%} of its character pairs")


def _is_headline(line: _Line) -> bool:
    """A line shaped like a headline: a few words, no closing punctuation, not prose."""
    return line.cls in ("short", "near") and not line.prose and 6 <= line.chars <= 45 and not _SENTENCE_END.search(line.text)


def _story_list(lines: list[_Line]) -> bool:
    """Whether the page is nothing but a list of other stories: its prose opened by a heading of
    recommended or related stories (为您推荐, 相关新闻...), or cut by three or more stamps, shaped as
    items (two or more headlines, or two or more stamps, among the prose; at least MIN_LIST_ITEMS
    paragraphs), and about no one topic: no paragraph shares a person or organisation, or much of
    its wording, with another.

    A page of paragraphs under such a heading without headlines or stamps is not taken for a list
    (the safety rule of ``clean_page`` then keeps its prose)."""
    first_prose = next((i for i, line in enumerate(lines) if line.prose), None)
    if first_prose is None:
        return False
    opened = any(line.kind in ("recommendations", "related_articles") and line.chars <= 20 for line in lines[:first_prose])
    items = lines[first_prose:]
    stamps = sum(1 for line in items if line.kind == "byline" and _is_stamp(line))
    headlines = sum(1 for line in items if _is_headline(line))
    if not (opened or stamps >= 3) or max(stamps, headlines) < 2:
        return False
    prose = [line for line in items if line.prose]
    if len(prose) < MIN_LIST_ITEMS:
        return False
    named = Counter(e for line in prose for e in _line_entities(line))
    topic = _Topic(prose, None)
    return not any(any(named[e] > 1 for e in _line_entities(line)) or topic.overlap(line) >= OFF_TOPIC for line in prose)


def _page_lines(raw: str) -> list[_Line]:
    """Return the page's non-blank lines, stripped and classified on their own, numbered from 1.

    The page is folded once (``fold`` maps each character to one character, so a line's folded text
    is the same slice of the folded page), and its character pairs read once (``_pair_keys``)."""
    folded_page = fold(raw)
    pair_keys = _pair_keys(folded_page)
    lines, start, first_of = [], 0, {}
    for number, text in enumerate(raw.split("\n"), start=1):
        stripped = text.strip()
        if stripped:
            offset = start + len(text) - len(text.lstrip())
            line = _features(number, stripped, folded_page[offset:offset + len(stripped)])
            line.page_pairs = (pair_keys, offset)
            line.same = first_of.get(stripped)  # a repeated line (a body printed twice) shares its units
            first_of.setdefault(stripped, line)
            lines.append(line)
        start += len(text) + 1
    return lines


#: A breadcrumb's first word, the home page (``首页 科技 …``).
_HOME_CRUMB = re.compile(r"^\s*(首页|主页|Home)\s", re.IGNORECASE)


def clean_page(raw: str, title_hint: str | None = None) -> CleanedPage:
    """Return the cleaned body of a page and the record of what was removed.

    ``title_hint`` is a title the format already gave (an HTML page's or a table's); lines that
    repeat it are removed as the title.

    >>> page = clean_page("首页 > 科技 > 正文\\n奥特曼回归\\n2023-11-22 10:00 来源:某网\\n奥特曼回到了OpenAI。\\n相关文章\\n别的故事")
    >>> page.text, page.title, [r.kind for r in page.removed]
    ('奥特曼回到了OpenAI。', '奥特曼回归', ['navigation', 'title', 'byline', 'related_articles', 'related_articles'])
    """
    lines = _page_lines(raw)
    if _story_list(lines):
        first_prose = next(i for i, line in enumerate(lines) if line.prose)
        for i, line in enumerate(lines):
            if line.kind is None and i < first_prose:
                _mark(line, "navigation", "above a list of other stories, not prose")
            elif line.kind is None:
                _mark(line, "recommendations", "an item of a page that lists other stories")
        return CleanedPage("", None, removed=[Removal(line.kind, line.number, line.text, line.reason) for line in lines],
                           lines=[(line.number, line.text, line.kind) for line in lines],
                           not_an_article=STORY_LIST)
    if not any(line.cls == "good" for line in lines):
        for line in lines:  # a page without long paragraphs: its sentences are the best prose it has
            if line.cls == "near" and _SENTENCE_MARK.search(line.text):
                line.cls, line.prose = "good", True
    first_body = next((i for i, line in enumerate(lines) if _opens_body(line)), len(lines))
    title_at = _title_index(lines, first_body, title_hint)
    if title_at is not None and _HOME_CRUMB.match(lines[title_at].folded):
        crumbs = lines[title_at]  # 首页 某频道 <the headline>: the headline printed alone is the title
        alone = next((j for j, line in enumerate(lines) if j != title_at and line.kind is None and line.chars >= 8
                      and crumbs.folded.rstrip().endswith(line.folded.strip())), None)
        if alone is not None:
            _mark(crumbs, "navigation", "a breadcrumb that ends with the headline")
            title_at = alone
    title = title_hint.strip() if title_hint else (lines[title_at].text if title_at is not None else None)
    if title_at is not None:
        _mark(lines[title_at], "title", "the headline")
    if title:
        folded_title = fold(title).replace(" ", "")
        for i, line in enumerate(lines):
            text = line.folded.replace(" ", "")
            if i != title_at and line.kind is None and (text == folded_title or folded_title in text and len(text) <= len(folded_title) + 12
                                  and not _opens_body(line) or text in folded_title and len(text) >= 0.7 * len(folded_title)):
                _mark(line, "repeated_title", "the headline printed again")
    # above the title: whatever is not prose is page furniture
    for line in lines[: title_at or 0]:
        if line.cls in ("short", "near"):
            _mark(line, "navigation" if not _JUNK.search(line.folded) else "scraper_junk", "above the headline, not prose")
    prose = [line for line in lines if line.prose]
    # the article's topic is learnt from its prose outside lists of other stories
    first_guess = _Topic(prose, title, vocabulary=False)
    listed = {id(line) for line, _ in _list_items(lines, first_guess.names_article_entity)}
    topic = _Topic([line for line in prose if id(line) not in listed] or prose, title)
    _lists(lines, topic)
    _translation(lines)
    _captions_printed_twice(lines)
    _timeline_dates(lines)
    _smooth(lines, topic)
    _reconsider(lines, topic)
    _other_stories(lines, topic)

    warnings = []
    prose_chars = sum(line.chars for line in prose)
    kept_prose = sum(line.chars for line in prose if line.cls == "good")
    if prose_chars and kept_prose < 0.5 * prose_chars:
        for line in prose:
            if line.kind in ("other_story", "headline_list", "recommendations", "related_articles", "comments"):
                line.cls, line.kind, line.reason = "good", None, ""
        warnings.append(f"the cleaning would have kept {kept_prose} of {prose_chars} characters of prose; "
                        "the prose was kept")

    body = [i for i, line in enumerate(lines) if line.cls != "chrome"]
    for position in _repeated_blocks([lines[i].text for i in body]):
        _mark(lines[body[position]], "repeated_body", "repeats an earlier run of paragraphs (a body printed twice)")
    paragraphs = [i for i in body if lines[i].cls != "chrome"]
    for position, i in enumerate(paragraphs):  # a summary above the body: a paragraph below, perhaps cut short
        opening, below = lines[i].text.rstrip(" .…"), paragraphs[position + 1:]
        if lines[i].chars >= PROSE_CHARS and any(lines[j].text.startswith(opening) for j in below):
            _mark(lines[i], "repeated_body", "the opening of a paragraph below, printed above it as a summary")
    for line in lines:
        if line.cls != "chrome":
            line.kind = None

    kept = [line.text for line in lines if line.kind is None]
    removed = [Removal(line.kind, line.number, line.text, line.reason) for line in lines if line.kind is not None]
    byline = [line.text for line in lines if line.kind == "byline"]
    credits = [line.text for line in lines if line.kind == "credit"]
    return CleanedPage("\n".join(kept), title, byline, credits, removed,
                       [(line.number, line.text, line.kind) for line in lines], warnings)
