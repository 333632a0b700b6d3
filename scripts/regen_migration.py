"""Regenerate the initial Alembic revision from the current models (pre-release only: no database in the
field depends on 0001 yet). Usage: .venv/bin/python scripts/regen_migration.py"""

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from bot.db import MIGRATIONS, make_engine

if __name__ == "__main__":
    for old in (MIGRATIONS / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'autogen.db'}")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = engine
        command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
