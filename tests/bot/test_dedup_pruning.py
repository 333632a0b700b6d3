"""The processed-event table is pruned (issue 9, item 10): the scheduler inside `serve` forgets platform events older
than three days — at start and every six hours — and keeps the recent ones, so a retry is still answered once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import insert, select

from bot.bootstrap import App
from bot.dedup import KEEP, admit, forget_old
from bot.models import ProcessedEvent
from bot.scheduler import PRUNE_JOB, JobScheduler
from bot.senders import SenderRegistry
from domain.types import utcnow


def _remembered(app: App) -> set[str]:
    with app.session() as session:
        return set(session.execute(select(ProcessedEvent.event_id)).scalars())


def _seed(app: App) -> None:
    with app.session() as session:
        session.execute(insert(ProcessedEvent), [
            {"platform": "slack", "event_id": "Ev-old", "received_at": utcnow() - KEEP - timedelta(hours=1)},
            {"platform": "wecom", "event_id": "msg-old", "received_at": utcnow() - timedelta(days=30)},
            {"platform": "slack", "event_id": "Ev-recent", "received_at": utcnow() - KEEP + timedelta(hours=1)},
        ])


def test_forget_old_drops_only_what_no_platform_will_retry(make_app: Callable[..., App]) -> None:
    app = make_app()
    _seed(app)
    assert forget_old(app) == 2
    assert _remembered(app) == {"Ev-recent"}
    assert not admit(app, "slack", "Ev-recent")  # a retry of a remembered event is still refused
    assert admit(app, "slack", "Ev-old")  # (a platform never retries this late)


def test_the_scheduler_prunes_at_start(make_app: Callable[..., App]) -> None:
    app = make_app()
    _seed(app)
    scheduler = JobScheduler(app, senders=SenderRegistry(app, {}), name="prune-test").start()
    try:
        assert scheduler.scheduler.get_job(PRUNE_JOB) is not None
        deadline = time.monotonic() + 60
        while _remembered(app) != {"Ev-recent"} and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _remembered(app) == {"Ev-recent"}
    finally:
        scheduler.shutdown()
