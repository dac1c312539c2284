"""The publication date of a page: every form the Chinese-language web prints, and where it came from.

Forms read (on the text folded to Simplified script): a full date with or without a time
(``2023-11-20 16:19:43``, ``2023年11月20日 10:05``, ``2023/11/20``, ``2023.11.20``), a labelled stamp
(``发布时间:``; ``更新时间:`` counts only when nothing else dates the page), a year-less stamp
(``11-20 10:05``), a dateline without a year (``《科创板日报》11月22日讯``, ``中新网北京11月22日电``,
``快科技11月19日消息``), Taiwan's calendar (``民國112年11月18日``) and the Central News Agency's
filing code (``（編輯：…）1121118`` = 2023-11-18), and the URL (``/2023/11/22/``, ``/20231122/``,
``/202311/``, an epoch-milliseconds id).

Where to look: the lines above the body, the byline and credit lines wherever they are, the first
paragraph (for a dateline), the URL, and what the format states (an HTML page's metadata). Lists of
other stories are never read: their stamps are theirs.

Choosing: the article's own date is the earliest of the page's full dates when they disagree by
more than two days; the later one is a repost site's stamp and goes to ``repost_published``. A
year-less dateline takes its year from another date on the page or the URL (the latest year that does
not put it after that date); failing that it stays *pending* and ``load_corpus`` infers the year from
the corpus, saying so. ``basis`` says, in words, where each date came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..scripts import fold
from .boilerplate import NOT_THE_PAGE

TIMEZONE = "Asia/Shanghai"
#: Days by which two dates of a page may differ and still be the same publication.
SAME_STORY_DAYS = 2
#: Days a repost's stamp may follow a year-less dateline and still give it its year when the corpus
#: cannot choose one.
REPOST_YEAR_DAYS = 60

_TIME = (r"(?:\s*[(（]?\s*(?:星期|周|礼拜)?[一二三四五六日天][)）]?)?(?:\s*(?P<ampm>上午|下午|晚上|凌晨|早上|中午|AM|PM))?"
         r"(?:\s*(?:T|\s)?\s*(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?"
         r"(?:\s*(?P<ampm2>AM|PM|am|pm)(?![A-Za-z]))?)?")
_FULL = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.年])\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*"
                   r"(?P<d>3[01]|[12]\d|0?[1-9])(?:(?!\d)|(?=(?:[01]\d|2[0-3])[:：][0-5]\d))\s*日?" + _TIME)
_MINGUO = re.compile(r"(?:民国|中华民国)\s*(?P<y>\d{2,3})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日" + _TIME
                     + r"|(?<!\d)(?P<y2>1[01]\d)\s*年\s*(?P<m2>1[0-2]|0?[1-9])\s*月\s*(?P<d2>3[01]|[12]\d|0?[1-9])\s*日")
_CNA_CODE = re.compile(r"(?:[)）]\s*|[(（]|^\s*)(?P<y>1[01]\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\s*[)）]?\s*$")
_MD_TIME = re.compile(r"(?<![\d/.-])(?P<m>1[0-2]|0?[1-9])\s*(?:[-/]|月)\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?\s+"
                      r"(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?")
_DATELINE = re.compile(r"^.{0,30}?(?<!\d)(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日"
                       r"[^，,。\d]{0,6}?(?:电|讯|消息|报道|专电|快讯|综合报道)")
_DAY_DATELINE = re.compile(r"^[(（]?\s*中央社.{0,24}?(?<![\d月])(?P<d>3[01]|[12]\d|0?[1-9])\s*日\s*(?:专电|电|综合外电报导|外电)")
_MONTH_DAY = re.compile(r"(?<![\d年/.-])(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日")
_LABEL = re.compile(r"(发布时间|发表时间|发布日期|发表日期|发文时间|发布于|发表于|更新时间|更新日期|更新于|最后更新|修改于|编辑于|"
                    r"时间|日期|Published|Posted|Updated)\s*[:：]?\s*$", re.IGNORECASE)
_RELATIVE_AGE = re.compile(r"\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\b.*|\d+\s*(分钟|小时|天|周|个月|年)前")
_URL_YMD = re.compile(r"(?<![\d])(?P<y>20\d\d)[/_-]?(?P<m>0[1-9]|1[0-2])[/_-]?(?P<d>0[1-9]|[12]\d|3[01])(?![\d])")
_URL_YM = re.compile(r"/(?P<y>20\d\d)[/_-]?(?P<m>0[1-9]|1[0-2])/")
_URL_EPOCH_MS = re.compile(r"(?<!\d)(?P<ms>1[4-9]\d{11})(?!\d)")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_ENGLISH = re.compile(r"\b" + _MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?:(?P<H>[012]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?\s+)?"
                      r"(?P<y>(?:19|20)\d\d)\b(?:,?\s+(?P<H2>[012]?\d):(?P<M2>[0-5]\d)(?::(?P<S2>[0-5]\d))?)?|\b(?P<d2>[0-3]?\d)\s+(?P<mon2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+"
                      r"(?P<y2>(?:19|20)\d\d)\b", re.IGNORECASE)
#: A stamp line saying the page was compiled from the web: its stamp is the compiler's posting, not the article's.
_COMPILED = re.compile(r"(?:来源|来自|出处)\s*[:：]\s*(?:网络整理|网络转载|网络|互联网|综合网络|网友投稿)(?![\u4e00-\u9fff])|网络整理|转自网络")
_ORIGINAL = re.compile(r"原文时间|原文发布|原发|首发|转载自|转自|原文|来源")
_META_KINDS = ("byline", "credit", "share_copyright", "disclaimer", "title", "navigation", "tags")


@dataclass(frozen=True)
class Pending:
    """A date a page prints without its year: ``month`` (None when only the day is printed), ``day``,
    the time if printed, ``not_after``: a later stamp of the page (a repost's), or NaT, and
    ``fallback_year``: the year that stamp gives when the corpus cannot choose, or None."""

    month: int | None
    day: int
    hour: int | None = None
    minute: int | None = None
    not_after: pd.Timestamp = pd.NaT
    fallback_year: int | None = None


@dataclass
class DateFinding:
    """The date of one page: ``published`` (Beijing time, or NaT), ``basis`` (where it came from),
    ``repost_published`` (a later repost stamp, or NaT), and ``pending`` (the ``Pending`` date of a
    year-less dateline still waiting for its year from the corpus, else None)."""

    published: pd.Timestamp
    basis: str
    repost_published: pd.Timestamp = pd.NaT
    pending: Pending | None = None


@dataclass
class _Candidate:
    stamp: pd.Timestamp
    has_time: bool
    where: str
    rank: int  # lower is stronger evidence of the article's own date
    original: bool = False  # printed on a line that credits the original (转载自, 原文时间...)


def to_beijing(value: object) -> pd.Timestamp:
    """Return ``value`` as a Timestamp in Beijing time (naive values are taken to be Beijing time).

    >>> to_beijing("2023-11-18T02:06:20Z")
    Timestamp('2023-11-18 10:06:20+0800', tz='Asia/Shanghai')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return pd.NaT
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return pd.NaT
    return stamp.tz_localize(TIMEZONE) if stamp.tzinfo is None else stamp.tz_convert(TIMEZONE)


def _stamp(y: int, m: int, d: int, hh: object = None, mm: object = None, ss: object = None) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=int(y), month=int(m), day=int(d), hour=int(hh or 0), minute=int(mm or 0),
                            second=int(ss or 0)).tz_localize(TIMEZONE)
    except (ValueError, TypeError):
        return None


def _hour(match: re.Match) -> int | None:
    """Return the 24-hour hour of a matched time (下午3:05 and 3:05 PM are 15)."""
    hour = match.groupdict().get("H")
    if hour is None:
        return None
    hour = int(hour)
    marker = (match.groupdict().get("ampm") or match.groupdict().get("ampm2") or "").upper()
    if marker in ("下午", "晚上", "PM") and hour < 12:
        hour += 12
    elif marker == "AM" and hour == 12:
        hour = 0
    return hour


#: Time zones a stamp may name right after its time (on the text folded to Simplified script); a stamp
#: naming none is Beijing time.
_ZONES = (
    (re.compile(r"^\s*[(（]?\s*(?:美国)?(?:东部|美东)(?:标准|夏令)?时间|^\s*[(（]?\s*(?:ET|EST|EDT)\b"), "America/New_York"),
    (re.compile(r"^\s*[(（]?\s*(?:美国)?(?:太平洋|西部|美西)(?:标准|夏令)?时间|^\s*[(（]?\s*(?:PT|PST|PDT)\b"), "America/Los_Angeles"),
    (re.compile(r"^\s*[(（]?\s*(?:GMT|UTC|格林尼治时间|协调世界时)(?![+-]\d)"), "UTC"),
    (re.compile(r"^\s*[(（]?\s*(?:英国|伦敦)(?:夏令)?时间|^\s*[(（]?\s*BST\b"), "Europe/London"),
)


def _zoned(stamp: pd.Timestamp, after: str) -> tuple[pd.Timestamp, str]:
    """Return ``stamp`` (read as Beijing time) in Beijing time when the words ``after`` its time name
    another zone (``上午7:42 美国东部标准时间`` is 20:42 in Beijing), with the zone's name, else as it is."""
    for pattern, zone in _ZONES:
        if pattern.search(after):
            return stamp.tz_localize(None).tz_localize(zone, ambiguous=False, nonexistent="shift_forward") \
                .tz_convert(TIMEZONE), zone
    return stamp, ""


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+", re.IGNORECASE)


def _full_dates(text: str, where: str, rank: int) -> list[_Candidate]:
    text = _WEB_ADDRESS.sub(" ", text)  # a web address printed on the page dates another page
    found = []
    for m in _FULL.finditer(text):
        if m["sep"] == "." and m["H"] is None and re.match(r"\d", text[m.end():m.end() + 1] or " "):
            continue
        stamp = _stamp(m["y"], m["m"], m["d"], _hour(m), m["M"], m["S"])
        zone = ""
        if stamp is not None and m["H"] is not None:
            stamp, zone = _zoned(stamp, text[m.end():m.end() + 16])
        if stamp is not None:
            label = _LABEL.search(text[: m.start()])
            kind = label.group(1) if label else ""
            updated = any(word in kind.lower() for word in ("更新", "修改", "编辑", "updated"))
            own_rank = rank + (3 if updated else 0) - (1 if "发" in kind or kind.lower() == "posted" else 0)
            original = bool(_ORIGINAL.search(text)) and "更新" not in kind
            what = f"{where}: {m.group(0).strip()!r}" + (f" ({zone} time, in Beijing time)" if zone else "")
            found.append(_Candidate(stamp, m["H"] is not None, what, own_rank, original))
    for m in _MINGUO.finditer(text):
        y = m["y"] or m["y2"]
        stamp = _stamp(int(y) + 1911, m["m"] or m["m2"], m["d"] or m["d2"], _hour(m), m["M"], m["S"])
        if stamp is not None:
            found.append(_Candidate(stamp, m["H"] is not None, f"{where}: Taiwan (Minguo) year {m.group(0).strip()!r}", rank))
    for m in _ENGLISH.finditer(text):
        month = _MONTHS[(m["mon"] or m["mon2"])[:3].lower()]
        hour, minute, second = (m["H"], m["M"], m["S"]) if m["H"] is not None else (m["H2"], m["M2"], m["S2"])
        stamp = _stamp(m["y"] or m["y2"], month, m["d"] or m["d2"], hour, minute, second)
        if stamp is not None:
            found.append(_Candidate(stamp, hour is not None, f"{where}: {m.group(0).strip()!r}", rank))
    code = _CNA_CODE.search(text)
    if code:
        stamp = _stamp(int(code["y"]) + 1911, code["m"], code["d"])
        if stamp is not None:
            found.append(_Candidate(stamp, False, f"{where}: Central News Agency filing code "
                                                  f"{code.group(0).strip()!r} (Minguo year, month, day)", rank))
    return found


def url_date(url: str | None) -> tuple[pd.Timestamp | None, str, str]:
    """Return ``(date, precision, what)`` read from a URL: its epoch-milliseconds id, its
    year-month-day path, or its year-month path (precision ``'month'``, the 1st of the month).

    >>> url_date("https://example.com/tech/2023/11/22/abc.html")[:2]
    (Timestamp('2023-11-22 00:00:00+0800', tz='Asia/Shanghai'), 'day')
    """
    if not url:
        return None, "", ""
    path = re.sub(r"^[a-z]+://[^/]+", "", str(url), flags=re.IGNORECASE)
    epoch = _URL_EPOCH_MS.search(path)
    if epoch:
        stamp = pd.Timestamp(int(epoch["ms"]), unit="ms", tz="UTC").tz_convert(TIMEZONE)
        if 2000 <= stamp.year <= 2035:
            return stamp, "time", f"epoch-milliseconds id {epoch['ms']} in the URL"
    ymd = _URL_YMD.search(path)
    if ymd:
        stamp = _stamp(ymd["y"], ymd["m"], ymd["d"])
        if stamp is not None:
            return stamp, "day", f"URL path {ymd.group(0)!r}"
    ym = _URL_YM.search(path)
    if ym:
        return _stamp(ym["y"], ym["m"], 1), "month", f"URL path {ym.group(0)!r} (month only)"
    return None, "", ""


def _year_for(month: int, day: int, references: list[pd.Timestamp]) -> tuple[int, pd.Timestamp] | None:
    """Return (year, reference) giving the month-day the latest year that does not fall more than
    ``SAME_STORY_DAYS`` after a reference date (a stamp or URL date printed with the page)."""
    best = None
    for ref in references:
        for year in (ref.year, ref.year - 1):
            stamp = _stamp(year, month, day)
            if stamp is not None and stamp <= ref + pd.Timedelta(days=SAME_STORY_DAYS):
                if best is None or abs((ref - stamp).days) < abs((best[1] - best[2]).days):
                    best = (year, ref, stamp)
                break
    return (best[0], best[1]) if best else None


_YEAR_PIECE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*[年/.-]?\s*$")
_MONTH_DAY_PIECE = re.compile(r"^\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?\s*$")
_TIME_PIECE = re.compile(r"^\s*(?:[01]?\d|2[0-3])\s*[:：]\s*[0-5]\d(?:\s*[:：]\s*[0-5]\d)?\s*$")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def _joined_stamps(lines: list[tuple[int, str, str | None]]) -> list[tuple[int, str, str | None]]:
    """Return ``lines`` with a stamp printed over short lines (``2023`` / ``11/30`` / ``12:30``) joined
    into one line (``2023-11-30 12:30``, under the first line's number and kind)."""
    joined, i = [], 0
    while i < len(lines):
        number, text, kind = lines[i]
        year = _YEAR_PIECE.match(text)
        month_day = _MONTH_DAY_PIECE.match(lines[i + 1][1]) if year and i + 1 < len(lines) else None
        if month_day:
            stamp = f"{year['y']}-{month_day['m']}-{month_day['d']}"
            i += 2
            if i < len(lines) and _TIME_PIECE.match(lines[i][1]):
                stamp += " " + lines[i][1].strip()
                i += 1
            joined.append((number, stamp, kind if kind is not None else "byline"))
            continue
        joined.append(lines[i])
        i += 1
    return joined


def _is_stamp_line(folded: str) -> bool:
    """Whether a line the cleaner kept as body is a stamp line: no sentence, and a full date with its
    time or with little else in words (``- 作者 - 2023-11-20 - 浏览``), not a lede that opens with the
    date of the event it tells."""
    if _SENTENCE_END.search(folded) or len(folded) > 100:
        return False
    date = _FULL.search(folded)
    if date is None:
        return False
    rest = folded[: date.start()] + folded[date.end():]
    return date["H"] is not None or len(re.findall(r"[\u4e00-\u9fff]", rest)) <= 12


def _filing_code(lines: list[tuple[int, str, str | None]]) -> _Candidate | None:
    """Return the Central News Agency's filing code (``…（譯者：…）1121118`` = 2023-11-18) printed at the
    end of one of the page's last lines, or alone on a line there, as a candidate date."""
    tail = [(n, fold(t)) for n, t, kind in lines if t.strip() and kind not in NOT_THE_PAGE][-4:]
    for number, text in reversed(tail):
        code = _CNA_CODE.search(text)
        if code:
            stamp = _stamp(int(code["y"]) + 1911, code["m"], code["d"])
            if stamp is not None:
                return _Candidate(stamp, False, f"page's last lines: Central News Agency filing code "
                                                f"{code.group(0).strip()!r} (Minguo year, month, day; line {number})", 2)
    return None


def find_date(lines: list[tuple[int, str, str | None]], url: str | None = None,
              given: list[tuple[object, str]] = ()) -> DateFinding:
    """Return the page's publication date from its classified lines (``(line_no, text, kind)``,
    kind None for body), its URL and dates the format ``given`` (``(value, where)``).

    >>> lines = [(1, "OpenAI董事会开除奥特曼", "title"), (2, "第一财经 2023-11-20 16:19:43", "byline"),
    ...          (3, "《科创板日报》11月20日讯,微软宣布聘请奥特曼。", None)]
    >>> finding = find_date(lines)
    >>> str(finding.published), finding.basis
    ('2023-11-20 16:19:43+08:00', "page byline: '2023-11-20 16:19:43'")
    """
    candidates: list[_Candidate] = []
    datelines: list[tuple[int, int, object, object, str]] = []  # month, day, hour, minute, what
    day_only = None  # a dateline giving only the day (中央社記者…舊金山25日電)
    printed_age = None
    compiled: list[_Candidate] = []  # stamps of a page compiled from the web (来源：网络整理)
    body_seen = 0
    lines = _joined_stamps(lines)
    for number, text, kind in lines:
        if kind in NOT_THE_PAGE:
            continue
        if kind is None:
            body_seen += 1
            if body_seen > 3:
                continue
        folded = fold(text)
        head = body_seen == 0
        if kind is None:
            found = _DATELINE.search(folded)
            if found:
                what = f"dateline {found.group(0)[-16:].strip()!r} (line {number})"
                if found["y"]:
                    stamp = _stamp(found["y"], found["m"], found["d"])
                    if stamp is not None:
                        candidates.append(_Candidate(stamp, False, what, 1))
                else:
                    datelines.append((int(found["m"]), int(found["d"]), None, None, what))
            day = _DAY_DATELINE.search(folded)
            if day and day_only is None:
                day_only = (int(day["d"]), f"dateline {day.group(0).strip()!r} (line {number})")
            if body_seen <= 2 and _is_stamp_line(folded):
                candidates += _full_dates(folded, "page stamp line", 3)
            continue
        if not (head or kind in ("byline", "credit", "share_copyright", "disclaimer")):
            continue
        where = f"page {kind or 'line'}" if kind else "page"
        rank = 2 if kind in ("byline", "title", "credit") or head else 3
        found_full = _full_dates(folded, where, rank)
        if found_full and _COMPILED.search(folded):
            compiled += found_full
            continue
        candidates += found_full
        if not found_full and head:
            for m in _MD_TIME.finditer(folded):
                datelines.append((int(m["m"]), int(m["d"]), m["H"], m["M"],
                                  f"year-less stamp {m.group(0).strip()!r} (line {number})"))
            found = _DATELINE.search(folded) or (_MONTH_DAY.search(folded) if kind == "byline" else None)
            if found and not found.groupdict().get("y") and not datelines:
                datelines.append((int(found["m"]), int(found["d"]), None, None,
                                  f"year-less date {found.group(0).strip()!r} (line {number})"))
            age = _RELATIVE_AGE.search(text)
            if age and printed_age is None:
                printed_age = text
    code = _filing_code(lines)
    if code is not None and not any(c.stamp.normalize() == code.stamp for c in candidates):
        candidates.append(code)
    for value, where in given:
        try:
            stamp = to_beijing(value)
        except (ValueError, TypeError):
            continue
        if not pd.isna(stamp):
            text = str(value)
            has_time = bool(re.search(r"\d[:：]\d", text)) and not re.search(r"00:00(:00)?$", text)
            candidates.append(_Candidate(stamp, has_time, where, 2))
    from_url, precision, url_what = url_date(url)

    url_reference = None if from_url is None else \
        from_url + (pd.Timedelta(days=31) if precision == "month" else pd.Timedelta(0))
    for month, day, hh, mm, what in datelines:
        same = [c for c in candidates if c.stamp.month == month and abs(c.stamp.day - day) <= SAME_STORY_DAYS]
        if same:  # the full date says the same, with its year; the year-less one may add the time
            exact = [c for c in same if c.stamp.day == day and not c.has_time]
            if exact and hh is not None and not any(c.has_time for c in same):
                stamp = _stamp(exact[0].stamp.year, month, day, hh, mm)
                candidates.append(_Candidate(stamp, True, f"{what}, year from {exact[0].where}", exact[0].rank))
            continue
        year = _year_for(month, day, [url_reference] if url_reference is not None else [])
        if year is None and candidates:
            # the page's stamp is a later repost's: it may be days or a year after the dateline, so
            # the corpus chooses the year (not after the stamp); the stamp's own year is the fallback
            # when the repost follows within REPOST_YEAR_DAYS
            year = _year_for(month, day, [c.stamp for c in candidates])
            near = year is not None and year[1] - _stamp(year[0], month, day) <= pd.Timedelta(days=REPOST_YEAR_DAYS)
            stamp = min(c.stamp for c in candidates)
            return DateFinding(pd.NaT, f"pending: {what} has no year, and the page's stamp "
                                       f"{stamp.strftime('%Y-%m-%d %H:%M')} is a later repost's", stamp,
                               Pending(month, day, hh, mm, not_after=stamp, fallback_year=year[0] if near else None))
        if year is not None:
            stamp = _stamp(year[0], month, day, hh, mm)
            candidates.append(_Candidate(stamp, hh is not None, f"{what}, year {year[0]} from another date "
                                                                f"of the page ({year[1].date()})", 1))
        else:
            return DateFinding(pd.NaT, f"pending: {what} has no year", pd.NaT, Pending(month, day, hh, mm))
    if not candidates and from_url is not None:
        if precision == "month":
            return DateFinding(pd.NaT, f"missing: only the month is known, from the {url_what}")
        return DateFinding(from_url if precision == "time" else from_url.normalize(), f"url: {url_what}")
    if not candidates and day_only is not None:
        return DateFinding(pd.NaT, f"pending: {day_only[1]} gives only the day", pd.NaT, Pending(None, day_only[0]))
    if not candidates and compiled:
        first = min(c.stamp for c in compiled)
        return DateFinding(pd.NaT, f"missing: the page's only stamp ({compiled[0].where}) is that of a page compiled "
                                   "from the web (来源：网络整理), not the article's", first)
    if not candidates:
        if printed_age:
            return DateFinding(pd.NaT, f"missing: the page prints only {printed_age!r}")
        return DateFinding(pd.NaT, "missing: the page prints no date")

    days = sorted({c.stamp.normalize() for c in candidates})
    earliest, latest = days[0], days[-1]
    repost = pd.NaT
    own = [c for c in candidates if c.stamp.normalize() <= earliest + pd.Timedelta(days=SAME_STORY_DAYS)]
    if latest - earliest > pd.Timedelta(days=SAME_STORY_DAYS):
        later = [c for c in candidates if c.stamp.normalize() > earliest + pd.Timedelta(days=SAME_STORY_DAYS)
                 and c.rank < 5]
        if later:
            repost = min(later, key=lambda c: (c.stamp.normalize(), not c.has_time)).stamp
    if pd.isna(repost) and compiled:
        repost = min(c.stamp for c in compiled)
    if pd.isna(repost):
        # a repost printed within days: the stamp on the line crediting the original is the article's
        originals = [c for c in own if c.original and c.has_time]
        later = [c for c in own if not c.original and c.has_time and originals
                 and c.stamp > min(o.stamp for o in originals) + pd.Timedelta(hours=1) and "更新" not in c.where]
        if originals and later:
            own = [c for c in own if c not in later]
            repost = min(c.stamp for c in later)  # the first post, not a later edit
    best = min(own, key=lambda c: (c.rank if c.rank != 4 else 2, not c.has_time, c.stamp))
    best_timed = [c for c in own if c.has_time and c.stamp.normalize() == best.stamp.normalize()]
    if not best.has_time and best_timed:
        timed = min(best_timed, key=lambda c: c.rank)
        basis = f"{best.where}; time from {timed.where.split(': ', 1)[-1]}"
        best = _Candidate(timed.stamp, True, basis, best.rank)
    basis = best.where
    if not pd.isna(repost):
        basis += f"; the later stamp {repost.strftime('%Y-%m-%d %H:%M')} is the repost's (repost_published)"
    published = best.stamp
    if from_url is not None and precision != "month" and abs((from_url.normalize() - published.normalize()).days) > SAME_STORY_DAYS:
        basis += f"; note: the {url_what} says {from_url.date()}"
    return DateFinding(published, basis, repost, None)
