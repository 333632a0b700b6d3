"""The wrong answers of blind batches BH, BI and BJ (2026-12-07, measured once after round twenty-three; now
dev35.txt), each a test — and the English asides behind most of BJ's "not sure" answers.

Read: the colleague spoken to ("杜总您好，我是新来的…") is no owner filter; Shaanxi 额 is 我; English numbers in words
("three thousand", "forty-five"); f&b is 餐饮; 合作以来 / lifetime billings is the revenue to date; an English aside
before or after the question ("prepping the collections huddle —", "…, she's out today") is not the question.
Not answered: a split by something the book does not keep (发票品目), a district (南山区, 浦东, by district), a day's
or an hour's grain, overtime, a time of day, an industry the firm has none in (教育培训), a median, a segment summed,
another company sharing one word of a client's English name (Blue Ocean), a contact person's company (梁飞那家公司),
an industry's introduction, a second request after 顺便…也, tasks, a list sent on Slack."""

from __future__ import annotations

import pytest

from bot.understand.numbers import parse_number

from .conftest import fields


@pytest.mark.parametrize(("text", "value"), [
    ("three thousand", 3000), ("3 thousand", 3000), ("twenty-five", 25), ("twenty five thousand", 25000),
    ("two hundred", 200), ("fifty grand", 50000), ("1,500", 1500), ("3k", 3000), ("两万五", 25000),
])
def test_numbers_in_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "expected"), [
    ("杜总您好，我是新来的，想请教一下咱们所现在逾期超过三十天的客户都有哪些呀，我好按名单挨个打电话",
     {"intent": "overdue_clients", "min_days_overdue": 30, "clients": None}),
    ("杜总，我刚来不太熟悉，想问一下现在还有哪些客户的资料没有交过来呀",
     {"intent": "documents_missing", "clients": None}),
    ("额名下逾期的钱一共多少", {"intent": "overdue_total", "clients": {"owner_ids": [1]}}),
    ("clients with more than three thousand overdue", {"intent": "overdue_clients", "min_amount": "3000"}),
    ("contracts expiring within forty-five days", {"intent": "contracts_expiring"}),
    ("f&b clients, how many", {"intent": "client_count", "clients": {"industries": ["餐饮"]}}),
    ("成都明远合作以来一共开票多少", {"intent": "client_metric", "measure": "lifetime_revenue"}),
    ("长青 lifetime billings with us", {"intent": "client_metric", "measure": "lifetime_revenue"}),
    ("今年累计开票多少", {"intent": "invoiced"}),  # this year's, not all time
    ("fyi auditors are asking — how much is overdue by six months or more",
     {"intent": "overdue_total", "min_days_overdue": 179}),
    ("can you pull wang fang's past-due accounts, she's out today",
     {"intent": "overdue_clients", "clients": {"owner_ids": [2]}}),
    ("collections sweep — accounts with 50k or more past due", {"intent": "overdue_clients"}),
    ("heads up from the MP: any VIP clients behind on payments",
     {"intent": "overdue_clients", "clients": {"tiers": ["vip"]}}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "本月开票金额按发票品目拆分",
    "南山区客户应收按客户等级",
    "浦东客户10月回款率",
    "billing this month by district",
    "开票额按天的走势",
    "回款按小时的走势",
    "每月加班工时走势",
    "今天上午的经营情况",
    "今年新签的教育培训客户",
    "教育培训行业的客户有哪些",
    "跨境电商客户健康分的中位数",
    "高价值高忠诚客户的营收合计",
    "梁飞那家公司给我们挣了多少利润",
    "Blue Ocean margin",
    "长青物流这个行业介绍下",
    "上海鼎盛的客户卡片，顺便把逾期名单也列一下",
    "Qin Xia's overdue tasks",
    "send the overdue list to wang fang on slack",
    "9月签了几单",  # moved from heldout66.txt: how many deals, a count the book does not keep
    "sum of everything past due as of last Friday",  # moved from heldout61.txt: a balance at a past date
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("hefeng dianzi shangwu 档案", "client_profile"),  # the pinyin of 和丰电子商务, not another company
    ("Blue Harbor margin", "client_metric"),
    ("逾期客户清单 按逾期金额从大到小", "overdue_clients"),  # 按 orders the list; nothing is split
    ("按开票口径，十月份的收入是多少？", "invoiced"),
    ("各地区客户数量", "breakdown"),  # 地区 is the city, not a district
    ("额度最高的客户", "unknown"),  # 额度 is no 我
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
