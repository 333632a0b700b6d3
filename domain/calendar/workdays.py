"""Working days in mainland China.

Statutory holidays (法定节假日) and make-up working days (调休上班) come from the `chinesecalendar` package.
For a year it does not know yet (it raises NotImplementedError), weekends are the only rest days; callers
that must say so ask `holidays_known(year)`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import chinese_calendar

ONE_DAY = timedelta(days=1)


@cache
def holidays_known(year: int) -> bool:
    """Whether the State Council's holiday arrangement for `year` is in the installed holiday data."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date) -> bool:
    """A working day: Monday–Friday outside statutory holidays, plus make-up working days on weekends."""
    if not holidays_known(day.year):
        return day.weekday() < 5
    return bool(chinese_calendar.is_workday(day))


def is_rest_day(day: date) -> bool:
    return not is_working_day(day)


def is_statutory_holiday(day: date) -> bool:
    """A day inside an announced holiday run, including the weekend days the arrangement counts in it.

    Ordinary weekends and make-up working days are not; unknown years have none.
    """
    if not holidays_known(day.year):
        return False
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    return bool(on_holiday and name is not None)


def next_working_day(day: date, *, inclusive: bool = False) -> date:
    """The first working day after `day` (or `day` itself when `inclusive` and it is a working day)."""
    candidate = day if inclusive else day + ONE_DAY
    while not is_working_day(candidate):
        candidate += ONE_DAY
    return candidate


def add_working_days(day: date, count: int) -> date:
    """The `count`-th working day after `day` (`day` itself when count is 0)."""
    if count < 0:
        raise ValueError("count must be ≥ 0")
    result = day
    for _ in range(count):
        result = next_working_day(result)
    return result


def working_days_between(start: date, end: date) -> int:
    """Working days in [start, end) — start counted, end not; negative when end is before start.

    So `working_days_between(today, deadline)` is the number of working days left before the deadline day.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        count += is_working_day(day)
        day += ONE_DAY
    return count
