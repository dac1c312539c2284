"""The learned outlet choice: its candidate names and what it chooses, on pages we write ourselves."""

import math

import numpy as np
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
    assert {"晨星快报", "某某社"} <= set(found)
    name = found["晨星快报"]
    assert name["ctx_before_stamp"] == 1 and name["ctx_before_copyright"] == 1
    assert name["end_报"] == 1 and name["chrome_lines"] > 0 and name["only_body"] == 0
    assert found["某某社"]["ctx_after_source"] == 1 and found["某某社"]["ctx_before_stamp"] == 0
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


def test_the_probability_is_the_logistic_of_the_prior_plus_the_stumps_scaled_by_the_learning_rate():
    model = {"features": outlet_choice.FEATURES, "init": -1.0, "learning_rate": 0.5,
             "stumps": [[0, 0.5, -2.0, 2.0], [1, 0.25, 1.0, 3.0]]}
    values = np.zeros(len(outlet_choice.FEATURES))
    values[0], values[1] = 1.0, 0.25  # above the first threshold; at the second (at or below goes low)
    expected = 1 / (1 + math.exp(-(-1.0 + 0.5 * (2.0 + 1.0))))
    assert outlet_choice.probability(values, model) == pytest.approx(expected)


def test_the_most_probable_name_is_chosen_unless_the_page_credits_it_as_its_source():
    lines = clean_page(f"奥特曼被罢免\n晨星快报 2023-11-20 10:05\n{P1}\n{P2}").lines
    model = toy_model("ctx_before_stamp", above=3.0)
    choice = outlet_choice.choose(lines, model=model)
    assert choice.name == "晨星快报" and choice.probability > outlet_choice.THRESHOLD
    assert outlet_choice.choose(lines, credited={"晨星快报"}, model=model) is None
    assert outlet_choice.choose(lines, model=toy_model("ctx_before_stamp", above=-1.0)) is None  # below the threshold


def test_the_rules_consult_the_learned_choice_only_where_they_name_no_outlet(monkeypatch):
    asked = []

    def stub(lines, credited):
        asked.append(credited)
        return outlet_choice.Choice("蓝湾之家", 0.8)

    monkeypatch.setattr(attribution, "_learned_choice", stub)
    named = clean_page(f"奥特曼被罢免\n{P1}\n{P2}\nCopyright © 2023 晨星快报 版权所有").lines
    assert attribution.attribute(named)[0] == "晨星快报" and not asked
    outlet, _, basis = attribution.attribute(clean_page(f"奥特曼被罢免\n{P1}\n{P2}").lines)
    assert outlet == "蓝湾之家" and "learned choice" in basis and "0.80" in basis
    assert asked == [set()]


def test_the_shipped_model_reads_these_features_and_prefers_a_known_outlets_name_line_to_the_headline():
    lines = clean_page(f"奥特曼被罢免\n腾讯科技\n{P1}\n{P2}").lines
    scores = {c.name: outlet_choice.probability(c.features) for c in outlet_choice.candidates(lines)}
    assert max(scores, key=scores.get) == "腾讯科技" and scores["腾讯科技"] > outlet_choice.THRESHOLD
    assert all(0.0 <= p <= 1.0 for p in scores.values())
