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
