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

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import pandas as pd

from .events import triggers_in, type_labels
from .expressions import fold

BEIJING = "Asia/Shanghai"
CALIFORNIA = "America/Los_Angeles"
_ZONES = {BEIJING: ZoneInfo(BEIJING), CALIFORNIA: ZoneInfo(CALIFORNIA)}
CHRONOLOGY_COLUMNS = ["date_start", "date_end", "precision", "event_type", "label", "label_zh", "expression", "text",
                      "actors", "article_id", "n_articles", "n_sources", "readings", "dates_reported",
                      "sources_disagree", "dated_by", "clock", "california_day_differs", "after_publication", "rule",
                      "type_label", "year_disagreement", "date_inferred", "background"]
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
    first, last = (_california_day(t) for t in (date_start, date_end))
    if first == last:
        return "no" if first == date_start.date() else "yes"
    return "possibly"


def _california_day(beijing: pd.Timestamp) -> date:
    """Return the California calendar day of a time on the Beijing clock (by the standard library's
    zones, which pandas would use too: tz_localize and tz_convert cost ten times as much)."""
    moment = datetime(beijing.year, beijing.month, beijing.day, beijing.hour, beijing.minute, beijing.second,
                      tzinfo=_ZONES[BEIJING])  # the offsets are whole hours: the seconds' fraction moves no day
    return moment.astimezone(_ZONES[CALIFORNIA]).date()


def reading(event) -> str:
    """Return how one reading dates its event: '2023-11-17', '2024-05' or '2024-05 to 2024-06'."""
    text = f"{event.date_start:{_FORMATS[event.precision]}}"
    if event.precision == "month" and event.date_end.to_period("M") != event.date_start.to_period("M"):
        text += f" to {event.date_end:%Y-%m}"
    return text


def _dates_match(event, home: dict) -> bool:
    if "year" in (event.precision, home["precision"]):
        return event.precision == home["precision"] and event.year_number == home["year_number"]
    if event.precision == home["precision"] == "day":
        if event.article_id in home["articles"] and event.dated_by != "context":  # within an article: its day
            return (event.article_id, event.day_number) in home["article_days"]
        return abs(event.day_number - home["day_number"]) <= 1
    return event.start_number <= home["end_number"] and home["start_number"] <= event.end_number


def _same_event(event, home: dict) -> bool:
    people = event.people
    if people and home["people"] and not people & home["people"]:
        return False
    if bool(people) != bool(home["people"]) and event.precision == home["precision"] == "day" \
            and event.day_number != home["day_number"]:
        return False  # a reading naming no one is the same event as one naming someone only on the same day
    return _dates_match(event, home)


def merge_events(events: pd.DataFrame, published: pd.Series, stories: pd.Series | None = None) -> pd.DataFrame:
    """Return one row per event (``CHRONOLOGY_COLUMNS``), merged across the articles' dated events;
    ``published`` maps article_id to its publication time (for ``after_publication``), ``stories`` (if
    given) article_id to its story_id: syndicated copies of one story are one source when ``consolidate``
    asks whether a row is told by one source or corroborated."""
    order = events.assign(_rank=events.precision.map({"day": 0, "month": 1, "year": 2}),
                          _day=pd.to_datetime(events.date_start).dt.normalize(),
                          _removal_first=(events.event_type != "removal").astype(int),
                          _context=(events.dated_by == "context").astype(int))
    # a date with no event named, or a statement by no one named, is not a row
    order = order[(order.event_type != "other") & ~((order.event_type == "statement") & (order.actors.map(len) == 0))]
    # a reading by its own words seeds a row before one borrowed from its paragraph (context) can
    columns = ["_rank", "_context", "_day", "_removal_first", "date_start", "article_id", "sentence_id"]
    order = _with_numbers(order.sort_values(columns, kind="stable"))
    # str columns as Python objects at once: itertuples would read their Arrow arrays value by value
    order = order.astype({c: object for c in order.columns if pd.api.types.is_string_dtype(order[c].dtype)})
    rows = _Rows()
    for event in order.itertuples():
        home = next((h for h in _candidates(event, event.event_type, rows) if _same_event(event, h)), None)
        if home is None and event.event_type in FOLDED_INTO:  # 奥特曼将离开公司, the day he was removed
            home = next((h for h in _candidates(event, FOLDED_INTO[event.event_type], rows)
                         if event.people & h["people"] and _same_event(event, h)), None)
        if home is None:
            home = rows.add({"event_type": event.event_type, "date_start": event.date_start, "date_end": event.date_end,
                             "precision": event.precision, "members": [], "articles": set(), "people": set(),
                             "day_number": event.day_number, "year_number": event.year_number,
                             "start_number": event.start_number, "end_number": event.end_number,
                             "end_day_number": event.end_day_number, "article_days": set()})
        home["members"].append(event)
        home["articles"].add(event.article_id)
        home["people"] |= event.people
        if event.precision == "day":
            home["article_days"].add((event.article_id, event.day_number))
    publication = {a: t.tz_convert(BEIJING).tz_localize(None) for a, t in published.items() if not pd.isna(t)}
    labels = type_labels()
    # before the corpus's first publication: background (a founding, earlier careers), kept and typed as such
    first = min(publication.values()).normalize() - pd.Timedelta(days=BACKGROUND_DAYS) if publication else None
    homes = _fold_year_echoes(rows.made)
    homes, removed = consolidate(homes, first, None if stories is None else dict(stories.items()), publication)
    table = pd.DataFrame([_row(home, labels, publication) for home in homes], columns=CHRONOLOGY_COLUMNS)
    table = table.sort_values(["date_start", "event_type", "article_id"], kind="stable").reset_index(drop=True)
    table["background"] = (table.date_end < first) if first is not None else False
    table["background"] = table.background.map({True: "yes", False: "no"})
    # after the corpus's last publication nothing can have been reported: a forecast or a misread date
    last = max(publication.values()).normalize() + pd.Timedelta(days=2) if publication else None
    late = table.date_start >= last if last is not None else pd.Series(False, index=table.index)
    kept = table[~late].reset_index(drop=True)
    # listed, not silently lost (as strings: attrs are compared when tables are concatenated)
    kept.attrs["after_last_publication"] = [f"{r.date_start:%Y-%m-%d} {r.event_type} ({r.article_id}): {r.expression}"
                                            for r in table[late].itertuples()]
    kept.attrs["rows_folded"] = [f"{rule}: {count}" for rule, count in removed["counts"].items()]
    kept.attrs["demoted"] = [_demoted_line(home, labels, publication) for home in removed["demoted"]]
    return kept


def _demoted_line(home: dict, labels: dict, publication: dict) -> str:
    row = _row(home, labels, publication)
    return f"{row['date_start']:{_FORMATS[row['precision']]}} {row['event_type']} ({row['article_id']}): {row['expression']}"


#: Days before the corpus's first publication after which an event is the story's, not its background.
BACKGROUND_DAYS = 30

_NS_PER_DAY = 86_400_000_000_000

#: Days by which two readings a year apart may still differ and be one event told with its year wrong.
YEAR_ECHO_DAYS = 1


def _year_apart_windows(small: dict) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the windows ``small``'s dates reach when moved a year either way (within ``YEAR_ECHO_DAYS``)."""
    slack = pd.Timedelta(days=YEAR_ECHO_DAYS)
    start, end = pd.Timestamp(small["date_start"]).normalize(), pd.Timestamp(small["date_end"])
    return [(start + pd.DateOffset(years=years) - slack, end + pd.DateOffset(years=years) + slack) for years in (-1, 1)]


def _fold_year_echoes(homes: list[dict]) -> list[dict]:
    """Return the rows with each row that repeats another a year before or after it (same type, a
    shared person, the same month-day within ``YEAR_ECHO_DAYS``: one article's year misread) folded into
    the row most articles tell in a year of their own (a year chosen for an undated article's month-day
    counts after them: two undated articles do not outvote three dated ones); the folded readings are
    listed as its ``year_echoes``."""
    def support(home: dict) -> tuple[int, int]:
        own_year = {m.article_id for m in home["members"] if not getattr(m, "year_open", False)}
        return len(own_year), len(home["articles"])

    by_size = sorted(homes, key=lambda h: (*(-n for n in support(h)), h["order"]))
    folded: set[int] = set()
    for home in by_size:
        home.setdefault("year_echoes", [])
    # the rows that can take an echo, by (type, person), sorted by day: each row is compared only with
    # the rows that share its type and a person and stand a year from it, not with every row (a corpus
    # of 25,000 articles holds some ten thousand rows)
    day_of = lambda h: pd.Timestamp(h["date_start"]).normalize().value // _NS_PER_DAY  # noqa: E731
    takers: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for rank, big in enumerate(by_size):
        if big["precision"] == "day":
            for person in big["people"]:
                takers[(big["event_type"], person)].append((day_of(big), rank))
    for entries in takers.values():
        entries.sort()
    for small in reversed(by_size):
        if small["precision"] == "year" or not small["people"] or small["order"] in folded:
            continue
        types = {small["event_type"], FOLDED_INTO.get(small["event_type"])} - {None}
        ranks = set()
        for low, high in _year_apart_windows(small):
            first, last = low.value // _NS_PER_DAY, high.value // _NS_PER_DAY  # low is a midnight
            for kind in types:
                for person in small["people"]:
                    entries = takers.get((kind, person), [])
                    ranks.update(rank for _, rank in entries[bisect_left(entries, (first, -1)):bisect_right(entries, (last, len(by_size)))])
        for rank in sorted(ranks):
            big = by_size[rank]
            if big is small or big["order"] in folded or support(big) < support(small):
                continue
            big["year_echoes"] += small["members"]
            big["articles"] |= small["articles"]
            folded.add(small["order"])
            break
    return [h for h in homes if h["order"] not in folded]


#: Types told of many people or of parties no one sentence names (员工联名信, 达成协议): news even when
#: a row names no one.
COLLECTIVE = ("letter", "agreement")
#: Types told of people (who leaves, who is hired, who speaks at a meeting): a row of one of them that
#: names no one says only that something of the kind happened (离职, 谈判, 调查). A product launched, a
#: company funded or founded, a market's reaction are told of organisations and products, which the
#: actor finder does not always name.
TOLD_OF_PEOPLE = ("departure", "removal", "hire", "appointment", "return", "apology", "talks", "complaint",
                  "investigation", "meeting", "appearance", "statement")
#: Fewest sources (stories) an event must rest on to take a statement its speaker made on it.
SPOKEN_ON = 2
#: Fewest sources (stories) a row must rest on for a lone reading of the same event on another date to be folded into it.
CORROBORATED = 3
#: How a reading is dated when its sentence carries no date words of its own (its paragraph's date,
#: the article's bounds): a lone reading so dated may be a retelling of an earlier event. (An anaphora,
#: 第二天, is the sentence's own words, read from the event before it.)
_BORROWED = ("context", "bounds")
#: Words that date by the article's own date without saying which day or week (刚刚, 近日, 周五): as good
#: as borrowed when only one article tells them.
_VAGUE = re.compile(r"^(?:刚刚|刚才|近日|日前|最近|近期|此前|早前|先前|当时|不久前|稍早|"
                    r"(?:从|自|在|上|本|这|这个|上个)?(?:周|星期|礼拜)[一二三四五六日天末]?(?:早上|上午|下午|晚上|晚间|早|晚)?)$")
#: Days within which one deictic expression (上周五) of one type and people read against two
#: articles' dates is one event: a month, the longest reach of such words.
SAME_WORDS_DAYS = 31


def _borrowed(member) -> bool:
    """Whether a reading's date is not told by its own words: borrowed (``_BORROWED``) or vague (``_VAGUE``)."""
    return member.dated_by in _BORROWED or bool(_VAGUE.match(fold(member.expression or "").strip()))


#: Relative words that point ahead of their anchor: a day they give after the article is a date to come.
_FORWARD = re.compile(r"明|下|来|后|届时|未来")


def _own_calendar_words(member) -> bool:
    """Whether a reading is dated by calendar words of its own (11月17日, 2023年11月, 周五 is not)."""
    return member.dated_by not in _BORROWED and bool(re.search(r"\d|[一二三四五六七八九十]+\s*[月日号]", member.expression or ""))


def consolidate(homes: list[dict], first: pd.Timestamp | None, stories: dict | None = None,
                publication: dict | None = None) -> tuple[list[dict], dict]:
    """Return the rows left once the same event told in several rows is one row, and what was removed.
    A row's sources are its articles' stories (``stories``: article_id to story_id; syndicated copies
    are one source), or its articles when no stories are given; ``publication`` maps article_id to its
    publication time (naive, Beijing), where known.

    In order, each rule counted in ``removed['counts']`` by the rows it removes:

    1. *a day apart*: two rows read to the day, of one type, whose people are the same or overlap and
       whose days are at most a day apart (a Beijing and a California reading) are one row, unless each
       article of the smaller tells both days by its own words; the row with more articles takes the other's readings;
    2. *one expression, two article dates*: two rows of one type, the people of one among the other's, at most
       ``SAME_WORDS_DAYS`` apart, that share a deictic expression (上周五 read against two articles' dates) are one row;
    3. *a coarser reading*: a row read to the month or the year, of one type with a row read to a day
       within it, whose people that row names, is that row's event told vaguely (去年…罢免奥特曼);
    4. *lone reading folded*: a row that rests on one source, dated only by words borrowed from
       around its sentence or by vague words (``_borrowed``) to a day after the day of a row of
       ``CORROBORATED`` or more sources that tells its type and people (all of them; none, when it names
       no one; of a ``COLLECTIVE`` type, any people when that row names no one: 员工联名信) (or into the background, when
       that row is the story's), is a retelling: folded into that row (its reading kept, marked as told
       on another date);
    5. *background grouped*: rows before ``first`` (the corpus's first publication less
       ``BACKGROUND_DAYS``) of one type, in one year, whose people overlap (or one names no one) are one row;
    6. *a speaker's statement on their own event*: in a corpus of ``CORROBORATED`` or more sources (a
       *crowd*), a statement whose speakers are all among the people of an event of another type told for
       the same time (days at most one apart; or, read to the month or the year, within that event's
       interval) by ``SPOKEN_ON`` or more sources, and by no fewer than tell the statement, is how they
       told that event (奥特曼表态 the day he returns): folded into the event with most sources (its
       readings kept, marked as a statement). In one or two stories, both are their news;
    7. *a lone sentence retelling a corroborated event*: a row that rests on one source, names people,
       and is dated by its paragraph or the sentence before it (``context``, ``anaphora``), whose
       sentence holds the words (a trigger) of an event of another type that ``CORROBORATED`` or more
       sources tell on its day (or a day apart) of all its people, tells that event with another event
       word ranked first (当晚,苏茨克维告诉他被解雇了 typed as a meeting; 辞去职务抗议董事会 as a complaint):
       folded into it (its readings kept, marked ``told as`` its type);
    8. *nothing datable*: a row that names no one (but of a ``COLLECTIVE`` type: a staff letter or an
       agreement is news with no one named) and rests on one source whose date is inferred (an
       undated article's year, chosen across the corpus) or known only to the year, is demoted: left
       out of the table and listed in ``removed['demoted']`` (the table's ``attrs['demoted']``);
    9. *read after its source*: a row that rests on one source, every reading of it dated by relative
       words that do not point ahead (``_FORWARD``: 明年, 下周, 三天后) to a day after its article was
       published, reads those words against the wrong anchor (第六天, 第二天 counted from a later date):
       demoted and listed likewise (a date to come, 将于10月1日 or 明年1月5日, is kept: the table flags it
       ``after_publication``).

    In a crowd, four more kinds of row that one source alone tells are demoted and listed likewise,
    since they say nothing a reader could cite (in one or two stories every row rests on one source,
    and each is that story's news):

    10. *no one named*: a row of a type told of people (``TOLD_OF_PEOPLE``: 离职, 谈判, 调查) that names
        no one says only that something of the kind happened;
    11. *a statement dated by its paragraph*: someone's words whose date is the date of another
        event told around them (their words may have been said at any time);
    12. *the month of its paragraph*: a row read only to the month or the year, by a sentence without
        date words of its own in a paragraph so dated (a summary, not a dated report);
    13. *background known only to the year*: a row before the story (``first``) that one source dates
        only to a year; background that two sources tell, or one to the month, is kept.
    """
    counts: dict[str, int] = {}

    def sources(home: dict) -> int:
        if not stories:
            return len(home["articles"])
        known = home.get("_sources")  # (articles counted, sources): articles only ever grow
        if known is None or known[0] != len(home["articles"]):
            known = home["_sources"] = (len(home["articles"]), len({stories.get(a, a) for a in home["articles"]}))
        return known[1]

    # a row one source tells is left uncorroborated only where other sources could have told it: in a
    # corpus of one or two stories every row rests on one, and each is that story's news
    everyone = {a for h in homes for a in h["articles"]} | set(stories or ())
    crowd = len({(stories or {}).get(a, a) for a in everyone}) >= CORROBORATED

    def absorb(big: dict, small: dict, folded: bool = False) -> None:
        key = "folded" if folded else "members"
        big.setdefault("folded", [])
        big[key] += small["members"] + (small.get("folded", []) if not folded else [])
        if folded:
            big["folded"] += small.get("folded", [])
        big["year_echoes"] = big.get("year_echoes", []) + small.get("year_echoes", [])
        big["articles"] |= small["articles"]
        big["people"] |= small["people"]

    def fold_pairs(rule: str, rows: list[dict], joins, folded: bool = False, takes=None, reach: int | None = None) -> list[dict]:
        """Fold each row into the first larger row (in order of size) that ``joins`` it. Every rule joins
        rows of one type only, so a row is compared with the rows of its type alone; ``takes(small)``
        is false for a row no other row can join (it is not compared at all), and ``reach`` is the most
        days apart (``_day``) two rows the rule joins can be, so that only those are compared."""
        by_size = sorted(rows, key=lambda h: (-len(h["articles"]), h["order"]))
        rank = {id(home): number for number, home in enumerate(by_size)}
        of_type: dict[str, list[dict]] = defaultdict(list)
        on_day: dict[tuple[str, int], list[dict]] = defaultdict(list)  # with ``reach``: rows by type and day
        for home in by_size:
            of_type[home["event_type"]].append(home)
            if reach is not None:
                on_day[(home["event_type"], _day(home))].append(home)

        def near(small: dict) -> list[dict]:
            if reach is None:
                return of_type[small["event_type"]]
            day = _day(small)
            found = [h for d in range(day - reach, day + reach + 1) for h in on_day.get((small["event_type"], d), ())]
            return sorted(found, key=lambda h: rank[id(h)])

        gone: set[int] = set()
        for small in reversed(by_size):
            if small["order"] in gone or (takes is not None and not takes(small)):
                continue
            big = next((b for b in near(small) if b is not small and b["order"] not in gone
                        and (len(b["articles"]), -b["order"]) > (len(small["articles"]), -small["order"])
                        and joins(b, small)), None)
            if big is not None:
                before = _day(big) if reach is not None else None
                absorb(big, small, folded)
                gone.add(small["order"])
                if reach is not None:
                    on_day[(small["event_type"], _day(small))].remove(small)
                    if _day(big) != before:  # the row's readings moved its day: index it there
                        on_day[(big["event_type"], before)].remove(big)
                        on_day[(big["event_type"], _day(big))].append(big)
        counts[rule] = len(gone)
        return [h for h in rows if h["order"] not in gone]

    def people_meet(a: dict, b: dict) -> bool:  # rows naming no one are not known to tell one event
        return bool(a["people"] & b["people"])

    def told_apart(big: dict, small: dict) -> bool:  # within an article, two days by its own words are two events
        def own_days(home):
            days = {}
            for m in home["members"]:
                if m.precision == "day" and m.dated_by != "context":
                    days.setdefault(m.article_id, set()).add(m.date_start.normalize())
            return days
        theirs, ours = own_days(big), own_days(small)
        return all(a in theirs and ours.get(a, set()) - theirs[a] for a in small["articles"])

    def day_apart(big: dict, small: dict) -> bool:
        return big["event_type"] == small["event_type"] and big["precision"] == small["precision"] == "day" \
            and abs(_day(big) - _day(small)) <= 1 and people_meet(big, small) \
            and not told_apart(big, small)

    def same_expression(big: dict, small: dict) -> bool:
        if big["event_type"] != small["event_type"] or not small["people"] or not small["people"] <= big["people"] \
                or "year" in (big["precision"], small["precision"]) or abs(_day(big) - _day(small)) > SAME_WORDS_DAYS:
            return False
        said = {fold(m.expression) for m in big["members"] if m.dated_by == "article date" and m.expression}
        return any(m.dated_by == "article date" and fold(m.expression or "") in said for m in small["members"])

    def lone_reading(big: dict, small: dict) -> bool:
        # a retelling comes after the event it retells, or is read into the background by a paragraph's date
        return sources(small) == 1 and sources(big) >= CORROBORATED \
            and big["event_type"] == small["event_type"] \
            and (small["people"] <= big["people"] or (big["event_type"] in COLLECTIVE and not big["people"])) \
            and all(_borrowed(m) for m in small["members"]) \
            and (_day(small) > _day(big) + 1 or (background(small) and not background(big)))

    def coarser(big: dict, small: dict) -> bool:
        return big["precision"] == "day" and small["precision"] != "day" and big["event_type"] == small["event_type"] \
            and small["people"] and small["people"] <= big["people"] \
            and pd.Timestamp(small["date_start"]) <= _chosen(big["members"])[1] <= pd.Timestamp(small["date_end"])

    def background(home: dict) -> bool:
        return first is not None and pd.Timestamp(home["date_end"]) < first

    def same_background(big: dict, small: dict) -> bool:
        return background(big) and background(small) and big["event_type"] == small["event_type"] \
            and pd.Timestamp(big["date_start"]).year == pd.Timestamp(small["date_start"]).year \
            and (not big["people"] or not small["people"] or bool(big["people"] & small["people"]))

    homes = fold_pairs("same event a day apart", homes, day_apart, takes=lambda h: h["precision"] == "day", reach=1)
    homes = fold_pairs("one expression read against two article dates", homes, same_expression,
                       takes=lambda h: bool(h["people"]) and h["precision"] != "year", reach=SAME_WORDS_DAYS)
    homes = fold_pairs("a month or year reading of a day row's event", homes, coarser,
                       takes=lambda h: h["precision"] != "day" and bool(h["people"]))
    homes = fold_pairs("lone reading folded into a corroborated row", homes, lone_reading, folded=True,
                       takes=lambda h: sources(h) == 1 and all(_borrowed(m) for m in h["members"]))
    homes = fold_pairs("background of one type and year grouped", homes, same_background, takes=background)

    def same_time(event: dict, statement: dict) -> bool:
        if event["precision"] == statement["precision"] == "day":
            return abs(_day(event) - _day(statement)) <= 1
        return event["precision"] == statement["precision"] \
            and pd.Timestamp(event["date_start"]) <= pd.Timestamp(statement["date_start"]) \
            and pd.Timestamp(statement["date_end"]) <= pd.Timestamp(event["date_end"])

    def their_own_event(event: dict, statement: dict) -> bool:
        return crowd and statement["event_type"] == "statement" and event["event_type"] != "statement" \
            and sources(event) >= SPOKEN_ON and sources(statement) <= sources(event) \
            and bool(statement["people"]) and statement["people"] <= event["people"] and same_time(event, statement)

    gone: set[int] = set()
    # only an event told by two sources or more can take a statement (and only those taking one grow
    # here), so a statement is compared with those that name one of its people, not with every row
    naming: dict[str, list[dict]] = defaultdict(list)
    for home in homes:
        if home["event_type"] != "statement" and sources(home) >= SPOKEN_ON:
            for person in home["people"]:
                naming[person].append(home)
    for statement in [h for h in homes if h["event_type"] == "statement"]:
        speaker = min(statement["people"], default=None)
        events = [h for h in naming.get(speaker, ()) if h["order"] not in gone and their_own_event(h, statement)]
        if events:
            event = min(events, key=lambda h: (-sources(h), -len(h["articles"]), h["order"]))
            event.setdefault("statements", [])
            event["statements"] += statement["members"] + statement.get("folded", [])
            event["articles"] |= statement["articles"]
            gone.add(statement["order"])
    counts["a speaker's statement folded into their own event"] = len(gone)
    homes = [h for h in homes if h["order"] not in gone]

    def retells(event: dict, lone: dict) -> bool:
        """Whether ``lone`` (one source, dated by its paragraph or the sentence before it) is a sentence
        that tells ``event`` (corroborated, of another type, naming all its people, on its day) with
        another event word ranked first: the event's own words are in it."""
        return event["event_type"] != lone["event_type"] and sources(event) >= CORROBORATED \
            and event["precision"] == "day" and abs(_day(event) - _day(lone)) <= 1 and lone["people"] <= event["people"] \
            and any(event["event_type"] in {t[2] for t in triggers_in(m.text)} for m in lone["members"])

    gone = set()
    corroborated = defaultdict(list)  # the corroborated rows read to the day, by person and day
    for home in homes:
        if home["precision"] == "day" and sources(home) >= CORROBORATED:
            for person in home["people"]:
                corroborated[(person, _day(home))].append(home)
    for lone in homes:
        if lone["precision"] != "day" or sources(lone) != 1 or not lone["people"] \
                or not all(m.dated_by in ("context", "anaphora") for m in lone["members"]):
            continue
        near = [h for day in (_day(lone) - 1, _day(lone), _day(lone) + 1)
                for h in corroborated.get((min(lone["people"]), day), ())]
        events = [h for h in near if h["order"] not in gone and retells(h, lone)]
        if events:
            event = min(events, key=lambda h: (-sources(h), -len(h["articles"]), h["order"]))
            event["retold"] = event.get("retold", []) + lone["members"] + lone.get("folded", [])
            event["articles"] |= lone["articles"]
            gone.add(lone["order"])
    counts["a lone sentence telling a corroborated event of its day under another type folded into it"] = len(gone)
    homes = [h for h in homes if h["order"] not in gone]

    def nothing_datable(home: dict) -> bool:
        if home["people"] or sources(home) > 1 or home["event_type"] in COLLECTIVE:
            return False
        return home["precision"] == "year" or all(getattr(m, "year_open", False) for m in home["members"])

    def read_after_its_source(home: dict) -> bool:
        if sources(home) > 1 or not publication:
            return False
        return all(m.dated_by != "absolute" and not _FORWARD.search(fold(m.expression or ""))
                   and m.article_id in publication and m.date_start.normalize() > publication[m.article_id].normalize()
                   for m in home["members"])

    def words_dated_by_others(home: dict) -> bool:
        return crowd and home["event_type"] == "statement" and sources(home) == 1 \
            and all(m.dated_by in _BORROWED for m in home["members"])

    def no_one_to_cite(home: dict) -> bool:
        return crowd and not home["people"] and sources(home) == 1 and home["event_type"] in TOLD_OF_PEOPLE

    def month_of_its_paragraph(home: dict) -> bool:
        return crowd and home["precision"] != "day" and sources(home) == 1 \
            and all(m.dated_by == "context" for m in home["members"])

    def background_year(home: dict) -> bool:
        return crowd and home["precision"] == "year" and sources(home) == 1 and background(home)

    demotions = [("one source, no one named, an inferred or year-only date: demoted", nothing_datable),
                 ("one source, relative words read to a day after it was published: demoted", read_after_its_source),
                 ("one source, no one named, a type told of people: demoted", no_one_to_cite),
                 ("one source, a statement dated only by its paragraph: demoted", words_dated_by_others),
                 ("one source, only the month or year of its paragraph: demoted", month_of_its_paragraph),
                 ("one source, background known only to the year: demoted", background_year)]
    demoted, kept = [], homes
    for rule, demote in demotions:  # each row counted by the first rule that demotes it
        out = [h for h in kept if demote(h)]
        counts[rule] = len(out)
        demoted += out
        kept = [h for h in kept if not demote(h)]
    return kept, {"counts": counts, "demoted": demoted}


def _day(home: dict) -> int:
    """Return the day number (from 1970) of the day the row is dated to (``_chosen``), as it stands
    (remembered in the row until its readings change: they only ever grow)."""
    known = home.get("_day")
    if known is None or known[0] != len(home["members"]):
        known = home["_day"] = (len(home["members"]), int(_chosen(home["members"])[1].normalize().value // 86_400_000_000_000))
    return known[1]


def _with_numbers(order: pd.DataFrame) -> pd.DataFrame:
    """Return the readings with what merging compares, computed once each: ``people`` (a frozenset of
    the actors), ``day_number`` and ``end_day_number`` (the days of ``date_start`` and ``date_end``,
    counted from 1970), ``year_number``, and ``start_number``/``end_number`` (the interval in
    nanoseconds). A dated event always has both ends."""
    starts, ends = pd.to_datetime(order.date_start), pd.to_datetime(order.date_end)  # typed even when empty
    return order.assign(people=order.actors.map(frozenset),
                        day_number=order._day.to_numpy("datetime64[D]").astype("int64"),
                        end_day_number=ends.to_numpy("datetime64[D]").astype("int64"),
                        year_number=starts.dt.year,
                        start_number=starts.to_numpy("datetime64[ns]").view("int64"),
                        end_number=ends.to_numpy("datetime64[ns]").view("int64"))


class _Rows:
    """The rows made so far, in the order they were made (``made``), indexed by what a reading can
    join: a row read to the year only a reading to the same year; a row read to the day a reading
    to a day within a day of it or a reading whose interval meets the row's (see ``_dates_match``)."""

    def __init__(self):
        self.made: list[dict] = []
        self.by_type: dict[str, list[dict]] = {}
        self.by_day: dict[tuple[str, int], list[dict]] = {}  # rows read to the day, by type and day
        self.by_year: dict[tuple[str, int], list[dict]] = {}  # rows read to the year, by type and year
        self.by_month: dict[str, list[dict]] = {}  # rows read to the month, by type
        self.longest_day = 0  # the most days a row read to the day ends after the day it starts

    def add(self, home: dict) -> dict:
        """Return ``home``, numbered and indexed as the latest row."""
        home["order"] = len(self.made)
        self.made.append(home)
        kind = home["event_type"]
        self.by_type.setdefault(kind, []).append(home)
        if home["precision"] == "day":
            self.by_day.setdefault((kind, home["day_number"]), []).append(home)
            self.longest_day = max(self.longest_day, home["end_day_number"] - home["day_number"])
        elif home["precision"] == "year":
            self.by_year.setdefault((kind, home["year_number"]), []).append(home)
        else:
            self.by_month.setdefault(kind, []).append(home)
        return home

    def days(self, kind: str, first: int, last: int) -> list[dict]:
        """Return the rows of ``kind`` read to a day from day ``first`` to day ``last``."""
        return [h for day in range(first, last + 1) for h in self.by_day.get((kind, day), [])]


def _candidates(event, event_type: str, rows: _Rows) -> list[dict]:
    """Return the rows of ``event_type`` that ``event`` could join (``_dates_match``), in the order they
    were made; the others need not be tried.

    - A reading to the year joins only a row read to the same year, and a row read to the year only such a reading.
    - A reading to the day joins a row read to the day only within a day of it: every day-reading of
      such a row is within a day of the row's own day.
    - A reading to the month joins a row read to the day only when their intervals meet: the row's
      interval starts at most ``longest_day`` days before it ends, so it starts on a day from the
      reading's first day less ``longest_day`` to the reading's last day.
    """
    if event.precision == "year":
        return rows.by_year.get((event_type, event.year_number), [])
    if event.precision == "day":
        near = rows.days(event_type, event.day_number - 1, event.day_number + 1)
    elif event.end_day_number - event.day_number + rows.longest_day > len(rows.by_type.get(event_type, [])):
        near = [h for h in rows.by_type.get(event_type, []) if h["precision"] == "day"]  # fewer rows than days
    else:
        near = rows.days(event_type, event.day_number - rows.longest_day, event.end_day_number)
    return sorted(near + rows.by_month.get(event_type, []), key=lambda h: h["order"])


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
    readings = [f"{m.article_id}: {_expression_of([m])} = {reading(m)}" + (" (context)" if m.dated_by == "context" else "")
                for m in members]
    days = {m.date_start.normalize() for m in members if m.precision == "day"}
    label_en, label_zh = labels.get(home["event_type"], labels["other"])
    known = [publication[a] for a in articles if a in publication]
    echoes = home.get("year_echoes", [])
    readings += [f"{m.article_id}: {_expression_of([m])} = {reading(m)} (a year off)" for m in echoes]
    folded = home.get("folded", [])
    readings += [f"{m.article_id}: {_expression_of([m])} = {reading(m)} (told on another date)" for m in folded]
    readings += [f"{m.article_id}: {_expression_of([m])} = {reading(m)} (a statement of theirs)"
                 for m in home.get("statements", [])]
    readings += [f"{m.article_id}: {_expression_of([m])} = {reading(m)} (told as {m.event_type})"
                 for m in home.get("retold", [])]
    days |= {m.date_start.normalize() for m in folded if m.precision == "day"}
    return {
        "date_start": start, "date_end": end, "precision": first.precision, "event_type": home["event_type"],
        "label": event_label(home["event_type"], people, first.text), "label_zh": label_zh,
        "expression": first.expression or _expression_of(members), "text": first.text,
        "actors": ", ".join(people), "article_id": ", ".join(map(str, articles)), "n_articles": len(articles),
        "n_sources": len(articles), "readings": "; ".join(readings), "dates_reported": "; ".join(readings),
        "sources_disagree": len(days) > 1, "dated_by": first.dated_by, "clock": first.clock,
        "california_day_differs": california_day_differs(start, end, first.precision) if first.clock != "local" else "no",
        "after_publication": bool(known) and start > min(known), "rule": first.rule,
        "type_label": label_en,
        "year_disagreement": "; ".join(f"{m.article_id}: {reading(m)}" for m in echoes),
        "date_inferred": "yes" if all(getattr(m, "year_open", False) for m in members) else "no",
    }


def _expression_of(members: list) -> str:
    """Return the words that dated the row when its chosen reading has none (a milestone dated by
    bounds): the first reading that has words, else how the bounds were set."""
    worded = next((m.expression for m in members if m.expression), "")
    return worded or f"between {members[0].rule.split('after ', 1)[-1]}"


def event_label(kind: str, actors: list[str], text: str) -> str:
    """Return a short label of what happened, made of who acts, the event type's verb and who it is done
    to, never the time expression: 穆拉蒂离职, 董事会罢免奥特曼, 微软聘用奥特曼、布罗克曼.

    >>> event_label("removal", ["altman"], "OpenAI董事会宣布解雇奥特曼")
    '董事会罢免奥特曼'
    >>> event_label("departure", ["murati"], "穆拉蒂宣布离职")
    '穆拉蒂离职'
    """
    from ..entities import short_names

    verbs, participants = _type_verbs()
    verb = verbs.get(kind, "事件")
    names = "、".join(short_names().get(a, a) for a in actors[:3]) + ("等" if len(actors) > 3 else "")
    if participants.get(kind) == "object":
        return f"{_agent(kind, text)}{verb}{names}"
    return f"{names}{verb}"


@lru_cache(maxsize=1)
def _type_verbs() -> tuple[dict[str, str], dict[str, str]]:
    """Return each event type's Chinese verb and participant (read once: a label is made for every
    row of a chronology)."""
    from .events import event_types

    table = event_types()
    return dict(zip(table.event_type, table.verb_zh)), dict(zip(table.event_type, table.participant))


#: Who removes, appoints or investigates someone, when the sentence names them.
_DECIDERS = ("董事会", "监管机构", "联邦贸易委员会", "法院")


def _agent(kind: str, text: str) -> str:
    """Return who does to someone what an ``object`` type tells: for a hire, the organisation that hires
    (the first organisation of the entity table the sentence names, but the one they leave, OpenAI);
    otherwise the board or another body that decides, when the sentence names it."""
    from ..entities import entity_kinds, find_all_mentions, short_names

    folded = fold(text)
    if kind == "hire":
        kinds = entity_kinds()
        hirer = next((entity for *_, entity in find_all_mentions(text)
                      if kinds.get(entity) == "organisation" and entity != "openai"), None)
        return short_names().get(hirer, "") if hirer else ""
    return next((word for word in _DECIDERS if word in folded), "")

