"""One small generated firm (seed 12, 60 clients, today 2026-11-22) per backend, shared read-only by the tests of
tests/domain/metrics, with its raw rows computed by hand (raw.py, expected.py), and `ask`: a question through the
same path as `zhangfang ask --json` (the answerer, then the JSON it prints).

A few rows are adjusted after the import so that every rule has a case: a client with no industry (未填), a
staff member with no manager (无团队) who owns clients, a manager who owns clients (their own team).
"""

from __future__ import annotations

import io
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
import pytest
from sqlalchemy import text

from bot.bootstrap import App, bootstrap
from bot.clock import Clock
from bot.commands.answers import print_json
from bot.config import load_settings
from bot.conversation import answerer, resolve_viewer
from domain.generator import generate_firm
from domain.importing import import_sheets
from tests.conftest import BACKENDS, POSTGRES_URL, _drop_pg_schema, _pg_engine
from tests.domain.metrics.raw import Firm, load

TODAY = date(2026, 11, 22)
SEED, CLIENTS = 12, 60


@dataclass
class Generated:
    app: App
    firm: Firm

    def ask(self, question: str, who: str | None = None) -> dict:
        """`zhangfang ask QUESTION --as WHO --json`, as a dict (the admin by default)."""
        with self.app.session() as session:
            viewer = resolve_viewer(session, "cli", who or self.admin)
        assert viewer is not None, who
        out = io.StringIO()
        print_json(answerer(self.app).answer(viewer, question), out)
        return orjson.loads(out.getvalue())

    def staff(self, role: str) -> list[int]:
        return sorted(s for s, row in self.firm.raw.staff.items() if row[1] == role)

    def staff_id(self, name: str) -> int:
        return next(s for s, row in self.firm.raw.staff.items() if row[0] == name)

    @property
    def admin(self) -> str:
        return self.firm.name(self.staff("admin")[0])


def _adjust(app: App) -> None:
    """Edge cases the generator may not draw: no industry, an owner without a manager, a manager owning clients."""
    with app.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM client WHERE status = 'active' ORDER BY id"))]
        managers = [r[0] for r in conn.execute(text("SELECT id FROM staff WHERE role = 'manager' ORDER BY id"))]
        loner = conn.execute(text("SELECT id FROM staff WHERE role = 'staff' ORDER BY id")).first()[0]
        conn.execute(text("UPDATE client SET industry = NULL WHERE id IN (:a, :b)"), {"a": ids[0], "b": ids[1]})
        conn.execute(text("UPDATE staff SET manager_id = NULL WHERE id = :s"), {"s": loner})
        conn.execute(text("UPDATE client SET owner_id = :m WHERE id IN (:a, :b)"),
                     {"m": managers[0], "a": ids[2], "b": ids[3]})


@pytest.fixture(scope="session", params=BACKENDS)
def generated(request: pytest.FixtureRequest, sqlite_template: Path,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    schema = None
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("metrics") / "firm.db"
        shutil.copy(sqlite_template, path)
        url, engine = f"sqlite:///{path}", None
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        url, engine = POSTGRES_URL or "", _pg_engine(schema)
    config = load_settings(database_url=url, today=TODAY, _env_file=None)
    app = bootstrap(config, engine=engine, clock=Clock(config.tz, TODAY))
    report = import_sheets(app.session, generate_firm(CLIENTS, seed=SEED, today=TODAY))
    assert not report.errors
    _adjust(app)
    with app.engine.connect() as conn:
        firm = Firm(load(conn, TODAY))
    yield Generated(app, firm)
    app.engine.dispose()
    if schema:
        _drop_pg_schema(schema)
