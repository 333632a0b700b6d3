"""Which chart an answer gets, from its `ask --json` shape (cli.md): breakdown → bars or a pie, trend → a line."""

from __future__ import annotations

from typing import Any

from bot.chart_build import MOST_BARS, MOST_SLICES, chart_for
from bot.charts import render_png, tick
from bot.reply import Reply


def reply(data: dict[str, Any], title: str = "按负责人统计逾期金额", locale: str = "zh") -> Reply:
    return Reply(intent=data["intent"], title=title, text="…", locale=locale, data=data)  # type: ignore[arg-type]


def test_a_breakdown_is_horizontal_bars_largest_first_with_money_on_the_axis() -> None:
    data = {"intent": "breakdown", "metric": "overdue_amount", "dimension": "owner", "value": 20600.5,
            "items": [{"group": "戴波", "value": 12000.0}, {"group": "王芳", "value": 8600.5},
                      {"group": "未填", "value": 0.0}]}
    chart = chart_for(reply(data))
    assert chart is not None and chart.kind == "barh" and chart.unit == "money"
    assert chart.labels == ["戴波", "王芳", "未填"] and next(iter(chart.series.values())) == [12000.0, 8600.5, 0.0]
    assert chart.title == "逾期金额（按负责人）"
    assert tick(chart, 12000) == "¥12,000" and tick(chart, -500) == "-¥500"
    assert render_png(chart).startswith(b"\x89PNG")


def test_shares_are_a_pie_and_counts_stay_counts() -> None:
    data = {"intent": "breakdown", "metric": "clients", "dimension": "industry", "value": 30,
            "items": [{"group": "贸易", "value": 18, "share": 0.6}, {"group": "制造业", "value": 9, "share": 0.3},
                      {"group": "未填", "value": 3, "share": 0.1}]}
    chart = chart_for(reply(data, "各行业客户占比"))
    assert chart is not None and chart.kind == "pie" and chart.unit == "count"
    assert chart.labels == ["贸易", "制造业", "未填"] and tick(chart, 18) == "18"


def test_a_trend_is_a_line_in_time_order_with_its_empty_months() -> None:
    data = {"intent": "trend", "metric": "collected", "value": 36400.0,
            "items": [{"period": "2026-01", "value": 35200.0}, {"period": "2026-02", "value": 0.0},
                      {"period": "2026-03", "value": 1200.0}]}
    chart = chart_for(reply(data, "今年每个月的回款"))
    assert chart is not None and chart.kind == "line" and chart.unit == "money"
    assert chart.labels == ["2026-01", "2026-02", "2026-03"] and chart.series["回款"] == [35200.0, 0.0, 1200.0]
    assert chart.title == "回款趋势"


def test_a_rate_breakdown_is_bars_in_percent_never_a_summed_pie() -> None:
    items = [{"group": f"员工{i:02d}", "value": round(0.99 - i / 100, 4), "share": 0.05} for i in range(20)]
    chart = chart_for(reply({"intent": "breakdown", "metric": "collection_rate", "items": items}))
    assert chart is not None and chart.kind == "barh" and chart.unit == "ratio" and tick(chart, 0.35) == "35%"
    assert len(chart.labels) == MOST_BARS and chart.labels[0] == "员工00"  # cut, not summed into "other"


def test_many_groups_end_in_one_other_bar_or_slice_that_keeps_the_total() -> None:
    items = [{"group": f"客户{i:02d}", "value": float(100 - i)} for i in range(30)]
    bars = chart_for(reply({"intent": "breakdown", "metric": "collected", "items": items}))
    assert bars is not None and len(bars.labels) == MOST_BARS and bars.labels[-1] == "其他（16项）"
    assert sum(next(iter(bars.series.values()))) == sum(i["value"] for i in items)
    shares = [{**item, "share": 0.01} for item in items]
    pie = chart_for(reply({"intent": "breakdown", "metric": "collected", "items": shares}, locale="en"))
    assert pie is not None and pie.kind == "pie" and len(pie.labels) == MOST_SLICES
    assert pie.labels[-1] == f"Other ({30 - MOST_SLICES + 1})"
    assert sum(next(iter(pie.series.values()))) == sum(i["value"] for i in items)


def test_without_a_metric_name_amounts_with_cents_are_money_and_whole_numbers_counts() -> None:
    money = chart_for(reply({"intent": "trend", "items": [{"period": "2026-Q1", "value": 10.5}]}))
    count = chart_for(reply({"intent": "trend", "items": [{"period": "2026-Q1", "value": 10}]}))
    assert money is not None and money.unit == "money" and count is not None and count.unit == "count"
    assert money.title == "按负责人统计逾期金额"  # no metric named: the reply's own title


def test_aging_groups_are_labelled_as_the_reply_labels_them() -> None:
    items = [{"group": "1-30", "value": 100.0}, {"group": "90+", "value": 50.0}]
    chart = chart_for(reply({"intent": "breakdown", "metric": "overdue_amount", "dimension": "aging", "items": items}))
    assert chart is not None and chart.labels == ["1–30天", "90天以上"] and chart.title == "逾期金额（按账龄）"


def test_other_answers_and_empty_ones_get_no_chart() -> None:
    assert chart_for(reply({"intent": "overdue_clients", "items": [{"client": "A", "overdue_amount": 1.0}]})) is None
    assert chart_for(reply({"intent": "breakdown", "items": []})) is None
    assert chart_for(reply({"intent": "summary", "items": [{"metric": "collected", "value": 1.0}]})) is None
