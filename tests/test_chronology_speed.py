"""The chronology's shortcuts give exactly what the long way gives: the trigger prefilter runs every
pattern that can match, and the remembering time extractor answers as jionlp's own."""

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
