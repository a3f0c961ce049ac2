"""Dates in Chinese text: absolute, partial and relative, as ISO strings.

``find_dates`` reads, with ``ref`` the publication date:

- absolute: 2022年9月16日, 2022-09-16, 2022/9/16, 2022.9.16, 二〇二三年三月十六日, 2022年9月, 2018年;
- partial: 9月16日, 9月, 16日 — the year is ``year_hint`` or ref's year; a date that would lie
  more than about two months after ref (a bare day: more than 15 days) is last year's (last
  month's) instead;
- relative (words of ``kg/data/dates.tsv``, or of the ``tables`` given): 今年7月, 去年11月, 明年, 上月2日,
  本月, 今日, 昨日, 前天, 两周前, 三天前, 3个月前, 上周五, 本周三, 下周一, 周五 (the last such day up to ref);
- vague ones (日前, 近日, 当天) are no date and are skipped.

Values are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the text is.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass

from ..errors import InputError, shorten
from .date_words import FULL_DATES
from .text_tables import TextTables, default_text_tables


@dataclass(frozen=True)
class DateMention:
    """A date in a text: ``text == source[start:end]``; ``value`` is ISO (YYYY-MM-DD, YYYY-MM or YYYY)."""

    start: int
    end: int
    text: str
    value: str


# --- numerals (numeric machinery, so in code) ------------------------------------------------

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def number(s: str) -> int | None:
    """Arabic or Chinese numeral (up to 99; 4-digit Chinese years digit by digit) → int."""
    if s.isdigit():
        return int(s)
    if len(s) == 4 and "十" not in s:
        try:
            return int("".join(str(_CN_DIGIT[c]) for c in s))
        except KeyError:
            return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens, -1) if tens else 1
        o = _CN_DIGIT.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 or "十" in ones else t * 10 + o
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    return None


_FUTURE_SLACK = datetime.timedelta(days=62)  # "about two months" after ref: still this year
_FUTURE_SLACK_DAY = datetime.timedelta(days=15)  # a bare day this far after ref: last month
_INVALID = object()  # a match that is no date at all (month 13): it does not hide other matches


def find_dates(
    text: str, ref: datetime.date | None, year_hint: int | None = None, tables: TextTables | None = None
) -> list[DateMention]:
    """The dates of ``text`` in order, none overlapping (at one place the longest reading wins).

    ``ref``: the publication date (relative dates need it; without it they are skipped).
    ``year_hint``: the year of partial dates (9月16日); by default ref's year. When that year is
    ref's year and the date would lie more than ~2 months after ref, it is last year's.
    ``tables``: whose date words to read (default: kg's, :func:`~kg.extraction.text_tables.default_text_tables`).
    """
    words = (tables or default_text_tables()).dates
    chars = set(text)
    if words.triggers is not None and words.triggers.isdisjoint(chars):
        return []  # no pattern can match
    blocks = [(m.start(), m.end()) for m in words.block.finditer(text)] if words.block else []
    block_starts = [b[0] for b in blocks]
    found: list[tuple[int, int, object]] = []
    for (name, rx), required, needs in zip(words.patterns, words.required, words.needs):
        if not required <= chars or (needs is not None and not needs.may_match(chars)):
            continue
        for m in rx.finditer(text):
            k = bisect.bisect_right(block_starts, m.start()) - 1
            if k >= 0 and m.end() <= blocks[k][1] and blocks[k] != m.span():
                continue  # inside a longer non-date word (今日头条, 前天津)
            value = _RESOLVERS[name](m, ref, year_hint, words)
            if value is not _INVALID:
                found.append((m.start(), m.end(), value))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    end = -1
    for start, stop, value in found:
        if start < end:
            continue
        end = stop
        if value is not None:
            out.append(DateMention(start, stop, text[start:stop], value))  # type: ignore[arg-type]  # a resolver's str
    return out


_DOCUMENT_YEAR_MIN = 1000  # "0001年1月1日" is no publication date: relative dates would leave the calendar


def document_date(text: str) -> datetime.date | None:
    """The publication date of ``text``: the full date (Y-M-D, year 1000 or later, not in the future) on
    a short line of the sign-off at its end ("香港,二零二三年十月九日", "2023年7月28日"), else the latest
    full date it names (an announcement's effective date can come after the day it is published)."""
    # a sign-off's lines may be joined with spaces (kg.extraction.text.normalize): a part is a line
    parts = [p for ln in text.splitlines()[-_SIGN_OFF_LINES:] for p in ln.split(" ") if p]
    dated = [d for p in parts if len(p) <= _DATE_LINE for d in _full_dates(p)]
    if dated:
        return max(dated)
    dated = _full_dates(text)
    return max(dated) if dated else None


def _full_dates(text: str) -> list[datetime.date]:
    today = datetime.date.today()
    out = []
    for rx in FULL_DATES:
        for m in rx.finditer(text):
            d = _ymd_date(m)
            if d is not None and d.year >= _DOCUMENT_YEAR_MIN and d <= today:
                out.append(d)
    return out


_SIGN_OFF_LINES = 3  # name, title, date
_DATE_LINE = len("香港,二零二三年十二月三十一日")


_PERIOD_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse_period(s: str, full: bool = False) -> tuple[datetime.date, datetime.date]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` → (first day, last day) of the day, month or year.

    The one parser of every date a user gives (``full``: a whole day only). ``KgError`` for a day or
    month that does not exist (2022-13-45, 2022-02-30), year 0 and any other text.
    """
    text = s.strip() if isinstance(s, str) else ""
    m = _PERIOD_RE.fullmatch(text)
    if m and (m.group(3) or not full):
        y, mo, d = (int(g) if g else None for g in m.groups())
        try:
            if d is not None:
                day = datetime.date(y, mo, d)  # type: ignore[arg-type]
                return day, day
            if mo is not None:
                return datetime.date(y, mo, 1), datetime.date(y, mo, calendar.monthrange(y, mo)[1])  # type: ignore[arg-type]
            return datetime.date(y, 1, 1), datetime.date(y, 12, 31)  # type: ignore[arg-type]
        except ValueError:
            pass
    expected = "YYYY-MM-DD" if full else "YYYY-MM-DD, YYYY-MM or YYYY"
    raise InputError(f"bad date {shorten(s)!r}: expected {expected}")


def parse_iso(s: str) -> datetime.date:
    """``YYYY-MM-DD`` → date; ``KgError`` for anything else (2022-13-45, 2022/09/16, "")."""
    return parse_period(s, full=True)[0]


# --- resolvers: match → ISO string, None (a date we cannot place), or _INVALID -----------------


def _date(y: int | None, m: int | None, d: int | None) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _iso(y: int | None, mo: int | None = None, d: int | None = None):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` — the one place where computed dates are built.

    None (a date that cannot be placed) unless ``1 <= y <= 9999``: year 0, negative and 5-digit
    years are no xsd dates. ``_INVALID`` for a month or day that does not exist (明年2月30日).
    """
    if y is None or not 1 <= y <= 9999:
        return None
    if mo is None:
        return f"{y:04d}"
    if not 1 <= mo <= 12:
        return _INVALID
    if d is None:
        return f"{y:04d}-{mo:02d}"
    day = _date(y, mo, d)
    return day.isoformat() if day else _INVALID


def _shift(ref: datetime.date, days: int = 0, weeks: int = 0) -> str | None:
    """``ref`` moved by ``days`` and ``weeks`` as ISO; None past 0001-01-01 or 9999-12-31."""
    try:
        return (ref + datetime.timedelta(days=days, weeks=weeks)).isoformat()
    except OverflowError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _ymd_date(m: re.Match) -> datetime.date | None:
    g = [x for x in m.groups() if x not in ("-", "/", ".")]
    return _date(number(g[0]), number(g[1]), number(g[2]))


def _ymd(m, ref, hint, words):
    d = _ymd_date(m)
    return d.isoformat() if d else _INVALID


def _ym(m, ref, hint, words):
    y, mo = number(m.group(1)), number(m.group(2))
    return f"{y:04d}-{mo:02d}" if y and mo and 1 <= mo <= 12 else _INVALID


def _y(m, ref, hint, words):
    y = number(m.group(1))
    return f"{y:04d}" if y and 1000 <= y <= 2999 else _INVALID


def _year_for(mo: int, d: int, ref: datetime.date | None, hint: int | None) -> int | None:
    """The year of a partial date (day 1 for a month alone)."""
    if hint is None and ref is None:
        return None
    y = hint if hint is not None else ref.year  # type: ignore[union-attr]  # one of them is set
    if ref is not None and y == ref.year:
        when = _date(y, mo, d) or _date(y, mo, 28)
        if when is not None and when - ref > _FUTURE_SLACK:
            y -= 1
    return y if _iso(y) is not None else None


def _md(m, ref, hint, words):
    mo, d = number(m.group(1)), number(m.group(2))
    if not mo or not d or _date(2000, mo, d) is None:  # 2000: a leap year, so 2月29日 is valid
        return _INVALID
    y = _year_for(mo, d, ref, hint)
    return None if y is None else _iso(y, mo, d)


def _m(m, ref, hint, words):
    mo = number(m.group(1))
    if not mo or not 1 <= mo <= 12:
        return _INVALID
    y = _year_for(mo, 1, ref, hint)
    return None if y is None else _iso(y, mo)


def _d(m, ref, hint, words):
    d = number(m.group(1))
    if not d or not 1 <= d <= 31:
        return _INVALID
    if ref is None:
        return None
    y, mo = ref.year, ref.month
    day = _date(y, mo, d)
    if day is None or day - ref > _FUTURE_SLACK_DAY:
        y, mo = _add_months(y, mo, -1)
        day = _date(y, mo, d)
    return day.isoformat() if day else None


def _yw(m, ref, hint, words):
    if ref is None:
        return None
    y = ref.year + words.year[m.group(1)]
    if m.group(2) is None:
        return _iso(y)
    mo = number(m.group(2))
    if not mo or not 1 <= mo <= 12:
        return _INVALID
    if m.group(3) is None:
        return _iso(y, mo)
    d = number(m.group(3))
    return _iso(y, mo, d) if d else _INVALID


def _mw(m, ref, hint, words):
    if ref is None:
        return None
    y, mo = _add_months(ref.year, ref.month, words.month[m.group(1)])
    if m.group(2) is None:
        return _iso(y, mo)
    d = number(m.group(2))
    return _iso(y, mo, d) if d else _INVALID


def _dw(m, ref, hint, words):
    if ref is None:
        return None
    return _shift(ref, days=words.day[m.group(1)])


def _ago(m, ref, hint, words):
    n = number(m.group(1))
    if n is None:
        return _INVALID
    if ref is None:
        return None
    unit = words.ago_unit[m.group(2)]
    if unit == "day":
        return _shift(ref, days=-n)
    if unit == "week":
        return _shift(ref, weeks=-n)
    if unit == "month":
        return _iso(*_add_months(ref.year, ref.month, -n))
    return _iso(ref.year - n)


def _week(m, ref, hint, words):
    if ref is None:
        return None
    return _shift(ref, weeks=words.week[m.group(1)], days=words.weekday[m.group(2)] - ref.weekday())


def _weekday(m, ref, hint, words):
    if ref is None:
        return None
    back = (ref.weekday() - words.weekday[m.group(1)]) % 7
    return _shift(ref, days=-back)


_RESOLVERS = {
    "ymd": _ymd,
    "ym": _ym,
    "y": _y,
    "md": _md,
    "m": _m,
    "d": _d,
    "yw": _yw,
    "mw": _mw,
    "dw": _dw,
    "ago": _ago,
    "week": _week,
    "weekday": _weekday,
}
