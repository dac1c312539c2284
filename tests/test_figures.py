import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import corpus_tools as ct  # noqa: E402


def _figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["奥特曼", "穆拉蒂", "阿爾特曼"], [3, 1, 2])
    ax.set_title("提及次数")
    return fig


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    assert ct.setup_figures() == "Noto Sans CJK SC"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = _figure()
        ct.save_figure(fig, tmp_path / "00_test", caption="测试", data=pd.DataFrame({"a": [1]}), notebook="x.ipynb")
    plt.close(fig)


def test_saved_files_are_byte_stable_and_carry_no_dates(tmp_path):
    ct.setup_figures()
    data = pd.DataFrame({"name": ["奥特曼", "穆拉蒂"], "value": [1 / 3, 2.0]})
    contents = []
    for attempt in range(2):
        fig = _figure()
        files = ct.save_figure(fig, tmp_path / "01_bars", caption="柱状图", data=data, notebook="n.ipynb",
                               sources="test")
        plt.close(fig)
        contents.append([p.read_bytes() for p in files])
    assert contents[0] == contents[1]
    png, svg, csv = contents[0]
    assert b"Software" not in png and b"<dc:date>" not in svg
    assert csv.decode("utf-8") == "name,value\n奥特曼,0.333333\n穆拉蒂,2\n"


def test_the_index_has_one_sorted_row_per_figure(tmp_path):
    ct.setup_figures()
    for name in ["02_b", "01_a", "02_b"]:
        fig = _figure()
        ct.save_figure(fig, tmp_path / name, caption=f"caption {name}", data=pd.DataFrame({"x": [1]}),
                       notebook="n.ipynb")
        plt.close(fig)
    index = pd.read_csv(tmp_path / "index.csv")
    assert list(index.figure) == ["01_a", "02_b"]
    assert list(index.columns) == ["figure", "caption", "notebook", "sources", "files"]


def test_tables_saved_side_by_side_all_reach_the_index(tmp_path):
    """Notebooks side by side (``report``) write one index.csv: under its lock no row is lost."""
    from concurrent.futures import ThreadPoolExecutor

    names = [f"{n:02d}_table" for n in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda name: ct.save_table(pd.DataFrame({"x": [1]}), tmp_path / name, caption=name,
                                                 notebook="n.ipynb"), names))
    index = pd.read_csv(tmp_path / "index.csv")
    assert list(index.figure) == names
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["index.csv"] + [f"{n}.csv" for n in names])


# --- The notebooks' figures (corpus_tools.plots) ---------------------------------------------------

import json  # noqa: E402
import pytest  # noqa: E402
import re  # noqa: E402

from matplotlib.figure import Figure  # noqa: E402

from conftest import ROOT  # noqa: E402
from corpus_tools import figures, findings, plots, reports, study  # noqa: E402

BEIJING = "Asia/Shanghai"


@pytest.fixture(autouse=True)
def _chinese_font():
    ct.setup_figures()


def _periods(*days):
    return study.split_periods(pd.Series(pd.to_datetime(list(days))))


def test_every_figure_and_table_the_notebooks_save_has_a_caption():
    saved = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            saved |= set(re.findall(r'(?:save_figure|save_table|figure)\(f?"(\d\d_[^"]+)"', "".join(cell["source"])))
    assert saved, "no notebook saves a figure"
    assert {name.replace("{study.target}", "{target_id}") for name in saved} == set(figures.CAPTIONS)


def test_a_saved_figure_names_its_folder_relative_to_the_working_directory(tmp_path, monkeypatch):
    ct.setup_figures()
    monkeypatch.chdir(tmp_path)
    files = ct.save_figure(_figure(), tmp_path / "figs" / "00_x", caption="c", data=pd.DataFrame({"a": [1]}),
                           notebook="n.ipynb")
    assert files._summary() == "saved 00_x.png, 00_x.svg and 00_x.csv in figs"


def test_mentions_figure_plots_the_grid_it_is_given():
    grid = pd.DataFrame([[3, 0], [1, 2]], index=["altman", "murati"], columns=["a1", "a2"])
    grid.columns.name = "article"
    fig, data = plots.mentions_figure(grid, reports.entity_names(), pd.Series({"a1": "某网 2023-11-18"}))
    assert isinstance(fig, Figure)
    assert data.mentions.sum() == 6 and set(data.columns) == {"entity_id", "article", "mentions"}
    plt.close(fig)


def test_stance_over_time_figure_draws_one_point_per_row_per_panel():
    periods = _periods("2023-11-18", "2023-11-21", "2024-09-27")
    table = pd.DataFrame({
        "unit": "article", "article_id": ["a", "b", "c"], "when": pd.to_datetime(["2023-11-18", "2023-11-18", "2024-09-27"]),
        "label": ["甲 2023-11-18", "乙 2023-11-18", "丙 2024-09-27"], "period": list(periods.period[[0, 0, 1]]),
        "mean": [0.5, -0.2, -0.5], "low": [0.1, -0.6, -0.9], "high": [0.9, 0.2, -0.1], "n": [4, 5, 6], "n_sentences": [4, 5, 6]})
    fig, data = plots.stance_over_time_figure(table, periods, ct.key_events(), "Sam Altman")
    assert len(fig.axes) == 2 and len(data) == 3
    assert data.drawn_at.iloc[0] != data.drawn_at.iloc[1]  # same-day articles side by side
    assert list(data.when) == ["2023-11-18 00:00", "2023-11-18 00:00", "2024-09-27 00:00"]  # their true dates
    plt.close(fig)


def test_distinctive_words_figure_marks_the_words_past_the_line_and_counts_them():
    top = pd.DataFrame({"group": ["A", "A"], "word": ["罢免", "董事会"], "count_first": [5, 3], "count_second": [0, 1],
                        "delta": [2.0, 0.8], "variance": [0.5, 0.5], "z": [2.8, 1.1], "significant": [True, False]})
    fig, data = plots.distinctive_words_figure(top, ["A", "B"])
    assert any("no word leans" in t.get_text() for t in fig.axes[1].texts)
    assert "1 of 2 words past" in fig.axes[0].get_title()
    filled = [bar.get_facecolor()[3] for bar in fig.axes[0].patches]
    assert sorted(filled) == [0.0, 1.0]  # the significant word filled, the other hollow
    assert data.equals(top)
    plt.close(fig)


def test_cooccurrence_figure_keeps_only_the_drawn_pairs():
    pairs = pd.DataFrame({"entity_a": ["altman", "altman", "murati"], "entity_b": ["openai", "murati", "openai"],
                          "sentences": [5, 2, 1]})
    grid = reports.cooccurrence_grid(pairs, max_entities=2)
    assert list(grid.index) == ["altman", "openai"]
    fig, data = plots.cooccurrence_figure(grid, reports.entity_names())
    assert data.to_dict("records") == [{"entity_a": "altman", "entity_b": "openai", "sentences": 5}]
    plt.close(fig)


def test_long_text_is_shown_whole_with_a_stable_html():
    text = "奥特曼" * 40
    table = reports.whole(pd.DataFrame({"date": ["2015-01-01"], "text": [text]}), name="t")
    html = table._repr_html_()
    assert text in html and "…" not in html and html == table._repr_html_()
    assert "white-space: nowrap" in html and " at 0x" not in repr(table)


def test_amounts_and_the_spread_of_figures_agree():
    corpus = pd.DataFrame({"article_id": ["a", "b"], "published": pd.to_datetime(["2023-11-20", "2023-11-21"])})
    figures_ = pd.DataFrame({"article_id": ["a", "a", "b"], "quantity": "signatures", "value": [700.0, 100.0, 505.0],
                             "unit": "people", "qualifier": ["超过", "several", ""]})
    spread = reports.figures_spread(figures_, corpus, study.split_periods(corpus.published))
    assert spread[["lowest", "highest", "exact_readings", "vague_readings"]].values.tolist() == [["505人", "700人", 2, 1]]


def test_findings_read_when_the_corpus_lacks_things():
    empty = pd.DataFrame(columns=["date_start", "n_sources", "sources_disagree", "precision"])

    class Tiny:
        stories = pd.DataFrame({"article_id": ["a"]})

    assert findings.chronology_findings(Tiny(), empty, pd.DataFrame(), pd.DataFrame()) == "- The 1 story date no events."


def _bars(values: list[int]):
    """A figure function as those of ``corpus_tools.plots``: the figure and its data."""
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["奥特曼", "穆拉蒂"], values)
    return fig, pd.DataFrame({"value": values})


def test_a_figure_is_drawn_again_only_when_its_inputs_change(tmp_path, monkeypatch):
    from corpus_tools import figures

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    ct.setup_figures()
    drawn = []

    def bars(values):
        drawn.append(values)
        return _bars(values)

    bars.__qualname__ = "bars"  # the key names the function; a local one's name holds '<locals>'
    saved = []
    for values, folder in (([1, 2], "a"), ([1, 2], "b"), ([2, 1], "c")):
        files = figures.drawn_figure(bars, (values,), {}, tmp_path / folder / "01_bars", caption="柱状图",
                                     notebook="n.ipynb")
        saved.append([p.read_bytes() for p in files])
    assert drawn == [[1, 2], [2, 1]]  # the second is written from the cache
    assert saved[0] == saved[1] and saved[0] != saved[2]
    assert (tmp_path / "b" / "index.csv").read_bytes() == (tmp_path / "a" / "index.csv").read_bytes()
    with matplotlib.rc_context({"font.size": 20}):  # another setting: drawn again
        figures.drawn_figure(bars, ([1, 2],), {}, tmp_path / "d" / "01_bars", caption="柱状图", notebook="n.ipynb")
    assert len(drawn) == 3


def test_a_figure_reported_one_way_only_is_not_a_range(corpus):
    class Tiny:
        stories = pd.DataFrame({"article_id": ["a"]})

    spread = pd.DataFrame([{"quantity": "valuation", "period": "Sep 2031", "lowest": "90亿美元", "highest": "90亿美元",
                            "exact_readings": 1, "vague_readings": 0, "articles": 1}])
    text = findings.chronology_findings(Tiny(), ct.chronology(corpus), pd.DataFrame(), spread)
    assert "90亿美元 only" in text and "from 90亿美元 to 90亿美元" not in text


def test_stance_over_time_on_a_long_period_groups_close_events_and_fits_a_short_panel():
    """Over ten months the first three key events (two days apart) share one marker rather than hide each
    other; a period of two weeks beside it is wide enough for its dates, which never run into each other."""
    days = list(pd.date_range("2023-11-18", "2024-09-20", freq="20D")) + list(pd.to_datetime(["2025-09-20", "2025-10-02"]))
    periods = _periods(*days)
    assert len(periods) == 2
    table = pd.DataFrame({
        "unit": "day", "when": days, "label": [f"{d:%m-%d}" for d in days],
        "period": [periods.period[0]] * (len(days) - 2) + [periods.period[1]] * 2,
        "mean": 0.1, "low": -0.2, "high": 0.4, "n": 4, "n_sentences": 4})
    fig, _ = plots.stance_over_time_figure(table, periods, ct.key_events(), "Sam Altman")
    markers = [t.get_text() for t in fig.axes[0].texts if t.get_bbox_patch() is not None]
    assert markers == ["1–3", "4"]
    fig.canvas.draw()
    short = fig.axes[1]
    assert short.get_position().width >= 0.09 * fig.axes[0].get_position().width
    boxes = [label.get_window_extent() for label in short.get_xticklabels() if label.get_text()]
    assert boxes and all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:]))
    plt.close(fig)
