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


def test_open_amounts_migration_fills_existing_invoices(tmp_path) -> None:
    """0003 adds invoice.open_cents: a book migrated from 0002 gets each invoice's amount − its allocations."""
    from alembic import command
    from sqlalchemy import text

    from bot.db import _alembic_config, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(_alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO staff (id, name, role, hourly_cost_cents) VALUES (1, '周敏', 'staff', 0)"))
        conn.execute(text("INSERT INTO client (id, name, owner_id, tags, tier, status) "
                          "VALUES (1, '明远', 1, '', 'normal', 'active')"))
        for no, amount in ((1, 1000), (2, 600)):
            conn.execute(text("INSERT INTO invoice (id, invoice_no, client_id, issued_on, due_on, amount_cents, "
                              "disputed) VALUES (:id, :no, 1, '2026-09-01', '2026-10-01', :amount, 0)"),
                         {"id": no, "no": f"FP{no}", "amount": amount})
        conn.execute(text("INSERT INTO payment (id, row_key, client_id, paid_on, amount_cents, seq) "
                          "VALUES (1, 'p', 1, '2026-10-05', 1250, 0)"))
        conn.execute(text("INSERT INTO allocation (client_id, payment_id, invoice_id, paid_on, amount_cents) VALUES "
                          "(1, 1, 1, '2026-10-05', 1000), (1, 1, 2, '2026-10-05', 250)"))
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT invoice_no, open_cents FROM invoice ORDER BY invoice_no")).all()
    assert [tuple(r) for r in rows] == [("FP1", 0), ("FP2", 350)]
    engine.dispose()


def test_a_migration_that_fails_part_way_leaves_the_schema_as_it_was(make_app, tmp_path) -> None:
    """The upgrade runs in one transaction on both backends — SQLite too, whose driver would otherwise commit
    each DDL statement on its own: a migration failing after its first statement changes nothing."""
    import shutil

    import pytest
    from alembic import command
    from sqlalchemy import inspect, text

    from bot.db import MIGRATIONS, _alembic_config

    app = make_app()
    head = head_revision(app.engine)
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_fails_part_way.py").write_text(
        f'revision = "9999"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n\n'
        "from alembic import op\nimport sqlalchemy as sa\n\n\n"
        "def upgrade() -> None:\n"
        '    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    with op.batch_alter_table("staff") as batch:\n'
        '        batch.add_column(sa.Column("half_done", sa.Integer, nullable=True))\n'
        '    op.execute("INSERT INTO no_such_table VALUES (1)")\n\n\n'
        "def downgrade() -> None:\n    pass\n", encoding="utf-8")
    config = _alembic_config(app.engine)
    config.set_main_option("script_location", str(scripts))
    with pytest.raises(Exception, match="no_such_table"):
        command.upgrade(config, "head")
    inspector = inspect(app.engine)
    assert not inspector.has_table("half_done")
    assert "half_done" not in {c["name"] for c in inspector.get_columns("staff")}
    assert current_revision(app.engine) == head
    with app.engine.connect() as conn:  # the connection is usable as before
        assert conn.execute(text("SELECT count(*) FROM staff")).scalar() == 0
