"""Every date form of issue 14, on small pages written for these tests."""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ingest.boilerplate import clean_page
from corpus_tools.ingest.dates import find_date, url_date

BODY = "奥特曼周一表示，他将与布罗克曼一起加入微软，领导一个新的人工智能研究团队。\n微软首席执行官纳德拉随后在社交平台上确认了这一消息，并称对合作充满信心。"


def beijing(text):
    return pd.Timestamp(text, tz="Asia/Shanghai")


def date_of(page, url=None):
    return find_date(clean_page(page).lines, url)


@pytest.mark.parametrize("header, expected", [
    ("2023-11-20 23:42:38 看看新闻Knews综合", "2023-11-20 23:42:38"),
    ("第一财经 2023-11-20 16:19:43", "2023-11-20 16:19:43"),
    ("发布时间：2023年11月20日 10:05", "2023-11-20 10:05"),
    ("2023/11/20", "2023-11-20"),
    ("日期：2023.11.20", "2023-11-20"),
    ("發布日期：民國112年11月21日", "2023-11-21"),
    ("發布日期：112年11月21日", "2023-11-21"),
    ("2023年11月18日 週六 下午3:40", "2023-11-18 15:40"),
    ("東網 2023年11月22日(三) 15:40", "2023-11-22 15:40"),
    ("時間 Thu Sep 26 11:03:15 2024", "2024-09-26 11:03:15"),
    ("Published Nov 20, 2023", "2023-11-20"),
])
def test_stamps_after_the_headline(header, expected):
    finding = date_of(f"奥特曼将加入微软\n{header}\n{BODY}")
    assert finding.published == beijing(expected)
    assert finding.basis.startswith("page")


def test_published_beats_updated():
    finding = date_of(f"奥特曼将加入微软\n更新时间：2023-11-21 12:05\n发布时间：2023-11-21 10:32\n{BODY}")
    assert finding.published == beijing("2023-11-21 10:32")


@pytest.mark.parametrize("lead, stamp, expected", [
    ("《科创板日报》11月22日讯，", "2023.11.22 14:35", "2023-11-22 14:35"),
    ("快科技11月19日消息，", "更新时间 2023-11-19", "2023-11-19"),
    ("中新网北京11月20日电 ", "2023年11月20日 10:05", "2023-11-20 10:05"),
])
def test_yearless_datelines_take_the_year_from_the_page(lead, stamp, expected):
    finding = date_of(f"奥特曼将加入微软\n{stamp}\n{lead}{BODY}")
    assert finding.published == beijing(expected)


def test_a_yearless_dateline_takes_the_year_from_the_url():
    finding = date_of(f"奥特曼将加入微软\n中新网5月22日电 {BODY}", url="https://example.com/2024/05/22/a.html")
    assert finding.published == beijing("2024-05-22")
    assert "year 2024" in finding.basis


def test_a_yearless_stamp_takes_the_year_from_elsewhere_on_the_page():
    finding = date_of(f"奥特曼将加入微软\n11-20 10:05 今日快讯\n{BODY}\n参考：2023-11-20 发布的公告")
    assert finding.published == beijing("2023-11-20 10:05")


def test_a_yearless_dateline_alone_is_pending_not_guessed():
    finding = date_of(f"奥特曼将加入微软\n快科技11月19日消息，{BODY}")
    assert pd.isna(finding.published) and (finding.pending.month, finding.pending.day) == (11, 19)
    assert finding.basis.startswith("pending")


@pytest.mark.parametrize("url, expected, precision", [
    ("https://example.com/tech/2023/11/22/openai.html", "2023-11-22", "day"),
    ("https://example.com/tech/2023-11-22/doc-1.shtml", "2023-11-22", "day"),
    ("https://example.com/news/20231122/a.html", "2023-11-22", "day"),
    ("https://example.com/news/202311/t1.html", "2023-11-01", "month"),
    ("https://m.example.com/a/1700462735000.html", "2023-11-20 14:45:35", "time"),
])
def test_url_dates(url, expected, precision):
    stamp, found_precision, _ = url_date(url)
    assert stamp == beijing(expected) and found_precision == precision


def test_a_page_dated_only_by_its_url():
    finding = date_of(f"奥特曼将加入微软\n{BODY}", url="https://example.com/2023/11/22/a.html")
    assert finding.published == beijing("2023-11-22") and finding.basis.startswith("url")
    month_only = date_of(f"奥特曼将加入微软\n{BODY}", url="https://example.com/news/202311/t1.html")
    assert pd.isna(month_only.published) and "month" in month_only.basis


def test_the_central_news_agency_filing_code():
    finding = date_of(f"奧特曼將加入微軟\n（中央社記者某某舊金山17日綜合外電報導）{BODY}\n（編輯：某某）1121118")
    assert finding.published == beijing("2023-11-18")
    assert "filing code" in finding.basis


def test_a_repost_stamp_does_not_replace_the_articles_date():
    page = (f"某资讯站 - 每天更新\n奥特曼将加入微软\n发布时间：2024-12-03 09:27 文章来源：第一财经\n"
            f"第一财经 2023-11-20 16:19:43\n{BODY}")
    finding = date_of(page)
    assert finding.published == beijing("2023-11-20 16:19:43")
    assert finding.repost_published == beijing("2024-12-03 09:27")
    assert "repost" in finding.basis


def test_stamps_of_listed_stories_are_not_the_articles():
    page = f"奥特曼将加入微软\n{BODY}\n相关新闻\n华为发布新款手机\n2023-12-02 21:53\n"
    finding = date_of(page)
    assert pd.isna(finding.published) and finding.basis == "missing: the page prints no date"


def test_the_corpus_gives_a_pending_dateline_its_year(tmp_path):
    dated = f"奥特曼将加入微软\n2023-11-19 10:00 某网\n快科技11月19日消息，{BODY}"
    (tmp_path / "a.txt").write_text(dated, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"奥特曼将加入微软\n快科技11月19日消息，{BODY}", encoding="utf-8")
    (tmp_path / "c.txt").write_text("关于天气的报道\n今天北京的天气晴朗，气温在十度左右，适合外出散步和锻炼身体。", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = ct.load_corpus(tmp_path)
    assert corpus.loc["b", "published"] == beijing("2023-11-19")
    assert corpus.loc["b", "date_basis"].startswith("inferred: ") and "same story" in corpus.loc["b", "date_basis"]
    assert pd.isna(corpus.loc["c", "published"]) and corpus.index[-1] == "c"
    assert corpus.attrs["undated"] == [{"article_id": "c", "reason": "missing: the page prints no date"}]
    assert any("c: undated" in str(w.message) for w in caught)


def test_a_day_only_dateline_takes_its_date_from_the_storys_copies(tmp_path):
    body = "（中央社記者某某舊金山25日綜合外電報導）人工智慧公司OpenAI技術長穆拉蒂今天宣布離職，執行長奧特曼隨後發文致謝。\n" \
           "穆拉蒂在社群平台發文說，經過深思熟慮，她做出離開OpenAI的艱難決定，希望給自己時間和空間。"
    (tmp_path / "wire.txt").write_text(f"穆拉蒂閃辭\n2024/09/26 10:35\n{body}", encoding="utf-8")
    (tmp_path / "blog.txt").write_text(f"穆拉蒂閃辭\n{body}", encoding="utf-8")
    corpus = ct.load_corpus(tmp_path)
    assert corpus.loc["blog", "published"] == beijing("2024-09-26")
    assert corpus.loc["blog", "date_basis"].startswith("inferred: ") and "only the day" in corpus.loc["blog", "date_basis"]


def test_a_web_address_printed_on_the_page_does_not_date_it():
    page = f"奥特曼将加入微软\n更新时间：2023-11-21 10:05\n{BODY}\n参考链接：https://example.com/2023/11/20/story/"
    assert date_of(page).published == beijing("2023-11-21 10:05")


def test_the_pages_own_address_printed_above_the_body_dates_it(tmp_path):
    (tmp_path / "a.txt").write_text(f"https://blog.example.net/2023/11/22/timeline/\n奥特曼五天大事记\n{BODY}", encoding="utf-8")
    row = ct.load_corpus(tmp_path).loc["a"]
    assert row.url == "https://blog.example.net/2023/11/22/timeline/"
    assert row.published == beijing("2023-11-22") and row.date_basis.startswith("url")


# ----- issue 21: forms found on real pages (written here in the same forms) -----

@pytest.mark.parametrize("header, expected", [
    ("2023.11.19 03:49PM", "2023-11-19 15:49"),
    ("2023年12月6日 上午7:42 美国东部标准时间", "2023-12-06 20:42"),
    ("2024-06-20 18:00 (UTC)", "2024-06-21 02:00"),
    ("Posted June. 21, 2024 07:47", "2024-06-21 07:47"),
    ("發布於 2024年09月26日08:22 (更新於 2024年09月27日10:00)", "2024-09-26 08:22"),
    ("2024-05-2110:10 科技频道", "2024-05-21 10:10"),
    ("- 编辑部 - 2023-11-20 - 阅读数", "2023-11-20"),
])
def test_stamp_forms_of_real_pages(header, expected):
    finding = date_of(f"奥特曼将加入微软\n{header}\n{BODY}")
    assert finding.published == beijing(expected), finding.basis


def test_a_stamp_printed_over_three_short_lines():
    finding = date_of(f"奥特曼将加入微软\n2023\n11/30\n12:30\n{BODY}")
    assert finding.published == beijing("2023-11-30 12:30")


@pytest.mark.parametrize("ending", ["（譯者：王小明／核稿：李大華）1121118", "（編輯：陳大文）\n1121118"])
def test_the_filing_code_at_the_end_of_the_page(ending):
    finding = date_of(f"奧特曼將加入微軟\n{BODY}\n{BODY}\n{ending}")
    assert finding.published == beijing("2023-11-18")
    assert "filing code" in finding.basis


def test_a_lede_that_opens_with_the_event_date_is_not_a_stamp():
    lede = "2023年11月17日，OpenAI董事会宣布罢免奥特曼，这一消息震惊了整个科技界。"
    finding = date_of(f"奥特曼将加入微软\n{lede}\n{BODY}")
    assert pd.isna(finding.published)


# ----- issue 21: the year of a year-less dateline, chosen across the corpus -----

DEPARTURE = ("苏茨克维尔宣布离开OpenAI，他表示将专注于一个对自己意义重大的新项目，超级对齐团队负责人莱克随后也宣布辞职。\n"
             "莱克在社交平台发文称，过去几年安全文化和流程让位于光鲜的产品，他与公司领导层在核心优先事项上分歧已久。")
CRISIS = ("OpenAI董事会宣布罢免奥特曼的首席执行官职务，称他在与董事会的沟通中不够坦诚，首席技术官穆拉蒂出任临时首席执行官。\n"
          "公司总裁布罗克曼随后宣布辞职，数百名员工联名致信董事会，要求董事会全体辞职并恢复奥特曼的职务。")


def _write(folder, name, text):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def test_the_year_fits_the_dated_articles_the_page_resembles(tmp_path):
    _write(tmp_path, "crisis_a", f"董事会罢免奥特曼\n2023-11-18 09:00\n{CRISIS}")
    _write(tmp_path, "crisis_b", f"员工联名信\n2023-11-20 10:00\n{CRISIS}\n微软宣布聘请奥特曼和布罗克曼领导新团队。")
    _write(tmp_path, "departure_a", f"苏茨克维尔离职\n2024-05-15 08:00\n{DEPARTURE}")
    _write(tmp_path, "departure_b", f"莱克辞职\n2024-05-18 11:00\n{DEPARTURE}\n奥特曼回应称感谢莱克的贡献。")
    # no year and no dated copy of its own story: the year is the one its events were reported in
    _write(tmp_path, "yearless", "科技快讯\n某科技媒体5月20日消息，苏茨克维尔离开OpenAI之后，超级对齐团队已经解散，莱克等研究人员"
                                 "相继出走。\n外界担心OpenAI的安全承诺，莱克此前批评安全文化让位于产品，奥特曼表示将在几天内回应。")
    corpus = ct.load_corpus(tmp_path)
    assert corpus.loc["yearless", "published"] == beijing("2024-05-20")
    assert "year 2024 fits the dated articles it resembles" in corpus.loc["yearless", "date_basis"]


def test_a_year_no_evidence_chooses_is_listed_not_guessed(tmp_path):
    _write(tmp_path, "crisis_a", f"董事会罢免奥特曼\n2023-11-18 09:00\n{CRISIS}")
    _write(tmp_path, "other", "天气\n某网3月2日消息，北京今天天气晴朗，气温回升，市民纷纷外出踏青赏花。\n气象部门提醒，早晚温差较大，注意添衣。")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = ct.load_corpus(tmp_path)
    assert pd.isna(corpus.loc["other", "published"])
    assert corpus.loc["other", "date_basis"].startswith(("ambiguous", "missing"))
    assert "other" in [u["article_id"] for u in corpus.attrs["undated"]]


def test_a_dateline_wins_over_a_repost_stamp_a_year_later(tmp_path):
    _write(tmp_path, "crisis_a", f"董事会罢免奥特曼\n2023-11-18 09:00\n{CRISIS}")
    _write(tmp_path, "crisis_b", f"员工联名信\n2023-11-20 10:00\n{CRISIS}\n微软宣布聘请奥特曼和布罗克曼领导新团队。")
    _write(tmp_path, "departure_a", f"苏茨克维尔离职\n2024-05-15 08:00\n{DEPARTURE}")
    _write(tmp_path, "repost", f"奥特曼被罢免\n2024-11-25 16:00:00\n中新网11月19日电 {CRISIS}")
    corpus = ct.load_corpus(tmp_path)
    row = corpus.loc["repost"]
    assert row.published == beijing("2023-11-19")
    assert row.repost_published == beijing("2024-11-25 16:00")


def test_the_stamp_of_a_page_compiled_from_the_web_is_not_the_articles():
    finding = date_of(f"奥特曼将加入微软\n时间：2025-08-20 10:26:11 来源：网络整理 编辑：综合\n{BODY}")
    assert pd.isna(finding.published) and finding.repost_published == beijing("2025-08-20 10:26:11")
    assert "compiled from the web" in finding.basis
    named = date_of(f"奥特曼将加入微软\n时间：2023-11-20 10:26:11 来源：某某日报\n{BODY}")
    assert named.published == beijing("2023-11-20 10:26:11")
