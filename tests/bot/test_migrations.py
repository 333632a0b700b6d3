"""The Alembic migrations build exactly the schema the models describe, on every backend, and a second
upgrade is a no-op."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db import current_revision, head_revision, upgrade
from bot.schema import metadata


def test_migrated_schema_matches_the_models(app) -> None:
    with app.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_upgrade_is_idempotent_and_at_head(app) -> None:
    upgrade(app.engine)
    assert current_revision(app.engine) == head_revision(app.engine)
