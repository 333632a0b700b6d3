"""Writing the export workbook: openpyxl in write-only mode (rows streamed to the file), Chinese sheet and
column names (`*` marks required columns, as in `zhangfang template`), money as numbers in a currency format,
dates as date cells."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from domain.exporting.sheets import CLIENT_SHEETS, Row, Scope
from domain.exporting.staff import staff_count, staff_rows
from domain.importing.columns import SHEETS, SheetSpec
from domain.scope import Viewer

SessionFactory = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[str, int, int | None], None]
MONEY_FORMAT = '"¥"#,##0.00'
DATE_FORMAT = "yyyy-mm-dd"
PROGRESS_EVERY = 2000
_MONEY_FIELDS = {"amount", "hourly_cost"}


class ExportRefused(Exception):
    """The reader may not export (a client contact)."""


def export_book(session_factory: SessionFactory, path: str | Path, viewer: Viewer | None = None,
                timezone: str = "Asia/Shanghai", progress: Progress | None = None) -> dict[str, int]:
    """Write the workbook; returns the rows written per sheet key. Reads in one session (one snapshot)."""
    if viewer is not None and viewer.is_contact:
        raise ExportRefused(viewer.name)
    from openpyxl import Workbook

    target = Path(path)
    # Written beside the target and renamed at the end: a failure leaves no half-written file, and a folder that
    # cannot be written fails here, before any work (OSError).
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".xlsx")
    os.close(handle)
    try:
        workbook = Workbook(write_only=True)
        written = _write_sheets(session_factory, workbook, Scope(viewer, timezone), progress)
        workbook.save(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return written


def _write_sheets(session_factory: SessionFactory, workbook: Any, scope: Scope, progress: Progress | None
                  ) -> dict[str, int]:
    """Every sheet, read in one session (one snapshot of the book)."""
    specs = {spec.key: spec for spec in SHEETS}
    written: dict[str, int] = {}
    with session_factory() as session:
        sources: list[tuple[str, int, Iterator[Row]]] = [
            ("staff", staff_count(session, scope), staff_rows(session, scope))]
        sources += [(q.key, q.count(session, scope), q.rows(session, scope)) for q in CLIENT_SHEETS]
        for key, total, rows in sources:
            written[key] = _write_sheet(workbook, specs[key], rows, total, progress)
    return written


def _write_sheet(workbook: Any, spec: SheetSpec, rows: Iterator[Row], total: int, progress: Progress | None
                 ) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(spec.zh)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=f"{column.zh}*" if column.required else column.zh)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    fields = [column.field for column in spec.columns]
    count = 0
    if progress:
        progress(spec.key, 0, total)
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, name, row.get(name), WriteOnlyCell) for name in fields])
        if progress and count % PROGRESS_EVERY == 0:
            progress(spec.key, count, total)
    if progress:
        progress(spec.key, count, total)
    return count


def _cell(sheet: Any, name: str, value: Any, make: Any) -> Any:
    if isinstance(value, Decimal) and name in _MONEY_FIELDS:
        cell = make(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, date):
        cell = make(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value
