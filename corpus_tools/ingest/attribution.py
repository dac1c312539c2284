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

The page's own name is also read where only its furniture prints it: the site-name suffix of the
title (``标题 - 某报``), its app (``下载某某新闻APP``, ``某报APP``), a welcome line, its account line
(``某号（公众号：…）``, ``原创首发|某号``), a standalone name just above the date stamp, a stamp line
with a read count (``某财经资讯 1234人阅读``), a desk credit (``每经记者 某某``) and a disclaimer
(``不代表某网立场``). Page furniture is not a name (``关闭广告``, ``正在阅读``, ``[综合]``), nor is a
platform (``网易号``), a person signing ``X 整理``, a count (``52次浏览``) or a page code
(``sp20241115``), nor the company that operates the site (``某某媒体有限公司版权所有``). Pinyin glosses a
converter left after characters (``網(wǎng)``) are dropped first.

A story the page says it took from elsewhere (``转载自X``, a WeChat account, ``From: X``, ``撰文：某网``,
``《某报》`` opening the title) credits X as the ``original_source`` and never names the page's outlet;
the outlet that translated or reprinted it does (``某号编译``, ``某邦经授权转载``, ``本文为某报与某刊合作``).
When nothing else names the outlet, a plain ``来源：X`` does (a site often credits itself), then the
byline's author when it is an account rather than a person (``作者：某某观察站plus``).

Names are reported canonical, through the outlet table (``corpus_tools.outlets``): ``每經`` and
``每日经济新闻`` are one outlet, and a name that begins with a known outlet's is that outlet's
(``中央社即時新聞`` -> 中央社).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlparse

from ..outlets import canonical_outlet, is_known_outlet, outlet_key
from ..scripts import fold
from .boilerplate import NOT_THE_PAGE

_NAME = r"[^\s:：|｜,，。;；()（）\[\]【】<>《》\"“”'·•]{2,24}"
#: A name in Latin letters, words and all, ending the line or before a bracket (``Lenny's Podcast``).
_LATIN_NAME = r"[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){1,4}(?=\s*(?:$|[(（|｜,，]))"
_SOURCE = re.compile(r"(?<![图片像面])(?:资料来源|文章来源|稿件来源|新闻来源|本文来源|稿源|来源|来自|转载自|转载于|转自|出处|出品(?=\s*[:：|｜丨]))(?![和及与的])"
                     r"\s*[:：|｜丨]?\s*[《「]?(?:微信公众号|公众号)?\s*[《「]?(?P<name>" + _LATIN_NAME + "|" + _NAME + ")")
#: An English credit line: ``From: The Guardian``, ``Source: Reuters``.
_FROM = re.compile(r"^(?:From|Source|Via)\s*[:：]\s*(?P<name>[A-Za-z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,4})\s*$")
#: A writer's label before an outlet's name (``撰文：某新闻网``): the story is that outlet's.
_WRITTEN_BY = re.compile(r"(?:撰文|撰稿|文)\s*[:：|｜丨]\s*(?P<name>[^\s:：,，|｜]{2,16})")
#: The outlet that translated or republished the story (``某号编译``, ``某邦经授权转载``).
_REPUBLISHED_BY = re.compile(r"(?:^|[,，。\s由])(?P<name>[^\s,，。:：|｜由]{2,12}?)\s*(?:编译|翻译|经授权转载|授权转载)(?:发布)?(?=$|[,，。:：\s(（])")
#: A known outlet in 《》 opening a title (``《某报》：…``): the story it retells is that outlet's.
_TITLE_PREFIX = re.compile(r"^《?(?P<name>[^《》\s]{2,12})》")
_WECHAT = re.compile(r"本文来自微信公众号\s*[:：]?\s*[《]?(?P<name>" + _NAME + ")")
_PUBLISHED_BY = re.compile(r"本文(?:由|为)\s*(?P<name>" + _NAME + r"?)\s*(?:发布|原创|授权|首发)")
_CREDIT = re.compile(r"^(?P<name>" + _NAME + r"?)\s*(?:报道|编辑部|出品)\s*[:：]?$")
_PLACES = ("北京时间", "北京", "上海", "广州", "深圳", "香港", "台北", "旧金山", "华盛顿", "纽约", "伦敦", "东京", "硅谷", "新加坡",
           "澳门", "天津", "重庆", "杭州", "南京", "成都", "武汉", "西安", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏",
           "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
           "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "海外", "美国")
_DATELINE = re.compile(r"^[《【\[]?(?!据|根据|援引|综合)(?P<name>[^\s\d《》【】\[\]:：,，。(（]{2,16}?)[》】\]]?\s*"
                       r"(?:(?:北京时间)?(?:(?:19|20)\d\d\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日[^，,。\d]{0,6}?(?:电|讯|消息|报道)"
                       r"|(?<!资)讯(?=\s|[（(,，:：】\]]|$)|(?<=[网社报台])消息(?=\s|[（(,，:：]))")
#: A name in brackets opening a paragraph (``（某某中文網）正文``), or the outlet telling what it noticed
#: (``某之家注意到，``): the outlet when its name says so.
_PAREN_LEAD = re.compile(r"^[(（](?P<name>[^)）\s]{2,16})[)）]\s*\S")
_NOTICED = re.compile(r"^(?P<name>[^\s\d,，。:：(（]{2,12}?)(?:注意到|获悉|了解到)")
#: A partner's story reprinted by agreement: ``本文为某报与某刊合作授权转载`` (the page is the first).
_PARTNERS = re.compile(r"本文(?:为|系)?\s*(?P<name>[^\s,，。与和]{2,12}?)\s*(?:与|和)\s*(?P<partner>[^\s,，。]{2,12}?)\s*(?:正式)?合作")
#: The byline's author, an account rather than a person when its name is long (``作者：某某观察站plus``).
_ACCOUNT_AUTHOR = re.compile(r"作者\s*[:：]\s*(?P<name>[^\s:：,，|｜]{5,20})(?:\s|$)")
#: A magazine's or paper's staff byline: ``文|《某刊》研究员 某某``.
_STAFF_OF = re.compile(r"《(?P<name>[^《》\s]{2,12})》\s*(?:记者|研究员|编辑|主笔|撰稿人|特约撰稿人|特约记者|首席记者)")
#: A bracketed name leading the first paragraph (``[某某新闻] 正文…``, ``【某报】``): an outlet when
#: its name says so (a known outlet, or a name ending as outlets' names end), not a section (``[综合]``).
_BRACKET_LEAD = re.compile(r"^[\[【](?P<name>[^\]】\s]{2,20})[\]】]\s*\S")
_OUTLET_ENDING = re.compile(r"(网|社|报|新闻|日报|时报|周刊|杂志|电视台|电台|财经|科技)$")
#: The page's own app, welcome line, account line and publishing line, in its furniture.
_OWN_NAME_FORMS = [
    re.compile(r"^(?:扫一扫|扫码|扫描)?\s*(?:下载|下載)\s*(?P<name>[^\s:：,，]{2,16}?)\s*(?:APP|App|app|客户端)\s*$"),
    re.compile(r"^(?P<name>[^\s:：,，|｜]{2,16}?)\s*(?:APP|App|app|客户端)\s*$"),
    re.compile(r"欢迎\s*(?:进入|来到|访问|光临)\s*(?P<name>[^\s:：,，!！。]{2,16}?)\s*(?:官网|官方网站|网站)?\s*[!！。]?$"),
    re.compile(r"^(?P<name>[^\s:：,，|｜(（]{2,16})\s*[(（]\s*(?:微信)?(?:公众号|微信号|ID)\s*[:：]"),
    re.compile(r"^(?:原创首发|原创|首发)\s*[|｜:：]\s*(?P<name>[^\s|｜]{2,16})\s*$"),
    re.compile(r"(?<!微信)(?<!来自)公众号\s*[-—:：|｜]\s*(?P<name>[^\s|｜]{2,16})\s*$"),
    re.compile(r"^(?P<name>[^\s:：,，|｜]{2,16})\s+(?:发布在|发布于|发表在|发表于)\s*[^\d\s]"),
]
#: The site's name in its own furniture, wherever it stands: an about, contact or follow link (``关于某某网``,
#: ``追踪某某新闻网 粉丝团``) or a tip-off line (``新闻爆料请寄: … 某某新闻网``); only names that end as outlets' do.
_FURNITURE_NAME = re.compile(
    r"(?:关于|联系|联络|加入|追踪|关注|订阅)\s*(?P<name>[^\s|｜,，:：。()（）]{1,12}?(?:新闻网|网|报|社|新闻|日报|周刊|杂志|电视台|财经|科技|之家|在线))"
    r"(?=$|[\s|｜,，:：。()（）]|粉丝|脸书|官方|频道|的)"
    r"|(?:爆料|投稿)[^。]{0,40}?(?P<tip>[\u4e00-\u9fff]{1,10}(?:新闻网|网|报|社|新闻|电视台))\s*$")
#: A header line with a read count beside the site's name (``某财经资讯 1234人阅读``).
_READ_COUNT = re.compile(r"^(?P<name>[^\s\d|｜]{2,16}?)\s*[\d,.]+\s*[万wW]?\s*(?:人|次)?(?:阅读|浏览|围观)$")
#: A desk credit: the outlet's short name before 记者/编辑 and a person (``每经记者 某某``).
_DESK = re.compile(r"^(?P<name>[^\s\d:：,，|｜]{2,8}?)(?:记者|编辑)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}(?:\s|$)")
_DISCLAIMER = re.compile(r"不代表\s*(?P<name>[^\s:：,，。的或、]{2,16}?)(?=\s*(?:的|或|、|立场|观点))")
_TITLE_SUFFIX = re.compile(r"(?:\s[-–—|｜]\s*|_|｜|\|)\s*(?P<name>[^\s_|｜\-–—]{2,14})\s*$")
#: Pinyin a converter printed after each character (``網(wǎng)``): only readings with a tone mark.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_CNA = re.compile(r"^[(（]\s*(?P<name>中央社)")
#: Datelines the first form does not read: the site's web address in brackets or ``报道,`` between the name
#: and the date (``某之家(example.com) 12 月 1 日消息``, ``某某士报道,6月25日消息``); not a time or an
#: unnamed source (``外媒报道,``, ``早些时候报道,``).
_DATELINE_LEAD = re.compile(r"^[《【\[]?(?!据|根据|援引|综合|外媒|媒体|消息人士|知情人士|今年|今天|今日|昨天|昨日|早些时候|"
                            r"当地时间|北京时间|近日|日前|此前|周[一二三四五六日])"
                            r"(?P<name>[^\s\d《》【】\[\]:：,，。(（]{2,16}?)[》】\]]?\s*"
                            r"(?:[(（][A-Za-z0-9.\-]{3,30}[)）])?\s*(?:报道|报导)?\s*[,，]?\s*"
                            r"(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|消息)")
#: A name in Latin letters before ``消息`` opening the story (``SomeWire 消息,``): the outlet when the table
#: knows it, the page's furniture prints it or the headline does not name it (``SomeCorp 消息,`` under a
#: headline about SomeCorp is the story's subject).
_LATIN_LEAD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9.&-]{2,24})\s*(?:消息|讯)\s*[,，:：]")
#: A brand opening a title, set off by a bar (``某邦丨标题``): the outlet when nothing else names one.
_TITLE_BRAND = re.compile(r"^(?P<name>[^\s丨|｜:：,，。《》]{2,8})\s*[丨|｜]\s*\S.{5,}")
#: Title brands that are columns or labels, not outlets.
_COLUMN_WORDS = re.compile(r"^(独家|深度|快讯|观点|专访|重磅|突发|热点|评论|解读|速递|早报|晚报|周报|日报|头条|焦点|视频|图解|"
                           r"直播|特稿|关注|最新|要闻|科技|财经|国际|原创|首发|热议|揭秘|盘点|复盘|一周|人物|专栏|周末|对话|访谈|"
                           r"观察|前沿|AI)$|^(对话|专访|访谈)", re.IGNORECASE)
#: An editor's note introducing what follows, by an outlet that lightly edited it (``以下是…的采访,某范儿略作编辑:``).
_EDITED_BY = re.compile(r"(?:^|[,，。\s])(?P<name>[^\s,，。:：|｜]{2,12}?)\s*(?:略作编辑|稍作编辑|编辑整理)(?=$|[,，。:：\s])")
_NOTE_OPENING = re.compile(r"^\s*[(（【\[]?\s*(?:以下|下文|编者)|[:：]\s*$")
#: Words of the note before the outlet's name (``本文经某报编辑整理``).
_NOTE_LEAD_IN = re.compile(r"^.*?(?:经过|经|由)(?=.{2})")
_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*(?:星期|周)\S)?(?:\s*\d{1,2}[:：]\d{2}(?::\d{2})?)?|"
                    r"\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|"
                    r"\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b.*|\d+\s*(?:分钟|小时|天|周|个月)前")
_COPYRIGHT_FORMS = [  # most telling first: a CJK name before 版权所有, after ©, before ©; then any name
    re.compile(r"(?P<name>[^\s©:：,，。|｜·]{2,20})\s*·?\s*版权所有"),
    re.compile(r"©\s*(?:\d{4}\s*[-–—~]?\s*(?:\d{4})?)?\s*(?P<name>[^\s©:：,，。|｜·\d]*[\u4e00-\u9fff][^\s©:：,，。|｜·]*)"),
    re.compile(r"(?P<name>[^\s©:：,，。|｜·]*[\u4e00-\u9fff][^\s©:：,，。|｜·]*)\s*©"),
    re.compile(r"(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}\s*[-–—~]?\s*(?:\d{4})?)?\s*(?P<name>[A-Za-z][\w.&-]{1,30}(?:\s(?:Corporation|Inc\.?|Ltd\.?|Limited|Group|Media|News|Times|Daily|Post|"
               r"Press|Magazine|Herald|Tribune|Weekly|Journal|Network|Review))?)", re.IGNORECASE),
]
_RELATIVE = re.compile(r"\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\d+\s*(?:分钟|小时|天|周|个月)前")
_STAMP_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}")
_APP_WORDS = re.compile(r"下载|打开|扫码|登录|注册|订阅|APP内|客户端", re.IGNORECASE)
_AUTHOR_OUTLET = re.compile(r"作者\s*[:：]\s*(?P<name>\S{2,12}(?:网|报|新闻|日报|时报|科技|财经))(?:\s|$)")
_SITE_LINE = re.compile(r"^(?P<name>[^\s|｜_>—·:：-]{2,16})(?:\s+[A-Za-z0-9.]{2,12})?(?:\s*(?:[|｜_·]|\s[-—]\s)|\s+\S{1,4}版\s)")
_BREADCRUMB = re.compile(r"^(?:.{0,6}位置(?:是)?\s*[:：]\s*)?(?P<first>[^\s>›»/]{2,16})\s*(?:首页)?\s*[>›»]\s*(?P<second>[^\s>›»/]{2,16})?")
_PEOPLE_LABELS = re.compile(r"(作者|记者|编辑|责编|责任编辑|撰文|文|图|摄影|编译|翻译|整理)\s*[:：|｜/／]\s*\S+|(?<!\S)(作者|记者|编辑|撰文)\s+\S+")
_SOURCE_SEGMENT = re.compile(r"(文章来源|本文来源|稿件来源|来源|来自|转载自)\s*[:：]?\s*\S+")
_LABEL_WORDS = re.compile(r"(更新时间|发布时间|发表时间|发布日期|发布于|发表于|发布|发表|出版|更新|时间|日期|来源|来自|浏览|阅读|"
                          r"星期.|周.|上午|下午|IP\s*属地\S*|\S*综合报导|\S*综合报道|\S*时间)\s*[:：/]?")
_NOT_NAMES = re.compile(r"^(首页|新闻|正文|登录|注册|更多|网络|网友|本站|本网|原创|转载|互联网|未知|佚名|admin|none|am|pm|the|end|"
                        r"本报|关注|分享|举报|发布|更新|时间|来源|作者|编辑|即时|即时新闻|国际|财经|科技|投稿|https?|www|"
                        # what a page's buttons say in English
                        r"close|menu|search|home|login|log\s?in|sign\s?in|skip|share|loading|subscribe|more|next|back|top|"
                        r"特约|实习|见习|首席|资深|前方|综合|网络整理|整理|编译|翻译|撰文|校对|审校|监制|原文|博客|公众号|机器|人工|自动|谷歌|本文|全文|以下|"
                        # platforms that host accounts, not outlets
                        r"网易号|百家号|搜狐号|头条号|企鹅号|大鱼号|一点号|澎湃号|新浪看点)$|"
                        r"(省|市|区|县|中心|频道|组|部|创始人|主编|总编|记者|作者|博主)$|"
                        # page furniture: what a button, menu or notice says
                        r"广告|阅读|跳转|跳轉|跳至|主要内容|浏览|评论|返回|搜索|菜单|位置|登录|下载|扫码|隐私|订阅|点击|更新|时间|网址|^go to|^skip to",
                        re.IGNORECASE)
#: Given and family name in Latin letters (an author's byline, not an outlet, unless the table knows it).
_LATIN_PERSON = re.compile(r"^(?!The )(?!.*\b(?:News|Times|Media|Daily|Weekly|Journal|Post|Review|Podcast|Magazine|Press|"
                           r"Wire|Herald|Tribune|Insider|Report)\b)[A-Z][a-z]+(?:[ .-][A-Z][a-z]+){1,2}$")
#: How much each place on the page counts when it names a candidate outlet.
WEIGHTS = {"given": 6, "stamp": 3, "late_stamp": 1, "title_brand": 1, "app": 1, "disclaimer": 1, "site": 2, "breadcrumb": 2, "copyright": 2, "author": 2,
           "dateline": 2, "url": 1}
_CHROME = ("navigation", "app_login", "share_copyright", "byline", "credit", "disclaimer", "tags", "advertisement",
           "scraper_junk", "title", "image_caption")


def _clean(name: str | None) -> str | None:
    """Return a candidate name without labels, brackets and site/company suffixes, or None."""
    if not name:
        return None
    if re.fullmatch(r"\[[^\]]*\]", name.strip()):
        return None  # [综合], [访谈]: a section tag
    name = re.sub(r"[(（][^)）]*[)）]?$", "", name).strip(" -—_|｜·:：,，.。'\"“”《》【】〔〕")
    name = re.sub(r"(综合報導|综合报道|綜合報導|記者.*|记者.*|编辑.*|編輯.*|(?<![创創写寫])作者.*|网站|網站|(?:股份)?有限公司|公司|集团|集團|官方微信|官方微博|客户端|客戶端)$",
                  "", name).strip()
    name = re.sub(r"(首页|首頁|综合|綜合|电子报|電子報|电子版|電子版|App|APP|新闻中心|新聞中心|手机版|手機版|移动版|移動版|触屏版|觸屏版|网页版|網頁版)$",
                  "", name).strip()
    name = re.sub(r"^[a-z0-9-]+\.[a-z.]+(?=[\u4e00-\u9fff])", "", name)  # on.cc東網 -> 東網
    name = re.sub(r"^([\u4e00-\u9fff][^\sA-Za-z]{1,15})\s+[A-Za-z]{2,6}$", r"\1", name)  # 中央社 CNA -> 中央社
    folded = fold(name)
    if len(name) < 2 or re.fullmatch(r"[\d\W_]+", name) or re.search(r"\d{5,}", name):
        return None  # a count, a date or a page code (sp20241115)
    if not is_known_outlet(name) and (_NOT_NAMES.search(folded) or _LATIN_PERSON.match(name)):
        head = _known_head(name)  # 某报商业组 -> 某报
        return head if head != name else None
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
        part = re.sub(r"\S+\s*(?:整理|编译|撰文|撰稿|报道)(?!\S)", " ", part)  # 某某 整理: a person
        part = _LABEL_WORDS.sub(" ", part)
        part = re.sub(r"(?<!\S)[\d,.]+\s*[万w]?\s*(次|人|条)?\S*(?!\S)|[|｜·•]", " ", part)  # 52次浏览, 3条评论
        tokens = part.split()
        latin_run = {i for i in range(len(tokens) - 1)  # John Example: a person's two names, not an outlet
                     if re.fullmatch(r"[A-Z][a-z]+", tokens[i]) and re.fullmatch(r"[A-Z][a-z]+", tokens[i + 1])}
        latin_run |= {i + 1 for i in latin_run}
        words = [w for i, w in enumerate(tokens) if i not in latin_run and _clean(w)]
        # the outlet rather than a reporter's name: a name of four or more characters if there is one
        # (a lower-case Latin handle, abcde, is a person's before it is an outlet's)
        ranked = sorted(range(len(words)), key=lambda i: (bool(re.fullmatch(r"[a-z][a-z0-9_]*", words[i])),
                                                          len(_clean(words[i])) < 4, -i if nearest_first else i))
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
        name = _span(text, _DATELINE_LEAD.match(folded))
    if not name:
        return None
    if len(name) > 3 and name.endswith(("讯", "訊")) and not name.endswith(("资讯", "資訊")):
        name = name[:-1]  # 新浪科技讯 -> 新浪科技
    folded_name = fold(name)
    for place in _PLACES:  # 中新网北京 -> 中新网
        if folded_name.endswith(place) and len(folded_name) > len(place) + 1:
            name = name[: -len(place)]
            break
    return _clean(name)


def _copyright_name(text: str, folded: str) -> str | None:
    """Return the name a copyright line claims for (``某网版权所有``, ``© 2024 某网``); not the company
    that operates the site (``某某传媒有限公司版权所有``), unless the table knows it as an outlet."""
    for pattern in _COPYRIGHT_FORMS:
        name = _span(text, pattern.search(folded))
        company = name and re.search(r"(?:有限公司|公司|集团|集團|Corporation|Inc\.?|Ltd\.?|Limited|Group)$", name, re.IGNORECASE)
        if company and not is_known_outlet(name[:company.start()].strip()):
            return None
        if name:  # 均为某网独家版权所有 -> 某网
            name = re.sub(r"^(?:均为|均係|均為|皆为|皆為|为|為|係|归|歸)", "", name)
            name = re.sub(r"(?:独家|獨家|所有)$", "", name)
        name = _clean(name)
        if name:
            return name
    return None


def _bracket_lead_name(text: str, folded: str) -> str | None:
    """Return the outlet of a bracketed lead (``[某某新闻] 正文``, ``（某某中文網）正文``) or of
    ``某之家注意到`` when the name is an outlet's."""
    found = _BRACKET_LEAD.match(folded) or _PAREN_LEAD.match(folded) or _NOTICED.match(folded)
    name = _clean(_span(text, found))
    if name and (is_known_outlet(name) or _OUTLET_ENDING.search(fold(name))):
        return name
    return None


def _own_name(text: str, folded: str) -> str | None:
    """Return the page's own name from its app, welcome, account or publishing line, if it is one."""
    for pattern in _OWN_NAME_FORMS:
        name = _clean(_span(text, pattern.search(folded)))
        if name:
            return name
    return None


def _title_suffix_name(text: str, folded: str) -> str | None:
    """Return the site name a title line ends with (``标题 - 某报``, ``标题_某网``); not the headline after
    a short label (``某公司 | 一句长长的标题``: the part after the bar is longer than the part before)."""
    found = _TITLE_SUFFIX.search(folded)
    if not found or found.start() < 6 or len(folded[:found.start()].strip()) < len(found.group("name")):
        return None
    return _clean(_span(text, found))


def _furniture_name(text: str, folded: str) -> str | None:
    """Return the site's name from an about, contact or follow link, or a tip-off line of its furniture."""
    found = _FURNITURE_NAME.search(folded)
    return found and (_clean(_span(text, found)) or _clean(_span(text, found, "tip")))


def _title_brand_name(text: str, folded: str, lines: list[tuple[int, str, str | None]]) -> str | None:
    """Return the brand a title opens with (``某邦丨标题``), unless it is a column's label (``独家丨``) or a
    name the story itself prints (``某人丨我为何…``: its subject) in one of the page's body ``lines``."""
    found = _TITLE_BRAND.match(folded.strip())
    if not found or _COLUMN_WORDS.match(found.group("name")):
        return None
    if any(found.group("name") in fold(body) for _, body, kind in lines if kind is None):
        return None
    return _clean(text.strip()[found.start("name"):found.end("name")])


def _edited_by_name(text: str, folded: str) -> str | None:
    """Return the known outlet that says, in a note introducing what follows, that it edited the story
    (``以下是…的采访,某范儿略作编辑:``)."""
    if not _NOTE_OPENING.search(folded):
        return None
    name = _span(text, _EDITED_BY.search(folded))
    if name and not is_known_outlet(name):
        name = _NOTE_LEAD_IN.sub("", name)  # 本文经某报 -> 某报
    name = _clean(name)
    return name if name and is_known_outlet(name) else None


def _desk_name(text: str, folded: str) -> str | None:
    """Return the outlet of a desk credit (``每经记者 某某``) when the name is an outlet's."""
    name = _clean(_span(text, _DESK.match(folded)))
    if name and (is_known_outlet(name) or _OUTLET_ENDING.search(fold(name))):
        return name
    return None


def _known_head(name: str) -> str:
    """Return the longest start of ``name`` that the outlet table knows (with a Chinese character,
    two at least: ``某报商业组`` -> 某报), else ``name``."""
    if is_known_outlet(name):
        return name
    for end in range(len(name) - 1, 1, -1):
        head = name[:end]
        if re.search(r"[\u4e00-\u9fff]", head) and len(outlet_key(head)) >= 2 and is_known_outlet(head):
            return head
    return name


def _canonical(name: str) -> str:
    """Return the outlet table's name for ``name``: its own entry, else the entry it begins with
    (``中央社即時新聞`` -> 中央社), else ``name`` as printed."""
    return canonical_outlet(_known_head(name))


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


def _breadcrumb_sections(folded: str) -> set[str]:
    """Return the parts of a breadcrumb after its first (``某网 > 科技 > 正文``: 科技, 正文): the site's
    sections, which a stamp line may print beside the date (``2024-11-14 科技``) but which are not outlets."""
    found = _BREADCRUMB.search(folded)
    if not found:
        return set()
    parts = [part.strip() for part in re.split(r"[>›»]", folded[found.start("first"):])]
    return {part for part in parts[1:] if part}


def _first_line_name(text: str, folded: str) -> str | None:
    """Return the site's name opening the page's first line (a menu, a masthead): the part before
    a separator, the whole line when short, else its first word; not a breadcrumb, an app prompt or
    an English notice (``Please enable JavaScript.``)."""
    first = re.match(r"^([^|｜_>—]{2,16}?)\s*[|｜_]", folded.strip())
    if not first:
        first = re.match(r"^([^|｜_>—-]{2,16})$", folded.strip()) if "  " not in folded.strip() else None
    first = first or re.match(r"^([^\s|｜_>—-]{2,16})(?:\s|$)", folded)
    sentence = re.match(r"^[A-Za-z]+(?:\s+[A-Za-z']+){2,}", folded.strip())
    if first and not sentence and not _BREADCRUMB.search(folded) and not _APP_WORDS.search(first.group(1)):
        return text[: first.end(1)]
    return None


def _standalone_name(lines: list[tuple[int, str, str | None]], position: int, filled: list[int]) -> str | None:
    """Return the name a line holds alone: a known outlet, or a short name just above the date stamp;
    not the value of a form's label on the line before (``媒體來源:`` then ``中央社``)."""
    text = lines[position][1].strip()
    name = _clean(text) if len(text) <= 16 and not re.search(r"\s\S+\s", text) else None
    if not name:
        return None
    before = [lines[i][1].strip() for i in filled if i < position][-1:]
    if before and before[0].endswith((":", "：")):
        return None
    after = [lines[i] for i in filled if i > position][:1]
    above_stamp = bool(after) and after[0][2] == "byline" and bool(
        _STAMP_DATE.search(fold(after[0][1])) or _RELATIVE.search(fold(after[0][1])))
    return name if is_known_outlet(name) or (above_stamp and len(name) <= 10) else None


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
              given_outlet: str | None = None, choose=None) -> tuple[str | None, str | None, str]:
    """Return ``(outlet, original_source, basis)`` for a page's classified lines.

    ``choose`` (the loader passes ``outlet_choice.choose``) is asked, with the lines and the folded names
    the page credits, for the outlet when nothing else names it: no form the rules read, no URL, no
    account on a page that credits nothing, no name the page credits without saying it took the story
    from there. It returns a choice (``name``, ``probability``) or None.

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
    taken_from: set[str] = set()
    accounts: list[str] = []  # the byline's author when it is an account, the outlet if nothing else is
    datelines: list[str] = []
    chrome_texts: list[str] = []
    site_texts: list[str] = []
    body_seen = 0
    sections: set[str] = set()  # the site's sections its breadcrumb names (not the outlet)

    hows: dict[str, set] = defaultdict(set)

    printed: dict[str, set] = defaultdict(set)  # canonical name -> the forms the page prints it in

    def vote(name: str | None, how: str, checked: bool = True) -> None:
        """Count a candidate outlet; ``checked=False`` for a name the page marks as one (in 《》),
        which may be a common word (财经)."""
        name = _clean(name) if checked else (name or "").strip() or None
        if name:
            printed[_canonical(name)].update({fold(name), fold(_known_head(name))})
            name = _canonical(name)
            hows[name].add(how)
            votes[name] += WEIGHTS[how]
            own[name] = max(own[name], WEIGHTS[how])
            order.setdefault(name, len(order))

    def credit(name: str | None, taken: bool = False) -> None:
        """Record a credited source; ``taken`` when the page says the story was taken from it
        (reposted, translated, a WeChat account's), so it cannot be the page's own name."""
        name = _clean(name)
        if name:
            printed[_canonical(name)].update({fold(name), fold(_known_head(name))})
            name = _canonical(name)
            if name not in sources:
                sources.append(name)
            if taken:
                taken_from.add(name)

    def dateline(name: str | None) -> None:
        if name and not datelines:  # the story's own dateline is the first
            vote(name, "dateline")
            datelines.append(_canonical(name))

    lines = [(number, _PINYIN_GLOSS.sub("", text), kind) for number, text, kind in lines]
    filled = [i for i, (_, text, _) in enumerate(lines) if text.strip()]
    latin_leads: list[str] = []  # SomeWire 消息, opening the story: the outlet if the furniture prints it
    if given_outlet:
        vote(given_outlet, "given")
    for position, (_, text, kind) in enumerate(lines):
        if kind in NOT_THE_PAGE:
            continue
        folded = fold(text)
        credit(_span(text, _FROM.match(folded.strip())), taken=True)
        if kind is None and body_seen <= 6:  # an editor's note above the first paragraph
            credit(_span(text, _WECHAT.search(folded)), taken=True)
        if body_seen <= 6 or kind in ("byline", "credit"):
            written_by = _clean(_span(text, _WRITTEN_BY.search(folded)))
            if written_by and (is_known_outlet(written_by) or _OUTLET_ENDING.search(fold(written_by))):
                credit(written_by, taken=True)
            vote(_span(text, _REPUBLISHED_BY.search(folded)), "author")
        if "编辑" in folded:  # an editor's note introducing what follows, wherever it stands
            vote(_edited_by_name(text, folded), "author")
        partners = _PARTNERS.search(folded)
        if partners:
            vote(_span(text, partners), "site")
            credit(_span(text, partners, "partner"), taken=True)
        if kind is None:
            body_seen += 1
            if body_seen <= 6:  # chrome the cleaner kept may come before the first paragraph
                dateline(_dateline_name(text, folded) or _bracket_lead_name(text, folded))
                latin_leads += [_span(text, found) for found in [_LATIN_LEAD.match(folded)] if found]
            if body_seen <= 3 and len(folded.strip()) <= 40:
                for match in _SOURCE.finditer(folded):  # 文章转载于X above the first paragraph
                    if match.start() <= 4:
                        credit(_span(text, match), taken=bool(re.match(r"转载|转自|资料来源", match.group(0))))
                vote(_own_name(text, folded), "site")
                vote(_span(text, _READ_COUNT.match(folded.strip())), "stamp")
                vote(_desk_name(text, folded), "author")
            vote(_span(text, _DISCLAIMER.search(folded)), "disclaimer")
            continue
        chrome_texts.append(folded)
        if kind in ("navigation", "app_login", "share_copyright", "scraper_junk", "advertisement"):
            site_texts.append(folded)
        if kind in ("navigation", "app_login", "share_copyright", "scraper_junk", "advertisement", "disclaimer"):
            vote(_furniture_name(text, folded), "app")
        found = _WECHAT.search(folded)
        if found:
            credit(_span(text, found), taken=True)
        else:
            for pattern in (_PUBLISHED_BY, _SOURCE):
                for match in pattern.finditer(folded):
                    credit(_span(text, match), taken=bool(re.match(r"转载|转自|资料来源", match.group(0))))
        if kind == "credit":
            whole = _clean(text.strip())
            if whole and is_known_outlet(whole):
                credit(whole)  # 某某经济报道 alone on a line is the outlet's name, not a 报道 credit
            else:
                credit(_span(text, _CREDIT.match(folded)))
            name = _dateline_name(text, folded)  # 〔記者…／台北報導〕 lines name desks, rarely outlets
            if name and (folded.startswith(("(中央社", "（中央社")) or re.search(r"(?<!资)讯\s*$", folded)):
                dateline(name)
        if kind == "byline" and body_seen <= 3 and not accounts:
            account = _clean(_span(text, _ACCOUNT_AUTHOR.search(folded)))
            if account and not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", account):
                accounts.append(_canonical(account))
        if kind in ("credit", "byline"):
            vote(_desk_name(text, folded), "author")
            vote(_span(text, _STAFF_OF.search(folded)), "author", checked=False)
        if kind == "byline" or (kind == "title" and body_seen == 0):
            relative = bool(_RELATIVE.search(folded)) and not _STAMP_DATE.search(folded)
            vote(_stamp_side_name(text, folded), "stamp" if body_seen == 0 and not relative else "late_stamp")
            author = _AUTHOR_OUTLET.search(folded)
            if author:
                vote(_span(text, author), "author")
        if kind in ("title", "repeated_title") and body_seen <= 3:
            vote(_own_name(text, folded), "site")  # 原创首发|某号 taken for a title
        if re.search(r"公众号|原创首发", folded):
            vote(_own_name(text, folded), "site")
        if kind == "title" and body_seen <= 3:
            vote(_title_suffix_name(text, folded), "site")
            vote(_title_brand_name(text, folded, lines), "title_brand")
            prefix = _clean(_span(text, _TITLE_PREFIX.match(folded.strip())))
            if prefix and is_known_outlet(prefix):
                credit(prefix, taken=True)
        if kind in ("share_copyright", "disclaimer") and re.search(r"版权|©|copyright", folded, re.IGNORECASE):
            vote(_copyright_name(text, folded), "copyright")
        vote(_span(text, _DISCLAIMER.search(folded)), "disclaimer")
        if body_seen <= 3 and kind not in ("title", "repeated_title", "byline"):
            vote(_standalone_name(lines, position, filled), "site")
            own_name = _own_name(text, folded)
            vote(own_name, "app" if own_name and re.search(r"app|客户端", folded, re.IGNORECASE) else "site")
        if body_seen <= 3:
            vote(_span(text, _READ_COUNT.match(folded.strip())), "stamp")
        if position == 0 and kind not in ("title", "repeated_title", "byline", "image_caption"):
            vote(_first_line_name(text, folded), "site")  # a masthead, whatever else the cleaner read it as
        if kind in ("navigation", "app_login", "scraper_junk", "share_copyright") and body_seen == 0 and position < 8:
            crumb = _breadcrumb_name(text, folded)
            vote(crumb, "breadcrumb")
            sections |= _breadcrumb_sections(folded) - {fold(crumb or "")}
            site = _SITE_LINE.match(folded)
            if site and position > 0 and not _BREADCRUMB.search(folded):
                vote(_span(text, site), "site")
    headline = fold(" ".join(text for _, text, kind in lines if kind == "title")) if latin_leads else ""
    for name in latin_leads:  # the story's subject is named in its headline; the outlet rarely is
        if is_known_outlet(name) or any(fold(name) in line for line in site_texts) or fold(name) not in headline:
            dateline(name)
    direct = dict(votes)
    for name in direct:  # a longer name takes the votes of the shorter names inside it ...
        for other, weight in direct.items():
            if other != name and fold(other) in fold(name):
                votes[name] += weight
        # ... and so does, once, another line of page furniture that prints it (an app prompt, a menu)
        forms = printed[name] | {fold(name)}
        votes[name] += min(1, max(0, sum(1 for line in chrome_texts if any(f in line for f in forms)) - 1))
    # ties go to the stronger single piece of evidence, then to the more specific (longer) name
    candidates = sorted(votes, key=lambda n: (-votes[n], -own[n], -len(n), order[n]))
    credited = {fold(s) for s in sources}

    def is_credited(name: str) -> bool:
        """A credited source is not the outlet, unless the site's own furniture prints it too."""
        if not any(fold(name) in s or s in fold(name) for s in credited):
            return False
        forms = printed[name] | {fold(name)}
        return not any(any(f in line for f in forms) and not _SOURCE.search(line) for line in site_texts)

    # a dateline credits the story's author: it names the outlet only when nothing else does
    named = [n for n in candidates if not is_credited(n) and fold(n) not in sections]
    outlet = next((n for n in named if hows[n] - {"dateline", "late_stamp", "title_brand"}), named[0] if named else None)
    if outlet is None and url:
        outlet, basis = domain_name(url), "outlet: the URL's domain (the page names none)"
    elif outlet is None and accounts and not sources:
        outlet, basis = accounts[0], "outlet: the account that wrote it (the page names no other)"
    elif outlet is None:  # a site often labels its own stories 来源:itself; a story taken from X is not X's page
        outlet = next((s for s in sources if s not in taken_from), None)
        choice = choose(lines, credited) if choose is not None and outlet is None else None
        if outlet:
            basis = "outlet: the only name the page credits"
        elif choice:
            outlet = choice.name
            basis = (f"outlet: the learned choice among the names the page prints (probability "
                     f"{choice.probability:.2f}; no form the rules read names it)")
        elif sources:
            basis = "outlet: the page names none (it credits where the story was taken from)"
        else:
            basis = "outlet: the page names none"
    else:
        basis = f"outlet: {votes[outlet]} votes among the page's names ({', '.join(candidates[:3])})"
    original = next((s for s in sources + datelines if outlet is None or not (fold(s) in fold(outlet) or fold(outlet) in fold(s))), None)
    return outlet, original, basis


def clean_name(name: str | None) -> str | None:
    """Return a printed name without labels, brackets and site/company suffixes; None when it is no name
    (furniture, a platform, a count, a person in Latin letters, a place)."""
    return _clean(name)


def canonical_name(name: str) -> str:
    """Return the outlet table's name for a printed name (its own entry, or the entry it begins with)."""
    return _canonical(name)


def without_glosses(text: str) -> str:
    """Return a line without the pinyin a converter printed after its characters (``網(wǎng)`` -> ``網``)."""
    return _PINYIN_GLOSS.sub("", text)
