"""Quiet hours by the Chinese working calendar, per-destination rate limits and the retry backoff."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.config import SettingsError, load_settings
from bot.delivery import Destination
from bot.pacing import ROBOT_LIMIT, SLACK_LIMIT, Backoff, QuietHours, RateLimit, plan_times, rate_key, rate_limit

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def quiet() -> QuietHours:
    return QuietHours.from_settings(load_settings(_env_file=None, quiet_hours="21:00-08:30"))


def test_working_day_hours_are_open_and_nights_are_quiet(quiet: QuietHours) -> None:
    assert not quiet.is_quiet(at("2026-11-23 08:30"))  # a Monday
    assert not quiet.is_quiet(at("2026-11-23 20:59"))
    assert quiet.is_quiet(at("2026-11-23 21:00"))
    assert quiet.is_quiet(at("2026-11-24 08:29"))
    assert quiet.next_open(at("2026-11-23 22:15")) == at("2026-11-24 08:30")
    assert quiet.next_open(at("2026-11-24 06:00")) == at("2026-11-24 08:30")
    assert quiet.next_open(at("2026-11-24 10:00")) == at("2026-11-24 10:00")


def test_weekends_and_holidays_wait_for_the_next_working_morning(quiet: QuietHours) -> None:
    assert quiet.next_open(at("2026-11-20 21:30")) == at("2026-11-23 08:30")  # Friday night → Monday
    assert quiet.next_open(at("2026-11-22 11:00")) == at("2026-11-23 08:30")  # Sunday noon
    # National Day 2026: 1–7 October off; the 8th is the first working day
    assert quiet.next_open(at("2026-09-30 21:30")) == at("2026-10-08 08:30")
    assert quiet.is_quiet(at("2026-10-05 10:00"))


def test_make_up_working_saturday_is_open(quiet: QuietHours) -> None:
    assert not quiet.is_quiet(at("2026-10-10 10:00"))  # 调休上班: Saturday 10 October 2026 is a working day
    assert quiet.next_open(at("2026-10-10 10:00")) == at("2026-10-10 10:00")


def test_staff_messages_are_never_held(quiet: QuietHours) -> None:
    night = at("2026-11-21 23:00")
    assert quiet.not_before(night, client_facing=False) == night
    assert quiet.not_before(night, client_facing=True) == at("2026-11-23 08:30")


def test_next_open_accepts_other_time_zones(quiet: QuietHours) -> None:
    utc_evening = datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("UTC"))  # 22:00 in Shanghai
    assert quiet.next_open(utc_evening) == at("2026-11-24 08:30")


def test_bad_quiet_hours_setting_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="ZHANGFANG_QUIET_HOURS"):
        QuietHours.from_settings(load_settings(_env_file=None, quiet_hours="25:00-08:30"))
    with pytest.raises(SettingsError, match="ZHANGFANG_QUIET_HOURS"):
        QuietHours.from_settings(load_settings(_env_file=None, quiet_hours="08:30-08:30"))
    with pytest.raises(SettingsError, match="ZHANGFANG_QUIET_HOURS"):
        load_settings(_env_file=None, quiet_hours="evening")


def test_plan_times_are_parsed_and_sorted() -> None:
    assert plan_times(load_settings(_env_file=None)) == []  # not set: the scheduler asks the reminder settings
    times = plan_times(load_settings(_env_file=None, plan_times="17:00, 08:30"))
    assert [t.isoformat("minutes") for t in times] == ["08:30", "17:00"]
    with pytest.raises(SettingsError, match="ZHANGFANG_PLAN_TIMES"):
        plan_times(load_settings(_env_file=None, plan_times="24:61"))


def test_rate_limits_by_platform_and_destination() -> None:
    robot = Destination(platform="wecom", kind="webhook", address="https://qyapi.weixin.qq.com/x?key=1")
    assert rate_limit(robot) == ROBOT_LIMIT == RateLimit(20, 60.0)
    assert rate_limit(Destination(platform="dingtalk", kind="webhook", address="u")) == ROBOT_LIMIT
    assert rate_limit(Destination(platform="slack", kind="chat", address="C1")) == SLACK_LIMIT
    assert rate_limit(Destination(platform="wecom", kind="user", address="wangfang")) is None
    other = Destination(platform="wecom", kind="webhook", address="https://qyapi.weixin.qq.com/x?key=2")
    assert rate_key(robot) != rate_key(other) and len(rate_key(robot)) == 40
    assert "key=1" not in rate_key(robot)


def test_backoff_grows_until_the_cap_and_honours_retry_after() -> None:
    backoff = Backoff(base_seconds=30, max_seconds=600, rng=random.Random(7))
    delays = [backoff.delay(n).total_seconds() for n in range(1, 9)]
    assert all(later >= earlier for earlier, later in pairwise(delays[:5]))  # below the cap they never shrink
    for n, seconds in enumerate(delays, start=1):
        ceiling = min(600, 30 * 2 ** (n - 1))
        assert ceiling / 2 <= seconds <= ceiling
    assert backoff.delay(1, retry_after=120) >= timedelta(seconds=120)


def test_backoff_jitter_spreads_workers_apart() -> None:
    backoff = Backoff(base_seconds=30, max_seconds=3600, rng=random.Random(1))
    assert len({backoff.delay(4).total_seconds() for _ in range(20)}) > 1
