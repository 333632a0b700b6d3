"""The planning lock: one planning run writes at a time, whoever started it (`serve`'s scheduler, a cron'd
`zhangfang jobs run`, a second `serve`).

A planning run writes workflow instances it opens, document requests and chase counts, alert marks — each written
after reading what is there. Two runs reading at once would both find the month's instances missing and both
insert them (one dies on the unique key). So a run takes the lock before it reads anything, in the transaction
that then holds its writes, and the lock goes with the commit: a second run waits, then reads what the first wrote
and finds nothing left to do.

PostgreSQL: a transaction-level advisory lock per schema. SQLite: the database's one write lock, taken up front by a
no-op UPDATE (a deferred transaction that read first could not upgrade to a writer once another run committed).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

PLAN_RUN_LOCK = 0x5A465052  # "ZFPR" (the scheduler's leadership lock is "ZFPL", bot/scheduler.py)


def hold_planning_lock(session: Session) -> None:
    """Wait for and hold the planning lock until `session`'s transaction ends. Call before reading anything."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"), {"key": PLAN_RUN_LOCK})
    elif dialect == "sqlite":
        session.execute(text("UPDATE alembic_version SET version_num = version_num"))
