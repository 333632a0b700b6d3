"""Two planning runs at once (issue 9, item 9): `serve`'s scheduler and a cron'd `jobs run --at` for the same
moment, as two Apps with their own engines on one database. Both succeed and nothing is opened or queued twice.

To make the race certain rather than likely, each run's connection pauses just before it inserts workflow
instances until the other run gets there too (or 3 s pass): without the planning lock both runs have read "no
instances yet" by then and one dies on the unique key; with it, the second run is still waiting for the lock."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Engine, event, func, select

from bot.bootstrap import App
from bot.jobs.runner import RunReport, run_moment
from bot.models import OutboxMessage
from domain.workflows.models import WorkflowEvent, WorkflowInstance, WorkflowStage
from tests.bot.outbox_support import SHANGHAI, another_app
from tests.domain.workflows.support import build_firm

MOMENT = datetime(2026, 12, 1, 8, 30, tzinfo=SHANGHAI)  # the first run of December opens November's books
INSERT_INSTANCES = "INSERT INTO workflow_instance"


def _meet_before_inserting(engine: Engine, meeting: threading.Barrier) -> None:
    def before(conn, cursor, statement: str, *args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().startswith(INSERT_INSTANCES):
            with contextlib.suppress(threading.BrokenBarrierError):  # the other run is not coming (it waits for
                meeting.wait()  # the lock): go on alone

    event.listen(engine, "before_cursor_execute", before)


def _counts(app: App) -> tuple[int, int, int, int, int]:
    with app.session() as session:
        instances = session.execute(select(func.count()).select_from(WorkflowInstance)).scalar_one()
        keys = session.execute(select(func.count(func.distinct(WorkflowInstance.natural_key)))).scalar_one()
        stages = session.execute(select(func.count()).select_from(WorkflowStage)).scalar_one()
        opened = session.execute(select(func.count()).select_from(WorkflowEvent)
                                 .where(WorkflowEvent.action == "opened")).scalar_one()
        queued = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
    return instances, keys, stages, opened, queued


def test_two_planning_runs_at_once_both_succeed_and_write_everything_once(make_app: Callable[..., App]) -> None:
    app = make_app(today=date(2026, 12, 1))
    build_firm(app)
    other = another_app(app)
    meeting = threading.Barrier(2, timeout=3)
    for engine in (app.engine, other.engine):
        _meet_before_inserting(engine, meeting)
    reports: dict[str, RunReport] = {}
    errors: list[BaseException] = []

    def run(name: str, which: App) -> None:
        try:
            reports[name] = run_moment(which, MOMENT, deliver=False)
        except BaseException as exc:  # the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name, which)) for name, which in (("serve", app), ("cron", other))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    other.engine.dispose()
    assert not errors, errors
    instances, keys, stages, opened, queued = _counts(app)
    assert instances == keys == opened == 3  # three clients' November books, once each
    assert stages > 0
    queued_by_runs = sum(report.totals().queued for report in reports.values())
    assert queued_by_runs == queued > 0  # every message queued by exactly one of the two runs


def test_a_second_run_after_the_first_changes_nothing(make_app: Callable[..., App]) -> None:
    app = make_app(today=date(2026, 12, 1))
    build_firm(app)
    run_moment(app, MOMENT, deliver=False)
    before = _counts(app)
    again = run_moment(app, MOMENT, deliver=False)
    assert _counts(app) == before and again.totals().queued == 0
