import pytest

import corpus_tools as ct
from corpus_tools.text import split_sentences


def _split(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_end_at_terminal_punctuation_with_closing_quotes():
    assert _split("他说:“我后悔了!”随后离开。真的吗?是的") == ["他说:“我后悔了!”", "随后离开。", "真的吗?", "是的"]
    assert _split('他说:"我后悔了。"然后走了。') == ['他说:"我后悔了。"', "然后走了。"]
    assert _split("「我熱愛OpenAI。」他說。") == ["「我熱愛OpenAI。」", "他說。"]


def test_sentences_never_cross_paragraphs_and_drop_empty_ones():
    assert _split("标题没有句号\n\n第二段。。。\n   \n“”") == ["标题没有句号", "第二段。。。"]
    assert _split("估值达到 1.5 亿美元,网址 https://a.b/c?d=1") == ["估值达到 1.5 亿美元,网址 https://a.b/c?", "d=1"]


def test_sentence_table_offsets_index_the_article_text(corpus):
    table = ct.sentences(corpus)
    assert list(table.columns) == ["article_id", "sentence_id", "start", "end", "text", "published"]
    texts = corpus.set_index("article_id").text
    for row in table.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    first = table.groupby("article_id").sentence_id.agg(["min", "max", "count"])
    assert (first["min"] == 0).all() and (first["max"] + 1 == first["count"]).all()
    assert (table.published.notna()).all()


def test_tokenize_keeps_entity_names_whole_in_any_script():
    assert ct.tokenize("奥特曼重返OpenAI") == ["奥特曼", "重返", "OpenAI"]
    assert ct.tokenize("萨姆·奥特曼(Sam Altman)回归") == ["萨姆·奥特曼", "(", "Sam Altman", ")", "回归"]
    tokens = ct.tokenize("阿爾特曼與米拉・穆拉蒂會面,伊利亞·蘇茨克維後悔了")
    for name in ["阿爾特曼", "米拉・穆拉蒂", "伊利亞·蘇茨克維"]:
        assert name in tokens
    assert "".join(ct.tokenize("OpenAI 董事会 解雇了 Altman")) == "OpenAI董事会解雇了Altman"


def test_stopwords_are_available_and_can_be_dropped():
    stop = ct.stopwords()
    assert {"的", "了", "，", "。"} <= stop
    assert ct.tokenize("奥特曼的回归。", drop_stopwords=True) == ["奥特曼", "回归"]


@pytest.mark.parametrize("function", [ct.tokenize, ct.sentences])
def test_text_helpers_reject_non_text(function):
    with pytest.raises((TypeError, KeyError)):
        function(42)
