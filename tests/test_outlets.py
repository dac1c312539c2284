"""The outlet table: one canonical name for the names of one outlet, extended by a corpus's own table."""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.outlets import canonical_outlet, is_known_outlet, outlet_table, use_outlets

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"


@pytest.fixture(autouse=True)
def bundled_table():
    use_outlets(None)
    yield
    use_outlets(None)


def test_the_table_covers_outlets_of_every_region_and_each_name_belongs_to_one_outlet():
    from corpus_tools.outlets import outlet_key

    table = outlet_table()
    assert set(table.region) == {"mainland", "hk", "macau", "tw", "overseas", "international"}
    assert table.outlet.nunique() >= 200
    keys = table.variant.map(outlet_key)
    assert not keys.duplicated().any(), table[keys.duplicated(keep=False)]
    assert set(table.outlet) <= set(table.variant)  # every canonical name is also listed as itself


@pytest.mark.parametrize("name, canonical", [
    ("每經", "每日经济新闻"), ("每经", "每日经济新闻"), ("聯合報", "聯合新聞網"), ("联合新闻网", "聯合新聞網"),
    ("中國新聞網", "中新网"), ("Reuters", "路透社"), ("The New York Times", "纽约时报"), ("某某网", "某某网"),
])
def test_variants_in_either_script_give_the_canonical_name(name, canonical):
    assert canonical_outlet(name) == canonical


def test_a_corpus_folder_adds_and_overrides_outlets(tmp_path):
    page = "奧特曼被罷免 微軟宣布聘請\n{name} 2023-11-20 10:05\n" + f"{P1}\n{P2}"
    (tmp_path / "a.txt").write_text(page.format(name="聯合報"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(page.format(name="某某晚報"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bundled = ct.load_corpus(tmp_path)
    assert bundled.loc["a", "outlet"] == "聯合新聞網" and bundled.loc["b", "outlet"] == "某某晚報"
    pd.DataFrame({"outlet": ["聯合報", "某某日報"], "variant": ["聯合報", "某某晚報"]}).to_csv(
        tmp_path / "outlets.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        own = ct.load_corpus(tmp_path)
    assert sorted(own.index) == ["a", "b"]  # the table is metadata, not an article
    assert own.loc["a", "outlet"] == "聯合報" and own.loc["b", "outlet"] == "某某日報"
    assert is_known_outlet("某某晚報")
    (tmp_path / "outlets.csv").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert ct.load_corpus(tmp_path).loc["a", "outlet"] == "聯合新聞網"  # back to the bundled table


def test_a_bad_outlet_table_is_reported(tmp_path):
    (tmp_path / "outlets.csv").write_text("name,alias\n某报,某\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="outlet table lacks"):
        use_outlets(tmp_path / "outlets.csv")
