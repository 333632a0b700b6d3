"""Setting up: `config` (and later `template`, `import`, `demo`)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from bot.commands.common import console, fail
from bot.config import SettingsError, load_settings


def config(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the effective settings, secrets masked, and which chat platforms are live."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        fail(str(exc))
    shown = settings.masked()
    live = settings.platforms()
    if as_json:
        print(json.dumps({"settings": shown, "platforms": live}, ensure_ascii=False, default=str, indent=2))
        return
    table = Table(title="Zhangfang settings · 配置", show_lines=False)
    table.add_column("setting")
    table.add_column("value")
    for name, value in shown.items():
        table.add_row(f"ZHANGFANG_{name.upper()}", "" if value is None else str(value))
    console.print(table)
    for platform, on in live.items():
        state = "[green]live · 已启用[/green]" if on else "[dim]not configured · 未配置[/dim]"
        console.print(f"{platform:9} {state}")


def register(app: typer.Typer) -> None:
    app.command("config")(config)
