"""Figures that write-ups cite: a CJK font that ships with the environment, deterministic files.

Each figure is saved as ``NN_name.png`` and ``NN_name.svg`` with a CSV of exactly the plotted
data beside it, and a row in the folder's ``index.csv`` (file, caption, notebook, sources).
"""

from __future__ import annotations

import base64
import csv
import io
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
        return f"saved {self.png.name}, {self.svg.name} and {self.csv.name} in {self.png.parent.as_posix()}"

    def _repr_pretty_(self, printer, cycle):
        printer.text(self._summary())


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
    index = folder / "index.csv"
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

    stem = Path(path)
    if stem.suffix in (".png", ".svg", ".csv"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    files = FigureFiles(stem.with_suffix(".png"), stem.with_suffix(".svg"), stem.with_suffix(".csv"))
    with mpl.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        files.svg.write_bytes(svg.getvalue())
        files.png.write_bytes(_png(fig, svg.getvalue()))
    plt.close(fig)
    data.to_csv(files.csv, index=False, float_format="%.6g", lineterminator="\n", encoding="utf-8")
    _write_index(stem.parent, {
        "figure": stem.name,
        "caption": caption,
        "notebook": notebook,
        "sources": sources,
        "files": " ".join(p.name for p in files),
    })
    return files
