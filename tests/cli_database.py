"""The database URL a `zhangfang` command (run with CliRunner) needs to reach a test App's database."""

from __future__ import annotations

from sqlalchemy import text

from bot.bootstrap import App
from tests.conftest import POSTGRES_URL


def cli_database_url(app: App) -> str:
    """SQLite: the file's URL; PostgreSQL: the test URL pinned to the test's own schema (search_path)."""
    if app.engine.url.get_backend_name() == "sqlite":
        return app.engine.url.render_as_string(hide_password=False)
    with app.engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
