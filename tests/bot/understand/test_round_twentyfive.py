"""The wrong answers of blind batches BK, BL and BM (2026-12-07, measured once after round twenty-four; now
dev36.txt), each a test — and the Cantonese and Minnan words behind most of their "not sure" answers.

Read: Cantonese 今个月, 出年, 旧年, 加埋, 入面, 头三, 找数, 冇搵过, 跟紧, 少过, 系几号, 客 for 客户, o/s; Minnan 拢总,
偌济, 敢有, 阮 (the firm); Hong Kong's "overdue > 60" in days; "(invoicing basis)" as a clarification; 那部分钱 asks
for the money; the aging buckets named (1-30、31-60、61-90同90日以上) are no threshold.
Not answered: a balance threshold (欠款超过5万的有几家), overdue below a bound (还没到三个月), clients about to go
overdue, a colleague's corporate card, bills counted, payables, money going out, invoices received, documents a
client waits on from us, a client's own invoicing, staff counted by city, the tax or customs authority's rating,
complaint handling times, invoices counted by owner, what was asked yesterday, a range of ratings (B级或以上)."""

from __future__ import annotations

import pytest

from bot.understand.dialect import standard

from .conftest import fields


@pytest.mark.parametrize(("text", "standard_text"), [
    ("而家有边啲客逾期未找数", "现在有哪些客户逾期未付款"),
    ("出口退稅客營收頭三", "出口退税客户营收前三"),
    ("超過半年冇搵過嘅客", "超过半年没有联系过的客户"),
    ("VIP入面o/s最多嘅三间", "VIP里面outstanding最多的三家"),
    ("今个月报税截止系几号", "这个月报税截止是几号"),
    ("现在服务中的客户拢总偌济家", "现在服务中的客户一共多少家"),
    ("顾客满意度", "顾客满意度"),  # 客 in another word stays
])
def test_regional_words(text, standard_text):
    assert standard(text) == standard_text


@pytest.mark.parametrize(("text", "expected"), [
    ("今个月collection几多", {"intent": "collected"}),
    ("今个月报税截止系几号", {"intent": "tax_deadline", "month": "2026-11"}),
    ("出口退稅客營收頭三", {"intent": "top_clients_by_revenue", "limit": 3, "clients": {"tags": ["出口退税"]}}),
    ("现在服务中的客户拢总偌济家", {"intent": "client_count"}),
    ("阮的VIP客户敢有流失风险", {"intent": "clients_at_risk", "clients": {"tiers": ["vip"]}}),
    ("overdue > 60 嘅有几多间", {"intent": "overdue_count", "min_days_overdue": 60}),
    ("overdue >30d", {"intent": "overdue_clients", "min_days_overdue": 30}),
    ("overdue > 10k", {"intent": "overdue_clients", "min_amount": "10000"}),
    ("revenue by quarter (invoicing basis)", {"intent": "trend", "measure": "invoiced", "dimension": "quarter"}),
    ("医疗客户逾期超过一个月的那部分钱", {"intent": "overdue_total", "min_days_overdue": 30,
                                       "clients": {"industries": ["医疗"]}}),
    ("逾期金額分1-30、31-60、61-90同90日以上四段", {"intent": "breakdown", "measure": "overdue_amount",
                                                  "dimension": "aging", "min_days_overdue": None}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "欠款超过5万的有几家",
    "成都客户欠款超过两万的有几家",
    "逾期还没到三个月的客户",
    "将要逾期的客户",
    "how much does Alice have overdue on her corporate card",
    "number of overdue bills",
    "现在应付一共多少",
    "快到期的应付有哪些",
    "money out this month",
    "今天出账多少",
    "10月收票金额",
    "what documents is Pioneer still waiting on from us",
    "天成建筑上个月自己开了多少票",
    "number of Beijing staff",
    "税务信用D级的客户",
    "贸易客户里海关信用B的",
    "杭州客户近一年的投诉处理时长",
    "逾期发票数按负责人分",
    "what did I ask you yesterday",
    "信用B级或以上嘅客",
    "overdue少过30日嘅客",
    "send Blue Harbor a statement of account",  # moved from heldout70.txt: an action
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("逾期超过5万的有几家", "overdue_count"),  # an overdue amount is a threshold the book keeps
    ("逾期90天以上按账龄", "breakdown"),  # a threshold before the split is one
    ("和丰嘅合同几时到期", "contracts_expiring"),
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
