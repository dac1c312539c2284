"""The Parquet store of the per-article analysis: what is read back is what was computed, in the
corpus's order, only the columns and articles asked for, and nothing stale."""

import gc

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import pipeline, store


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def held_out_of_memory(monkeypatch):
    """Every table read from the store when asked for, as for a corpus too large to hold."""
    monkeypatch.setattr(pipeline, "KEEP_CHARS", 0)


def _assert_same(a, b):
    for name, x, y in zip(a._fields, a, b):
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=name)


def test_tables_read_from_the_store_are_the_tables_held_in_memory(corpus, fresh_cache, monkeypatch):
    held = ct.analyse_corpus(corpus)
    ct.clear_cache()
    monkeypatch.setattr(pipeline, "KEEP_CHARS", 0)
    read = ct.analyse_corpus(corpus)
    assert read._core.kept is None and held._core.kept is not None
    _assert_same(held, read)


def test_parts_written_at_other_times_are_read_in_the_corpus_order(corpus, fresh_cache, held_out_of_memory):
    reordered = corpus.iloc[[3, 0, 4]]
    ct.analyse_corpus(corpus.iloc[[4]])
    ct.analyse_corpus(corpus.iloc[[0, 3]])  # a chunk holding two of them, written in another order
    ct.cache.clear_memory()
    mixed = ct.analyse_corpus(reordered)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORPUS_TOOLS_CACHE", "off")
        fresh = ct.analyse_corpus(reordered)
    _assert_same(mixed, fresh)
    assert list(dict.fromkeys(mixed.sentences.article_id)) == list(reordered.article_id)


def test_only_the_columns_and_articles_asked_for(corpus, fresh_cache, held_out_of_memory):
    analysis = ct.analyse_corpus(corpus)
    whole = analysis.sentences
    some = analysis.read("sentences", ["article_id", "published", "text"], articles=corpus.article_id[:2])
    assert list(some.columns) == ["article_id", "published", "text"]
    expected = whole[whole.article_id.isin(corpus.article_id[:2])][list(some.columns)].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)
    by_chunk = pd.concat(analysis.parts("mentions", ["entity_id"]), ignore_index=True)
    pd.testing.assert_frame_equal(by_chunk, analysis.mentions[["entity_id"]])
    assert all(path.suffix == ".parquet" and path.is_file() for path in analysis.files("stance"))


def test_the_store_is_keyed_by_content_and_code(corpus, fresh_cache, monkeypatch):
    ct.analyse_corpus(corpus)
    parts = set((fresh_cache / "store").rglob("*.parquet"))
    ct.cache.clear_memory()
    monkeypatch.setattr(ct.cache, "code_fingerprint", lambda: "another version of the code")
    computed = []
    analyse = pipeline.analyse_articles
    monkeypatch.setattr(pipeline, "analyse_articles", lambda articles, *a: computed.extend(articles) or analyse(articles, *a))
    ct.analyse_corpus(corpus)
    assert len(computed) == len(corpus) and set((fresh_cache / "store").rglob("*.parquet")) > parts


def test_with_the_cache_off_the_store_lasts_as_long_as_the_analysis(corpus, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", "off")
    analysis = ct.analyse_corpus(corpus.iloc[:1])
    root = analysis._core.pieces.root
    assert root.is_dir() and len(analysis.sentences) > 0
    del analysis
    gc.collect()
    assert not root.exists()


def test_a_chunk_missing_a_part_is_computed_again(corpus, fresh_cache, monkeypatch):
    ct.analyse_corpus(corpus.iloc[:1])
    next((fresh_cache / "store" / "mentions").rglob("*.parquet")).unlink()
    ct.cache.clear_memory()
    keys = [pipeline._article_key(a, t, p, "altman") for a, t, p in zip(corpus.article_id[:1], corpus.text[:1],
                                                                         corpus.published[:1])]
    assert store.chunks_of(fresh_cache / "store", keys) == [None]
    assert len(ct.analyse_corpus(corpus.iloc[:1]).mentions) > 0
