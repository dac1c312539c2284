from pathlib import Path

import pandas as pd
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


# The compiled segmenter (rjieba) must give jieba's own tokens: the tests compare the two on the
# bundled corpus, on a synthetic corpus like the benchmark's, and on the cases where they differ
# unless corrected (ASCII compounds, characters jieba does not count as Chinese, characters its HMM
# has never seen).

def _pieces(corpus):
    """The texts the segmenter is given: each sentence, folded, between the entity names."""
    from corpus_tools.entities import find_all_mentions
    from corpus_tools.scripts import fold

    pieces = []
    for article in corpus.text:
        for start, end in split_sentences(article):
            sentence = article[start:end]
            folded, position = fold(sentence), 0
            for begin, stop, *_ in [*find_all_mentions(sentence, folded), (len(sentence), len(sentence))]:
                if begin > position:
                    pieces.append(folded[position:begin])
                position = stop
    return pieces


@pytest.fixture(scope="module")
def compiled():
    pytest.importorskip("rjieba")
    from corpus_tools import text

    segment = text.segmenter()
    assert isinstance(segment, text.CompiledSegmenter)
    return segment


def _differences(segment, pieces):
    from corpus_tools.text import _jieba_cut

    return [(piece, _jieba_cut(piece), segment(piece)) for piece in pieces if segment(piece) != _jieba_cut(piece)]


def test_the_compiled_segmenter_gives_jiebas_tokens_on_the_bundled_corpus(compiled, corpus):
    pieces = _pieces(corpus)
    assert len(pieces) > 500
    assert _differences(compiled, pieces) == []


def test_the_compiled_segmenter_gives_jiebas_tokens_on_a_benchmark_corpus(compiled, tmp_path, monkeypatch):
    import sys

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", "off")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from synthetic import build_corpus
    finally:
        sys.path.pop(0)
    folder = build_corpus(20, tmp_path / "corpus")  # every spelling of Altman, both scripts
    corpus = ct.load_corpus(folder)
    assert corpus.text.str.contains("阿爾特曼").any() and corpus.text.str.contains("奥尔特曼").any()
    assert _differences(compiled, _pieces(corpus)) == []


@pytest.mark.parametrize("text", [
    "在 GPT-5 的研发过程中,像ChatGPT和DALL-E这样的模型,以及GPT-4o。",
    "参考链接:https://www.wired.com/story/openai-staff-walk-protest-sam-altman/",
    "C++和C#、AT&T、3.5%的增长、v1.2.3版本、e-mail与a_b#c",
    "㐀㑖\uf900\uf901与龥\u9fd6在一起的句子",  # CJK extension A, compatibility ideographs, beyond U+9FD5
    "咗嘢冇乜嘢啱啱佢哋",  # Cantonese characters, some unseen by jieba's HMM
    "奥特曼和他的团队  在\t周五\u3000回到公司",
    "",
])
def test_the_compiled_segmenter_gives_jiebas_tokens_where_they_would_differ(compiled, text):
    from corpus_tools.scripts import fold

    assert _differences(compiled, [fold(text)]) == []


def test_gpt4_shows_the_correction():
    from corpus_tools.text import segmenter

    assert segmenter()("发布了GPT-4o和www.a.com") == ["发布", "了", "GPT", "-", "4o", "和", "www", ".", "a", ".", "com"]


def test_the_dictionary_total_is_made_up_as_jieba_counts_it():
    from corpus_tools.text import _totals

    # jieba: 3 + 2 + 4 (a listed twice) + 3 user words x 10 = 39; jieba-rs: a=4 replaced by 10, b=2, c=10: 22
    assert _totals.uncached(b"a 3 n\nb 2 n\na 4 n\n", ("a", "c", "c"), 10) == 39 - 22


def test_jieba_is_the_fallback_without_the_compiled_segmenter(monkeypatch, corpus):
    import sys

    from corpus_tools import text

    expected = [ct.tokenize(t) for t in ct.sentences(corpus).text[:40]]
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba now raises ImportError
    text.segmenter.cache_clear()
    try:
        assert text.segmenter() is text._jieba_cut
        assert [text.tokens_of(t, text.token_spans(t)) for t in ct.sentences(corpus).text[:40]] == expected
    finally:
        text.segmenter.cache_clear()


def test_tokenize_takes_many_texts():
    texts = ["奥特曼重返OpenAI", "萨姆·奥特曼(Sam Altman)回归", "奥特曼的回归。"]
    assert ct.tokenize(texts) == [ct.tokenize(t) for t in texts]
    assert ct.tokenize(texts, drop_stopwords=True)[2] == ["奥特曼", "回归"]
    series = ct.tokenize(pd.Series(texts, index=["a", "b", "c"]))
    assert list(series.index) == ["a", "b", "c"] and series["a"] == ["奥特曼", "重返", "OpenAI"]
    with pytest.raises(TypeError):
        ct.tokenize(["奥特曼", 3])


def test_tokens_of_analysed_sentences_are_read_not_segmented_again(corpus, monkeypatch, tmp_path):
    from corpus_tools import text

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    sents = ct.sentences(corpus)
    expected = ct.analyse_corpus(corpus).sentences.tokens.map(list).tolist()
    monkeypatch.setattr(text, "token_spans", lambda *a, **k: pytest.fail("segmented an analysed sentence"))
    assert ct.tokenize(sents.text.tolist()) == expected


def _split_char_by_char(text):
    """The splitter as first written, one character at a time: the reference for the faster one."""
    spans, start, i, n = [], 0, 0, len(text)
    while i <= n:
        if i == n or text[i] == "\n":
            spans.append((start, i))
            start = i = i + 1
            continue
        if text[i] in "。！？!?":
            j = i + 1
            while j < n and text[j] in "。！？!?":
                j += 1
            while j < n and (text[j] in "”’」』》〉)）】" or (text[j] == '"' and text.count('"', start, j) % 2)):
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if any(ch.isalnum() or ch == "_" for ch in text[s:e]):
            trimmed.append((s, e))
    return trimmed


def test_the_splitter_splits_as_the_character_by_character_one(corpus):
    import random

    generator = random.Random(0)
    alphabet = "奥特曼说。！？!?\n \t”’」』》〉)）】\"“「a1,"
    texts = ["".join(generator.choice(alphabet) for _ in range(generator.randint(0, 40))) for _ in range(3000)]
    for text in [*texts, *corpus.text]:
        assert split_sentences(text) == _split_char_by_char(text), text


def test_fold_is_the_same_through_the_table_and_the_array():
    from corpus_tools.scripts import _ARRAY_FOLD_CHARS, _fold_table, fold

    text = "山姆・奧特曼（ＳａｍＡｌｔｍａｎ）周一回到了OpenAI總部\u3000「董事會」\U0001F600\ud800" * 3
    assert len(text) > _ARRAY_FOLD_CHARS
    assert fold(text) == text.translate(_fold_table())
    assert fold(text[:_ARRAY_FOLD_CHARS]) == text[:_ARRAY_FOLD_CHARS].translate(_fold_table())
