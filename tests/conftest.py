"""Shared fixtures: real databases (SQLite always, PostgreSQL when ZHANGFANG_TEST_POSTGRES_URL is set).

`make_app(today=...)` gives a fresh, migrated, empty database wired through the real bootstrap.
`sample_app` is the sample firm (tests/data/sample-firm.xlsx, a copy of the shared acceptance data) imported once
per session, read-only for the tests that use it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.bootstrap import App, bootstrap
from bot.clock import Clock
from bot.config import load_settings
from bot.db import make_engine, upgrade
from bot.schema import metadata

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"  # the acceptance data belongs to the project: a clone has nothing beside it
SAMPLE_XLSX = DATA / "sample-firm.xlsx"
SAMPLE_ANSWERS = DATA / "sample-firm-answers.json"
SAMPLE_TODAY = date(2026, 11, 22)
POSTGRES_URL = os.environ.get("ZHANGFANG_TEST_POSTGRES_URL")

BACKENDS = ["sqlite"] + (["postgres"] if POSTGRES_URL else [])


def pytest_configure(config: pytest.Config) -> None:
    """Rich tables in command output are as wide as a terminal would show them (CI has no terminal: 80 columns).

    Property tests and fuzzers draw the same examples on every run ("repeatable", the default), so the suite gives
    the same verdict on the same code; `HYPOTHESIS_PROFILE=explore` draws new ones each run to look for new crashes
    (every crash found becomes a named regression test)."""
    os.environ.setdefault("COLUMNS", "200")
    from hypothesis import settings

    settings.register_profile("repeatable", derandomize=True, database=None)
    settings.register_profile("explore", derandomize=False)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))



def _pg_engine(schema: str) -> Engine:
    assert POSTGRES_URL
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    admin.dispose()
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    # No pool: two test workers build hundreds of apps, and pooled idle connections of apps a test no longer uses
    # would crowd the server's 100 connections. Each checkout opens a connection and returning it closes it.
    return create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"}, poolclass=NullPool)


def _drop_pg_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL or "")
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty SQLite file per test process, copied for each test (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


class AppMaker:
    """Apps on fresh empty databases of one backend (a copy of the migrated SQLite template, or a new PostgreSQL
    schema), wired through the real bootstrap; `close` disposes of them and drops their schemas."""

    def __init__(self, backend: str, template: Path, directory: Path) -> None:
        self.backend, self.template, self.directory = backend, template, directory
        self.created: list[App] = []
        self.schemas: list[str] = []

    def __call__(self, today: date | None = SAMPLE_TODAY, **settings: object) -> App:
        if self.backend == "sqlite":
            path = self.directory / f"db{len(self.created)}.db"
            shutil.copy(self.template, path)
            url = f"sqlite:///{path}"
            engine = make_engine(url)
        else:
            schema = f"t_{uuid.uuid4().hex[:12]}"
            self.schemas.append(schema)
            engine = _pg_engine(schema)
            url = POSTGRES_URL or ""
        config = load_settings(database_url=url, today=today, _env_file=None, **settings)
        app = bootstrap(config, engine=engine, clock=Clock(config.tz, today))
        self.created.append(app)
        return app

    def close(self) -> None:
        for app in self.created:
            app.engine.dispose()
        for schema in self.schemas:
            _drop_pg_schema(schema)


@pytest.fixture
def make_app(backend: str, sqlite_template: Path, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Factory for an App on a fresh empty database of the current backend."""
    maker = AppMaker(backend, sqlite_template, tmp_path)
    yield maker
    maker.close()


@pytest.fixture(scope="module", params=BACKENDS)
def make_module_app(request: pytest.FixtureRequest, sqlite_template: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., App]]:
    """The same factory for an App a whole module shares (a firm built once, its tests leaving it as they found
    it), once per backend."""
    maker = AppMaker(request.param, sqlite_template, tmp_path_factory.mktemp("module"))
    yield maker
    maker.close()


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app()


@pytest.fixture(scope="session")
def sample_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The sample firm imported once per test process into a SQLite file, today = SAMPLE_TODAY. Read-only;
    the import report is in app.extras["import_report"]."""
    from domain.importing import import_sheets, read_workbook

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    shutil.copy(sqlite_template, path)
    config = load_settings(database_url=f"sqlite:///{path}", today=SAMPLE_TODAY, _env_file=None)
    app = bootstrap(config, clock=Clock(config.tz, SAMPLE_TODAY))
    app.extras["import_report"] = import_sheets(app.session, read_workbook(SAMPLE_XLSX))
    yield app
    app.engine.dispose()


def table_counts(app: App) -> dict[str, int]:
    with app.engine.connect() as conn:
        return {
            name: conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()
            for name in metadata.tables
        }
