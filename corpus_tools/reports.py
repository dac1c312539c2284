"""Tables that show what the cleaner removed from each article."""

from __future__ import annotations

import pandas as pd

from .cleaning import KINDS, count_chars


def removals(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per removed line: article_id, line_no, kind, chars (non-whitespace), text."""
    rows = [
        (article_id, r.line_no, r.kind, count_chars(r.text), r.text)
        for article_id, removed in zip(corpus["article_id"], corpus["removed"])
        for r in removed
    ]
    return pd.DataFrame(rows, columns=["article_id", "line_no", "kind", "chars", "text"])


def cleaning_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article: chars_raw, chars_clean, then the characters removed of each kind.

    Only kinds that occur in the corpus get a column, in the order of ``REMOVAL_KINDS``; the
    row sums close: ``chars_raw == chars_clean + removed columns``.
    """
    long = removals(corpus)
    wide = long.pivot_table(index="article_id", columns="kind", values="chars", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[k for k in KINDS if k in wide.columns]).reindex(corpus["article_id"], fill_value=0)
    summary = corpus[["article_id", "chars_raw", "chars_clean"]].set_index("article_id")
    summary = summary.join(wide).fillna(0).astype(int)
    summary.index.name = None
    summary.columns.name = None
    return summary


def article_labels(corpus: pd.DataFrame) -> pd.Series:
    """Return a short label per article for tables and axes: outlet and Beijing date (or "undated")."""
    dates = corpus["published"].map(lambda t: "undated" if pd.isna(t) else t.strftime("%Y-%m-%d"))
    return (corpus["outlet"].fillna(corpus["article_id"]).astype(str) + " " + dates).rename("label")


def mentions_long(corpus: pd.DataFrame, entities: list[str] | None = None) -> pd.DataFrame:
    """Return one row per (article, entity) with the number of mentions, zeros included, tidy."""
    from .entities import mention_counts

    wide = mention_counts(corpus["text"], entities)
    wide.index = corpus["article_id"]
    long = wide.reset_index().melt(id_vars="article_id", var_name="entity_id", value_name="mentions")
    return long.sort_values(["entity_id", "article_id"], kind="stable").reset_index(drop=True)


def article_means(table: pd.DataFrame, value: str = "label", by: str = "article_id", seed: int = 0) -> pd.DataFrame:
    """Return one row per group: mean of ``value``, its bootstrap 95% interval (low, high) and n."""
    from .validation import bootstrap

    rows = []
    for key, group in table.groupby(by, sort=False):
        estimate = bootstrap(group[value].to_numpy(dtype=float), seed=seed)
        rows.append((key, estimate.estimate, estimate.low, estimate.high, len(group)))
    return pd.DataFrame(rows, columns=[by, "mean", "low", "high", "n"])


def key_events() -> pd.DataFrame:
    """Return the key events to mark on time axes, with their Beijing and local dates and sources."""
    from .paths import DATA_DIR

    events = pd.read_csv(DATA_DIR / "key_events.csv")
    events["date_beijing"] = pd.to_datetime(events["date_beijing"])
    return events
