"""Years for the month-days of undated articles (当地时间9月25日 on a page that prints no date).

An undated article's month-days, and its months and days of 今年 or 去年 (its own year or the one
before), are read in a placeholder year (``expressions.YEARLESS_BASE``) and marked ``year_open``; this
module chooses each article's year, by the evidence in this order:

1. **Corroboration.** Each candidate year (the dated articles' years, the year before the first, and
   the years the article itself writes in full) is scored by the article's open readings that tell an
   event the rest of the corpus dates in full (same type, a shared person, within a day; within the
   month for a month, as 去年11月 tells the removal others date 11月17日): the year with the most such
   readings wins, when no other year ties it.
2. **Resemblance.** Otherwise each month-day goes to the year, among those that put it on or after the
   latest full date the article writes (a report that writes 2023年11月 and then 3月9日 tells of a
   later March), that the dated articles most like the article support, by the loader's own test for
   a dateline without a year (``ingest.years``); when none wins clearly, the month-day dates nothing.
   A month of 今年 or 去年 (or a reading that counts from one: 次日) is never dated this way: the
   resemblance weighs articles dated after a date against it, right for a dateline but not for the
   article's own year, which on the real set's development part it put a year late.

The candidate years end with the last dated article's, or the year after it for an article that writes
去年 (its 去年 is then the last one's year); a 2月29日 is never moved to a year without one.

Every re-dated reading keeps ``year_open = True`` and says in its ``rule`` how its year was chosen.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right

import pandas as pd

from .expressions import YEARLESS_BASE, fold

#: Types whose readings in two articles are the same event when their people and days agree (a
#: departure of someone removed that day is told by some as his removal).
_SAME_KIND = {"departure": {"departure", "removal"}, "removal": {"removal", "departure"}}
_ONE_DAY = pd.Timedelta(days=1)
_SECOND = pd.Timedelta(seconds=1)


def _naive(stamp: pd.Timestamp) -> pd.Timestamp:
    return stamp.tz_convert("Asia/Shanghai").tz_localize(None) if stamp.tzinfo else stamp


def choose_years(events: pd.DataFrame, published: pd.Series, texts: pd.Series | None = None) -> pd.DataFrame:
    """Return ``events`` (rows of ``EVENT_COLUMNS``) with the year of every ``year_open`` reading
    chosen (see the module's docstring), and those whose year nothing gives left out; ``published``
    maps article_id to its publication time (NaT when undated), ``texts`` to its cleaned text (without
    it, only corroboration chooses a year)."""
    if events.empty or not events.year_open.astype(bool).any():
        return events
    # a month an undated article's paragraph gives is too loose a date for the sentences around it
    events = events[~(events.year_open.astype(bool) & (events.dated_by == "context") & (events.precision != "day"))]
    is_open = events.year_open.astype(bool)
    dated = [_naive(t) for t in published.dropna()]
    last = max(dated) if dated else None
    years = sorted({t.year for t in dated})
    fixed = events[~is_open & (events.event_type != "other") & (events.precision != "year")]
    known = _Known(fixed)
    kept = events[~is_open]
    own_dates = kept[(kept.precision != "year") & (kept.dated_by == "absolute")]
    own_by_article = {article_id: group.date_start for article_id, group in own_dates.groupby("article_id", sort=False)}
    choices = []  # per article: its open readings, candidate years, the corroborated year (or None), latest full date
    for article_id, group in events[is_open].groupby("article_id", sort=False):
        own_full = own_by_article.get(article_id, pd.Series([], dtype=events.date_start.dtype))
        if last is not None:
            own_full = own_full[pd.to_datetime(own_full) <= last]
        candidates = sorted(set(([years[0] - 1] + years) if years else []) | set(own_full.dt.year))
        records = group.to_dict("records")
        if last is not None:
            # an article that writes 去年11月 may come a year after the last dated one: its 11月 is then that one's
            ceiling = last.year + (1 if any(_year_before(row) for row in records) else 0)
            candidates = [y for y in candidates if y <= last.year] + ([ceiling] if ceiling > last.year else [])
        scores = {y: sum(_fits(row, y) and known.tells(row, y - YEARLESS_BASE.year) for row in records) for y in candidates}
        best = max(scores.values(), default=0)
        winners = [y for y, s in scores.items() if s == best]
        corroborated = winners[0] if best > 0 and len(winners) == 1 else None
        choices.append((article_id, records, candidates, corroborated, own_full.max() if len(own_full) else None))
    undecided = [article_id for article_id, _, _, corroborated, _ in choices if corroborated is None]
    resemblance = _resemblance(published, texts, set(events[is_open].article_id)) if undecided else None
    if resemblance is not None:
        resemblance.prepare(a for a in undecided if a in resemblance.pending_rows)  # all at once: far faster
    rows = []
    for article_id, records, candidates, corroborated, latest in choices:
        for row in records:
            if corroborated is not None:
                if not _fits(row, corroborated):
                    continue  # 2月29日 in a year without one
                year, why = corroborated, f"year {corroborated}: the year in which the corpus's dated articles tell its events"
                if _own_year(row):
                    why = f"the article's year {corroborated}: the year in which the corpus's dated articles tell its events"
            else:
                year = None if _own_year(row) else _resembled_year(row, candidates, latest, resemblance, article_id)
                if year is None:
                    continue  # neither the corpus nor the article gives a year
                why = (f"year {year}: the year the dated articles most like this one support"
                       f"{f' (on or after its latest full date, {latest:%Y-%m-%d})' if latest is not None else ''}")
            moved = _moved(row, year - YEARLESS_BASE.year)
            moved["rule"] = f"{row['rule']}; {why}"
            rows.append(moved)
    return pd.concat([kept, pd.DataFrame(rows, columns=events.columns)], ignore_index=True) \
        .sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True) if rows else kept


def _resemblance(published: pd.Series, texts: pd.Series | None, undated: set) -> object | None:
    """Return the dated articles' resemblance to the undated ones (``ingest.years.Resemblance``), or None
    without texts or dated articles."""
    from ..ingest.years import Resemblance

    if texts is None:
        return None
    dated = published.dropna()
    if dated.empty or not undated:
        return None
    frame = pd.DataFrame({"article_id": list(dated.index), "published": list(dated), "text": [texts[a] for a in dated.index]})
    return Resemblance(frame, {a: texts[a] for a in sorted(undated, key=str) if a in texts.index})


def _resembled_year(row: dict, candidates: list[int], latest: pd.Timestamp | None, resemblance,
                    article_id: str) -> int | None:
    """Return the year, among the candidates that put the reading on or after the article's latest full
    date, that the dated articles most like the article support (``ingest.years``: an article telling
    the same news shortly before a date supports it, one dated after it counts against it), when it wins
    as clearly as the loader asks of a dateline's year; else None."""
    from ..ingest.years import clear_winner, date_support

    if resemblance is None or article_id not in resemblance.pending_rows:
        return None
    neighbours = [(a, _naive(t), s) for a, t, s in resemblance.nearest(article_id)]
    scores = {}
    for year in candidates:
        day = _moved(row, year - YEARLESS_BASE.year)["date_start"]
        if _fits(row, year) and (latest is None or day >= latest.normalize()):
            scores[year] = date_support(day, neighbours)
    return clear_winner(scores)


_OWN_YEAR = re.compile(r"(今|本|去)年")
#: What an anaphoric reading's rule says of its anchor (次日 after 今年8月14日): ``expressions._anaphora``.
_AFTER_OWN_YEAR = re.compile(r"after (今|本|去)年")


def _own_year(row: dict) -> bool:
    """Whether an open reading names the article's own year or the one before (今年5月, 去年11月), or
    counts from one that does (次日 after 今年8月14日)."""
    return bool(_OWN_YEAR.match(fold(str(row["expression"])).lstrip()) or _AFTER_OWN_YEAR.search(str(row["rule"])))


def _year_before(row: dict) -> bool:
    """Whether an open reading is of the year before the article's own (去年11月, or counts from one)."""
    return fold(str(row["expression"])).lstrip().startswith("去年") or "after 去年" in str(row["rule"])


def _fits(row: dict, year: int) -> bool:
    """Whether the reading can be moved to ``year`` (its placeholder-year dates in that year's
    calendar): not a 2月29日 moved to a year without one."""
    start = row["date_start"]
    if start.month == 2 and start.day == 29:
        return calendar.isleap(start.year + year - YEARLESS_BASE.year)
    return True


def _moved(row: dict, years: int) -> dict:
    """Return a copy of ``row`` with its dates moved by ``years`` years; a span that ends with its month
    ends with that month in the new year (去年2月, read in 1999, ends on 2月29日 in a leap year)."""
    shift = pd.DateOffset(years=years)
    end = row["date_end"]
    if row["precision"] != "day" and (end + _SECOND).day == 1:
        end = end + _SECOND + shift - _SECOND
    else:
        end = end + shift
    return {**row, "date_start": row["date_start"] + shift, "date_end": end}


class _Known:
    """The readings dated in full, by type: what an open reading moved to a candidate year may agree with
    (indexed by day, and by start for the readings to the month, so that a question reads only the
    readings near its date, not every one of its type)."""

    def __init__(self, fixed: pd.DataFrame):
        self.days: dict[str, dict[pd.Timestamp, list[frozenset]]] = {}
        months: dict[str, list[tuple[pd.Timestamp, pd.Timestamp, frozenset]]] = {}
        for event_type, start, stop, precision, actors in zip(fixed.event_type, fixed.date_start, fixed.date_end,
                                                               fixed.precision, fixed.actors):
            if precision == "day":
                self.days.setdefault(event_type, {}).setdefault(start.normalize(), []).append(frozenset(actors))
            elif precision == "month":
                months.setdefault(event_type, []).append((start.normalize(), stop, frozenset(actors)))
        self.months = {}  # type -> (starts in order, the readings in that order, the longest span)
        for event_type, readings in months.items():
            readings.sort(key=lambda reading: reading[0])
            self.months[event_type] = ([r[0] for r in readings], readings, max(stop - start for start, stop, _ in readings))

    def tells(self, row: dict, years: int) -> bool:
        """Return whether an open reading, moved by ``years``, tells an event dated in full elsewhere
        (the same type, or one ``_SAME_KIND`` takes for it; a shared person; a day within a day of a
        day, a month overlapping a month or holding a day)."""
        people = frozenset(row["actors"])
        if row["event_type"] in ("other",) or not people:
            return False
        moved = _moved(row, years)
        day, end = moved["date_start"].normalize(), moved["date_end"]
        for kind in _SAME_KIND.get(row["event_type"], {row["event_type"]}):
            if row["precision"] == "day":
                by_day = self.days.get(kind, {})
                if any(people & who for near in (day - _ONE_DAY, day, day + _ONE_DAY) for who in by_day.get(near, ())):
                    return True
            elif row["precision"] == "month":
                by_day = self.days.get(kind, {})  # 去年11月 tells what others date to 11月17日
                if by_day and any(people & who for near in pd.date_range(day, end.normalize()) for who in by_day.get(near, ())):
                    return True
                if kind not in self.months:
                    continue
                starts, readings, longest = self.months[kind]
                # a reading that overlaps [day, end] starts by ``end`` and, lasting at most ``longest``, after day - longest
                for start, stop, who in readings[bisect_left(starts, day - longest):bisect_right(starts, end)]:
                    if day <= stop and people & who:
                        return True
        return False
