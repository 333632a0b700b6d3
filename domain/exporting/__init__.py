"""Exporting the client book as a workbook in the import format (docs/import-format.md, docs/cli.md `export`).

    counts = export_book(app.session, "book.xlsx", viewer=None, timezone="Asia/Shanghai")

The whole book, or what one staff member may see (`viewer`); a client contact is refused (`ExportRefused`).
Importing the file into an empty database gives the same answers; importing it into the same database changes
nothing.
"""

from domain.exporting.workbook import ExportRefused, export_book

__all__ = ["ExportRefused", "export_book"]
