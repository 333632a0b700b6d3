"""Alembic environment: runs against the engine the product hands over (see bot.db.upgrade).

The whole upgrade is one transaction on both backends. PostgreSQL's DDL is transactional as it is; SQLite's is
too, but Python's sqlite3 driver opens a transaction only before INSERT/UPDATE/DELETE and runs CREATE / ALTER /
DROP in autocommit — a migration failing part-way would keep its first tables and columns. So on SQLite the
driver's own transaction handling is switched off for the upgrade and BEGIN is issued explicitly."""

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context
from sqlalchemy import Connection

from bot.db import make_engine
from bot.schema import metadata


@contextmanager
def _one_transaction(connection: Connection) -> Iterator[None]:
    if connection.dialect.name != "sqlite":
        with connection.begin():
            yield
        return
    dbapi = connection.connection.dbapi_connection
    previous = dbapi.isolation_level
    dbapi.isolation_level = None  # the driver issues no BEGIN of its own; COMMIT / ROLLBACK still end ours
    try:
        with connection.begin():
            connection.exec_driver_sql("BEGIN")
            yield
    finally:
        dbapi.isolation_level = previous


config = context.config
engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection, _one_transaction(connection):
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    context.run_migrations()
