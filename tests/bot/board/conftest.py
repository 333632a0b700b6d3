"""The board's fixtures: one generated firm (with months of workflow history) served by uvicorn on a real socket,
and headless Chromium (Debian's `chromium`, driven by Playwright) where it exists."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

from bot.bootstrap import App, bootstrap
from bot.clock import Clock
from bot.config import load_settings
from bot.server import create_app
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.models import Role, Staff

TODAY = date(2026, 11, 22)
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "board"


def generated_app(path: Path, clients: int = 150) -> App:
    """A generated firm (seed 5) with its workflow history, on a SQLite file copied from the migrated template."""
    from bot.board.demo_history import add_workflow_history

    config = load_settings(database_url=f"sqlite:///{path}", today=TODAY, _env_file=None)
    app = bootstrap(config, clock=Clock(config.tz, TODAY))
    report = import_sheets(app.session, generate_firm(clients, seed=5, today=TODAY))
    assert not report.errors
    add_workflow_history(app)
    return app


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[App]:
    path = tmp_path_factory.mktemp("board") / "firm.db"
    shutil.copy(sqlite_template, path)
    app = generated_app(path)
    yield app
    app.engine.dispose()


@dataclass
class Served:
    app: App
    base: str


@pytest.fixture(scope="module")
def served(firm: App) -> Iterator[Served]:
    config = uvicorn.Config(create_app(firm), host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    port = server.servers[0].sockets[0].getsockname()[1]
    firm.settings.public_url = f"http://127.0.0.1:{port}"
    try:
        yield Served(firm, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("no Chromium here: install Debian's `chromium` (apt-get install -y chromium) for the board's "
                    "browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the dev extra) is not installed")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def staff_of(app: App, role: Role) -> Staff:
    with app.session() as session:
        return session.execute(select(Staff).where(Staff.role == role.value).order_by(Staff.id)).scalars().first()
