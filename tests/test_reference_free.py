"""A reading of jionlp's that the chronology remembers by the string alone (``reference_free``) is
jionlp's own for every reference time: the strings its candidate search parses in the bundled articles
and the written passages (as folded and as written, Simplified and Traditional), every substring of
their candidates, and strings of our own, each against reference times across years, leap days,
month ends and the hours of a day."""

import datetime
import math

import pytest
from test_chronology_speed import ODD_STRINGS, _sentences

from corpus_tools.chronology import expressions, reference_free
from corpus_tools.scripts import fold

#: Reference times (naive, on this machine's clock, as jionlp reads a timestamp back).
MOMENTS = [datetime.datetime(*moment) for moment in [
    (1999, 12, 31, 23, 59, 59), (2000, 2, 29, 0, 0, 0), (2000, 3, 1, 12, 0, 0), (2001, 2, 28, 6, 15, 0),
    (2012, 2, 29, 23, 30, 0), (2015, 6, 30, 18, 30, 0), (2019, 1, 1, 0, 0, 0), (2020, 2, 29, 13, 0, 0),
    (2021, 3, 1, 1, 0, 0), (2023, 1, 31, 9, 41, 0), (2023, 4, 30, 21, 0, 0), (2023, 11, 17, 12, 0, 0),
    (2023, 11, 21, 10, 5, 49), (2023, 12, 31, 23, 59, 59), (2024, 2, 29, 15, 0, 0), (2024, 9, 27, 0, 0, 0),
    (2024, 12, 31, 20, 0, 0), (2025, 5, 31, 7, 7, 7), (2030, 8, 31, 22, 22, 0), (2038, 1, 1, 4, 0, 0),
]] + [datetime.datetime(2023, 11, 18, hour, (7 * hour) % 60, (13 * hour) % 60) for hour in range(0, 24, 2)]

#: Time expressions of our own, in shapes the articles lack: both scripts, festivals, the lunar
#: calendar, clock times, spans, deltas, periods, deictic words, years in other spellings.
OWN = ["週五晚間", "上週五", "下週一上午", "星期天", "去年十一月", "今年2月29日", "2024年2月29日", "二〇二三年十一月十七日",
       "民國112年", "明年", "前天晚上8点", "下个月3号", "三天后", "五天之前", "今明两天", "全年", "农历正月初一", "春节", "元旦",
       "中秋节", "国庆节前后", "冬至", "十点半到十一点", "11月17日至21日", "上午9点-下午5点", "2023.11.17", "2023-11-17 09:30",
       "凌晨三点一刻", "晚上十二点", "傍晚时分", "半夜", "月底", "年初", "下旬", "本周末", "每周五下午4点", "每年9月", "两个小时",
       "一个半月", "3年", "21世纪", "90年代", "近日", "日前", "当晚", "第二天", "次日凌晨", "同日", "昨(21)日", "今(22)日",
       "稍早", "至今", "从2015年到现在", "去年12月到今年3月", "11月17日(周五)", "周五(17日)", "第三季度", "上半年", "Q3"]


#: Each string is checked against this many of the reference times, in turn (each one against every
#: reference time would take a minute).
BASES_PER_STRING = 6


def _stamp(moment: datetime.datetime) -> float:
    return moment.timestamp()


def _search_strings() -> list[str]:
    """Return what jionlp's candidate search parses in the bundled and written sentences, and every
    substring (up to the search's 35 characters, without 的 and spaces, as the search strips them) of
    their time candidates and of our own strings."""
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    parsed = []

    class Recording(TimeExtractor):
        def _prepare(self):
            super()._prepare()
            plain = self.parse_time

            def parse(time_string, **options):
                parsed.append(time_string)
                return plain(time_string, **options)

            self.parse_time = parse

    extractor = Recording()
    texts = {text for sentence in _sentences() + ODD_STRINGS + OWN for text in (sentence, fold(sentence))}
    strings = set(OWN)
    for text in sorted(texts):
        extractor(text, time_base=_stamp(MOMENTS[12]))
        for candidate in [found["time_candidate"] for found in extractor.extract_time_candidates(text)] + OWN:
            window = candidate[:35]
            strings |= {window[i:j].replace("的", "").replace(" ", "")
                        for i in range(len(window)) for j in range(i + 1, len(window) + 1)}
    return sorted((strings | set(parsed)) - {""})


def _jionlps_own(parser, string: str, base: float) -> tuple:
    try:
        return parser(string, time_base=base, strict=True), None
    except Exception as error:  # noqa: BLE001 - a failure is an answer too
        return None, f"{type(error).__name__}: {error}"


def test_a_reading_made_without_the_reference_time_is_jionlps_own_for_every_reference_time():
    jionlp = expressions._quiet_jionlp()
    probed, plain = type(jionlp.parse_time)(), type(jionlp.parse_time)()
    bases = [_stamp(moment) for moment in MOMENTS]
    assert all(reference_free.usable_base(base) for base in bases)
    kept = {"answer": 0, "failure": 0, "left to jionlp": 0}
    for number, string in enumerate(_search_strings()):
        answer = reference_free.answer_for_every_base(probed, string, True, False, None)
        if answer is None:
            kept["left to jionlp"] += 1
            continue
        kept["failure" if answer[1] else "answer"] += 1
        for base in [bases[(number + step * 7) % len(bases)] for step in range(BASES_PER_STRING)]:
            assert _jionlps_own(plain, string, base) == answer, (string, datetime.datetime.fromtimestamp(base))
    # not vacuous: most of what the search tries fails whatever the date, and some answers hold for every date
    assert kept["failure"] > 1500 and kept["answer"] > 50 and kept["left to jionlp"] > 200, kept


def test_the_probe_leaves_the_parser_as_jionlp_leaves_it():
    jionlp = expressions._quiet_jionlp()
    parser, plain = type(jionlp.parse_time)(), type(jionlp.parse_time)()
    base = _stamp(MOMENTS[0])
    for string in ["昨天", "日下午,数小时过去后", "2015年", "每周五", "下午3点"]:
        reference_free.answer_for_every_base(parser, string, True, False, None)
        assert _jionlps_own(parser, "前天晚上8点", base) == _jionlps_own(plain, "前天晚上8点", base)


@pytest.mark.parametrize("use", [
    lambda h: h[0], lambda h: list(h), lambda h: [*h], lambda h: len(h), lambda h: h == "inf",
    lambda h: h in ["inf", "-inf"], lambda h: "inf" == h, lambda h: -1 < h, lambda h: h + [1], lambda h: [1] + h,
    lambda h: 1 - h, lambda h: -h, lambda h: "{}".format(h), lambda h: f"{h!r}", lambda h: str(h), lambda h: hash(h),
    lambda h: bool(h), lambda h: h.copy(), lambda h: h[:3], lambda h: dict(zip(h, h)), lambda h: datetime.datetime(*h),
    lambda h: datetime.timedelta(days=h[2]), lambda h: set(h), lambda h: max(h), lambda h: sorted(h), lambda h: int(h),
    lambda h: math.floor(h), lambda h: h()])
def test_any_use_of_the_unread_reference_time_raises(use):
    with pytest.raises(reference_free.BaseRead):
        use(reference_free._Unread())


def test_an_unread_reference_time_passes_jionlps_except_clauses():
    def jionlp_like(handler):
        try:
            return handler[0]
        except Exception:  # noqa: BLE001
            return "swallowed"

    with pytest.raises(reference_free.BaseRead):
        jionlp_like(reference_free._Unread())


def test_usable_base_is_what_jionlp_accepts():
    assert reference_free.usable_base(1700000000.0) and reference_free.usable_base(1700000000)
    for base in [None, "2023-11-17 00:00:00", [2023, 11, 17], {"year": 2023}, True, float("nan"), float("inf"), 1e20,
                 datetime.datetime(2023, 11, 17)]:
        assert not reference_free.usable_base(base), base


def test_other_jionlp_code_is_read_the_plain_way(monkeypatch):
    jionlp = expressions._quiet_jionlp()
    parser = type(jionlp.parse_time)()
    assert reference_free.code_is_as_read()  # the installed jionlp is the code the argument was made from
    assert reference_free.answer_for_every_base(parser, "日下午,数小时过去后", True, False, None) is not None
    monkeypatch.setitem(reference_free.READ_SOURCES, "jionlp.gadget.time_parser", "0" * 64)
    reference_free.code_is_as_read.cache_clear()
    try:
        assert reference_free.answer_for_every_base(parser, "日下午,数小时过去后", True, False, None) is None
    finally:
        monkeypatch.undo()
        reference_free.code_is_as_read.cache_clear()


def _candidates() -> list[str]:
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    extractor = TimeExtractor()
    extractor._prepare()
    texts = {text for sentence in _sentences() + ODD_STRINGS + OWN for text in (sentence, fold(sentence))}
    found = {c["time_candidate"] for text in texts for c in extractor.extract_time_candidates(text)}
    return sorted(found | set(ODD_STRINGS) | set(OWN) | {"今日下午,数小时过去后", "2023年11月17日" * 3})


def test_search_attempts_are_what_jionlps_search_parses_in_its_order():
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    class Refusing(TimeExtractor):  # parses nothing, so the search tries every substring it would try
        def _prepare(self):
            super()._prepare()
            self.parse_time = lambda time_string, **options: self.tried.append(time_string) or 1 / 0

    refusing = Refusing()
    refusing._prepare()
    tried = 0
    for candidate in _candidates():
        refusing.tried = []
        assert refusing.grid_search(candidate, time_base=_stamp(MOMENTS[0])) == (None, None, None)
        assert [parsed for _, parsed, _ in reference_free.search_attempts(refusing, candidate)] == refusing.tried, candidate
        tried += len(refusing.tried)
    assert tried > 3000


def test_the_search_without_what_fails_for_every_date_finds_what_jionlps_search_finds():
    from jionlp.algorithm.ner.time_extractor import TimeExtractor

    plain = TimeExtractor()
    plain._prepare()
    ours = expressions._time_extractor()
    ours("2023年11月17日")  # prepared
    bases = [_stamp(moment) for moment in MOMENTS]
    found = never = 0
    for number, candidate in enumerate(_candidates()):
        for base in [bases[(number + step * 11) % len(bases)] for step in range(3)]:
            expected = plain.grid_search(candidate, time_base=base)
            assert ours._remembered_search(candidate, base, "str", False, None) == expected, candidate
            assert ours.grid_search(candidate, time_base=base) == expected, candidate  # with its shortcut
            found += expected[0] is not None
            never += ours._never_parses(candidate, base, "str", False, None)
    assert found > 300 and never > 300


def _agreeing(moment: datetime.datetime, positions: tuple[int, ...]) -> list[datetime.datetime]:
    """Return reference times that keep ``moment``'s items at ``positions`` (year, month, day, hour,
    minute, second) and change the others: other months, days (month ends, leap days), hours."""
    items = [moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second]
    others = []
    for shift in [(2024, 2, 29, 0, 0, 0), (2000, 12, 31, 23, 59, 59), (2019, 1, 1, 12, 30, 1), (2023, 6, 30, 5, 45, 30)]:
        changed = [items[i] if i in positions else shift[i] for i in range(6)]
        try:
            others.append(datetime.datetime(*changed))
        except ValueError:  # 29 February of another year
            changed[2] = 28
            others.append(datetime.datetime(*changed))
    return others


def test_a_reading_by_the_items_it_read_is_jionlps_own_wherever_they_agree():
    jionlp = expressions._quiet_jionlp()
    tracked, plain = type(jionlp.parse_time)(), type(jionlp.parse_time)()
    read = {}
    for number, string in enumerate(_search_strings()):
        if reference_free.answer_for_every_base(tracked, string, True, False, None) is not None:
            continue  # the same for every date: the test above
        moment = MOMENTS[number % len(MOMENTS)]
        found = reference_free.answer_and_items_read(tracked, string, reference_free.handler_of(_stamp(moment)),
                                                     True, False, None)
        if found is None:
            continue
        answer, positions = found
        assert _jionlps_own(plain, string, _stamp(moment)) == answer, (string, moment)
        read[positions] = read.get(positions, 0) + 1
        for other in _agreeing(moment, positions):
            assert _jionlps_own(plain, string, _stamp(other)) == answer, (string, moment, other, positions)
    # not vacuous: strings that read the year alone (11月17日), and strings that read the whole date (昨天)
    assert read.get((0,), 0) > 20 and read.get((0, 1, 2, 3, 4, 5), 0) > 50, read


HANDLER = (2024, 2, 29, 23, 59, 7)


@pytest.mark.parametrize("use, read", [
    (lambda h: h[0], {0}), (lambda h: h[-3], {3}), (lambda h: h[:3], {0, 1, 2}), (lambda h: h[4:], {4, 5}),
    (lambda h: len(h), set()), (lambda h: bool(h), set()), (lambda h: list(h), set(range(6))),
    (lambda h: [*h], set(range(6))), (lambda h: datetime.datetime(*h), set(range(6))),
    (lambda h: [i for i in h if i > -1], set(range(6))), (lambda h: list(zip(h, "abcdef")), set(range(6))),
    (lambda h: h == [2024, 2, 29, 23, 59, 7], set(range(6))), (lambda h: h in ["inf", "-inf"], set(range(6))),
    (lambda h: "inf" == h, set(range(6))), (lambda h: -1 in h, set(range(6))), (lambda h: h < [2025], set(range(6))),
    (lambda h: [2025] > h, set(range(6))), (lambda h: "{}".format(h), set(range(6))), (lambda h: str(h), set(range(6))),
    (lambda h: set(h) == {-1}, set(range(6))), (lambda h: max(h), set(range(6)))])
def test_a_tracked_reference_time_answers_as_its_list_and_notes_what_was_read(use, read):
    tracked = reference_free._Tracked(HANDLER)
    assert use(tracked) == use(list(HANDLER))
    assert tracked.read == read


@pytest.mark.parametrize("use", [
    lambda h: h.__setitem__(0, 1), lambda h: h.copy(), lambda h: h.append(1), lambda h: hash(h), lambda h: h + [1],
    lambda h: [1] + h, lambda h: h * 2, lambda h: h[True], lambda h: h[6], lambda h: h["0"], lambda h: reversed(h)])
def test_any_other_use_of_a_tracked_reference_time_raises(use):
    with pytest.raises(reference_free.BaseRead):
        use(reference_free._Tracked(HANDLER))
