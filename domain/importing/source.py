"""Reading a workbook into neutral sheets: an .xlsx file (openpyxl, read-only, streamed) or a folder of CSV
files named after the sheets (UTF-8 with or without BOM, else GB18030).

A `SheetData` is a title, the header row (spreadsheet row 1) and the data rows after it, in order; the
data row at index i is spreadsheet row i + 2. Rows are streamed, not loaded whole.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class ImportFileError(Exception):
    """The file or folder cannot be read as a workbook at all; the message says why, in Chinese and English."""


@dataclass
class SheetData:
    title: str
    header: list[object]
    rows: Iterable[list[object]]


class RowStream:
    """The data rows of one sheet, read lazily; `total` is a size hint (None when unknown)."""

    def __init__(self, rows: Iterable[Iterable[object]], total: int | None = None, source: Path | None = None
                 ) -> None:
        self._rows = rows
        self.total = total
        self.source = source  # a workbook read lazily: damage found while reading rows is a file error

    def __iter__(self) -> Iterator[list[object]]:
        if self.source is None:
            for row in self._rows:
                yield list(row)
            return
        try:
            for row in self._rows:
                yield list(row)
        except Exception as exc:
            raise ImportFileError(f"工作表已损坏：{self.source.name} (damaged sheet: {_why(exc)})") from exc


def read_workbook(path: str | Path) -> list[SheetData]:
    """Every sheet of an .xlsx workbook, or every .csv file of a folder (title = file name without .csv)."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"文件不存在：{path} (file not found)")
    if path.is_dir():
        return _read_csv_folder(path)
    if path.suffix.lower() == ".csv":
        return [_read_csv(path)]
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> list[SheetData]:
    """The fast streaming reader; openpyxl (read-only) when the package is laid out unusually."""
    from domain.importing.xlsx import UnsupportedWorkbook, read_xlsx

    try:
        return read_xlsx(str(path))
    except UnsupportedWorkbook:
        return read_xlsx_openpyxl(path)
    except ImportFileError:
        raise
    except Exception as exc:  # an untrusted file: any parser failure (zlib, XML, a bad number) means damage
        raise ImportFileError(f"无法读取工作簿：{path.name} (not a readable .xlsx workbook: {_why(exc)})") from exc


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def read_xlsx_openpyxl(path: Path) -> list[SheetData]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for worksheet in workbook.worksheets:
            rows = worksheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            total = worksheet.max_row - 1 if isinstance(worksheet.max_row, int) and worksheet.max_row > 1 else None
            sheets.append(SheetData(title=worksheet.title, header=list(header), rows=RowStream(rows, total, path)))
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"无法读取工作簿：{path.name} (not a readable .xlsx workbook: {exc})") from exc
    except Exception as exc:  # openpyxl on a damaged file raises XML, zlib, type errors …
        raise ImportFileError(f"无法读取工作簿：{path.name} (not a readable .xlsx workbook: {_why(exc)})") from exc
    return sheets


def _read_csv_folder(folder: Path) -> list[SheetData]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise ImportFileError(f"文件夹中没有 CSV 文件：{folder} (no .csv files in the folder)")
    return [_read_csv(p) for p in files]


def _read_csv(path: Path) -> SheetData:
    raw = path.read_bytes()
    text = None
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ImportFileError(f"无法识别文件编码：{path.name} (not UTF-8 or GB18030 text)")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header: list[object] = list(rows[0]) if rows else []
    data: list[list[object]] = [list(r) for r in rows[1:]]
    return SheetData(title=path.stem, header=header, rows=RowStream(data, len(data)))
