"""The injected clock: every "today" and "now" comes from here, never from date.today() deep inside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Clock:
    """The firm's local time; `pinned_today` (ZHANGFANG_TODAY / --today) fixes the date for reproducible runs."""

    tz: ZoneInfo
    pinned_today: date | None = None
    pinned_now: datetime | None = None

    def today(self) -> date:
        if self.pinned_today is not None:
            return self.pinned_today
        return self.now().date()

    def now(self) -> datetime:
        """Local, timezone-aware."""
        if self.pinned_now is not None:
            return self.pinned_now.astimezone(self.tz)
        if self.pinned_today is not None:
            current = datetime.now(self.tz).timetz()
            return datetime.combine(self.pinned_today, time(current.hour, current.minute), tzinfo=self.tz)
        return datetime.now(UTC).astimezone(self.tz)

    def at(self, moment: datetime) -> Clock:
        """A clock standing still at `moment` (naive moments are read as firm-local)."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return Clock(self.tz, moment.astimezone(self.tz).date(), moment)
