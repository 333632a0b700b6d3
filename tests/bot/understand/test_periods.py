"""Relative periods resolved against `today` exactly as semantics.md "Time" says, incl. year boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand.period_dates import resolve
from bot.understand.periods import PeriodSpec, duration_days, find_periods
from bot.understand.text import Scan, normalize

from .conftest import fields


def period(text: str, today: date, direction: str = "past", trim: bool = False) -> tuple[date, date, str | None]:
    scan = Scan(normalize(text))
    specs = find_periods(scan)
    assert len(specs) == 1, specs
    resolved = resolve(specs[0], today, direction, trim)  # type: ignore[arg-type]
    return resolved.window.start, resolved.window.end, resolved.month


D = date


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # calendar units
        ("本月", D(2026, 11, 22), (D(2026, 11, 1), D(2026, 11, 30), "2026-11")),
        ("this month", D(2026, 2, 10), (D(2026, 2, 1), D(2026, 2, 28), "2026-02")),
        ("上个月", D(2026, 1, 5), (D(2025, 12, 1), D(2025, 12, 31), "2025-12")),
        ("last month", D(2026, 3, 31), (D(2026, 2, 1), D(2026, 2, 28), "2026-02")),
        ("下个月", D(2026, 12, 31), (D(2027, 1, 1), D(2027, 1, 31), "2027-01")),
        ("上上个月", D(2026, 2, 1), (D(2025, 12, 1), D(2025, 12, 31), "2025-12")),
        ("本周", D(2026, 11, 22), (D(2026, 11, 16), D(2026, 11, 22), None)),  # Sunday ends the week
        ("this week", D(2026, 11, 16), (D(2026, 11, 16), D(2026, 11, 22), None)),  # Monday starts it
        ("上周", D(2026, 1, 2), (D(2025, 12, 22), D(2025, 12, 28), None)),
        ("下个星期", D(2026, 12, 30), (D(2027, 1, 4), D(2027, 1, 10), None)),
        ("本季度", D(2026, 11, 22), (D(2026, 10, 1), D(2026, 12, 31), None)),
        ("上季度", D(2026, 2, 14), (D(2025, 10, 1), D(2025, 12, 31), None)),
        # relative words with 个 / 一 / 一个 and two steps back (上上 / the … before last) — never "一季度" = Q1
        ("上一季度", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("上个季度", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("上一个季度", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("前一季度", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("last quarter", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("上上个季度", D(2026, 11, 22), (D(2026, 4, 1), D(2026, 6, 30), None)),
        ("上上季度", D(2026, 2, 14), (D(2025, 7, 1), D(2025, 9, 30), None)),
        ("the quarter before last", D(2026, 11, 22), (D(2026, 4, 1), D(2026, 6, 30), None)),
        ("下一季度", D(2026, 11, 22), (D(2027, 1, 1), D(2027, 3, 31), None)),
        ("上上周", D(2026, 11, 22), (D(2026, 11, 2), D(2026, 11, 8), None)),
        ("上上个星期", D(2026, 11, 22), (D(2026, 11, 2), D(2026, 11, 8), None)),
        ("the week before last", D(2026, 11, 22), (D(2026, 11, 2), D(2026, 11, 8), None)),
        ("上一周", D(2026, 11, 22), (D(2026, 11, 9), D(2026, 11, 15), None)),
        ("下下周", D(2026, 11, 22), (D(2026, 11, 30), D(2026, 12, 6), None)),
        ("上上月", D(2026, 11, 22), (D(2026, 9, 1), D(2026, 9, 30), "2026-09")),
        ("上一个月", D(2026, 11, 22), (D(2026, 10, 1), D(2026, 10, 31), "2026-10")),
        ("the month before last", D(2026, 11, 22), (D(2026, 9, 1), D(2026, 9, 30), "2026-09")),
        ("下下个月", D(2026, 11, 22), (D(2027, 1, 1), D(2027, 1, 31), "2027-01")),
        ("帮我看一下下个月", D(2026, 11, 22), (D(2026, 12, 1), D(2026, 12, 31), "2026-12")),  # 看一下 + 下个月
        ("一季度", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 3, 31), None)),  # the named quarter stays Q1
        ("今年第一季度", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 3, 31), None)),
        ("Q1 next year", D(2026, 11, 22), (D(2027, 1, 1), D(2027, 3, 31), None)),
        ("q3 last year", D(2026, 11, 22), (D(2025, 7, 1), D(2025, 9, 30), None)),
        ("next quarter", D(2026, 11, 22), (D(2027, 1, 1), D(2027, 3, 31), None)),
        ("今年", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 12, 31), None)),
        ("去年", D(2026, 1, 1), (D(2025, 1, 1), D(2025, 12, 31), None)),
        ("明年", D(2026, 6, 1), (D(2027, 1, 1), D(2027, 12, 31), None)),
        ("今年以来", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 11, 22), None)),
        ("month to date", D(2026, 11, 22), (D(2026, 11, 1), D(2026, 11, 30), "2026-11")),  # collected: not after today
        ("本月以来", D(2026, 11, 22), (D(2026, 11, 1), D(2026, 11, 30), "2026-11")),
        ("QTD", D(2026, 11, 22), (D(2026, 10, 1), D(2026, 12, 31), None)),
        # "in the last year" is the trailing 365 days; "last year" the calendar year before
        ("in the last year", D(2026, 11, 22), (D(2025, 11, 22), D(2026, 11, 22), None)),
        ("over the past month", D(2026, 11, 22), (D(2026, 10, 23), D(2026, 11, 22), None)),
        ("last year", D(2026, 11, 22), (D(2025, 1, 1), D(2025, 12, 31), None)),
        ("今天", D(2026, 11, 22), (D(2026, 11, 22), D(2026, 11, 22), None)),
        ("yesterday", D(2026, 1, 1), (D(2025, 12, 31), D(2025, 12, 31), None)),
        ("2026年", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 12, 31), None)),
        # explicit and relative-year months
        ("2026年10月", D(2027, 3, 1), (D(2026, 10, 1), D(2026, 10, 31), "2026-10")),
        ("2025-02", D(2026, 11, 22), (D(2025, 2, 1), D(2025, 2, 28), "2025-02")),
        ("明年1月", D(2026, 11, 22), (D(2027, 1, 1), D(2027, 1, 31), "2027-01")),
        ("去年12月", D(2026, 1, 5), (D(2025, 12, 1), D(2025, 12, 31), "2025-12")),
        ("今年三月", D(2026, 11, 22), (D(2026, 3, 1), D(2026, 3, 31), "2026-03")),
        ("october 2025", D(2026, 11, 22), (D(2025, 10, 1), D(2025, 10, 31), "2025-10")),
        ("第三季度", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 9, 30), None)),
        ("Q4", D(2026, 11, 22), (D(2026, 10, 1), D(2026, 12, 31), None)),
        ("上半年", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 6, 30), None)),
        ("今年上半年", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 6, 30), None)),
        ("去年下半年", D(2026, 11, 22), (D(2025, 7, 1), D(2025, 12, 31), None)),
        ("2025年上半年", D(2026, 11, 22), (D(2025, 1, 1), D(2025, 6, 30), None)),
        ("the first half of this year", D(2026, 11, 22), (D(2026, 1, 1), D(2026, 6, 30), None)),
        ("second half of last year", D(2026, 11, 22), (D(2025, 7, 1), D(2025, 12, 31), None)),
        ("first half of 2025", D(2026, 11, 22), (D(2025, 1, 1), D(2025, 6, 30), None)),
        ("H2", D(2026, 11, 22), (D(2026, 7, 1), D(2026, 12, 31), None)),
        # durations: N天 / N周 / N个月 = N×30 / 一年 = 365
        ("未来7天", D(2026, 12, 28), (D(2026, 12, 28), D(2027, 1, 4), None)),
        ("未来两周", D(2026, 11, 22), (D(2026, 11, 22), D(2026, 12, 6), None)),
        ("next 2 weeks", D(2026, 11, 22), (D(2026, 11, 22), D(2026, 12, 6), None)),
        ("within the next 90 days", D(2026, 11, 22), (D(2026, 11, 22), D(2027, 2, 20), None)),
        ("最近90天", D(2026, 11, 22), (D(2026, 8, 24), D(2026, 11, 22), None)),
        ("过去30天", D(2026, 1, 10), (D(2025, 12, 11), D(2026, 1, 10), None)),
        ("in the last 30 days", D(2026, 11, 22), (D(2026, 10, 23), D(2026, 11, 22), None)),
        ("近三个月", D(2026, 11, 22), (D(2026, 8, 24), D(2026, 11, 22), None)),
        ("过去一年", D(2026, 11, 22), (D(2025, 11, 22), D(2026, 11, 22), None)),
        ("最近12个月", D(2026, 11, 22), (D(2025, 11, 22), D(2026, 11, 22), None)),
        ("半个月内", D(2026, 11, 22), (D(2026, 11, 7), D(2026, 11, 22), None)),
        ("the past month", D(2026, 11, 22), (D(2026, 10, 23), D(2026, 11, 22), None)),
    ],
)
def test_periods_resolve_to_semantics_windows(text: str, today: date, expected: tuple) -> None:
    assert period(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "past", "future"),
    [
        ("10月", D(2026, 11, 22), "2026-10", "2027-10"),
        ("10月", D(2026, 10, 5), "2026-10", "2026-10"),  # the current month is both the latest and the coming
        ("12月", D(2026, 11, 22), "2025-12", "2026-12"),
        ("1月", D(2026, 1, 31), "2026-01", "2026-01"),
        ("1月", D(2026, 12, 31), "2026-01", "2027-01"),
        ("十二月", D(2027, 1, 3), "2026-12", "2027-12"),
        ("in October", D(2026, 11, 22), "2026-10", "2027-10"),
        ("march", D(2026, 2, 1), "2025-03", "2026-03"),
    ],
)
def test_month_names_look_back_or_ahead_by_family(text: str, today: date, past: str, future: str) -> None:
    assert period(text, today, "past")[2] == past
    assert period(text, today, "future")[2] == future


@pytest.mark.parametrize(
    ("text", "today", "past", "future"),
    [
        ("30天内", D(2026, 11, 22), (D(2026, 10, 23), D(2026, 11, 22)), (D(2026, 11, 22), D(2026, 12, 22))),
        ("within 7 days", D(2026, 12, 30), (D(2026, 12, 23), D(2026, 12, 30)), (D(2026, 12, 30), D(2027, 1, 6))),
    ],
)
def test_within_n_days_follows_the_family(text: str, today: date, past: tuple, future: tuple) -> None:
    assert period(text, today, "past")[:2] == past
    assert period(text, today, "future")[:2] == future


def test_expiring_windows_leave_out_past_days_but_keep_the_month() -> None:
    today = D(2026, 11, 22)
    assert period("本月", today, "future", trim=True) == (today, D(2026, 11, 30), "2026-11")
    assert period("下个月", today, "future", trim=True) == (D(2026, 12, 1), D(2026, 12, 31), "2026-12")
    assert period("本周", D(2026, 11, 18), "future", trim=True)[:2] == (D(2026, 11, 18), D(2026, 11, 22))
    assert period("今年", today, "future", trim=True)[:2] == (today, D(2026, 12, 31))


def test_duration_arithmetic() -> None:
    assert duration_days(3, "个月") == 90
    assert duration_days(12, "个月") == 365
    assert duration_days(1, "年") == 365
    assert duration_days(2, "周") == 14
    assert duration_days(1, "个月", half=True) == 45


def test_no_period_in_plain_words() -> None:
    for text in ("逾期客户", "一般纳税人", "查一下", "万象科技", "前10名", "90天以上", "may I ask"):
        assert find_periods(Scan(normalize(text))) == []


@pytest.mark.parametrize(
    ("question", "today", "window", "month"),
    [
        ("本月回款多少", D(2026, 1, 15), ("2026-01-01", "2026-01-31"), "2026-01"),
        ("上个月回款多少", D(2026, 1, 15), ("2025-12-01", "2025-12-31"), "2025-12"),
        ("how much did we collect last month", D(2026, 3, 1), ("2026-02-01", "2026-02-28"), "2026-02"),
        ("本月到期的合同", D(2026, 11, 22), ("2026-11-22", "2026-11-30"), "2026-11"),
        ("下个月到期的合同", D(2026, 12, 10), ("2027-01-01", "2027-01-31"), "2027-01"),
        ("10月到期的合同", D(2026, 11, 22), ("2027-10-01", "2027-10-31"), "2027-10"),
        ("10月回款", D(2026, 11, 22), ("2026-10-01", "2026-10-31"), "2026-10"),
        ("未来7天到期的应收款", D(2026, 12, 28), ("2026-12-28", "2027-01-04"), None),
        ("30天内到期的合同", D(2026, 12, 15), ("2026-12-15", "2027-01-14"), None),
        ("去年签约额", D(2026, 1, 2), ("2025-01-01", "2025-12-31"), None),
    ],
)
def test_periods_in_questions(ask, question: str, today: date, window: tuple, month: str | None) -> None:
    got = fields(ask(question, today=today))
    assert (got["window"]["start"], got["window"]["end"]) == window
    assert got.get("month") == month


@pytest.mark.parametrize(
    ("question", "today", "month"),
    [
        ("10月资料没交齐的客户", D(2026, 11, 22), "2026-10"),
        ("12月资料没交齐的客户", D(2026, 11, 22), "2025-12"),
        ("12月的报税截止日期", D(2026, 11, 22), "2026-12"),
        ("1月的申报截止日", D(2026, 11, 22), "2027-01"),
        ("本月申报截止日", D(2027, 1, 3), "2027-01"),
        ("下个月报税截止是哪天", D(2026, 12, 20), "2027-01"),
        ("10月回款率", D(2026, 11, 22), "2026-10"),
        ("上个月的回款率", D(2026, 1, 8), "2025-12"),
    ],
)
def test_months_in_questions(ask, question: str, today: date, month: str) -> None:
    got = fields(ask(question, today=today))
    assert got["month"] == month


def test_invoices_due_soon_defaults_to_the_next_seven_days(ask) -> None:
    got = fields(ask("即将到期的应收款", today=D(2026, 12, 29)))
    assert (got["window"]["start"], got["window"]["end"]) == ("2026-12-29", "2027-01-05")


def test_specs_are_hashable_values() -> None:
    assert PeriodSpec("cal", unit="month", offset=-1) == PeriodSpec("cal", unit="month", offset=-1)


def test_a_year_and_a_named_period_inside_it_are_one_period() -> None:
    from bot.understand.period_dates import inner_periods, previous_and_current

    def specs(text: str):
        return find_periods(Scan(normalize(text)))

    today = D(2026, 11, 22)
    assert [s.label for s in inner_periods(specs("今年 1到11月"), today, "past")] == ["1到11月"]
    assert len(inner_periods(specs("上周 本月"), today, "past")) == 2  # relative periods: still two
    assert len(inner_periods(specs("明年的回款 3月"), today, "past")) == 2  # the past 3月 is not in 明年
    assert previous_and_current(specs("本月vs上月"), today).label == "本月"
    assert previous_and_current(specs("本月 上上月"), today) is None
    assert previous_and_current(specs("本月 上周"), today) is None
