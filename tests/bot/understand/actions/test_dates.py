"""Days in action sentences: the week, the direction (past for what happened, future for a promise), month ends."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand.actions.dates import find_days, resolve_day
from bot.understand.text import Scan, normalize

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "today", "direction", "expected"), [
    ("上周五", SUNDAY, "past", date(2026, 11, 13)),  # Monday-based weeks: on a Sunday, last week ended 11-15
    ("周五", SUNDAY, "past", date(2026, 11, 20)),
    ("周五", SUNDAY, "future", date(2026, 11, 27)),
    ("下周三", SUNDAY, "future", date(2026, 11, 25)),
    ("next wednesday", WEDNESDAY, "future", date(2026, 12, 2)),
    ("by friday", WEDNESDAY, "future", date(2026, 11, 27)),
    ("昨天", SUNDAY, "past", date(2026, 11, 21)),
    ("前天", SUNDAY, "past", date(2026, 11, 20)),
    ("月底", SUNDAY, "future", date(2026, 11, 30)),
    ("下月底", SUNDAY, "future", date(2026, 12, 31)),
    ("年底前", SUNDAY, "future", date(2026, 12, 31)),
    ("12/15", SUNDAY, "future", date(2026, 12, 15)),
    ("12/15", SUNDAY, "past", date(2025, 12, 15)),
    ("11月20日", SUNDAY, "past", date(2026, 11, 20)),
    ("十二月五号", SUNDAY, "future", date(2026, 12, 5)),
    ("30号", SUNDAY, "future", date(2026, 11, 30)),
    ("2026-12-01", SUNDAY, "future", date(2026, 12, 1)),
    ("dec 15th", SUNDAY, "future", date(2026, 12, 15)),
    ("三天内", SUNDAY, "future", date(2026, 11, 25)),
])
def test_day_resolves(text: str, today: date, direction: str, expected: date) -> None:
    specs = find_days(Scan(normalize(text)))
    assert len(specs) == 1, specs
    assert resolve_day(specs[0], today, direction) == expected  # type: ignore[arg-type]


def test_an_impossible_day_is_none_not_a_guess() -> None:
    specs = find_days(Scan(normalize("2月30日")))
    assert specs and resolve_day(specs[0], SUNDAY, "past") is None
