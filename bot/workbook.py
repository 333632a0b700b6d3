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
from bot.render import METRIC_INTENTS, localize_note, render
from bot.reply import TableColumn
from bot.texts import Locale, maybe, t
from domain.queries import Result

RATIO_KEYS = frozenset({"margin", "on_time_ratio", "rate", "share", "change", "collection_rate"})
RATIO_METRICS = frozenset({"collection_rate", "margin"})
FIGURE_KEYS = frozenset({"value", "previous"})  # cells whose meaning is the row's (or the answer's) metric
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
    return (maybe(locale, f"intents.{result.intent.value}.title")
            or maybe(locale, f"metrics.titles.{result.intent.value}") or result.intent.value)


def title_for(result: Result, locale: Locale, today: date, symbol: str = "¥") -> tuple[str, list[TableColumn]]:
    """What the export is called ("逾期客户", "逾期金额（按负责人）" — a breakdown or trend is named as its chart is)
    and the columns its reply shows."""
    reply = render(result, locale, today, symbol=symbol)
    return (reply.chart.title if reply.chart is not None else title_of(result, locale)), reply.columns


def workbook_bytes(result: Result, locale: Locale, today: date, symbol: str = "¥") -> bytes:
    """The .xlsx file of the whole result (which must have items), with the columns its reply shows."""
    title, columns = title_for(result, locale, today, symbol)
    keys = [column.key for column in columns]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(title)
    sheet.append([column.label for column in columns])
    for row, item in enumerate(result.items, start=2):
        sheet.append([_value(result, key, item, locale, symbol) for key in keys])
        for column, key in enumerate(keys, start=1):  # (sheet.max_row would scan every cell: quadratic)
            number_format = _number_format(key, item.get(key), item.get("metric") or result.metric, symbol)
            if number_format is not None:
                sheet.cell(row=row, column=column).number_format = number_format
    _layout(sheet, len(keys), len(result.items))
    _notes(book.create_sheet(t(locale, "export_chat.sheet_notes")), title, result, locale, today)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(text: str) -> str:
    """A worksheet name Excel accepts: no []:*?/\\ and at most 31 characters."""
    return SHEET_TITLE.sub(" ", text).strip()[:31] or "Sheet1"


def _value(result: Result, key: str, item: dict[str, Any], locale: Locale, symbol: str) -> Any:
    """What goes into a cell: numbers and dates as themselves (formatted by _number_format), the rest as the reply
    words it (names of groups, segments, metrics, enum values, months)."""
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    if result.intent in METRIC_INTENTS:
        from bot.render_metrics import _cell as metric_cell  # the analytics replies' own wording

        return metric_cell(key, value, item, result, locale, symbol)
    return cell(key, value, locale, symbol)


def _number_format(key: str, value: Any, metric: str | None, symbol: str) -> str | None:
    if value is None or isinstance(value, bool | str):
        return None
    if isinstance(value, date):
        return DATE_FORMAT
    figure = key in FIGURE_KEYS
    if key in RATIO_KEYS or (figure and metric in RATIO_METRICS):
        return PERCENT_FORMAT
    if isinstance(value, Decimal):
        return money_format(symbol) if _is_money(key, metric if figure else None) else NUMBER_FORMAT
    return NUMBER_FORMAT if isinstance(value, float) else None


def _is_money(key: str, metric: str | None) -> bool:
    """Decimals are money (domain/queries.py), except the metrics that count something else (service hours)."""
    if key == "service_hours":
        return False
    if metric is None:
        return True
    from domain.metrics.definitions import METRICS

    known = METRICS.get(metric)
    return known.money if known is not None else True


def _layout(sheet: Worksheet, columns: int, rows: int) -> None:
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    for header in sheet[1]:
        header.font = Font(bold=True)
        header.alignment = Alignment(vertical="center")
    for index in range(1, columns + 1):
        widest = max((_width(c.value) for (c,) in sheet.iter_rows(min_col=index, max_col=index)), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, widest + 2)


def _width(value: Any) -> int:
    if value is None:
        return 4
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return len(f"{value:,.2f}") + 2
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _notes(sheet: Worksheet, title: str, result: Result, locale: Locale, today: date) -> None:
    sheet.append([t(locale, "export_chat.asked"), title])
    sheet.append([t(locale, "export_chat.exported_at"), today])
    sheet.append([t(locale, "export_chat.rows"), len(result.items)])
    sheet["B2"].number_format = DATE_FORMAT
    sheet["B2"].alignment = Alignment(horizontal="left")
    sheet["B3"].alignment = Alignment(horizontal="left")
    for note in result.notes:
        sheet.append(["", localize_note(note, locale)])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80
