"""A fast streaming reader for .xlsx sheets (expat), several times faster than openpyxl's cell objects.

It reads what an import needs — sheet names, shared and inline strings, numbers, booleans, and date cells
(numbers whose style has a date format, or ISO `t="d"` cells) — and yields rows as lists of plain values,
with empty lists for missing rows so that a row's position is its spreadsheet row number. Anything it
does not understand in the workbook's structure raises `UnsupportedWorkbook`, and the caller falls back to
openpyxl.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from domain.importing.source import ImportFileError, SheetData

_REF = re.compile(r"([A-Z]+)(\d+)")
_DIGITS = "0123456789"
_CHUNK = 1 << 16
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's limits: a reference beyond them is damage, not data


@functools.cache
def _column(letters: str) -> int:
    """'A' → 0, 'AB' → 27."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


class UnsupportedWorkbook(Exception):
    """The package is a zip, but not laid out the way this reader expects."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(archive.read(name))
    except (KeyError, ElementTree.ParseError) as exc:
        raise UnsupportedWorkbook(f"{name}: {exc}") from exc


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type suffix, part name) for one package part."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", f"{name}.rels")
    if path not in archive.namelist():
        return {}
    out = {}
    for rel in _xml(archive, path):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], resolved)
    return out


def read_xlsx(path: str) -> list[SheetData]:
    archive = zipfile.ZipFile(path)
    package = _rels(archive, "")
    workbook_part = next((p for kind, p in package.values() if kind == "officeDocument"), "xl/workbook.xml")
    workbook = _xml(archive, workbook_part)
    rels = _rels(archive, workbook_part)
    by_kind = {kind: part for kind, part in rels.values()}
    strings = _shared_strings(archive, by_kind.get("sharedStrings"))
    dates = _date_styles(archive, by_kind.get("styles"))
    pr = next((e for e in workbook if _local(e.tag) == "workbookPr"), None)
    epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else CALENDAR_WINDOWS_1900
    sheets = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        kind, part = rels.get(rid or "", ("", ""))
        if kind != "worksheet":
            continue  # chart sheets and the like hold no rows
        if part not in archive.namelist():
            raise UnsupportedWorkbook(f"missing sheet part {part}")
        rows = SheetRows(archive, part, strings, dates, epoch)
        stream = iter(rows)
        header = next(stream, None)
        rows.skip_first = True
        sheets.append(SheetData(title=element.get("name", ""), header=list(header or []), rows=rows))
    return sheets


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if not part:
        return []
    strings: list[str] = []
    try:
        with archive.open(part) as source:
            for _event, item in ElementTree.iterparse(source):
                if _local(item.tag) == "si":
                    strings.append(_text(item))
                    item.clear()
    except (KeyError, ElementTree.ParseError) as exc:
        raise UnsupportedWorkbook(f"{part}: {exc}") from exc
    return strings


def _text(item: ElementTree.Element) -> str:
    """The text of a string item: its <t> runs, leaving out phonetic guides (<rPh>)."""
    if _local(item.tag) == "rPh":
        return ""
    if _local(item.tag) == "t":
        return item.text or ""
    return "".join(_text(child) for child in item)


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    if not part:
        return frozenset()
    styles = _xml(archive, part)
    formats = dict(BUILTIN_FORMATS)
    xfs: list[int] = []
    for element in styles:
        if _local(element.tag) == "numFmts":
            formats.update({int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in element})
        elif _local(element.tag) == "cellXfs":
            xfs = [int(xf.get("numFmtId", "0")) for xf in element]
    return frozenset(i for i, fmt in enumerate(xfs) if is_date_format(formats.get(fmt) or ""))


class SheetRows:
    """The rows of one sheet after the header, streamed (re-iterable); `total` is known once reading began
    when the sheet records its dimension."""

    def __init__(self, archive: zipfile.ZipFile, part: str, strings: list[str], dates: frozenset[int],
                 epoch: datetime) -> None:
        self.archive, self.part, self.strings, self.dates, self.epoch = archive, part, strings, dates, epoch
        self.total: int | None = None
        self.skip_first = False

    def __iter__(self) -> Iterator[list[object]]:
        try:
            yield from self._rows()
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, IndexError, KeyError,
                OverflowError, TypeError, NotImplementedError, RuntimeError) as exc:
            raise ImportFileError(f"工作表已损坏：{self.part} (damaged sheet: {exc})") from exc

    def _rows(self) -> Iterator[list[object]]:
        reader = _SheetParser(self)
        expected = 1
        with self.archive.open(self.part) as source:
            for number, row in reader.rows(source):
                if number < expected or number > MAX_ROWS:
                    raise ValueError(f"row number {number} out of order or beyond Excel's {MAX_ROWS} rows")
                while expected < number:  # rows with no cells are not written in the file
                    if not (self.skip_first and expected == 1):
                        yield []
                    expected += 1
                if not (self.skip_first and number == 1):
                    yield row
                expected = number + 1


class _SheetParser:
    """expat callbacks collecting cells into rows: [(row number, values)] per fed chunk."""

    def __init__(self, sheet: SheetRows) -> None:
        self.sheet = sheet
        self.done: list[tuple[int, list[object]]] = []
        self.row: list[object] = []
        self.number = 0
        self.cell: tuple[str | None, str | None, str | None] = (None, None, None)
        self.buffer: list[str] = []
        self.collecting = False
        self.phonetic = False

    def rows(self, source) -> Iterator[tuple[int, list[object]]]:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
            yield from self.done
            self.done.clear()
        parser.Parse(b"", True)
        yield from self.done

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self.cell = (attrs.get("r"), attrs.get("t"), attrs.get("s"))
            self.buffer.clear()
        elif name in ("v", "t"):
            self.collecting = not self.phonetic
        elif name == "row":
            self.row = []
            self.number = int(attrs["r"]) if "r" in attrs else self.number + 1
        elif name == "rPh":
            self.phonetic = True
        elif name == "dimension" and self.sheet.total is None:
            match = _REF.search(attrs.get("ref", "").rpartition(":")[2])
            self.sheet.total = max(int(match.group(2)) - 1, 0) if match else None

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c":
            self._store_cell()
        elif name in ("v", "t"):
            self.collecting = False
        elif name == "row":
            self.done.append((self.number, self.row))
        elif name == "rPh":
            self.phonetic = False

    def chars(self, data: str) -> None:
        if self.collecting:
            self.buffer.append(data)

    def _store_cell(self) -> None:
        ref, kind, style = self.cell
        column = _column(ref.rstrip(_DIGITS)) if ref else len(self.row)
        if not 0 <= column < MAX_COLUMNS:
            raise ValueError(f"cell reference {ref!r} beyond Excel's {MAX_COLUMNS} columns")
        while len(self.row) < column:
            self.row.append(None)
        self.row.append(self._value(kind, style, "".join(self.buffer) if self.buffer else None))

    def _value(self, kind: str | None, style: str | None, raw: str | None) -> object:
        if raw is None:
            return None
        if kind == "s":
            index = int(raw)
            if index < 0:
                raise IndexError(f"shared string {index}")
            return self.sheet.strings[index]
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(raw.rstrip("Z"))
        number: float | int = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
        if style is not None and int(style) in self.sheet.dates:
            try:
                return from_excel(number, self.sheet.epoch)
            except (OverflowError, ValueError):
                return number  # not a date any calendar has: the row's parser rejects it with a reason
        return number
