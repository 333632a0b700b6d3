"""Liveness and readiness for `zhangfang serve`: the database probe behind /healthz, the warm-up behind /readyz.

Warm-up builds what answers need before the server takes traffic: the server's lifespan runs `warm_up` before
uvicorn opens its listening socket, so after a restart the first question is as fast as the thousandth. It builds
the entity/name index, loads the texts and workflow terms, and answers a few questions in both languages as a
viewer who sees no client (so the parser, the query compiler and the renderers are warm, and nothing is read
that a person could see or written at all).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from bot.failures import failure_kind
from bot.texts import LOCALES, catalog
from domain.models import Role
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
READY_KEY = "ready"
WARM_QUESTIONS = ("哪些客户逾期未付款", "应收余额", "which clients are overdue", "帮助")
PROBE_TIMEOUT_MS = 2000
DB_STATES = {"db_locked": "locked", "db_read_only": "read_only", "db_unavailable": "unreachable"}


def is_ready(app: App) -> bool:
    return bool(app.extras.get(READY_KEY))


def warm_up(app: App) -> float:
    """Build the index and answer the warm-up questions; marks the App ready. Returns the seconds it took."""
    from bot.conversation import answerer

    started = time.perf_counter()
    for locale in LOCALES:
        catalog(locale)
    nobody = Viewer(kind="staff", name="warm-up", role=Role.staff, owner_ids=frozenset())
    ask = answerer(app)
    with app.session() as session:
        ask.index(session)
    for question in WARM_QUESTIONS:
        ask.answer(nobody, question, via="warm-up")
    app.extras[READY_KEY] = True
    seconds = time.perf_counter() - started
    log.info("warmed up in %.2f s: ready for traffic", seconds)
    return seconds


def database_state(app: App) -> str:
    """ok | locked | read_only | unreachable: a read, then a write probe (an UPDATE of alembic_version's one row,
    rolled back) that waits at most PROBE_TIMEOUT_MS for another connection's lock."""
    try:
        with app.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            conn.rollback()
            _write_probe(conn)
    except Exception as exc:  # the probe's whole point: any failure is a state to report
        return DB_STATES.get(failure_kind(exc), "unreachable")
    return "ok"


def _write_probe(conn: Connection) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        before = int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0)
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {PROBE_TIMEOUT_MS}")
    else:
        conn.execute(text(f"SET LOCAL lock_timeout = {PROBE_TIMEOUT_MS}"))
    try:
        conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
    finally:
        conn.rollback()
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {before}")
            conn.rollback()
