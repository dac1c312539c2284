"""Tables that show what the cleaner removed from each article, and why."""

from __future__ import annotations

import pandas as pd

from .boilerplate import KINDS, count_chars


def removals(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per removed line: article_id, line_no, kind, chars (non-whitespace), text, reason."""
    rows = [
        (article_id, r.line_no, r.kind, count_chars(r.text), r.text, getattr(r, "reason", ""))
        for article_id, removed in zip(corpus["article_id"], corpus["removed"])
        for r in removed
    ]
    return pd.DataFrame(rows, columns=["article_id", "line_no", "kind", "chars", "text", "reason"])


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
