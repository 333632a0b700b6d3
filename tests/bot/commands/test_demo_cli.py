"""`zhangfang demo`: a generated firm imported through the real importer, this month's workflows opened, and a
second run reusing it."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from bot.cli import build


def test_demo_creates_a_firm_once_and_reuses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", url)
    monkeypatch.setenv("ZHANGFANG_TODAY", "2026-11-23")
    first = CliRunner().invoke(build(), ["demo", "--clients", "60", "--no-chat"])
    assert first.exit_code == 0, first.output
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                  for table in ("client", "invoice", "payment", "workflow_instance")}
    assert counts["client"] == 60 and counts["invoice"] > 0 and counts["payment"] > 0
    assert counts["workflow_instance"] > 0
    second = CliRunner().invoke(build(), ["demo", "--no-chat"])
    assert second.exit_code == 0 and "60" in second.output
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM client")).scalar_one() == 60
    engine.dispose()
