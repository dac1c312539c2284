"""The learned outlet choice: its candidate names and what it chooses, on pages we write ourselves."""

import math

import numpy as np
import pandas as pd
import pytest

from corpus_tools.ingest import attribution, outlet_choice
from corpus_tools.ingest.boilerplate import clean_page

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"


def features_of(page: str) -> dict[str, dict[str, float]]:
    return {c.name: dict(zip(outlet_choice.FEATURES, c.features))
            for c in outlet_choice.candidates(clean_page(page).lines)}


def test_the_names_of_the_stamp_and_copyright_lines_are_read_with_where_they_stand():
    found = features_of(f"奥特曼被罢免\n晨星快报 2023-11-20 10:05 来源：某某社\n{P1}\n{P2}\nCopyright © 2023 晨星快报 版权所有")
    assert "晨星快报" in found and "某某社" not in found  # a credited source is not the page naming itself
    name = found["晨星快报"]
    assert name["ctx_before_stamp"] == 1 and name["ctx_before_copyright"] == 1
    assert name["end_报"] == 1 and name["chrome_lines"] > 0 and name["only_body"] == 0
    assert all(len(values) == len(outlet_choice.FEATURES) for values in found.values())


def test_a_dateline_lead_is_read_without_its_news_word_and_pinyin_glosses_are_dropped():
    found = features_of(f"奥特曼被罢免\n蓝湾网(wǎng)科技讯 11月20日消息，{P1}\n{P2}")
    assert "蓝湾网科技" in found and found["蓝湾网科技"]["ctx_lead_dateline"] == 1
    assert found["蓝湾网科技"]["only_body"] == 1
    assert not any("wǎng" in name for name in found)


def test_furniture_words_and_dates_are_not_candidates():
    found = features_of(f"首页 | 登录 | 注册\n奥特曼被罢免\n2023-11-20 10:05 阅读 1234\n{P1}\n{P2}")
    assert not {"首页", "登录", "注册", "阅读"} & set(found)
    assert not any(name.isdigit() for name in found)


def toy_model(feature: str, above: float, below: float = -4.0) -> dict:
    """A model of one stump on ``feature``: log-odds ``below`` at or under 0.5, ``above`` over it."""
    index = outlet_choice.FEATURES.index(feature)
    return {"features": outlet_choice.FEATURES, "init": 0.0, "learning_rate": 1.0,
            "stumps": [[index, 0.5, below, above]]}


def loader(page: str, url: str | None = None):
    """The outlet and original source as the loader reads them (the rules, then the shipped choice)."""
    return attribution.attribute(clean_page(page).lines, url, choose=outlet_choice.choose)[:2]


def test_the_probability_is_the_logistic_of_the_prior_plus_the_stumps_scaled_by_the_learning_rate():
    model = {"features": outlet_choice.FEATURES, "init": -1.0, "learning_rate": 0.5,
             "stumps": [[0, 0.5, -2.0, 2.0], [1, 0.25, 1.0, 3.0]]}
    values = np.zeros((1, len(outlet_choice.FEATURES)))
    values[0, 0], values[0, 1] = 1.0, 0.25  # above the first threshold; at the second (at or below goes low)
    expected = 1 / (1 + math.exp(-(-1.0 + 0.5 * (2.0 + 1.0))))
    assert outlet_choice.probabilities(values, model)[0] == pytest.approx(expected)


def test_a_feature_is_compared_in_single_precision_with_a_threshold_in_double_as_scikit_learn_does():
    threshold = 0.14642857760190964  # its nearest float32 lies above it
    model = {"features": outlet_choice.FEATURES, "init": 0.0, "learning_rate": 1.0,
             "stumps": [[0, threshold, -1.0, 1.0]]}
    values = np.zeros((2, len(outlet_choice.FEATURES)))
    values[0, 0], values[1, 0] = float(np.float32(threshold)), threshold
    low, high = 1 / (1 + math.exp(1.0)), 1 / (1 + math.exp(-1.0))
    assert outlet_choice.probabilities(values, model).tolist() == pytest.approx([high, high])
    values[1, 0] = 0.1464285
    assert outlet_choice.probabilities(values, model)[1] == pytest.approx(low)


def test_the_most_probable_name_is_chosen_unless_the_page_credits_it_as_its_source():
    lines = clean_page(f"奥特曼被罢免\n晨星快报 2023-11-20 10:05\n{P1}\n{P2}").lines
    model = toy_model("ctx_before_stamp", above=3.0)
    choice = outlet_choice.choose(lines, model=model)
    assert choice.name == "晨星快报" and choice.probability > outlet_choice.THRESHOLD
    assert outlet_choice.choose(lines, credited={"晨星快报"}, model=model) is None
    assert outlet_choice.choose(lines, credited={"晨星快报客户端"}, model=model) is None  # one inside the other
    assert outlet_choice.choose(lines, credited={"晨星"}, model=model).name == "晨星快报"  # too short to rule it out
    assert outlet_choice.choose(lines, model=toy_model("ctx_before_stamp", above=-1.0)) is None  # below the threshold


def test_names_printed_in_brackets_as_credits_or_captions_or_as_credits_and_citations_are_no_candidates():
    caption = "（图为本市集装箱码头一角，当日共有三十多艘货轮在此装卸，场面十分繁忙）"
    for page, name in ((f"{P1}\n{P2}\n（新华社）", "新华社"), (f"{P1}\n（新华社记者 王小明 摄）\n{P2}", "新华社"),
                       (f"{P1}\n{P2}\n（据新华社）", "新华社"), (f"{P1}\n{P2}\n(Reuters)", "路透社"),
                       (f"{P1}\n{P2}\n{caption}（蓝湾之家）", "蓝湾之家"),
                       (f"（声明：本文仅代表作者个人观点，不代表本站立场，文中图片来自蓝湾之家）\n{P1}\n{P2}", "蓝湾之家"),
                       (f"{P1}\n{P2}\n蓝湾之家供图", "蓝湾之家"), (f"{P1}\n{P2}\n图片来源：蓝湾之家", "蓝湾之家"),
                       (f"{P1}\n蓝湾社记者在现场看到，{P2}\n（蓝湾社）", "蓝湾社"),
                       (f"{P1}\n据蓝湾社报道，{P2}", "蓝湾社")):
        keys = {c.key for c in outlet_choice.candidates(clean_page(f"奥特曼被罢免\n{page}").lines)}
        assert name not in keys or name == "蓝湾社" and "记者在现场" in page, page
    # the wire's printing in the story (蓝湾社记者…) is a candidate, described by that printing alone
    lines = clean_page(f"奥特曼被罢免\n{P1}\n蓝湾社记者在现场看到，{P2}\n（蓝湾社）").lines
    assert not [c for c in outlet_choice.candidates(lines)
                if c.key == "蓝湾社" and c.features[outlet_choice.FEATURES.index("ctx_bracket_lead")]]


def test_a_bracket_that_opens_a_paragraph_as_its_dateline_names_the_page():
    for page in (f"奥特曼被罢免\n【蓝湾之家讯】{P1}\n{P2}", f"奥特曼被罢免\n[蓝湾之家] {P1}\n{P2}",
                 f"奥特曼被罢免\n（蓝湾之家）{P1}\n{P2}"):
        assert "蓝湾之家" in {c.key for c in outlet_choice.candidates(clean_page(page).lines)}, page
    for page in (f"奥特曼被罢免\n{P1}\n{P2}\n【免责声明】本文仅代表作者个人观点，与本站无关。",
                 f"奥特曼被罢免\n（蓝湾之家：本文仅代表作者个人观点）{P1}\n{P2}"):
        assert "蓝湾之家" not in {c.key for c in outlet_choice.candidates(clean_page(page).lines)}, page


def test_the_headline_is_never_chosen_even_with_its_punctuation_or_in_brackets():
    short = toy_model("ctx_line_short", above=3.0)
    for headline in ("骑手的温暖之家", "外卖骑手的温暖之家！", "外賣騎手的溫暖之家！"):
        lines = clean_page(f"{headline}\n【{headline}】\n{P1}\n{P2}").lines
        assert outlet_choice.choose(lines, model=short) is None, headline
    lines = clean_page(f"蓝湾之家\n{P1[:20]}\n{P1}\n{P2}").lines  # a short line above: a site, not a headline
    assert outlet_choice.choose(lines, model=short) is not None


def test_a_name_comes_back_as_the_page_prints_it():
    t1 = "國際航線運力較去年同期成長三成以上，出境旅遊需求持續回溫，各家業者紛紛加開班次。"
    t2 = "分析師指出，票價已出現小幅回落，下半年獲利有望改善，但燃油成本仍是變數。"
    lines = clean_page(f"國際航線運力大增\n藍灣之家 · 2024-06-25\n{t1}\n{t2}").lines
    names = {c.key: c.name for c in outlet_choice.candidates(lines)}
    assert names["蓝湾之家"] == "藍灣之家"
    assert outlet_choice.choose(lines, model=toy_model("ctx_before_stamp", above=3.0)).name == "藍灣之家"


def test_the_rules_consult_the_choice_only_where_nothing_else_names_the_outlet():
    asked = []

    def stub(lines, credited):
        asked.append(set(credited))
        return outlet_choice.Choice("蓝湾之家", 0.8)

    named = clean_page(f"奥特曼被罢免\n{P1}\n{P2}\nCopyright © 2023 晨星快报 版权所有").lines
    assert attribution.attribute(named, choose=stub)[0] == "晨星快报" and not asked
    bare = clean_page(f"奥特曼被罢免\n{P1}\n{P2}").lines
    assert attribution.attribute(bare, "https://www.lanwan.example/a/1.html", choose=stub)[0] != "蓝湾之家"
    assert not asked
    outlet, _, basis = attribution.attribute(bare, choose=stub)
    assert outlet == "蓝湾之家" and "learned choice" in basis and "0.80" in basis
    repost = clean_page(f"奥特曼被罢免\n转载自：新华社\n{P1}\n{P2}").lines
    attribution.attribute(repost, choose=stub)
    assert asked == [set(), {"新华社"}]


def test_the_shipped_choice_never_names_a_reposts_wire_a_credit_or_a_citation():
    repost = f"奥特曼被罢免\n转载自：新华社\n{P1}\n{P2}"
    assert loader(repost) == (None, "新华社")
    for page in (f"奥特曼被罢免\n{P1}\n（新华社记者 王小明 摄）\n{P2}", f"奥特曼被罢免\n{P1}\n{P2}\n（中央社）",
                 f"华尔街日报：{P1[:16]}\n{P1}\n{P2}", f"奥特曼被罢免\n{P1}\n法新社记者在现场看到，{P2}\n（法新社）",
                 f"奥特曼被罢免\n{P1}\n{P2}\n（王小明）", f"奥特曼被罢免\n{P1}\n{P2}\n（据人民日报）",
                 f"奥特曼被罢免\n据路透社报道，{P1}\n{P2}", f"奥特曼被罢免\n{P1}\n{P2}\n(Reuters)"):
        assert loader(page)[0] is None, page


def test_the_shipped_model_names_a_site_printed_alone_above_the_headline_as_printed():
    t1 = "國際航線運力較去年同期成長三成以上，出境旅遊需求持續回溫，各家業者紛紛加開班次。"
    t2 = "分析師指出，票價已出現小幅回落，下半年獲利有望改善，但燃油成本仍是變數。"
    page = f"藍灣之家\n國際航線運力大增\n{t1}\n{t2}"
    assert attribution.attribute(clean_page(page).lines)[0] is None  # the rules alone name none
    assert loader(page)[0] == "藍灣之家"


def test_the_learned_choice_can_be_turned_off_for_a_load_and_the_cache_keeps_both_apart(tmp_path, monkeypatch):
    import corpus_tools as ct
    from corpus_tools.ingest.assembly import LEARNED_OUTLETS_ENV

    t1 = "國際航線運力較去年同期成長三成以上，出境旅遊需求持續回溫，各家業者紛紛加開班次。"
    t2 = "分析師指出，票價已出現小幅回落，下半年獲利有望改善，但燃油成本仍是變數。"
    (tmp_path / "site.txt").write_text(f"藍灣之家\n國際航線運力大增\n{t1}\n{t2}\n", encoding="utf-8")
    monkeypatch.delenv(LEARNED_OUTLETS_ENV, raising=False)
    on = ct.load_corpus(tmp_path)
    assert on.outlet.iloc[0] == "藍灣之家" and "learned choice" in on.attribution_basis.iloc[0]
    off = ct.load_corpus(tmp_path, learned_outlets=False)  # the same file, the same cache
    assert pd.isna(off.outlet.iloc[0]) and "learned" not in off.attribution_basis.iloc[0]
    monkeypatch.setenv(LEARNED_OUTLETS_ENV, "off")
    assert pd.isna(ct.load_corpus(tmp_path).outlet.iloc[0])
    assert ct.load_corpus(tmp_path, learned_outlets=True).outlet.iloc[0] == "藍灣之家"  # the argument wins
    named = ["outlet", "source", "attribution_basis"]  # source: the outlet, or the outlet and its original
    assert off.drop(columns=named).equals(on.drop(columns=named))
