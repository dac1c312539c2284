"""Property tests: arbitrary bytes or text never raise anything but CorpusError."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.ingest.boilerplate import clean_page
from corpus_tools.text import split_sentences

CHINESE_LINES = st.lists(
    st.text(alphabet=st.sampled_from(list("奥特曼被解雇。!?“”\"」 首页>为您推荐相关文章2023-11-1810:00作者:abc\t")),
            max_size=40),
    max_size=12,
).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.binary(max_size=400))
def test_loader_on_arbitrary_bytes_raises_only_corpus_error(tmp_path, data):
    (tmp_path / "x.txt").write_bytes(data)
    try:
        corpus = ct.load_corpus(tmp_path)
    except ct.CorpusError as error:
        assert "x.txt" in str(error)
    else:
        assert len(corpus) == 1 and corpus.text.iloc[0].strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), CHINESE_LINES.map(lambda t: ("text\n" + t).encode())),
       suffix=st.sampled_from([".html", ".csv", ".jsonl", ".parquet"]))
def test_html_and_tables_of_arbitrary_bytes_raise_only_corpus_error(tmp_path, data, suffix):
    for old in tmp_path.iterdir():
        old.unlink()
    (tmp_path / f"x{suffix}").write_bytes(data)
    try:
        corpus = ct.load_corpus(tmp_path, errors="skip")
    except ct.CorpusError as error:
        assert f"x{suffix}" in str(error)
    else:
        assert all(corpus.text.str.strip().str.len() > 0)
        assert all(f"x{suffix}" in s["file"] for s in corpus.attrs["skipped"])


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), CHINESE_LINES))
def test_loader_on_arbitrary_text_raises_only_corpus_error(tmp_path, text):
    for encoding in ("utf-8", "gb18030"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        (tmp_path / "x.txt").write_bytes(data)
        try:
            ct.load_corpus(tmp_path)
        except ct.CorpusError:
            pass


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=300), CHINESE_LINES))
def test_cleaner_and_splitter_never_fail_and_give_valid_spans(text):
    page = clean_page(text)
    assert isinstance(page.text, str)
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    table = ct.sentences(text)
    assert list(table.text) == [text[s:e] for s, e in spans]


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(st.text(max_size=120), st.text(alphabet=st.sampled_from(list("周一二三四五六日昨今明天年月号第次上下本去凌晨早晚后前0123456789,。奥特曼")), max_size=60)))
def test_time_resolution_never_fails_on_arbitrary_text(text):
    import pandas as pd

    from corpus_tools.chronology import resolve_expressions

    sents = ct.sentences(text).assign(article_id="a", published=pd.Timestamp("2023-11-21 10:00", tz="Asia/Shanghai"))
    found = resolve_expressions(sents)
    assert (found.date_start <= found.date_end).all()


WORDS = st.lists(st.text(alphabet=st.sampled_from(list("不满意他被.*?(ab")), min_size=1, max_size=5), max_size=12)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, text=st.text(alphabet=st.sampled_from(list("不满意他被.*?(ab ,")), max_size=40))
def test_a_trie_of_words_matches_as_the_longest_first_alternation(words, text):
    import re

    from corpus_tools.patterns import word_alternation

    alternation = re.compile("|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w)))))
    assert [m.span() for m in word_alternation(words).finditer(text)] == \
        [m.span() for m in alternation.finditer(text) if m.group()]


def _pattern_words() -> list[str]:
    """The literal words of the constructions' patterns, and pieces that join them."""
    from corpus_tools.stance import constructions
    from corpus_tools.patterns import required_words

    words = set("ⓉⓉ的了对与和跟,，。?？让为不")
    for _, pattern in constructions._PATTERNS.values():
        words |= required_words(pattern, frozenset("Ⓣ")) or set()
    words |= set(re.findall(r"[\u4e00-\u9fff]+", constructions._DEMAND + constructions._RETURN))
    words |= set(re.findall(r"[\u4e00-\u9fff]+", constructions._QUESTION.pattern))
    return sorted(words)


def _every_pattern(masked: str) -> list[tuple]:
    """Return the constructions found by running every pattern on ``masked`` (no screens)."""
    from corpus_tools.stance import constructions

    found = []
    if constructions.TARGET in masked:
        for name, (polarity, pattern) in constructions._PATTERNS.items():
            found += [(m.start(), m.end(), name, polarity) for m in pattern.finditer(masked)]
        if re.search(r"[?？]", masked):
            found += [(m.start(), m.end(), "question", -1) for m in constructions._QUESTION.finditer(masked)]
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_pattern_words()), min_size=1, max_size=12))
def test_screened_constructions_find_what_every_pattern_finds(pieces):
    """A construction's pattern is skipped when a sentence lacks its required words: what is found
    must be what running every pattern on the sentence finds."""
    from corpus_tools.stance import constructions

    masked = "".join(pieces)
    assert constructions.find_constructions(masked) == _every_pattern(masked)


@settings(max_examples=300, deadline=None)
@given(pattern=st.lists(st.sampled_from(["要求", "恢复", "Ⓣ", "(?:对|和)", "[与跟]", "\\S{0,3}", "(?:了)?", "的?",
                                         "(?:回归|重返Ⓣ)", "[^。]{0,4}?", "(?<!不)", "|"]), min_size=1, max_size=7).map("".join),
       text=st.text(alphabet=st.sampled_from(list("要求恢复Ⓣ对和与跟了的回归重返不。 ")), max_size=30))
def test_a_text_without_the_required_words_never_matches(pattern, text):
    from corpus_tools.patterns import required_words

    compiled = re.compile(pattern)
    words = required_words(compiled)
    if words is not None and not any(word in text for word in words):
        assert compiled.search(text) is None


def test_screened_constructions_on_the_training_sentences():
    """The same check on every training sentence (written by us; about a tenth hold a construction)."""
    from corpus_tools.stance import constructions, learned

    hits = 0
    for text in learned.training_sentences().text:
        masked = constructions.mask_target(text, "altman")
        expected = _every_pattern(masked)
        assert constructions.find_constructions(masked) == expected, text
        hits += bool(expected)
    assert hits >= 100


@settings(max_examples=200, deadline=None)
@given(words=WORDS, text=st.text(alphabet=st.sampled_from(list("不满意他被.*?(ab ,")), max_size=40))
def test_a_word_set_finds_what_the_trie_of_its_words_finds(words, text):
    from corpus_tools.patterns import WordSet, word_alternation

    assert WordSet(words).find(text) == [(m.start(), m.end(), m.group()) for m in word_alternation(words).finditer(text)]
