"""The real set's instruments on pages we write ourselves: collection with the holdout check, the
manifest, hydration (missing and changed pages), sentence keys, and the split by site and story."""

import hashlib
import json
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks" / "real"))

import collect  # noqa: E402
import realset  # noqa: E402
import split  # noqa: E402

STORY = "董事会宣布罢免奥特曼的首席执行官职务。微软随后宣布聘请奥特曼和布罗克曼加入新团队。"


def _page(n: int) -> str:
    return f"测试新闻网\n第{n}篇:奥特曼回归OpenAI\n2023-11-22 10:0{n % 10}\n" + STORY * 6 + f"\n责任编辑:编辑{n}\n"


@pytest.fixture
def holdout(tmp_path):
    folder = tmp_path / "holdout"
    folder.mkdir()
    held_url = "https://held.example/a"
    (folder / "urls.sha256").write_text(hashlib.sha256(held_url.encode()).hexdigest() + "\n")
    (folder / "sentences.sha1").write_text(realset.sentence_key("这一句是被留出的句子。") + "\n")
    return folder


def _batch(path, pages):
    with path.open("w", encoding="utf-8") as out:
        for url, text, period in pages:
            out.write(json.dumps({"url": url, "excerpt": text, "script": "Hans", "period": period, "kind": "test"},
                                 ensure_ascii=False) + "\n")
    return path


def test_collect_leaves_out_held_out_pages_and_sentences_and_records_the_rest(tmp_path, holdout, capsys):
    pages, manifest = tmp_path / "pages", tmp_path / "manifest.csv"
    batch = _batch(tmp_path / "b1.jsonl", [
        ("https://one.example/1", _page(1), "2023"),
        ("https://held.example/a", _page(2), "2023"),                            # URL held out
        ("https://two.example/2", _page(3) + "这一句 是被留出的 句子。\n", "2024"),  # a held-out sentence, other spacing
        ("https://three.example/3", "与本研究无关的页面。" * 40, "2023"),          # not about the story
        ("https://four.example/4", _page(1), "2023"),                            # the same text again
        ("https://five.example/5", "奥特曼。", "2023"),                           # too short
    ])
    assert collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(batch),
                         "--holdout", str(holdout)]) == 0
    said = capsys.readouterr().out
    rows = realset.read_manifest(manifest)
    assert [row["url"] for row in rows] == ["https://one.example/1"]
    assert "URL is held out" in said and "1 held-out sentence(s)" in said and "names neither" in said
    assert "same text as" in said and "shorter than" in said
    row = rows[0]
    text = _page(1)
    assert row["page_id"] == realset.page_id(row["url"]) and row["site"] == "one.example"
    assert row["sha256"] == hashlib.sha256(text.encode()).hexdigest() and int(row["length"]) == len(text)
    with (pages / f"{row['page_id']}.txt").open(encoding="utf-8", newline="") as handle:
        assert handle.read() == text
    assert "held" not in manifest.read_text() and "被留出" not in manifest.read_text()


def test_hydration_lists_missing_changed_and_extra_pages_and_recollection_restores_them(tmp_path, holdout, capsys):
    pages, manifest = tmp_path / "pages", tmp_path / "manifest.csv"
    first = [(f"https://site{n}.example/{n}", _page(n), "2023") for n in range(3)]
    batch = _batch(tmp_path / "b1.jsonl", first)
    collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(batch), "--holdout", str(holdout)])
    rows = realset.read_manifest(manifest)
    ids = [realset.page_id(url) for url, _, _ in first]
    (pages / f"{ids[0]}.txt").unlink()
    (pages / f"{ids[1]}.txt").write_text(_page(1) + "多了一行\n", encoding="utf-8")
    (pages / "stray.txt").write_text("x", encoding="utf-8")
    state = realset.hydrate(pages, rows)
    assert state.missing == [ids[0]] and state.changed == [ids[1]] and state.extra == ["stray"]
    assert list(state.present) == [ids[2]]
    assert collect.main(["--pages", str(pages), "--manifest", str(manifest), "check"]) == 1
    assert "missing" in capsys.readouterr().out
    # re-collecting: the same text restores the page; another text for the same URL is refused, not written
    changed = _batch(tmp_path / "b2.jsonl", [(first[0][0], first[0][1], "2023"), (first[1][0], "奥特曼" * 100, "2023")])
    collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(changed), "--holdout", str(holdout)])
    assert "changed: its text is not the one the manifest records" in capsys.readouterr().out
    state = realset.hydrate(pages, realset.read_manifest(manifest))
    assert sorted(state.present) == sorted([ids[0], ids[2]]) and state.changed == [ids[1]]
    assert realset.read_manifest(manifest) == rows


def test_a_recollected_page_keeps_the_query_that_found_it_as_its_hint_unless_the_query_copies_a_page(tmp_path, holdout, capsys):
    pages, manifest = tmp_path / "pages", tmp_path / "manifest.csv"
    first = [(f"https://site{n}.example/{n}", _page(n), "2023") for n in range(3)]
    collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(_batch(tmp_path / "b1.jsonl", first)),
                  "--holdout", str(holdout)])
    before = {row["page_id"]: row["search_hint"] for row in realset.read_manifest(manifest)}
    queries = ["罢免 奥特曼 回归",                      # story words: kept as the hint
               "微软随后宣布 聘请奥特曼 和布罗克曼",    # the page's words cut by spaces: page text, left out
               "测试新闻网 奥特曼 聘请"]
    with (tmp_path / "b2.jsonl").open("w", encoding="utf-8") as out:
        for (url, text, period), query in zip(first, queries):
            out.write(json.dumps({"url": url, "excerpt": text, "script": "Hans", "period": period, "query": query},
                                 ensure_ascii=False) + "\n")
    collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(tmp_path / "b2.jsonl"),
                  "--holdout", str(holdout)])
    assert "re-collected 3 (2 with a new search hint" in capsys.readouterr().out
    after = {row["page_id"]: row["search_hint"] for row in realset.read_manifest(manifest)}
    ids = [realset.page_id(url) for url, _, _ in first]
    assert after[ids[0]] == queries[0] and after[ids[2]] == queries[2]
    assert after[ids[1]] == before[ids[1]] and "微软随后宣布" not in manifest.read_text(encoding="utf-8")
    # a sentence of English is a quote of something; a new page's query is checked as well
    assert collect.quotes("the rapeseed fair in the valley drew many buyers", [])
    assert not collect.quotes("OpenAI Altman 罢免 微软", [])
    new_page = _page(7) + "新增的一段。\n"
    with (tmp_path / "b3.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps({"url": "https://site7.example/7", "excerpt": new_page, "script": "Hans", "period": "2023",
                              "query": "聘请奥特曼和布罗克曼 加入新团队"}, ensure_ascii=False) + "\n")
    collect.main(["--pages", str(pages), "--manifest", str(manifest), "add", str(tmp_path / "b3.jsonl"),
                  "--holdout", str(holdout)])
    hint = {row["page_id"]: row["search_hint"] for row in realset.read_manifest(manifest)}[realset.page_id("https://site7.example/7")]
    assert "加入新团队" not in hint and hint == realset.search_hint(new_page)


def test_sentence_keys_ignore_whitespace_and_sentences_keep_their_line_numbers():
    text = "标题\n\n奥特曼回归。董事会 改组!\n“我们回来了。”他说"
    assert realset.page_sentences(text) == [(1, "标题"), (3, "奥特曼回归。"), (3, "董事会 改组!"),
                                            (4, "“我们回来了。”"), (4, "他说")]
    assert realset.sentence_key("董事会 改组!") == hashlib.sha1("董事会改组!".encode()).hexdigest()


def test_split_keeps_a_site_and_the_copies_of_a_story_on_one_side():
    rows = [{"page_id": "p1", "site": "a.example"}, {"page_id": "p2", "site": "a.example"},
            {"page_id": "p3", "site": "b.example"}, {"page_id": "p4", "site": "c.example"},
            {"page_id": "p5", "site": "d.example"}]
    wire = "新华社旧金山11月21日电美国开放人工智能研究中心宣布与奥特曼达成原则性协议。" \
           "根据协议奥特曼将重返公司担任首席执行官并组建新的董事会。"
    pages = {"p1": "甲" * 50, "p2": "乙" * 50, "p3": "标题一\n" + wire, "p4": "另一个标题\n" + wire + "转载",
             "p5": "完全不同的一篇文章,讲的是别的事情。" * 3}
    group = split.groups(rows, pages)
    assert group["p1"] == group["p2"] and group["p3"] == group["p4"]
    assert len({group["p1"], group["p3"], group["p5"]}) == 3
    assert split.draw("p1", 0.0) == "dev" and split.draw("p1", 1.0) == "test"


def test_the_examples_in_realset_docstrings_hold():
    import doctest

    assert doctest.testmod(realset).failed == 0


def test_the_committed_manifest_and_gold_hold_no_page_text_and_agree_with_each_other():
    rows = realset.read_manifest()
    if not rows:
        pytest.skip("no manifest yet")
    assert len({row["page_id"] for row in rows}) == len(rows)
    assert all(row["page_id"] == realset.page_id(row["url"]) for row in rows)
    assert {row["part"] for row in rows} <= {"dev", "test"}
    gold = ROOT / "benchmarks" / "real" / "gold"
    ids = {row["page_id"] for row in rows}
    import csv

    with (gold / "stance.csv").open(encoding="utf-8") as handle:
        stance = list(csv.DictReader(handle))
    assert {"text", "sentence", "before"}.isdisjoint(stance[0])
    assert {row["page_id"] for row in stance} <= ids
    assert all(len(row["sentence_key"]) == 40 for row in stance)
    with (gold / "pages.csv").open(encoding="utf-8") as handle:
        pages = list(csv.DictReader(handle))
    assert {row["page_id"] for row in pages} <= ids
    assert "title" not in pages[0]


def _write_csv(path, header, rows):
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def test_bench_real_measures_written_pages_against_their_gold(tmp_path):
    """The whole measurement, on two pages we wrote and a gold we wrote for them, so that the
    benchmark keeps running while the package changes (CI has no real page)."""
    import pandas as pd

    import bench_real

    first = ("首页 | 新闻 | 科技\n奥特曼重返OpenAI担任首席执行官\n2023-11-22 10:05 来源:测试日报\n"
             "美国人工智能公司OpenAI周三宣布,已与奥特曼达成原则性协议,他将重返公司担任首席执行官。\n"
             "员工和投资者一直希望奥特曼回归,数百名员工曾联名要求董事会辞职。\n"
             "新的董事会由泰勒担任主席。\n分享到微信\n")
    second = ("OpenAI首席技术官穆拉蒂宣布离职\n"
              "穆拉蒂周三在社交媒体上宣布,她将离开OpenAI,以便有时间进行自己的探索。\n"
              "奥特曼随后发文感谢穆拉蒂多年来的贡献。\n相关阅读:苹果发布新手机\n")
    pages = {"pa": first, "pb": second}
    # the written pages stand for the test part: no stance model was trained on them
    manifest = pd.DataFrame([{"page_id": "pa", "script": "Hans", "period": "2023", "part": "test"},
                             {"page_id": "pb", "script": "Hans", "period": "2024", "part": "test"}])
    labels = {"pa": "CTMBBBCX", "pb": "TBBCX"}
    assert all(len(labels[p]) == len(t.split("\n")) for p, t in pages.items())
    header = ["page_id", "labels", "title_line", "published", "published_agreed", "date_basis", "repost_published",
              "outlet", "outlet_agreed", "original_source", "original_source_agreed"]
    _write_csv(tmp_path / "pages.csv", header, [
        ["pa", labels["pa"], 2, "2023-11-22 10:05", "both", "stamp", "", "", "both", "测试日报", "both"],
        ["pb", labels["pb"], 1, "2024-09-26", "both", "inferred", "", "", "both", "", "both"]])
    keyed = {p: [(line, s) for line, s in realset.page_sentences(t) if "奥特曼" in s] for p, t in pages.items()}
    stance_rows = [[f"s{n}", p, line, realset.sentence_key(s), "altman", 0, 3, 0, 3, "", "0", 0]
                   for n, (p, line, s) in enumerate((p, line, s) for p in keyed for line, s in keyed[p])]
    _write_csv(tmp_path / "stance.csv", ["item", "page_id", "line", "sentence_key", "target", "label_a",
                                         "confidence_a", "label_b", "confidence_b", "label_adjudicated",
                                         "not_target", "label"], stance_rows)
    _write_csv(tmp_path / "events.csv", ["event_id", "event_type", "actors", "description_en", "date_start",
                                         "date_end", "words_hans", "words_hant"],
               [["altman_returns", "return", "Sam Altman", "Altman returns", "2023-11-21", "2023-11-22",
                 "重返;回归", "重返;回歸"]])
    _write_csv(tmp_path / "page_events.csv", ["page_id", "event_id", "coder_a", "coder_b", "reported"],
               [["pa", "altman_returns", 1, 1, 1]])
    table = bench_real.measure(pages, manifest, tmp_path, with_narrative=False)
    figure = table[table.subset == "all"].set_index("measure")
    assert figure.loc["articles lost", "count"] == "0/2 pages"
    assert figure.loc["body lines kept", "count"].endswith("/5 lines")
    assert figure.loc["chrome lines kept", "count"].endswith("/4 lines")
    assert figure.loc["date right (the page establishes it)", "count"] == "1/1 pages"
    assert figure.loc["date right (a reader infers it)", "n"] == 1
    assert figure.loc["original source right (the page names one)", "n"] == 1
    assert figure.loc["title right (the page names one)", "n"] == 2
    assert figure.loc["macro-F1 toward Altman: ours", "n"] == len(stance_rows) == 4
    assert figure.loc["reference events found in their window", "n"] == 1
    assert set(table.subset) == {"all", "Hans 2023", "Hans 2024", "type return"}  # recall per event type


def test_gold_keeps_agreed_labels_the_blind_third_coders_majority_and_no_text(tmp_path, monkeypatch):
    import gold

    monkeypatch.setattr(gold, "GOLD", tmp_path / "gold")
    (tmp_path / "gold").mkdir()
    _write_csv(tmp_path / "gold" / "events.csv", ["event_id"], [["e1"], ["e2"]])
    coding = tmp_path / "coding"
    coding.mkdir()
    _write_csv(coding / "stance_items.csv", ["item", "page_id", "line", "sentence_key", "target"],
               [[f"s{n}", "pa", n, "k" * 40, "altman"] for n in range(4)])
    _write_csv(coding / "stance_w1c1_a.csv", ["item", "label", "confidence", "not_target"],
               [["s0", 1, 3, 0], ["s1", 0, 3, 0], ["s2", -1, 2, 0], ["s3", 0, 1, 1]])
    _write_csv(coding / "stance_w1c1_b.csv", ["item", "label", "confidence", "not_target"],
               [["s0", 1, 3, 0], ["s1", 1, 2, 0], ["s2", 0, 2, 0], ["s3", 0, 1, 0]])
    _write_csv(coding / "adjudicated_stance.csv", ["item", "label"], [["s1", 1], ["s2", 1]])
    page_header = ["page_id", "labels", "title", "published", "date_basis", "repost_published", "outlet",
                   "original_source", "events", "notes"]
    _write_csv(coding / "pages_w1c1_a.csv", page_header,
               [["pa", "TBBC", "标题", "2023-11-22 10:05", "stamp", "", "测试日报", "", "e1;e2", ""]])
    _write_csv(coding / "pages_w1c1_b.csv", page_header,
               [["pa", "TBCC", "标题", "2023-11-22", "stamp", "", "測試日報", "", "e1", ""]])
    gold.build(coding)
    import csv

    stance = {row["item"]: row for row in csv.DictReader((tmp_path / "gold" / "stance.csv").open(encoding="utf-8"))}
    assert [stance[f"s{n}"]["label"] for n in range(4)] == ["1", "1", "", "0"]  # s2: three different codes
    assert stance["s3"]["not_target"] == "1"
    pages = list(csv.DictReader((tmp_path / "gold" / "pages.csv").open(encoding="utf-8")))
    assert pages[0]["labels"] == "TB?C" and pages[0]["title_line"] == "1"
    assert pages[0]["published"] == "2023-11-22 10:05" and pages[0]["outlet_agreed"] == "both"
    assert "标题" not in (tmp_path / "gold" / "page_codes.csv").read_text(encoding="utf-8")
    events = list(csv.DictReader((tmp_path / "gold" / "page_events.csv").open(encoding="utf-8")))
    assert [(e["event_id"], e["reported"]) for e in events] == [("e1", "1"), ("e2", "")]
    agreement = {row["task"]: row for row in csv.DictReader((tmp_path / "gold" / "agreement.csv").open())}
    assert agreement["stance (-1 0 1)"]["agreement"] == "0.500"
