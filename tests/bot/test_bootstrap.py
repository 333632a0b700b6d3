"""The composition root builds what every process needs once, as typed parts, takes the caller's own parts instead,
and refuses to start on a bad firm file (naming it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import bootstrap
from bot.config import load_settings
from bot.conversation import answerer
from bot.jobs.settings import ReminderSettings, ReminderSettingsError, reminder_settings
from bot.metrics import build_metrics, metrics_for
from bot.workflows.desk import workflow_templates
from domain.workflows.templates import load_templates


def _settings(tmp_path: Path, **values: object):
    return load_settings(database_url=f"sqlite:///{tmp_path / 'boot.db'}", _env_file=None, **values)


def test_every_part_is_built_once_per_app(tmp_path: Path) -> None:
    app = bootstrap(_settings(tmp_path))
    assert answerer(app) is app.answerer and metrics_for(app) is app.metrics
    assert reminder_settings(app) is app.reminders and workflow_templates(app) is app.templates
    assert app.workflow_terms is app.workflow_terms and app.extras == {}  # nothing optional was built
    other = bootstrap(_settings(tmp_path), engine=app.engine, migrate=False)
    assert other.metrics is not app.metrics and other.answerer.app is other  # each App has its own
    app.engine.dispose()


def test_given_parts_are_used_instead(tmp_path: Path) -> None:
    metrics, templates = build_metrics(), load_templates()
    reminders = ReminderSettings.model_validate({"platforms": ["slack"]})
    app = bootstrap(_settings(tmp_path), metrics=metrics, reminders=reminders, templates=templates)
    assert app.metrics is metrics and app.reminders is reminders and app.templates is templates
    app.engine.dispose()


def test_a_bad_reminders_file_stops_the_start(tmp_path: Path) -> None:
    bad = tmp_path / "reminders.yaml"
    bad.write_text("renewals:\n  days_before_end: soon\n", encoding="utf-8")
    with pytest.raises(ReminderSettingsError, match=r"reminders\.yaml"):
        bootstrap(_settings(tmp_path, reminders_file=str(bad)))
