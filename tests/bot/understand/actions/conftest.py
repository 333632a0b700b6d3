"""The action-understanding fixtures: one firm per backend and test process (read-only), and `act`."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.bootstrap import App, bootstrap
from bot.clock import Clock
from bot.config import load_settings
from bot.db import make_engine
from bot.understand import EntityIndex
from bot.understand.actions import ActionUnderstood, understand_action
from domain.models import Role
from domain.scope import Viewer
from tests.bot.understand.actions.firm import STAFF, TODAY, build
from tests.conftest import BACKENDS, POSTGRES_URL, _drop_pg_schema, _pg_engine


@pytest.fixture(scope="session", params=BACKENDS)
def action_app(request: pytest.FixtureRequest, sqlite_template: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    schema = None
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("actions") / "firm.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
        engine = make_engine(url)
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        engine = _pg_engine(schema)
        url = POSTGRES_URL or ""
    config = load_settings(database_url=url, today=TODAY, _env_file=None)
    app = bootstrap(config, engine=engine, clock=Clock(config.tz, TODAY))
    with app.session() as session:
        build(session)
    with app.session() as session:
        app.extras["action_index"] = EntityIndex.load(session)
    yield app
    app.engine.dispose()
    if schema:
        _drop_pg_schema(schema)


def viewer(staff_id: int) -> Viewer:
    sid, name, role, _ = next(row for row in STAFF if row[0] == staff_id)
    owners = {1: None, 2: frozenset({2}), 3: frozenset({3}), 4: frozenset({4}), 5: frozenset({3, 5})}[sid]
    return Viewer(kind="staff", name=name, staff_id=sid, role=role, owner_ids=owners)


ADMIN = viewer(1)
VIEWERS = {"admin": ADMIN, "wang": viewer(2), "qin": viewer(3), "liu": viewer(4), "alice": viewer(5)}
assert VIEWERS["admin"].role == Role.admin


@pytest.fixture
def act(action_app: App) -> Callable[..., ActionUnderstood | None]:
    index = action_app.extras["action_index"]

    def _act(text: str, *, as_: str = "admin", today: date = TODAY) -> ActionUnderstood | None:
        with action_app.session() as session:
            return understand_action(text, today=today, viewer=VIEWERS[as_], index=index, session=session)

    return _act
