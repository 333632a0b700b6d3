"""Trends and the summary against figures computed by hand from the generated firm's rows, through the `ask --json`
path: every month (quarter) of the window in order with empty months as zeros, the current month counted to today
(a month's collection rate: the invoices due in the whole month), the window's total; the summary's flow metrics
beside the calendar period before, cut to the same elapsed days when the period contains today, with the change as
a fraction (null when the previous value is 0), and stock metrics as of today without a previous value."""

from __future__ import annotations

from datetime import date

import pytest

from tests.domain.metrics import expected as ex

TODAY = date(2026, 11, 22)
JAN = date(2026, 1, 1)
TRENDS = [  # (question, metric, grain, first day of the window)
    ("今年每个月的回款", "collected", "month", JAN),
    ("近12个月收入趋势", "invoiced", "month", date(2025, 12, 1)),
    ("monthly new clients this year", "new_clients", "month", JAN),
    ("每季度签约额", "signed", "quarter", JAN),
    ("近12个月利润趋势", "profit", "month", date(2025, 12, 1)),
    ("service cost month by month this year", "service_cost", "month", JAN),
    ("今年每个月的服务工时", "service_hours", "month", JAN),
    ("近6个月回款率 trend", "collection_rate", "month", date(2026, 6, 1)),
    ("quarterly collections this year", "collected", "quarter", JAN),
    ("今年每季度新客户 trend", "new_clients", "quarter", JAN),
    ("今年每月新签客户数", "new_clients", "month", JAN),  # a count of clients, not the signed amount
]


def _trend(generated, question: str, metric: str, grain: str, first: date, who: str | None = None) -> dict:
    scope = None if who is None else generated.firm.sees(generated.staff_id(who))
    data = generated.ask(question, who)
    assert (data["intent"], data.get("metric"), data.get("dimension")) == ("trend", metric, grain), (
        question, data["text"])
    items, total = ex.trend(generated.firm, metric, first, TODAY, grain, scope)
    assert data["items"] == items, question
    assert data["value"] == total, question
    return data


@pytest.mark.parametrize(("question", "metric", "grain", "first"), TRENDS, ids=[t[0] for t in TRENDS])
def test_trend(generated, question, metric, grain, first) -> None:
    _trend(generated, question, metric, grain, first)


def test_empty_months_are_zeros(generated) -> None:
    data = _trend(generated, *TRENDS[2])
    assert len(data["items"]) == 11 and data["items"][-1]["period"] == "2026-11"
    assert 0 in [i["value"] for i in data["items"]]  # the firm signed nobody in some months of 2026


def test_the_current_months_collection_rate_is_the_months(generated) -> None:
    """"本月回款率", the summary, this month in a trend and this month by a dimension: one figure."""
    family = generated.ask("本月回款率")["value"]
    assert family == ex.total(generated.firm, "collection_rate", date(2026, 11, 1), date(2026, 11, 30))
    assert generated.ask("近6个月回款率趋势")["items"][-1]["value"] == family
    assert generated.ask("本月回款率按负责人")["value"] == family
    summary = {i["metric"]: i for i in generated.ask("本月经营情况")["items"]}
    assert summary["collection_rate"]["value"] == family
    year = {i["metric"]: i for i in generated.ask("今年经营情况")["items"]}  # invoices due up to this month's end
    assert year["collection_rate"]["value"] == generated.ask("今年回款率按负责人")["value"] == ex.total(
        generated.firm, "collection_rate", date(2026, 1, 1), date(2026, 12, 31))


def test_a_staff_members_trend_covers_their_clients(generated) -> None:
    who = generated.firm.name(generated.staff("staff")[-1])
    _trend(generated, "今年每个月的回款", "collected", "month", JAN, who)
    _trend(generated, "my invoiced trend over the last 12 months", "invoiced", "month", date(2025, 12, 1), who)


SUMMARIES = [  # (question, current period, previous period, the rate's two months)
    ("本月经营情况", (date(2026, 11, 1), TODAY), (date(2026, 10, 1), date(2026, 10, 22)),
     ((date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 10, 1), date(2026, 10, 31)))),
    ("how did we do last month", (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30)),
     ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30)))),
    ("上个月 business summary", (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30)),
     ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30)))),
    ("本季度经营情况", (date(2026, 10, 1), TODAY), (date(2026, 7, 1), date(2026, 8, 22)),
     ((date(2026, 10, 1), date(2026, 12, 31)), (date(2026, 7, 1), date(2026, 9, 30)))),
    ("how did we do this year", (JAN, TODAY), (date(2025, 1, 1), date(2025, 11, 22)),
     ((JAN, date(2026, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31)))),
]


def _summary(firm, now, before, rate, scope=None) -> list[dict]:
    items = []
    for metric in ("invoiced", "collected", "signed", "new_clients", "profit", "collection_rate"):
        (s, e), (ps, pe) = (rate if metric == "collection_rate" else (now, before))
        value, previous = ex.total(firm, metric, s, e, scope), ex.total(firm, metric, ps, pe, scope)
        items.append({"metric": metric, "value": value, "previous": previous, "change": ex.change(value, previous)})
    for metric in ("receivable_balance", "overdue_amount", "overdue_clients"):
        items.append({"metric": metric, "value": ex.total(firm, metric, TODAY, TODAY, scope)})
    return items


@pytest.mark.parametrize(("question", "now", "before", "rate"), SUMMARIES, ids=[s[0] for s in SUMMARIES])
def test_summary_beside_the_previous_period(generated, question, now, before, rate) -> None:
    data = generated.ask(question)
    assert data["intent"] == "summary", (question, data["text"])
    expected = _summary(generated.firm, now, before, rate)
    assert data["items"] == expected
    assert any(i.get("change") is not None for i in expected)


def test_a_managers_summary_covers_their_team(generated) -> None:
    who = next(generated.firm.name(s) for s in generated.staff("manager") if generated.firm.sees(s))
    scope = generated.firm.sees(generated.staff_id(who))
    question, now, before, rate = SUMMARIES[0]
    assert generated.ask(question, who)["items"] == _summary(generated.firm, now, before, rate, scope)
