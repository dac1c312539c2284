"""jionlp's time readings that are the same for every reference time, or for every reference time of a
year, told apart by reading without the reference time, or with one that notes what was read of it.

jionlp's candidate search (``TimeExtractor.grid_search``) parses a candidate's substrings from the
longest down until one parses: in news text most attempts fail ('今日下午,数小时过去后', '日下午,数小时
过去后', … before '今日下午'), and most failures, like some answers (2015年, 两天), owe nothing to the
reference time. Such an answer can be kept by the string alone and given for every article's date.

How it is proven, for one string. ``TimeParser.__call__`` turns the reference time (a POSIX timestamp)
into a *handler*, the list [year, month, day, hour, minute, second], and every later step sees the
reference only through that list (``self.time_base_handler``, or the same object passed on).
``answer_for_every_base`` takes the steps of ``__call__`` with the handler replaced by an ``_Unread``
object, on which every operation (an item, iterating, comparing, hashing, printing, an attribute)
raises ``BaseRead``, a ``BaseException``, which jionlp's ``except Exception`` clauses let through.
When the steps end (an answer, or an ordinary error) without raising it, none of them looked at the
reference, so they run the same way whatever it is: the answer is jionlp's own for every reference
time. Three facts of jionlp 1.5.31's code, where a poisoned value could go unnoticed, complete the
argument: it never asks the handler's type or identity (only its items and its equality); its two
bare ``except:`` clauses (``_normalize_limit_span_day``, ``_convert_lunar2solar``) guard code that
sees numbers only; and the one check ``__call__`` makes of the reference between the conversion and
the parse (a year, no gap) is made here on the real reference before any remembered answer is given
(``usable_base``).

The same argument with a handler that lends its items and notes which were read (``_Tracked``: an
item, a slice, or all of them when iterated, compared or printed; any other use raises) gives
``answer_and_items_read``: the steps that read only the year (11月17日) run the same way under every
reference time of that year, so their answer is kept by the string and the items read.

A period (每周五, 每年9月) is left to jionlp: its failures are logged, and a memory would log them once
instead of each time. The steps copy ``__call__`` as jionlp 1.5.31 wrote it, and ``search_attempts``
copies its search's loop: the modules read for this argument are checked by their source at first
use, and for any other code every string is read the plain way.
"""

from __future__ import annotations

import hashlib
import inspect
from functools import lru_cache

#: sha256 of the source of the jionlp modules that the argument above was made from (jionlp 1.5.31).
READ_SOURCES = {
    "jionlp.gadget.time_parser": "6089c65799b5afb5059a573eb1cf54c7ba48441f10c541eac1b8921590337c26",
    "jionlp.gadget.time_parser_new.time_utility": "35fc2eccb1ceb4fc4a0f3b0a52df8ffcc30c9a9fdbc0a5ed5596d381a7786353",
    "jionlp.gadget.time_parser_new.time_delta": "c2f48c1c0a054bc967c3334c255f51003a0025789b3127bc35cbca4bace10346",
    # the candidate search, whose order of attempts ``search_attempts`` copies
    "jionlp.algorithm.ner.time_extractor": "9d5a9c3abc0370cb5f4f4bede304b4b3f814cdc938079c41e9784bc29a2e6047",
}


class BaseRead(BaseException):
    """Raised when jionlp's parser looks at the reference time that an ``_Unread`` stands for."""


class _Unread:
    """Stands for the reference time's handler; any use of it raises ``BaseRead``."""

    def _read(self, *args, **kwargs):
        raise BaseRead


#: The protocols through which Python code uses a value (``__getattr__`` covers its methods); the
#: binary operators also reflected (1 + x) and in place (x += 1).
_PROTOCOLS = ("getitem setitem delitem iter reversed len contains length_hint eq ne lt le gt ge hash bool repr str"
              " format bytes getattr copy deepcopy reduce reduce_ex call enter exit index int float complex round"
              " trunc floor ceil neg pos abs invert").split()
_BINARY = "add sub mul matmul truediv floordiv mod divmod pow lshift rshift and xor or".split()
for _name in _PROTOCOLS + _BINARY + [f"r{b}" for b in _BINARY] + [f"i{b}" for b in _BINARY]:
    setattr(_Unread, f"__{_name}__", _Unread._read)


@lru_cache(maxsize=1)
def code_is_as_read() -> bool:
    """Return whether jionlp's time parsing modules are the very ones the argument was made from."""
    import importlib

    for name, digest in READ_SOURCES.items():
        try:
            source = inspect.getsource(importlib.import_module(name))
        except (ImportError, OSError, TypeError):
            return False
        if hashlib.sha256(source.encode()).hexdigest() != digest:
            return False
    return True


def usable_base(time_base) -> bool:
    """Return whether ``time_base`` is a timestamp that jionlp turns into a handler its parser accepts
    (what ``TimeParser.__call__`` checks of it), so that a reading made without it holds for it.

    >>> usable_base(1700000000.0), usable_base(1e20), usable_base("2023-11-17 00:00:00")
    (True, False, False)
    """
    return type(time_base) in (float, int) and _usable_timestamp(time_base)  # as jionlp tells a timestamp


@lru_cache(maxsize=4096)
def _usable_timestamp(time_base: float) -> bool:
    from jionlp.gadget.time_parser_new.time_utility import TimeUtility

    try:
        handler = TimeUtility._convert_time_base2handler(time_base)
    except Exception:  # noqa: BLE001 - out of the platform's range, NaN: jionlp's own call fails, left to it
        return False
    return TimeUtility.check_handler(handler) and handler[0] != -1


def answer_for_every_base(parser, time_string: str, strict: bool, ret_future: bool,
                          period_results_num) -> tuple | None:
    """Return jionlp's answer to ``parser(time_string, time_base=..., strict=strict, ret_future=ret_future,
    period_results_num=period_results_num)`` when it is the same for every usable reference time:
    ``(result, None)``, or ``(None, "ErrorType: message")`` for a string it cannot read; None when the
    answer may depend on the reference time (or on code other than the code read).

    >>> from corpus_tools.chronology.expressions import _quiet_jionlp
    >>> parser = type(_quiet_jionlp().parse_time)()  # a TimeParser of jionlp's
    >>> answer_for_every_base(parser, "2015年", True, False, None)
    ({'type': 'time_point', 'definition': 'accurate', 'time': ['2015-01-01 00:00:00', '2015-12-31 23:59:59']}, None)
    >>> answer_for_every_base(parser, "昨天", True, False, None) is None  # read against the reference
    True
    >>> answer_for_every_base(parser, "日下午,数小时过去后", True, False, None)[1][:11]
    'ValueError:'
    """
    return _steps(parser, time_string, strict, ret_future, period_results_num, _Unread())


def answer_and_items_read(parser, time_string: str, handler: tuple, strict: bool, ret_future: bool,
                          period_results_num) -> tuple[tuple, tuple[int, ...]] | None:
    """Return jionlp's answer (as ``answer_for_every_base``) under the reference time whose handler is
    ``handler`` (``handler_of``), and the positions of the handler's items it read: the same answer
    holds for every reference time whose handler has the same items there (11月17日 reads the year
    alone). None when the parse uses the handler otherwise than by reading it, or on a period.

    >>> from corpus_tools.chronology.expressions import _quiet_jionlp
    >>> parser = type(_quiet_jionlp().parse_time)()
    >>> answer_and_items_read(parser, "11月17日", (2023, 11, 21, 10, 5, 49), True, False, None)
    (({'type': 'time_point', 'definition': 'accurate', 'time': ['2023-11-17 00:00:00', '2023-11-17 23:59:59']}, None), (0,))
    """
    tracked = _Tracked(handler)
    answer = _steps(parser, time_string, strict, ret_future, period_results_num, tracked)
    return None if answer is None else (answer, tuple(sorted(tracked.read)))


@lru_cache(maxsize=4096)
def handler_of(time_base: float) -> tuple[int, ...]:
    """Return the handler jionlp makes of a usable timestamp (``usable_base``): its year, month, day,
    hour, minute and second on this machine's clock."""
    from jionlp.gadget.time_parser_new.time_utility import TimeUtility

    return tuple(TimeUtility._convert_time_base2handler(time_base))


class _Tracked:
    """Stands for the reference time's handler and notes which of its items are read: an item or a
    slice by position, or all of them (iterating, comparing, printing), each as the list would give
    them; its length is six, as for every handler. Any other use (changing it, a method) raises
    ``BaseRead``, so that no answer rests on a use whose reading was not noted."""

    def __init__(self, handler):
        self._items, self.read = list(handler), set()

    def __getitem__(self, position):
        if type(position) is slice:
            self.read.update(range(len(self._items))[position])
        elif type(position) is int and -len(self._items) <= position < len(self._items):
            self.read.add(position % len(self._items))
        else:
            raise BaseRead
        return self._items[position]

    def _all(self) -> list:
        self.read.update(range(len(self._items)))
        return self._items

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __iter__(self):
        return iter(self._all())

    def __contains__(self, item):
        return item in self._all()

    def __eq__(self, other):
        return self._all() == other

    def __ne__(self, other):
        return self._all() != other

    def __lt__(self, other):
        return self._all() < other

    def __le__(self, other):
        return self._all() <= other

    def __gt__(self, other):
        return self._all() > other

    def __ge__(self, other):
        return self._all() >= other

    def __repr__(self):
        return repr(self._all())

    def __str__(self):
        return str(self._all())

    def __format__(self, spec):
        return format(self._all(), spec)


for _name in set(_PROTOCOLS + _BINARY + [f"r{b}" for b in _BINARY] + [f"i{b}" for b in _BINARY]) - {
        "getitem", "len", "bool", "iter", "contains", "eq", "ne", "lt", "le", "gt", "ge", "repr", "str", "format"}:
    setattr(_Tracked, f"__{_name}__", _Unread._read)


def _steps(parser, time_string: str, strict: bool, ret_future: bool, period_results_num, handler) -> tuple | None:
    """Return the answer of ``TimeParser.__call__``'s steps with ``handler`` (an ``_Unread`` or a
    ``_Tracked``) for the reference time's handler; None when they use it otherwise than it allows
    (``BaseRead``), on a period, or for code other than the code read."""
    from jionlp.gadget.time_parser import TimeParser

    if not code_is_as_read():
        return None
    if parser.future_time is None:
        parser._preprocess()
    parser.string_strict, parser.virtual_time, parser.ret_future, parser.lunar_date = strict, False, ret_future, True
    time_string = TimeParser._cleansing(time_string)
    if parser.period_time_pattern.search(time_string):
        return None  # a period: jionlp logs its failures, so each is left to it
    kept, parser.time_base_handler = parser.time_base_handler, handler
    try:
        # parse_time_period answers (None, None) without the period pattern
        result = parser.time_delta.parse_time_delta_span(time_string, time_type=None)
        if result is None:
            # (here __call__ checks the reference: usable_base, before any answer from here is given)
            time_string = time_string.replace("的", "")
            first, second, time_type, blur_time = parser.parse_time_span_point(time_string)
            start, end = parser.time_handler2standard_time(first, second)
            result = {"type": time_type, "definition": blur_time, "time": [start, end]}
    except BaseRead:
        return None
    except Exception as error:  # noqa: BLE001 - any error is jionlp's "not a time", as the search takes it
        return _failure(error)
    finally:
        parser.time_base_handler = kept
    return (result, None) if _plain(result) else None


def search_attempts(extractor, time_candidate: str) -> list[tuple[str, str, tuple[int, int]]]:
    """Return what jionlp's candidate search (``TimeExtractor.grid_search``) parses, in its order: each
    ``(substring, the string parsed, (start, end))``; its loop over the substrings, longest first and
    then left to right, up to 35 characters, with its rules (``_filter``, 的 and spaces left out, a
    bracketed weekday left out, no cut through a number) and without the parsing. The search answers
    with the first of them that parses.

    >>> from corpus_tools.chronology.expressions import _time_extractor
    >>> [parsed for _, parsed, _ in search_attempts(_time_extractor(), "今日下午,数小时")][:4]
    ['今日下午,数小时', '今日下午,数小', '日下午,数小时', '今日下午,数']
    """
    from jionlp.rule import extract_parentheses, remove_parentheses

    if extractor.parse_time is None:
        extractor._prepare()
    attempts = []
    length = min(len(time_candidate), 35)
    for i in range(length):
        for j in range(i):
            try:  # as the search, which takes any error in these steps as "not this substring"
                offset = (j, length - i + j + 1)
                sub_string = time_candidate[j: offset[1]]
                if not extractor._filter(sub_string):
                    continue
                parsed = sub_string.replace("的", "").replace(" ", "")
                bracketed = "".join(extract_parentheses(parsed, parentheses="()（）"))
                if "周" in bracketed or "星期" in bracketed:
                    parsed = remove_parentheses(parsed, parentheses="()（）")
                number = extractor.num_pattern
                if number.search(parsed[0]) and j - 1 >= 0 and number.search(time_candidate[j - 1]):
                    continue
                if number.search(parsed[-1]) and offset[1] < length and number.search(time_candidate[offset[1]]):
                    continue
            except Exception:  # noqa: BLE001
                continue
            attempts.append((sub_string, parsed, offset))
    return attempts


def _failure(error: Exception) -> tuple | None:
    """Return ``(None, "ErrorType: message")``, or None when the error itself holds the reference."""
    try:
        return None, f"{type(error).__name__}: {error}"
    except BaseRead:
        return None


def _plain(value) -> bool:
    """Return whether a parse result is made of dicts, lists, strings and numbers only (no ``_Unread``)."""
    if isinstance(value, dict):
        return all(_plain(key) and _plain(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)
