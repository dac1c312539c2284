from collections import Counter

import numpy as np
import pandas as pd

from corpus_tools import narrative, wordstats


def test_phases_open_on_chronology_events_or_key_events():
    chronology = pd.DataFrame({
        "event_type": ["removal", "hire", "departure", "departure"],
        "date_start": pd.to_datetime(["2023-11-17", "2023-11-19", "2024-05-01", "2024-09-26"]),
        "precision": ["day", "day", "month", "day"],
    })
    bounds = narrative.phases(chronology)
    assert list(bounds.phase_id) == ["removal", "weekend", "return", "departures"]
    assert bounds.start.dt.strftime("%Y-%m-%d").tolist() == ["2023-11-17", "2023-11-19", "2023-11-22", "2024-05-01"]
    assert bounds.basis.tolist() == ["chronology", "chronology", "key event", "chronology"]
    assert (bounds.end.iloc[:-1].values == bounds.start.iloc[1:].values).all()


def test_sentences_are_placed_by_their_own_date_or_their_article():
    sents = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [0, 1, 2], "text": ["x", "y", "z"],
                          "published": pd.Timestamp("2023-12-08 09:41", tz="Asia/Shanghai")})
    expressions = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 2],
                                "date_start": pd.to_datetime(["2023-11-18", "2023-01-01"]), "precision": ["day", "year"]})
    dates = narrative.sentence_dates(sents, expressions)
    assert dates.dt.strftime("%Y-%m-%d").tolist() == ["2023-11-18", "2023-12-08", "2023-12-08"]
    bounds = pd.DataFrame({"phase_id": ["p1", "p2"], "start": pd.to_datetime(["2023-11-17", "2023-11-22"]),
                           "end": pd.to_datetime(["2023-11-22", "2262-01-01"])})
    assert narrative.assign_phases(sents, dates, bounds).tolist() == ["p1", "p2", "p2"]
    early = pd.Series(pd.to_datetime(["2015-01-01"]))
    assert narrative.assign_phases(sents.iloc[:1], early, bounds).tolist() == ["p1"]


def test_pagerank_and_mmr():
    star = np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float)
    rank = narrative.pagerank(star)
    assert rank.argmax() == 0 and abs(rank.sum() - 1) < 1e-9
    similarity = np.array([[0, 0.99, 0.0], [0.99, 0, 0.0], [0.0, 0.0, 0]])
    assert narrative.mmr(np.array([1.0, 0.9, 0.6]), similarity, 2) == [0, 2]  # the near-duplicate is skipped


def test_summarisers_pick_distinct_sentences_and_the_criterion_is_computed():
    texts = ["奥特曼被董事会解雇,员工震惊。", "董事会解雇了奥特曼,员工非常震惊。", "微软宣布聘请奥特曼和布罗克曼。",
             "员工签署公开信要求董事会辞职。", "奥特曼最终回到了OpenAI。"]
    for summarise in (narrative.textrank, narrative.jionlp_summary):
        picked = summarise(texts, 3)
        assert 1 <= len(picked) <= 3 and len(set(picked)) == len(picked)
    quality = narrative.summary_quality([texts[0], texts[1]], ["萨姆·奥特曼", "微软", "公开信", "回到"])
    assert quality["coverage"] == 0.25 and quality["redundancy"] > 0.5
    assert abs(quality["criterion"] - (quality["coverage"] - quality["redundancy"])) < 1e-12


def test_log_odds_with_an_informative_prior():
    table = wordstats.log_odds(Counter({"微软": 30, "董事会": 10, "离职": 1}), Counter({"微软": 1, "离职": 20, "董事会": 10}))
    z = table.set_index("word").z
    assert z["微软"] > 1.96 and z["离职"] < -1.96 and abs(z["董事会"]) < 1.96
    assert list(table.z) == sorted(table.z, reverse=True)


def test_cooccurrence_counts_sentences_not_mentions():
    pairs = wordstats.cooccurrence(["奥特曼和Sam Altman与微软", "微软与OpenAI", "奥特曼"])
    counts = {(r.entity_a, r.entity_b): r.sentences for r in pairs.itertuples()}
    assert counts == {("altman", "microsoft"): 1, ("microsoft", "openai"): 1}


def test_the_bundled_story_has_every_phase(corpus):
    sents, bounds = narrative.phased_sentences(corpus)
    assert set(sents.phase_id) == set(bounds.phase_id)
    quality, chosen = narrative.compare_summarisers(sents, k=3)
    assert set(quality.method) == {"textrank", "jionlp"} and len(quality) == 2 * len(bounds)
