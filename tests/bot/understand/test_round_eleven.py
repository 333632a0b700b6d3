"""The wrong answers of blind batches V, W and X (2026-12-07, measured once; now dev22.txt), each a test — and the
general readings that fixed some of their "not sure" ones.

这两家 after the names is those clients, not a limit; "which of …'s clients makes us the most" is the one; 竞争对手,
续费率, 员工人数规模 and 估算 are not the book; month-by-month receipts are a trend; "clients Qin Xia signed" are new
clients; No.1 of health is the one; 核心客户 beside a segment and 前十大客户 are no VIP filter; "over the trailing three
months" is no trend; "你能帮我看哪些…" asks what it can do; two months compared are two periods; an unknown English
name before a trade (Northwind Traders) or 华为 before 今年 is a company nobody has; 我一共负责 is mine; "client 数"
counts."""

from __future__ import annotations

import pytest

from .conftest import fields


def test_these_two_after_the_names_are_those_clients(read):
    got = fields(read("华信科技和明远贸易这两家有逾期吗"))
    assert got["clients"]["client_ids"] == [101, 108] and "limit" not in got


def test_which_of_someones_clients_makes_the_most_is_the_one(read):
    got = fields(read("which of Liu Jian's clients makes us the most profit"))
    assert (got["intent"], got["limit"], got["clients"]["owner_ids"]) == ("top_clients_by_profit", 1, [4])


@pytest.mark.parametrize("text", ["明远科技的竞争对手有哪些", "客户续费率多少", "客户续约率是多少",
                                  "客户按员工人数规模分布", "估算下12月的回款率", "9月和10月的开票比一下",
                                  "Northwind Traders outstanding balance?", "华为今年在我们这开了多少票"])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("month-by-month cash receipts in 2025", {"intent": "trend", "measure": "collected", "dimension": "month"}),
    ("clients Qin Xia signed this year", {"intent": "new_clients"}),
    ("健康分 No.1 的客户", {"intent": "clients_by_health", "limit": 1}),
    ("营收前十大客户", {"intent": "top_clients_by_revenue", "limit": 10}),
    ("高价值高忠诚的核心客户", {"intent": "client_segments", "segment": "high_value_high_loyalty"}),
    ("你能帮我看哪些经营数据", {"intent": "help"}),
    ("我一共负责几家客户", {"intent": "staff_client_count", "staff_id": 1}),
    ("wang fang 名下 client 数", {"intent": "staff_client_count", "staff_id": 2}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected
    assert "tiers" not in got.get("clients", {})


def test_over_the_trailing_months_is_no_trend(read):
    assert read("invoicing over the trailing three months").family != "trend"


@pytest.mark.parametrize(("text", "client"), [("huaxin keji 欠款余额", 101), ("TCJZ还欠多少钱", 103),
                                              ("mingyuan maoyi 资料还缺啥", 108), ("BHL outstanding?", 114),
                                              ("Blue Harbour还欠咱多少", 114), ("常清物流欠款", 112),
                                              ("鼎盛上海那家现在啥情况", 106)])
def test_names_in_pinyin_initials_and_slips(read, text, client):
    assert fields(read(text))["clients"]["client_ids"] == [client]


def test_a_named_clients_own_trade_is_no_filter(read):
    got = fields(read("changqing logistics还欠多少钱"))
    assert got["clients"] == {"client_ids": [112]}


@pytest.mark.parametrize(("text", "family"), [
    ("三季度整体经营跟二季度比如何", "summary"), ("老板要看这个月的关键指标，和上月比涨了还是跌了", "summary"),
    ("how are we tracking this month vs last", "summary"),
    ("您好，请问截至目前，客户尚未支付的应收账款余额合计是多少？", "receivable_balance"),
    ("您好，请问我们的VIP客户中有没有出现逾期付款的情况？如有请列出，谢谢。", "overdue_clients"),
    ("Alice's clients paid how much last week", "collected"), ("昨天到了多少钱", "collected"),
    ("health score 不到60的客户", "clients_at_risk"), ("profit 按行业 split 一下", "breakdown"),
    ("what reports can you give me", "help"), ("账房能做啥", "help"),
])
def test_not_sure_no_more(read, text, family):
    assert read(text).family == family
