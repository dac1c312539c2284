"""The report on a corpus that is not the bundled one: a dozen short articles written for this test
(some in Traditional script, one undated, two syndicated copies of one story, a folder entities.csv
adding a person), run through the four notebooks into a temporary folder."""

import hashlib
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import corpus_tools as ct
from conftest import ROOT
from corpus_tools import entities, plots, reports, study

#: (file stem, outlet, date as printed or None, title, body). Written for this test; not real pages.
ARTICLES = [
    ("a01", "晨光科技", "2023-11-18 08:30", "OpenAI董事会突然罢免奥特曼",
     "11月18日消息,OpenAI董事会周五宣布罢免首席执行官萨姆·奥特曼。\n"
     "董事会称奥特曼在沟通中不够坦诚,这一决定让员工和投资人都感到震惊。\n"
     "微软对此表示意外,纳德拉称公司仍然支持与OpenAI的合作。\n"
     "首席运营官莱特卡普在内部备忘录中安抚员工。"),
    ("a02", "港岛财经", "2023-11-19 11:00", "奧特曼被解僱 投資人施壓董事會",
     "據知情人士透露,投資人正向董事會施壓,希望讓阿爾特曼回歸。\n"
     "多名員工在社交媒體上表示支持奧特曼,稱他是公司成功的關鍵。\n"
     "首席營運長萊特卡普暫未回應外界的批評。"),
    ("a03", "数字前沿", "2023-11-20 09:15", "微软宣布聘请奥特曼领导新团队",
     "微软首席执行官纳德拉周一表示,奥特曼和布罗克曼将加入微软,领导一个新的人工智能研究团队。\n"
     "分析人士认为,这是微软的一次漂亮的危机处理。\n"
     "超过700名OpenAI员工签署联名信,要求董事会辞职并恢复奥特曼的职务。"),
    ("a04", "台北科技报", "2023-11-21 10:40", "七百名員工聯署 要求董事會下台",
     "OpenAI超過七百名員工聯署公開信,威脅集體離職加入微軟。\n"
     "蘇茨克維在社交媒體上表示,他對參與董事會的行動深感後悔。\n"
     "員工普遍讚揚阿爾特曼的領導能力。"),
    ("a05", "晨光科技", "2023-11-22 14:20", "奥特曼重返OpenAI担任CEO",
     "OpenAI周三宣布,奥特曼将重返公司担任首席执行官,董事会也将重组。\n"
     "这场持续五天的风波以奥特曼的胜利告终,员工们纷纷欢呼。\n"
     "批评者则认为,这次事件暴露了公司治理的严重问题。"),
    ("a06", "云端观察", "2023-11-22 16:00", "一场风波之后:OpenAI的治理难题",
     "奥特曼回归之后,外界开始质疑OpenAI独特的治理结构。\n"
     "有学者指出,非营利董事会与商业利益之间的矛盾并没有消失。\n"
     "也有人称赞奥特曼在危机中展现了出色的领导力。"),
    ("a07", "云端观察", "2023-12-05 08:00", "奥特曼谈董事会风波:我从中学到很多",
     "奥特曼在接受采访时说,这次风波让他学到了很多。\n"
     "他表示不会对参与罢免的董事怀有怨恨。\n"
     "不过也有员工私下抱怨他的管理方式过于强势。"),
    ("a08", "晨光科技", "2024-09-26 09:00", "OpenAI首席技术官穆拉蒂宣布离职",
     "9月26日消息,OpenAI首席技术官米拉·穆拉蒂昨天宣布离职。\n"
     "这是今年以来又一位离开OpenAI的高管,外界对奥特曼的管理再次提出质疑。\n"
     "有前员工批评奥特曼只顾追求商业化,忽视了安全。"),
    ("a09", "港岛财经", "2024-09-27 12:30", "高層接連出走 奧特曼再受質疑",
     "穆拉蒂宣布離職後,研究主管也相繼離開。\n"
     "評論人士指出,奧特曼正將公司推向營利化,引發內部不滿。\n"
     "也有投資人仍然看好阿爾特曼的判斷。"),
    # two syndicated copies of one story, printed by two sites
    ("a10", "数字前沿", "2024-09-28 10:00", "OpenAI高管离职潮背后",
     "接连的高管离职让人们再次关注OpenAI内部的分歧。\n"
     "知情人士称,奥特曼与部分研究人员在安全问题上的矛盾由来已久。\n"
     "奥特曼在内部信中感谢穆拉蒂的贡献。"),
    ("a11", "新闻聚合网", "2024-09-29 18:45", "OpenAI高管离职潮背后",
     "接连的高管离职让人们再次关注OpenAI内部的分歧。\n"
     "知情人士称,奥特曼与部分研究人员在安全问题上的矛盾由来已久。\n"
     "奥特曼在内部信中感谢穆拉蒂的贡献。"),
    # no date anywhere on the page
    ("a12", None, None, "奥特曼的五天",
     "这是一篇回顾文章,讲述奥特曼被罢免又回归的经过。\n"
     "作者认为,员工的团结是奥特曼得以回归的关键。"),
]

ENTITIES_CSV = "entity_id,kind,name_en,name_zh,alias\n" \
               "lightcap,person,Brad Lightcap,布拉德·莱特卡普,莱特卡普\n" \
               "lightcap,person,Brad Lightcap,布拉德·莱特卡普,Lightcap\n"


def write_corpus(folder):
    """Write the test corpus into ``folder`` (one .txt page per article and an entities.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, outlet, date, title, body in ARTICLES:
        byline = f"{outlet} | {date}" if date else (outlet or "")
        (folder / f"{stem}.txt").write_text(f"{title}\n\n{byline}\n\n{body}\n", encoding="utf-8")
    (folder / "entities.csv").write_text(ENTITIES_CSV, encoding="utf-8")
    return folder


def _tree_digest(*folders) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def own_corpus(tmp_path):
    yield write_corpus(tmp_path / "corpus")
    entities.use_entities(None)


def test_open_study_uses_the_folders_entities_and_splits_periods(own_corpus, tmp_path):
    found = ct.open_study(own_corpus, "莱特卡普", tmp_path / "out")
    assert found.target == "lightcap" and found.target_name == "Brad Lightcap"
    assert list(found.periods.period) == ["Nov–Dec 2023", "Sep 2024"]
    assert list(found.undated().article_id) == ["a12"]
    assert len(ct.find_mentions("首席运营官莱特卡普", "lightcap")) == 1
    entities.use_entities(None)
    with pytest.raises(KeyError):
        ct.resolve_entity("lightcap")


def test_one_per_story_keeps_the_earliest_copy():
    corpus = pd.DataFrame({"article_id": ["b", "a", "c"], "story_id": ["s1", "s1", None],
                           "published": pd.to_datetime(["2024-09-29", "2024-09-28", "2024-09-30"])})
    assert list(study.one_per_story(corpus).article_id) == ["a", "c"]
    assert study.one_per_story(corpus.drop(columns="story_id")).equals(corpus.drop(columns="story_id"))


def test_stance_over_time_goes_per_day_for_many_articles():
    days = pd.to_datetime(["2023-11-18", "2023-11-18", "2023-11-19"] * 12).tz_localize("Asia/Shanghai")
    corpus = pd.DataFrame({"article_id": [f"x{i}" for i in range(36)], "published": days, "outlet": "o"})
    scored = pd.DataFrame({"article_id": corpus.article_id.repeat(2).to_numpy(), "sentence_id": [0, 1] * 36,
                           "reference": "name", "label": [1, 0] * 36, "published": days.repeat(2)})
    periods = study.split_periods(corpus.published)
    few = reports.stance_over_time(scored, corpus.head(5), periods)
    many = reports.stance_over_time(scored, corpus, periods)
    assert set(few.unit) == {"article"} and len(few) == 5
    assert list(many.unit) == ["day", "day"] and list(many.n) == [24, 12]
    assert many["mean"].tolist() == [0.5, 0.5] and (many.low <= many["mean"]).all()


def test_distinctive_words_are_content_words_each_side_marked_when_past_the_line():
    from corpus_tools.narrative import words

    for word in ["我", "说", "这家", "这份", "他们", "的"]:
        assert not words.is_content_word(word)
    assert words.is_content_word("董事会")
    sents = pd.DataFrame({"article_id": ["a"] * 30 + ["b"] * 30,
                          "text": ["微软宣布聘用奥特曼。"] * 30 + ["穆拉蒂宣布离职。"] * 28 + ["微软表态。"] * 2})
    sents["tokens"] = [tuple(ct.tokenize(t)) for t in sents.text]
    odds, top = words.distinctive_words(sents, pd.Series({"a": "first", "b": "last"}), ["first", "last"], k=3)
    assert set(top.group) == {"first", "last"} and top.groupby("group").size().max() <= 3
    assert (top[top.group == "first"].z > 0).all() and (top[top.group == "last"].z < 0).all()
    assert top.significant.tolist() == (top.z.abs() > 1.96).tolist() and top.significant.any()


def test_figures_are_readable_for_many_articles(tmp_path):
    """500 articles: the publication figure counts per day, the mention grid uses periods."""
    ct.setup_figures()
    days = pd.Series(pd.date_range("2023-11-01", periods=500, freq="3h", tz="Asia/Shanghai"))
    corpus = pd.DataFrame({"article_id": [f"x{i:03d}" for i in range(500)], "published": days, "outlet": "o",
                           "date_basis": "page"})
    periods = study.split_periods(corpus.published)
    fig, data = plots.publication_dates_figure(corpus, periods)
    assert set(data.columns) == {"period", "day", "articles"} and data.articles.sum() == 500
    mentions = pd.DataFrame({"entity_id": ["altman"] * 500, "article_id": corpus.article_id})
    grid, unit = reports.mention_grid(corpus, mentions, periods)
    assert unit == "period" and grid.shape == (1, len(periods)) and int(grid.sum().sum()) == 500


def test_the_report_runs_on_a_corpus_of_our_own(own_corpus, tmp_path):
    before = _tree_digest(ROOT / "notebooks", ROOT / "figures")
    out = tmp_path / "reports" / "own"
    result = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "--corpus", str(own_corpus),
                             "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "undated" in result.stdout and "a12" in result.stdout
    for name in ("00_corpus", "01_altman_sentiment", "02_chronology", "03_narrative_summary"):
        assert (out / f"{name}.ipynb").stat().st_size > 0
    index = pd.read_csv(out / "figures" / "index.csv")
    expected = {"00_mentions", "00_publication_dates", "01_validation_confusion", "01_altman_stance_over_time",
                "01_people_by_period", "02_chronology", "02_timeline", "02_reported_figures",
                "03_narrative_sentences", "03_distinctive_words", "03_cooccurrence"}
    assert set(index.figure) == expected
    for row in index.itertuples():
        for file in row.files.split():
            assert (out / "figures" / file).stat().st_size > 0, file
        assert "12 articles in corpus" in row.sources
    notebook = json.loads((out / "00_corpus.ipynb").read_text(encoding="utf-8"))
    assert any(cell["id"] == "injected-parameters" for cell in notebook["cells"])  # no random id, no timings
    assert "duration" not in json.dumps(notebook["metadata"])
    assert not any("papermill" in cell["metadata"] or "execution" in cell["metadata"] for cell in notebook["cells"])
    assert _tree_digest(ROOT / "notebooks", ROOT / "figures") == before


def test_bad_input_stops_the_report_before_any_notebook(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "good.txt").write_text("标题\n\n某网 | 2023-11-18 10:00\n\n奥特曼回归。\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "--corpus", str(folder), "--out",
                             str(out), "--quiet"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert not out.exists()


def test_the_kernel_name_follows_the_checkout_and_dead_kernels_are_found(tmp_path):
    from corpus_tools import report

    kernels = tmp_path / "kernels"
    (kernels / "corpus-tools-dead").mkdir(parents=True)
    (kernels / "corpus-tools-dead" / "kernel.json").write_text('{"argv": ["/nowhere/.venv/bin/python"]}')
    (kernels / "other").mkdir()
    (kernels / "other" / "kernel.json").write_text('{"argv": ["/nowhere/python"]}')
    assert report.stale_kernels(kernels) == [kernels / "corpus-tools-dead"]
    name = report.register_kernel(user_dir=tmp_path, log=lambda message: None)
    assert name == report.kernel_name_for(sys.prefix)
    assert not (kernels / "corpus-tools-dead").exists() and (kernels / "other").exists()
    assert report.stale_kernels(kernels) == []


def test_the_validation_notebook_01_shows_is_the_one_recorded_when_the_scorer_was_shipped():
    """Notebook 01 shows the blind test figures; they must be those written when the shipped weights were
    (``docs/stance_validation_shipped.csv``); the methods that learn nothing and read no names (snownlp,
    the general lexicon) still score what they scored when the set was first scored once. The rules read
    the entity table (another person's name is masked), which has grown since: six people of the story
    added moved them from 0.574 to 0.576 (one sentence, now right), as the shipped table records."""
    checked = reports.stance_validation()
    shown = checked.test_table.set_index("method").macro_f1
    for name in ("stance_validation_shipped.csv", "stance_validation_blind_test_3.csv"):
        recorded = pd.read_csv(ROOT / "docs" / name)
        recorded = recorded[(recorded.set == "blind test 3") & (recorded.script == "all") & (recorded.measure == "macro_f1")]
        if name != "stance_validation_shipped.csv":  # the scorer since retrained; the rules' names since grown
            recorded = recorded[~recorded.method.isin(["ours (ct.stance)", "rules alone"])]
        assert len(recorded) >= 2
        for row in recorded.itertuples():
            assert abs(shown[row.method] - row.estimate) < 1e-3, (name, row.method)
    ours = checked.test_table.set_index("method").loc["ours (ct.stance)"]
    assert 0 <= ours.ci_low <= ours.macro_f1 <= ours.ci_high <= 1
    assert len(checked.test) == 400 and checked.test_kappa > 0.8


def test_the_scheduler_option_reaches_the_notebooks_kernels_through_the_environment(tmp_path, monkeypatch):
    from corpus_tools import __main__ as cli
    from corpus_tools import report, study

    seen = []
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)

    def open_study(*args, **kwargs):
        seen.append(os.environ.get("DASK_SCHEDULER_ADDRESS"))
        raise ct.CorpusError("folder", "stopped here")

    monkeypatch.setattr(study, "open_study", open_study)
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--scheduler", "tcp://cluster:8786", "--quiet"]) == 1
    assert seen == ["tcp://cluster:8786"] and "DASK_SCHEDULER_ADDRESS" not in os.environ
    monkeypatch.setattr(report, "run_report", lambda *a, **k: seen.append(k["scheduler"]))
    assert cli.main(["report", "--out", str(tmp_path / "out")]) == 0 and seen[-1] is None


def test_the_no_learned_outlets_option_reaches_the_notebooks_kernels_through_the_environment(tmp_path, monkeypatch):
    from corpus_tools import __main__ as cli
    from corpus_tools import study
    from corpus_tools.ingest.assembly import LEARNED_OUTLETS_ENV

    seen = []
    monkeypatch.delenv(LEARNED_OUTLETS_ENV, raising=False)

    def open_study(*args, **kwargs):
        seen.append(os.environ.get(LEARNED_OUTLETS_ENV))
        raise ct.CorpusError("folder", "stopped here")

    monkeypatch.setattr(study, "open_study", open_study)
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--no-learned-outlets", "--quiet"]) == 1
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert seen == ["off", None] and LEARNED_OUTLETS_ENV not in os.environ


def test_a_report_that_skips_bad_files_has_its_notebooks_skip_them_too(tmp_path, monkeypatch):
    """``--errors skip`` reaches the notebooks' ``open_study(CORPUS, ...)`` through the environment: a
    notebook that loaded with the default would stop at the file the report skipped."""
    from corpus_tools import __main__ as cli
    from corpus_tools import study
    from corpus_tools.study import ERRORS_ENV

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("青石镇菜籽油品鉴会闭幕\n\n2031年3月2日\n\n本届品鉴会共收到九家作坊的样品，评委选出三款冷榨油。\n",
                                     encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01 not text")
    monkeypatch.delenv(ERRORS_ENV, raising=False)
    with pytest.raises(ct.CorpusError, match="broken.txt"):
        study.open_study(folder, output=tmp_path / "figures")
    monkeypatch.setenv(ERRORS_ENV, "skip")  # as the report sets it for its kernels
    with pytest.warns(ct.CorpusWarning, match="broken.txt"):
        skipped = study.open_study(folder, output=tmp_path / "figures").corpus.attrs["skipped"]
    assert [item["file"].rsplit("/", 1)[-1] for item in skipped] == ["broken.txt"]
    monkeypatch.delenv(ERRORS_ENV)

    seen = []

    def open_study(*args, **kwargs):
        seen.append((kwargs.get("errors"), os.environ.get(ERRORS_ENV)))
        raise ct.CorpusError("folder", "stopped here")

    monkeypatch.setattr(study, "open_study", open_study)
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--errors", "skip", "--quiet"]) == 1
    assert seen == [("skip", "skip")] and ERRORS_ENV not in os.environ
    quiet = []
    monkeypatch.setattr(study, "open_study", lambda *a, **k: quiet.append(k["progress"]) or open_study())
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert cli.main(["report", "--out", str(tmp_path / "out")]) == 1
    assert quiet == [False, None]  # --quiet: no loading bar either


def test_notebooks_side_by_side_write_what_they_write_one_at_a_time(own_corpus, tmp_path):
    """Two notebooks at once (the default on two cores) give the same notebooks, figures and index,
    byte for byte, as one at a time."""
    from corpus_tools.report import run_report

    two = ("00_corpus.ipynb", "02_chronology.ipynb")
    trees = []
    here = os.getcwd()
    for at_once in (1, 2):
        out = tmp_path / "out"  # the same folder each time: the notebooks record their output path
        run_report(own_corpus, out, progress=False, notebooks=two, at_once=at_once, log=lambda *_: None)
        assert os.getcwd() == here  # the kernels start in out; this process never leaves its folder
        files = sorted(p for p in out.rglob("*") if p.is_file())
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in files})
        for p in files:
            p.unlink()
    assert trees[0] == trees[1]
    assert {"00_corpus.ipynb", "02_chronology.ipynb", "figures/index.csv"} <= set(trees[0])


def test_the_baselines_option_reaches_notebook_03(tmp_path, monkeypatch):
    from corpus_tools import __main__ as cli
    from corpus_tools import report

    seen = []
    monkeypatch.setattr(report, "run_report", lambda *a, **k: seen.append(k["baselines"]))
    assert cli.main(["report", "--out", str(tmp_path / "out"), "--baselines", "textrank, jionlp"]) == 0
    assert cli.main(["report", "--out", str(tmp_path / "out")]) == 0
    assert seen == [["textrank", "jionlp"], None]
