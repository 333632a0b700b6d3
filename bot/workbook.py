"""A list answer as an .xlsx workbook: every row of the Result, the same columns as the reply's table, headers in
the reader's language; money as numbers in the currency format, dates as dates, ratios as percentages, names and
enum values as the reply words them. A second sheet says what was asked, when, and the definitions used."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.format import cell
from bot.render import localize_note, table_keys
from bot.texts import Locale, label, maybe, t
from domain.queries import Result

RATIO_KEYS = frozenset({"margin", "on_time_ratio", "rate", "share", "collection_rate"})
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
NUMBER_FORMAT = "#,##0.00"
SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def money_format(symbol: str) -> str:
    """Excel's number format for money in the firm's currency, e.g. "¥"#,##0.00 (negative amounts with a minus)."""
    quoted = symbol.replace('"', "")
    return f'"{quoted}"#,##0.00;-"{quoted}"#,##0.00'


def title_of(result: Result, locale: Locale) -> str:
    return maybe(locale, f"intents.{result.intent.value}.title") or result.intent.value


def workbook_bytes(result: Result, locale: Locale, today: date, symbol: str = "¥") -> bytes:
    """The .xlsx file of the whole result (which must have items)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(title_of(result, locale))
    keys = table_keys(result)
    sheet.append([label(locale, k) for k in keys])
    for item in result.items:
        sheet.append([_value(k, item.get(k), locale) for k in keys])
    _format_columns(sheet, keys, [item for item in result.items], symbol)
    _notes(book.create_sheet(t(locale, "export_chat.sheet_notes")), result, locale, today)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no []:*?/\\ and at most 31 characters."""
    return SHEET_TITLE.sub(" ", text).strip()[:31] or "Sheet1"


def _value(key: str, value: Any, locale: Locale) -> Any:
    """What goes into a cell: numbers and dates as themselves (formatted by the column), the rest as words."""
    if value is None:
        return None
    if isinstance(value, bool | list | tuple):
        return cell(key, value, locale)
    if isinstance(value, Decimal | int | float):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return cell(key, value, locale)


def _number_format(key: str, values: list[Any], symbol: str) -> str | None:
    present = [v for v in values if v is not None and not isinstance(v, bool)]
    if not present:
        return None
    if all(isinstance(v, Decimal) for v in present):
        return money_format(symbol)
    if all(isinstance(v, date) for v in present):
        return DATE_FORMAT
    if all(isinstance(v, float) for v in present):
        return PERCENT_FORMAT if key in RATIO_KEYS else NUMBER_FORMAT
    return None


def _format_columns(sheet: Worksheet, keys: list[str], items: list[dict[str, Any]], symbol: str) -> None:
    sheet.freeze_panes = "A2"
    if items:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{len(items) + 1}"
    for header in sheet[1]:
        header.font = Font(bold=True)
        header.alignment = Alignment(vertical="center")
    for index, key in enumerate(keys, start=1):
        letter = get_column_letter(index)
        number_format = _number_format(key, [item.get(key) for item in items], symbol)
        if number_format is not None:
            for (cell_,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell_.number_format = number_format
        widest = max((_width(c.value, number_format) for (c,) in sheet.iter_rows(min_col=index, max_col=index)),
                     default=8)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, widest + 2)


def _width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 4
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return len(f"{value:,.2f}") + (2 if number_format and '"' in number_format else 0)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _notes(sheet: Worksheet, result: Result, locale: Locale, today: date) -> None:
    sheet.append([t(locale, "export_chat.asked"), title_of(result, locale)])
    sheet.append([t(locale, "export_chat.exported_at"), today])
    sheet.append([t(locale, "export_chat.rows"), len(result.items)])
    sheet["B2"].number_format = DATE_FORMAT
    sheet["B2"].alignment = Alignment(horizontal="left")
    sheet["B3"].alignment = Alignment(horizontal="left")
    for note in result.notes:
        sheet.append(["", localize_note(note, locale)])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80
