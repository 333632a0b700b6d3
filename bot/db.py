"""Engine creation and schema upgrades (Alembic), for SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.pool import StaticPool

from bot import book_version

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_SECONDS = 30.0


def make_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine with the pragmas the product relies on (WAL and foreign keys on SQLite). `busy_timeout`: how long
    a SQLite statement waits for another connection's write lock before failing with "database is locked"."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": busy_timeout}}
        if memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    book_version.watch(engine)  # every write to the book changes its token (bot/book_version.py)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    """The newest revision. Read from the revision files' own `revision` / `down_revision` lines (~1 ms) when they
    form one chain; Alembic's script directory (~0.15 s to import and parse) otherwise."""
    fast = _single_head()
    if fast is not None:
        return fast
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def _single_head() -> str | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    for source in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(source.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revision(engine: Engine, revision: str) -> bool:
    """Whether `revision` is one of this code's migrations (a backup from a newer version is not)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(_alembic_config(engine)).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_to(engine: Engine, revision: str) -> None:
    """Create or upgrade the schema to exactly `revision` (restoring a backup taken at that revision)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; cheap when it is already current."""
    if current_revision(engine) == head_revision(engine):
        return
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")
