"""One study: a corpus, the person it is about, its periods, and where its figures go.

Every notebook opens with ``open_study(CORPUS, TARGET, OUTPUT, PERIODS)``: the four parameters of its
papermill ``parameters`` cell. The defaults are the bundled corpus, Altman, the repository's
``figures/`` folder, and periods split where the publication dates have a long gap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import PACKAGE_DIR

#: The repository's figures folder, found from the package (never from the working directory).
FIGURES_DIR = PACKAGE_DIR.parent / "figures"
#: A gap between publication dates splits the corpus into periods when it is longer than this many
#: days and than this share of the whole span; at most this many periods.
GAP_DAYS = 30
GAP_SHARE = 0.2
MAX_PERIODS = 4
BEIJING = "Asia/Shanghai"


def _month_range(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Return a period's label from its first and last dates: 'Sep 2024', 'Nov–Dec 2023', 'Nov 2023–Feb 2024'.

    >>> _month_range(pd.Timestamp("2023-11-18"), pd.Timestamp("2023-12-08"))
    'Nov–Dec 2023'
    """
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    if start.year == end.year:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y}–{end:%b %Y}"


def split_periods(dates: pd.Series, boundaries: list | None = None, gap_days: float = GAP_DAYS,
                  gap_share: float = GAP_SHARE, max_periods: int = MAX_PERIODS) -> pd.DataFrame:
    """Return one row per period of ``dates``: period (its label), start, end (first and last date
    in it), cut (where the next period begins; NaT for the last), n (dates in it).

    ``boundaries`` (dates) cut the periods where given; otherwise the cuts fall in the middle of every
    gap longer than ``gap_days`` and ``gap_share`` of the span, the longest ``max_periods - 1`` of them.
    Missing dates are ignored; no dates at all give no rows.

    >>> days = pd.Series(pd.to_datetime(["2023-11-18", "2023-11-21", "2023-12-08", "2024-09-27"]))
    >>> split_periods(days)[["period", "n"]].values.tolist()
    [['Nov–Dec 2023', 3], ['Sep 2024', 1]]
    >>> split_periods(days, boundaries=["2023-12-01"])[["period", "n"]].values.tolist()
    [['Nov 2023', 2], ['Dec 2023–Sep 2024', 2]]
    """
    dated = pd.Series(dates).dropna().sort_values(kind="stable")
    naive = dated.dt.tz_convert(BEIJING).dt.tz_localize(None) if getattr(dated.dt, "tz", None) else dated
    naive = naive.reset_index(drop=True)
    columns = ["period", "start", "end", "cut", "n"]
    if naive.empty:
        empty = pd.Series([], dtype="datetime64[ns]")
        return pd.DataFrame({"period": pd.Series([], dtype=object), "start": empty, "end": empty, "cut": empty,
                             "n": pd.Series([], dtype=int)})
    if boundaries:
        cuts = sorted(pd.Timestamp(b).tz_localize(None) if pd.Timestamp(b).tzinfo else pd.Timestamp(b)
                      for b in boundaries)
    else:
        gaps = naive.diff().iloc[1:]
        span = naive.iloc[-1] - naive.iloc[0]
        long = gaps[gaps > max(pd.Timedelta(days=gap_days), span * gap_share)]
        long = long.sort_values(ascending=False, kind="stable").head(max_periods - 1).sort_index()
        cuts = [naive[i - 1] + gaps[i] / 2 for i in long.index]
    rows, edges = [], [pd.Timestamp.min, *cuts, pd.Timestamp.max]
    for low, high in zip(edges, edges[1:]):
        inside = naive[(naive >= low) & (naive < high)]
        if len(inside):
            rows.append([inside.iloc[0], inside.iloc[-1], high if high != pd.Timestamp.max else pd.NaT, len(inside)])
    table = pd.DataFrame(rows, columns=columns[1:])
    table.insert(0, "period", [_month_range(s, e) for s, e in zip(table.start, table.end)])
    return table


def period_of(dates: pd.Series, periods: pd.DataFrame) -> pd.Series:
    """Return the period label of each date (missing for a missing date), by the periods' cuts."""
    naive = dates.dt.tz_convert(BEIJING).dt.tz_localize(None) if getattr(dates.dt, "tz", None) else dates
    labels = pd.Series(pd.NA, index=dates.index, dtype="object")
    lower = pd.Timestamp.min
    for row in periods.itertuples():
        upper = row.cut if pd.notna(row.cut) else pd.Timestamp.max
        labels[(naive >= lower) & (naive < upper)] = row.period
        lower = upper
    return labels.rename("period")


def one_per_story(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return the corpus with each syndicated story once: the earliest copy of each ``story_id``
    (every article is its own story when the column is absent or empty)."""
    if "story_id" not in corpus.columns:
        return corpus
    story = corpus["story_id"].where(corpus["story_id"].notna(), corpus["article_id"])
    order = corpus.assign(_story=story).sort_values(["published", "article_id"], na_position="last", kind="stable")
    keep = order.drop_duplicates("_story").index
    return corpus.loc[corpus.index.isin(keep)]


@dataclass
class Study:
    """A study's inputs, resolved: ``corpus`` (every article loaded), ``stories`` (syndicated copies
    once, unless the study counts copies), ``target`` (an entity id), ``output`` (the folder for
    figures and tables), ``periods`` (``split_periods`` of the stories' dates) and ``sources`` (how
    the figures' notes name the corpus)."""

    corpus: pd.DataFrame
    stories: pd.DataFrame
    target: str
    output: Path
    periods: pd.DataFrame
    sources: str
    bundled: bool

    @property
    def target_name(self) -> str:
        """The target's English name, as in the entity table."""
        from .entities import entity_table

        table = entity_table().drop_duplicates("entity_id").set_index("entity_id")
        return str(table.name_en[self.target])

    def undated(self) -> pd.DataFrame:
        """Return the articles without a publication date (listed, never dropped): id, title, outlet."""
        rows = self.corpus[self.corpus.published.isna()]
        return rows[["article_id", "title", "outlet"]].reset_index(drop=True)

    def save_figure(self, name: str, figure_and_data: tuple, **extra):
        """Save a figure of ``corpus_tools.plots`` under ``name`` with its caption (``figures.CAPTIONS``)."""
        from .figures import save_named_figure

        fig, data = figure_and_data
        return save_named_figure(fig, data, self.output / name, study=self, **extra)

    def figure(self, name: str, make, *args, sources: str = "", **kwargs):
        """Draw ``make(*args, **kwargs)`` (a figure function of ``corpus_tools.plots``) and save it under
        ``name`` with its caption, as ``save_figure`` does; return the files. A figure already drawn
        from the same inputs by the same code is written from the cache instead of drawn again."""
        from .figures import draw_named_figure

        return draw_named_figure(make, args, kwargs, self.output / name, study=self, sources=sources)

    def save_table(self, name: str, table: pd.DataFrame, **extra):
        """Save a table under ``name`` with its caption (``figures.CAPTIONS``); return its path."""
        from .figures import save_named_table

        return save_named_table(table, self.output / name, study=self, **extra)


def _describe(path: Path | None, corpus: pd.DataFrame) -> str:
    if path is None:
        return f"the {len(corpus)} bundled articles (corpus_tools/data/raw)"
    return f"{len(corpus)} articles in {Path(path).name}"


#: The environment variable that gives ``open_study`` its ``errors`` when none is passed: a report sets
#: it, so that each notebook's ``open_study(CORPUS, ...)`` skips the files the report skipped.
ERRORS_ENV = "CORPUS_TOOLS_ERRORS"


def open_study(corpus: str | Path | None = None, target: str = "altman", output: str | Path | None = None,
               periods: list | None = None, *, one_per_story_only: bool = True, errors: str | None = None,
               learned_outlets: bool | None = None, progress: bool | None = None) -> Study:
    """Return the ``Study`` of a corpus: ``corpus`` is a folder or a table of articles (None: the
    bundled corpus); its own ``entities.csv``, if any, adds people and aliases; ``target`` is any
    entity id or alias; ``output`` is where figures go (None: the repository's ``figures/``);
    ``periods`` are boundary dates (None: split at long gaps in the publication dates);
    ``errors``, ``learned_outlets`` and ``progress`` are ``load_corpus``'s (``errors`` None: as ``CORPUS_TOOLS_ERRORS``
    says, "raise" by default: ``make report ERRORS=skip`` sets it for the notebooks' kernels).

    Raises the loader's ``CorpusError`` for bad input, before anything is computed.
    """
    from .entities import resolve_entity, use_entities
    from .loading import load_corpus

    folder = None if corpus is None else Path(corpus)
    entities = folder / "entities.csv" if folder is not None and folder.is_dir() else None
    use_entities(entities if entities is not None and entities.is_file() else None)
    articles = load_corpus(folder, errors=errors or os.environ.get(ERRORS_ENV) or "raise",
                           learned_outlets=learned_outlets, progress=progress)
    stories = one_per_story(articles) if one_per_story_only else articles
    return Study(
        corpus=articles, stories=stories, target=resolve_entity(target),
        output=FIGURES_DIR if output is None else Path(output), periods=split_periods(stories.published, periods),
        sources=_describe(folder, articles), bundled=folder is None,
    )
