"""The analysis on a dask.distributed cluster: a LocalCluster of worker processes writes the same
tables into the shared store as one machine computes."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import pipeline

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local


@pytest.fixture
def small_corpus(corpus):
    """The five bundled articles and five more, each a shortened copy under another id and date."""
    copies = corpus.copy()
    copies["article_id"] = copies.article_id + "_copy"
    copies["text"] = copies.text.str.slice(0, 600)
    copies["published"] = copies.published + pd.Timedelta(days=3)
    return pd.concat([corpus, copies.set_index("article_id", drop=False)])


def test_a_local_cluster_gives_every_table_of_one_machine(small_corpus, cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "here"))
    here = ct.analyse_corpus(small_corpus, workers=1)
    computed = []
    compute = pipeline._compute
    monkeypatch.setattr(pipeline, "_compute", lambda *a, **k: computed.append(k["scheduler"]) or compute(*a, **k))
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "shared"))
    ct.clear_cache()
    there = ct.analyse_corpus(small_corpus, scheduler=cluster.scheduler_address)
    assert computed == [cluster.scheduler_address]
    parts = list((tmp_path / "shared" / "store" / "sentences").rglob("*.parquet"))
    assert len(parts) > 1  # several chunks, written by the workers
    for name, a, b in zip(here._fields, here, there):
        assert len(a) > 0, name
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert here.sentences.tokens.tolist() == there.sentences.tokens.tolist()


def test_the_scheduler_comes_from_the_environment(small_corpus, cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "shared"))
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    ct.clear_cache()
    seen = []
    monkeypatch.setattr(pipeline, "map_in_chunks", lambda *a, **k: seen.append(k["scheduler"]) or [])
    with pytest.raises(Exception):
        ct.analyse_corpus(small_corpus.iloc[:1])
    assert seen == [cluster.scheduler_address]
