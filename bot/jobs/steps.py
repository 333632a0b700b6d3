"""When a reminder step fires: the one rule of timing every planner shares.

A step is scheduled on a calendar date (e.g. an invoice's due date + 7). With `working_days_only` (the default)
reminders are planned on working days only, and a step that falls on a rest day moves:
- *ahead* steps (reminders before a date, and on the date itself) to the last working day before it — a 7-day
  renewal notice on a Sunday is better read on Friday than on Monday;
- *after* steps (chases after a date) to the first working day after it — a client is not chased early.
So on working day D an ahead step fires when it is scheduled in [D, next working day) and an after step when it is
scheduled in (previous working day, D].
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import is_working_day, next_working_day

ONE_DAY = timedelta(days=1)


def previous_working_day(day: date) -> date:
    """The last working day before `day`."""
    candidate = day - ONE_DAY
    while not is_working_day(candidate):
        candidate -= ONE_DAY
    return candidate


@dataclass(frozen=True)
class StepDays:
    """The calendar dates whose steps are planned on `day`: `ahead` for reminders before a date, `after` for chases.

    Both are empty on a rest day when only working days are planned."""

    day: date
    ahead: tuple[date, ...]
    after: tuple[date, ...]

    @classmethod
    def on(cls, day: date, working_days_only: bool = True) -> StepDays:
        if not working_days_only:
            return cls(day, (day,), (day,))
        if not is_working_day(day):
            return cls(day, (), ())
        ahead = _span(day, next_working_day(day) - ONE_DAY)
        after = _span(previous_working_day(day) + ONE_DAY, day)
        return cls(day, ahead, after)

    @property
    def active(self) -> bool:
        return bool(self.ahead)

    def before_anchor(self, anchor: date, offsets: Collection[int]) -> int | None:
        """The largest offset N (days before `anchor`) whose step `anchor − N` fires today, else None."""
        best = None
        for scheduled in self.ahead:
            n = (anchor - scheduled).days
            if n in offsets and (best is None or n > best):
                best = n
        return best

    def after_anchor(self, anchor: date, offsets: Collection[int], every: int = 0) -> int | None:
        """The largest offset N (days after `anchor`) whose step `anchor + N` fires today, else None.

        Beyond the last offset, a step every `every` days (none when 0)."""
        best = None
        last = max(offsets, default=0)
        for scheduled in self.after:
            n = (scheduled - anchor).days
            repeat = every > 0 and n > last and (n - last) % every == 0
            if (n in offsets or repeat) and (best is None or n > best):
                best = n
        return best


def _span(first: date, last: date) -> tuple[date, ...]:
    days = []
    while first <= last:
        days.append(first)
        first += ONE_DAY
    return tuple(days)
