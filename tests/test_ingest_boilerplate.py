"""Boilerplate removal on pages written for these tests, in the shapes of real outlets' pages."""

from collections import Counter

import pytest

from corpus_tools.ingest.boilerplate import KINDS, clean_page, count_chars

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"
P3 = "董事会成员苏茨克维随后在社交平台上表示，他对自己参与董事会的这一行动深感后悔，并希望公司重新团结。"
P4 = "数百名OpenAI员工签署联名信，要求董事会集体辞职，并让奥特曼和布罗克曼回到公司，否则将考虑离职。"
BODY = [P1, P2, P3, P4]


def kinds(page):
    return Counter(r.kind for r in page.removed)


def assert_body_kept(page, body=BODY):
    kept = page.text.split("\n")
    for paragraph in body:
        assert paragraph in kept


def test_an_app_login_menu_at_the_top_never_takes_the_body():
    page = clean_page("\n".join([
        "登录 | 注册 | 下载客户端", "打开某新闻APP，阅读体验更佳", "扫描二维码 手机上看新闻", "某科技 > 互联网 > 正文",
        "OpenAI董事会罢免奥特曼", "2023年11月18日 08:12 某科技", "分享到： 微博 微信 QQ空间 复制链接", *BODY,
    ]))
    assert_body_kept(page)
    assert page.title == "OpenAI董事会罢免奥特曼"
    assert {"app_login", "navigation", "title", "byline", "share_copyright"} <= set(kinds(page))


def test_chrome_in_the_middle_removes_only_itself():
    page = clean_page("\n".join([
        "奥特曼被罢免", P1, "分享到：微博 微信", P2, "图片来源：视觉中国", P3, "广告", "(本文图片来源于网络)", P4,
        "责任编辑：某某", "版權所有 © 某網",
    ]))
    assert page.text.split("\n") == BODY
    assert kinds(page)["share_copyright"] == 2 and kinds(page)["advertisement"] == 1


def test_a_trending_list_between_paragraphs_ends_where_the_story_resumes():
    page = clean_page("\n".join([
        "奥特曼被罢免", P1, P2, "热门推荐", "华为发布新一代折叠屏手机", "多地出台新政支持首套房贷款",
        "双十一收官：直播电商增速放缓", P3, P4, "猜你喜欢", "这家火锅店排队三小时",
    ]))
    assert page.text.split("\n") == BODY
    assert kinds(page)["recommendations"] == 6


def test_a_headline_list_without_a_heading_is_removed():
    page = clean_page("\n".join([
        "奥特曼被罢免", P1, P2, "新加坡第三季度经济增长放缓", "港铁新线明年通车沿线受关注", "本周末天气转凉最低气温十七度",
        P3, P4,
    ]))
    assert page.text.split("\n") == BODY
    assert kinds(page)["headline_list"] == 3


def test_a_paragraph_of_another_story_is_flagged():
    other = "另讯，本市今年第三批保障性租赁住房项目昨日集中开工，共涉及十二个地块，预计可提供房源四千余套。"
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, other, P3, P4]))
    assert page.text.split("\n") == BODY
    flagged = [r for r in page.removed if r.kind == "other_story"]
    assert [r.text for r in flagged] == [other] and "names none" in flagged[0].reason


def test_a_paragraph_without_names_inside_the_story_is_kept():
    comment = "分析人士认为，管理层更迭或许反而减少了转型过程中的内部阻力，市场反应也相对平静。"
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, comment, P3, P4]))
    assert comment in page.text.split("\n")


def test_less_than_half_the_prose_is_never_kept_silently():
    unrelated = ["今天北京天气晴朗，气温在十度左右，适合外出散步，市民纷纷前往公园赏秋。",
                 "本市地铁十号线周末将调整运营时间，请乘客提前规划出行路线，避免耽误行程。",
                 "新学期的图书馆开放时间延长到晚上十点，学生们对此表示欢迎，并希望增加座位。"]
    page = clean_page("\n".join(["相关新闻", *unrelated]))
    assert page.text.split("\n") == unrelated
    assert page.warnings and "the prose was kept" in page.warnings[0]


def test_traditional_script_chrome_is_removed():
    body = ["OpenAI董事會周五宣布，執行長奧特曼因與董事會溝通不夠坦誠而被解除職務，消息震動了整個矽谷。",
            "據知情人士透露，奧特曼被解僱前幾分鐘才接到通知，微軟也只是在公告發布前不久才得知這一決定。"]
    page = clean_page("\n".join([
        "自由時報電子報 | 下載APP | 訂閱 | 登入", "首頁 > 國際", "OpenAI董事會開除奧特曼", "2023/11/18 10:35",
        body[0], "▲奧特曼今年5月出席聽證會。（路透社）", body[1], "熱門新聞", "台股收盤大漲逾200點", "本網站之文字，非經授權，不得轉載。",
    ]))
    assert page.text.split("\n") == body
    assert {"navigation", "image_caption", "recommendations", "disclaimer"} <= set(kinds(page))


def test_title_printed_twice_and_body_printed_twice():
    page = clean_page("\n".join(["奥特曼被罢免", "2023-11-18 10:00", "奥特曼被罢免", *BODY, *BODY]))
    assert page.text.split("\n") == BODY
    assert kinds(page) == Counter({"title": 1, "byline": 1, "repeated_title": 1, "repeated_body": 4})


@pytest.mark.parametrize("seed", range(5))
def test_every_removed_line_is_recorded_with_kind_and_reason(seed):
    lines = ["首页 > 科技", "奥特曼被罢免", "2023-11-18 10:00 来源：某网", *BODY, "相关文章", "别的故事的标题", "Copyright © 某网"]
    lines = lines[seed:] + lines[:seed]
    raw = "\n".join(lines)
    page = clean_page(raw)
    assert count_chars(raw) == count_chars(page.text) + sum(count_chars(r.text) for r in page.removed)
    assert all(r.kind in KINDS and r.reason for r in page.removed)
    assert all(p in page.text.split("\n") for p in BODY)


def test_a_dated_line_inside_the_body_that_names_the_story_stays():
    entry = "2023年11月17日 奥特曼被解雇"
    page = clean_page("\n".join(["奥特曼风波大事记", "2023-11-20 10:00", P1, entry, P2, P3]))
    assert page.text.split("\n") == [P1, entry, P2, P3]
    assert [r.kind for r in page.removed] == ["title", "byline"]


def test_patterns_with_a_first_character_lookahead_match_exactly_as_before():
    import re
    from pathlib import Path

    from corpus_tools.ingest import boilerplate
    from corpus_tools.patterns import with_first_chars
    from corpus_tools.paths import RAW_DIR
    from corpus_tools.scripts import fold

    gold = Path(__file__).parent / "data" / "gold_pages"
    pages = [p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt")) + sorted(gold.glob("*.labeled.txt"))]
    lines = {fold(line.split("\t")[-1].strip()) for page in pages for line in page.split("\n")}
    lines |= {"", "  ", "Copyright 2023", "ＡＰＰ下载", "www.example.com/a", "IC photo", "ſign in", "K客户端"}
    wrapped = [name for name, value in vars(boilerplate).items()
               if isinstance(value, re.Pattern) and value.pattern.startswith("(?=[")]
    assert len(wrapped) >= 10
    for name in wrapped:
        fast = getattr(boilerplate, name)
        plain = re.compile(fast.pattern.split(")(?:", 1)[1][:-1], fast.flags)
        assert with_first_chars(plain).pattern == fast.pattern
        for line in lines:
            assert [m.span() for m in fast.finditer(line)] == [m.span() for m in plain.finditer(line)], (name, line)
            assert fast.split(line) == plain.split(line), (name, line)
            fast_start, plain_start = fast.match(line), plain.match(line)
            assert (fast_start and fast_start.span()) == (plain_start and plain_start.span()), (name, line)


def _odd_lines():
    """Lines of the bundled and gold pages, and odd strings: both scripts, web addresses, characters
    whose casefolding changes their length, CJK compatibility ideographs, blanks, emoji, surrogates."""
    from pathlib import Path

    from corpus_tools.paths import RAW_DIR

    gold = Path(__file__).parent / "data" / "gold_pages"
    pages = [p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt")) + sorted(gold.glob("*.labeled.txt"))]
    lines = [line.split("\t")[-1] for page in pages for line in page.split("\n")]
    return lines + ["", " ", "奥", "奥特", "奥 特", "奥\n特", "Straße奥特曼ﬁ", "ǰ奥特", "奥ß特", "豈更車", "㐀䶵一鿿",
                    "见https://example.com/奥特曼/www.x.cn特曼", "www.奥特曼.com", "ＯｐｅｎＡＩ奥特曼😀奥特", "奥\ud800特",
                    "K奥ſ特", "奧特曼與布羅克曼", "\u3000奥特曼\u3000"]


def test_bigrams_equal_the_plain_definition_on_odd_strings():
    """``_bigrams`` (pairs as numbers from one array operation) against the definition it replaced:
    the casefolded text, web addresses blanked, Latin words and every overlapping CJK pair by regex."""
    import re

    from corpus_tools.ingest import boilerplate

    pair = re.compile(r"(?=([\u3400-\u9fff\uf900-\ufaff]{2}))")

    def plain(text):
        text = text.casefold()
        if "://" in text or "www." in text:
            text = boilerplate._URL.sub(" ", text)
        return set(re.findall(r"[a-z0-9]+", text)) | set(pair.findall(text))

    for text in _odd_lines():
        assert {boilerplate._unit_text(u) for u in boilerplate._bigrams(text)} == plain(text), text
        assert len(boilerplate._bigrams(text)) == len(plain(text)), text


def test_casefolding_neither_changes_nor_makes_cjk_characters():
    """Why pairs may be read before casefolding (``_pair_keys``): checked over every code point."""
    import re
    import sys

    cjk = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert folded and (folded == char if cjk.match(char) else not cjk.search(folded)), hex(code)


def test_line_pairs_read_from_the_page_equal_each_line_own():
    """A line's units read from its page's ``_pair_keys`` are the units of the line alone."""
    from corpus_tools.ingest import boilerplate

    lines = _odd_lines()
    raw = "\n".join(f"  {line} \t" if i % 3 else line for i, line in enumerate(lines)).replace("\ud800", "?")
    for line in boilerplate._page_lines(raw):
        assert boilerplate._line_bigrams(line) == boilerplate._bigrams(line.folded), line.text


def test_a_repeated_line_shares_the_units_and_entities_it_would_find_alone():
    from corpus_tools.entities import find_all_mentions
    from corpus_tools.ingest import boilerplate

    raw = "\n".join([P1, "  奥特曼回归 ", P2, P1, "奥特曼回归", P1 + " ", "www.example.com/altman 奥特曼"])
    lines = boilerplate._page_lines(raw)
    assert [line.same is not None for line in lines] == [False, False, False, True, True, True, False]
    for line in lines:
        assert boilerplate._line_bigrams(line) == boilerplate._bigrams(line.folded)
        assert boilerplate._line_entities(line) == {m[3] for m in find_all_mentions(line.text)}


def test_a_page_cut_off_in_mid_paragraph_keeps_its_last_words():
    page = clean_page("\n".join(["奥特曼被罢免", *BODY, "然而董事会内部的"]))
    assert page.text.split("\n") == [*BODY, "然而董事会内部的"]


def test_a_last_line_after_the_footer_is_still_chrome():
    page = clean_page("\n".join(["奥特曼被罢免", *BODY, "责任编辑：某某", "追踪某某日报官方账号"]))
    assert page.text.split("\n") == BODY


def test_a_long_lede_with_no_headline_above_it_is_body():
    lede = "11月18日消息，据外媒报道，OpenAI董事会周五突然宣布，首席执行官奥特曼将离开公司，由首席技术官穆拉蒂暂代其职务"
    page = clean_page("\n".join([lede, *BODY]))
    assert page.text.split("\n") == [lede, *BODY]


def test_a_label_ending_in_a_colon_is_not_the_headline():
    page = clean_page("\n".join(["编者按：", "这是一篇关于奥特曼的长文，值得一读。", *BODY]))
    assert page.title != "编者按："


@pytest.mark.parametrize("line, kind", [
    ("本网站使用Cookie以提供更好的阅读体验，继续浏览即代表您同意我们的隐私政策。", "app_login"),
    ("您使用的浏览器版本较旧，已不再受支持，建议您更新浏览器版本。", "app_login"),
    ("0 seconds of 45 secondsVolume 80%", "scraper_junk"),
    ("0秒至45秒音量80%", "scraper_junk"),
    ("このページは繁体字版です。日本語版に移動しますか。", "navigation"),
    ("한국어", "navigation"),
    ("摘要生成中", "navigation"),
    ("关闭", "navigation"),
    ("photo_20231118.jpg", "image_caption"),
    ("▲奥特曼今年5月出席国会听证会，他在会上呼吁加强对人工智能的监管，引发各方关注。", "image_caption"),
    ("微软总部外景，微软表示将继续与OpenAI保持合作关系，并欢迎奥特曼加入公司的新团队。（路透）", "image_caption"),
    ("奥特曼在开发者大会上发表演讲，介绍了公司最新推出的多款产品和服务。图片来源：某图片社", "image_caption"),
    ("(Source: Some Photo Agency)", "image_caption"),
    ("Jane Doe and John Roe", "byline"),
    ("Alice Smith, Bob Jones and Carol White", "byline"),
    ("某某财经资讯3201人阅读", "byline"),
    ("阅读(57)", "byline"),
    ("原标题：奥特曼重返OpenAI，董事会大换血，微软获得观察员席位", "credit"),
    ("编者按：本文来自微信公众号某某研究（ID：someid），经授权转载。", "credit"),
    ("(ID:some-account)", "credit"),
    ("出品 | 某某科技", "credit"),
    ("张三/核稿编辑", "credit"),
    ("From: Some Weekly", "credit"),
    ("本文有删改", "credit"),
    ("广告（请继续阅读本文）", "advertisement"),
    ("[启动某某推播] 每日重大新闻通知", "app_login"),
    ("3 则回应", "comments"),
    ("阅读更多：另一个关于人工智能公司的故事", "related_articles"),
    ("**Keywords:** OpenAI, board, return", "tags"),
    ("专题：奥特曼重返OpenAI", "tags"),
    ("简介说起这次风波，很多人都没有想到，一家如此受人瞩目的公司会在一个周五的下午突然宣布撤换创始人，而且事先毫无征兆", "repeated_body"),
])
def test_page_furniture_is_recognised_by_its_form(line, kind):
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, line, P3, P4]))
    assert [r.kind for r in page.removed if r.text == line] == [kind]
    assert_body_kept(page)


def test_a_short_caption_line_or_section_number_inside_the_body_is_not_furniture():
    page = clean_page("\n".join(["奥特曼被罢免", P1, "01", P2, "导读  Introduction", P3, P4]))
    assert page.text.split("\n") == [P1, "01", P2, "导读  Introduction", P3, P4]


OTHER_STORIES = [
    ("新一代折叠屏手机发布，售价创下新高",
     "据介绍，这款手机采用全新的铰链设计，机身厚度比上一代减少了近两毫米，续航能力也有明显提升。", "2023-11-20 10:00"),
    ("多地出台新政支持居民首套房贷款",
     "多个城市近日宣布下调首套房贷款利率，并放宽公积金贷款条件，以支持居民合理的住房需求。", "2023-11-20 09:30"),
    ("双十一收官：直播电商增速明显放缓",
     "今年双十一期间，各大平台的成交额增速普遍回落，直播带货的热度也不如往年，商家更加注重利润。", "2023-11-19 18:45"),
]


@pytest.mark.parametrize("heading", ["为您推荐", "相关新闻", None])
def test_a_page_of_other_stories_headlines_blurbs_and_stamps_holds_no_article(heading):
    items = [line for story in OTHER_STORIES for line in story]
    page = clean_page("\n".join(["某某网", *([heading] if heading else []), *items]))
    assert page.text == "" and "list of other stories" in page.not_an_article
    assert not page.warnings
    assert {r.text for r in page.removed} >= set(items)


def test_an_article_under_a_list_heading_is_not_a_list_of_stories():
    page = clean_page("\n".join(["热门推荐", "奥特曼被罢免", "2023-11-18 10:00", *BODY]))
    assert not page.not_an_article and page.text.split("\n") == BODY


def test_a_timeline_of_one_story_with_a_date_per_entry_is_not_a_list_of_stories():
    entries = ["2023-11-17 12:00", P1, "2023-11-18 09:00", P2, "2023-11-19 21:00", P3, "2023-11-20 08:00", P4]
    page = clean_page("\n".join(["奥特曼风波时间线", *entries]))
    assert not page.not_an_article
    assert_body_kept(page)


def test_a_section_number_and_its_subheading_before_prose_are_body():
    page = clean_page("\n".join(["奥特曼被罢免", "责任编辑：某某", "1", "董事会内部的分歧", *BODY]))
    assert page.text.split("\n") == ["1", "董事会内部的分歧", *BODY]


def test_a_subheading_naming_the_story_and_its_one_line_lede_are_body():
    heading, lede = "OpenAI员工联名要求董事会辞职", "奥特曼的支持者 穆拉蒂 也在签名之列"
    page = clean_page("\n".join(["奥特曼被董事会罢免后数百名员工联名要求其回归", "2023-11-20 10:00", heading, lede, *BODY]))
    assert page.text.split("\n") == [heading, lede, *BODY]


def test_a_line_two_lines_above_prose_is_not_a_heading_unless_it_names_the_story():
    page = clean_page("\n".join(["奥特曼被罢免", "2023-11-20 10:00", "以下内容转自某某网", "某某网 . 某某集团主办的网站", *BODY]))
    assert "以下内容转自某某网" not in page.text.split("\n")


@pytest.mark.parametrize("sentence", [
    "他说，这些证据来自几位高管之间的聊天截图。",
    "奥特曼在X上回应称，他对这一结果深感遗憾，并感谢Twitter上的支持者，他还表示",
    "一位员工写道：首页 > 公司 > 董事会，这就是我们的日常。",
])
def test_a_sentence_that_mentions_screenshots_platforms_or_arrows_is_body(sentence):
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, sentence, P3, P4]))
    assert sentence in page.text.split("\n")


def test_the_headline_printed_again_without_its_tag_is_removed():
    page = clean_page("\n".join(["[新闻] 奥特曼被董事会罢免 微软股价下跌", "2023-11-18 10:00", "奥特曼被董事会罢免 微软股价下跌", *BODY]))
    assert page.text.split("\n") == BODY
    assert kinds(page)["repeated_title"] == 1


@pytest.mark.parametrize("line", ["=====", "如果想支持本站继续更新，欢迎订阅我的会员计划，每月只需一杯咖啡的价钱，即可阅读全部文章。"])
def test_rules_and_appeals_between_paragraphs_are_chrome(line):
    page = clean_page("\n".join(["奥特曼被罢免", *BODY[:2], line, *BODY[2:]]))
    assert page.text.split("\n") == BODY


def test_the_dates_heading_a_timeline_s_entries_are_body():
    timeline = ["2023年11月17日", P2, "2023年11月18日", P3, "11月21日", P4]
    page = clean_page("\n".join(["奥特曼风波时间线", "2023-11-22 10:00 来源：某网", P1, *timeline]))
    assert page.text.split("\n") == [P1, *timeline]
    assert [r.kind for r in page.removed] == ["title", "byline"]


def test_a_single_date_between_paragraphs_stays_chrome():
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, "2023年11月18日", P3, P4]))
    assert page.text.split("\n") == BODY


def test_a_translation_announced_by_its_heading_is_the_body_again():
    english = ["**Title:** Board removes the chief executive", "The board said on Friday that it had lost confidence in him.",
               "Employees signed a letter asking for his return."]
    page = clean_page("\n".join(["奥特曼被罢免", *BODY, "英文如下：", *english]))
    assert page.text.split("\n") == BODY
    assert kinds(page)["repeated_body"] == 4


def test_english_lines_without_a_translation_heading_are_left_to_the_other_rules():
    english = "The board said on Friday that it had lost confidence in the chief executive, Sam Altman."
    page = clean_page("\n".join(["奥特曼被罢免", P1, english, P2, P3, P4]))
    assert english in page.text.split("\n")


@pytest.mark.parametrize("caption", [
    "奥特曼与穆拉蒂的合影", "某位研究员的推文", "从左至右依次为：甲、乙、丙", "新董事会成员，左起：甲、乙、丙",
    "资料图：奥特曼今年5月在国会出席听证会", "首图撷自某图库网站，经本报裁切。", "Jane McDonald and John O'Hara",
])
def test_captions_that_say_what_the_picture_shows_are_removed(caption):
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, caption, P3, P4]))
    assert page.text.split("\n") == BODY


def test_a_caption_printed_twice_in_a_row_goes_and_a_lede_printed_twice_stays_once():
    caption = "奥特曼在发布会上"
    lede = "半年过去了，奥特曼依然摆脱不了那场董事会风波的影响，外界仍在追问。"
    page = clean_page("\n".join(["奥特曼被罢免", "2023-11-20 10:00", lede, lede, P1, caption, caption, P2, P3, P4]))
    assert page.text.split("\n") == [lede, *BODY]


def test_a_one_paragraph_article_under_a_list_of_headlines_is_not_a_list_of_stories():
    items = [line for title, _, stamp in OTHER_STORIES for line in (title, stamp)]
    page = clean_page("\n".join(["为您推荐", *items, "奥特曼被罢免", "2023-11-18 10:00", P1]))
    assert not page.not_an_article and P1 in page.text.split("\n")


@pytest.mark.parametrize("sentence", [
    "谷歌表示，将在明年逐步停止支持第三方Cookie，广告行业正在寻找替代方案。",
    "苹果公司发布了新的操作系统更新（Apple）",
])
def test_sentences_that_only_mention_cookies_or_a_bracketed_name_are_body(sentence):
    page = clean_page("\n".join(["奥特曼被罢免", P1, P2, sentence, P3, P4]))
    assert sentence in page.text.split("\n")


def test_buttons_a_sections_count_and_a_handle_beside_a_date_are_chrome():
    page = clean_page("\n".join(["奥特曼被罢免", "editor 11-23 5", *BODY, "阅读", "分享", "行业动态 12", "点赞 12"]))
    assert_body_kept(page)
    removed = {r.text: r.kind for r in page.removed}
    assert removed["editor 11-23 5"] == "byline"
    assert {removed[t] for t in ("阅读", "分享", "行业动态 12", "点赞 12")} == {"navigation"}


def test_a_summary_that_repeats_the_opening_of_a_paragraph_is_not_kept():
    teaser = P1[:34] + "…"
    page = clean_page("\n".join(["奥特曼被罢免", teaser, *BODY]))
    kept = page.text.split("\n")
    assert teaser not in kept and kept.count(P1) == 1
    assert_body_kept(page)


def test_an_images_click_to_enlarge_line_is_a_caption():
    page = clean_page("\n".join(["奥特曼被罢免", P1, "点击图片可放大查看", *BODY[1:]]))
    assert [r.kind for r in page.removed if r.text == "点击图片可放大查看"] == ["image_caption"]


def test_a_breadcrumb_ending_with_the_headline_gives_way_to_the_headline_printed_alone():
    page = clean_page("\n".join(["首页 科技频道 奥特曼重返OpenAI董事会", "奥特曼重返OpenAI董事会", *BODY]))
    assert page.title == "奥特曼重返OpenAI董事会"
    assert [r.kind for r in page.removed if r.text.startswith("首页")] == ["navigation"]
    assert_body_kept(page)


def test_a_share_button_an_originality_claim_and_a_machine_summarys_notice_are_chrome():
    notice = "本摘要由某某 AI 模型生成，其内容仅供参考。"
    page = clean_page("\n".join(["奥特曼被罢免", "摘要由 某某 AI 生成", notice, *BODY, "本文系作者原创。", "分享这篇文章"]))
    assert_body_kept(page)
    removed = {r.text: r.kind for r in page.removed}
    assert removed["分享这篇文章"] == "navigation"
    assert removed["摘要由 某某 AI 生成"] == removed[notice] == removed["本文系作者原创。"] == "disclaimer"


@pytest.mark.parametrize("sentence", [
    "他说，这段代码系作者原创，并非从别处抄来，董事会对此并无异议。",
    "这份报告的摘要由公司提供，全文尚未公开，外界只能从摘要中推测董事会的理由。",
    "更多人开始关注这家公司的新闻",
])
def test_sentences_that_merely_say_original_summary_or_more_stay(sentence):
    assert sentence in clean_page("\n".join(["奥特曼被罢免", P1, sentence, *BODY[1:]])).text.split("\n")


def test_a_known_outlets_name_alone_on_a_line_is_its_masthead_and_more_from_it_a_list_heading():
    page = clean_page("\n".join(["奥特曼被罢免", "第一财经", *BODY, "更多 第一财经 新闻"]))
    assert_body_kept(page)
    removed = {r.text: r.kind for r in page.removed}
    assert removed["第一财经"] == "navigation" and removed["更多 第一财经 新闻"] == "recommendations"
    # a name the outlet table does not know stays (it may be a one-word lede)
    assert "晨星快报" in clean_page("\n".join(["奥特曼被罢免", "晨星快报", *BODY])).text.split("\n")


def test_a_headline_the_page_opens_with_is_the_title_even_when_its_marks_make_it_read_as_prose():
    headline = "奥特曼重返OpenAI！董事会为何让步，员工为何集体请愿？"
    long_body = [P1 + P2, P3 + P4]  # paragraphs of more than 60 characters
    page = clean_page("\n".join([headline, *long_body]))
    assert page.title == headline
    assert_body_kept(page, long_body)
    # a first paragraph with a full stop is the body's, not a headline
    lede = "奥特曼回来了，董事会已经改组。"
    assert lede in clean_page("\n".join([lede, *long_body])).text.split("\n")


def test_a_tip_off_line_is_chrome():
    page = clean_page("\n".join(["奥特曼被罢免", *BODY, "新聞爆料請寄：tips@example.com 某某新聞網", "投稿邮箱：news@example.com"]))
    assert_body_kept(page)
    assert {r.kind for r in page.removed if "@" in r.text} == {"disclaimer"}
