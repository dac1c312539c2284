"""Phases found in the data: bursts of dated events, each titled by its dates and its main events.

No phase table is written by hand: a corpus about another person or another year gets its own phases.
The key events of a timeline summary (``timeline.key_events``) are cut into phases where the gap
between two consecutive event dates is long (longer than ``GAP_DAYS``; at most ``MAX_PHASES`` phases,
cut at the longest gaps). A phase is titled from what it holds: its first and last dates and the
verbs of its most corroborated events, in Chinese and English (``2023-11-17 – 11-21 · 罢免、聘用、回归``).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..paths import DATA_DIR

#: A gap longer than this many days between two consecutive key events starts a new phase.
GAP_DAYS = 30
#: Events whose dates span this many days or more (a month, a range) do not set a phase's first and
#: last dates when the phase holds events dated more closely.
BROAD_DAYS = 2
#: At most this many phases (the longest gaps cut).
MAX_PHASES = 6
#: A phase's title names at most this many of its events.
EVENTS_IN_TITLE = 3

PHASE_COLUMNS = ["phase_id", "title", "title_zh", "title_en", "start", "end", "events", "articles"]


@lru_cache(maxsize=1)
def _verbs() -> dict[str, tuple[str, str]]:
    """The Chinese verb and the English name of each event type (``data/event_type_labels.csv``)."""
    table = pd.read_csv(DATA_DIR / "event_type_labels.csv")
    return {t: (zh, en.split(" or ")[0].lower()) for t, zh, en in zip(table.event_type, table.verb_zh, table.label_en)}


@lru_cache(maxsize=1)
def _priority() -> dict[str, int]:
    """The priority of each event type (``data/event_type_labels.csv``): 1 names the event best."""
    table = pd.read_csv(DATA_DIR / "event_type_labels.csv")
    return dict(zip(table.event_type, table.priority))


def _span(start: pd.Timestamp, end: pd.Timestamp, english: bool = False) -> str:
    """Return a phase's dates as a reader writes them.

    >>> a, b = pd.Timestamp("2023-11-17"), pd.Timestamp("2023-11-21")
    >>> _span(a, b), _span(a, b, english=True), _span(a, a, english=True)
    ('2023-11-17 – 11-21', '17–21 Nov 2023', '17 Nov 2023')
    """
    if english:
        if start.normalize() == end.normalize():
            return f"{start.day} {start:%b %Y}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end:%b %Y}"
        if start.year == end.year:
            return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if start.normalize() == end.normalize():
        return f"{start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} – {end:%m-%d}" if start.year == end.year else f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def cut_points(dates: pd.Series, gap_days: float = GAP_DAYS, max_phases: int = MAX_PHASES) -> list[int]:
    """Return the positions in sorted ``dates`` where a new phase begins (after the longest gaps).

    >>> cut_points(pd.Series(pd.to_datetime(["2023-11-17", "2023-11-20", "2024-05-15", "2024-09-26"])))
    [2, 3]
    """
    days = pd.Series(pd.to_datetime(dates)).reset_index(drop=True)
    gaps = days.diff().dt.days.fillna(0)
    long = gaps[gaps > gap_days].sort_values(ascending=False, kind="stable")
    return sorted(long.index[: max_phases - 1])


def find_phases(events: pd.DataFrame, published: pd.Series | None = None, gap_days: float = GAP_DAYS,
                max_phases: int = MAX_PHASES) -> pd.DataFrame:
    """Return the phases of a set of dated events (columns date_start, date_end, event_type and score:
    how much the event counts, e.g. its number of articles), one row per phase, in time order:

    phase_id (``p1``, ``p2``…), title (Chinese and English), title_zh, title_en, start and end (the
    first and last event dates, of the events dated to a day or two when it holds any), events (how many), articles (publications dated within the phase or
    the week after it, when ``published`` is given).
    """
    if events.empty:
        return pd.DataFrame(columns=PHASE_COLUMNS)
    ordered = events.sort_values(["date_start", "date_end"], kind="stable").reset_index(drop=True)
    cuts = [0, *cut_points(ordered.date_start, gap_days, max_phases), len(ordered)]
    verbs = _verbs()
    pub = None if published is None else pd.Series(pd.to_datetime(published)).dropna()
    rows = []
    for number, (first, last) in enumerate(zip(cuts[:-1], cuts[1:]), start=1):
        group = ordered.iloc[first:last]
        exact = group[(group.date_end - group.date_start).dt.days < BROAD_DAYS] if "date_end" in group else group
        if len(exact):  # a month or a range does not say when a phase began
            start, end = exact.date_start.min(), exact.date_start.max()
        else:  # only months or ranges: the phase spans them
            start, end = group.date_start.min(), group[["date_start", "date_end"]].max().max()
        main = group.assign(priority=group.event_type.map(_priority()).fillna(99))
        main = main.sort_values(["score", "priority", "date_start"], ascending=[False, True, True], kind="stable")
        kinds = list(dict.fromkeys(main.event_type))[:EVENTS_IN_TITLE]
        kinds = sorted(kinds, key=lambda k: group[group.event_type == k].date_start.min())
        zh = "、".join(dict.fromkeys(verbs.get(k, (k, k))[0] for k in kinds))
        en = ", ".join(dict.fromkeys(verbs.get(k, (k, k))[1] for k in kinds))
        title_zh, title_en = f"{_span(start, end)} · {zh}", f"{_span(start, end, True)} · {en}"
        articles = 0 if pub is None else int(((pub >= start.normalize()) & (pub < end.normalize() + pd.Timedelta(days=8))).sum())
        rows.append({"phase_id": f"p{number}", "title": f"{title_zh} / {en}", "title_zh": title_zh,
                     "title_en": title_en, "start": start.normalize(), "end": end.normalize(), "events": len(group),
                     "articles": articles})
    return pd.DataFrame(rows, columns=PHASE_COLUMNS)


def phase_of(dates: pd.Series, phases: pd.DataFrame) -> pd.Series:
    """Return the phase_id of each date: the last phase that starts on or before it (the first phase
    for what comes before them all)."""
    starts = list(zip(phases.start, phases.phase_id))

    def one(date):
        chosen = starts[0][1] if starts else None
        for start, phase in starts:
            if pd.Timestamp(date).normalize() >= start:
                chosen = phase
        return chosen
    return pd.Series([one(d) for d in dates], index=getattr(dates, "index", None), dtype=object)
