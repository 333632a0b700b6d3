"""The analytics answers (domain/metrics, through the real question path) get their charts and their exports:
breakdowns as bars, shares as a pie, trends as a line, each drawn from exactly the answer's figures; "导出" after
them gives every group or period with money as numbers in the currency format and shares as percentages."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.charts import render_png
from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.reply import Reply

ADMIN = "杜萍"


def ask(app, text: str, as_name: str = ADMIN) -> Reply:
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=as_name, text=text))


def test_a_breakdown_by_owner_is_horizontal_bars_of_exactly_its_figures(sample_app) -> None:
    reply = ask(sample_app, "按负责人统计逾期金额")
    assert reply.intent == "breakdown" and reply.chart is not None
    chart, items = reply.chart, reply.data["items"]
    assert chart.kind == "barh" and chart.unit == "money" and chart.title == "逾期金额（按负责人）"
    assert chart.labels == [item["group"] for item in items]
    assert next(iter(chart.series.values())) == [item["value"] for item in items]
    assert render_png(chart).startswith(b"\x89PNG")


def test_shares_by_industry_are_a_pie_and_a_trend_is_a_line(sample_app) -> None:
    pie = ask(sample_app, "各行业客户占比")
    assert pie.intent == "breakdown" and pie.chart is not None and pie.chart.kind == "pie"
    assert sum(next(iter(pie.chart.series.values()))) == sum(item["value"] for item in pie.data["items"])
    line = ask(sample_app, "今年每个月的回款")
    assert line.intent == "trend" and line.chart is not None and line.chart.kind == "line"
    assert line.chart.labels == [item["period"] for item in line.data["items"]]
    assert line.chart.title == "回款趋势" and line.chart.unit == "money"


def test_answers_that_are_not_breakdowns_or_trends_have_no_chart(sample_app) -> None:
    assert ask(sample_app, "员工业绩").chart is None
    assert ask(sample_app, "哪些客户逾期未付款").chart is None


def test_exporting_a_breakdown_keeps_every_group_with_money_and_share_formats(sample_app) -> None:
    answer = ask(sample_app, "各行业客户占比")
    exported = ask(sample_app, "导出")
    assert exported.attachment is not None and exported.attachment.filename.startswith("客户数（按行业）")
    sheet = load_workbook(io.BytesIO(exported.attachment.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.label for column in answer.columns]
    assert [row[1] for row in rows[1:]] == [item["value"] for item in answer.data["items"]]
    assert sheet.cell(row=2, column=3).number_format == "0.0%"
    money = ask(sample_app, "按负责人统计逾期金额")
    sheet = load_workbook(io.BytesIO(ask(sample_app, "导出").attachment.content)).worksheets[0]
    assert sheet.max_row - 1 == len(money.data["items"])
    assert sheet.cell(row=2, column=2).number_format.startswith('"¥"')
    assert sheet.cell(row=2, column=2).value == money.data["items"][0]["value"]
