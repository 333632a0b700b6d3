"""When a queued message may go out: quiet hours for client-facing messages, per-destination rate limits, and the
retry backoff. Pure rules of time (no database): bot/sending.py applies them.

- Quiet hours: a client-facing message is sent only on working days of the Chinese calendar (调休 make-up days
  count as working days) outside the firm's night hours (default 21:00–08:30, firm time). Staff messages are
  never held.
- Rate limits: WeCom and DingTalk group robots take 20 messages a minute; Slack about one message a second per
  channel. A message over its destination's limit waits for the next free slot.
- Backoff: exponential with "equal jitter" (half fixed, half random), so successive delays grow until the cap;
  never shorter than the platform's Retry-After hint.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import Settings, SettingsError
from bot.delivery import Destination
from domain.calendar import is_working_day


@dataclass(frozen=True)
class RateLimit:
    """At most `count` messages per `seconds` to one destination."""

    count: int
    seconds: float

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.seconds)


ROBOT_LIMIT = RateLimit(20, 60.0)  # WeCom / DingTalk group robot webhooks: 20 messages a minute
SLACK_LIMIT = RateLimit(1, 1.0)  # Slack chat.postMessage: ~1 message a second per channel


def rate_limit(destination: Destination) -> RateLimit | None:
    """The limit a destination's platform imposes on us, or None when it has none worth pacing."""
    if destination.platform in ("wecom", "dingtalk") and destination.kind == "webhook":
        return ROBOT_LIMIT
    if destination.platform == "slack":
        return SLACK_LIMIT
    return None


def rate_key(destination: Destination) -> str:
    """A short digest naming the destination (the address may be a secret webhook URL)."""
    raw = f"{destination.platform}|{destination.kind}|{destination.address}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _clock_time(text: str, setting: str) -> time:
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise SettingsError(f"{setting}: {text!r} is not a time of day HH:MM — 时间格式应为 HH:MM") from None


def plan_times(settings: Settings) -> list[time]:
    """ZHANGFANG_PLAN_TIMES: the firm-local times at which the planners run, sorted (empty when not set)."""
    parts = settings.plan_times.split(",") if settings.plan_times else []
    return sorted({_clock_time(part, "ZHANGFANG_PLAN_TIMES") for part in parts})


@dataclass(frozen=True)
class QuietHours:
    """Night hours [start, end) across midnight (e.g. 21:00–08:30) plus every rest day, in the firm's time zone."""

    start: time
    end: time
    tz: ZoneInfo

    @classmethod
    def from_settings(cls, settings: Settings) -> QuietHours:
        start_text, _, end_text = settings.quiet_hours.partition("-")
        start = _clock_time(start_text, "ZHANGFANG_QUIET_HOURS")
        end = _clock_time(end_text, "ZHANGFANG_QUIET_HOURS")
        if start == end:
            raise SettingsError("ZHANGFANG_QUIET_HOURS: start and end are the same — 免打扰时段的起止时间相同")
        return cls(start, end, settings.tz)

    def _open_on(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's sending window, or None on a rest day."""
        if not is_working_day(day):
            return None
        if self.start > self.end:  # the night spans midnight: open from `end` to `start` the same day
            return (datetime.combine(day, self.end, self.tz), datetime.combine(day, self.start, self.tz))
        # quiet in the middle of the day is unusual but allowed: open from `end` to midnight
        return (datetime.combine(day, self.end, self.tz), datetime.combine(day + timedelta(days=1), time(), self.tz))

    def is_quiet(self, moment: datetime) -> bool:
        window = self._open_on(moment.astimezone(self.tz).date())
        return window is None or not (window[0] <= moment < window[1])

    def next_open(self, moment: datetime) -> datetime:
        """`moment` itself when a client message may go out then, else the start of the next sending window."""
        local = moment.astimezone(self.tz)
        day = local.date()
        for _ in range(60):  # the longest run of rest days (Spring Festival plus weekends) is far shorter
            window = self._open_on(day)
            if window is not None and local < window[1]:
                return max(local, window[0])
            day += timedelta(days=1)
        raise RuntimeError(f"no working day within 60 days of {day}")

    def not_before(self, moment: datetime, client_facing: bool) -> datetime:
        return self.next_open(moment) if client_facing else moment


@dataclass(frozen=True)
class Backoff:
    """Delay before retry number `attempts` (1 = after the first failure): base·2^(n−1), capped, with equal
    jitter (a random half), never shorter than the platform's Retry-After."""

    base_seconds: float = 30.0
    max_seconds: float = 3600.0
    rng: random.Random | None = None

    @classmethod
    def from_settings(cls, settings: Settings, rng: random.Random | None = None) -> Backoff:
        return cls(settings.outbox_retry_base_seconds, settings.outbox_retry_max_seconds, rng)

    def delay(self, attempts: int, retry_after: float | None = None) -> timedelta:
        ceiling = min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1))
        rng = self.rng or random
        seconds = ceiling / 2 + rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            seconds = max(seconds, retry_after)
        return timedelta(seconds=seconds)
