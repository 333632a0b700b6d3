"""The wrong answers of blind batches Y, Z and AA (2026-12-07, measured once; now dev23.txt), each a test.

A company nobody has opening the question (小米有没有…, 拼多多的健康度) is never dropped; 超过一个季度 is 90 days;
"which organisation owes the most" is the one; 有逾期款的客户 are the clients; "whose clients bring in the most" ranks
colleagues; 新签的科技公司 are new clients; 不够忠诚 is low loyalty; "不管截止日过没过" lifts the deadline; forecasts
(会变成, 推算, 会续约, 可能给差评), penalties, 预收账款, definitions (满分, 怎么划分), sending to a mailbox and an
invoice-by-invoice list are not answered; "clients whose documents are all received" and "no churn risk" are the
opposite lists; "brought us in total" is lifetime revenue; a D payment-credit rating is D."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize("text", [
    "拼多多的健康度", "小米有没有资料没交", "李宁有没有快到期的合同", "资料逾期未交税务局会罚款吗",
    "预收账款余额一共多少",
    "到年底逾期总额会变成多少", "按这个趋势推算明年每个月的收入", "明年1月有几家客户会续约", "哪些客户下个月可能给差评",
    "clients with no churn risk at all", "clients whose documents are all received", "健康分满分是多少",
    "客户价值分层是怎么划分的", "把逾期客户名单发到王芳的邮箱", "给我一张本月开票的明细表，按发票号逐张列出",
    "which clients have handed in everything for October",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("逾期超过一个季度的客户", {"intent": "overdue_clients", "min_days_overdue": 90}),
    ("Which organisation owes us the most money?", {"intent": "top_debtors", "limit": 1}),
    ("有逾期款的客户", {"intent": "overdue_clients"}),
    ("whose clients bring in the most revenue", {"intent": "staff_ranking", "metric": "revenue"}),
    ("价值高、不够忠诚的客户名单", {"intent": "client_segments", "segment": "high_value_low_loyalty"}),
    ("哪些客户还有资料没交，不管截止日过没过", {"intent": "documents_missing", "late_only": None}),
    ("how much revenue has Acme brought us in total", {"intent": "client_metric", "measure": "lifetime_revenue"}),
    ("clients with a D payment-credit rating", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
    ("everything we have on Acme Trading", {"intent": "client_profile"}),
    ("show every accountant's collected, invoiced and hours this month", {"intent": "staff_board"}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


def test_newly_signed_companies_are_new_clients_not_the_amount(read):
    got = fields(read("深圳今年新签的科技公司"))
    assert (got["intent"], got["clients"]["regions"], got["clients"]["industries"]) == \
        ("new_clients", ["深圳"], ["科技"])
    assert read("今年新签的合同金额").family == "signed"


@pytest.mark.parametrize("text", ["which clients might churn", "哪些客户可能会流失", "who's likely to churn"])
def test_who_might_leave_is_the_at_risk_list_not_a_forecast(read, text):
    assert read(text).family == "clients_at_risk"


def test_hours_are_a_measure(read):
    assert read("每个人本月的业绩一览，回款、开票、工时都要").family == "staff_board"


def test_whether_one_client_sent_everything_is_its_missing_list(read):
    got = fields(read("has Pioneer sent all their documents"))
    assert (got["intent"], got["clients"]["client_ids"]) == ("documents_missing", [110])
