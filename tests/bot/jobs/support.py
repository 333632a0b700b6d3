"""Shared by the planner tests: firm-local moments, planning a moment, and firms built by hand or generated.

Hand-built firms use the facts tests' builder (tests/domain/facts/firm.py: real models, real allocation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.bootstrap import App
from bot.jobs.draft import Draft
from bot.jobs.planners import plan_all
from domain.generator import generate_firm
from domain.importing import import_sheets
from tests.domain.facts.firm import Firm

SHANGHAI = ZoneInfo("Asia/Shanghai")
SLACK = {"slack_bot_token": "xoxb-test", "slack_signing_secret": "secret"}  # Slack counts as configured


def at(day: str | date, clock: str = "08:30") -> datetime:
    """A firm-local moment: at("2026-11-23") is 08:30 that day in Shanghai."""
    when = day if isinstance(day, date) else date.fromisoformat(day)
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(when, time(hours, minutes), tzinfo=SHANGHAI)


def days(first: str, last: str) -> Iterator[date]:
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    while day <= end:
        yield day
        day += timedelta(days=1)


def plan(app: App, moment: datetime, kind: str | None = None, *, record: bool = True) -> list[Draft]:
    planned = plan_all(app, moment, record=record)
    if kind is not None:
        return planned[kind]
    return [draft for drafts in planned.values() for draft in drafts]


def build(app: App, fill: Callable[[Firm], object]) -> object:
    """Write a hand-built firm (allocating payments at the end); returns what `fill` returns."""
    with app.session() as session:
        firm = Firm(session)
        made = fill(firm)
        firm.allocate()
    return made


def generated(app: App, clients: int, today: date, seed: int = 11) -> None:
    """A generated demo firm as of `today`, through the real importer."""
    report = import_sheets(app.session, generate_firm(clients, seed=seed, today=today))
    assert not report.errors, report.errors
