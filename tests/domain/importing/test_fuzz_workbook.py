"""Property-based fuzzing (hypothesis, bounded) of the workbook importer: any cell values in any sheet, and
.xlsx files with flipped bytes, cut short, or with XML parts rewritten (the streaming reader domain/importing/xlsx.py
and its openpyxl fallback).

The property: a bad file is an `ImportFileError` with a clear message, a bad row is a rejected row with a reason,
and the good rows land — never another exception (a traceback for the admin), never a store that aborts."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bootstrap import App
from domain.importing import ImportFileError, import_sheets, read_workbook
from tests.domain.importing.workbook import as_sheets, base_firm, write_xlsx

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
BOOK = base_firm()

cells = (st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats()
         | st.decimals(allow_nan=False, places=3) | st.dates() | st.datetimes()
         | st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=25)
         | st.sampled_from(["¥12,000.00", "12,000.00元", "2026年1月5日", "2026/1/5", "1e400", "-0", "NaN", "是",
                            "否", "VIP、连锁", "按月", "增值税", "甲公司", "李会计", "FP1", "HT1", "2026-13-45",
                            "99999999999999999999", "  ", "=1+1", "#N/A", "45000", "1.5e3"]))


def import_all(app: App, sheets) -> None:
    report = import_sheets(app.session, sheets)
    for key, count in report.imported.items():
        assert count >= 0 and report.rejected[key] >= 0
    for problem in report.errors:
        assert problem["reason"].strip(), problem  # every rejected row says why


@FUZZ
@given(title=st.sampled_from(list(BOOK)), data=st.data())
def test_any_cell_values_are_imported_or_rejected_with_a_reason(app: App, title: str, data) -> None:
    header = BOOK[title][0]
    row = data.draw(st.lists(cells, min_size=len(header), max_size=len(header) + 2))
    book = {name: [list(r) for r in rows] for name, rows in BOOK.items()}
    book[title] = [header, row, *book[title][1:]]
    import_all(app, as_sheets(book))


@pytest.fixture(scope="module")
def good_xlsx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    book = {name: [list(r) for r in rows] for name, rows in BOOK.items()}
    book["收款"].append(["甲公司", "FP1", datetime(2026, 1, 21), Decimal("12.50")])
    book["应收"].append(["FP2", "乙公司", None, date(2026, 2, 1), date(2026, 3, 1), 300.5])
    return write_xlsx(tmp_path_factory.mktemp("fuzz") / "good.xlsx", book).read_bytes()


def read_and_import(app: App, raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzzed.xlsx"
    path.write_bytes(raw)
    try:
        sheets = read_workbook(path)
        for sheet in sheets:
            sheet.rows = [list(row) for row in sheet.rows]  # reading every row is where damage shows
        import_all(app, sheets)
    except ImportFileError as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)


@FUZZ
@given(data=st.data())
def test_damaged_bytes_are_a_clear_file_error(app: App, good_xlsx: bytes, tmp_path: Path, data) -> None:
    raw = bytearray(good_xlsx)
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    for _ in range(data.draw(st.integers(1, 8))):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    read_and_import(app, bytes(raw), tmp_path)


XML_BITS = st.sampled_from(['<', '>', '/', '"', "'", "=", " r=", " t=", " s=", '"s"', '"d"', '"n"', '"b"', "1",
                            "0", "-1", "A", "ZZZZ", "9999999999", "1e308", "<c>", "</c>", "<v>", "</v>", "<row>",
                            "</row>", "&amp;", "&#0;", "<!DOCTYPE x>", "numFmtId", "x", "中", "\x00"])


@FUZZ
@given(data=st.data())
def test_rewritten_xml_parts_are_a_clear_file_error_or_rejected_rows(app: App, good_xlsx: bytes, tmp_path: Path,
                                                                      data) -> None:
    source = zipfile.ZipFile(io.BytesIO(good_xlsx))
    names = source.namelist()
    target = data.draw(st.sampled_from([n for n in names if n.endswith((".xml", ".rels"))]))
    text = source.read(target).decode()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    text = text[:start] + "".join(data.draw(st.lists(XML_BITS, max_size=6))) + text[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name in names:
            rebuilt.writestr(name, text.encode() if name == target else source.read(name))
    read_and_import(app, out.getvalue(), tmp_path)


# -- Regressions: each crash the fuzzer found, and the limits it pointed at --------------------------------------
def rewrite(raw: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name in source.namelist():
            data = source.read(name)
            rebuilt.writestr(name, change(data.decode()).encode() if name == part else data)
    return out.getvalue()


def file_error(raw: bytes, tmp_path: Path) -> str:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError) as caught:
        for sheet in read_workbook(path):
            list(sheet.rows)
    return str(caught.value)


def first_sheet(raw: bytes) -> str:
    return next(n for n in zipfile.ZipFile(io.BytesIO(raw)).namelist() if n.startswith("xl/worksheets/sheet"))


def test_regression_corrupt_deflate_data_is_a_file_error(good_xlsx: bytes, tmp_path: Path) -> None:
    """Found by fuzzing: a damaged compressed workbook.xml raised zlib.error out of the reader."""
    archive = zipfile.ZipFile(io.BytesIO(good_xlsx))
    info = archive.getinfo("xl/workbook.xml")
    raw = bytearray(good_xlsx)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start:start + 8] = b"\xff" * 8
    assert "not a readable .xlsx workbook" in file_error(bytes(raw), tmp_path)


def test_regression_non_numeric_format_id_is_a_file_error(good_xlsx: bytes, tmp_path: Path) -> None:
    """Found by fuzzing: numFmtId="yyyy-mm-dd" in styles.xml raised ValueError (int()) out of the reader."""
    raw = rewrite(good_xlsx, "xl/styles.xml", lambda x: x.replace('numFmt numFmtId="164"',
                                                                  'numFmt numFmtId="yyyy-mm-dd"'))
    assert "yyyy-mm-dd" in file_error(raw, tmp_path)


def test_regression_malformed_styles_in_the_openpyxl_fallback_is_a_file_error(good_xlsx: bytes,
                                                                               tmp_path: Path) -> None:
    """Found by fuzzing: malformed styles.xml sent the reader to openpyxl, whose ParseError escaped (with lxml
    installed, openpyxl parses with it and the error is lxml's XMLSyntaxError — a clear file error either way)."""
    raw = rewrite(good_xlsx, "xl/styles.xml", lambda x: x.replace(">", " =>", 3))
    message = file_error(raw, tmp_path)
    assert "not a readable .xlsx workbook" in message and ("ParseError" in message or "XMLSyntaxError" in message)


def test_regression_cell_reference_beyond_excel_is_refused_not_a_runaway(good_xlsx: bytes, tmp_path: Path) -> None:
    """A cell at column ZZZZZZZZ would have padded its row with 200 billion empty cells."""
    raw = rewrite(good_xlsx, first_sheet(good_xlsx), lambda x: x.replace('r="B2"', 'r="ZZZZZZZZ2"', 1))
    assert "beyond Excel's 16384 columns" in file_error(raw, tmp_path)


def test_regression_row_number_beyond_excel_is_refused_not_a_runaway(good_xlsx: bytes, tmp_path: Path) -> None:
    """A row numbered 9,999,999,999 would have produced ten billion empty rows before it."""
    raw = rewrite(good_xlsx, first_sheet(good_xlsx), lambda x: x.replace('<row r="3"', '<row r="9999999999"', 1))
    assert "out of order or beyond" in file_error(raw, tmp_path)


def with_shared_strings(raw: bytes, sheet: str, cell: str) -> bytes:
    """The workbook with a sharedStrings part ("甲公司", "乙公司") and `cell` (XML) as the first cell of row 2."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
               "<si><t>甲公司</t></si><si><t>乙公司</t></si></sst>")
    rel = ('<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name in source.namelist():
            data = source.read(name).decode()
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", rel)
            elif name == sheet:
                start = data.index('<c r="A2"')
                data = data[:start] + cell + data[data.index("</c>", start) + 4:]
            rebuilt.writestr(name, data.encode())
        rebuilt.writestr("xl/sharedStrings.xml", strings.encode())
    return out.getvalue()


def test_regression_negative_shared_string_index_is_damage_not_another_string(good_xlsx: bytes,
                                                                             tmp_path: Path) -> None:
    """A shared-string index of -1 silently read the LAST string of the workbook (乙公司) — a guess."""
    sheet = "xl/worksheets/sheet2.xml"  # 客户
    path = tmp_path / "strings.xlsx"
    path.write_bytes(with_shared_strings(good_xlsx, sheet, '<c r="A2" t="s"><v>0</v></c>'))
    clients = next(s for s in read_workbook(path) if s.title == "客户")
    assert next(iter(clients.rows))[0] == "甲公司"  # the part is read: index 0 is the first string
    assert "damaged sheet" in file_error(with_shared_strings(good_xlsx, sheet, '<c r="A2" t="s"><v>-1</v></c>'),
                                         tmp_path)


def test_regression_date_cell_beyond_any_calendar_rejects_the_row(app: App, tmp_path: Path) -> None:
    """A date-formatted cell holding 1e308 raised OverflowError (from_excel); now the row is rejected."""
    book = {name: [list(r) for r in rows] for name, rows in BOOK.items()}
    book["收款"].append(["甲公司", "FP1", datetime(2026, 1, 22), 5])
    path = write_xlsx(tmp_path / "dates.xlsx", book)
    payments = "xl/worksheets/sheet6.xml"  # 收款, the sixth sheet written
    assert "<v>46044</v>" in zipfile.ZipFile(path).read(payments).decode()  # 2026-01-22 as an Excel date
    path.write_bytes(rewrite(path.read_bytes(), payments, lambda x: x.replace("<v>46044</v>", "<v>1e308</v>")))
    report = import_sheets(app.session, read_workbook(path))
    assert report.rejected["payments"] == 1 and report.imported["payments"] == 1


def test_regression_amount_beyond_decimal_precision_rejects_the_row(app: App) -> None:
    """Found by fuzzing: an amount of 1e29 (or 10**30) raised decimal.InvalidOperation while rounding to cents —
    a traceback instead of a rejected row."""
    book = {name: [list(r) for r in rows] for name, rows in BOOK.items()}
    book["收款"] += [["甲公司", "FP1", "2026-01-21", 1e29], ["甲公司", "FP1", "2026-01-22", 10**30],
                   ["甲公司", "FP1", "2026-01-23", float("inf")], ["甲公司", "FP1", "2026-01-24", "9999999999999.99"]]
    report = import_sheets(app.session, as_sheets(book))
    reasons = [e["reason"] for e in report.errors if e["sheet"] == "payments"]
    assert len(reasons) == 3 and all("too large" in r for r in reasons[:2]) and "unreadable" in reasons[2], reasons
    assert report.imported["payments"] == 2
