"""Setting up: `config`, `template` and `import` (and later `demo`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from bot.commands.common import console, fail, load_app
from bot.commands.import_view import run_with_progress, show_report
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


def template(file: Path = typer.Argument(..., help="Where to write the empty workbook (.xlsx).")) -> None:
    """Write an empty import workbook: Chinese headers and an English note row · 生成空白导入模板."""
    from domain.importing.template import write_template

    try:
        write_template(file)
    except OSError as exc:
        fail(f"无法写入 {file}：{exc} (cannot write the template)")
    console.print(f"已生成导入模板 · template written: {file}", highlight=False)


def import_workbook(
    file: Path = typer.Argument(..., help="An .xlsx workbook, or a folder of CSV files named after the sheets."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Import a workbook into the client book and report every rejected row · 导入客户资料."""
    from domain.importing import ImportAborted, ImportFileError, import_sheets, read_workbook

    app = load_app()
    try:
        sheets = read_workbook(file)
        zone = app.settings.timezone
        report = (import_sheets(app.session, sheets, timezone=zone) if as_json
                  else run_with_progress(app.session, sheets, zone))
    except ImportFileError as exc:
        fail(str(exc))
    except ImportAborted as exc:
        fail(str(exc), code=1)
    if not report.found_sheets:
        fail(f"工作簿中没有可识别的工作表：{'、'.join(report.ignored_sheets)} "
             "(no sheet has a known name; see `zhangfang template`)")
    if as_json:
        print(report.to_json())
    else:
        show_report(report)


def register(app: typer.Typer) -> None:
    app.command("config")(config)
    app.command("template")(template)
    app.command("import")(import_workbook)
