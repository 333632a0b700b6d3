"""`zhangfang serve` refuses to start on a bad reminders file, naming the file and the key."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build


def test_serve_validates_the_reminder_settings_at_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "reminders.yaml"
    bad.write_text("dunning:\n  bogus: 1\n", encoding="utf-8")
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", f"sqlite:///{tmp_path / 'zf.db'}")
    monkeypatch.setenv("ZHANGFANG_REMINDERS_FILE", str(bad))
    result = CliRunner().invoke(build(), ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "reminders.yaml" in result.stderr and "dunning.bogus" in result.stderr
