import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.chronology import california_day_differs, event_type, merge_events, resolve_expressions, dated_events


def _sents(text, published, article_id="a"):
    table = ct.sentences(text)
    return table.assign(article_id=article_id, published=pd.Timestamp(published, tz="Asia/Shanghai"))


def _resolved(text, published):
    found = resolve_expressions(_sents(text, published))
    return [(r.expression, r.date_start.strftime("%Y-%m-%d"), r.precision) for r in found.itertuples()]


SATURDAY = "2023-11-18 10:06"
TUESDAY = "2023-11-21 10:05"


@pytest.mark.parametrize("text, published, expected", [
    ("周五,董事会解雇了奥特曼。", SATURDAY, [("周五", "2023-11-17", "day")]),
    ("自周六早晨奥特曼被开除后,局势急转直下。", TUESDAY, [("周六早晨", "2023-11-18", "day")]),
    ("上周日微软表示,正在聘请奥特曼。", TUESDAY, [("上周日", "2023-11-19", "day")]),
    ("他在2015年与马斯克共同创立了OpenAI。", SATURDAY, [("2015年", "2015-01-01", "year")]),
    ("要约收购已被延长至明年1月5日。", "2023-12-08 09:41", [("明年1月5日", "2024-01-05", "day")]),
    ("昨天凌晨,穆拉蒂宣布离职。", "2024-09-27 00:00", [("昨天凌晨", "2024-09-26", "day")]),
    ("今年五月份,OpenAI 被曝出逼迫离职员工签署协议。", "2024-09-27 00:00", [("今年五月份", "2024-05-01", "month")]),
    ("五月份,雷克官宣离职。", "2024-09-27 00:00", [("五月份", "2024-05-01", "month")]),
    ("在去年底,OpenAI 的员工数量只有大约 770 名。", "2024-09-27 00:00", [("去年底", "2023-11-01", "month")]),
    ("奥特曼上月中旬被董事会解雇。", "2023-12-08 09:41", [("上月中旬", "2023-11-11", "month")]),
])
def test_resolution_against_the_publication_time(text, published, expected):
    assert _resolved(text, published) == expected


@pytest.mark.parametrize("text", [
    "11月18日消息,据知情人士透露,董事会解雇了奥特曼。",  # the article's own dateline
    "他们在消息公布前5到10分钟才得知。",  # a duration
    "在 OpenAI 工作近八年的 McGrew 感到很累。",
    "在过去大约 3 年的时间里,团队经历了很多。",
    "现在有可能出现大规模辞职。",
    "第二天他离开了公司。",  # nothing to anchor to
    "昨天是我担任负责人的最后一天。",  # a quoted speaker's own clock
    "签名见 https://www.axios.com/2023/11/20/openai-staff-letter",  # a date inside a web address
])
def test_non_events_are_not_dated(text):
    assert _resolved(text, SATURDAY) == []


def test_dateless_expressions_are_anchored_to_the_event_before():
    text = "周三,他在旧金山的大会上与与会者交流,第二天在峰会上发表了讲话。"
    assert _resolved(text, SATURDAY) == [("周三", "2023-11-15", "day"), ("第二天", "2023-11-16", "day")]
    found = resolve_expressions(_sents("周一,苏茨克维早上在推特上道歉。", TUESDAY))
    assert found.date_start.dt.strftime("%Y-%m-%d").tolist() == ["2023-11-20", "2023-11-20"]
    assert found.rule.iloc[1] == "part of day of 周一"
    two = _sents("五月份,雷克官宣离职。离职当天,他发了十多条帖子。", "2024-09-27 00:00")
    assert resolve_expressions(two).date_start.dt.strftime("%Y-%m").tolist() == ["2024-05", "2024-05"]


def test_a_weekday_after_an_event_needs_a_day_anchor():
    assert _resolved("奥特曼上月中旬被解雇,员工在他被解雇后的周日开始打电话。", "2023-12-08 09:41") == [
        ("上月中旬", "2023-11-11", "month")]


def test_event_types_and_clocks():
    assert event_type("上周日微软表示,正在聘请Altman加入微软新的人工智能部门") == "microsoft_hire"
    assert event_type("今年五月份,OpenAI 被曝出逼迫离职员工签署极其严苛的离职协议") == "agreement"
    assert event_type("天气很好") == "other"
    evening = (pd.Timestamp("2023-11-20 18:00"), pd.Timestamp("2023-11-20 23:59"))
    assert california_day_differs(*evening, "day") == "no"
    assert california_day_differs(pd.Timestamp("2023-11-20"), pd.Timestamp("2023-11-20 23:59"), "day") == "possibly"


def test_merging_across_articles_keeps_disagreement():
    first = _sents("上周五,董事会罢免了奥特曼。", TUESDAY, "x")
    second = _sents("自周六早晨奥特曼被开除后,一切都变了。", TUESDAY, "y")
    third = _sents("周三,他出席了大会。第二天,他在峰会上发表了讲话。", SATURDAY, "z")
    sents = pd.concat([first, second, third], ignore_index=True)
    events = dated_events(sents, resolve_expressions(sents))
    published = pd.Series(pd.Timestamp(TUESDAY, tz="Asia/Shanghai"), index=["x", "y", "z"])
    merged = merge_events(events, published)
    removal = merged[merged.event_type == "removal"].iloc[0]
    assert removal.n_sources == 2 and removal.article_id == "x, y" and removal.sources_disagree
    assert "x: 上周五 = 2023-11-17" in removal.dates_reported and "y: 周六早晨 = 2023-11-18" in removal.dates_reported
    assert (merged.event_type == "conference").sum() == 2  # one article's two days stay two events


def test_the_bundled_chronology_reads_as_a_chronology(corpus):
    table = ct.chronology(corpus)
    assert 15 <= len(table) <= 50
    assert table.date_start.is_monotonic_increasing
    chrome_days = {"2023-12-02", "2023-12-05", "2023-12-11"}  # dates of recommended stories, not of this news
    assert not set(table.date_start.dt.strftime("%Y-%m-%d")) & chrome_days
    removal = table[table.event_type == "removal"].sort_values("n_sources").iloc[-1]
    assert removal.n_sources >= 2 and removal.date_start.strftime("%Y-%m-%d") == "2023-11-17"
    murati = table[(table.event_type == "departure") & (table.precision == "day")].iloc[-1]
    assert murati.date_start.strftime("%Y-%m-%d") == "2024-09-26" and murati.california_day_differs == "yes"
    forecast = table[table.after_publication]
    assert "2024-01-05" in set(forecast.date_start.dt.strftime("%Y-%m-%d"))


def test_reported_figures_show_the_disagreements(corpus):
    figures = ct.reported_figures(corpus)
    valuations = figures[(figures.quantity == "valuation") & (figures.value < 1e11)]
    assert sorted(valuations.value / 1e8) == [800, 850, 860]
    assert valuations.article_id.nunique() == 3
    signatures = set(figures[figures.quantity == "signatures"].value)
    assert {490, 500, 700} <= signatures
    assert set(figures[figures.quantity == "headcount"].value) >= {770, 1600}
