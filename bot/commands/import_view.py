"""How `zhangfang import` looks to people: a progress bar per sheet while rows are read and stored, then a
summary table and the rejected rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.commands.common import console
from domain.importing import ImportReport, SheetData, import_sheets
from domain.importing.columns import SHEETS
from domain.importing.runner import SessionFactory

SHOWN_ERRORS = 50
_LABELS = {spec.key: f"{spec.zh} {spec.en}" for spec in SHEETS}


@contextmanager
def sheet_progress() -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar per workbook sheet (import and export alike); yields the `progress(sheet, done, total)`
    callback the domain reports through."""
    columns = (TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        tasks: dict[str, TaskID] = {}

        def update(sheet: str, done: int, total: int | None) -> None:
            if sheet not in tasks:
                tasks[sheet] = bar.add_task(_LABELS.get(sheet, sheet), total=total)
            bar.update(tasks[sheet], completed=done, total=total)

        yield update


def run_with_progress(session_factory: SessionFactory, sheets: Iterable[SheetData], timezone: str = "Asia/Shanghai"
                      ) -> ImportReport:
    with sheet_progress() as update:
        return import_sheets(session_factory, sheets, progress=update, timezone=timezone)


def show_report(report: ImportReport) -> None:
    table = Table(title="导入结果 · Import report")
    for name in ("表 sheet", "导入 imported", "拒绝 rejected", "新增 new", "更新 updated"):
        table.add_column(name, justify="left" if name.startswith("表") else "right")
    for key in report.found_sheets:
        written = report.written.get(key, {})
        rejected = report.rejected[key]
        table.add_row(_LABELS[key], str(report.imported[key]), f"[red]{rejected}[/red]" if rejected else "0",
                      str(written.get("inserted", 0)), str(written.get("updated", 0)))
    console.print(table)
    for key, headers in report.ignored_columns.items():
        console.print(f"已忽略的列 · ignored columns in {_LABELS[key]}: {'、'.join(headers)}", highlight=False)
    for title in report.ignored_sheets:
        console.print(f"已忽略的工作表 · ignored sheet: {title}", highlight=False)
    if report.errors:
        _show_errors(report)
    else:
        console.print("[green]全部行已导入 · every row was imported[/green]")


def _show_errors(report: ImportReport) -> None:
    errors = Table(title=f"被拒绝的行 · rejected rows ({len(report.errors)})")
    errors.add_column("表 sheet")
    errors.add_column("行 row", justify="right")
    errors.add_column("原因 reason")
    for problem in report.errors[:SHOWN_ERRORS]:
        errors.add_row(_LABELS.get(problem["sheet"], problem["sheet"]), str(problem["row"]), problem["reason"])
    console.print(errors)
    more = len(report.errors) - SHOWN_ERRORS
    if more > 0:
        console.print(f"…还有 {more} 行被拒绝，用 --json 查看全部 (… and {more} more; use --json to see them all)",
                      highlight=False)
