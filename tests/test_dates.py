"""kg.extraction.dates: absolute, partial and relative dates."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kg.errors import KgError
from kg.extraction.dates import DateMention, document_date, find_dates, parse_iso

REF = date(2022, 9, 29)  # a Thursday


def values(text, ref=REF, year_hint=None):
    return [(d.text, d.value) for d in find_dates(text, ref, year_hint)]


def test_partial_date_takes_the_reference_year():
    assert values("9月16日,快手宣布成立商业生态委员会") == [("9月16日", "2022-09-16")]


def test_partial_date_after_the_reference_is_last_year():
    assert values("11月", date(2023, 3, 9)) == [("11月", "2022-11")]
    assert values("12月20日", date(2023, 1, 5), 2023) == [("12月20日", "2022-12-20")]
    # a little ahead of ref (an announced event) stays in ref's year
    assert values("从9月28日到11月11日") == [("9月28日", "2022-09-28"), ("11月11日", "2022-11-11")]


def test_year_hint():
    assert values("3月5日", None, 2021) == [("3月5日", "2021-03-05")]
    assert values("3月5日", None) == []  # no year to give it


def test_weeks_ago():
    assert values("两周前,9月16日") == [("两周前", "2022-09-15"), ("9月16日", "2022-09-16")]
    assert values("三天前") == [("三天前", "2022-09-26")]
    assert values("一周前") == [("一周前", "2022-09-22")]
    assert values("15天前") == [("15天前", "2022-09-14")]
    assert values("3个月前") == [("3个月前", "2022-06")]


def test_day_words():
    assert values("京东集团昨日宣布") == [("昨日", "2022-09-28")]
    assert values("今日发布全员信") == [("今日", "2022-09-29")]
    assert values("前天") == [("前天", "2022-09-27")]


def test_weekdays_relative_to_ref():
    thursday = date(2023, 11, 16)
    assert values("字节跳动上周五在内部宣布", thursday) == [("上周五", "2023-11-10")]
    assert values("本周三", thursday) == [("本周三", "2023-11-15")]
    assert values("下周一", thursday) == [("下周一", "2023-11-20")]
    assert values("上星期天", thursday) == [("上星期天", "2023-11-12")]
    assert values("周五", thursday) == [("周五", "2023-11-10")]  # the last Friday up to ref
    assert values("每周一例会", thursday) == []


def test_chinese_numerals():
    assert values("二〇二三年三月十六日", None) == [("二〇二三年三月十六日", "2023-03-16")]
    assert values("二〇二一年十二月三十一日", None) == [("二〇二一年十二月三十一日", "2021-12-31")]


def test_absolute_forms():
    text = "2022年9月16日、2022-09-16、2022/9/16、2022.9.16、2022年9月、2018年"
    assert [v for _, v in values(text, None)] == ["2022-09-16"] * 4 + ["2022-09", "2018"]


def test_year_and_month_words():
    ref = date(2023, 3, 9)
    assert values("去年11月", ref) == [("去年11月", "2022-11")]
    assert values("今年7月", ref) == [("今年7月", "2023-07")]
    assert values("去年7月", ref) == [("去年7月", "2022-07")]
    assert values("明年", ref) == [("明年", "2024")]
    assert values("上月2日", ref) == [("上月2日", "2023-02-02")]
    assert values("本月", ref) == [("本月", "2023-03")]
    assert values("上月2日", date(2023, 1, 10)) == [("上月2日", "2022-12-02")]


def test_vague_and_non_dates_are_skipped():
    assert values("日前,近日,近期,今日头条,前天津市长,近30日,第3日,1990年代,3个交易日") == []
    assert values("相关人士日前表示") == []


def test_invalid_dates_are_skipped():
    assert values("2022年13月45日", None) == []
    assert values("2月30日") == []


def test_relative_dates_need_a_reference():
    assert values("昨日宣布,两周前,上周五,去年11月", None) == []


def test_mentions_are_spans_of_the_text():
    text = "两周前,9月16日,快手宣布成立商业生态委员会;昨日,叶恒解读了新业务逻辑。"
    found = find_dates(text, REF)
    assert [d.value for d in found] == ["2022-09-15", "2022-09-16", "2022-09-28"]
    for d in found:
        assert text[d.start : d.end] == d.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].value = "x"  # type: ignore[misc]
    assert isinstance(found[0], DateMention)


def test_document_date_is_the_latest_full_date():
    text = (
        "本公司董事会于2021年3月29日收到辞职报告。公司于2021年3月30日召开会议。去年11月,"
        "昨日,2021年4月公告。\n宜宾五粮液股份有限公司董事会\n2021年3月31日"
    )
    assert document_date(text) == date(2021, 3, 31)
    assert document_date("本行董事会\n二〇二三年三月十六日\n2023-03-15") == date(2023, 3, 16)
    assert document_date("9月16日,快手宣布") is None


def test_parse_iso():
    assert parse_iso("2022-09-29") == date(2022, 9, 29)
    for bad in ("2022-13-45", "2022/09/29", "29.09.2022", "", "2022-9-1"):
        with pytest.raises(KgError) as exc:
            parse_iso(bad)
        assert str(exc.value) == f"bad date {bad!r}: expected YYYY-MM-DD"


# --- the ends of the calendar: a date outside 0001-01-01 … 9999-12-31 is dropped, never an error ---


@pytest.mark.parametrize(
    "text, ref",
    [
        ("明天", date.max),
        ("后天", date(9999, 12, 31)),
        ("昨天", date.min),
        ("前天", date(1, 1, 2)),
        ("下周一", date.max),
        ("本周日", date.max),
        ("周日", date.min),
        ("上周五", date(1, 1, 3)),
        ("三天前", date.min),
        ("两周前", date(1, 1, 10)),
        ("明年", date(9999, 6, 1)),
        ("明年3月", date(9999, 6, 1)),
        ("明年3月5日", date(9999, 6, 1)),
        ("去年", date(1, 1, 3)),
        ("去年11月", date(1, 1, 3)),
        ("上月", date(1, 1, 3)),
        ("上月2日", date(1, 1, 3)),
        ("下月", date(9999, 12, 3)),
        ("3个月前", date(1, 2, 1)),
        ("999年前", date(500, 1, 3)),
        ("11月", date(1, 2, 1)),
        ("11月20日", date(1, 2, 1)),
    ],
)
def test_dates_outside_the_calendar_are_dropped(text, ref):
    assert values(text, ref) == []


@pytest.mark.parametrize(
    "text, ref, value",
    [
        ("昨天", date(1, 1, 2), "0001-01-01"),
        ("明天", date(9999, 12, 30), "9999-12-31"),
        ("明年", date(9998, 6, 1), "9999"),
        ("去年", date(2, 1, 3), "0001"),
        ("上月", date(1, 2, 3), "0001-01"),
        ("周日", date(1, 1, 8), "0001-01-07"),
        ("下周一", date(9999, 12, 24), "9999-12-27"),
    ],
)
def test_dates_at_the_very_ends_of_the_calendar_are_kept(text, ref, value):
    assert values(text, ref) == [(text, value)]


def test_document_date_ignores_years_before_1000():
    assert document_date("0001年1月1日,快手宣布") is None
    assert document_date("0999年12月31日") is None
    assert document_date("1000年1月1日") == date(1000, 1, 1)
    assert document_date("0001年1月1日与2022年9月16日") == date(2022, 9, 16)


def test_the_publication_date_is_the_sign_offs_not_a_later_effective_date():
    text = (
        "董事会宣布,以下变动将自2024年4月1日起生效:\n张三辞任行政总裁。\n\n"
        "承董事会命\n宝骏国际控股有限公司\n香港,2024年3月28日\n"
    )
    assert document_date(text) == date(2024, 3, 28)
    assert document_date("公司于2023年5月1日任命张三为总裁,自2023年6月1日起生效。") == date(2023, 6, 1)
