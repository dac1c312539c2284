"""The narrative subpackage: phases from the data, the timeline summary, sentences that stand alone,
the baselines and the measures against a reference timeline (made up here, not a real reference)."""

from collections import Counter

import numpy as np
import pandas as pd

import corpus_tools as ct
from corpus_tools import narrative, wordstats
from corpus_tools.narrative import measures, phases, standalone

#: A reference timeline written for these tests: the format the blind writers use.
MADE_UP_REFERENCE = """date_start,date_end,summary,event_ids
2023-11-17,2023-11-18,董事会以不够坦诚为由罢免奥特曼。,board_removes_altman
2023-11-19,2023-11-20,微软宣布奥特曼和布罗克曼将加入微软。,
2023-11-21,2023-11-22,奥特曼与董事会达成协议重返OpenAI。,agreement_altman_return;altman_formally_returns
2024-09-25,2024-09-26,首席技术官穆拉蒂宣布离职。,
"""


def test_a_sentence_that_needs_the_one_before_is_found_and_mended():
    assert standalone.dependent_opening("然而,他的秘密武器是掌控招募流程。") == "然而"
    assert standalone.dependent_opening("“此外,微软也表态。") == "此外"
    assert standalone.dependent_opening("该公司表示将继续合作。") == "该"
    assert standalone.dependent_opening("我们非常高兴地分享这样的消息。") == "我们"
    assert standalone.dependent_opening("他（奥特曼）回到了公司。") == ""
    assert standalone.stands_alone("OpenAI董事会周五宣布罢免奥特曼。")
    assert not standalone.stands_alone("奥特曼在声明中说:")
    assert standalone.restore("然而,他的秘密武器是掌控招募流程。", "奥特曼") == "他（奥特曼）的秘密武器是掌控招募流程。"
    assert standalone.restore("该公司表示将继续合作。", "奥特曼") == "该公司表示将继续合作。"  # cannot be mended


def test_openings_after_a_frame_of_time_or_attribution_and_cut_quotes_need_the_sentence_before():
    dependent = {
        "周四，他在峰会上谈到了新产品。": "他",                   # a pronoun after a time frame
        "当地时间周一早些时候，她宣布辞职。": "她",
        "据外媒报道，该公司已暂停这项服务。": "该",               # a demonstrative after an attribution
        "值得注意的是，此举遭到员工反对。": "此",
        "同一天，有消息称投资人正在施压。": "同一天",             # a day known only from the sentence before
        "在这之前，双方已多次会面。": "在这之前",
        "紧接着，董事会宣布了新人选。": "紧接着",
        "上述决定引发了轩然大波。": "上述",
        "也将不再担任董事长一职。": "也",                         # a clause begun in the sentence before
        "并表示会继续支持团队。": "并",
        "会一起走下去”，他在信中写道。": "”",                 # a quote begun in the sentence before
        "“今天是我做过最艰难的决定的一天。": "“",                         # a quote that runs on after it
        "• 其他高管也随之离开。": "其",                           # a bullet is no part of the sentence
        "知情人士透露，这份备忘录早已送到董事会。": "这",         # after what an unnamed source says
    }
    for text, opening in dependent.items():
        assert standalone.dependent_opening(text) == opening, text
        assert not standalone.stands_alone(text), text
    alone = ["2025年3月11日，董事会宣布罢免林德华。", "据报道，林德华已离开公司。", "其实董事会早有打算。",
             "并购案在周五完成。", "林德华说：“我会回来的。”", "（1）投资人要求董事会辞职。"]
    for text in alone:
        assert standalone.stands_alone(text), text
    # what can be mended is mended where the sentence really opens
    assert standalone.restore("周四，他在峰会上谈到了新产品。", "林德华") == "周四，他（林德华）在峰会上谈到了新产品。"
    assert standalone.restore("同一天，有消息称投资人正在施压。") == "有消息称投资人正在施压。"
    assert standalone.restore("• 投资人要求董事会辞职。") == "投资人要求董事会辞职。"
    assert standalone.stands_alone(standalone.restore("3月12日，随后董事会任命了临时负责人。"))
    # a quote cut off by the sentence's ends gets the mark it lacks: an excerpt of the speaker's words
    assert standalone.restore("林德华对员工说：“改变总是可怕的。") == "林德华对员工说：“改变总是可怕的。”"
    assert standalone.restore("会一起走下去”，林德华在信中写道。") == "“会一起走下去”，林德华在信中写道。"
    assert standalone.stands_alone(standalone.restore("林德华对员工说：“改变总是可怕的。"))
    # a pronoun anywhere needs a name in the sentence to point to (the summary checks the names)
    assert standalone.refers_to_someone("走进会议室时，他发现董事们都在等他。")
    assert not standalone.refers_to_someone("其他董事和他人都没有表态。")
    assert not standalone.refers_to_someone("他（林德华）回到了公司。")


def test_phases_are_cut_at_long_gaps_and_titled_by_their_events():
    events = pd.DataFrame({
        "date_start": pd.to_datetime(["2025-03-11", "2025-03-13", "2025-03-18", "2025-09-02", "2025-09-15"]),
        "date_end": pd.to_datetime(["2025-03-11", "2025-03-13", "2025-03-18", "2025-09-02", "2025-09-15"]),
        "event_type": ["removal", "letter", "return", "departure", "apology"], "score": [5, 2, 4, 3, 1]})
    found = phases.find_phases(events)
    assert list(found.phase_id) == ["p1", "p2"] and list(found.events) == [3, 2]
    assert found.title_zh.iloc[0] == "2025-03-11 – 03-18 · 发表公开信、回归、罢免".replace("发表公开信、回归、罢免", "罢免、发表公开信、回归")
    assert found.title_en.iloc[1] == "2–15 Sep 2025 · resignation, apology"
    assert phases.phase_of(pd.Series(pd.to_datetime(["2025-01-01", "2025-03-12", "2025-09-20"])), found).tolist() == ["p1", "p1", "p2"]
    assert phases.find_phases(events.iloc[:0]).empty


def test_date_f1_counts_dates_within_the_reference_windows(tmp_path):
    path = tmp_path / "reference.csv"
    path.write_text(MADE_UP_REFERENCE, encoding="utf-8")
    reference = measures.read_reference(path)
    assert reference.event_ids.iloc[2] == ["agreement_altman_return", "altman_formally_returns"]
    ours = pd.DataFrame({"date_start": pd.to_datetime(["2023-11-17", "2023-11-20", "2024-05-01", "2024-06-30"]),
                         "date_end": pd.to_datetime(["2023-11-18", "2023-11-20", "2024-05-31", "2024-06-30"]),
                         "text": ["董事会罢免奥特曼。", "微软聘用奥特曼。", "莱克离职。", "然而他走了。"]})
    scores = measures.date_f1(ours, reference)
    # the month (May 2024) is no date; 30 June falls in no window
    assert scores["dates"] == 3 and scores["precision"] == 2 / 3 and scores["recall"] == 2 / 4
    rouge = measures.concat_rouge(ours.text, reference.summary)
    assert 0 < rouge["rouge2_f1"] < rouge["rouge1_f1"] < 1
    assert measures.concat_rouge(reference.summary, reference.summary)["rouge2_f1"] == 1.0
    measured = measures.score_timeline(ours, reference)
    assert measured["not_standalone"] == 0.25 and measured["date_order"]


def test_events_told_need_the_words_and_the_dates():
    summary = pd.DataFrame({"date_start": pd.to_datetime(["2023-11-17", "2024-05-01", "2023-01-01"]),
                            "date_end": pd.to_datetime(["2023-11-18", "2024-05-31", "2023-12-31"]),
                            "text": ["董事会罢免奥特曼。", "莱克宣布离职。", "奥特曼回归。"]})
    events = pd.DataFrame({"event_id": ["removal", "leike", "return"],
                           "date_start": pd.to_datetime(["2023-11-17", "2024-05-14", "2023-11-21"]),
                           "date_end": pd.to_datetime(["2023-11-18", "2024-05-17", "2023-11-22"]),
                           "words": ["罢免", "离职", "回归"]})
    told = measures.events_told(summary, events, lambda text, event: event.words in text)
    # the return is told, but only under a whole year: not with its date
    assert told.told.tolist() == [True, True, False] and told.row.tolist() == [0, 1, -1]


def test_pagerank_and_mmr():
    star = np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float)
    rank = narrative.pagerank(star)
    assert rank.argmax() == 0 and abs(rank.sum() - 1) < 1e-9
    similarity = np.array([[0, 0.99, 0.0], [0.99, 0, 0.0], [0.0, 0.0, 0]])
    assert narrative.mmr(np.array([1.0, 0.9, 0.6]), similarity, 2) == [0, 2]  # the near-duplicate is skipped


def test_summarisers_pick_as_many_distinct_sentences_as_asked():
    texts = ["奥特曼被董事会解雇,员工震惊。", "董事会解雇了奥特曼,员工非常震惊。", "微软宣布聘请奥特曼和布罗克曼。",
             "员工签署公开信要求董事会辞职。", "奥特曼最终回到了OpenAI。", "穆拉蒂宣布离开OpenAI。"]
    for summarise in (narrative.textrank.uncached, narrative.baselines.computed_jionlp_summary.uncached):
        picked = summarise(texts, 3)
        assert len(picked) == 3 and len(set(picked)) == 3 and all(0 <= i < len(texts) for i in picked)


def test_log_odds_with_an_informative_prior():
    table = wordstats.log_odds(Counter({"微软": 30, "董事会": 10, "离职": 1}), Counter({"微软": 1, "离职": 20, "董事会": 10}))
    z = table.set_index("word").z
    assert z["微软"] > 1.96 and z["离职"] < -1.96 and abs(z["董事会"]) < 1.96
    assert list(table.z) == sorted(table.z, reverse=True)


def test_cooccurrence_counts_sentences_not_mentions():
    pairs = wordstats.cooccurrence(["奥特曼和Sam Altman与微软", "微软与OpenAI", "奥特曼"])
    counts = {(r.entity_a, r.entity_b): r.sentences for r in pairs.itertuples()}
    assert counts == {("altman", "microsoft"): 1, ("microsoft", "openai"): 1}


#: The ten events the bundled chronology finds (tests/test_chronology.py), with the words a sentence
#: telling each must hold: the summary must tell at least nine of them with their dates.
BUNDLED_WORDS = {"removal": "罢免|解雇|开除|赶下台|赶走|被逼退出", "hire": "微软", "letter": "信|联署|签署|签名",
                 "apology": "道歉|后悔|遗憾", "return": "回归|重返|回到|复职", "departure": "离职|离开|辞职|出走",
                 "agreement": "协议"}


def bundled_events_told(summary: pd.DataFrame) -> pd.DataFrame:
    from test_chronology import BUNDLED_EVENTS

    events = pd.DataFrame([{"event_id": f"{kind} {' '.join(people)}".strip(), "kind": kind, "people": people,
                            "date_start": pd.Timestamp(first), "date_end": pd.Timestamp(last)}
                           for kind, people, first, last in BUNDLED_EVENTS])

    def names(text, event):
        import re
        return bool(re.search(BUNDLED_WORDS[event.kind], text)) and all(ct.find_mentions(text, p) for p in event.people)
    return measures.events_told(summary, events, names)


def test_the_bundled_timeline_tells_its_events_with_their_dates_in_sentences_that_stand_alone(corpus):
    summary, found = narrative.timeline_summary(corpus, "altman")
    told = bundled_events_told(summary)
    print(told.to_string())
    assert told.told.sum() >= 9
    assert len(summary) <= 40 and summary.date_start.is_monotonic_increasing
    assert measures.standalone_share(summary.text) == 0
    assert list(summary.columns[:8]) == narrative.SUMMARY_COLUMNS
    assert set(summary.phase_id) == set(found.phase_id) and found.title_zh.str.contains(" · ").all()
    sents = ct.sentences(corpus).set_index(["article_id", "sentence_id"]).text
    for row in summary.itertuples():  # every row cited, and its text the cited sentence (or mended from it)
        cited = sents.loc[(row.article_id, row.sentence_id)]
        assert row.text == cited or (row.mended and standalone.restore(cited, None) in (row.text, cited)
                                     or "（" in row.text), (row.text, cited)


def _made_up_chronology(rows):
    """A chronology of made-up rows: (start, end, precision, type, actors, sources)."""
    table = pd.DataFrame(rows, columns=["date_start", "date_end", "precision", "event_type", "actors", "n_sources"])
    table["date_start"] = pd.to_datetime(table.date_start)
    table["date_end"] = pd.to_datetime(table.date_end) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    return table.assign(n_articles=table.n_sources, label=table.event_type, background="no", after_publication=False)


def test_key_events_prefer_days_and_sources_and_leave_out_weak_rows_and_echoes():
    chronology = _made_up_chronology([
        ("2025-03-11", "2025-03-11", "day", "removal", "lin", 6),
        ("2025-03-01", "2025-03-31", "month", "funding", "", 1),         # no one, one source, a month: weak
        ("2025-03-01", "2025-03-31", "month", "agreement", "", 1),       # as vague, but a turn of the story
        ("2025-03-13", "2025-03-13", "day", "letter", "", 3),
        ("2025-03-01", "2025-03-31", "month", "letter", "zhou", 3),      # as many sources, a broad date
        ("2025-09-02", "2025-09-02", "day", "departure", "wu", 1),
    ])
    keys = narrative.key_events(chronology, "lin")
    assert "funding" not in set(keys.event_type) and "agreement" in set(keys.event_type)
    assert keys.date_start.is_monotonic_increasing and sorted(keys["rank"]) == list(range(len(keys)))
    rank = dict(zip(zip(keys.event_type, keys.date_start.dt.strftime("%m-%d")), keys["rank"]))
    assert rank[("removal", "03-11")] == 0
    assert rank[("letter", "03-13")] < rank[("letter", "03-01")]
    assert len(narrative.key_events(chronology, "lin", max_rows=3)) == 3
    # the removal told again months later by one source: after another removal told by one
    echoes = _made_up_chronology([("2025-03-11", "2025-03-11", "day", "removal", "lin", 6),
                                  ("2025-09-20", "2025-09-20", "day", "removal", "lin, zhou", 1),
                                  ("2025-09-21", "2025-09-21", "day", "removal", "wu", 1)])
    assert narrative.key_events(echoes, "lin").sort_values("rank").actors.tolist() == ["lin", "wu", "lin, zhou"]
