"""Where rows come from and what a failure leaves behind: CSV folders, the fast .xlsx reader against openpyxl,
unreadable files, and a database error in the middle of a sheet."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from domain.importing import ImportAborted, ImportFileError, import_sheets, read_workbook
from domain.importing.source import read_xlsx_openpyxl
from domain.importing.xlsx import read_xlsx
from tests.conftest import SAMPLE_XLSX, table_counts
from tests.domain.importing.workbook import as_sheets, base_firm, checksum, install_failing_trigger, rows, run, scalar


def _write_csv(path: Path, table: list[list[object]], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(table)


def test_a_folder_of_csv_files_in_utf8_with_and_without_bom_and_gb18030(app, tmp_path):
    book = base_firm()
    folder = tmp_path / "firm"
    folder.mkdir()
    _write_csv(folder / "staff.csv", book["员工"], "utf-8-sig")
    _write_csv(folder / "客户.csv", book["客户"], "gb18030")
    invoices = book["应收"] + [["FP2", "乙公司", "", "2026年3月1日", "2026/3/31", "￥99.50元"]]
    _write_csv(folder / "Invoices.csv", invoices, "utf-8")
    _write_csv(folder / "合同.csv", book["合同"], "utf-8")
    (folder / "readme.txt").write_text("not a sheet", encoding="utf-8")
    report = import_sheets(app.session, read_workbook(folder))
    assert report.errors == []
    assert report.found_sheets == ["staff", "clients", "contracts", "invoices"]
    assert report.imported["clients"] == 2 and report.imported["invoices"] == 2
    assert rows(app, "SELECT tags FROM client WHERE name = '甲公司'") == [("VIP、连锁",)]
    assert scalar(app, "SELECT amount_cents FROM invoice WHERE invoice_no = 'FP2'") == 9950


def test_unreadable_sources_raise_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="file not found"):
        read_workbook(tmp_path / "missing.xlsx")
    (tmp_path / "notes.xlsx").write_text("just text", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"not a readable \.xlsx workbook"):
        read_workbook(tmp_path / "notes.xlsx")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportFileError, match=r"no \.csv files"):
        read_workbook(tmp_path / "empty")
    (tmp_path / "bytes.csv").write_bytes(b"\xff\xfe\x00\x81\xff" * 3)
    with pytest.raises(ImportFileError, match="not UTF-8 or GB18030"):
        read_workbook(tmp_path / "bytes.csv")


def _rows_of(sheets) -> list[tuple[str, list, list]]:
    def trim(row):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        return row

    return [(s.title, trim(s.header), [trim(r) for r in s.rows]) for s in sheets]


def test_the_fast_reader_reads_the_sample_exactly_like_openpyxl():
    assert _rows_of(read_xlsx(str(SAMPLE_XLSX))) == _rows_of(read_xlsx_openpyxl(SAMPLE_XLSX))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _excel_like_workbook(path: Path) -> Path:
    """What Excel writes and openpyxl does not: shared strings with rich runs and phonetic guides, a custom date
    format, boolean and ISO date cells, skipped rows, cells without references and a prefixed namespace."""
    parts = {
        "[Content_Types].xml": f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{_REL}/officeDocument"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/><sheets>'
        '<sheet name="客户" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId4" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}"><si><t>客户名称</t></si><si><t>负责人</t></si>'
        '<si><r><t>甲</t></r><r><rPr><b/></rPr><t>公司</t></r><rPh sb="0" eb="1"><t>こう</t></rPh></si>'
        '<si><t xml:space="preserve"> 李会计 </t></si></sst>',
        "xl/styles.xml": f'<styleSheet xmlns="{_MAIN}"><numFmts count="1">'
        '<numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:C3"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>签约日期</t></is></c></row>'
        '<row r="3"><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c s="1"><v>46027</v></c></row></sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": f'<x:worksheet xmlns:x="{_MAIN}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Flag</x:t></x:is></x:c>'
        '<x:c r="B1" t="str"><x:v>When</x:v></x:c>'
        '<x:c r="D1" t="inlineStr"><x:is><x:t>Amount</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="b"><x:v>1</x:v></x:c><x:c r="B2" s="2"><x:v>46027.5</x:v></x:c>'
        '<x:c r="D2"><x:v>1.5E3</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return path


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_the_fast_reader_handles_what_excel_writes_like_openpyxl(tmp_path):
    path = _excel_like_workbook(tmp_path / "excel.xlsx")
    fast = _rows_of(read_xlsx(str(path)))
    assert fast == _rows_of(read_xlsx_openpyxl(path))
    assert fast == [
        ("客户", ["客户名称", "负责人", "签约日期"], [[], ["甲公司", " 李会计 ", datetime(2026, 1, 5)]]),
        ("Notes", ["Flag", "When", None, "Amount"], [[True, datetime(2026, 1, 5, 12, 0), None, 1500.0]]),
    ]


def test_a_workbook_from_excel_imports(app, tmp_path):
    run(app, {"员工": base_firm()["员工"]})
    report = import_sheets(app.session, read_workbook(_excel_like_workbook(tmp_path / "excel.xlsx")))
    assert report.errors == [] and report.imported["clients"] == 1 and report.ignored_sheets == ["Notes"]
    assert rows(app, "SELECT name FROM client") == [("甲公司",)]
    assert str(scalar(app, "SELECT signed_on FROM client")) == str(date(2026, 1, 5))


def test_a_crash_mid_sheet_leaves_that_sheet_as_it_was_and_stops_the_import(app):
    install_failing_trigger(app)
    book = base_firm()
    book["应收"] += [["FP2", "甲公司", None, "2026-02-01", "2026-02-28", 10], ["FP3", "甲公司", None, "2026-03-01",
                                                                            "2026-03-31", "42.42"]]
    with pytest.raises(ImportAborted) as exc:
        run(app, book)
    assert exc.value.sheet == "invoices" and "boom" in str(exc.value) and "'invoices'" in str(exc.value)
    assert exc.value.report.imported["contracts"] == 1
    counts = table_counts(app)
    assert counts["staff"] == 2 and counts["client"] == 2 and counts["contract"] == 1
    assert counts["invoice"] == 0 and counts["payment"] == 0 and counts["document_request"] == 0


def test_a_crash_during_a_re_import_leaves_the_database_as_before(app):
    run(app, base_firm())
    before, digest = table_counts(app), checksum(app)
    install_failing_trigger(app)
    book = base_firm()
    book["客户"].append(["丙公司", "李会计", None, None])
    book["应收"][1][5] = 2000  # an update that would be written before the failing row
    book["应收"].append(["FP9", "甲公司", None, "2026-03-01", "2026-03-31", "42.42"])
    with pytest.raises(ImportAborted):
        import_sheets(app.session, as_sheets(book))
    after = table_counts(app)
    assert after["client"] == before["client"] + 1  # the clients sheet was stored before the failure
    def others(values: dict) -> dict:  # the stored clients sheet changed the book, and so the book's token
        return {k: v for k, v in values.items() if k not in ("client", "book_version")}

    assert others(after) == others(before)
    assert others(checksum(app)) == others(digest)
