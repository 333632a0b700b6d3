"""Alembic environment: runs against the engine the product hands over (see bot.db.upgrade)."""

from alembic import context

from bot.db import make_engine
from bot.schema import metadata

config = context.config
engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    context.run_migrations()
