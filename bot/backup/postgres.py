"""PostgreSQL: a consistent dump the project runs itself (no pg_dump of a matching version needed), and its
restore.

The dump is one REPEATABLE READ, READ ONLY transaction: the row counts and every table's rows (COPY … TO STDOUT,
text format) come from the same snapshot, so a payment and its allocations are either both in or both out, while
the server goes on writing. Each table's rows are counted as they stream and must equal the count read first.
The restore recreates the schema at the backup's Alembic revision, copies the rows back in foreign-key order
(COPY … FROM STDIN), moves every id sequence past the restored ids, and checks the counts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from sqlalchemy import Connection, Engine, inspect, text

from bot.backup.archive import BackupError
from bot.schema import metadata

CHUNK = 1 << 20
EXTRA_TABLES = ("alembic_version", "apscheduler_jobs")  # dropped on restore; only alembic_version is copied


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection inside one REPEATABLE READ, READ ONLY transaction (one snapshot for every statement)."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True) as conn:
        conn.execute(text("SELECT 1"))  # the first statement fixes the snapshot
        try:
            yield conn
        finally:
            conn.rollback()


def product_tables(conn: Connection) -> dict[str, list[str]]:
    """The product's tables present in the current schema, each with its columns in table order."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    wanted = [t.name for t in metadata.sorted_tables if t.name in present] + ["alembic_version"]
    return {name: [c["name"] for c in inspector.get_columns(name)] for name in wanted if name in present}


def copy_out(conn: Connection, table: str, columns: list[str], sink: IO[bytes]) -> int:
    """The table's rows in COPY text format into `sink`; returns how many rows were written."""
    statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) TO STDOUT"
    rows = 0
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            data = bytes(block)
            rows += data.count(b"\n")
            sink.write(data)
    return rows


def dump(engine: Engine, add_table) -> tuple[dict[str, int], dict[str, list[str]], str | None]:
    """Every product table through `add_table(name, file, size)`; returns (row counts, columns, revision)."""
    with snapshot(engine) as conn:
        tables = product_tables(conn)
        counts = {name: conn.execute(text(f"SELECT COUNT(*) FROM {quote(name)}")).scalar_one() for name in tables}
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            if "alembic_version" in tables else None
        for name, columns in tables.items():
            with tempfile.TemporaryFile() as spool:
                written = copy_out(conn, name, columns, spool)
                if written != counts[name]:
                    raise BackupError(f"表 {name} 的行数不一致 (table {name}: counted {counts[name]} rows, "
                                      f"copied {written})")
                size = spool.tell()
                spool.seek(0)
                add_table(name, spool, size)
    return counts, tables, revision


def drop_product_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        present = set(inspect(conn).get_table_names())
        names = [t.name for t in reversed(metadata.sorted_tables)] + list(EXTRA_TABLES)
        for name in names:
            if name in present:
                conn.execute(text(f"DROP TABLE {quote(name)} CASCADE"))


def load(engine: Engine, tables: dict[str, list[str]], source) -> dict[str, int]:
    """Copy every table back (`source(name)` gives its COPY data as a binary file), in foreign-key order, in one
    transaction; then move the id sequences on. Returns the row counts now in the tables."""
    order = [t.name for t in metadata.sorted_tables if t.name in tables]
    order += [name for name in tables if name not in order]
    with engine.begin() as conn:
        for name in reversed(order):  # the fresh schema's own rows (its revision, the book's token) give way
            conn.execute(text(f"DELETE FROM {quote(name)}"))
        driver = conn.connection.driver_connection
        for name in order:
            statement = f"COPY {quote(name)} ({', '.join(quote(c) for c in tables[name])}) FROM STDIN"
            with source(name) as data, driver.cursor() as cursor, cursor.copy(statement) as copy:
                while block := data.read(CHUNK):
                    copy.write(block)
            if "id" in tables[name]:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence(:t, 'id'), COALESCE(MAX(id), 0) + 1, false) "
                                  f"FROM {quote(name)}"), {"t": quote(name)})
        return {name: conn.execute(text(f"SELECT COUNT(*) FROM {quote(name)}")).scalar_one() for name in order}
