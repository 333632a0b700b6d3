"""The empty import workbook (`zhangfang template`): one sheet per table, Chinese headers (`*` = required),
and an English note row under them that the importer skips."""

from __future__ import annotations

from pathlib import Path

from domain.importing.columns import SHEETS, Column


def note(column: Column) -> str:
    """'Name* — unique': starts with the English column name, which is how the importer recognises the row."""
    mark = "*" if column.required else ""
    return f"{column.en}{mark} — {column.hint}" if column.hint else f"{column.en}{mark}"


def write_template(path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, grey = Font(bold=True), Font(italic=True, color="808080")
    fill = PatternFill("solid", fgColor="EEEEEE")
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.zh)
        sheet.append([f"{c.zh}*" if c.required else c.zh for c in spec.columns])
        sheet.append([note(c) for c in spec.columns])
        for i, column in enumerate(spec.columns, start=1):
            sheet.cell(row=1, column=i).font = bold
            sheet.cell(row=1, column=i).fill = fill
            sheet.cell(row=2, column=i).font = grey
            sheet.column_dimensions[get_column_letter(i)].width = max(14, min(40, len(note(column)) + 2))
        sheet.freeze_panes = "A3"
    target = Path(path)
    workbook.save(target)
    return target
