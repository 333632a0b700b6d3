"""`zhangfang demo`: a generated firm in a local database and the console chat on it — the quickest way in."""

from __future__ import annotations

import os

import typer
from sqlalchemy import func, select

from bot.bootstrap import App
from bot.commands.common import console, fail, load_app
from bot.commands.import_view import run_with_progress
from bot.texts import LOCALES, lookup, t
from domain.models import Client, Role, Staff

DEMO_URL = "sqlite:///./demo.db"


def demo(
    clients: int = typer.Option(200, "--clients", min=10, max=100_000, help="How many clients the demo firm has."),
    seed: int = typer.Option(7, "--seed", help="Random seed (the same seed gives the same firm)."),
    chat: bool = typer.Option(True, "--chat/--no-chat", help="Open the console chat afterwards."),
) -> None:
    """Create a demo firm (in ZHANGFANG_DATABASE_URL, or ./demo.db) and open the console chat on it."""
    from domain.generator import generate_firm

    overrides = {} if os.environ.get("ZHANGFANG_DATABASE_URL") else {"database_url": DEMO_URL}
    app = load_app(None, **overrides)
    with app.session() as session:
        existing = session.execute(select(func.count(Client.id))).scalar_one()
    if existing:
        _say(app, "demo.reusing", count=existing)
    else:
        _say(app, "demo.creating", count=clients)
        report = run_with_progress(app.session, generate_firm(clients, seed=seed, today=app.today()))
        if any(report.rejected.values()):
            fail(f"demo data was rejected: {report.errors[:3]}")
        _open_workflows(app)
    with app.session() as session:
        admin = session.execute(select(Staff.name).where(Staff.role == Role.admin).order_by(Staff.id)).scalar()
    if admin is None:
        fail("the demo firm has no admin")
    _say(app, "demo.ready" if chat else "reliability.demo_ready_no_chat", name=admin)  # no chat: no "asking as"
    if chat:
        from bot.commands.answers import run_console

        run_console(app, admin, suggestions=list(lookup(app.settings.locale, "demo.suggestions")))


def _say(app: App, key: str, **values: object) -> None:
    """A demo notice in the configured language, then in the other one (every notice, first run or not)."""
    first = app.settings.locale
    for locale in (first, *(other for other in LOCALES if other != first)):
        console.print(t(locale, key, **values), highlight=False)


def _open_workflows(app: App) -> None:
    """Six months of workflow history as the morning job would have opened it, most stages done on time, some
    late, a few still open (domain/workflows/history.py) — so the 服务效率 board and the digest look real."""
    from bot.board.demo_history import add_workflow_history

    add_workflow_history(app)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
