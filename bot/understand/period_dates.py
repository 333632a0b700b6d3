"""Dates for a period said in a question (`PeriodSpec`, bot/understand/periods.py), once the question family is
known: its direction (the most recent or the coming month) and whether days already past are left out."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from bot.understand.periods import Direction, PeriodSpec
from domain.queries import Window


@dataclass(frozen=True)
class Resolved:
    window: Window
    month: str | None  # "YYYY-MM" when the period is exactly one calendar month


def resolve(spec: PeriodSpec, today: date, direction: Direction, trim_past: bool) -> Resolved:
    """Dates for a spec; `trim_past` starts windows no earlier than today (expiring / falling-due families)."""
    start, end = _bounds(spec, today, direction)
    month = f"{start.year:04d}-{start.month:02d}" if _is_calendar_month(start, end) else None
    if trim_past and end >= today > start:
        start = today
    return Resolved(Window(start=start, end=end, label=spec.label), month)


def _bounds(spec: PeriodSpec, today: date, direction: Direction) -> tuple[date, date]:
    if spec.kind == "until":  # "年底前": from today to the end of this year / month
        return today, _calendar(spec.unit, 0, today)[1]
    if spec.kind == "cal" and spec.year is not None:
        return date(spec.year, 1, 1), date(spec.year, 12, 31)
    if spec.kind == "cal" and spec.days[0]:  # "下个月下旬": days of that month
        start, end = _calendar(spec.unit, spec.offset, today)
        return start.replace(day=spec.days[0]), start.replace(day=min(spec.days[2], end.day))
    if spec.kind == "cal":
        return _calendar(spec.unit, spec.offset, today)
    if spec.kind == "month_of":
        year = _year_for(spec, today, direction, lambda y: (y, spec.number) <= (today.year, today.month))
        return date(year, spec.number, 1), _month_end(year, spec.last or spec.number)
    if spec.kind == "days_of":
        year = _year_for(spec, today, direction, lambda y: (y, spec.number) <= (today.year, today.month))
        day, last, last_day = spec.days
        return date(year, spec.number, day), date(year, last, min(last_day, _month_end(year, last).day))
    if spec.kind == "quarter_of":
        this_quarter = (today.month - 1) // 3 + 1
        year = _year_for(spec, today, direction, lambda y: (y, spec.number) <= (today.year, this_quarter))
        first = 3 * (spec.number - 1) + 1
        return date(year, first, 1), _month_end(year, first + 2)
    if spec.kind == "half":  # "上半年" alone is this year's; "去年下半年", "first half of 2025" say which
        first, year = 1 if spec.number == 1 else 7, spec.year or today.year + spec.offset
        return date(year, first, 1), _month_end(year, first + 5)
    if spec.kind == "ytd":
        return date(today.year, 1, 1), today
    if spec.kind == "weekday":  # that day of this, the last or the next week
        day = today - timedelta(days=today.weekday()) + timedelta(days=7 * spec.offset + spec.number)
        return day, day + timedelta(days=max(spec.last - spec.number, 0))  # "上周一到周三": to the last day said
    if spec.kind == "by":  # from today to the next such day
        year = today.year if (spec.number, spec.days[0]) >= (today.month, today.day) else today.year + 1
        return today, date(year, spec.number, min(spec.days[0], _month_end(year, spec.number).day))
    if spec.kind == "since":  # the most recent such day not after today (or of the year said), to today
        year = today.year if (spec.number, spec.days[0]) <= (today.month, today.day) else today.year - 1
        year = today.year + spec.offset if spec.rel_year else year
        return date(year, spec.number, min(spec.days[0], _month_end(year, spec.number).day)), today
    days = timedelta(days=spec.number)
    goes_future = spec.direction == "future" or (spec.direction == "neutral" and direction == "future")
    return (today, today + days) if goes_future else (today - days, today)


def _year_for(spec: PeriodSpec, today: date, direction: Direction, not_after_now) -> int:
    """The year of a named month/quarter: explicit, relative, or the most recent (past) / coming (future) one."""
    if spec.year is not None:
        return spec.year
    if spec.rel_year:
        return today.year + spec.offset
    if direction == "past":
        return today.year if not_after_now(today.year) else today.year - 1
    # the coming one: this year's unless it has already ended
    if spec.kind in ("month_of", "days_of"):
        return today.year if spec.number >= today.month else today.year + 1
    return today.year if spec.number >= (today.month - 1) // 3 + 1 else today.year + 1


def _calendar(unit: str, offset: int, today: date) -> tuple[date, date]:
    if unit == "day":
        day = today + timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        year, month = divmod(today.year * 12 + today.month - 1 + offset, 12)
        return date(year, month + 1, 1), _month_end(year, month + 1)
    if unit == "quarter":
        index = today.year * 4 + (today.month - 1) // 3 + offset
        year, quarter = divmod(index, 4)
        return date(year, 3 * quarter + 1, 1), _month_end(year, 3 * quarter + 3)
    year = today.year + offset
    return date(year, 1, 1), date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _is_calendar_month(start: date, end: date) -> bool:
    return start.day == 1 and (start.year, start.month) == (end.year, end.month) and end == _month_end(
        end.year, end.month)


def inner_periods(specs: list[PeriodSpec], today: date, direction: Direction) -> list[PeriodSpec]:
    """A year and a named month / quarter / half / day range inside it ("今年1到11月每月", "2026年 … Q3") name the inner
    one; any other pair stays two periods (the caller is not sure)."""
    if len(specs) != 2:
        return specs
    if _bounds(specs[0], today, direction) == _bounds(specs[1], today, direction):
        return specs[:1]  # "这个月 … MTD": the same days said twice
    until = [spec for spec in specs if spec.kind == "until"]
    around = [spec for spec in specs if spec.kind == "cal" and spec.offset == 0 and spec.year is None]
    if until and around and around[0].unit == until[0].unit:
        return until  # "这个月月底前": the end of this very month
    years = [spec for spec in specs if spec.kind == "cal" and spec.unit == "year"]
    named = [spec for spec in specs if spec.kind in ("month_of", "quarter_of", "half", "days_of")]
    if len(years) != 1 or len(named) != 1:
        return specs  # "上周和本月": two periods, even if one lies in the other
    outer, inner = _bounds(years[0], today, direction), _bounds(named[0], today, direction)
    return named if outer[0] <= inner[0] and inner[1] <= outer[1] else specs


def previous_and_current(specs: list[PeriodSpec], today: date) -> PeriodSpec | None:
    """"本月vs上月", "this quarter vs last quarter": a calendar period and the one right before it (a comparison the
    summary makes anyway) — the later one; None for any other pair."""
    if len(specs) == 2 and all(spec.kind == "month_of" and not spec.last for spec in specs):
        a, b = specs  # "十月份经营得怎么样，和九月比": the later month, the summary sets the earlier beside it
        return a if (a.number - b.number) % 12 == 1 else b if (b.number - a.number) % 12 == 1 else None
    if len(specs) != 2 or any(spec.kind != "cal" or spec.unit not in ("week", "month", "quarter", "year")
                              for spec in specs):
        return None
    a, b = specs
    if a.unit != b.unit or abs(a.offset - b.offset) != 1:
        return None
    return a if a.offset > b.offset else b
