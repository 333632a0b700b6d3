"""What kind of failure stopped an answer, and what each kind means for the asker.

An answer that fails must not look like one that worked: the HTTP API answers 503 with Retry-After when the
database is locked, read-only or unreachable (trying again later can help) and 500 with a JSON error otherwise;
chat gets a polite sentence; `/metrics` counts every failure by kind (zhangfang_answer_errors_total{kind}).

Kinds: db_locked (another connection holds the lock past the busy timeout; PostgreSQL lock/statement timeouts,
deadlocks, serialization failures), db_read_only (the file or transaction cannot be written), db_unavailable (no
connection: the file cannot be opened, the server is down or restarting, the pool is exhausted), internal
(anything else — a bug).
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

DB_KINDS = ("db_locked", "db_read_only", "db_unavailable")
RETRY_AFTER_SECONDS = {"db_locked": 5, "db_read_only": 60, "db_unavailable": 30}

_SQLITE_WORDS = (("locked", "db_locked"), ("readonly", "db_read_only"), ("read-only", "db_read_only"),
                 ("unable to open", "db_unavailable"), ("disk i/o", "db_unavailable"), ("not a database",
                                                                                          "db_unavailable"))
_PG_STATES = {"25006": "db_read_only", "55P03": "db_locked", "57014": "db_locked", "40P01": "db_locked",
              "40001": "db_locked", "57P01": "db_unavailable", "57P02": "db_unavailable", "57P03": "db_unavailable",
              "53300": "db_unavailable"}


def failure_kind(error: BaseException) -> str:
    """db_locked | db_read_only | db_unavailable | internal, looking through the chain of causes."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = _database_kind(current)
        if kind is not None:
            return kind
        current = current.__cause__ or current.__context__
    return "internal"


def _database_kind(error: BaseException) -> str | None:
    if isinstance(error, (sa_exc.TimeoutError, sa_exc.DisconnectionError)):
        return "db_unavailable"  # the pool is exhausted, or the server went away
    if not isinstance(error, sa_exc.DBAPIError):
        return None
    state = getattr(error.orig, "sqlstate", None)
    if isinstance(state, str):
        if state in _PG_STATES:
            return _PG_STATES[state]
        if state.startswith("08"):
            return "db_unavailable"  # connection exceptions
    if error.connection_invalidated:
        return "db_unavailable"
    if isinstance(error, sa_exc.OperationalError):
        message = str(error.orig).lower()
        for word, kind in _SQLITE_WORDS:
            if word in message:
                return kind
        return "db_unavailable" if state is None and "sqlite" not in type(error.orig).__module__ else None
    return None


def retry_after(kind: str) -> int | None:
    """Seconds a client should wait before asking again (None: trying again will not help by itself)."""
    return RETRY_AFTER_SECONDS.get(kind)


def busy_response(app: object, error: Exception, platform: str) -> object:
    """For a platform endpoint that could not record a delivery (dedup) because of the database: a bare 503 with
    Retry-After, so the platform delivers again later; counted by kind. Anything else is raised again."""
    from starlette.responses import Response

    from bot.metrics import count_answer_error

    kind = failure_kind(error)
    if kind == "internal":
        raise error
    count_answer_error(app, kind)  # type: ignore[arg-type]
    import logging

    logging.getLogger(__name__).warning("%s: delivery not taken, database %s", platform, kind)
    return Response(status_code=503, headers={"Retry-After": str(retry_after(kind))})
