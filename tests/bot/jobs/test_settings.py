"""The reminder settings file: shipped defaults, a firm's partial override, and errors that name the bad key."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.jobs.settings import ReminderSettingsError, load_reminder_settings, reminder_settings


def test_the_shipped_defaults_are_the_documented_cadences() -> None:
    settings = load_reminder_settings()
    assert settings.tax_deadlines.working_days_before == [0, 2, 5]
    assert settings.renewals.days_before_end == [7, 30, 60]
    assert settings.dunning.days_after_due == [7, 14, 30, 60]
    assert settings.dunning.tone_for("A") == "polite" and settings.dunning.tone_for("D") == "firm"
    assert settings.digest.at == time(8, 30)
    assert settings.platforms == ["wecom", "dingtalk", "slack"]


def test_a_firm_file_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "reminders.yaml"
    path.write_text("dunning:\n  days_after_due: [5, 10]\n  tone: {B: firm}\ndigest:\n  at: '09:00'\n",
                    encoding="utf-8")
    settings = load_reminder_settings(path)
    assert settings.dunning.days_after_due == [5, 10]
    assert settings.dunning.days_before_due == [3]  # kept from the defaults
    assert settings.dunning.tone_for("B") == "firm" and settings.dunning.tone_for("A") == "polite"
    assert settings.digest.at == time(9, 0)


@pytest.mark.parametrize(("text", "named"), [
    ("dunning:\n  days_after_due: [7, soon]\n", "dunning.days_after_due.1"),
    ("dunnig:\n  enabled: false\n", "dunnig"),
    ("documents:\n  escalate_to_owner_after: -1\n", "documents.escalate_to_owner_after"),
    ("platforms: [wechat]\n", "platforms.0"),
    ("digest:\n  at: 'half past eight'\n", "digest.at"),
    ("dunning: [1, 2\n", "not valid YAML"),
])
def test_a_bad_setting_stops_the_start_naming_the_key(tmp_path: Path, text: str, named: str) -> None:
    path = tmp_path / "reminders.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReminderSettingsError) as caught:
        load_reminder_settings(path)
    assert named in str(caught.value) and str(path) in str(caught.value)


def test_a_missing_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ReminderSettingsError, match="ZHANGFANG_REMINDERS_FILE"):
        load_reminder_settings(tmp_path / "nowhere.yaml")


def test_the_app_reads_the_file_named_in_its_settings(make_app, tmp_path: Path) -> None:
    path = tmp_path / "reminders.yaml"
    path.write_text("renewals:\n  days_before_end: [90]\n", encoding="utf-8")
    app = make_app(reminders_file=str(path))
    assert reminder_settings(app).renewals.days_before_end == [90]
    assert reminder_settings(app) is reminder_settings(app)  # validated once
