"""The book's version, and the whole-firm figures kept between requests while it stays the same.

Every transaction that writes to the firm's book — any statement that inserts, updates or deletes rows of a table
outside `QUIET` (the assistant's own bookkeeping: outbox, processed events, board links …), or changes the schema —
sets `book_version.token` to a fresh random value as its last statement before COMMIT, in the same transaction.
The statements are seen at the engine (ORM flushes, Core bulk writes and raw SQL alike), so no write path can
forget to say it changed the book; a rolled-back transaction changes nothing, its token included. A restored
backup brings back the token of the state it holds.

`ReadMemos` hands a read-only unit of work (a board page, a chat question) the memos of the expensive whole-firm
statements (client health, the on-time pass over the workflow stages) for the current token: computed once, then
shared by every request until the token changes. Several processes on one database each keep their own, and each
sees the others' writes through the token.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

QUIET = frozenset({"alembic_version", "book_version", "processed_event", "outbox_message", "last_list_question",
                   "board_link", "board_secret", "action_proposal", "client_health_mark"})
WRITTEN = "zf_book_written"
# the table after INSERT INTO / UPDATE / DELETE FROM / REPLACE INTO; not after FOR UPDATE or ON CONFLICT DO UPDATE
_DML = re.compile(r'\b(?:insert\s+(?:or\s+\w+\s+)?into|(?<!for\s)(?<!do\s)update|delete\s+from|replace\s+into)'
                  r'\s+"?(\w+)"?', re.I)
_DDL = re.compile(r"^\s*(?:create|alter|drop)\b", re.I)


def writes_book(statement: str) -> bool:
    """Whether a statement may change the book: DML on a table outside QUIET (anywhere in it: a CTE's too), or
    DDL. A SELECT … FOR UPDATE names no table after UPDATE, so it is not a write."""
    head = statement.lstrip()[:6].lower()
    if head == "select":
        return False
    if _DDL.match(statement):
        return True
    return any(name.lower() not in QUIET for name in _DML.findall(statement))


def watch(engine: Engine) -> None:
    """Bump the token in every transaction that writes to the book. Called for every engine (bot/db.py), before
    the schema may exist. Idempotent (bootstrap watches the engine it is given, wherever it was made)."""
    if event.contains(engine, "commit", _bump):
        return
    event.listen(engine, "before_cursor_execute", _note)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "checkin", lambda _dbapi, record: record.info.pop(WRITTEN, None))


def _note(conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool) -> None:
    if WRITTEN not in conn.info and writes_book(statement):
        conn.info[WRITTEN] = True


def _bump(conn: Any) -> None:
    """The transaction's last statement, on the DBAPI connection itself (no events, no recursion). A database
    without the table (a schema older than revision 0014, or a backup of one being restored) is written as asked:
    PostgreSQL looks the table up first (a failed statement would abort the transaction), and on SQLite a failed
    statement leaves the transaction as it was."""
    if not conn.info.pop(WRITTEN, False):
        return
    fresh = secrets.token_hex(8)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        if conn.engine.dialect.name == "postgresql":
            cursor.execute("DO $$ BEGIN IF to_regclass('book_version') IS NOT NULL THEN "
                           f"UPDATE book_version SET token = '{fresh}' WHERE id = 1; END IF; END $$")
        else:
            try:
                cursor.execute(f"UPDATE book_version SET token = '{fresh}' WHERE id = 1")
            except sqlite3.OperationalError as error:  # no such table
                if "book_version" not in str(error):
                    raise
    finally:
        cursor.close()


def _forget(conn: Any) -> None:
    conn.info.pop(WRITTEN, None)


def token(session: Session) -> str | None:
    """The book's current token (None without the table: then nothing is kept between requests)."""
    try:
        return session.execute(text("SELECT token FROM book_version WHERE id = 1")).scalar()
    except DBAPIError:  # a schema older than revision 0014: answer without keeping anything
        session.rollback()
        return None


class _Bounded(OrderedDict):
    """A memo that keeps its newest `size` entries (one per viewer scope and day)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size
        self._lock = threading.Lock()

    def __setitem__(self, key: Any, value: Any) -> None:
        with self._lock:
            super().__setitem__(key, value)
            while len(self) > self._size:
                self.popitem(last=False)


class ReadMemos:
    """The whole-firm memos for the book's current token (see the module docstring)."""

    def __init__(self, size: int = 64) -> None:
        from domain.metrics.health import MEMO as HEALTH_MEMO
        from domain.workflows.stats import MEMO as ON_TIME_MEMO

        self.kinds = (HEALTH_MEMO, ON_TIME_MEMO)
        self._size = size
        self._token: str | None = None
        self._memos: dict[str, _Bounded] = {}
        self._lock = threading.Lock()

    def attach(self, session: Session) -> None:
        """Give a read-only unit of work the memos valid for the book's token, read when a memo is first consulted
        (a question that needs none costs nothing more); a fresh, private set when the token is unknown."""
        for kind in self.kinds:
            session.info[kind] = _Lazy(self, session, kind)

    def memo(self, session: Session, kind: str) -> dict:
        current = session.info.get(_TOKEN, _UNREAD)
        if current is _UNREAD:
            current = session.info[_TOKEN] = token(session)
        if current is None:
            return session.info.setdefault(f"{kind}:private", {})
        with self._lock:
            if current != self._token:
                self._token, self._memos = current, {k: _Bounded(self._size) for k in self.kinds}
            return self._memos[kind]


_TOKEN = "zf_book_token"
_UNREAD = object()


class _Lazy:
    """A memo found on first use (`in`, `[]`, `[]=`: all the domain's memo readers do)."""

    __slots__ = ("_found", "_kind", "_memos", "_session")

    def __init__(self, memos: ReadMemos, session: Session, kind: str) -> None:
        self._memos, self._session, self._kind, self._found = memos, session, kind, None

    def _memo(self) -> dict:
        if self._found is None:
            self._found = self._memos.memo(self._session, self._kind)
        return self._found

    def __contains__(self, key: object) -> bool:
        return key in self._memo()

    def __getitem__(self, key: Any) -> Any:
        return self._memo()[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        self._memo()[key] = value
