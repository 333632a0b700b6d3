"""The composition root: the one place that wires settings, database, clock and the parts built on them.

`compose()` builds, once per App, what every process needs (the server, the scheduler, one-shot commands), as
typed attributes: `answerer` (the routes of every message), `metrics` (answers, deliveries, jobs and backups
count), `reminders` (the firm's reminder settings) and `templates` (the service workflows every answer checks
first). A bad reminders or templates file stops the start, naming the file.

Tests pass their own pieces (an engine on a temporary database, a pinned clock, fake platform URLs, reminder
settings or templates) instead of patching anything.

Built lazily on first use (`App.shared`), because each is optional and costly to build where it is not needed:
- the Slack adapter (adapters/slack: imports slack_bolt and opens a client; only when Slack is configured),
- each platform's file downloader (bot/files/registry.py: imports that platform's adapter; only when a file from
  it arrives) and the file store (bot/files/registry.py: an S3 client imports boto3; only for clients' files),
- the WeCom 微信客服 desk (adapters/wecom/app.py: only when a 微信客服 event arrives),
- the board's signing secret (bot/board/signin.py: may write the database on first use; only the board signs),
- the workflow words of the templates (`App.workflow_terms`: a few ms; only answering a message needs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import book_version
from bot.book_version import ReadMemos
from bot.clock import Clock
from bot.config import Settings, load_settings
from bot.db import make_engine, upgrade

if TYPE_CHECKING:
    from bot.answer import Answerer
    from bot.jobs.settings import ReminderSettings
    from bot.metrics import Metrics
    from domain.workflows.templates import Templates

T = TypeVar("T")


@dataclass
class App:
    settings: Settings
    engine: Engine
    clock: Clock
    extras: dict[str, object] = field(default_factory=dict)  # the lazily built parts (see the module docstring)
    # built once by compose():
    answerer: Answerer = field(init=False, repr=False)
    metrics: Metrics = field(init=False, repr=False)
    reminders: ReminderSettings = field(init=False, repr=False)
    templates: Templates = field(init=False, repr=False)
    read_memos: ReadMemos = field(init=False, repr=False)  # whole-firm figures kept while the book is unchanged

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back otherwise."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def today(self) -> date:
        return self.clock.today()

    @cached_property
    def workflow_terms(self) -> dict[str, frozenset[str]]:
        """The workflow words of the firm's templates (bot/workflows/lexicon.py), built when a message first needs
        them (a few ms; commands that answer nothing never do)."""
        from bot.workflows.lexicon import workflow_terms

        return workflow_terms(self.templates)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """One instance per App of an optional part built on first use (an adapter, a downloader, the board's
        secret); what every process needs is built by compose()."""
        found: Any = self.extras.get(key)
        if found is None:
            found = self.extras[key] = build()
        return found


def bootstrap(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    clock: Clock | None = None,
    today: date | None = None,
    migrate: bool = True,
    metrics: Metrics | None = None,
    reminders: ReminderSettings | None = None,
    templates: Templates | None = None,
) -> App:
    """The App for these settings; each given part (engine, clock, metrics, reminder settings, workflow templates)
    is used instead of the one built from the settings."""
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    book_version.watch(engine)
    if migrate:
        upgrade(engine)
    if clock is None:
        clock = Clock(settings.tz).at(settings.now) if settings.now else Clock(settings.tz, today or settings.today)
    app = App(settings=settings, engine=engine, clock=clock)
    compose(app, metrics=metrics, reminders=reminders, templates=templates)
    return app


def compose(app: App, *, metrics: Metrics | None = None, reminders: ReminderSettings | None = None,
            templates: Templates | None = None) -> None:
    """Wire what every process needs, once per App: metrics, the firm's reminder settings and workflow templates
    (validated here, so a bad file stops the start), then the answerer with its ordered routes (bot/routes.py —
    query buttons, proposals, the change log, actions, workflows, questions) and the action desk behind them."""
    from bot.answer import Answerer
    from bot.jobs.settings import load_reminder_settings
    from bot.metrics import build_metrics
    from domain.workflows.templates import load_templates

    app.metrics = metrics or build_metrics()
    app.reminders = reminders or load_reminder_settings(app.settings.reminders_file)
    app.templates = templates or load_templates(app.settings.workflows_dir)
    app.read_memos = ReadMemos()
    app.answerer = Answerer(app)
