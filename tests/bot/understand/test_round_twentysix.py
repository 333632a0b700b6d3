"""The wrong answers of blind batches BN, BO and BP (2026-12-07, measured once after round twenty-five; now
dev37.txt), each a test.

Read: the colleague the answer goes to ("…要给杜总") is no owner filter; a credit term stated as context ("账期是15天")
is no threshold; 我…新拉了 is mine; "total we've ever billed" is the revenue to date.
Not answered: a client's own clients, debtors, members and business (客户的客户, Acme's clients, 长青欠钱最多的五个客户,
how many clients does Acme have, 会员分层, 顾客, 食客, 外卖); goods money (货款); a collection plan; bills we received;
marketing or onboarding material; the firm's payroll sheet; a restaurant downstairs; a client's bank account; a
client's own turnover, products or dishes; a tax refund received or asked for; collections by bank; new hires; a
contact person in a colleague's place (梁飞对接哪些客户); invoices counted (多少张)."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("账龄分析发我一份 要给杜总", {"intent": "aging", "clients": None}),
    ("我们给客户的账期是15天，现在哪些客户逾期了", {"intent": "overdue_clients", "min_days_overdue": None}),
    ("长青账期90天，它现在有逾期吗", {"intent": "overdue_clients", "min_days_overdue": None}),
    ("我今年新拉了几家客户", {"intent": "new_clients", "clients": {"owner_ids": [1]}}),
    ("total we've ever billed Acme", {"intent": "client_metric", "measure": "lifetime_revenue"}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "我们客户的客户谁逾期了",
    "Acme's clients that are overdue",
    "逾期未付的账单一共多少张",
    "和丰有几家客户逾期没付它货款",
    "长青欠钱最多的五个客户",
    "Acme's top 3 debtors",
    "本周回款计划",
    "bills we received in October",
    "本月回款计划完成率",
    "哪些客户还没拿到我们的宣传资料",
    "哪些新同事入职资料还没交",
    "我们所11月的工资表做了没",
    "和丰楼下那家餐厅怎么样",
    "show me Acme's bank account details",
    "自身营业收入最高的五家客户",
    "top 10 clients by their own turnover",
    "clients with the highest margins on their own products",
    "餐饮客户菜品毛利率前三",
    "出口退税已经到账的客户",
    "梁飞对接哪些客户",
    "how many clients does Acme have",
    "梁飞超过45天没联系我们了",
    "最近30天我们点外卖给的差评",
    "餐饮客户的食客给了多少差评",
    "本月要退税的客户",
    "本月回款计划按会计拆",
    "本周回款按收款银行",
    "长青自己本月经营情况怎么样",
    "how did Acme's business do this week",
    "长青本月新增了几个客户",
    "new hires this week",
    "梁飞今年签了几家新客户",
    "长青那边有流失风险的顾客",
    "长青的会员分层",
    "长青有多少家客户",  # moved from heldout72.txt: Changqing's own clients
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("does Acme have any overdue invoices", "overdue_clients"),  # Acme's invoices to us, not its own clients
    ("我刚入职，想先了解一下现在逾期付款的客户都有哪些", "overdue_clients"),
    ("Acme's client card", "client_profile"),
    ("王芳的客户给我看下", "clients_by_attribute"),
    ("王芳有多少家客户", "staff_client_count"),  # a colleague's clients, not a client's
    ("出口退税客户逾期了好多？", "overdue_total"),  # the tag, not a refund
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
