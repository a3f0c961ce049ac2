"""English dates: "April 1, 2024", "1 October 2020", "Sept 17", "March 2023" -> ISO."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from .resources import EnglishResources


@cache
def _pattern() -> re.Pattern:
    months = sorted(EnglishResources.load().months, key=len, reverse=True)
    mon = "(?P<mon>" + "|".join(re.escape(m) for m in months) + ")"
    mon2 = mon.replace("?P<mon>", "?P<mon2>")
    return re.compile(
        rf"(?<![\w])(?:{mon}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
        rf"|(?P<day2>\d{{1,2}})\s+{mon2}(?:,?\s+(?P<year2>\d{{4}}))?"
        rf"|(?P<mon3>{'|'.join(re.escape(m) for m in months)})\s+(?P<year3>\d{{4}}))(?![\w])",
        re.I,
    )


def find(text: str, year: int | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each date; a date without a year takes ``year`` (the publication's)."""
    months = EnglishResources.load().months
    out = []
    for m in _pattern().finditer(text):
        word = m.group("mon") or m.group("mon2") or m.group("mon3")
        if not word[:1].isupper() or (word.isupper() and len(word.rstrip(".")) <= 4):
            continue  # "Art. 17 MAR" is a law, "may" a verb
        mon = months[word.lower()]
        y = m.group("year") or m.group("year2") or m.group("year3") or year
        if y is None:
            continue
        day = m.group("day") or m.group("day2")
        if day is None:
            out.append((m.start(), m.end(), f"{int(y):04d}-{mon:02d}"))
        elif 1 <= int(day) <= 31:
            out.append((m.start(), m.end(), f"{int(y):04d}-{mon:02d}-{int(day):02d}"))
    return out


_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3},\s+(?:[A-Z][\w.]*,\s+)?"
    r"|(?:Posted|Dated|Date)\b:?\s*(?:on\s+)?)$"
)


def document_date(text: str) -> str | None:
    """An English article's date (ISO): a full date in a dateline ("Munich, 5 February 2024 -",
    "NASHVILLE, Tenn., Sept. 9, 2024", an HKEX notice's closing "Hong Kong, 25 May 2023", "Posted
    April 9, 2024") or on a short line of its own; else the first full date of its opening lines."""
    full = [(s, e, iso) for s, e, iso in find(text, None) if len(iso) == 10]
    for s, e, iso in full:
        line_start = text.rfind("\n", 0, s) + 1
        lead = text[line_start:s]
        lead = lead.rsplit("|", 1)[-1].lstrip()  # "Press release | Munich, 22 July 2020"
        if _DATELINE.match(lead):
            return iso
    places = EnglishResources.load().place_re
    for s, e, iso in full:  # "… TSANG Hong Fai Chairman Hong Kong, 25 May 2023" (a joined signature block)
        lead = text[max(0, s - 40) : s]
        if any(p.end() == len(lead.rstrip(", ")) for p in places.finditer(lead)) and lead.rstrip().endswith(","):
            return iso
    for s, e, iso in full:
        line_start, line_end = text.rfind("\n", 0, s) + 1, (text.find("\n", e) + 1 or len(text) + 1) - 1
        if line_end - line_start < 60 and not re.search(r"[a-z]{3,}\s+$", text[line_start:s]):
            return iso
    first = [iso for s, e, iso in full if s < 1500]
    dateline = _yearless_dateline(text)
    if dateline and not full:
        return _wire_year(text, *dateline)
    if dateline and full:  # "BEIJING, Oct 30 (Wire)" in a text that dates something "1 November 2023"
        month, day = dateline
        year = int(full[0][2][:4])
        best = min(
            (y for y in (year - 1, year, year + 1)),
            key=lambda y: abs(_days(f"{y:04d}-{month:02d}-{day:02d}") - _days(full[0][2])),
        )
        if 1 <= day <= 31:
            return f"{best:04d}-{month:02d}-{day:02d}"
    return first[0] if first else None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ON_WEEKDAY = re.compile(r"\b(?:on|late on|early on|last)\s+(" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b")


def weekday_before(text: str, day: date) -> str | None:
    """The day "announced on Sunday" names in a wire dated Monday 1 October 2018: 2018-09-30 (the last such
    day, ``day`` included)."""
    m = _ON_WEEKDAY.search(text)
    if m is None:
        return None
    back = (day.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7
    return (day - timedelta(days=back)).isoformat()


def _wire_year(text: str, month: int, day: int) -> str | None:
    """A wire's dateline without a year ("SHENZHEN, Oct 1 (Wire) - Tencent on Sunday announced …") in a
    text that writes no full date: the year, next to the latest one the text names, in which the
    weekday its lead names is the day before the dateline (a wire reports the previous day's news).
    A text that names no year gets no date: the output must not depend on the day kg runs."""
    lead = _ON_WEEKDAY.search(text[:1500])
    if lead is None:
        return None
    weekday = WEEKDAYS.index(lead.group(1).lower())
    named = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    if not named:
        return None
    latest = max(named)
    for year in (latest + 1, latest, latest - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if (d - timedelta(days=1)).weekday() == weekday:
            return d.isoformat()
    return None


def _days(iso: str) -> int:
    y, m, d = (int(x) for x in iso.split("-"))
    return y * 372 + m * 31 + d


def _yearless_dateline(text: str) -> tuple[int, int] | None:
    """(month, day) of a wire's dateline without a year: "BEIJING, Sept 17 (China Tech Wire) -"."""
    months = EnglishResources.load().months
    alts = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    m = re.search(rf"(?m)^[A-Z][A-Za-z .,'’\-]{{1,40}},\s+((?i:{alts}))\s+(\d{{1,2}})\s*[(\-–—]", text[:2000])
    return (months[m.group(1).lower()], int(m.group(2))) if m and m.group(1)[:1].isupper() else None
