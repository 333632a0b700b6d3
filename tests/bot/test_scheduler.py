"""The scheduler: persisted plan job caught up once after downtime, one planning process on PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import create_engine, select, text

from adapters.console.sender import RecordingSender
from bot.bootstrap import App, bootstrap
from bot.delivery import Destination
from bot.jobs.draft import Draft
from bot.models import OutboxMessage
from bot.scheduler import (
    JOBS_TABLE,
    PLAN_GRACE,
    PLAN_JOB,
    PLAN_LOCK,
    JobScheduler,
    latest_fire_time,
    plan_trigger,
    start_scheduler,
)
from bot.senders import SenderRegistry
from domain.types import utcnow
from tests.bot.outbox_support import SHANGHAI, draft

CONSOLE = Destination(platform="console", kind="user", address="杜萍")


class PlannerLog:
    """A stand-in for bot/jobs/planners.plan_all: one digest per planned moment, and a record of each call."""

    def __init__(self) -> None:
        self.moments: list[datetime] = []

    def __call__(self, app: App, moment: datetime) -> dict[str, list[Draft]]:
        self.moments.append(moment)
        return {"digest": [draft(f"digest|杜萍|{moment.isoformat()}", CONSOLE, kind="digest")]}


def at(text_: str) -> datetime:
    return datetime.fromisoformat(text_).replace(tzinfo=SHANGHAI)


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never became true")
        time.sleep(0.05)


def test_a_late_run_stands_for_the_scheduled_moment() -> None:
    morning = CronTrigger(hour=8, minute=30, timezone=SHANGHAI)
    assert latest_fire_time(morning, at("2026-11-23 09:47")) == at("2026-11-23 08:30")
    assert latest_fire_time(morning, at("2026-11-23 08:30")) == at("2026-11-23 08:30")
    assert latest_fire_time(morning, at("2026-11-23 08:29")) is None  # yesterday's run is beyond the grace
    assert latest_fire_time(morning, at("2026-11-23 08:29"), grace=timedelta(days=1)) == at("2026-11-22 08:30")


def test_plan_times_become_one_trigger(make_app: Callable[..., App]) -> None:
    trigger = plan_trigger(make_app(plan_times="08:30,17:05"))
    assert latest_fire_time(trigger, at("2026-11-23 18:00")) == at("2026-11-23 17:05")
    assert latest_fire_time(trigger, at("2026-11-23 12:00")) == at("2026-11-23 08:30")


def test_by_default_the_planners_run_when_the_reminder_settings_say(make_app: Callable[..., App],
                                                                   tmp_path: Path) -> None:
    assert latest_fire_time(plan_trigger(make_app()), at("2026-11-23 12:00")) == at("2026-11-23 08:30")
    own = tmp_path / "reminders.yaml"
    own.write_text('run_time: "07:45"\ndigest:\n  at: "09:00"\n', encoding="utf-8")
    trigger = plan_trigger(make_app(reminders_file=str(own)))
    assert latest_fire_time(trigger, at("2026-11-23 08:59")) == at("2026-11-23 07:45")
    assert latest_fire_time(trigger, at("2026-11-23 12:00")) == at("2026-11-23 09:00")


def test_the_scheduler_can_be_switched_off(make_app: Callable[..., App]) -> None:
    assert start_scheduler(make_app(scheduler_enabled=False)) is None


def every_minute() -> IntervalTrigger:
    return IntervalTrigger(minutes=1, timezone=SHANGHAI)


def _stop_with_plan_job_due(app: App, planner: PlannerLog, trigger: BaseTrigger, due: datetime) -> None:
    """Run a scheduler (it stores its plan job) and stop it; then, with a scheduler that never runs anything, move
    the stored job's next run back to `due` — as if the process had been down since then."""
    first = JobScheduler(app, planner=planner, senders=SenderRegistry(app, {"console": RecordingSender()}),
                         trigger=trigger, name="catch-up").start()
    assert first.leading
    first.shutdown()
    editor = BackgroundScheduler(timezone=SHANGHAI)
    editor.add_jobstore(SQLAlchemyJobStore(engine=app.engine, tablename=JOBS_TABLE), alias="db")
    editor.start(paused=True)
    editor.modify_job(PLAN_JOB, jobstore="db", next_run_time=due)
    editor.remove_jobstore("db")
    editor.shutdown()


def test_after_downtime_the_missed_plan_run_is_caught_up_once(app: App) -> None:
    planner = PlannerLog()
    _stop_with_plan_job_due(app, planner, every_minute(), utcnow() - timedelta(minutes=10))  # ten runs missed
    assert planner.moments == []
    recording = RecordingSender()
    second = JobScheduler(app, planner=planner, senders=SenderRegistry(app, {"console": recording}),
                          trigger=every_minute(), name="catch-up").start()
    try:
        wait_until(lambda: len(recording.sent) >= 1)
        wait_until(lambda: second.scheduler.get_job(PLAN_JOB, jobstore="db").next_run_time > utcnow())
        assert len(planner.moments) == 1, planner.moments
        assert [reply.text for _, reply in recording.sent] == [f"digest|杜萍|{planner.moments[0].isoformat()}"], \
            recording.sent
    finally:
        second.shutdown()
    with app.session() as session:
        assert [m.status for m in session.execute(select(OutboxMessage)).scalars()] == ["sent"]


def test_a_daily_run_missed_by_more_than_the_grace_time_is_skipped(app: App) -> None:
    planner = PlannerLog()
    due = (datetime.now(SHANGHAI) - PLAN_GRACE - timedelta(hours=1)).replace(second=0, microsecond=0)
    daily = CronTrigger(hour=due.hour, minute=due.minute, timezone=SHANGHAI)
    _stop_with_plan_job_due(app, planner, daily, due)
    second = JobScheduler(app, planner=planner, senders=SenderRegistry(app, {"console": RecordingSender()}),
                          trigger=daily, name="catch-up").start()
    try:
        wait_until(lambda: second.scheduler.get_job(PLAN_JOB, jobstore="db").next_run_time > utcnow())
        assert planner.moments == []
    finally:
        second.shutdown()


def _same_database(app: App) -> App:
    """A second App (another "process") on the first one's database."""
    if app.engine.dialect.name == "postgresql":
        with app.engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        engine = create_engine(app.engine.url, connect_args={"options": f"-csearch_path={schema}"})
    else:
        engine = create_engine(app.engine.url)
    return bootstrap(app.settings, engine=engine, clock=app.clock, migrate=False)


def test_on_postgresql_only_one_process_plans_and_another_takes_over(app: App, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("the advisory lock is PostgreSQL's; run one `serve` per SQLite database")
    other = _same_database(app)
    quiet_trigger = CronTrigger(hour=3, minute=0, timezone=ZoneInfo("Asia/Shanghai"))
    first = JobScheduler(app, planner=PlannerLog(), trigger=quiet_trigger, name="leader").start()
    second = JobScheduler(other, planner=PlannerLog(), trigger=quiet_trigger, name="follower").start()
    try:
        assert first.leading and not second.leading
        assert first.scheduler.get_job(PLAN_JOB, jobstore="db") is not None
        assert second.scheduler.get_job(PLAN_JOB) is None  # the follower only delivers
        first.shutdown()
        assert second.try_to_lead()
        assert second.scheduler.get_job(PLAN_JOB, jobstore="db").args == ("follower",)
    finally:
        second.shutdown()
        other.engine.dispose()


def test_a_leader_that_lost_its_database_connection_steps_down(app: App, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("the advisory lock is PostgreSQL's")
    other = _same_database(app)
    quiet_trigger = CronTrigger(hour=3, minute=0, timezone=SHANGHAI)
    first = JobScheduler(app, planner=PlannerLog(), trigger=quiet_trigger, name="leader").start()
    second = JobScheduler(other, planner=PlannerLog(), trigger=quiet_trigger, name="follower").start()
    try:
        assert first.leading
        with app.engine.begin() as conn:  # the database drops the leader's session (as a restart would)
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND classid::bigint = :key AND objsubid = 2 "
                              "AND objid::bigint = (hashtext(current_schema())::bigint & 4294967295)"),
                         {"key": PLAN_LOCK})
        wait_until(second.try_to_lead)  # the lock frees once the backend has gone
        assert not first.try_to_lead()
        assert first.scheduler.get_job(PLAN_JOB) is None
    finally:
        first.shutdown()
        second.shutdown()
        other.engine.dispose()
