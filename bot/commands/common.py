"""What every command needs: settings and the bootstrapped App, with errors shown as one clear line."""

from __future__ import annotations

import sys
from datetime import date

import typer
from rich.console import Console

from bot.bootstrap import App, bootstrap
from bot.config import SettingsError, load_settings

console = Console()
err_console = Console(stderr=True)

TodayOption = typer.Option(None, "--today", help="Pin today's date (YYYY-MM-DD) for a reproducible answer.")


def load_app(today: str | None = None, **overrides: object) -> App:
    """Bootstrap the product, exiting with one readable line when a setting or a date is wrong."""
    try:
        pinned = date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today must be YYYY-MM-DD, got {today!r} — 日期格式应为 YYYY-MM-DD")
    try:
        settings = load_settings(**overrides)
    except SettingsError as exc:
        fail(str(exc))
    from bot.jobs.settings import ReminderSettingsError
    from domain.workflows.templates import TemplateError

    try:
        return bootstrap(settings, today=pinned)
    except (ReminderSettingsError, TemplateError) as exc:  # the firm's own files are checked when the App is built
        fail(str(exc))
        raise  # unreachable: fail exits


def fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[red]{message}[/red]", highlight=False, soft_wrap=True)
    sys.exit(code)
