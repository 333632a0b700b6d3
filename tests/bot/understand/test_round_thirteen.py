"""The wrong answers of blind batches AB, AC and AD (2026-12-07, measured once; now dev24.txt), each a test.

客户中有逾期款的 are the clients; 我有没有…客户 is mine; "should we", 怎么维护 are advice; the firm's headcount, a
client's own profit, a person's own debt, an overdue rate, a client's tax bill and churned counts are not in the
book; "will we sign", 会最多, 达标 are forecasts and targets; every document sent, sent before the deadline, 续好约,
续签了哪些, 已经到期的 are the opposite lists; the one client a ranking word is absent for is its figure; 最高的那家
is one; a colleague nobody has before 负责哪些 is asked about; 去年同月 is this month last year; "bring in little
revenue" is low value; a contact changed is an action; documents as of a month's end are a snapshot the book does
not keep."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize("text", [
    "should we drop clients with D credit", "我们公司有多少员工", "how many new clients will we sign in December",
    "which clients have sent every document this month",
    "which clients sent their documents before the deadline last month",
    "长青物流今年自己的利润是多少", "这个月最后谁回款会最多", "60天内到期但已经续好约的合同",
    "李明负责哪些客户", "王总个人欠我们多少钱", "逾期率最高的行业", "who's the nicest accountant on the team",
    "华信科技这个月要交多少增值税",
    "VIP客户这个月续签了哪些合同", "本月已经到期的合同有哪些", "上个月流失了几家客户", "高价值低忠诚的客户该怎么维护",
    "Acme 的联系人换成张总", "本月签约额多少才算达标", "上个月底有哪些客户资料超期",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("秦霞客户中有逾期款的", {"intent": "overdue_clients"}),
    ("which client do we lose the most money on", {"intent": "top_clients_by_profit", "limit": 1, "ascending": True}),
    ("do we make money on 天成电商? show me the profit", {"intent": "client_metric", "measure": "profit"}),
    ("健康分最高的那家客户", {"intent": "clients_by_health", "limit": 1}),
    ("去年同月的回款", {"intent": "collected", "month": "2025-11"}),
    ("loyal clients that bring in little revenue", {"intent": "client_segments", "segment": "low_value_high_loyalty"}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


def test_do_i_have_clients_is_mine(read):
    got = fields(read("我有没有快流失的客户"))
    assert (got["intent"], got["clients"]["owner_ids"]) == ("clients_at_risk", [1])


def test_a_month_end_context_clause_and_a_phone_call_are_not_the_question(read):
    text = "月底要结账了，麻烦帮我看下还有哪些客户的票据和对账单没交过来，我今天下午挨个打电话"
    assert read(text).family == "documents_missing"
