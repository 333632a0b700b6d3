"""The book's version token (bot/book_version.py): changed by every committed write to the book, by nothing else,
and the whole-firm figures kept between requests follow it — in this process and in another one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text, update

from bot.board.pages import board_views
from bot.book_version import token, writes_book
from bot.bootstrap import App
from bot.models import LastListQuestion
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.metrics.health import client_health
from domain.models import Client, ClientStatus, DocumentRequest, Invoice, Role, Staff
from domain.scope import viewer_for_staff
from tests.bot.outbox_support import another_app
from tests.conftest import SAMPLE_TODAY
from tests.statements import statements_with


@pytest.mark.parametrize("statement", [
    "INSERT INTO invoice (invoice_no) VALUES (?)",
    'UPDATE "invoice" SET open_cents = 0 WHERE id = 1',
    "DELETE FROM allocation WHERE payment_id = 3",
    "WITH changed AS (SELECT 1 AS id) UPDATE invoice SET paid_on = NULL FROM changed WHERE invoice.id = changed.id",
    "INSERT OR REPLACE INTO client_tag (client_id, tag) VALUES (1, 'vip')",
    "CREATE INDEX ix_x ON invoice (due_on)",
    "ALTER TABLE staff ADD COLUMN x INTEGER",
])
def test_writes_to_the_book_are_seen(statement: str) -> None:
    assert writes_book(statement)


@pytest.mark.parametrize("statement", [
    "SELECT id FROM invoice WHERE due_on < ?",
    "SELECT id FROM outbox_message WHERE status = 'pending' FOR UPDATE SKIP LOCKED",
    "UPDATE outbox_message SET status = 'sending' WHERE id IN (SELECT id FROM outbox_message FOR UPDATE SKIP LOCKED)",
    "INSERT INTO processed_event (platform, event_id) VALUES (?, ?) ON CONFLICT (platform, event_id) DO UPDATE SET "
    "payload = excluded.payload",
    "DELETE FROM board_link WHERE expires_at < ?",
    "UPDATE book_version SET token = 'x' WHERE id = 1",
])
def test_the_assistants_own_tables_and_reads_are_not(statement: str) -> None:
    assert not writes_book(statement)


def _firm(make_app: Callable[..., App]) -> App:
    app = make_app()
    assert not import_sheets(app.session, generate_firm(60, seed=5, today=SAMPLE_TODAY)).errors
    return app


def _token(app: App) -> str | None:
    with app.session() as session:
        return token(session)


def test_a_committed_write_changes_the_token_and_nothing_else_does(make_app: Callable[..., App]) -> None:
    app = _firm(make_app)
    first = _token(app)
    assert first
    with app.session() as session:  # reads
        session.execute(select(Invoice.id)).all()
    with app.session() as session:  # the assistant's own tables
        session.add(LastListQuestion(asker="staff:1", query="{}"))
    assert _token(app) == first
    with pytest.raises(RuntimeError), app.session() as session:  # rolled back
        session.execute(update(Invoice).values(disputed=True))
        raise RuntimeError
    assert _token(app) == first
    with app.session() as session:  # an ORM write
        session.add(DocumentRequest(client_id=session.scalars(select(Client.id)).first(), period="2026-10",
                                    item="银行回单 (test)", due_on=SAMPLE_TODAY))
    second = _token(app)
    assert second not in (None, first)
    with app.engine.begin() as conn:  # raw SQL on a Core connection
        conn.execute(text("UPDATE invoice SET disputed = disputed"))
    assert _token(app) not in (None, first, second)


def _admin(app: App) -> int:
    with app.session() as session:
        return session.scalars(select(Staff.id).where(Staff.role == Role.admin)).first()


def _scores(app: App) -> dict[str, int]:
    """Every active client's health score, computed afresh (no memo)."""
    with app.session() as session:
        viewer = viewer_for_staff(session, session.get(Staff, _admin(app)))
        return {r.client: r.score for r in client_health(session, viewer, app.today())}


def test_the_board_keeps_whole_firm_figures_until_the_book_changes_in_any_process(
        make_app: Callable[..., App]) -> None:
    app = _firm(make_app)
    admin = _admin(app)
    with statements_with(app.engine, "h_late") as statements:
        board_views(app, admin, "value")
        assert len(statements) == 1  # the health statement, once for the three panels
        board_views(app, admin, "value")
        assert len(statements) == 1  # the next page: kept, the book being unchanged
    other = another_app(app)  # a second process writes: a client's documents are late now
    try:
        with other.session() as session:
            client = session.scalars(select(Client).where(Client.status == ClientStatus.active.value)
                                     .order_by(Client.name)).first()
            before = _scores(app)[client.name]
            for n in range(3):
                session.add(DocumentRequest(client_id=client.id, period="2026-09", item=f"资料{n} (test)",
                                            due_on=SAMPLE_TODAY - timedelta(days=30)))
    finally:
        other.engine.dispose()
    with statements_with(app.engine, "h_late") as statements:
        views = board_views(app, admin, "value")
        assert len(statements) == 1  # computed again
    fresh = _scores(app)
    assert fresh[client.name] < before
    at_risk = next(v for v in views if v.panel.key == "at_risk")
    assert at_risk.result is not None
    assert {item["client"]: item["health_score"] for item in at_risk.result.items} == {
        name: score for name, score in fresh.items() if score < 60}


def test_a_new_day_is_computed_afresh(make_app: Callable[..., App]) -> None:
    app = _firm(make_app)
    admin = _admin(app)
    with statements_with(app.engine, "h_late") as statements:
        board_views(app, admin, "value")
        app.clock = type(app.clock)(app.settings.tz, date(2026, 11, 23))
        board_views(app, admin, "value")
        assert len(statements) == 2


def test_a_question_reads_the_token_only_when_it_needs_a_whole_firm_figure(make_app: Callable[..., App]) -> None:
    app = _firm(make_app)
    with app.session() as session:
        viewer = viewer_for_staff(session, session.get(Staff, _admin(app)))
    with statements_with(app.engine, "book_version") as reads:
        app.answerer.answer(viewer, "逾期总额是多少")
        assert reads == []
        first = app.answerer.answer(viewer, "哪些客户有流失风险")
        second = app.answerer.answer(viewer, "哪些客户有流失风险")
        assert len(reads) == 2  # once per question
    assert first.text == second.text and first.data == second.data


def test_a_schema_without_the_table_is_written_as_asked(backend: str, tmp_path) -> None:
    """A database at a revision before 0014 (or a backup of one being restored) has no book_version table: its
    writes commit as they would without the token."""
    import uuid

    from bot.book_version import watch
    from bot.db import make_engine, upgrade_to
    from tests.conftest import _drop_pg_schema, _pg_engine

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}") if backend == "sqlite" else _pg_engine(schema)
    watch(engine)
    try:
        upgrade_to(engine, "0013")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO staff (id, name, role, hourly_cost_cents) VALUES (1, '周敏', 'staff', 0)"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM staff")).scalar() == "周敏"
    finally:
        engine.dispose()
        if backend != "sqlite":
            _drop_pg_schema(schema)
