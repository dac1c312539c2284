"""Figures that write-ups cite: a CJK font that ships with the environment, deterministic files.

Each figure is saved as ``NN_name.png`` and ``NN_name.svg`` with a CSV of exactly the plotted
data beside it, and a row in the folder's ``index.csv`` (file, caption, notebook, sources).
"""

from __future__ import annotations

import base64
import csv
import io
import os
import pickle
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import cache
from .scripts import _package_dir

FONT_FILE = "NotoSansCJKsc-Regular.otf"
INDEX_COLUMNS = ["figure", "caption", "notebook", "sources", "files"]
SVG_HASH_SALT = "corpus_tools"


class FigureFiles(NamedTuple):
    """The files written for one figure. In a notebook it displays the saved PNG itself, at the
    figure's size on screen, so what a reader sees is exactly the file a write-up cites."""

    png: Path
    svg: Path
    csv: Path

    def _repr_mimebundle_(self, include=None, exclude=None):
        import matplotlib as mpl

        image = self.png.read_bytes()
        pixels = int.from_bytes(image[16:20], "big")  # the width in the PNG's IHDR chunk
        saved_dpi = mpl.rcParams["savefig.dpi"]
        saved_dpi = mpl.rcParams["figure.dpi"] if saved_dpi == "figure" else saved_dpi
        width = round(pixels * mpl.rcParams["figure.dpi"] / saved_dpi)
        return ({"image/png": base64.b64encode(image).decode("ascii"), "text/plain": self._summary()},
                {"image/png": {"width": width}})

    def _summary(self) -> str:
        return f"saved {self.png.name}, {self.svg.name} and {self.csv.name} in {_shown_folder(self.png.parent)}"

    def _repr_pretty_(self, printer, cycle):
        printer.text(self._summary())


def _shown_folder(folder: Path) -> str:
    """The folder as a reader should see it: relative to the working directory (``../figures`` from
    a notebook), never a machine path, which would differ between checkouts."""
    try:
        return Path(os.path.relpath(folder, Path.cwd())).as_posix()
    except ValueError:  # another drive (Windows)
        return folder.name


def cjk_font_path() -> Path:
    """Return the path of Noto Sans CJK SC as shipped by the mplfonts package."""
    path = _package_dir("mplfonts") / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"{FONT_FILE} is missing from the mplfonts package at {path.parent}")
    return path


def setup_figures() -> str:
    """Make matplotlib draw Chinese with Noto Sans CJK SC and save deterministically.

    Returns the font's family name. Call once at the top of a notebook, before drawing.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.hashsalt": SVG_HASH_SALT,
            "svg.fonttype": "path",
            "savefig.dpi": 150,
            "figure.dpi": 100,
        }
    )
    return family


def _write_index(folder: Path, row: dict[str, str]) -> None:
    """Add (or replace) ``row`` in the folder's ``index.csv``, sorted by figure, under a lock: notebooks
    side by side (``report``) write to one index."""
    import hashlib
    import tempfile

    from filelock import FileLock

    index = folder / "index.csv"
    # the lock file lives outside the figures folder, which a checkout keeps under version control
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    with FileLock(str(Path(tempfile.gettempdir()) / f"corpus-tools-index-{name}.lock")):
        rows = {}
        if index.exists():
            with index.open(encoding="utf-8", newline="") as handle:
                rows = {r["figure"]: r for r in csv.DictReader(handle)}
        rows[row["figure"]] = row
        with index.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=INDEX_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows[key] for key in sorted(rows))


def save_table(table: pd.DataFrame, path: str | Path, *, caption: str, notebook: str, sources: str = "") -> Path:
    """Save a table that write-ups cite as ``NN_name.csv`` (sorted as given, fixed float format) and
    index it beside the figures; return its path."""
    file = Path(path).with_suffix(".csv")
    file.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(file, index=False, float_format="%.6g", lineterminator="\n", encoding="utf-8")
    _write_index(file.parent, {"figure": file.stem, "caption": caption, "notebook": notebook, "sources": sources,
                               "files": file.name})
    return file


def _png(fig, svg: bytes) -> bytes:
    """Return the figure as PNG bytes. The SVG (glyphs as paths) describes every mark of the figure,
    so the PNG is cached under the SVG's content, the PNG settings and the code fingerprint: a
    rerun that draws the same figure reuses the PNG instead of rasterising it again."""
    import matplotlib as mpl

    settings = sorted((k, repr(v)) for k, v in mpl.rcParams.items() if k.startswith(("savefig.", "agg.", "path.",
                                                                                        "image.", "text.", "lines.antialiased", "patch.antialiased")))
    key = cache.content_key("png", svg, settings, mpl.__version__, fig.dpi)
    png = cache.load("figures.png", key)
    if png is None:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        png = buffer.getvalue()
        cache.store("figures.png", key, png)
    return png


def save_figure(fig, path: str | Path, *, caption: str, data: pd.DataFrame, notebook: str,
                sources: str = "") -> FigureFiles:
    """Save ``fig`` as PNG and SVG, ``data`` as CSV beside it, and index it; return the paths.

    ``path`` is the figure's stem, such as ``../figures/00_mentions`` (the name as cited).
    The files carry no dates or software versions, so the same figure gives the same bytes.
    The figure is closed (a notebook would otherwise draw it a third time); show the returned
    ``FigureFiles`` to display the saved PNG.
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    files = _figure_files(path)
    with mpl.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        files.svg.write_bytes(svg.getvalue())
        files.png.write_bytes(_png(fig, svg.getvalue()))
    plt.close(fig)
    data.to_csv(files.csv, index=False, float_format="%.6g", lineterminator="\n", encoding="utf-8")
    _index_figure(files, caption, notebook, sources)
    return files


def _figure_files(path: str | Path) -> FigureFiles:
    """Return the PNG, SVG and CSV paths of the figure stem ``path`` (a suffix given is dropped),
    its folder created."""
    stem = Path(path)
    if stem.suffix in (".png", ".svg", ".csv"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    return FigureFiles(stem.with_suffix(".png"), stem.with_suffix(".svg"), stem.with_suffix(".csv"))


def _index_figure(files: FigureFiles, caption: str, notebook: str, sources: str) -> None:
    _write_index(files.png.parent, {"figure": files.png.stem, "caption": caption, "notebook": notebook,
                                    "sources": sources, "files": " ".join(p.name for p in files)})


#: The matplotlib settings that only concern drawing on screen (``interactive`` turns on when a
#: notebook first imports pyplot): they do not change the files.
_SCREEN_SETTINGS = ("backend", "interactive", "toolbar", "webagg.", "keymap.", "tk.", "macosx.", "figure.raise_window",
                    "savefig.directory")


def drawn_figure(make, args: tuple, kwargs: dict, path: str | Path, *, caption: str, notebook: str,
                 sources: str = "") -> FigureFiles:
    """Save ``make(*args, **kwargs)`` (a function that returns a figure and its data, as those of
    ``corpus_tools.plots``) as ``save_figure`` does; return the paths.

    The files are kept in the cache under the inputs' content: the function's name, its arguments,
    the code fingerprint, every matplotlib setting and version, and the font. A figure is a function
    of these alone (the files carry no dates), so when they are unchanged the files are written
    from the cache without drawing the figure again; a rerun of a notebook then spends no time on it.
    """
    import matplotlib as mpl

    settings = sorted((k, repr(v)) for k, v in mpl.rcParams.items() if not k.startswith(_SCREEN_SETTINGS))
    try:
        key = cache.content_key("figure", make.__module__, make.__qualname__, args, sorted(kwargs.items()),
                                settings, mpl.__version__, str(cjk_font_path()))
    except (TypeError, AttributeError, pickle.PicklingError):  # arguments that do not pickle: always drawn
        key = None
    files = _figure_files(path)
    kept = None if key is None else cache.load("figures.files", key)
    if kept is None:
        fig, data = make(*args, **kwargs)
        save_figure(fig, files.png, caption=caption, data=data, notebook=notebook, sources=sources)
        if key is not None:
            cache.store("figures.files", key, [file.read_bytes() for file in files])
        return files
    for file, content in zip(files, kept):
        file.write_bytes(content)
    _index_figure(files, caption, notebook, sources)
    return files


#: The notebook that makes each numbered figure or table.
NOTEBOOKS = {"00": "00_corpus.ipynb", "01": "01_altman_sentiment.ipynb", "02": "02_chronology.ipynb",
             "03": "03_narrative_summary.ipynb"}

#: Each figure's and table's caption, by the name it is cited under; ``{target}`` is the target's
#: English name, ``{target_id}`` its id. The sources note names the corpus (``Study.sources``).
CAPTIONS = {
    "00_mentions": "Mentions of each person and organisation per article (or per period for large corpora), "
                   "counted under every alias in Simplified and Traditional script and in English.",
    "00_publication_dates": "Publication time of each article in Beijing time (or the number of articles per day "
                            "for large corpora), one panel per period, the periods split at long gaps in the dates; "
                            "inferred dates are marked.",
    "01_validation_confusion": "Confusion matrices of our scorer, snownlp alone, a general lexicon alone and the rules "
                               "alone against the hand coding of the blind test sentences (written in the styles "
                               "of real coverage, coded by two independent coders), which no scorer was trained or "
                               "tuned on; rows: hand coding, columns: prediction.",
    "01_{target_id}_stance_over_time": "Mean stance toward {target} of the sentences naming him or her, per article "
                                       "(bootstrap 95% interval over sentences, n sentences) or, for large corpora, "
                                       "per day or week (mean of the articles' means, bootstrap 95% interval over "
                                       "articles, n articles), against Beijing date; syndicated copies counted once; "
                                       "beside each article, the hand-coded mean of the same sentences with its bootstrap 95% "
                                       "interval, where they were coded; numbered dotted lines mark key events, listed "
                                       "under the panels; same-day articles are drawn side by side.",
    "01_people_by_period": "Mean stance toward the most mentioned people in the sentences naming each of them, by "
                           "period, with bootstrap 95% intervals and n sentences.",
    "02_chronology": "The chronology: one row per dated event, with the words that dated it, its evidence sentence, "
                     "the articles that report it, each article's reading of the date, the clock, and flags for a "
                     "California day that differs and for a date after publication.",
    "02_timeline": "Timeline of the typed events the articles report, on the Beijing clock, in panels split at long "
                   "gaps; each labelled with its type, the words that dated it, the number of articles and the "
                   "people involved; bars for month-dated events.",
    "02_reported_figures": "Every figure the articles report (headcount, signatures, valuation, revenue, investment, "
                           "pay), with value, unit, qualifier, words and source sentence.",
    "03_narrative_sentences": "The timeline summary: the key events of the chronology (most corroborated, most "
                              "central to the target), in date order, each with its dates, its phase (found in the "
                              "data), who did what, one sentence that reports it and stands alone, and its source "
                              "(outlet, date, article, sentence).",
    "03_distinctive_words": "The words most distinctive of the first and the last period (the 15 strongest each; "
                            "filled bars past |z| = 1.96, hollow ones not; stop words, function words and single "
                            "characters left out): weighted log-odds ratios with an informative Dirichlet prior "
                            "(Monroe, Colaresi and Quinn 2008), as |z|; the dotted line is |z| = 1.96.",
    "03_cooccurrence": "Number of sentences that mention both of two people or organisations, under any alias and "
                       "in either script, for the entities in most co-mentions.",
}


def _caption(path: Path, study) -> tuple[str, str]:
    """Return (caption, notebook) of a named figure or table of ``study``."""
    generic = path.name.replace(f"_{study.target}_", "_{target_id}_", 1)
    caption = CAPTIONS[generic].format(target=study.target_name, target_id=study.target)
    return caption, NOTEBOOKS[path.name[:2]]


def save_named_figure(fig, data: pd.DataFrame, path: Path, *, study, sources: str = "") -> FigureFiles:
    """Save a figure under its cited name with the caption and notebook of ``CAPTIONS`` and the
    study's sources (and ``sources``, when the figure draws on more); return the files."""
    caption, notebook = _caption(Path(path), study)
    return save_figure(fig, path, caption=caption, data=data, notebook=notebook,
                       sources="; ".join(filter(None, [study.sources, sources])))


def draw_named_figure(make, args: tuple, kwargs: dict, path: Path, *, study, sources: str = "") -> FigureFiles:
    """Save the figure ``make(*args, **kwargs)`` under its cited name (as ``save_named_figure``),
    drawn only when its inputs changed (``drawn_figure``); return the files."""
    caption, notebook = _caption(Path(path), study)
    return drawn_figure(make, args, kwargs, path, caption=caption, notebook=notebook,
                        sources="; ".join(filter(None, [study.sources, sources])))


def save_named_table(table: pd.DataFrame, path: Path, *, study, sources: str = "") -> Path:
    """Save a table under its cited name with the caption of ``CAPTIONS``; return its path."""
    caption, notebook = _caption(Path(path), study)
    return save_table(table, path, caption=caption, notebook=notebook,
                      sources="; ".join(filter(None, [study.sources, sources])))
