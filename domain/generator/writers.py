"""Writing sheets out: an .xlsx workbook (openpyxl write-only, streamed) or a folder of UTF-8 CSV files."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from domain.importing.source import SheetData


def write_xlsx(sheets: Iterable[SheetData], path: str | Path) -> Path:
    """One worksheet per sheet, header in row 1; dates become Excel date cells, Decimals numbers."""
    from openpyxl import Workbook

    path = Path(path)
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        worksheet.append(list(sheet.header))
        for row in sheet.rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv_folder(sheets: Iterable[SheetData], folder: str | Path) -> Path:
    """`<title>.csv` per sheet, UTF-8 with a BOM (so that Excel opens the Chinese correctly)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        with (folder / f"{sheet.title}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(list(sheet.header))
            writer.writerows([_csv_cell(v) for v in row] for row in sheet.rows)
    return folder
