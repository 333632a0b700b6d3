"""Day and amount thresholds, top-N and credit ratings, read in questions.

Thresholds follow 民法典 第一千二百五十九条 (semantics.md): 以上, 满, 至少, 不少于, 及以上, at least, or more include
the number (≥ N, i.e. N − 1 days or N − 0.01 yuan, as Query.min_* are strict), and so does N+ ("90+ days",
"60天+"); 超过, 多于, more than, over and a bare "逾期N天" exclude it. (Until issue 12 "60天以上" was read as "more
than 60"; these cases changed with it.)
"""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("逾期60天以上的客户", 59), ("逾期超过60天的客户", 60), ("逾期60天的客户", 60), ("逾期多于六十天的客户", 60),
        ("逾期超过两个月的客户", 60), ("逾期三个月以上的客户", 89), ("逾期超过一年的客户", 365),
        ("逾期半年以上的客户", 179),
        ("逾期一个半月以上的客户", 44), ("逾期两周以上的客户", 13), ("逾期满60天的客户", 59),
        ("clients overdue more than 90 days", 90),
        ("clients over 90 days overdue", 90), ("90+ days overdue clients", 89), ("overdue by more than 30 days", 30),
        ("逾期至少60天的客户", 59), ("逾期60天及以上的客户", 59), ("逾期不少于30天的客户", 29),
        ("clients at least 60 days overdue", 59), ("clients overdue 60 days or more", 59),
    ],
)
def test_day_thresholds(ask, question: str, days: int) -> None:
    got = fields(ask(question))
    assert got["intent"] == "overdue_clients"
    assert got["min_days_overdue"] == days


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("逾期超过5000元的客户", "5000"), ("逾期5000元以上的客户", "4999.99"), ("逾期5千以上的客户", "4999.99"),
        ("逾期一万以上的客户", "9999.99"), ("逾期金额超过1.5万的客户", "15000"), ("逾期金额大于两万五的客户", "25000"),
        ("逾期超过¥10,000的客户", "10000"), ("clients overdue over ¥10,000", "10000"),
        ("overdue more than 10k", "10000"),
        ("overdue amount above 5,000 yuan", "5000"), ("逾期至少5000元的客户", "4999.99"),
        ("逾期金额超过5000的客户", "5000"),
    ],
)
def test_amount_thresholds(ask, question: str, amount: str) -> None:
    got = fields(ask(question))
    assert got["intent"] == "overdue_clients"
    assert got["min_amount"] == amount


@pytest.mark.parametrize(
    ("question", "intent", "days"),
    [
        ("逾期三个多月的客户", "overdue_clients", 90), ("逾期两个多月还没付的客户", "overdue_clients", 60),
        ("一个多月没联系的客户", "clients_not_contacted", 30), ("二十多天没跟进的客户", "clients_not_contacted", 20),
        ("逾期一个多星期的客户", "overdue_clients", 7),
    ],
)
def test_n_and_more_units_is_more_than_n(ask, question: str, intent: str, days: int) -> None:
    """"三个多月" is more than three months (90, strict), never a top-3 ("三个") with a stray 月."""
    got = fields(ask(question))
    assert got["intent"] == intent
    assert got.get("min_days_overdue", got.get("days")) == days and "limit" not in got


def test_both_thresholds_together(ask) -> None:
    got = fields(ask("逾期超过30天且金额超过1万的客户"))
    assert (got["min_days_overdue"], got["min_amount"]) == (30, "10000")


@pytest.mark.parametrize(
    "question",
    ["逾期不到30天的客户", "逾期30天以下的客户", "clients overdue less than 30 days", "逾期金额低于5000的客户",
     "overdue under 5000 yuan"],
)
def test_upper_bounds_are_not_guessed(ask, question: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "unknown"
    assert understood.unknown_reason in ("unsupported:upper_bound", "negation")


@pytest.mark.parametrize(
    ("question", "intent", "limit", "ascending"),
    [
        ("欠款最多的10个客户", "top_debtors", 10, False), ("欠款前十的客户", "top_debtors", 10, False),
        ("top 5 debtors", "top_debtors", 5, False), ("营收前10的客户", "top_clients_by_revenue", 10, False),
        ("营收排名前二十", "top_clients_by_revenue", 20, False),
        ("top 3 clients by revenue", "top_clients_by_revenue", 3, False),
        ("top3 revenue clients", "top_clients_by_revenue", 3, False),
        ("利润最低的5个客户", "top_clients_by_profit", 5, True), ("利润倒数5名", "top_clients_by_profit", 5, True),
        ("bottom 5 clients by profit", "top_clients_by_profit", 5, True),
        ("the 5 least profitable clients", "top_clients_by_profit", 5, True),
        ("利润率最高的三个客户", "top_clients_by_margin", 3, False),
        ("lowest margin clients", "top_clients_by_margin", None, True),
        ("哪个客户欠款最多", "top_debtors", 1, False), ("谁欠我们钱最多", "top_debtors", 1, False),
        ("which client owes the most", "top_debtors", 1, False),
    ],
)
def test_top_n(ask, question: str, intent: str, limit: int | None, ascending: bool) -> None:
    got = fields(ask(question))
    assert got["intent"] == intent
    assert got.get("limit") == limit
    assert got.get("ascending", False) is ascending


@pytest.mark.parametrize(
    ("question", "rating"),
    [
        ("信用等级为D的客户", "D"), ("信用等级是a的客户", "A"), ("信用D的客户", "D"), ("B级信用客户", "B"),
        ("评级为C的客户有哪些", "C"), ("clients with credit rating B", "B"), ("clients rated C", "C"),
        ("credit rating of A", "A"), ("clients with a credit rating of b", "B"), ("D-rated clients", "D"),
        ("credit rating N/A", "N/A"), ("没有信用等级的客户", "N/A"), ("unrated clients", "N/A"),
        ("信用等级D的客户有多少", "D"),
    ],
)
def test_credit_ratings(ask, question: str, rating: str) -> None:
    got = fields(ask(question))
    assert got["intent"] == "clients_by_credit_rating"
    assert got["credit_rating"] == rating


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("欠款超过1万的客户", "unsupported:amount"),  # balances have no threshold in the query language
        ("本月回款超过5000", "unsupported:amount"),
        ("逾期客户前10名倒数", "unsupported:ascending"),
        ("VIP客户前5名", "unsupported:ranking"),
        ("逾期超过30天且超过60天的客户", "multiple_thresholds"),
        ("信用等级为D的客户 超过30天", "unsupported:days"),
        ("信用等级为D的客户 逾期超过30天", "conflict:overdue"),
    ],
)
def test_slots_a_family_cannot_honour_make_it_unsure(ask, question: str, reason: str) -> None:
    understood = ask(question)
    assert understood.query.intent == "unknown"
    assert understood.unknown_reason == reason
