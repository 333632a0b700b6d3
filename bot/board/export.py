"""A panel's table as .xlsx: a chat answer through bot/workbook.py (every row, as "导出" in chat gives it); the
workflow and health panels, which have no Result, as every item of their answer (numbers stay numbers)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from bot.board.view import PanelView
from bot.bootstrap import App
from bot.workbook import PERCENT_FORMAT, RATIO_KEYS, sheet_title, workbook_bytes


def panel_workbook(app: App, built: PanelView) -> tuple[str, bytes] | None:
    today: date = app.today()
    name = f"{built.title}-{today.isoformat()}.xlsx"
    if built.result is not None:
        if not built.result.items:
            return None
        return name, workbook_bytes(built.result, app.settings.locale, today, app.settings.currency_symbol)
    if not built.items or not built.columns:
        return None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(built.title)
    keys = [c["key"] for c in built.columns]
    sheet.append([c["label"] for c in built.columns])
    for number, item in enumerate(built.items, start=2):  # every row, as numbers (the page shows formatted ones)
        sheet.append([item.get(key) for key in keys])
        for column, key in enumerate(keys, start=1):
            if key in RATIO_KEYS and isinstance(item.get(key), float):
                sheet.cell(row=number, column=column).number_format = PERCENT_FORMAT
    buffer = io.BytesIO()
    book.save(buffer)
    return name, buffer.getvalue()
