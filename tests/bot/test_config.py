"""Settings: read from the environment and .env, validated at start, shown with secrets masked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build
from bot.config import SettingsError, load_settings


def test_defaults_are_the_embedded_product() -> None:
    settings = load_settings(_env_file=None)
    assert settings.database_url.startswith("sqlite") and settings.timezone == "Asia/Shanghai"
    assert settings.platforms() == {"slack": False, "wecom": False, "dingtalk": False}


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ZHANGFANG_LOCALE=en\nZHANGFANG_TODAY=2026-11-22\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZHANGFANG_PORT", "9001")
    settings = load_settings()
    assert (settings.locale, str(settings.today), settings.port) == ("en", "2026-11-22", 9001)


@pytest.mark.parametrize(("name", "value"), [("ZHANGFANG_PORT", "eighty"), ("ZHANGFANG_TIMEZONE", "Mars/Base"),
                                             ("ZHANGFANG_TODAY", "2026-13-01"), ("ZHANGFANG_LOCALE", "fr"),
                                             ("ZHANGFANG_DATABASE_URL", "mysql://x")])
def test_a_bad_value_fails_at_start_naming_the_setting(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None)
    assert name in str(error.value)
    result = CliRunner().invoke(build(), ["config"])
    assert result.exit_code == 2 and name in result.stderr and "Traceback" not in result.stderr


def test_config_masks_secrets_and_says_which_platforms_are_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHANGFANG_SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("ZHANGFANG_SLACK_SIGNING_SECRET", "signing-very-secret")
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", "postgresql+psycopg://zf:db-very-secret@db.internal/zf")
    for args in (["config"], ["config", "--json"]):
        result = CliRunner().invoke(build(), args)
        assert result.exit_code == 0
        assert "very-secret" not in result.stdout
    shown = json.loads(CliRunner().invoke(build(), ["config", "--json"]).stdout)
    assert shown["platforms"]["slack"] is True and shown["platforms"]["wecom"] is False
    assert shown["settings"]["slack_bot_token"] == "********"
    assert shown["settings"]["database_url"] == "postgresql+psycopg://zf:********@db.internal/zf"
