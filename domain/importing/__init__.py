"""Importing the client book from an Excel workbook or a folder of CSV files (spec: import-format.md).

    sheets = read_workbook("firm.xlsx")
    report = import_sheets(app.session, sheets, progress=None)

`import_sheets` reads, checks and stores the sheets in dependency order (one transaction per sheet) and
returns an `ImportReport`; `write_template(path)` writes the empty workbook.
"""

from domain.importing.report import ImportReport
from domain.importing.runner import ImportAborted, import_sheets
from domain.importing.source import ImportFileError, SheetData, read_workbook

__all__ = ["ImportAborted", "ImportFileError", "ImportReport", "SheetData", "import_sheets", "read_workbook"]
