""" "导出" / "export" after a list answer: every row, the reply's columns, money as numbers in the currency format,
dates as dates, headers in the asker's language, scoped to the asker, remembered across answerers (processes)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.bootstrap import bootstrap
from bot.conversation import handle
from bot.exporting import export_language
from bot.messages import IncomingMessage
from bot.reply import Reply
from tests.small_firm import build_small_firm

ADMIN = "杜萍"


def ask(app, text: str, as_name: str = ADMIN) -> Reply:
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=as_name, text=text))


def sheet_of(reply: Reply) -> Worksheet:
    assert reply.attachment is not None and reply.attachment.filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(reply.attachment.content))
    return book.worksheets[0]


def rows_of(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("text, language", [
    ("导出", "zh"), ("导出Excel", "zh"), ("把这个导出一下", "zh"), ("导出 excel 表格", "zh"), ("Excel导出", "zh"),
    ("export", "en"), ("export this", "en"), ("Export to Excel", "en"),
    ("please export the list as a spreadsheet", "en"),
    ("导出客户名单吗", None), ("哪些客户逾期未付款", None), ("export clients in Shanghai", None), ("导出了吗", None),
])
def test_what_counts_as_asking_for_an_export(text: str, language: str | None) -> None:
    assert export_language(text) == language


def test_export_after_a_list_sends_every_row_with_the_replys_columns(sample_app) -> None:
    answer = ask(sample_app, "哪些客户逾期未付款")
    assert answer.total_rows > len(answer.rows)  # the chat shows the first rows only
    exported = ask(sample_app, "导出")
    assert exported.intent == "export" and exported.data["rows"] == answer.total_rows
    assert f"{answer.total_rows} 行" in exported.text and exported.attachment.filename in exported.text
    rows = rows_of(sheet_of(exported))
    assert rows[0] == [column.label for column in answer.columns]
    body = rows[1:]
    assert len(body) == answer.total_rows
    keys = [column.key for column in answer.columns]
    for row, item in zip(body, answer.data["items"], strict=True):
        assert row[keys.index("client")] == item["client"]
        assert row[keys.index("overdue_amount")] == pytest.approx(item["overdue_amount"])
        assert row[keys.index("max_days_overdue")] == item["max_days_overdue"]
    assert [str(c) for c in body[0]][:1] == [answer.rows[0][0]]  # the same first row as the chat table


def test_money_is_a_number_in_the_currency_format_and_dates_are_dates(sample_app) -> None:
    answer = ask(sample_app, "未来90天到期的合同")
    assert answer.intent == "contracts_expiring" and answer.data["items"]
    sheet = sheet_of(ask(sample_app, "导出Excel"))
    keys = [column.key for column in answer.columns]
    end_on = sheet.cell(row=2, column=keys.index("end_on") + 1)
    amount = sheet.cell(row=2, column=keys.index("amount") + 1)
    assert isinstance(end_on.value, datetime) and end_on.number_format == "yyyy-mm-dd"
    assert end_on.value.date() == date.fromisoformat(answer.data["items"][0]["end_on"])
    assert isinstance(amount.value, int | float) and amount.value == pytest.approx(answer.data["items"][0]["amount"])
    assert amount.number_format.startswith('"¥"#,##0.00')
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_headers_are_english_when_the_export_is_asked_in_english(sample_app) -> None:
    answer = ask(sample_app, "which clients have overdue payments")
    exported = ask(sample_app, "export this")
    assert exported.locale == "en" and exported.text.startswith("Exported")
    header = rows_of(sheet_of(exported))[0]
    assert header == [column.label for column in answer.columns] and "Client" in header
    notes = load_workbook(io.BytesIO(exported.attachment.content)).worksheets[1]
    assert notes.title == "Notes" and notes["B3"].value == answer.total_rows


def test_the_export_is_scoped_to_the_asker(sample_app) -> None:
    everyone = ask(sample_app, "哪些客户逾期未付款")
    mine = ask(sample_app, "哪些客户逾期未付款", as_name="刘建")
    exported = {row[0] for row in rows_of(sheet_of(ask(sample_app, "导出", as_name="刘建")))[1:]}
    assert exported == {item["client"] for item in mine.data["items"]}
    assert len(exported) < everyone.total_rows
    admin_file = rows_of(sheet_of(ask(sample_app, "导出")))  # the admin's own last list, not 刘建's
    assert len(admin_file) - 1 == everyone.total_rows


def test_nothing_to_export_before_a_list_and_after_a_total(make_app) -> None:
    app = make_app()
    build_small_firm(app)
    first = ask(app, "导出", as_name="杜萍")
    assert first.attachment is None and "先问一个列表问题" in first.text
    assert ask(app, "哪些客户逾期未付款", as_name="杜萍").columns
    assert ask(app, "逾期总额是多少", as_name="杜萍").intent == "overdue_total"  # has a table too (buckets)
    assert ask(app, "导出", as_name="杜萍").attachment is not None
    assert ask(app, "本月回款多少", as_name="杜萍").intent == "collected"  # a single figure
    after_total = ask(app, "导出", as_name="杜萍")
    assert after_total.attachment is None and "不是列表" in after_total.text


def test_another_process_exports_the_list_asked_in_this_one(sample_app) -> None:
    ask(sample_app, "30天内到期的合同")
    other = bootstrap(sample_app.settings)  # a second App on the same database: a new answerer, nothing shared
    try:
        exported = handle(other, IncomingMessage(platform="cli", chat_id="", sender_id=ADMIN, text="导出"))
    finally:
        other.engine.dispose()
    assert exported.data["of"] == "contracts_expiring" and exported.attachment is not None
