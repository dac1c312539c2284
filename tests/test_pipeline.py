"""analyse_corpus: the same tables as the separate helpers, cached by content, parallel by dask."""

import os
import pickle
import subprocess
import sys

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import cache, pipeline, store
from corpus_tools.chronology import dated_events, merge_events, resolve_expressions


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _reference(corpus, target="altman"):
    """The tables as the separate helpers computed them before the analysis was shared: sentences
    split here, each segmented on its own, stance from the evidence of each sentence."""
    from corpus_tools import text
    from corpus_tools.stance import scoring

    cache.clear_memory()
    sents = text.split_corpus(corpus)
    tokens = [text.tokens_of(t, text.token_spans(t)) for t in sents.text]
    about = ct.target_sentences(sents, target)
    stance = scoring.labels_from_evidence(scoring.evidence(about.text.tolist(), target))
    stance.index = about.index
    return sents, tokens, pd.concat([about, stance], axis=1)


def test_the_analysis_gives_what_the_separate_helpers_give(corpus, fresh_cache):
    sents, tokens, stance = _reference(corpus)
    analysis = ct.analyse_corpus(corpus)
    pd.testing.assert_frame_equal(analysis.sentences.drop(columns="tokens")[sents.columns], sents)
    assert analysis.sentences.tokens.map(list).tolist() == tokens
    pd.testing.assert_frame_equal(analysis.stance, stance)
    events = dated_events(sents, resolve_expressions(sents))
    pd.testing.assert_frame_equal(analysis.events, events)
    pd.testing.assert_frame_equal(analysis.chronology, merge_events(events, corpus.set_index("article_id").published))


def test_the_public_helpers_one_after_another_share_one_analysis(corpus, fresh_cache, monkeypatch):
    from corpus_tools import text

    sents, tokens, stance = _reference(corpus)
    chronology = ct.analyse_corpus(corpus).chronology
    ct.clear_cache()
    analysed, segmented = [], []
    analyse, segmenter = pipeline.analyse_articles, text.segmenter()
    monkeypatch.setattr(pipeline, "analyse_articles",
                        lambda articles, *a: analysed.extend(x[0] for x in articles) or analyse(articles, *a))
    monkeypatch.setattr(text, "segmenter", lambda: lambda piece: segmented.append(piece) or segmenter(piece))
    public = ct.sentences(corpus)
    pieces = len(segmented)
    mentions = [ct.find_mentions(t, "altman") for t in public.text]
    about = ct.target_sentences(public, "altman")
    scored = pd.concat([about, ct.stance(about.text, "altman")], axis=1)
    events = ct.chronology(corpus)
    words = ct.tokenize(public.text)
    assert sorted(analysed) == sorted(corpus.article_id) and len(segmented) == pieces  # one pass, nothing twice
    pd.testing.assert_frame_equal(public, sents)
    assert sum(map(bool, mentions)) == (about.reference == "name").sum()
    pd.testing.assert_frame_equal(scored, stance)
    pd.testing.assert_frame_equal(events, chronology)
    assert words.tolist() == tokens


def test_stance_of_loose_texts_and_analysed_sentences_alike(corpus, fresh_cache):
    from corpus_tools.stance import scoring

    analysis = ct.analyse_corpus(corpus)
    texts = ["董事会认为奥特曼始终不够坦诚。", *analysis.stance.text[:20], "奥特曼扮演了关键角色。", "董事会认为奥特曼始终不够坦诚。"]
    expected = scoring.labels_from_evidence(scoring.evidence(texts))
    pd.testing.assert_frame_equal(ct.stance(texts), expected)
    ct.clear_cache()
    pd.testing.assert_frame_equal(ct.stance(texts), expected)


def test_an_analysis_is_kept_in_memory_while_the_cache_is_on(corpus, fresh_cache, monkeypatch):
    first = ct.analyse_corpus(corpus)
    first.sentences.loc[0, "text"] = "changed by the caller"
    monkeypatch.setattr(pipeline, "_assemble", lambda *a, **k: pytest.fail("assembled the tables again"))
    monkeypatch.setattr(store, "chunks_of", lambda *a: pytest.fail("read the store again"))
    second = ct.analyse_corpus(corpus)
    assert second.sentences.text[0] != "changed by the caller"  # each caller gets its own copy
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", "off")
    with pytest.raises(pytest.fail.Exception):
        ct.analyse_corpus(corpus)


def test_mentions_are_offsets_into_their_sentence(corpus, fresh_cache):
    analysis = ct.analyse_corpus(corpus)
    texts = analysis.sentences.set_index(["article_id", "sentence_id"]).text
    for row in analysis.mentions.itertuples():
        assert texts[(row.article_id, row.sentence_id)][row.start:row.end] == row.surface
    altman = analysis.mentions[analysis.mentions.entity_id == "altman"]
    assert len(altman) > 0 and set(altman.article_id) == set(corpus.article_id)


def test_remembered_mentions_are_what_a_search_finds(corpus, fresh_cache, monkeypatch):
    from corpus_tools import entities

    cache.clear_memory()
    texts = ct.analyse_corpus(corpus).sentences.text.tolist()
    assert entities._PENDING and not entities._FOUND  # kept as a promise until a text is looked up
    remembered = [entities.find_all_mentions(text) for text in texts]
    assert not entities._PENDING and set(entities._FOUND) == set(texts)
    entities._FOUND.clear()
    assert remembered == [entities.find_all_mentions(text) for text in texts]
    assert sum(map(len, remembered)) > len(texts) / 2


def test_clear_cache_forgets_what_the_functions_of_a_sentence_remember(corpus, fresh_cache):
    """After ``clear_cache`` an analysis is a first reading: the time words, triggers and time strings
    remembered from the sentences analysed before are forgotten (a benchmark after it is honest)."""
    from corpus_tools.chronology import events, expressions

    memos = [expressions.holds_time_word, events.triggers_in]
    ct.clear_cache()
    ct.analyse_corpus(corpus, workers=1)
    assert all(memo in cache._MEMOS for memo in [*memos, expressions._time_extractor().parse_time])  # set on first use
    assert all(memo.cache_info().currsize > 0 for memo in memos)
    first = [expressions.holds_time_word.cache_info().misses, events.triggers_in.cache_info().misses]
    ct.clear_cache()
    assert all(memo.cache_info().currsize == 0 for memo in memos)
    ct.analyse_corpus(corpus, workers=1)
    assert [expressions.holds_time_word.cache_info().misses, events.triggers_in.cache_info().misses] == first


def test_a_sentence_is_segmented_once(corpus, fresh_cache, monkeypatch):
    calls = []
    segment = pipeline.token_spans
    monkeypatch.setattr(pipeline, "token_spans", lambda *a, **k: calls.append(a[0]) or segment(*a, **k))
    analysis = ct.analyse_corpus(corpus)
    assert len(calls) == len(analysis.sentences) and len(set(calls)) == len(set(analysis.sentences.text))


def test_time_parsing_only_where_a_time_word_can_be(corpus, fresh_cache, monkeypatch):
    chronology = sys.modules["corpus_tools.chronology.expressions"]  # where the parsing happens
    parsed = []
    parse = chronology._parse_expressions
    monkeypatch.setattr(chronology, "_parse_expressions", lambda text, base: parsed.append(text) or parse(text, base))
    analysis = ct.analyse_corpus(corpus)
    assert 0 < len(parsed) < len(analysis.sentences) / 2
    assert all(chronology.TIME_WORD.search(text) for text in parsed)


def test_the_second_run_reads_every_article_from_the_cache(corpus, fresh_cache, monkeypatch):
    first = ct.analyse_corpus(corpus)
    cache.clear_memory()  # read from disk, not from memory
    monkeypatch.setattr(pipeline, "analyse_articles", lambda *a, **k: pytest.fail("recomputed a cached article"))
    second = ct.analyse_corpus(corpus)
    for a, b in zip(first, second):
        pd.testing.assert_frame_equal(a, b)


def test_another_process_reads_the_merged_chronology_rather_than_merging_again(corpus, fresh_cache, monkeypatch):
    first = ct.analyse_corpus(corpus)
    cache.clear_memory()  # as a notebook's new kernel finds it: on disk, not in memory
    monkeypatch.setattr(pipeline, "merge_events", lambda *a, **k: pytest.fail("merged again"))
    second = ct.analyse_corpus(corpus)
    pd.testing.assert_frame_equal(first.chronology, second.chronology)
    pd.testing.assert_frame_equal(first.events, second.events)
    cache.clear_memory()
    regrouped = corpus.assign(story_id=[f"s{i}" for i in range(len(corpus))])  # other story ids: merged anew
    monkeypatch.undo()
    merged = []
    merge = pipeline.merge_events
    monkeypatch.setattr(pipeline, "merge_events", lambda *a, **k: merged.append(1) or merge(*a, **k))
    ct.analyse_corpus(regrouped)
    assert merged == [1]


def test_an_edited_article_is_recomputed_and_only_it(corpus, fresh_cache, monkeypatch):
    ct.analyse_corpus(corpus)
    edited = corpus.copy()
    edited.loc[edited.index[0], "text"] = edited.text.iloc[0] + "\n周五,奥特曼被董事会解雇。"
    computed = []
    analyse = pipeline.analyse_articles
    monkeypatch.setattr(pipeline, "analyse_articles",
                        lambda articles, *a: computed.extend(x[0] for x in articles) or analyse(articles, *a))
    analysis = ct.analyse_corpus(edited)
    assert computed == [edited.article_id.iloc[0]]
    assert analysis.sentences.text.str.contains("周五,奥特曼被董事会解雇").any()


def test_loading_is_keyed_by_the_raw_files_content(raw_copy, fresh_cache):
    first = ct.load_corpus(raw_copy)
    path = sorted(raw_copy.glob("*.txt"))[0]
    path.write_bytes(path.read_bytes().replace("奥特曼".encode(), "阿尔特曼".encode()))
    second = ct.load_corpus(raw_copy)
    changed = first.file == path.name
    assert (first.sha256[changed] != second.sha256[changed]).all()
    assert (first.sha256[~changed] == second.sha256[~changed]).all()
    assert "阿尔特曼" in second.text[changed].iloc[0] and "阿尔特曼" not in first.text[changed].iloc[0]


def test_the_cache_key_changes_with_the_code(monkeypatch):
    key = cache.content_key("x", "same input")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of the code")
    assert cache.content_key("x", "same input") != key


def test_the_cache_key_is_the_same_in_another_process():
    code = ("import pandas as pd; from corpus_tools import cache; "
            "print(cache.content_key('x', pd.Series(['奥特曼', '回归']), {'a': 1}))")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(keys) == 1 and len(keys.pop().strip()) == 64


def test_a_damaged_entry_is_recomputed(fresh_cache):
    cache.store("test", "k" * 64, {"value": 1})
    assert cache.load("test", "k" * 64) == {"value": 1}
    path = next(fresh_cache.rglob("*.pkl"))
    path.write_bytes(b"not a pickle")
    assert cache.load("test", "k" * 64, "missing") == "missing"


def test_caching_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", "off")
    assert cache.cache_dir() is None
    cache.store("test", "a" * 64, 1)
    assert cache.load("test", "a" * 64, "missing") == "missing"


def test_memoize_returns_a_fresh_copy_and_computes_once(fresh_cache):
    calls = []

    @cache.memoize
    def table(n):
        calls.append(n)
        return pd.DataFrame({"n": range(n)})

    first = table(3)
    first.loc[0, "n"] = 99
    assert table(3).n.tolist() == [0, 1, 2] and calls == [3]


def test_dask_with_its_local_scheduler_gives_the_same_tables(corpus, fresh_cache):
    serial = ct.analyse_corpus(corpus, workers=1)
    ct.clear_cache()
    parallel = ct.analyse_corpus(corpus, workers=2)
    for a, b in zip(serial, parallel):
        pd.testing.assert_frame_equal(a, b)


def test_large_corpora_go_to_dask_and_small_ones_stay_here(corpus, fresh_cache, monkeypatch):
    used = []
    compute = pipeline._compute
    monkeypatch.setattr(pipeline, "_compute", lambda articles, target, workers, *a, **k: used.append(workers) or
                        compute(articles, target, 1, *a, **k))
    ct.analyse_corpus(corpus)
    monkeypatch.setattr(pipeline, "PARALLEL_CHARS", 10)
    ct.clear_cache()
    ct.analyse_corpus(corpus)
    assert used == [1, max(os.cpu_count() or 1, 1)]


def test_a_progress_bar_only_for_long_work(corpus, fresh_cache, capsys):
    ct.analyse_corpus(corpus)
    assert capsys.readouterr().err == ""
    ct.clear_cache()
    ct.analyse_corpus(corpus, progress=True)
    assert "analysing articles" in capsys.readouterr().err


def test_an_empty_corpus_gives_empty_tables(corpus, fresh_cache):
    analysis = ct.analyse_corpus(corpus.iloc[:0])
    assert all(len(table) == 0 for table in analysis)
    assert list(analysis.chronology.columns)[:3] == ["date_start", "date_end", "precision"]


def test_results_pickle_for_workers():
    result = pipeline.analyse_article("a", "周五,奥特曼被解雇。他随后发文。", pd.Timestamp("2023-11-18 10:00", tz="Asia/Shanghai"))
    assert pickle.loads(pickle.dumps(result)) == result
    assert [row[2] for row in result["evidence"]] == ["name", "pronoun"]


def test_loading_over_several_processes_gives_the_same_corpus_and_the_same_skips(raw_copy, fresh_cache, monkeypatch):
    from corpus_tools.ingest import assembly as loading

    (raw_copy / "zz_empty.txt").write_bytes(b"")
    (raw_copy / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    with pytest.warns(ct.CorpusWarning):
        serial = ct.load_corpus(raw_copy, errors="skip")
    ct.clear_cache()
    monkeypatch.setattr(loading, "PARALLEL_BYTES", 0)
    with pytest.warns(ct.CorpusWarning):
        parallel = ct.load_corpus(raw_copy, errors="skip")
    pd.testing.assert_frame_equal(serial, parallel)
    assert serial.attrs["skipped"] == parallel.attrs["skipped"] and len(parallel.attrs["skipped"]) == 2
    from corpus_tools import cache

    stored = list((cache.cache_dir() / loading._CACHE).rglob("*.pkl"))  # each worker stored the files it loaded
    assert len(stored) == len([p for p in raw_copy.iterdir() if loading.is_article_file(p)])
    with pytest.warns(ct.CorpusWarning):
        pd.testing.assert_frame_equal(ct.load_corpus(raw_copy, errors="skip"), parallel)
    with pytest.raises(ct.CorpusError, match="zz_binary.txt"):
        ct.load_corpus(raw_copy)


def test_co_mentions_from_the_mention_table_match_a_fresh_search(corpus, fresh_cache):
    from corpus_tools import wordstats

    analysis = ct.analyse_corpus(corpus)
    pd.testing.assert_frame_equal(wordstats.cooccurrence_of(analysis.mentions),
                                  wordstats.cooccurrence(analysis.sentences.text))


def test_a_corpus_with_no_dated_article_is_analysed(tmp_path):
    """Every article undated (kept and listed by the loader) still gives sentences, stance and a chronology."""
    (tmp_path / "a.txt").write_text("奥特曼回归\n奥特曼被董事会解雇，这是一段讲述事件经过的正文。他随后表示很享受在公司的时光。\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("阿爾特曼回歸\n阿爾特曼重返OpenAI，董事會原則上同意恢復他的職務，這是一段正文。\n", encoding="utf-8")
    with pytest.warns(ct.CorpusWarning):
        corpus = ct.load_corpus(tmp_path)
    assert corpus.published.isna().all()
    analysis = ct.analyse_corpus(corpus)
    assert len(analysis.sentences) >= 3 and analysis.sentences.published.isna().all()
    assert len(analysis.stance) > 0 and analysis.chronology.empty


def test_chunks_of_equal_weight_keep_the_items_in_order():
    from corpus_tools.parallel import chunk_bounds, map_in_chunks

    weights = [1, 9, 1, 1, 1, 5, 2, 2, 2, 8, 1, 1] * 5
    bounds = chunk_bounds(weights, 6, most=7)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(weights)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:])) and all(0 < e - s <= 7 for s, e in bounds)
    heaviest = max(sum(weights[s:e]) for s, e in bounds)
    assert heaviest <= sum(weights) / 6 + max(weights)
    items = [(i,) for i in range(len(weights))]
    assert map_in_chunks(str, items, workers=2, weights=weights) == [str(i) for i in range(len(weights))]


def test_target_sentences_of_an_analysed_corpus_are_read_from_it(corpus, fresh_cache, monkeypatch):
    from corpus_tools.stance import targets

    sents = ct.sentences(corpus)
    read = ct.target_sentences(sents, "Altman")
    assert pipeline.known_references(sents, "altman") is not None
    cache.clear_memory()
    assert pipeline.known_references(sents, "altman") is None
    pd.testing.assert_frame_equal(read, ct.target_sentences(sents, "Altman"))
    assert set(read.reference) == {"name", "pronoun"}
    shuffled = sents.iloc[::-1].reset_index(drop=True)  # not in the analysis's order: computed
    ct.analyse_corpus(corpus)
    assert pipeline.known_references(shuffled, "altman") is None
