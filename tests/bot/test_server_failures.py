"""Failures must not look like success (issue 9, items 5 and 6): a locked, read-only or broken database makes
/api/ask a 503 with Retry-After (or a 500 with a JSON error), chat a polite sentence, and /metrics count the error
by kind; /healthz says when the database cannot be written; /readyz is 503 until the warm-up has built what
answers need, and the first question after start-up finds the index already built."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import Engine, create_engine, text
from starlette.testclient import TestClient

from bot.bootstrap import App, bootstrap
from bot.conversation import answerer
from bot.db import make_engine
from bot.messages import IncomingMessage
from bot.metrics import answer
from bot.server import create_app
from bot.texts import t
from tests.conftest import POSTGRES_URL
from tests.domain.workflows.support import build_firm, open_period

API_TOKEN = "api-token-for-tests"
TODAY = date(2026, 12, 10)
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture
def firm_app(make_app: Callable[..., App]) -> App:
    app = make_app(today=TODAY, api_token=API_TOKEN, scheduler_enabled=False)
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    return app


def _engine(app: App, *, read_only: bool = False) -> Engine:
    """Another engine on the same database: a short lock wait, optionally read-only."""
    if app.engine.dialect.name == "sqlite":
        path = app.engine.url.database
        url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
        return make_engine(url, busy_timeout=0.2)
    with app.engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
    options = f"-csearch_path={schema} -clock_timeout=300"
    if read_only:
        options += " -cdefault_transaction_read_only=on"
    return create_engine(POSTGRES_URL or "", connect_args={"options": options})


def _variant(app: App, *, read_only: bool = False) -> App:
    return bootstrap(app.settings, engine=_engine(app, read_only=read_only), clock=app.clock, migrate=False)


@contextmanager
def locked(app: App, fragile: App) -> Iterator[None]:
    """Another connection holds a write transaction that keeps readers out until the block ends (SQLite: exclusive
    locking mode; PostgreSQL: ACCESS EXCLUSIVE on the staff, client and alembic_version tables)."""
    if app.engine.dialect.name == "sqlite":
        app.engine.dispose()
        fragile.engine.dispose()
        holder = sqlite3.connect(app.engine.url.database, isolation_level=None)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE alembic_version SET version_num = version_num")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with app.engine.connect() as holder:
        holder.execute(text("LOCK TABLE staff, client, alembic_version IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            holder.rollback()


def _ask(client: TestClient, question: str, asker: str = "王芳"):  # type: ignore[no-untyped-def]
    return client.post("/api/ask", content=json.dumps({"question": question, "as": asker}).encode(), headers=AUTH)


def _chat(app: App, text_: str, who: str = "王芳") -> str:
    return answer(app, IncomingMessage(platform="console", chat_id="", sender_id=who, text=text_)).text


def test_a_locked_database_is_a_503_with_retry_after_a_polite_chat_reply_and_a_metric(firm_app: App) -> None:
    fragile = _variant(firm_app)
    with TestClient(create_app(fragile), raise_server_exceptions=False) as client:
        with locked(firm_app, fragile):
            response = _ask(client, "哪些客户逾期未付款")
            chat = _chat(fragile, "哪些客户逾期未付款")
        metrics = client.get("/metrics").text
        after = _ask(client, "哪些客户逾期未付款")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["kind"] == "db_locked" and "Traceback" not in response.text
    assert chat == t("zh", "reliability.database_busy")
    assert 'zhangfang_answer_errors_total{kind="db_locked"} 2.0' in metrics
    assert after.status_code == 200 and after.json()["intent"] == "overdue_clients"  # the lock is gone: answered


def test_healthz_says_when_the_database_cannot_be_written(firm_app: App) -> None:
    fragile = _variant(firm_app)
    with TestClient(create_app(fragile), raise_server_exceptions=False) as client:
        assert client.get("/healthz").status_code == 200
        with locked(firm_app, fragile):
            health = client.get("/healthz")
        assert health.status_code == 503 and health.json() == {"status": "error", "database": "locked"}
        assert client.get("/healthz").json()["database"] == "ok"


def test_a_write_lock_held_elsewhere_fails_the_write_probe_but_not_the_answers(firm_app: App,
                                                                               backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's single writer lock")
    fragile = _variant(firm_app)
    with TestClient(create_app(fragile), raise_server_exceptions=False) as client:
        holder = sqlite3.connect(firm_app.engine.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # an ordinary writer: readers go on (WAL), writers wait
        try:
            health = client.get("/healthz")
            answered = _ask(client, "哪些客户逾期未付款")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert health.status_code == 503 and health.json()["database"] == "locked"
    assert answered.status_code == 200


def test_a_read_only_database_answers_questions_but_refuses_changes_honestly(firm_app: App) -> None:
    read_only = _variant(firm_app, read_only=True)
    with TestClient(create_app(read_only), raise_server_exceptions=False) as client:
        health = client.get("/healthz")
        ready = client.get("/readyz")  # the warm-up only reads: a read-only database is ready for questions
        question = _ask(client, "哪些客户逾期未付款")
        change = _ask(client, "华信科技 11月 资料交接完成")  # proposing a change writes a pending action
        chat = _chat(read_only, "华信科技 11月 资料交接完成")
        metrics = client.get("/metrics").text
    assert health.status_code == 503 and health.json() == {"status": "error", "database": "read_only"}
    assert ready.status_code == 200
    assert question.status_code == 200 and question.json()["intent"] == "overdue_clients"
    assert change.status_code == 503 and change.json()["kind"] == "db_read_only" and "Retry-After" in change.headers
    assert chat == t("zh", "reliability.database_busy")
    assert 'zhangfang_answer_errors_total{kind="db_read_only"} 2.0' in metrics


def test_an_unexpected_failure_is_a_500_with_a_json_error_and_no_traceback(firm_app: App) -> None:
    with TestClient(create_app(firm_app), raise_server_exceptions=False) as client:
        with firm_app.engine.begin() as conn:  # a database that lost a table: nothing a retry would mend
            conn.execute(text("DROP TABLE allocation" if firm_app.engine.dialect.name == "sqlite"
                              else "DROP TABLE allocation CASCADE"))
        response = _ask(client, "哪些客户逾期未付款")
        metrics = client.get("/metrics").text
    assert response.status_code == 500
    assert response.json()["kind"] == "internal" and "Retry-After" not in response.headers
    assert "Traceback" not in response.text and "allocation" not in response.text
    assert 'zhangfang_answer_errors_total{kind="internal"} 1.0' in metrics


# -- item 6: readiness -------------------------------------------------------------------------------------------

def test_readyz_is_503_until_warm_and_the_first_question_finds_the_index_built(firm_app: App) -> None:
    server = create_app(firm_app)
    cold = TestClient(server)  # no lifespan: what a request would meet before the warm-up
    assert cold.get("/readyz").status_code == 503
    assert cold.get("/healthz").json()["ready"] is False
    assert answerer(firm_app)._index is None
    with TestClient(server) as client:
        index = answerer(firm_app)._index
        assert index is not None  # built while the lifespan started, before any request
        assert client.get("/readyz").json() == {"status": "ready"}
        assert _ask(client, "华信科技的客户档案").status_code == 200
        assert answerer(firm_app)._index is index  # the first question did not build it again


def test_a_locked_database_at_start_up_does_not_stop_the_server(firm_app: App) -> None:
    fragile = _variant(firm_app)
    server = create_app(fragile)
    with locked(firm_app, fragile), TestClient(server, raise_server_exceptions=False) as client:
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 503
