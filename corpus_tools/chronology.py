"""Date the events the articles report: find time expressions, resolve them, merge events across articles.

Only the cleaned article text is read, so page chrome, recommendation lists and other stories'
timestamps never date anything. jionlp finds and parses the time expressions against the article's
publication time (Beijing); tested rules then correct what a news text means:

- ``dateline``: "11月18日消息" is the article's own dateline, not an event;
- ``duration``: 5到10分钟, 3 年, 近八年, 两天内, 全天, 现在 are durations or the present, not events;
- ``weekday in the past``: a bare weekday (周五) in a report means the latest such day on or before
  publication, not next week's;
- ``part of day``: 早上, 早些时候 after a date in the same sentence belong to that date;
- ``anchored``: 第二天/次日 (the day after), 当天/同日 (the same day), 随后/几个小时后/数小时后 (the same
  day) take the date of the event told just before in the article; without a dated event before them
  they are dropped, as is a weekday "after" an event (被解雇后的周日) whose anchor is not dated to the day.

Each kept expression starts an event that runs to the next expression in its sentence. Events are
typed by keyword (``data/event_types.csv``) and merged across articles when the type matches and
the dates agree within a day; disagreements are kept, not silently resolved.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from functools import lru_cache

import pandas as pd

from .entities import entity_kinds, find_all_mentions
from .paths import DATA_DIR

BEIJING = "Asia/Shanghai"
CALIFORNIA = "America/Los_Angeles"
#: Characters and words without which a sentence holds no time expression (checked before parsing).
TIME_WORD = re.compile(
    r"\d{4}|[0-9一二三四五六七八九十两]+\s*[年月日号]|[周星礼][期拜]?[一二三四五六日天末]|[昨今明前后去本上下]\s*[天日年月周个]"
    r"|凌晨|早上|早晨|上午|中午|下午|晚上|傍晚|早些|晚些|中旬|上旬|下旬|年初|年底|年末|月初|月底|第二天|次日|当天|同日|随后|小时后|现在")
_DATELINE = re.compile(r"^\s*(消息|电|讯)")
_DURATION = re.compile(
    r"^(?!\d{4}\s*年)(近|过去|最近|这|在过去)?\s*(大约|约)?\s*[0-9一二三四五六七八九十两几数半多]+\s*(个)?\s*(年|月|天|日|周|小时|分钟|秒)(多|来|间|内|里|的时间)?$"
    r"|内$|^(全天|半天|一时|现在|目前|此时|此前|当时|如今|过去的一年里|过去一年|近一年|最近一年|这两天|两天|一天)$")
_WEEKDAY = re.compile(r"^(周|星期|礼拜)[一二三四五六日天](早晨|早上|上午|中午|下午|晚上|晚|早|凌晨|早些时候|晚些时候)?$")
_PART_OF_DAY = re.compile(r"^(早晨|早上|上午|中午|下午|晚上|傍晚|凌晨|早些时候|晚些时候|当晚|当天早些时候)$")
_ANCHORED = {"第二天": 1, "次日": 1, "翌日": 1, "当天": 0, "同日": 0, "当日": 0, "随后": 0}
_HOURS_LATER = re.compile(r"(几|数|[0-9一二三四五六七八九十两]+)\s*个?\s*小时(后|过去后|之后)")
_REPORT = re.compile(r"^\s*的报道")
_RELATIVE_DAY = re.compile(r"^(昨|今|明|前天|后天)")
_FIRST_PERSON = re.compile(r"我(?!们的报道)")
_BARE_MONTH = re.compile(r"(?<![年\d月])(?<!今年)(?<!去年)(?<!明年)([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?![\d日号])")
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_URL = re.compile(r"(?:https?://|www\.)\S+")


@lru_cache(maxsize=1)
def _quiet_jionlp():
    """Return jionlp, imported once, without its banner (stdout) or its lexicon warnings (logging)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    return jionlp


def _parse_expressions(text: str, naive: pd.Timestamp) -> list[dict]:
    """Return jionlp's time entities in ``text`` (offset, type, parsed interval) for a base time
    given as a naive Timestamp on the Beijing clock."""
    jionlp = _quiet_jionlp()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return jionlp.ner.extract_time(text, time_base=naive.timestamp() - 8 * 3600 + _local_offset(naive),
                                           with_parsing=True)
    except Exception:  # noqa: BLE001 - jionlp fails on some odd strings; such a sentence dates nothing
        return []


def _local_offset(naive: pd.Timestamp) -> float:
    """jionlp reads the base as a POSIX time in the machine's zone; return the correction to Beijing."""
    import time as _time

    local = _time.localtime(naive.timestamp())
    return 8 * 3600 - local.tm_gmtoff


def _month_number(words: str) -> int | None:
    if words.isdigit():
        return int(words)
    if words == "十":
        return 10
    if words.startswith("十"):
        return 10 + _NUMERALS.get(words[1:], 0)
    if words.endswith("十"):
        return None
    return _NUMERALS.get(words) if len(words) == 1 else None


def _bare_months(text: str, published: pd.Timestamp, found: list[dict]) -> list[dict]:
    """Return the bare months (五月份, 6月) jionlp missed, as the latest such month up to publication."""
    taken = [tuple(f["offset"]) for f in found]
    extra = []
    for m in _BARE_MONTH.finditer(text):
        month = _month_number(m.group(1))
        if month is None or not 1 <= month <= 12 or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        year = published.year if month <= published.month else published.year - 1
        start = pd.Timestamp(year=year, month=month, day=1)
        end = start + pd.offsets.MonthEnd(0) + pd.Timedelta(hours=23, minutes=59, seconds=59)
        extra.append({"text": m.group(), "offset": [m.start(), m.end()], "type": "time_point",
                      "detail": {"time": [str(start), str(end)]}, "rule": "bare month, latest up to publication"})
    return extra


def _interval(detail: dict) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    times = detail.get("time")
    if not isinstance(times, list) or len(times) != 2 or not all(isinstance(t, str) for t in times):
        return None
    try:
        start, end = pd.Timestamp(times[0]), pd.Timestamp(times[1])
    except (ValueError, OverflowError):
        return None  # jionlp gives 'inf' for open-ended spans
    return (start, end) if start <= end else None


def precision_of(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Return 'day', 'month' or 'year' for an interval (up to one day, up to ~a month, longer)."""
    span = end - start
    if span < pd.Timedelta(days=1):
        return "day"
    if span <= pd.Timedelta(days=62):
        return "month"
    return "year"


EXPRESSION_COLUMNS = ["article_id", "sentence_id", "start", "end", "expression", "date_start", "date_end",
                      "precision", "rule"]


def resolve_expressions(sents: pd.DataFrame) -> pd.DataFrame:
    """Return one row per kept time expression: article_id, sentence_id, start, end, expression,
    date_start, date_end (naive, on the article's Beijing clock), precision, rule."""
    rows = []
    for article_id, group in sents.groupby("article_id", sort=False):
        rows += article_expressions(article_id, zip(group.sentence_id, group.text), group.published.iloc[0])
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)


def article_expressions(article_id: str, sentences, published: pd.Timestamp) -> list[dict]:
    """Return the kept time expressions of one article (rows as in ``resolve_expressions``), from
    its ``(sentence_id, text)`` pairs in order and its publication time."""
    rows: list[dict] = []
    if pd.isna(published):
        return rows
    published = published.tz_convert(BEIJING).tz_localize(None)
    previous: dict | None = None  # the last dated event in this article
    for sentence_id, text in sentences:
        if not TIME_WORD.search(text):
            continue  # parsing is the costly step: only where a time word can be
        in_sentence = _sentence_expressions(article_id, sentence_id, text, published, previous)
        rows += in_sentence
        if in_sentence:
            previous = in_sentence[-1]
    return rows


def _sentence_expressions(article_id: str, sentence_id: int, text: str, published: pd.Timestamp,
                          previous: dict | None) -> list[dict]:
    """Return the kept time expressions of one sentence, resolved against ``published`` (naive
    Beijing) and, for the anchored ones, against ``previous``, the article's last dated event."""
    urls = [m.span() for m in _URL.finditer(text)]
    in_sentence: list[dict] = []
    parsed = _parse_expressions(text, published)
    parsed = sorted(parsed + _bare_months(text, published, parsed), key=lambda f: f["offset"][0])
    for found in parsed:
        start, end = found["offset"]
        words = text[start:end].strip(" ,，")
        row = {"article_id": article_id, "sentence_id": sentence_id, "start": start, "end": end,
               "expression": words}
        interval = _interval(found.get("detail", {}))
        if any(s <= start < e for s, e in urls) or found["type"] not in ("time_point", "time_span"):
            continue
        if _DATELINE.match(text[end:]) or _DURATION.search(words) or _REPORT.match(text[end:]):
            continue
        if _RELATIVE_DAY.match(words) and _FIRST_PERSON.search(text):
            continue  # "昨天是我…的最后一天": a quoted speaker's own clock, not the article's
        if words in _ANCHORED or _HOURS_LATER.search(words):
            anchor = in_sentence[-1] if in_sentence else previous
            if anchor is None or anchor["precision"] == "year" or \
                    (not in_sentence and sentence_id - anchor["sentence_id"] > 1):
                continue
            shift = pd.Timedelta(days=_ANCHORED.get(words, 0))
            row.update(date_start=anchor["date_start"] + shift, date_end=anchor["date_end"] + shift,
                       precision=anchor["precision"], rule=f"anchored: {words} after {anchor['expression']}")
        elif _PART_OF_DAY.match(words) and in_sentence:
            anchor = in_sentence[-1]
            row.update(date_start=anchor["date_start"], date_end=anchor["date_end"],
                       precision=anchor["precision"], rule=f"part of day of {anchor['expression']}")
        elif interval is None:
            continue
        elif _WEEKDAY.match(words):
            if re.search(r"后的\s*$", text[max(0, start - 4):start]):
                anchor = in_sentence[-1] if in_sentence else previous
                if anchor is None or anchor["precision"] != "day":
                    continue
            date_start, date_end = interval
            rule = "jionlp"
            while date_start.normalize() > published.normalize():
                date_start, date_end = date_start - pd.Timedelta(days=7), date_end - pd.Timedelta(days=7)
                rule = "weekday in the past"
            row.update(date_start=date_start, date_end=date_end, precision="day", rule=rule)
        else:
            row.update(date_start=interval[0], date_end=interval[1], precision=precision_of(*interval),
                       rule=found.get("rule", "jionlp"))
        in_sentence.append(row)
    return in_sentence


@lru_cache(maxsize=1)
def event_types() -> pd.DataFrame:
    """Return the event types with their keywords (``data/event_types.csv``), in priority order."""
    return pd.read_csv(DATA_DIR / "event_types.csv")


@lru_cache(maxsize=1)
def _type_patterns() -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    """Return the specific and the generic event types with their compiled keywords, in priority order."""
    table = event_types()
    typed = [(t, re.compile(k)) for t, k in zip(table.event_type, table.keywords)]
    return [p for p in typed if p[0] not in _GENERIC_TYPES], [p for p in typed if p[0] in _GENERIC_TYPES]


@lru_cache(maxsize=1)
def _type_labels() -> dict[str, tuple[str, str]]:
    """Return each event type's English and Chinese label."""
    table = event_types()
    return {t: (en, zh) for t, en, zh in zip(table.event_type, table.label_en, table.label_zh)}


def event_type(text: str) -> str:
    """Return the type of the event a clause tells: the type whose keyword comes first, else 'other'.

    >>> event_type("周一早晨,Sam Altman 以访客的身份回到了 OpenAI 旧金山总部进行谈判。")
    'negotiation'
    """
    specific, generic = _type_patterns()
    best, position = "other", len(text) + 1
    for kind, pattern in specific:
        found = pattern.search(text)
        if found and found.start() < position:
            best, position = kind, found.start()
    if best == "other":
        for kind, pattern in generic:
            if pattern.search(text):
                return kind
    return best


_GENERIC_TYPES = ("statement",)


def _actors(text: str) -> list[str]:
    kinds = entity_kinds()
    return sorted({e for _, _, _, e in find_all_mentions(text) if kinds[e] == "person"})


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


EVENT_COLUMNS = ["article_id", "sentence_id", "event_type", "date_start", "date_end", "precision", "expression",
                 "rule", "actors", "text"]


def dated_events(sents: pd.DataFrame, expressions: pd.DataFrame) -> pd.DataFrame:
    """Return one row per dated event of one article: the clause from its time expression to the
    next one in the sentence, its type, its actors and its evidence sentence."""
    texts = dict(zip(zip(sents.article_id, sents.sentence_id), sents.text))
    rows = article_events(texts, expressions.to_dict("records"))
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def article_events(texts: dict, expressions: list[dict]) -> list[dict]:
    """Return the dated events (rows as in ``dated_events``) for time expressions in sentence order;
    ``texts`` maps ``(article_id, sentence_id)`` to the sentence."""
    rows = []
    by_sentence: dict[tuple, list[dict]] = {}
    for expression in expressions:
        by_sentence.setdefault((expression["article_id"], expression["sentence_id"]), []).append(expression)
    for (article_id, sentence_id), group in by_sentence.items():
        text = texts[(article_id, sentence_id)]
        starts = [row["start"] for row in group] + [len(text)]
        kind = "other"
        for i, row in enumerate(group):
            clause = text[row["start"]:starts[i + 1]]
            clause_type = event_type(clause)
            kind = clause_type if clause_type != "other" else kind if i else event_type(text)
            rows.append({
                "article_id": article_id, "sentence_id": sentence_id, "event_type": kind,
                "date_start": row["date_start"], "date_end": row["date_end"], "precision": row["precision"],
                "expression": row["expression"], "rule": row["rule"], "actors": _actors(clause) or _actors(text),
                "text": text,
            })
    return rows


def _reading(event) -> str:
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    text = f"{event.date_start:{formats[event.precision]}}"
    if event.precision == "month" and event.date_end.to_period("M") != event.date_start.to_period("M"):
        text += f" to {event.date_end:%Y-%m}"
    return text


def _same_event(a, b: dict) -> bool:
    """The same type, from another article, on days at most one apart or in overlapping intervals;
    within one article only the same interval counts."""
    if a.event_type != b["event_type"] or a.event_type == "other":
        return False
    if a.article_id in b["articles"]:
        return a.date_start.normalize() == b["date_start"].normalize() and a.precision == b["precision"]
    if "year" in (a.precision, b["precision"]):
        return a.precision == b["precision"] and a.date_start.year == b["date_start"].year
    day_apart = abs(a.date_start.normalize() - b["date_start"].normalize()) <= pd.Timedelta(days=1)
    overlap = a.date_start <= b["date_end"] and b["date_start"] <= a.date_end
    return (a.precision == b["precision"] == "day" and day_apart) or (a.precision != b["precision"] and overlap)


def merge_events(events: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """Return one row per event: the same type told with dates within a day (or the same month) by
    several articles is one row listing them all; differing dates are kept in ``dates_reported``."""
    merged: list[dict] = []
    by_type: dict[str, list[dict]] = {}  # an event can only join a home of its own type
    for event in events.sort_values(["date_start", "article_id", "sentence_id"], kind="stable").itertuples():
        home = next((m for m in by_type.get(event.event_type, []) if _same_event(event, m)), None)
        if home is None:
            home = {"event_type": event.event_type, "date_start": event.date_start, "date_end": event.date_end,
                    "precision": event.precision, "members": [], "articles": set(), "days": 0}
            merged.append(home)
            by_type.setdefault(event.event_type, []).append(home)
        home["members"].append(event)
        home["articles"].add(event.article_id)
        if event.precision == "day":  # the most precise readings set the interval; the others are listed in dates_reported
            first_day = not home["days"]
            home["days"] += 1
            home.update(precision="day",
                        date_start=event.date_start if first_day else min(home["date_start"], event.date_start),
                        date_end=event.date_end if first_day else max(home["date_end"], event.date_end))
    publication = {a: t.tz_convert(BEIJING).tz_localize(None) for a, t in published.items()}
    labels = _type_labels()
    rows = []
    for home in merged:
        members, first = home["members"], home["members"][0]
        articles = sorted(home["articles"])
        readings = [f"{m.article_id}: {m.expression} = {_reading(m)}" for m in members]
        days = {m.date_start.normalize() for m in members if m.precision == home["precision"]}
        rows.append({
            "date_start": home["date_start"], "date_end": home["date_end"], "precision": home["precision"],
            "event_type": home["event_type"],
            "label": labels.get(home["event_type"], ("other", "其他"))[0],
            "label_zh": labels.get(home["event_type"], ("other", "其他"))[1],
            "expression": first.expression, "text": first.text,
            "actors": ", ".join(sorted({a for m in members for a in m.actors})),
            "article_id": ", ".join(articles), "n_sources": len(articles),
            "dates_reported": "; ".join(readings),
            "sources_disagree": len(days) > 1,
            "clock": "Beijing (the article's publication clock)",
            "california_day_differs": california_day_differs(home["date_start"], home["date_end"], home["precision"]),
            "after_publication": home["date_start"] > min(publication[a] for a in articles),
            "rule": first.rule,
        })
    table = pd.DataFrame(rows, columns=CHRONOLOGY_COLUMNS)
    return table.sort_values(["date_start", "event_type"], kind="stable").reset_index(drop=True)


CHRONOLOGY_COLUMNS = ["date_start", "date_end", "precision", "event_type", "label", "label_zh", "expression", "text",
                      "actors", "article_id", "n_sources", "dates_reported", "sources_disagree", "clock",
                      "california_day_differs", "after_publication", "rule"]


def chronology(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per dated event the articles report, merged across articles.

    Columns: date_start, date_end (naive Timestamps on the Beijing clock), precision ('day', 'month',
    'year'), event_type, label and label_zh (the type's name), expression (the words that dated it), text (the evidence sentence),
    actors (entity ids), article_id (comma-separated ids), n_sources, dates_reported (each article's
    reading), sources_disagree, clock, california_day_differs ('yes', 'no', 'possibly'),
    after_publication (a forecast or an error), rule (how the date was resolved).

    Computed with the rest of the analysis by ``analyse_corpus`` (and cached with it).
    """
    from .pipeline import analyse_corpus

    return analyse_corpus(corpus).chronology
