"""How notebook 01 shows the scorer to a reader: where it and the hand coding disagree, the real-sentence
figures beside the written ones, tables that keep text whole and left-aligned, readable heatmap numbers."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from corpus_tools import findings, plots, reports  # noqa: E402
from corpus_tools.stance import real_figures  # noqa: E402


def _over_time():
    return pd.DataFrame({
        "unit": "article", "article_id": ["a", "b"], "label": ["甲 2023-11-18", "乙 2023-12-08"],
        "mean": [0.3, 0.86], "low": [0.0, 0.57], "high": [0.5, 1.0], "n": [15, 7],
        "hand_coded_mean": [0.2, 0.0], "hand_coded_low": [-0.1, -0.43], "hand_coded_high": [0.45, 0.43],
        "hand_coded_n": [15, 7]})


def test_an_article_whose_intervals_do_not_overlap_is_named_beside_the_figure():
    over_time = _over_time()
    apart = reports.hand_coding_disagreements(over_time)
    assert apart.article_id.tolist() == ["b"] and apart.gap.round(2).tolist() == [0.86]
    said = findings.hand_coding_check(over_time, apart, "Sam Altman")
    assert "乙 2023-12-08" in said and "+0.86" in said and "甲" not in said
    agreeing = over_time.iloc[:1]
    said = findings.hand_coding_check(agreeing, reports.hand_coding_disagreements(agreeing), "Sam Altman")
    assert "intervals" in said and "overlap." in said and "outside" not in said
    # intervals that only touch: no disagreement, but the mean outside the hand coding's interval is named
    touching = over_time.iloc[1:].assign(low=0.43)
    assert reports.hand_coding_disagreements(touching).empty
    said = findings.hand_coding_check(touching, reports.hand_coding_disagreements(touching), "Sam Altman")
    assert "outside the hand coding's interval" in said and "乙 2023-12-08" in said and "+0.86" in said
    no_coding = over_time.drop(columns=[c for c in over_time if c.startswith("hand_coded")])
    assert reports.hand_coding_disagreements(no_coding).empty
    assert "No sentence" in findings.hand_coding_check(no_coding, reports.hand_coding_disagreements(no_coding), "X")


def test_the_real_sentence_figures_are_read_from_the_committed_tables(tmp_path):
    real = real_figures.real_stance_results()
    assert set(real.part) == {"development", "test"}
    overall = real[real.subset == "all"].set_index("part")
    committed = pd.read_csv(real_figures.REAL_DIR / "results_dev.csv")
    row = committed[(committed.section == "stance") & (committed.measure == "macro-F1 toward Altman: ours")
                    & (committed.subset == "all")].iloc[0]
    assert overall.loc["development", "macro_f1"] == row.estimate and overall.loc["development", "sentences"] == row.n
    # the shipped model was trained on the development sentences: its figure there is cross-validated, and
    # measured with the weights that ship (else make bench-real must be run again after make train-stance)
    assert overall.loc["development", "current"] and overall.loc["development", "how"].startswith("grouped cross-validation")
    # a part scored with other weights says so
    assert overall.loc["test", "current"] or "earlier" in overall.loc["test", "how"]
    assert real_figures.coder_agreement().kappa > 0.9
    assert real_figures.real_stance_results(tmp_path).empty and real_figures.coder_agreement(tmp_path) is None
    assert "not available" in findings.real_validation_note(real_figures.real_stance_results(tmp_path), None, 0.86)


def test_tables_keep_text_left_aligned_and_whole_even_where_style_blocks_are_stripped():
    text = "奥特曼" * 40
    html = reports.whole(pd.DataFrame({"text": [text], "score": [0.5], "note": [None]}), name="t")._repr_html_()
    assert "<style" not in html  # JupyterLab drops <style> in an untrusted notebook: styles are on the cells
    assert f'<td style="text-align: left; white-space: normal; min-width: 28em; max-width: 48em; vertical-align: top">{text}</td>' in html
    assert '<td style="text-align: right; white-space: nowrap; vertical-align: top">0.500</td>' in html
    assert "NaN" not in html and "None" not in html


def test_findings_quote_a_whole_sentence_not_one_that_ends_in_a_colon():
    top = pd.DataFrame({"side": ["most unfavourable", "most unfavourable"], "score": [-0.93, -0.89],
                        "text": ["她表示,Altman 喜欢“先斩后奏”:", "董事会认为奥特曼“始终不够坦诚”。"]})
    assert findings._whole_sentences(top).text.tolist() == ["董事会认为奥特曼“始终不够坦诚”。"]


def test_heatmap_numbers_are_dark_on_pale_cells_and_white_on_dark_ones():
    fig, ax = plt.subplots()
    plots._heatmap(ax, np.array([[27, 39], [73, 50]]), "Greens")
    colours = {t.get_text(): t.get_color() for t in ax.texts}
    assert colours["27"] == "black" and colours["39"] == "black" and colours["73"] == "white"
    plt.close(fig)


def test_the_confusion_figure_says_which_sentences_it_counts():
    import corpus_tools as ct

    ct.setup_figures()
    confusions = pd.DataFrame([(m, c, p, 1, "the 9 blind test sentences") for m in ("ours",) for c in (-1, 0, 1)
                               for p in (-1, 0, 1)], columns=["method", "coded", "predicted", "sentences", "sentences_scored"])
    fig, _ = plots.validation_confusion_figure(confusions)
    assert "the 9 blind test sentences" in fig._suptitle.get_text() and "cross-validated" not in fig._suptitle.get_text()
    plt.close(fig)
