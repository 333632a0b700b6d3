"""The composition root: the one place that wires settings, database, clock and the parts built on them.

Tests pass their own pieces (an engine on a temporary database, a pinned clock, fake platform URLs)
instead of patching anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock
from bot.config import Settings, load_settings
from bot.db import make_engine, upgrade

T = TypeVar("T")


@dataclass
class App:
    settings: Settings
    engine: Engine
    clock: Clock
    extras: dict[str, object] = field(default_factory=dict)

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

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """One instance per App of something built on first use (the answerer, an adapter, parsed files)."""
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
) -> App:
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    clock = clock or Clock(settings.tz, today or settings.today)
    app = App(settings=settings, engine=engine, clock=clock)
    compose(app)
    return app


def compose(app: App) -> None:
    """Wire what every message needs, once per App: the answerer with its ordered routes (bot/routes.py — query
    buttons, proposals, the change log, actions, workflows, questions) and the action desk behind them."""
    from bot.answer import Answerer

    app.extras["answerer"] = Answerer(app)
