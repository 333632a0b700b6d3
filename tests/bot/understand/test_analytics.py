"""The analytics families read by the rules (bot/understand/analytics.py): metric, dimension, share, trend window,
segment — in Chinese and English — and the two readings that must follow the distinguishing words (a count of new
clients is not the signed amount; documents past their deadline are the late ones only)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import fields


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("按负责人统计逾期金额", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "owner"}),
        ("overdue amount by owner", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "owner"}),
        ("各行业客户占比", {"intent": "breakdown", "measure": "clients", "dimension": "industry", "share": True}),
        ("share of clients by industry", {"intent": "breakdown", "measure": "clients", "dimension": "industry",
                                          "share": True}),
        ("逾期客户按地区分布", {"intent": "breakdown", "measure": "overdue_clients", "dimension": "region"}),
        ("逾期客户按行业分布", {"intent": "breakdown", "measure": "overdue_clients", "dimension": "industry"}),
        ("每个员工负责多少客户", {"intent": "breakdown", "measure": "clients", "dimension": "owner"}),
        ("各地区客户数量", {"intent": "breakdown", "measure": "clients", "dimension": "region"}),
        ("按团队统计应收余额", {"intent": "breakdown", "measure": "receivable_balance", "dimension": "team"}),
        ("按账龄统计逾期金额", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "aging"}),
        ("按信用等级统计逾期金额", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "credit_rating"}),
        ("按负责人统计服务工时", {"intent": "breakdown", "measure": "service_hours", "dimension": "owner"}),
        ("按行业统计逾期未交资料", {"intent": "breakdown", "measure": "late_documents", "dimension": "industry"}),
        ("按负责人统计科技行业的逾期金额", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "owner",
                                           "clients": {"industries": ["科技"]}}),
        ("我的客户按等级分布", {"intent": "breakdown", "measure": "clients", "dimension": "tier",
                                "clients": {"owner_ids": [1]}}),
        ("今年每个月的回款", {"intent": "trend", "measure": "collected", "dimension": "month",
                              "window": ("2026-01-01", "2026-11-22")}),
        ("monthly collections this year", {"intent": "trend", "measure": "collected", "dimension": "month",
                                           "window": ("2026-01-01", "2026-11-22")}),
        ("近12个月收入趋势", {"intent": "trend", "measure": "invoiced", "dimension": "month",
                              "window": ("2025-12-01", "2026-11-22")}),
        ("近6个月开票趋势", {"intent": "trend", "measure": "invoiced", "dimension": "month",
                             "window": ("2026-06-01", "2026-11-22")}),
        ("每季度签约额", {"intent": "trend", "measure": "signed", "dimension": "quarter",
                          "window": ("2026-01-01", "2026-11-22")}),
        ("本月经营情况", {"intent": "summary", "window": ("2026-11-01", "2026-11-30")}),
        ("上个月经营概况", {"intent": "summary", "window": ("2026-10-01", "2026-10-31")}),
        ("how did we do last month", {"intent": "summary", "window": ("2026-10-01", "2026-10-31")}),
        ("员工业绩", {"intent": "staff_board"}),
        ("team performance", {"intent": "staff_board"}),
        ("上个月新签了几个客户", {"intent": "new_clients", "window": ("2026-10-01", "2026-10-31")}),
        ("今年签约了多少客户", {"intent": "new_clients", "window": ("2026-01-01", "2026-12-31")}),
        ("new clients this quarter", {"intent": "new_clients", "window": ("2026-10-01", "2026-12-31")}),
        ("哪些客户有流失风险", {"intent": "clients_at_risk"}),
        ("which clients are likely to churn", {"intent": "clients_at_risk"}),
        ("客户健康度最低的10个客户", {"intent": "clients_by_health", "limit": 10, "ascending": True}),
        ("逾期客户数按地区", {"intent": "breakdown", "measure": "overdue_clients", "dimension": "region"}),
        ("逾期超过60天的客户数按地区", {"intent": "breakdown", "measure": "overdue_clients", "dimension": "region"}),
        ("number of overdue clients by owner", {"intent": "breakdown", "measure": "overdue_clients",
                                                "dimension": "owner"}),
        ("逾期金额按地区", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "region"}),
        ("本月新签客户数", {"intent": "new_clients", "window": ("2026-11-01", "2026-11-30")}),
        ("今年每月新签客户数", {"intent": "trend", "measure": "new_clients", "dimension": "month"}),
        ("新签客户数按地区", {"intent": "breakdown", "measure": "new_clients", "dimension": "region"}),
        ("今年签约额", {"intent": "signed"}),
        ("lowest 8 health scores", {"intent": "clients_by_health", "limit": 8, "ascending": True}),
        ("highest 3 health scores", {"intent": "clients_by_health", "limit": 3, "ascending": False}),
        ("今年上半年新签了几个客户", {"intent": "new_clients", "window": ("2026-01-01", "2026-06-30")}),
        ("new clients in the first half of this year", {"intent": "new_clients",
                                                        "window": ("2026-01-01", "2026-06-30")}),
        ("高价值低忠诚的客户", {"intent": "client_segments", "segment": "high_value_low_loyalty"}),
        ("客户价值分层", {"intent": "client_segments"}),
        ("北京华信科技的毛利率", {"intent": "client_metric", "measure": "margin", "clients": {"client_ids": [101]}}),
        ("Acme's health score", {"intent": "client_metric", "measure": "health_score",
                                 "clients": {"client_ids": [111]}}),
    ],
)
def test_analytics_wordings(ask, question: str, expected: dict) -> None:
    understood = ask(question)
    assert understood.unknown_reason is None, understood.unknown_reason
    got = fields(understood)
    query = understood.query
    for key, value in expected.items():
        if key == "window":
            assert (query.window.start.isoformat(), query.window.end.isoformat()) == value
        elif key == "clients":
            assert got["clients"] == value
        else:
            assert getattr(query, key) == value or got.get(key) == value, (key, got)


def test_a_count_of_new_clients_is_not_the_signed_amount(ask) -> None:
    assert ask("上个月新签了几个客户").query.intent == "new_clients"
    assert ask("上个月签约额").query.intent == "signed"


def test_documents_past_their_deadline_are_the_late_ones_only(ask) -> None:
    for question in ("which clients have documents past their deadline", "资料过了截止日期还没交的客户",
                     "资料逾期未交的客户"):
        query = ask(question).query
        assert query.intent == "documents_missing" and query.late_only, question
    assert ask("哪些客户还没交资料").query.late_only is False


@pytest.mark.parametrize(
    ("question", "reason"),
    [("纳税信用等级为A的客户", "unsupported:tax_credit"), ("华信科技的纳税信用", "unsupported:tax_credit"),
     ("VIP客户占比", "missing:dimension"), ("高价值的客户", "missing:segment"),
     ("逾期金额趋势", "unsupported:trend"), ("本月回款按账龄", "unsupported:aging"),
     ("各行业利润的占比", "unsupported:share"), ("按负责人和行业统计逾期金额", "multiple_dimensions")],
)
def test_what_the_analytics_cannot_answer_is_said(ask, question: str, reason: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "unknown" and understood.unknown_reason == reason


def test_trend_defaults_to_twelve_calendar_months(ask) -> None:
    window = ask("回款趋势").query.window
    assert (window.start, window.end) == (date(2025, 12, 1), date(2026, 11, 22))
