"""What the fake platforms need to read uploaded files: multipart/form-data bodies, and .xlsx workbooks."""

from __future__ import annotations

import io
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP

from openpyxl import load_workbook

from bot.texts import label
from tests.fakes.scripted_server import Recorded


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content: bytes


def multipart(request: Recorded) -> dict[str, Part]:
    """The parts of a multipart/form-data request body, by field name (empty when the body is not multipart)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return {}
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + request.body)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            payload = part.get_payload(decode=True) or b""
            parts[str(name)] = Part(str(name), part.get_filename(), payload)
    return parts


def xlsx_rows(content: bytes, sheet: int = 0) -> list[list[object]]:
    """Every row of a workbook's sheet as values (raises if the bytes are not a valid .xlsx)."""
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'  # bot/workbook.py money_format("¥")
OVERDUE_COLUMNS = ("client", "owner", "overdue_amount", "max_days_overdue")


def overdue_workbook(content: bytes) -> dict[str, float]:
    """An exported "哪些客户逾期未付款" workbook checked cell by cell: the reply's four columns, one row per client,
    the overdue amount a number in the ¥#,##0.00 currency format. Returns client → overdue amount."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    header, *body = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header in ([label(locale, key) for key in OVERDUE_COLUMNS] for locale in ("zh", "en")), header
    for row in sheet.iter_rows(min_row=2):
        amount = row[2]
        assert isinstance(amount.value, int | float) and amount.number_format == MONEY_FORMAT
        assert isinstance(row[3].value, int)
    return {str(row[0]): float(row[2]) for row in body}  # type: ignore[arg-type]
