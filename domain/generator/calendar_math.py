"""Small date arithmetic for the generator (month and year steps that clip to the month's end)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def add_months(d: date, months: int) -> date:
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    month += 1
    day = d.day
    if day > 28:
        day = min(day, _month_days(year, month))
    return date(year, month, day)


@lru_cache(maxsize=256)
def month_start(d: date, months_back: int = 0) -> date:
    """The first day of the month `months_back` months before d's month."""
    return add_months(d.replace(day=1), -months_back)
