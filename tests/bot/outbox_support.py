"""Shared by the outbox, sending and scheduler tests: drafts built by hand (standing in for the planners), a
clock the test moves, and a worker process (`python -m tests.bot.outbox_support …`) for crash and
two-worker tests.

Worker modes (the database comes from ZHANGFANG_DATABASE_URL, a PostgreSQL schema from OUTBOX_TEST_SCHEMA):
  enqueue-then-die MOMENT URL COUNT   queue COUNT messages for the robot URL, then SIGKILL itself before sending
  claim-then-die MOMENT               claim what is due and start sending it; the test kills it mid-send
  drain MOMENT GO_FILE                say "ready", wait for GO_FILE to exist (so that workers start together), deliver
                                      everything due at MOMENT through the real senders, print a JSON count
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine

from bot.bootstrap import App, bootstrap
from bot.config import load_settings
from bot.delivery import Destination
from bot.jobs.draft import Draft
from bot.reply import Reply

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_MORNING = datetime(2026, 11, 23, 8, 30, tzinfo=SHANGHAI)


def robot(url: str, platform: str = "wecom") -> Destination:
    return Destination(platform=platform, kind="webhook", address=url)


def draft(key: str, destination: Destination, *, kind: str = "dunning", client_facing: bool = False,
          text: str | None = None) -> Draft:
    """A message whose text is its key, so the fake server's log says which message arrived."""
    return Draft(key=key, kind=kind, destination=destination, recipient=f"recipient of {key}",
                 reply=Reply(intent=kind, text=text or key),
                 client_facing=client_facing, subject="上海明远贸易有限公司")


def drafts(count: int, destination: Destination, prefix: str = "m", **options: object) -> list[Draft]:
    return [draft(f"{prefix}{n:03d}", destination, **options) for n in range(count)]  # type: ignore[arg-type]


@dataclass
class TestClock:
    """A firm-local "now" the test moves by hand."""

    __test__ = False
    moment: datetime = MONDAY_MORNING

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> TestClock:
        self.moment += timedelta(**delta)
        return self

    def to(self, moment: datetime) -> TestClock:
        self.moment = max(self.moment, moment)
        return self


def another_app(app: App) -> App:
    """A second App on the same database with its own engine (its own connections), as a second process has."""
    from sqlalchemy import text

    from bot.db import make_engine

    if app.engine.dialect.name == "sqlite":
        engine = make_engine(str(app.engine.url))
    else:
        with app.engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar()
        engine = create_engine(app.engine.url.render_as_string(hide_password=False),
                               connect_args={"options": f"-csearch_path={schema}"})
    return bootstrap(app.settings, engine=engine, clock=app.clock, migrate=False)


def app_for_worker() -> App:
    url = os.environ["ZHANGFANG_DATABASE_URL"]
    schema = os.environ.get("OUTBOX_TEST_SCHEMA")
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"}) if schema else None
    settings = load_settings(_env_file=None, database_url=url)
    return bootstrap(settings, engine=engine, migrate=schema is None)


def main(argv: list[str]) -> None:
    from bot.outbox import enqueue
    from bot.sending import OutboxSender

    mode, moment = argv[0], datetime.fromisoformat(argv[1])
    app = app_for_worker()
    if mode == "enqueue-then-die":
        enqueue(app, drafts(int(argv[3]), robot(argv[2])), moment)
        os.kill(os.getpid(), signal.SIGKILL)
    sender = OutboxSender(app, batch=5)
    if mode == "claim-then-die":
        for message in sender.claim(moment):
            print("claimed", message.id, flush=True)
            sender.deliver(message, lambda: moment)  # the fake server hangs; the test kills us meanwhile
    elif mode == "drain":
        _ready_set_go(Path(argv[2]))
        report = sender.drain(lambda: moment)
        print(json.dumps({"sent": report.count("sent"), "other": len(report.outcomes) - report.count("sent")}))


def _ready_set_go(go: Path) -> None:
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


if __name__ == "__main__":
    main(sys.argv[1:])
