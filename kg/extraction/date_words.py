"""The date patterns of :mod:`kg.extraction.dates`: the absolute forms (2022年9月16日, 二〇二三年三月十六日 …),
numeric machinery and so in code, and the relative ones built on the words of a ``dates.tsv`` (今年, 上月,
昨日, 两周前 …), read and checked by :func:`read_date_words`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import SetupError
from .datafiles import read_kinds
from .prefilter import Needs, alternatives_required, required_chars

_CN_YEAR = "[〇零○Ｏ一二三四五六七八九]{4}"
_CN_SMALL = "[一二两三四五六七八九十]{1,3}"  # 1 … 99 (十五, 二十, 三十一)
_NUM_MD = rf"(?:\d{{1,2}}|{_CN_SMALL})"  # month or day number
_NUM_COUNT = rf"(?:\d{{1,3}}|{_CN_SMALL})"  # a count: 两周前, 15天前
_NOT_BEFORE_NUM = r"(?<![\d.\-/年第每近前后逾约超满共计距])"  # "近30日", "第3日", "1-3月" are no dates
_NOT_BEFORE_CN = r"(?<![〇零○一二两三四五六七八九十年第每近前后逾约超满几数个])"

# a year's "no digit before it" is tested after its four digits (``(\d\d{3})(?<!\d\d{4})`` is ``(?<!\d)(\d{4})``):
# a pattern that opens with a digit lets the regex engine skip to the digits of a long text, where one that
# opens with a lookbehind is tried at every character
_FULL_DATES = (
    r"(\d\d{3})(?<!\d\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号](?!\d)",
    r"(\d\d{3})(?<![\d.\-/]\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.\-/]\d)",
    rf"({_CN_YEAR})年({_NUM_MD})月({_NUM_MD})[日号]",
)
#: The full dates (year, month and day) of a text, whatever its date words.
FULL_DATES = tuple(re.compile(rx) for rx in _FULL_DATES)

_NUMBER_KINDS = ("year", "month", "day", "week", "weekday")  # value: a number (of years, months … from ref)
_AGO_UNITS = ("day", "week", "month", "year")
_KINDS = (*_NUMBER_KINDS, "weekday_prefix", "ago_unit", "vague", "block")


@dataclass(frozen=True)
class DateWords:
    """The words of a ``dates.tsv`` (each kind: word → value) and the patterns built on them."""

    year: Mapping[str, int]  # 今年 0, 去年 -1: years from the reference year
    month: Mapping[str, int]  # months from the reference month
    day: Mapping[str, int]  # days from the reference date
    week: Mapping[str, int]  # weeks from the reference week (上周五)
    weekday: Mapping[str, int]  # 0 (Monday) … 6 (Sunday)
    ago_unit: Mapping[str, str]  # "<number><unit>前": day, week, month or year
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (resolver name, pattern) in order, see kg.extraction.dates
    required: tuple[frozenset[str], ...]  # the characters each pattern cannot match without (年, 月, 前 …)
    # for a pattern that requires no one character, what it cannot match without (one of 今天, 昨天 …); else None
    needs: tuple[Needs | None, ...]
    block: re.Pattern[str] | None  # a word no date is read inside (日前, 今日头条)

    @cached_property
    def triggers(self) -> frozenset[str] | None:
        """Characters one of which every match of every pattern holds (年, 月, 前, "-" …): a sentence with none of
        them (about two in five) holds no date, and its patterns are not tried one by one. None when a pattern
        tells nothing of what it needs."""
        out: set[str] = set()
        for required, needs in zip(self.required, self.needs):
            if required:
                out |= required
            elif needs is not None and needs.sets:
                out |= needs.chars  # every set needed is filed under one of these characters
            else:
                return None
        return frozenset(out)


def read_date_words(path: Path) -> DateWords:
    """The words of the ``dates.tsv`` at ``path``, every row checked (a known kind, a number or a unit where
    one is due: else a SetupError naming the file and the line), and the patterns built on them."""
    words: dict[str, dict[str, str]] = {kind: {} for kind in _KINDS}
    for lineno, (kind, word, *rest) in read_kinds(path, _KINDS):
        value = rest[0] if rest else ""
        if kind in _NUMBER_KINDS and not re.fullmatch(r"[+-]?\d+", value):
            raise SetupError(f"{path}:{lineno}: value {value!r} is not a number")
        if kind == "ago_unit" and value not in _AGO_UNITS:
            raise SetupError(f"{path}:{lineno}: unit {value!r} is not one of {', '.join(_AGO_UNITS)}")
        words[kind][word] = value
    year, month, day, week, weekday = ({w: int(v) for w, v in words[k].items()} for k in _NUMBER_KINDS)
    prefixes, units = _alt(words["weekday_prefix"]), _alt(words["ago_unit"])
    blocks = {**words["vague"], **words["block"]}
    patterns = [
        *(("ymd", rx) for rx in _FULL_DATES),
        ("ym", r"(\d\d{3})(?<!\d\d{4}) ?年 ?(\d{1,2}) ?月(?!\d)"),
        ("ym", rf"({_CN_YEAR})年({_NUM_MD})月"),
        # a résumé's span of years: "2016.10—2023.07", "2019/03-至今" (alone, 2016.10 may be a number)
        ("ym", r"((?:19|20)\d\d)(?<![\d.\-/]\d{4})[./](0?[1-9]|1[0-2])(?![\d]|[./]\d)(?:(?<=\d)(?=\s?[—–~至到-]))"),
        ("ym", r"(?<=[—–~至到-])((?:19|20)\d\d)[./](0?[1-9]|1[0-2])(?![\d]|[./]\d)"),
        ("y", r"(1[89]\d\d|2[01]\d\d)(?<!\d\d{4}) ?年(?![代前]| ?\d{1,2} ?月)"),  # not a broken 2022年13月
        ("y", rf"({_CN_YEAR})年(?!代)"),
        ("md", rf"{_NOT_BEFORE_NUM}(\d{{1,2}}) ?月 ?(\d{{1,2}}) ?[日号](?!\d)"),
        ("md", rf"{_NOT_BEFORE_CN}({_CN_SMALL})月({_CN_SMALL})[日号]"),
        ("m", rf"{_NOT_BEFORE_NUM}(\d{{1,2}}) ?月(?!\d)"),
        ("d", rf"{_NOT_BEFORE_NUM}(?<!月)(?<!月 )(\d{{1,2}})日(?!前(?![往来夕])|[后内均间])"),
        # "今年52岁" is an age, not a date
        ("yw", rf"({_alt(year)})(?:({_NUM_MD})月(?:({_NUM_MD})[日号])?)?(?! ?(?:\d{{1,3}}|{_CN_SMALL})周?岁)"),
        ("mw", rf"({_alt(month)})(?:({_NUM_MD})[日号])?"),
        ("dw", rf"({_alt(day)})"),
        ("ago", rf"(?<![\d一二两三四五六七八九十几数多])({_NUM_COUNT})({units})前(?![往来夕])"),
        ("week", rf"({_alt(week)})(?:{prefixes})({_alt(weekday)})"),
        (
            "weekday",
            rf"(?<![每上本这下个一二两三四五六七八九十几数\d])(?:{prefixes})({_alt(weekday)})"
            r"(?![一二三四五六七八九十])",
        ),
    ]
    compiled = tuple((name, re.compile(rx)) for name, rx in patterns)
    required = tuple(required_chars(rx) for _, rx in compiled)
    return DateWords(
        year=year,
        month=month,
        day=day,
        week=week,
        weekday=weekday,
        ago_unit=words["ago_unit"],
        patterns=compiled,
        required=required,
        needs=tuple(None if chars else alternatives_required(rx) for chars, (_, rx) in zip(required, compiled)),
        block=re.compile(_alt(blocks)) if blocks else None,
    )


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
