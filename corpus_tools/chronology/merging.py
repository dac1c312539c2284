"""One row per event: the same event told by many articles, with every article's reading of its date.

Two readings are one event when they have the same type, name compatible people (a shared actor,
or none named by one of them) and compatible dates: days at most one apart across articles (a
Beijing and a California reading of the same moment), the same day within one article, an
interval that contains the other's day, or the same year for readings known only to the year.
Readings that name no event (``other``), and statements by no one named, make no row; a departure
of someone removed that day joins the removal. The row's date is the day most
articles give (ties: the earliest, since a late or reposted stamp only ever pushes a deictic reading
later); every reading is listed in ``readings`` and disagreement is flagged, never silently resolved.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .events import type_labels

BEIJING = "Asia/Shanghai"
CALIFORNIA = "America/Los_Angeles"
CHRONOLOGY_COLUMNS = ["date_start", "date_end", "precision", "event_type", "label", "label_zh", "expression", "text",
                      "actors", "article_id", "n_articles", "n_sources", "readings", "dates_reported",
                      "sources_disagree", "dated_by", "clock", "california_day_differs", "after_publication", "rule"]
_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
#: A reading of this type joins a row of that type with the same people and dates: a man removed
#: by the board is told by some as leaving.
FOLDED_INTO = {"departure": "removal"}


def california_day_differs(date_start: pd.Timestamp, date_end: pd.Timestamp, precision: str) -> str:
    """Return whether the California calendar day differs from the Beijing one: 'yes', 'no' or 'possibly'.

    >>> california_day_differs(pd.Timestamp("2024-09-26 00:00"), pd.Timestamp("2024-09-26 04:59:59"), "day")
    'yes'
    """
    if precision != "day":
        return "no"
    first, last = (t.tz_localize(BEIJING).tz_convert(CALIFORNIA).normalize().tz_localize(None)
                   for t in (date_start, date_end))
    beijing_day = date_start.normalize()
    if first == last:
        return "no" if first == beijing_day else "yes"
    return "possibly"


def reading(event) -> str:
    """Return how one reading dates its event: '2023-11-17', '2024-05' or '2024-05 to 2024-06'."""
    text = f"{event.date_start:{_FORMATS[event.precision]}}"
    if event.precision == "month" and event.date_end.to_period("M") != event.date_start.to_period("M"):
        text += f" to {event.date_end:%Y-%m}"
    return text


def _dates_match(event, home: dict) -> bool:
    if "year" in (event.precision, home["precision"]):
        return event.precision == home["precision"] and event.date_start.year == home["date_start"].year
    if event.precision == home["precision"] == "day":
        if event.article_id in home["articles"]:  # within an article: the day it already gives
            return any(m.article_id == event.article_id and m.precision == "day"
                       and m.date_start.normalize() == event.date_start.normalize() for m in home["members"])
        return abs(event.date_start.normalize() - home["date_start"].normalize()) <= pd.Timedelta(days=1)
    return event.date_start <= home["date_end"] and home["date_start"] <= event.date_end


def _same_event(event, home: dict) -> bool:
    people = set(event.actors)
    if people and home["people"] and not people & home["people"]:
        return False
    return _dates_match(event, home)


def merge_events(events: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """Return one row per event (``CHRONOLOGY_COLUMNS``), merged across the articles' dated events;
    ``published`` maps article_id to its publication time (for ``after_publication``)."""
    homes: list[dict] = []
    by_type: dict[str, list[dict]] = {}
    order = events.assign(_rank=events.precision.map({"day": 0, "month": 1, "year": 2}),
                          _day=pd.to_datetime(events.date_start).dt.normalize(),
                          _removal_first=(events.event_type != "removal").astype(int))
    # a date with no event named, or a statement by no one named, is not a row
    order = order[(order.event_type != "other") & ~((order.event_type == "statement") & (order.actors.map(len) == 0))]
    columns = ["_rank", "_day", "_removal_first", "date_start", "article_id", "sentence_id"]
    by_day: dict[tuple[str, pd.Timestamp], list[dict]] = {}  # the rows read to the day, by type and day
    undated: dict[str, list[dict]] = {}  # the other rows, by type
    for event in order.sort_values(columns, kind="stable").itertuples():
        home = next((h for h in _candidates(event, event.event_type, by_type, by_day, undated) if _same_event(event, h)), None)
        if home is None and event.event_type in FOLDED_INTO:  # 奥特曼将离开公司, the day he was removed
            home = next((h for h in _candidates(event, FOLDED_INTO[event.event_type], by_type, by_day, undated)
                         if set(event.actors) & h["people"] and _same_event(event, h)), None)
        if home is None:
            home = {"event_type": event.event_type, "date_start": event.date_start, "date_end": event.date_end,
                    "precision": event.precision, "members": [], "articles": set(), "people": set(),
                    "order": len(homes)}
            homes.append(home)
            by_type.setdefault(event.event_type, []).append(home)
            if home["precision"] == "day":
                by_day.setdefault((event.event_type, event.date_start.normalize()), []).append(home)
            else:
                undated.setdefault(event.event_type, []).append(home)
        home["members"].append(event)
        home["articles"].add(event.article_id)
        home["people"] |= set(event.actors)
    publication = {a: t.tz_convert(BEIJING).tz_localize(None) for a, t in published.items() if not pd.isna(t)}
    labels = type_labels()
    rows = [_row(home, labels, publication) for home in homes]
    table = pd.DataFrame(rows, columns=CHRONOLOGY_COLUMNS)
    return table.sort_values(["date_start", "event_type", "article_id"], kind="stable").reset_index(drop=True)


def _candidates(event, event_type: str, by_type: dict, by_day: dict, undated: dict) -> list[dict]:
    """Return the rows of ``event_type`` that ``event`` could join, in the order they were made: all of
    them, except for a reading to the day, which can join a row read to the day only within a day of
    it (every reading to the day in such a row is within a day of the row's own day), so that the
    rows of other days need not be tried."""
    if event.precision != "day":
        return by_type.get(event_type, [])
    day = event.date_start.normalize()
    near = [h for offset in (-1, 0, 1) for h in by_day.get((event_type, day + pd.Timedelta(days=offset)), [])]
    return sorted(near + undated.get(event_type, []), key=lambda h: h["order"])


def _chosen(members: list) -> tuple[object, pd.Timestamp, pd.Timestamp]:
    """Return the reading that dates the row (the day most articles give; ties: own words before
    context, then the earliest) with the row's interval."""
    best = members[0].precision
    same = [m for m in members if m.precision == best]
    if best != "day":
        start = max(m.date_start for m in same)
        end = min(m.date_end for m in same)
        first = same[0]
        return (first, start, end) if start <= end else (first, first.date_start, first.date_end)
    days: dict[pd.Timestamp, list] = {}
    for m in same:
        days.setdefault(m.date_start.normalize(), []).append(m)

    def weight(day):
        readings = days[day]
        own = {m.article_id for m in readings if m.dated_by != "context"}
        return (-len(own), -len({m.article_id for m in readings}), day)

    day = min(days, key=weight)
    chosen = sorted(days[day], key=lambda m: (m.dated_by == "context", str(m.article_id), m.sentence_id))
    return chosen[0], min(m.date_start for m in days[day]), max(m.date_end for m in days[day])


def _row(home: dict, labels: dict, publication: dict) -> dict:
    members = home["members"]
    first, start, end = _chosen(members)
    articles = sorted(home["articles"], key=str)
    counts = Counter(a for m in members for a in set(m.actors))
    people = sorted(counts, key=lambda a: (-counts[a], a))
    readings = [f"{m.article_id}: {m.expression} = {reading(m)}" + (" (context)" if m.dated_by == "context" else "")
                for m in members]
    days = {m.date_start.normalize() for m in members if m.precision == "day"}
    label_en, label_zh = labels.get(home["event_type"], labels["other"])
    known = [publication[a] for a in articles if a in publication]
    return {
        "date_start": start, "date_end": end, "precision": first.precision, "event_type": home["event_type"],
        "label": label_en, "label_zh": label_zh, "expression": first.expression, "text": first.text,
        "actors": ", ".join(people), "article_id": ", ".join(map(str, articles)), "n_articles": len(articles),
        "n_sources": len(articles), "readings": "; ".join(readings), "dates_reported": "; ".join(readings),
        "sources_disagree": len(days) > 1, "dated_by": first.dated_by, "clock": first.clock,
        "california_day_differs": california_day_differs(start, end, first.precision) if first.clock != "local" else "no",
        "after_publication": bool(known) and start > min(known), "rule": first.rule,
    }
