"""SQLite: a consistent copy through the online backup API (sqlite3.Connection.backup), checked with
`PRAGMA integrity_check`, and a restore that copies the backup's pages into the configured database file.

The backup runs in one step (pages=-1): it reads inside one read transaction, so with WAL it copies exactly
the database as of that moment while the server goes on writing.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from bot.backup.archive import BackupError

BUSY_TIMEOUT_SECONDS = 30


def database_path(engine: Engine) -> Path:
    name = engine.url.database
    if not name or name == ":memory:":
        raise BackupError("内存数据库无法备份 (an in-memory SQLite database cannot be backed up)")
    return Path(name)


def copy_database(source: Path, target: Path) -> None:
    """The whole database at one moment, into a new file `target`."""
    if not source.is_file():
        raise BackupError(f"找不到数据库文件：{source} (no such database file)")
    with closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it


def check(path: Path, tables: list[str]) -> dict[str, int]:
    """`PRAGMA integrity_check` on the copy, then the row count of each of `tables` that it holds."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise BackupError(f"备份副本未通过完整性检查 (the copy failed PRAGMA integrity_check: {verdict[:5]})")
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for name in tables if name in present}


def revision(path: Path) -> str | None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None


def restore_into(copy: Path, target: Path) -> None:
    """Replace the content of the database file `target` (created when missing) with the copy's pages."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS)) as dst:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=WAL")
