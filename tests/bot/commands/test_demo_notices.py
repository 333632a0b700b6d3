"""`zhangfang demo`'s notices (issue 9, item 7): --no-chat does not claim "you are asking as …", and the second
run's notice is printed like the first run's — in the configured language first, then the other one."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import build
from bot.texts import t


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_demo_notices_no_chat_and_second_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("ZHANGFANG_TODAY", "2026-11-23")
    monkeypatch.setenv("ZHANGFANG_LOCALE", locale)
    first = CliRunner().invoke(build(), ["demo", "--clients", "20", "--no-chat"])
    assert first.exit_code == 0, first.output
    for language in ("zh", "en"):
        asking_as = t(language, "demo.ready", name="@@").split("@@")[0].split("。")[-1].split(". ")[-1]
        assert asking_as.strip() and asking_as.strip() not in first.output  # "你现在以管理员" / "You are asking as"
    assert "zhangfang chat --as" in first.output
    second = CliRunner().invoke(build(), ["demo", "--no-chat"])
    assert second.exit_code == 0, second.output
    flat = " ".join(second.output.split())
    mine, other = t(locale, "demo.reusing", count=20), t("en" if locale == "zh" else "zh", "demo.reusing", count=20)
    assert mine in flat and other in flat and flat.index(mine) < flat.index(other)
