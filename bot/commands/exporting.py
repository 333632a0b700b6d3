"""`zhangfang export FILE [--as NAME]`: the client book as a workbook in the import format (docs/cli.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.commands.common import console, fail, load_app
from bot.texts import LOCALES, t


def _both(key: str, **values: object) -> str:
    """One CLI line in both languages (zh · en)."""
    return " · ".join(t(locale, key, **values) for locale in LOCALES)


def export(
    file: Path = typer.Argument(..., help="Where to write the workbook (.xlsx)."),
    as_name: str | None = typer.Option(None, "--as", help="Export only what this staff member may see."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Write the client book as a workbook in the import format · 导出客户资料为导入格式的工作簿."""
    from bot.conversation import resolve_viewer
    from domain.exporting import ExportRefused, export_book

    app = load_app()
    viewer = None
    if as_name is not None:
        with app.session() as session:
            viewer = resolve_viewer(session, "cli", as_name)
        if viewer is None:
            fail(_both("export.unknown_reader", name=as_name))
    if file.suffix.lower() != ".xlsx":
        fail(_both("export.not_xlsx", file=str(file)))
    try:
        if quiet:
            counts = export_book(app.session, file, viewer, app.settings.timezone)
        else:
            counts = _with_progress(app, file, viewer)
    except ExportRefused:
        fail(_both("export.refused"))
    except OSError as exc:
        fail(_both("export.cannot_write", file=str(file), reason=str(exc)))
    console.print(_both("export.done", file=str(file), clients=counts["clients"], rows=sum(counts.values())),
                  highlight=False)


def _with_progress(app, file: Path, viewer) -> dict[str, int]:
    from bot.commands.import_view import sheet_progress
    from domain.exporting import export_book

    with sheet_progress() as update:
        return export_book(app.session, file, viewer, app.settings.timezone, progress=update)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
