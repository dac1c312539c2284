"""Years for the month-days of undated articles (当地时间9月25日 on a page that prints no date).

An undated article's month-days are read in a placeholder year (``expressions.YEARLESS_BASE``) and
marked ``year_open``; this module chooses each article's year, by the evidence in this order:

1. **Corroboration.** Each candidate year (the dated articles' years, the year before the first, and
   the years the article itself writes in full) is scored by the article's open readings that tell an
   event the rest of the corpus dates in full (same type, a shared person, within a day; within the
   month for a month): the year with the most such readings wins, when no other year ties it.
2. **Coverage.** Otherwise each month-day goes to the year, among those that put it on or after the
   latest full date the article writes (a report that writes 2023年11月 and then 3月9日 tells of a
   later March) and not after the corpus's last publication, in which the corpus has a dated
   article published in the ``COVERAGE_DAYS`` after it (news is published just after what it
   tells); when no dated article covers any of them, the month-day dates nothing. Every re-dated reading keeps
``year_open = True`` and says in its ``rule`` how its year was chosen.
"""

from __future__ import annotations

import pandas as pd

from .expressions import YEARLESS_BASE

#: Types whose readings in two articles are the same event when their people and days agree (a
#: departure of someone removed that day is told by some as his removal).
_SAME_KIND = {"departure": {"departure", "removal"}, "removal": {"removal", "departure"}}


def _naive(stamp: pd.Timestamp) -> pd.Timestamp:
    return stamp.tz_convert("Asia/Shanghai").tz_localize(None) if stamp.tzinfo else stamp


def choose_years(events: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """Return ``events`` (rows of ``EVENT_COLUMNS``) with the year of every ``year_open`` reading
    chosen (see the module's docstring), and those whose year nothing gives left out; ``published``
    maps article_id to its publication time (NaT when undated)."""
    if events.empty or not events.year_open.astype(bool).any():
        return events
    is_open = events.year_open.astype(bool)
    dated = [_naive(t) for t in published.dropna()]
    last = max(dated) if dated else None
    years = sorted({t.year for t in dated})
    fixed = events[~is_open & (events.event_type != "other") & (events.precision != "year")]
    known = _Known(fixed)
    kept, rows = events[~is_open], []
    for article_id, group in events[is_open].groupby("article_id", sort=False):
        own_full = events[(events.article_id == article_id) & ~is_open & (events.precision != "year")
                          & (events.dated_by == "absolute")]
        if last is not None:
            own_full = own_full[pd.to_datetime(own_full.date_start) <= last]
        candidates = sorted(set(([years[0] - 1] + years) if years else []) | set(own_full.date_start.dt.year))
        if last is not None:
            candidates = [y for y in candidates if y <= last.year]
        scores = {y: sum(known.tells(row, y - YEARLESS_BASE.year) for row in group.itertuples()) for y in candidates}
        best = max(scores.values(), default=0)
        winners = [y for y, s in scores.items() if s == best]
        latest = own_full.date_start.max() if len(own_full) else None
        for row in group.to_dict("records"):
            if best > 0 and len(winners) == 1:
                year, why = winners[0], f"year {winners[0]}: the year in which the corpus's dated articles tell its events"
            elif COVERAGE_FALLBACK:
                year = _covered_year(row, candidates, latest, dated, last)
                if year is None:
                    continue  # neither the corpus nor the article gives a year
                why = (f"year {year}: the first year, on or after the article's latest full date"
                       f"{f' ({latest:%Y-%m-%d})' if latest is not None else ''}, in which the corpus's dated articles"
                       f" were published in the {COVERAGE_DAYS} days after it")
            else:
                continue  # nothing in the corpus corroborates a year
            moved = _moved(row, year - YEARLESS_BASE.year)
            moved["rule"] = f"{row['rule']}; {why}"
            rows.append(moved)
    return pd.concat([kept, pd.DataFrame(rows, columns=events.columns)], ignore_index=True) \
        .sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True) if rows else kept


#: Whether a month-day no dated article corroborates is put in the year the corpus's coverage suggests
#: (off: on the real set's development part this put as many events a year off as it found).
COVERAGE_FALLBACK = False
#: Days after a month-day in which the corpus's dated articles count as its coverage.
COVERAGE_DAYS = 30


def _covered_year(row: dict, candidates, latest: pd.Timestamp | None, dated: list[pd.Timestamp],
                  last: pd.Timestamp | None) -> int | None:
    """Return the year for an open reading that no corroboration gives: among the candidate years that
    put it on or after the article's latest full date and not after the corpus's last publication, the
    first in which a dated article was published within ``COVERAGE_DAYS`` after it; None when the
    corpus's dates cover none of them."""
    for year in sorted(candidates):
        day = _moved(row, year - YEARLESS_BASE.year)["date_start"]
        if (latest is not None and day < latest.normalize()) or (last is not None and day > last):
            continue
        if any(day.normalize() <= t <= day + pd.Timedelta(days=COVERAGE_DAYS) for t in dated):
            return year
    return None


def _moved(row: dict, years: int) -> dict:
    """Return a copy of ``row`` with its dates moved by ``years`` years."""
    shift = pd.DateOffset(years=years)
    return {**row, "date_start": row["date_start"] + shift, "date_end": row["date_end"] + shift}


class _Known:
    """The readings dated in full, by type: what an open reading moved to a candidate year may agree with."""

    def __init__(self, fixed: pd.DataFrame):
        self.by_type: dict[str, list[tuple[pd.Timestamp, pd.Timestamp, str, frozenset]]] = {}
        for row in fixed.itertuples():
            self.by_type.setdefault(row.event_type, []).append(
                (row.date_start.normalize(), row.date_end, row.precision, frozenset(row.actors)))

    def tells(self, row, years: int) -> bool:
        """Return whether an open reading, moved by ``years``, tells an event dated in full elsewhere."""
        people = frozenset(row.actors)
        if row.event_type in ("other",) or not people:
            return False
        shift = pd.DateOffset(years=years)
        day, end = row.date_start.normalize() + shift, row.date_end + shift
        for kind in _SAME_KIND.get(row.event_type, {row.event_type}):
            for start, stop, precision, who in self.by_type.get(kind, []):
                if not people & who or precision != row.precision:
                    continue  # a reading to the month corroborates no day, nor a day a month
                if precision == "day" and abs((start - day).days) <= 1:
                    return True
                if precision == "month" and start <= end and day <= stop:
                    return True
        return False
