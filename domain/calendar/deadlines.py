"""The monthly filing deadline (征期): the published calendar where there is one, else the statutory rule.

Rule (税收征收管理法实施细则 第一百零九条), as the State Taxation Administration applies it in its calendars:
- the period runs from the 1st to the 15th;
- when the 1st–15th contains a holiday of 3 or more consecutive rest days (a statutory holiday with the
  weekend days joined to it, counting only the days inside the 1st–15th), the deadline moves that
  many *working* days past the 15th — this is how the published calendars count (2026-01: 1–3 January off,
  15th + 3 working days = 20 January; 2025-10: 1–8 October off, 15th + 8 working days = 27 October);
- otherwise, when the 15th is a rest day, the deadline is the first working day after the rest.
Where the holiday data does not know the year, only weekends move the deadline, and the note says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from domain.calendar.published import published_calendar
from domain.calendar.workdays import (
    ONE_DAY,
    add_working_days,
    holidays_known,
    is_rest_day,
    is_statutory_holiday,
    next_working_day,
)

Source = Literal["published", "rule"]
PERIOD_DAYS = 15
MIN_HOLIDAY_RUN = 3
WEEKENDS_ONLY_NOTE = "节假日数据缺失，仅按周末顺延 (holiday data missing: weekends only)"


@dataclass(frozen=True)
class FilingDeadline:
    month: str  # "YYYY-MM": the month in which the filing is made
    deadline: date
    source: Source
    note: str | None = None


def filing_deadline(year: int, month: int, *, extra_dir: Path | None = None) -> FilingDeadline:
    """The last day to file in `month` of `year` (for the period that ended the month before)."""
    _check_month(year, month)
    published = published_calendar(year, extra_dir)
    if published is None:
        return rule_deadline(year, month)
    if published.origin == "shipped":
        note = f"已发布: {published.document}" if published.document else "已发布 (published)"
    else:
        note = f"管理员加载: {published.origin}" + (f" · {published.document}" if published.document else "")
    return FilingDeadline(f"{year}-{month:02d}", published.deadline(month), "published", note)


def year_deadlines(year: int, *, extra_dir: Path | None = None) -> list[FilingDeadline]:
    """The twelve monthly deadlines of `year`."""
    return [filing_deadline(year, month, extra_dir=extra_dir) for month in range(1, 13)]


def rule_deadline(year: int, month: int) -> FilingDeadline:
    """The deadline the statutory rule gives, whatever has been published."""
    _check_month(year, month)
    key = f"{year}-{month:02d}"
    nominal = date(year, month, PERIOD_DAYS)
    if not holidays_known(year):
        return FilingDeadline(key, next_working_day(nominal, inclusive=True), "rule", WEEKENDS_ONLY_NOTE)
    runs = holiday_runs(date(year, month, 1), nominal)
    extension = sum((last - first).days + 1 for first, last in runs)
    deadline = add_working_days(nominal, extension) if extension else next_working_day(nominal, inclusive=True)
    return FilingDeadline(key, deadline, "rule", _rule_note(runs, extension, nominal, deadline))


def holiday_runs(first: date, last: date) -> list[tuple[date, date]]:
    """Holiday runs within [first, last], clipped to it: ≥3 consecutive rest days including a statutory holiday.

    The weekend days joined to a holiday count (2024-06: 8–10 June, a Monday holiday with its weekend, is a
    3-day holiday in the published calendar); days outside the period do not (2023-01: only 1–2 January).
    """
    runs: list[tuple[date, date]] = []
    start: date | None = None
    has_holiday = False
    day = first
    while day <= last + ONE_DAY:
        resting = day <= last and is_rest_day(day)
        if resting:
            start = start or day
            has_holiday = has_holiday or is_statutory_holiday(day)
        elif start is not None:
            if has_holiday and (day - start).days >= MIN_HOLIDAY_RUN:
                runs.append((start, day - ONE_DAY))
            start, has_holiday = None, False
        day += ONE_DAY
    return runs


def _rule_note(runs: list[tuple[date, date]], extension: int, nominal: date, deadline: date) -> str:
    if extension:
        spans = "、".join(f"{a.month}月{a.day}日至{b.month}月{b.day}日" for a, b in runs)
        english = f"rule: {extension}-day holiday, +{extension} working days"
        return f"按规则: {spans}放假{extension}天，顺延{extension}个工作日 ({english})"
    if deadline != nominal:
        return "按规则: 15日为休息日，顺延至休息日后第一个工作日 (rule: the 15th is a rest day, next working day)"
    return "按规则推算 (derived by rule)"


def _check_month(year: int, month: int) -> None:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise ValueError(f"no such month: {year}-{month}")
