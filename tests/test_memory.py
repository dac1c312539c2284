"""What the parent process holds of a large corpus: properties, not timings.

The parent of a corpus of 100,000 articles must not hold every file's bytes while they are cleaned,
every article's shingles while copies are grouped, nor a list of copies of every text while the
articles are analysed (``benchmarks/throughput.py --scale`` measures the memory itself).
"""

import pickle

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools import parallel, pipeline
from corpus_tools.ingest import assembly, duplicates

# made-up paragraphs: three stories, some copied with a lead, a cut or a line of their own
A = "某公司董事会周五宣布，首席执行官因沟通不够坦诚而被解除职务，消息在业内引起了很大震动。"
B = "知情人士说，这位首席执行官在公告发布前几分钟才接到通知，主要投资方也只提前得知了这一决定。"
C = "一位董事随后在社交平台上表示，他对参与这次行动深感后悔，希望公司上下能够重新团结起来。"
D = "另一家研究机构本周发布了新的语言模型，称其在多项测试中超过了此前的版本，价格也更低。"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_loader_sends_the_workers_paths_and_never_holds_the_files_bytes(raw_copy, fresh_cache, monkeypatch):
    sent = []
    spread = assembly.map_in_chunks
    monkeypatch.setattr(assembly, "map_in_chunks", lambda function, items, **kw: sent.extend(items) or
                        spread(function, items, **kw))
    monkeypatch.setattr(assembly, "PARALLEL_BYTES", 0)  # over the cores, as a large folder is loaded
    with pytest.warns(ct.CorpusWarning):  # the bundled page without a date
        loaded = ct.load_corpus(raw_copy)
    files = sum(path.stat().st_size for path in raw_copy.iterdir())
    assert len(sent) == 5 and not any(isinstance(part, (bytes, bytearray)) for item in sent for part in item)
    assert len(pickle.dumps(sent)) < files / 20  # a path, a hash and a key per file: not its content
    ct.clear_cache()
    monkeypatch.setattr(assembly, "PARALLEL_BYTES", 10**12)  # here, from the bytes read here
    with pytest.warns(ct.CorpusWarning):
        pd.testing.assert_frame_equal(ct.load_corpus(raw_copy), loaded)


def test_a_file_changed_after_it_was_hashed_is_an_error_not_a_stale_entry(tmp_path, fresh_cache):
    path = tmp_path / "a.txt"
    path.write_text(f"标题\n{A}\n{B}", encoding="utf-8")
    found = assembly._stored_file_articles("key", path, "0" * 64, None, {})
    assert found == [(str(path), "changed while the folder was being loaded")]


def _texts():
    return [A + B + C, "导语。" + A + B + C, A + B, C + A + B + "完", D, D + "本文完。", B + C, "", "短"] * 3 + [
        "今天这座城市天气晴朗，气温在十度左右，适合出门散步。"]


def test_copies_are_grouped_with_a_few_shingle_sets_held_at_once(monkeypatch):
    texts = _texts()
    ids = [f"a{i:02d}" for i in range(len(texts))]
    expected = duplicates.story_ids(ids, texts)
    held, made = [], []
    keep = duplicates._Sets.__getitem__

    def counted(self, i):
        found = keep(self, i)
        held.append(len(self.sets))
        return found

    monkeypatch.setattr(duplicates._Sets, "__getitem__", counted)
    maker = duplicates._set_maker
    monkeypatch.setattr(duplicates, "_set_maker", lambda texts, positions: (lambda make: (
        lambda i: made.append(i) or make(i)))(maker(texts, positions)))
    monkeypatch.setattr(duplicates, "SETS_KEPT", 2)
    assert duplicates.story_ids(ids, texts) == expected
    assert len(set(expected)) < len(texts)  # some are copies
    assert held and max(held) <= 2  # never more than SETS_KEPT sets at once
    singletons = {i for i, text in enumerate(texts) if not text or "天气" in text}  # no candidates: no set
    assert made and not singletons & set(made)  # none made for an article that is no candidate


def test_the_fingerprint_of_a_text_does_not_grow_with_it():
    short, long = duplicates.fingerprint(A), duplicates.fingerprint((A + B + C + D) * 50)
    assert len(pickle.dumps(short)) == len(pickle.dumps(long)) < 600


def test_the_analysis_tasks_hold_no_copy_of_the_texts(corpus, fresh_cache, monkeypatch):
    sent = []
    spread = pipeline.map_in_chunks
    monkeypatch.setattr(pipeline, "map_in_chunks", lambda function, items, **kw: sent.extend(items) or
                        spread(function, items, **kw))
    analysis = ct.analyse_corpus(corpus)
    texts = [item[2] for item in sent]
    assert len(texts) == len(corpus) and not any(isinstance(text, str) for text in texts)
    assert [pickle.loads(pickle.dumps(text)) for text in texts] == corpus.text.tolist()  # a worker gets the text
    assert all(type(pickle.loads(pickle.dumps(text))) is str for text in texts)
    assert len(analysis.sentences) == 272


def test_freed_memory_is_released_before_forking_without_error():
    parallel.release_free_memory()
