"""Time expressions and their reference times, in the manner of HeidelTime's news and narrative modes.

jionlp finds the time expressions (in the sentence folded to Simplified script) and parses them
against the article's own date; the rules here then decide what each expression is read against:

- ``absolute`` (2023年11月17日, 2015年): as written;
- ``article date`` (deictic: 今天, 昨天凌晨, 上周五, 本周末, 刚刚, 截至发稿): against the article's own
  date, the ``published`` column, never a repost's stamp; a bare weekday (周五) is the latest such day
  on or before it; a month-day without a year (11月17日) is in the year that puts it nearest before it,
  unless the sentence announces it as to come (将于, 延长至…);
- ``anaphora`` (第二日, 次日, 当天, 同日, 当晚, 那个周六, 几个小时后, 随后, 此前): against the last dated
  event of the same passage (a passage runs from one heading to the next); without one it dates nothing.

Not events: an article's dateline (11月18日消息, …电, …讯), durations and the present (5到10分钟, 近八年,
现在), a date inside a web address, a quoted speaker's own 昨天/今天, and the date of a report (昨天的报道).
The clock is recorded as printed: ``local`` for 当地时间/美国时间, ``Beijing`` for 北京时间 (and Taipei/Hong
Kong time, the same UTC+8), ``article`` for what is read against the article's date, else ``unstated``.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import logging
import re
from functools import lru_cache

import pandas as pd

from ..cache import remembers_text, text_memo
from ..patterns import with_first_chars
from ..scripts import fold as fold_text
from .reference_free import (answer_and_items_read, answer_for_every_base, code_is_as_read, handler_of, search_attempts,
                             usable_base)

BEIJING = "Asia/Shanghai"
#: Characters and words without which a sentence holds no time expression (checked, on the folded
#: sentence, before the costly parsing). Searched behind a lookahead for the characters a match can
#: start with (``with_first_chars``): the same matches, found without trying every alternative at every
#: position; so are the patterns below that run over every sentence with a time word.
TIME_WORD = with_first_chars(re.compile(
    r"\d{4}|[0-9一二三四五六七八九十两]+\s*[年月日号]|[周星礼][期拜]?[一二三四五六日天末]|[昨今明前后去本上下]\s*[天日年月周个]"
    r"|凌晨|早上|早晨|上午|中午|下午|晚上|傍晚|晚间|早些|晚些|中旬|上旬|下旬|年初|年底|年末|月初|月底|第二[天日]|次日|翌日|隔[天日]"
    r"|[今昨前]\s*\(\s*\d{1,2}\s*\)\s*日|当[天日晚]|同日|同一天|那天|随后|此前|小时后|小时之后|天后|天之后|刚刚|稍早|发稿|现在"
    r"|分钟后|分钟之后|其后|稍后|与此同时|即日|前一[天日]|小时前|小时之前|[昨今][午晨早晚夜]"))


@text_memo(maxsize=8192)  # the dated and the undated sentences are both told apart by it
def holds_time_word(folded: str) -> bool:
    """Return whether a folded sentence holds a ``TIME_WORD``, without which it holds no time expression.

    >>> holds_time_word("周五,他被解雇。"), holds_time_word("他被解雇。")
    (True, False)
    """
    return TIME_WORD.search(folded) is not None


_DATELINE = re.compile(r"^\s*(消息|电|讯|专电|报道\s*[:：]|\(记者|（记者|(综合)?外电报[导道]|综合报[导道])")
#: How far before the publication stamp a dateline may be and still be the article's own day.
DATELINE_DAYS = 3
_DURATION = re.compile(
    r"^(?!\d{4}\s*年)(?:(近|过去|最近|这|在过去)\s*的?)?\s*(大约|约)?\s*[0-9一二三四五六七八九十两几数半多]+\s*"
    r"(年|个\s*月|个?\s*(天|周|星期|小时|钟头)|分钟|秒)(多|来|间|内|里|的时间)?$"
    r"|^(近|过去|最近|这)\s*[0-9一二三四五六七八九十两几数]+\s*日$"
    r"|^(今年|去年|明年)?\s*(春|夏|秋|冬)(季|天)$"
    r"|内$|^(全天|半天|一时|现在|目前|此时|当时|如今|过去的一年里|过去一年|近一年|最近一年|这两天|两天|一天|至今|以来)$")
_WEEKDAY = re.compile(r"^(周|星期|礼拜)([一二三四五六日天])"
                      r"(早晨|早上|上午|中午|下午|晚上|晚间|深夜|夜间|夜里|傍晚|晚|早|凌晨|早些时候|晚些时候)?$")
_WEEKDAYS = "一二三四五六日天"
_PART_OF_DAY = re.compile(r"^(清晨|早晨|早上|上午|中午|午后|下午|晚上|晚间|傍晚|深夜|夜间|凌晨|早些时候|晚些时候)$")
#: Anaphoric day words and the days they add to their anchor.
_ANAPHORIC_DAY = re.compile(
    r"^(?P<word>第二天|第二日|次日|翌日|隔天|隔日|前一天|前一日|当天|当日|同日|同一天|当晚|那天|那一天)"
    r"(?P<part>凌晨|早上|早晨|上午|中午|下午|晚上|晚间|傍晚|晚|早些时候|晚些时候)?$")
_NEXT_DAY = ("第二天", "第二日", "次日", "翌日", "隔天", "隔日")
_DAY_BEFORE = ("前一天", "前一日")
_ANAPHORIC_WEEKDAY = re.compile(r"(那个|那一个|那|同一个)\s*$")
#: Anaphoric words jionlp does not tag as time; found by this pattern and anchored to the same day.
_ANAPHORIC_EXTRA = with_first_chars(re.compile(
    r"(?:几|数|[0-9一二三四五六七八九十两]+)\s*个?\s*(?:小时|钟头|分钟)\s*(?:过去)?\s*(?:后|之后|以后|过后)|随后|此前"
    r"|其后|稍后|与此同时|即日起?"
    r"|[0-9一二三四五六七八九十两]+\s*天\s*(?:后|之后|以后)"
    r"|第二天|第二日|次日|翌日|隔天|隔日|前一天|前一日|当天|当日|同日|同一天|当晚"
    r"|(?:几|数)\s*个?\s*小时\s*(?:前|之前)"))
_UNITS_LATER = re.compile(r"(?:近|约|大约)?\s*[0-9一二三四五六七八九十两几数半]+\s*多?\s*(个)?\s*(年|月|周|星期)\s*多?\s*(后|之后|以后)")
_DAYS_LATER = re.compile(r"([0-9一二三四五六七八九十两]+)\s*天\s*(?:后|之后|以后)")
#: Taiwan's dateline style 今(22)日, 昨(21)日: a deictic day with its number in brackets.
_BRACKETED_DAY = re.compile(r"([今昨前])\s*\(\s*(\d{1,2})\s*\)\s*日")
#: Deictic words jionlp does not tag: the article's own time.
#: The press's short deictic day parts (昨午, 今晨, 昨晚): the article's day, or the day before it.
_SHORT_DAY_PART = with_first_chars(re.compile(r"([昨今])\s*[午晨早晚夜](?![年月日天])"))
_ARTICLE_TIME = with_first_chars(re.compile(r"截至(?:记者)?发稿(?:时)?|截止(?:记者)?发稿(?:时)?|发稿时|刚刚|(?<![日天])稍早"))
_FUTURE = re.compile(r"(将于|将在|将会|计划|预计|定于|延长至|延至|推迟至|推迟到|截止|到期|即将|之前完成)\s*$")
_DAY_ONLY = re.compile(r"^[0-9一二三四五六七八九十]+\s*[日号]")
_BARE_MONTH = with_first_chars(re.compile(
    r"(?<![年\d月])(?<!今年)(?<!去年)(?<!明年)([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(?![\d日号])"))
_REPORT = re.compile(r"^\s*的(报道|文章|推送)")
_RELATIVE_DAY = re.compile(r"^(昨|今|明|前天|后天)")
#: 去年今天, 前年的今天: a deictic day a whole year or two before the article's.
_YEARS_BEFORE = re.compile(r"(去|前)年\s*的?\s*$")
_FIRST_PERSON = re.compile(r"我(?!们)")  # a speaker's own "I"; the editorial 我们 reads on the article's clock
_CLOCK_BEFORE = re.compile(r"(当地时间|美国时间|美西时间|美东时间|太平洋时间|美国东部时间|美国西部时间|加州时间|硅谷时间"
                           r"|北京时间|台北时间|香港时间)\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
#: A line that is a heading (short, without closing punctuation) starts a new passage.
_HEADING_END = re.compile(r"[。！？!?…”\"』」)）:：,，;；]$")
HEADING_MAX_CHARS = 30
#: 今年5月中旬, 去年11月, 今年5月14日: a month (or a day of it) of the article's own year or the year before,
#: which an undated article reads like a month-day without a year (against the placeholder, the year
#: chosen across the corpus).
_OWN_YEAR_MONTH = re.compile(r"^(今|本|去)年\s*的?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?!.*年)")
#: The reference time of an undated article's month-days (a leap year, so that 2月29日 reads): their
#: year is chosen across the corpus (``chronology.years``), never this one.
YEARLESS_BASE = pd.Timestamp("2000-12-31 12:00")


def remembered(size: int):
    """Return a decorator that remembers a one-argument function's answers by argument (all forgotten
    at once when ``size`` are kept, and by ``clear_cache()``, as ``cache.text_memo``'s);
    ``function.tell(argument, answer)`` keeps an answer known from elsewhere, which must be the
    function's own (the pipeline has each sentence folded already)."""
    def decorate(function):
        answers: dict = {}

        def tell(argument, answer):
            if len(answers) >= size:
                answers.clear()
            answers[argument] = answer
            return answer

        @functools.wraps(function)
        def answer(argument):
            known = answers.get(argument)
            return tell(argument, function(argument)) if known is None else known

        # cache_info too: entities.use_entities clears every cache that has both
        answer.tell, answer.cache_clear, answer.cache_info = tell, answers.clear, lambda: (len(answers), size)
        return remembers_text(answer)
    return decorate


@remembered(8192)
def fold(text: str) -> str:
    """Return ``text`` folded to Simplified script (``corpus_tools.scripts.fold``), remembered: the
    chronology folds each sentence and clause several times (time words, triggers, clauses, actors).

    >>> fold("奧特曼回歸")
    '奥特曼回归'
    """
    return fold_text(text)


@lru_cache(maxsize=1)
def _quiet_jionlp():
    """Return jionlp, imported once, without its banner (stdout) or its lexicon warnings (logging)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    return jionlp


#: How many readings of a time candidate (11月17日, 周五晚上) against a reference time are kept.
SEARCH_MEMORY = 65_536


@lru_cache(maxsize=1)
def _time_extractor():
    """Return a jionlp time extractor (as ``jionlp.ner.extract_time``) that remembers its search for
    the time expression in each candidate string, by candidate and reference time.

    The search parses the candidate's substrings from the longest down until one parses (one parse
    costs a few hundred regular expressions) and depends on nothing else, so a remembered answer is
    jionlp's own; real news repeats its short time phrases (11月17日, 周五, 昨天) under one date.
    Under another date, the search skips the substrings that fail whatever the date
    (``reference_free``), kept for each candidate once.
    """
    _quiet_jionlp()
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    class RememberingTimeExtractor(TimeExtractor):
        def _prepare(self):
            super()._prepare()
            self.parse_time = _remembering_parser(self.parse_time)

        @text_memo(maxsize=SEARCH_MEMORY)
        def _remembered_search(self, time_candidate, time_base, ret_type, ret_future, period_results_num):
            if not (usable_base(time_base) and code_is_as_read()):
                return super().grid_search(time_candidate, time_base=time_base, ret_type=ret_type,
                                           ret_future=ret_future, period_results_num=period_results_num)
            options = {"ret_type": ret_type, "ret_future": ret_future, "period_results_num": period_results_num}
            for sub_string, parsed, offset in self._live_attempts(time_candidate, ret_type, ret_future,
                                                                  period_results_num):
                try:
                    return sub_string, self.parse_time(parsed, time_base=time_base, strict=True, **options), list(offset)
                except Exception:  # noqa: BLE001 - as the search: not a time, try the next
                    continue
            return None, None, None

        def _never_parses(self, time_candidate, time_base, ret_type, ret_future, period_results_num):
            """Return whether every attempt of the search fails under ``time_base`` because it fails under
            every reference time: then it is not remembered under each article's date (most candidates,
            such as 工作多年的 or 的四, are of this kind)."""
            return (usable_base(time_base) and code_is_as_read()
                    and not self._live_attempts(time_candidate, ret_type, ret_future, period_results_num))

        @text_memo(maxsize=SEARCH_MEMORY)
        def _live_attempts(self, time_candidate, ret_type, ret_future, period_results_num):
            """Return the search's attempts (``search_attempts``) but those that fail whatever the
            reference time: the search, which answers with the first that parses, gives the same."""
            fails = self.parse_time.fails_for_every_base
            return tuple(attempt for attempt in search_attempts(self, time_candidate)
                         if not fails(attempt[1], True, ret_type, ret_future, period_results_num))

        def grid_search(self, time_candidate, time_base=None, ret_type="str", ret_future=False,
                        period_results_num=None):
            if self._never_parses(time_candidate, time_base, ret_type, ret_future, period_results_num):
                return None, None, None  # the search's answer when no attempt parses
            true_string, result, offset = self._remembered_search(time_candidate, time_base, ret_type, ret_future,
                                                                  period_results_num)
            # copies, so that no caller can change what later callers are given
            return true_string, _copied(result), (list(offset) if offset else offset)

        def extract_time_candidates(self, text):
            """Return jionlp's candidates (``TimeExtractor.extract_time_candidates``) from one pass
            over the text instead of a search in a copy of the rest of the text after each run: its
            pattern of time characters has no anchor and no lookaround and never matches nothing, so
            both find the same runs."""
            fake = self.fake_positive_time_pattern
            return [{"time_candidate": found.group(), "offset": [found.start(), found.end()]}
                    for found in self.time_string_pattern.finditer(text)
                    if fake.search(found.group()) is None
                    and (found.end() - found.start() > 1 or found.group() in self.single_char_time)]

    return RememberingTimeExtractor()


def _copied(value):
    """Return a copy of a parse result (dicts and lists of strings and numbers), as ``copy.deepcopy``
    gives it, built directly."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return copy.deepcopy(value)


def _remembering_parser(parse_time):
    """Return ``parse_time`` (jionlp's time parser) remembering each reading by string, reference time
    and options; a string it cannot read raises again (a ValueError), as the search expects.

    The search of one candidate tries its longer substrings first, and the next search of the same
    candidate (after the expression it found) tries many of them again. A reading that is the same for
    every reference time (most are failures: ``reference_free``) is remembered by the string alone,
    and one that reads only some of the reference time (11月17日 reads its year) by the string and
    those items, so each article's search does not pay for it again under its own date."""
    @lru_cache(maxsize=SEARCH_MEMORY)
    def reading(time_string, time_base, strict, ret_type, ret_future, period_results_num):
        try:
            return parse_time(time_string, time_base=time_base, strict=strict, ret_type=ret_type,
                              ret_future=ret_future, period_results_num=period_results_num), None
        except Exception as error:  # noqa: BLE001 - the search takes any error as "not a time"
            return None, f"{type(error).__name__}: {error}"

    @lru_cache(maxsize=SEARCH_MEMORY)
    def reading_for_every_base(time_string, strict, ret_type, ret_future, period_results_num):
        # ret_type is one of the options jionlp's parser takes and does not use; kept in the key all the same
        return answer_for_every_base(parse_time, time_string, strict, ret_future, period_results_num)

    by_items_read: dict[tuple, dict[tuple, dict[tuple, tuple]]] = {}  # (string, options) -> items read -> their values -> answer
    kept = [0]

    def reading_by_items_read(time_string, time_base, options):
        handler = handler_of(time_base)
        known = by_items_read.get((time_string, *options))
        for positions, answers in (known or {}).items():
            answer = answers.get(tuple(handler[i] for i in positions))
            if answer is not None:
                return answer
        found = answer_and_items_read(parse_time, time_string, handler, options[0], *options[2:])
        if found is None:
            return None
        answer, positions = found
        if kept[0] >= SEARCH_MEMORY:
            by_items_read.clear()
            kept[0] = 0
        by_items_read.setdefault((time_string, *options), {}).setdefault(positions, {})[
            tuple(handler[i] for i in positions)] = answer
        kept[0] += 1
        return answer

    def remembered(time_string, time_base=None, strict=False, ret_type="str", ret_future=False,
                   period_results_num=None):
        options = (strict, ret_type, ret_future, period_results_num)
        known = usable_base(time_base) and (reading_for_every_base(time_string, *options)
                                            or reading_by_items_read(time_string, time_base, options))
        result, error = known or reading(time_string, time_base, *options)
        if error is not None:
            raise ValueError(error)
        return result  # only ever handed to the search, which is remembered and gives out copies

    def fails_for_every_base(time_string, strict, ret_type, ret_future, period_results_num):
        known = reading_for_every_base(time_string, strict, ret_type, ret_future, period_results_num)
        return known is not None and known[1] is not None

    def cache_clear():
        reading.cache_clear(), reading_for_every_base.cache_clear(), by_items_read.clear()
        kept[0] = 0

    remembered.cache_clear, remembered.fails_for_every_base = cache_clear, fails_for_every_base
    return remembers_text(remembered)


def _parse_expressions(text: str, naive: pd.Timestamp) -> list[dict]:
    """Return jionlp's time entities in ``text`` (offset, type, parsed interval) for a base time
    given as a naive Timestamp on the Beijing clock."""
    extract_time = _time_extractor()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return extract_time(text, time_base=naive.timestamp() - 8 * 3600 + _local_offset(naive),
                                with_parsing=True)
    except Exception:  # noqa: BLE001 - jionlp fails on some odd strings; such a sentence dates nothing
        return []


def _local_offset(naive: pd.Timestamp) -> float:
    """jionlp reads the base as a POSIX time in the machine's zone; return the correction to Beijing."""
    import time as _time

    local = _time.localtime(naive.timestamp())
    return 8 * 3600 - local.tm_gmtoff


_ONE_DAY, _TWO_MONTHS = pd.Timedelta(days=1), pd.Timedelta(days=62)


def precision_of(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Return 'day', 'month' or 'year' for an interval (up to one day, up to ~two months, longer).

    >>> precision_of(pd.Timestamp("2023-11-17"), pd.Timestamp("2023-11-17 23:59:59"))
    'day'
    """
    span = end - start
    if span < _ONE_DAY:
        return "day"
    if span <= _TWO_MONTHS:
        return "month"
    return "year"


def is_heading(sentence: str) -> bool:
    """Return whether a line is a heading: short and without closing punctuation.

    >>> is_heading("最新进展:推动者 Ilya 后悔了"), is_heading("公开信写道:")
    (True, False)
    """
    line = sentence.strip()
    return 0 < len(line) <= HEADING_MAX_CHARS and not _HEADING_END.search(line)


def passage_ids(texts: list[str]) -> list[int]:
    """Return the passage of each sentence: a heading opens a new passage.

    >>> passage_ids(["周五,他被解雇。", "次日他发文。", "最新进展", "他回来了。"])
    [0, 0, 1, 1]
    """
    ids, current = [], 0
    for number, text in enumerate(texts):
        if number and is_heading(text):
            current += 1
        ids.append(current)
    return ids


def paragraph_ids(spans) -> list[int]:
    """Return the paragraph of each sentence from the ``(start, end)`` offsets of the sentences of
    one text, in order: a sentence that does not start where the one before ended (a line break, or
    any space, between them) starts a paragraph.

    >>> paragraph_ids([(0, 2), (2, 4), (5, 7)])  # 甲。乙。\\n丙。
    [0, 0, 1]
    """
    ids, current, previous_end = [], 0, None
    for start, end in spans:
        if previous_end is not None and start > previous_end:
            current += 1
        ids.append(current)
        previous_end = end
    return ids


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


def _extra_expressions(folded: str, published: pd.Timestamp | None, found: list[dict]) -> list[dict]:
    """Return the expressions jionlp does not tag: bare months (五月份), 截至发稿/刚刚, 几个小时后/随后/此前."""
    taken = [tuple(f["offset"]) for f in found]
    extra = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    if published is not None:
        for m in _BARE_MONTH.finditer(folded):
            month = _month_number(m.group(1))
            if month is None or not 1 <= month <= 12 or not free(m.start(), m.end()):
                continue
            year = published.year if month <= published.month else published.year - 1
            start = pd.Timestamp(year=year, month=month, day=1)
            end = start + pd.offsets.MonthEnd(0) + pd.Timedelta(hours=23, minutes=59, seconds=59)
            extra.append({"offset": [m.start(), m.end()], "type": "time_point", "kind": "bare month",
                          "detail": {"time": [str(start), str(end)]}})
        for m in _BRACKETED_DAY.finditer(folded):
            if free(m.start(), m.end()) and 1 <= int(m.group(2)) <= 31:
                day = published.normalize()
                while day.day != int(m.group(2)) and day > published.normalize() - pd.Timedelta(days=62):
                    day -= pd.Timedelta(days=1)
                extra.append({"offset": [m.start(), m.end()], "type": "time_point", "kind": "article time",
                              "detail": {"time": [str(day), str(day + pd.Timedelta(hours=23, minutes=59, seconds=59))]}})
        for m in _SHORT_DAY_PART.finditer(folded):
            if free(m.start(), m.end()):
                day = published.normalize() - pd.Timedelta(days=1 if m.group(1) == "昨" else 0)
                extra.append({"offset": [m.start(), m.end()], "type": "time_point", "kind": "article time",
                              "detail": {"time": [str(day), str(day + pd.Timedelta(hours=23, minutes=59, seconds=59))]}})
        for m in _ARTICLE_TIME.finditer(folded):
            if m.group() == "刚刚" and taken:
                continue  # 两天前,纳德拉刚刚宣布: "just", under the sentence's own date
            if free(m.start(), m.end()):
                day = published.normalize()
                extra.append({"offset": [m.start(), m.end()], "type": "time_point", "kind": "article time",
                              "detail": {"time": [str(day), str(day + pd.Timedelta(hours=23, minutes=59, seconds=59))]}})
    for m in _ANAPHORIC_EXTRA.finditer(folded):
        if m.group() == "此前" and not re.search(r"(^|[,，;；。:：])\s*$", folded[:m.start()]):
            continue  # 称自己此前并不知情: "before then" inside a clause is no date of an event
        if m.group() == "与此同时" and folded[:m.start()].strip():
            continue  # 但与此同时: a contrast inside a sentence; only a sentence it opens is dated by it
        if free(m.start(), m.end()):
            extra.append({"offset": [m.start(), m.end()], "type": "time_point", "kind": "anaphora", "detail": {}})
    return extra


def _count(words: str) -> int:
    """Return a small number written in digits or Chinese numerals (两 = 2, 十二 = 12)."""
    if words.isdigit():
        return int(words)
    words = words.replace("两", "二")
    if "十" in words:
        tens, _, units = words.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + _NUMERALS.get(units, 0)
    return _NUMERALS.get(words, 0)


def _interval(detail: dict) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    times = detail.get("time")
    if not isinstance(times, list) or len(times) != 2 or not all(isinstance(t, str) for t in times):
        return None
    try:
        start, end = pd.Timestamp(times[0]), pd.Timestamp(times[1])
    except (ValueError, OverflowError):
        return None  # jionlp gives 'inf' for open-ended spans
    return (start, end) if start <= end else None


def _shift_years(start: pd.Timestamp, end: pd.Timestamp, years: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    offset = pd.DateOffset(years=years)
    return start + offset, end + offset


EXPRESSION_COLUMNS = ["article_id", "sentence_id", "paragraph", "passage", "start", "end", "expression", "date_start",
                      "date_end", "precision", "dated_by", "clock", "after_article", "rule"]


def resolve_expressions(sents: pd.DataFrame) -> pd.DataFrame:
    """Return one row per kept time expression of a sentence table (article_id, sentence_id, text,
    published, and start/end for the paragraphs): the columns of ``EXPRESSION_COLUMNS`` (dates
    naive, on the clock the text reads)."""
    rows = []
    for article_id, group in sents.groupby("article_id", sort=False):
        paragraphs = paragraph_ids(zip(group.start, group.end)) if "start" in group else None
        rows += article_expressions(article_id, zip(group.sentence_id, group.text), group.published.iloc[0],
                                    paragraphs)
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)


def article_expressions(article_id: str, sentences, published: pd.Timestamp,
                        paragraphs: list[int] | None = None) -> list[dict]:
    """Return the kept time expressions of one article (rows as in ``resolve_expressions``), from
    its ``(sentence_id, text)`` pairs in order, its own publication time (NaT: only absolute dates
    are kept, since nothing else has a reference) and the paragraph of each sentence (default: each
    passage one paragraph). An anaphoric expression reads against the last dated event of its
    paragraph, or of the paragraph just before it in the same passage."""
    pairs = list(sentences)
    passages = passage_ids([text for _, text in pairs])
    paragraphs = passages if paragraphs is None else list(paragraphs)
    known = not pd.isna(published)
    yearless = not known  # an undated article: its month-days are kept, their year chosen across the corpus
    base = published.tz_convert(BEIJING).tz_localize(None) if known else YEARLESS_BASE
    dateline = _dateline_day(pairs[:2], base) if known else None
    if dateline is not None:  # (中央社舊金山17日綜合外電報導)…今天: the dateline's day is the article's own
        base = dateline + pd.Timedelta(hours=12)
    rows: list[dict] = []
    last: dict | None = None  # the last dated event of the article, with its paragraph and passage
    last_day: dict | None = None  # the last one dated to the day (what 次日 or 那个周六 count from)
    for (sentence_id, text), paragraph, passage in zip(pairs, paragraphs, passages):
        folded = fold(text)
        if not holds_time_word(folded):
            continue  # parsing is the costly step: only where a time word can be
        near = last is not None and last["passage"] == passage and paragraph - last["paragraph"] <= 2
        day_near = last_day is not None and last_day["passage"] == passage and paragraph - last_day["paragraph"] <= 2
        found = _sentence_expressions(article_id, sentence_id, passage, text, folded, base, last if near else None,
                                      last_day if day_near else None, yearless=yearless)
        for row in found:
            row["paragraph"] = paragraph
            if dateline is not None and row["dated_by"] == "article date":
                row["rule"] = row["rule"].replace("the article's date", f"the article's dateline ({dateline:%Y-%m-%d})")
            row["after_article"] = known and row["date_start"].normalize() > base.normalize()
            if row["precision"] != "year":
                last = row
            if row["precision"] == "day":
                last_day = row
        rows += found
    return rows


def _dateline_day(pairs: list[tuple], published: pd.Timestamp) -> pd.Timestamp | None:
    """Return the day of the article's own dateline (新华社旧金山11月17日电, 中央社舊金山17日綜合外電報導)
    in its first sentences, when it is a day at most ``DATELINE_DAYS`` before the publication stamp."""
    for _, text in pairs:
        folded = fold(text)
        if not holds_time_word(folded):
            continue
        for found in _parse_expressions(folded, published):
            start, end = found["offset"]
            if not _DATELINE.match(folded[end:]) or found["type"] != "time_point":
                continue
            interval = _interval(found.get("detail", {}))
            if interval is None or precision_of(*interval) != "day":
                continue
            day = interval[0].normalize()
            if day > published.normalize() and "年" not in folded[start:end]:
                day = day - pd.DateOffset(years=1) if "月" in folded[start:end] else day - pd.DateOffset(months=1)
            if pd.Timedelta(0) <= published.normalize() - day <= pd.Timedelta(days=DATELINE_DAYS):
                return day
    return None


def _sentence_expressions(article_id: str, sentence_id: int, passage: int, text: str, folded: str,
                          published: pd.Timestamp | None, previous: dict | None,
                          previous_day: dict | None = None, *, yearless: bool = False) -> list[dict]:
    """Return the kept time expressions of one sentence, each resolved against its reference time:
    ``published`` (naive Beijing, or None) or ``previous``, the passage's last dated event. With
    ``yearless`` (an undated article, ``published`` then ``YEARLESS_BASE``) only absolute dates, month-days
    without a year and months or days of 今年 and 去年 (``year_open``: read in the base's year, or the
    one before, their year chosen later) and the anaphora anchored to them are kept."""
    urls = [m.span() for m in _URL.finditer(folded)]
    base = published if published is not None else pd.Timestamp("2000-01-01")
    parsed = [dict(f, kind="jionlp") for f in _parse_expressions(folded, base)
              if f["type"] in ("time_point", "time_span")]
    parsed = sorted(parsed + _extra_expressions(folded, published, parsed), key=lambda f: f["offset"][0])
    own = [f["offset"][0] for f in parsed
           if f["kind"] != "anaphora" and not _ANAPHORIC_DAY.match(folded[f["offset"][0]:f["offset"][1]].strip(" ,，"))]
    # 他随后在2019年…: a sequence word before the sentence's own date is no date of its own
    parsed = [f for f in parsed if not (folded[f["offset"][0]:f["offset"][1]] in ("随后", "此前", "其后", "稍后")
                                       and any(o > f["offset"][0] for o in own))]
    parsed = _without_apposed_weekdays(folded, parsed)
    in_sentence: list[dict] = []
    for found in parsed:
        start, end = found["offset"]
        words = folded[start:end].strip(" ,，")
        before, after = folded[:start], folded[end:]
        if any(s <= start < e for s, e in urls):
            continue
        if _DATELINE.match(after):
            day = _lede_day(found, parsed, published, text[end:])
            if day is not None:  # 中新网11月18日电 据报道,…: the lede, with no date of its own, is news of the day
                in_sentence.append({
                    "article_id": article_id, "sentence_id": sentence_id, "passage": passage, "start": start,
                    "end": end, "expression": text[start:end].strip(" ,，"), "date_start": day,
                    "date_end": day + pd.Timedelta(hours=23, minutes=59, seconds=59), "precision": "day",
                    "dated_by": "article date", "clock": "article",
                    "rule": "dateline: the article's own day dates the lede that gives no date of its own"})
            continue
        if _DURATION.search(words) or _REPORT.match(after):
            continue
        if re.fullmatch(r"(去|前)年", words) and _RELATIVE_DAY.match(after.lstrip("的 ")):
            continue  # 去年今天: the year is read with the day that follows it
        if (_RELATIVE_DAY.match(words) or _WEEKDAY.match(words.lstrip("个"))) and _FIRST_PERSON.search(folded):
            continue  # "昨天是我…的最后一天", "那天是周五中午,我…": a quoted speaker's own clock, not the article's
        if words.startswith("个"):  # jionlp leaves the 那 of 那个周六 outside the expression
            words, before = words[1:], before + "个"
            start -= 1 if before.endswith("那个") else 0
        clock_word = _CLOCK_BEFORE.search(before)
        anchor = in_sentence[-1] if in_sentence else previous
        day_anchor = next((r for r in reversed(in_sentence) if r["precision"] == "day"), previous_day)
        if anchor is not None and anchor["precision"] != "day" and day_anchor is not None \
                and (_ANAPHORIC_DAY.match(words) or _WEEKDAY.match(words)):
            anchor = day_anchor  # 28日…2022年11月…次日: a day word counts from the last day, not a background month
        if anchor is not None and anchor["dated_by"] == "anaphora" and fold(anchor["expression"]) == words:
            # 约他第二日中午会谈。第二日中午,…: the narration reaching a time it already named, not a further step
            resolved = (anchor["date_start"], anchor["date_end"], "anaphora", f"{words}: the time named just before")
        else:
            resolved = _resolve(words, found, before, after, published, anchor, bool(in_sentence), yearless=yearless)
        if resolved is None:
            continue
        date_start, date_end, dated_by, rule = resolved
        year_open = (dated_by == "yearless"
                     or (dated_by == "anaphora" and anchor is not None and anchor.get("year_open", False)))
        if dated_by == "yearless":
            dated_by = "article date"
        if dated_by == "article date":
            clock = "article"
        elif dated_by == "anaphora":
            clock = anchor["clock"]
        else:
            clock = "unstated"
        if clock_word:
            clock = "Beijing" if clock_word.group(1) in ("北京时间", "台北时间", "香港时间") else "local"
        in_sentence.append({
            "article_id": article_id, "sentence_id": sentence_id, "passage": passage, "start": start, "end": end,
            "expression": text[start:end].strip(" ,，"), "date_start": date_start, "date_end": date_end,
            "precision": precision_of(date_start, date_end), "dated_by": dated_by, "clock": clock, "rule": rule,
            "year_open": year_open})
    return in_sentence


def _lede_day(found: dict, parsed: list[dict], published: pd.Timestamp | None, lede: str) -> pd.Timestamp | None:
    """Return the day of a dateline (中新网11月18日电) when it is the only expression of its sentence,
    the article's own day, and the ``lede`` after it tells an event; else None (a stale or reposted
    dateline, a lede with its own date, or a dateline alone)."""
    from .events import triggers_in  # the lexicon lives with the events

    if published is None or any(f is not found and f["kind"] != "anaphora" for f in parsed) \
            or not any(t[2] != "statement" for t in triggers_in(lede)):
        return None
    interval = _interval(found.get("detail", {}))
    if interval is None or precision_of(*interval) != "day":
        return None
    day = interval[0].normalize()
    return day if day == published.normalize() else None


def _without_apposed_weekdays(folded: str, parsed: list[dict]) -> list[dict]:
    """Return the expressions without a weekday written next to a date (11月17日周五, 周一(20日)):
    the date says the same day."""
    def weekday(f):
        return _WEEKDAY.match(folded[f["offset"][0]:f["offset"][1]].strip(" ,，"))

    def apposed(a, b):
        return re.fullmatch(r"[\s()（）]*", folded[a["offset"][1]:b["offset"][0]]) is not None

    dropped = set()
    for a, b in zip(parsed, parsed[1:]):
        if apposed(a, b) and bool(weekday(a)) != bool(weekday(b)):
            dropped.add(id(a) if weekday(a) else id(b))
    return [f for f in parsed if id(f) not in dropped]


def _resolve(words: str, found: dict, before: str, after: str, published: pd.Timestamp | None,
             anchor: dict | None, anchor_in_sentence: bool, *,
             yearless: bool = False) -> tuple[pd.Timestamp, pd.Timestamp, str, str] | None:
    """Return (date_start, date_end, dated_by, rule) for one expression, or None when it dates nothing;
    ``anchor`` is the last dated event before it in the passage (``anchor_in_sentence``: in its sentence).
    With ``yearless`` (an undated article) a month without a year, and one of 今年 or 去年 (its own year,
    the year before: read in the placeholder's, or the one before it), is read in ``published``'s year
    with ``dated_by = 'yearless'``, and the other words read against the article's date date nothing."""
    day_word = _ANAPHORIC_DAY.match(words)
    weekday = _WEEKDAY.match(words)
    if day_word or found["kind"] == "anaphora" or _ANAPHORIC_EXTRA.fullmatch(words) \
            or (weekday and _ANAPHORIC_WEEKDAY.search(before)):
        return _anaphora(words, day_word, weekday, anchor)
    if _PART_OF_DAY.match(words):
        if not anchor_in_sentence or anchor["precision"] != "day":
            return None
        return anchor["date_start"].normalize(), anchor["date_end"], "anaphora", f"part of the day of {anchor['expression']}"
    if _UNITS_LATER.fullmatch(words):
        return None  # 工作了六年多后, 三个月后: a span after an unstated start, not a date
    interval = _interval(found.get("detail", {}))
    if interval is None:
        return None
    date_start, date_end = interval
    explicit_year = re.search(r"\d{4}|[〇零一二三四五六七八九]{4}\s*年", words)
    if published is None:
        return (date_start, date_end, "absolute", "absolute date") if explicit_year else None
    if yearless:
        if explicit_year and not re.match(r"^(今|去|明|前|后)年", words):
            if published in (date_start, date_end):
                return None  # 2020年之前: a span to or from the placeholder reference time, not a date
            return date_start, date_end, "absolute", "absolute date"
        if found["kind"] == "bare month" or ("月" in words and not re.search(r"年|\d{4}|[本上下这]\s*个?\s*月", words)):
            return date_start, date_end, "yearless", "month without a year, in an undated article"
        own_year = _OWN_YEAR_MONTH.match(words)
        if own_year and published not in (date_start, date_end):  # not 去年12月以来: a span up to the placeholder
            whose = "its own year" if own_year.group(1) in "今本" else "the year before its own"
            return date_start, date_end, "yearless", f"{own_year.group(1)}年 and a month or day, in an undated article: {whose}"
        return None
    if found["kind"] == "article time":
        return date_start, date_end, "article date", f"{words}: the article's own date"
    if found["kind"] == "bare month":
        return date_start, date_end, "article date", "month without a year: the latest up to the article's date"
    if explicit_year and not re.match(r"^(今|去|明|前|后)年", words):
        return date_start, date_end, "absolute", "absolute date"
    if weekday:
        if re.search(r"后的\s*$", before[-4:]):
            return None  # 被解雇后的周日: a weekday after an event, which this reading does not resolve
        rule = "weekday: the latest on or before the article's date"
        while date_start.normalize() > published.normalize():
            date_start, date_end = date_start - pd.Timedelta(days=7), date_end - pd.Timedelta(days=7)
        return date_start, date_end, "article date", rule
    future = _FUTURE.search(before[-6:])
    if "月" in words and not re.search(r"年|\d{4}|[本上下这]\s*个?\s*月", words):
        rule = "month without a year: the year nearest before the article's date"
        if date_start.normalize() > published.normalize() and not future:
            date_start, date_end = _shift_years(date_start, date_end, -1)
        elif future and date_end < published.normalize():
            date_start, date_end = _shift_years(date_start, date_end, 1)
            rule = "month without a year, announced as to come: the next one after the article's date"
        return date_start, date_end, "article date", rule
    if _DAY_ONLY.match(words):
        rule = "day without a month: the month nearest before the article's date"
        if date_start.normalize() > published.normalize() and not future:
            date_start, date_end = date_start - pd.DateOffset(months=1), date_end - pd.DateOffset(months=1)
        return date_start, date_end, "article date", rule
    years_back = _YEARS_BEFORE.search(before)
    if years_back and _RELATIVE_DAY.match(words):  # 去年今天: that day of a year before the article's
        back = 1 if years_back.group(1) == "去" else 2
        start, end = _shift_years(date_start, date_end, -back)
        return start, end, "article date", f"{years_back.group(1)}年{words}: the article's date, {back} year(s) before"
    return date_start, date_end, "article date", "deictic: against the article's date"


def _anaphora(words: str, day_word: re.Match | None, weekday: re.Match | None,
              anchor: dict | None) -> tuple[pd.Timestamp, pd.Timestamp, str, str] | None:
    """Return the reading of an anaphoric expression against ``anchor`` (None: nothing to read against)."""
    if anchor is None or anchor["precision"] == "year":
        return None
    start, end = anchor["date_start"], anchor["date_end"]
    base = f"after {anchor['expression']}"
    if day_word:
        if anchor["precision"] != "day" and day_word.group("word") in _NEXT_DAY + _DAY_BEFORE:
            return None
        shift = pd.Timedelta(days=1 if day_word.group("word") in _NEXT_DAY else -1 if day_word.group("word") in _DAY_BEFORE else 0)
        if anchor["precision"] == "day":
            start, end = start.normalize() + shift, start.normalize() + shift + pd.Timedelta(hours=23, minutes=59, seconds=59)
        return start, end, "anaphora", f"{day_word.group('word')} {base}"
    if weekday:
        if anchor["precision"] != "day":
            return None
        target = _WEEKDAYS.index(weekday.group(2)) % 7 if weekday.group(2) not in "日天" else 6
        day = anchor["date_start"].normalize()
        day += pd.Timedelta(days=(target - day.weekday()) % 7)
        return day, day + pd.Timedelta(hours=23, minutes=59, seconds=59), "anaphora", f"that {words}: the first one {base}"
    if anchor["precision"] == "day":
        start, end = start.normalize(), start.normalize() + pd.Timedelta(hours=23, minutes=59, seconds=59)
    days_later = _DAYS_LATER.fullmatch(words)
    if days_later:
        shift = pd.Timedelta(days=_count(days_later.group(1)))
        return start + shift, end + shift, "anaphora", f"{words} {base}"
    if words.startswith("此前"):
        return start - pd.Timedelta(days=7), end, "anaphora", f"此前: within the week up to {anchor['expression']}"
    return start, end, "anaphora", f"{words}: the same day {base}"
