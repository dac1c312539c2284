"""The candidate outlet names ``benchmarks/real/outlet_cv.py`` learns from, on pages we write ourselves."""

import sys

from conftest import ROOT

from corpus_tools.ingest.boilerplate import clean_page

sys.path.insert(0, str(ROOT / "benchmarks" / "real"))

import outlet_features  # noqa: E402

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"


def features_of(page: str) -> dict[str, dict[str, float]]:
    return {c.name: dict(zip(outlet_features.FEATURES, c.features))
            for c in outlet_features.candidates(clean_page(page).lines)}


def test_the_names_of_the_stamp_and_copyright_lines_are_read_with_where_they_stand():
    found = features_of(f"奥特曼被罢免\n晨星快报 2023-11-20 10:05 来源：某某社\n{P1}\n{P2}\nCopyright © 2023 晨星快报 版权所有")
    assert {"晨星快报", "某某社"} <= set(found)
    name = found["晨星快报"]
    assert name["ctx_before_stamp"] == 1 and name["ctx_before_copyright"] == 1
    assert name["end_报"] == 1 and name["chrome_lines"] > 0 and name["only_body"] == 0
    assert found["某某社"]["ctx_after_source"] == 1 and found["某某社"]["ctx_before_stamp"] == 0
    assert all(len(values) == len(outlet_features.FEATURES) for values in found.values())


def test_a_dateline_lead_is_read_without_its_news_word_and_pinyin_glosses_are_dropped():
    found = features_of(f"奥特曼被罢免\n蓝湾网(wǎng)科技讯 11月20日消息，{P1}\n{P2}")
    assert "蓝湾网科技" in found and found["蓝湾网科技"]["ctx_lead_dateline"] == 1
    assert found["蓝湾网科技"]["only_body"] == 1
    assert not any("wǎng" in name for name in found)


def test_furniture_words_and_dates_are_not_candidates():
    found = features_of(f"首页 | 登录 | 注册\n奥特曼被罢免\n2023-11-20 10:05 阅读 1234\n{P1}\n{P2}")
    assert not {"首页", "登录", "注册", "阅读"} & set(found)
    assert not any(name.isdigit() for name in found)
