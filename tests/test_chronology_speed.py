"""The chronology's shortcuts give exactly what the long way gives: the trigger prefilter runs every
pattern that can match, the remembering time extractor (its candidate search and its copies included)
answers as jionlp's own, and the pipeline's reading of an article dates what text_events finds alone."""

import copy

import pandas as pd
import pytest
from conftest import ROOT

import corpus_tools as ct
from corpus_tools.chronology import events, expressions
from corpus_tools.scripts import fold

WRITTEN = ROOT / "tests" / "data" / "chronology_written"


def _sentences() -> list[str]:
    """Return the sentences of the bundled corpus and of the written passages (both halves), and a
    few of our own in odd shapes (cased Latin, spaced triggers, a trigger at the very end)."""
    texts = ct.load_corpus().text.tolist()
    texts += [t for half in ("dev", "test") for t in pd.read_csv(WRITTEN / half / "passages.csv").text]
    own = ["他回到openai,出任临时ceo。", "奥特曼 回 到 OpenAI", "新任ＣＥＯ是谁", "董事会宣布他离职", "离",
           "穆拉蒂宣布离职员工的安排", "在X上宣布", "在x上宣布"]
    return [s for text in texts for s in ct.sentences(text).text] + own


def test_trigger_prefilter_keeps_every_match(monkeypatch):
    sentences = _sentences()
    events.triggers_in.cache_clear()
    fast = [events.triggers_in(s) for s in sentences]
    # the long way: every pattern of the lexicon on every sentence
    monkeypatch.setattr(events, "_patterns_that_can_match", lambda folded: events._trigger_patterns())
    events.triggers_in.cache_clear()
    slow = [events.triggers_in(s) for s in sentences]
    events.triggers_in.cache_clear()
    assert fast == slow
    assert sum(map(len, fast)) > 200  # the sentences do hold triggers


def test_trigger_characters_matched_by_compiled_patterns_as_by_re_fullmatch():
    import re

    _, by_first = events._trigger_characters()
    needed = {c for triggers in by_first.values() for _, chars in triggers for c in chars}
    characters = sorted(needed | {c.upper() for c in needed} | {c.lower() for c in needed}
                        | {chr(code) for code in range(0x20, 0x250)} | set("\u212a\u017f\u0130\u0131ＣＥＯｃｅｏ奧離職總裁"))
    events._trigger_characters_matching.cache_clear()
    for character in characters:
        plain = frozenset(c for c in needed if re.fullmatch(re.escape(c), character, re.IGNORECASE))
        assert events._trigger_characters_matching(character) == plain, character
    assert events._trigger_characters_matching("\u212a") == events._trigger_characters_matching("k")


def test_prefilter_matches_case_as_the_patterns_do():
    assert events._trigger_characters_matching("K") == events._trigger_characters_matching("k")
    assert "回" in events._trigger_characters_matching("回")


@pytest.mark.parametrize("published", ["2023-11-18 10:06:20", "2024-09-27 00:00", "2021-03-01 23:30"])
def test_remembering_extractor_answers_as_jionlp(published):
    jionlp = expressions._quiet_jionlp()
    base = pd.Timestamp(published)
    stamp = base.timestamp() - 8 * 3600 + expressions._local_offset(base)
    folded = [fold(s) for s in _sentences() if expressions.TIME_WORD.search(fold(s))]
    assert len(folded) > 100
    for sentence in folded + folded[:20]:  # the repeats are answered from memory
        assert expressions._time_extractor()(sentence, time_base=stamp, with_parsing=True) \
            == jionlp.ner.extract_time(sentence, time_base=stamp, with_parsing=True)


def test_text_events_with_the_pipelines_reading_as_without():
    """Given the sentences, folding and mentions the pipeline has already, text_events dates the same
    events as when it reads the text itself (each article's memory of folds and names cleared)."""
    from corpus_tools.chronology import ArticleReading
    from corpus_tools.entities import find_all_mentions
    from corpus_tools.text import split_sentences

    corpus = ct.load_corpus()
    articles = list(zip(corpus.article_id, corpus.text, corpus.published))
    passages = [pd.read_csv(WRITTEN / half / "passages.csv") for half in ("dev", "test")]
    articles += [(f"p{n}", text, pd.Timestamp(date, tz="Asia/Shanghai")) for table in passages
                 for n, (text, date) in enumerate(zip(table.text, table.article_published))]
    found = 0
    for article_id, text, published in articles:
        spans, folded = split_sentences(text), fold(text)
        reading = ArticleReading(spans, folded, [find_all_mentions(text[s:e], folded[s:e]) for s, e in spans])
        expressions.fold.cache_clear(), events._people_named.cache_clear(), events.triggers_in.cache_clear()
        given = events.text_events(article_id, text, published, reading)
        expressions.fold.cache_clear(), events._people_named.cache_clear(), events.triggers_in.cache_clear()
        alone = events.text_events(article_id, text, published)
        assert pd.DataFrame(given).equals(pd.DataFrame(alone)), article_id
        found += len(given)
    assert found > 100


#: Strings in the shapes that jionlp's candidate search treats specially: runs of time characters at
#: either end, fake positives (三点五度), one-character seasons, runs longer than its 35-character window,
#: digits next to runs, brackets, both scripts, and nothing at all.
ODD_STRINGS = ["", "。", "春", "春天", "冬至那天", "三点五度", "调高24点5度", "他一点也不友善", "2033万元", "2023年",
               "11月17日周五晚上", "周五(11月17日)", "（星期六）上班", "342127197212178212", "12月8日消息,据报道,",
               "去年11月17日至21日,前后五天,这是第一次", "上午十点半到下午三点一刻之间的两个小时内", "前天晚上", "奧特曼週五晚間",
               "十一月十七日", "2023年11月17日" * 4, "一二三四五六七八九十" * 5, "的的的的", " 2023 年 11 月 ", "昨(21)日",
               "中秋、国庆两个假期", "从周日开始放假3天", "9月19日至21日放假调休", "～至－到", "Q3 2024", "at 9:30 a.m. 周一"]


def test_candidate_search_finds_what_jionlps_finds():
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    jionlp = TimeExtractor()
    jionlp._prepare()
    ours = expressions._time_extractor()
    ours("2023年11月17日")  # jionlp compiles its patterns on first use
    strings = [fold(s) for s in _sentences()] + _sentences()[-50:] + ODD_STRINGS
    assert sum(1 for s in strings if jionlp.extract_time_candidates(s)) > 100
    for string in strings:
        assert ours.extract_time_candidates(string) == jionlp.extract_time_candidates(string), string


@pytest.mark.parametrize("published", ["2023-11-18 10:06:20", "2024-09-27 00:00"])
def test_remembering_extractor_answers_as_jionlp_on_odd_strings(published):
    jionlp = expressions._quiet_jionlp()
    base = pd.Timestamp(published)
    stamp = base.timestamp() - 8 * 3600 + expressions._local_offset(base)
    for string in ODD_STRINGS + ODD_STRINGS:  # the repeats are answered from memory
        try:
            expected = jionlp.ner.extract_time(string, time_base=stamp, with_parsing=True)
        except Exception as error:  # noqa: BLE001 - then ours must fail the same way
            with pytest.raises(type(error)):
                expressions._time_extractor()(string, time_base=stamp, with_parsing=True)
            continue
        assert expressions._time_extractor()(string, time_base=stamp, with_parsing=True) == expected, string


def test_parse_results_are_copied_as_deepcopy_copies_them():
    nested = {"type": "time_span", "definition": "blur", "time": ["2023-11-17 00:00:00", "inf"],
              "extra": {"days": [1, 2.5, None], "pair": ("a", 1)}}
    copied = expressions._copied(nested)
    assert copied == copy.deepcopy(nested)
    assert copied is not nested and copied["time"] is not nested["time"] and copied["extra"]["days"] is not nested["extra"]["days"]


#: Time expressions of our own in many shapes, Simplified and Traditional, in sentences and alone.
TIME_SHAPES = ["周一", "週五晚間", "星期六上午", "礼拜天", "11月17日", "十一月十七日", "上周五", "上週五", "昨天", "昨日凌晨",
               "当地时间周五", "當地時間週四下午", "北京时间11月18日凌晨", "2023年", "2023 年 11 月", "去年底", "今年初",
               "凌晨", "五月份", "5月份", "今年5月", "昨(21)日", "今（22）日", "昨晚", "今晨", "截至发稿", "截至記者發稿時",
               "刚刚", "稍早", "几个小时后", "數小時之後", "三天后", "第二天", "次日", "翌日", "隔天", "前一天", "当晚", "同日",
               "随后", "此前", "其后", "稍后", "与此同时", "即日起", "中旬", "下旬", "月底", "現在", "几分钟后", "两小时前"]


def _own_time_sentences() -> list[str]:
    """Return our time shapes alone, inside sentences of our own, and next to digits and each other."""
    frames = ["{}", "{},奥特曼宣布离职。", "据报道,{}董事会解雇了奧特曼。", "他说{}的事", "2{}", "{}3", "年{}", "{}{}",
              "「{}」", "(记者 {})", "去年{}", "OpenAI在{}发文。"]
    return [frame.format(shape, shape) for shape in TIME_SHAPES for frame in frames] + ["他被解雇。", "", "了"]


def test_chronology_patterns_with_first_characters_match_as_the_plain_patterns():
    """The patterns run over every sentence behind a lookahead for their first characters find, in
    every sentence, the very matches (and groups) that the patterns without it find."""
    import re

    from corpus_tools.patterns import with_first_chars

    texts = _own_time_sentences()
    texts += [fold(t) for t in texts] + _sentences() + [fold(s) for s in _sentences()]
    names = ["TIME_WORD", "_BARE_MONTH", "_SHORT_DAY_PART", "_ARTICLE_TIME", "_ANAPHORIC_EXTRA"]
    for name in names:
        fast = getattr(expressions, name)
        plain = re.compile(fast.pattern.split("])(?:", 1)[1][:-1], fast.flags)
        assert with_first_chars(plain).pattern == fast.pattern, name  # the lookahead is all that was added
        for text in texts:
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] \
                == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, text)
            assert bool(fast.fullmatch(text)) == bool(plain.fullmatch(text)), (name, text)
    assert sum(expressions.holds_time_word(fold(t)) for t in texts) > 500
