"""Dates in Chinese text: absolute, partial and relative, as ISO strings.

``find_dates`` reads, with ``ref`` the publication date:

- absolute: 2022年9月16日, 2022-09-16, 2022/9/16, 2022.9.16, 二〇二三年三月十六日, 2022年9月, 2018年;
- partial: 9月16日, 9月, 16日 — the year is ``year_hint`` or ref's year; a date that would lie
  more than about two months after ref (a bare day: more than 15 days) is last year's (last
  month's) instead;
- relative (words in ``kg/data/dates.tsv``): 今年7月, 去年11月, 明年, 上月2日, 本月, 今日, 昨日,
  前天, 两周前, 三天前, 3个月前, 上周五, 本周三, 下周一, 周五 (the last such day up to ref);
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
from .datafiles import load_table
from .prefilter import required_chars


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
_CN_YEAR = "[〇零○Ｏ一二三四五六七八九]{4}"
_CN_SMALL = "[一二两三四五六七八九十]{1,3}"  # 1 … 99 (十五, 二十, 三十一)
_NUM_MD = rf"(?:\d{{1,2}}|{_CN_SMALL})"  # month or day number
_NUM_COUNT = rf"(?:\d{{1,3}}|{_CN_SMALL})"  # a count: 两周前, 15天前


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


# --- the words of dates.tsv --------------------------------------------------------------------


def _words(kind: str) -> dict[str, str]:
    return {row[1]: row[2] if len(row) > 2 else "" for row in load_table("dates.tsv") if row[0] == kind}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_YEAR_WORDS = {w: int(v) for w, v in _words("year").items()}
_MONTH_WORDS = {w: int(v) for w, v in _words("month").items()}
_DAY_WORDS = {w: int(v) for w, v in _words("day").items()}
_WEEK_WORDS = {w: int(v) for w, v in _words("week").items()}
_WEEKDAY_PREFIXES = _words("weekday_prefix")
_WEEKDAYS = {w: int(v) for w, v in _words("weekday").items()}
_AGO_UNITS = _words("ago_unit")
_BLOCKS = {**_words("vague"), **_words("block")}

_NOT_BEFORE_NUM = r"(?<![\d.\-/年第每近前后逾约超满共计距])"  # "近30日", "第3日", "1-3月" are no dates
_NOT_BEFORE_CN = r"(?<![〇零○一二两三四五六七八九十年第每近前后逾约超满几数个])"

# (name, regex): every name has a resolver below
_PATTERNS = [
    ("ymd", r"(?<!\d)(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号](?!\d)"),
    ("ymd", r"(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.\-/]\d)"),
    ("ymd", rf"({_CN_YEAR})年({_NUM_MD})月({_NUM_MD})[日号]"),
    ("ym", r"(?<!\d)(\d{4}) ?年 ?(\d{1,2}) ?月(?!\d)"),
    ("ym", rf"({_CN_YEAR})年({_NUM_MD})月"),
    # a résumé's span of years: "2016.10—2023.07", "2019/03-至今" (alone, 2016.10 may be a number)
    ("ym", r"(?<![\d.\-/])((?:19|20)\d\d)[./](0?[1-9]|1[0-2])(?![\d]|[./]\d)(?:(?<=\d)(?=\s?[—–~至到-]))"),
    ("ym", r"(?<=[—–~至到-])((?:19|20)\d\d)[./](0?[1-9]|1[0-2])(?![\d]|[./]\d)"),
    ("y", r"(?<!\d)(1[89]\d\d|2[01]\d\d) ?年(?![代前]| ?\d{1,2} ?月)"),  # not a broken 2022年13月
    ("y", rf"({_CN_YEAR})年(?!代)"),
    ("md", rf"{_NOT_BEFORE_NUM}(\d{{1,2}}) ?月 ?(\d{{1,2}}) ?[日号](?!\d)"),
    ("md", rf"{_NOT_BEFORE_CN}({_CN_SMALL})月({_CN_SMALL})[日号]"),
    ("m", rf"{_NOT_BEFORE_NUM}(\d{{1,2}}) ?月(?!\d)"),
    ("d", rf"{_NOT_BEFORE_NUM}(?<!月)(?<!月 )(\d{{1,2}})日(?!前(?![往来夕])|[后内均间])"),
    # "今年52岁" is an age, not a date
    ("yw", rf"({_alt(_YEAR_WORDS)})(?:({_NUM_MD})月(?:({_NUM_MD})[日号])?)?(?! ?(?:\d{{1,3}}|{_CN_SMALL})周?岁)"),
    ("mw", rf"({_alt(_MONTH_WORDS)})(?:({_NUM_MD})[日号])?"),
    ("dw", rf"({_alt(_DAY_WORDS)})"),
    ("ago", rf"(?<![\d一二两三四五六七八九十几数多])({_NUM_COUNT})({_alt(_AGO_UNITS)})前(?![往来夕])"),
    ("week", rf"({_alt(_WEEK_WORDS)})(?:{_alt(_WEEKDAY_PREFIXES)})({_alt(_WEEKDAYS)})"),
    (
        "weekday",
        rf"(?<![每上本这下个一二两三四五六七八九十几数\d])(?:{_alt(_WEEKDAY_PREFIXES)})({_alt(_WEEKDAYS)})"
        r"(?![一二三四五六七八九十])",
    ),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in _PATTERNS]
# the characters each pattern cannot match without (年, 月, 前 …): most sentences lack them
_REQUIRED = tuple(required_chars(rx) for _, rx in _COMPILED)
_ABSOLUTE_FULL = [rx for name, rx in _COMPILED if name == "ymd"]
_BLOCK_RE = re.compile(_alt(_BLOCKS)) if _BLOCKS else None

_FUTURE_SLACK = datetime.timedelta(days=62)  # "about two months" after ref: still this year
_FUTURE_SLACK_DAY = datetime.timedelta(days=15)  # a bare day this far after ref: last month
_INVALID = object()  # a match that is no date at all (month 13): it does not hide other matches


def find_dates(text: str, ref: datetime.date | None, year_hint: int | None = None) -> list[DateMention]:
    """The dates of ``text`` in order, none overlapping (at one place the longest reading wins).

    ``ref``: the publication date (relative dates need it; without it they are skipped).
    ``year_hint``: the year of partial dates (9月16日); by default ref's year. When that year is
    ref's year and the date would lie more than ~2 months after ref, it is last year's.
    """
    blocks = [(m.start(), m.end()) for m in _BLOCK_RE.finditer(text)] if _BLOCK_RE else []
    block_starts = [b[0] for b in blocks]
    found: list[tuple[int, int, object]] = []
    chars = set(text)
    for (name, rx), required in zip(_COMPILED, _REQUIRED):
        if not required <= chars:
            continue
        for m in rx.finditer(text):
            k = bisect.bisect_right(block_starts, m.start()) - 1
            if k >= 0 and m.end() <= blocks[k][1] and blocks[k] != m.span():
                continue  # inside a longer non-date word (今日头条, 前天津)
            value = _RESOLVERS[name](m, ref, year_hint)
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
    for rx in _ABSOLUTE_FULL:
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


def _ymd(m, ref, hint):
    d = _ymd_date(m)
    return d.isoformat() if d else _INVALID


def _ym(m, ref, hint):
    y, mo = number(m.group(1)), number(m.group(2))
    return f"{y:04d}-{mo:02d}" if y and mo and 1 <= mo <= 12 else _INVALID


def _y(m, ref, hint):
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


def _md(m, ref, hint):
    mo, d = number(m.group(1)), number(m.group(2))
    if not mo or not d or _date(2000, mo, d) is None:  # 2000: a leap year, so 2月29日 is valid
        return _INVALID
    y = _year_for(mo, d, ref, hint)
    return None if y is None else _iso(y, mo, d)


def _m(m, ref, hint):
    mo = number(m.group(1))
    if not mo or not 1 <= mo <= 12:
        return _INVALID
    y = _year_for(mo, 1, ref, hint)
    return None if y is None else _iso(y, mo)


def _d(m, ref, hint):
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


def _yw(m, ref, hint):
    if ref is None:
        return None
    y = ref.year + _YEAR_WORDS[m.group(1)]
    if m.group(2) is None:
        return _iso(y)
    mo = number(m.group(2))
    if not mo or not 1 <= mo <= 12:
        return _INVALID
    if m.group(3) is None:
        return _iso(y, mo)
    d = number(m.group(3))
    return _iso(y, mo, d) if d else _INVALID


def _mw(m, ref, hint):
    if ref is None:
        return None
    y, mo = _add_months(ref.year, ref.month, _MONTH_WORDS[m.group(1)])
    if m.group(2) is None:
        return _iso(y, mo)
    d = number(m.group(2))
    return _iso(y, mo, d) if d else _INVALID


def _dw(m, ref, hint):
    if ref is None:
        return None
    return _shift(ref, days=_DAY_WORDS[m.group(1)])


def _ago(m, ref, hint):
    n = number(m.group(1))
    if n is None:
        return _INVALID
    if ref is None:
        return None
    unit = _AGO_UNITS[m.group(2)]
    if unit == "day":
        return _shift(ref, days=-n)
    if unit == "week":
        return _shift(ref, weeks=-n)
    if unit == "month":
        return _iso(*_add_months(ref.year, ref.month, -n))
    return _iso(ref.year - n)


def _week(m, ref, hint):
    if ref is None:
        return None
    return _shift(ref, weeks=_WEEK_WORDS[m.group(1)], days=_WEEKDAYS[m.group(2)] - ref.weekday())


def _weekday(m, ref, hint):
    if ref is None:
        return None
    back = (ref.weekday() - _WEEKDAYS[m.group(1)]) % 7
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
