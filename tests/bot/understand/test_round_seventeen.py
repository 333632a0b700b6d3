"""The wrong answers of blind batches AN, AO and AP (2026-12-07, measured once after round sixteen; now dev28.txt),
each a test.

Sichuan and Chongqing 好多 is 多少 (有好多家, 欠我们好多, 占百分之好多) and 哪个 asks which; 占几成 is a share; 里头 is
a word; the colleague who asks (杜总在群里问, …杜总要) is no owner filter; 那三家 after a ranking word keeps its count;
忠诚度不够 is low loyalty; what was collected of the receivables is the collection rate; a city the firm has no
clients in is never dropped; one figure each of two clients (分别) is not their sum; a month just past named for a
filing deadline is asked back; the opposite list (have sent their statements), an imperative (renew every …),
either-or thresholds, 'and also', 顺便看看谁…, two counts in one message, rates of complaints, channels, credit
ranges and changes, a client's bankruptcy, late filings, bonuses, subordinates and family are not answered."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("现在有好多家客户是逾期的 给个数", {"intent": "overdue_count"}),
    ("成都本地客户有好多家", {"intent": "client_count", "clients": {"regions": ["成都"]}}),
    ("广州那边有好多客户", {"intent": "client_count"}),
    ("霞姐负责好多个客户", {"intent": "staff_client_count", "staff_id": 3}),
    ("所有客户加起来还欠我们好多 杜总要", {"intent": "receivable_balance", "clients": None}),
    ("杜总在群里问 逾期的是哪几家 搞快点", {"intent": "overdue_clients", "clients": None}),
    ("营收垫底那三家是哪个", {"intent": "top_clients_by_revenue", "limit": 3, "ascending": True}),
    ("逾期金额各行业占几成", {"intent": "breakdown", "share": True}),
    ("价值高 但忠诚度不够的客户有哪些", {"intent": "client_segments", "segment": "high_value_low_loyalty"}),
    ("这个征期我们一共要报好多家", {"intent": "tax_filers"}),
    ("八月应收收回了百分之好多", {"intent": "collection_rate", "month": "2026-08"}),
    ("深圳几家客户里头 哪个拖款了", {"intent": "overdue_clients", "clients": {"regions": ["深圳"]}}),
    ("我上个月的签约额", {"intent": "signed", "clients": {"owner_ids": [1]}}),
    ("深圳华信和成都鼎盛谁欠得多", {"intent": "top_debtors", "clients": {"client_ids": [102, 107]}}),
    ("clients we rate D for paying us", {"intent": "clients_by_credit_rating", "credit_rating": "D"}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "重庆客户哪个逾期了",
    "华信科技和明远贸易分别欠多少",
    "10月申报期最后一天",
    "未来两周回款",
    "发票 紫色 overdue 跳舞",
    "list late docs for 芳姐 and also 老刘's overdue clients",
    "how many clients lost their high-tech enterprise status",
    "which clients are late paying their own staff",
    "how much freight do we still owe Blue Harbor",
    "bonuses due in December",
    "renew every contract expiring next month",
    "which clients have sent their bank statements",
    "top 3 high-tech companies in China by revenue",
    "服务中的客户一共几家，VIP占几家",
    "信用B级以下的客户",
    "信用等级从B降到C的客户",
    "近一年差评率",
    "秦霞管几个下属",
    "how many kids does 芳姐 have",
    "logistics companies at risk of going bust",
    "逾期超过30天或者逾期金额超过一万的客户",
    "签约额按签约渠道",
    "本月回款多少？顺便看看谁逾期了",
    "10月申报晚了的客户",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("明年10月的征期到几号", "tax_deadline"),
    ("12月申报截止日", "tax_deadline"),
    ("今天回款多少", "collected"),
    ("应收的 aging 结构啥样 发我瞅瞅", "aging"),
    ("北京华信欠多少", "receivable_balance"),
    ("王芳要跟进的客户", "clients_by_attribute"),
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family


@pytest.mark.parametrize(("text", "family"), [
    ("天成建筑合作以来总共给我们带来好多营收", "client_metric"), ("这个月会款到多少了", "collected"),
    ("when does the Oct 2027 filing window close", "tax_deadline"),
])
def test_lifetime_slips_and_windows(read, text, family):
    assert read(text).family == family


@pytest.mark.parametrize("text", ["明远贸易10月的资料都齐了，帮我标一下好吗", "客户逾期半年了应该起诉吗"])
def test_a_change_or_advice_asked_politely(read, text):
    assert read(text).family == "unknown"


def test_a_tag_earned_by_certification_is_still_a_tag(read):
    assert fields(read("通过高新认证的客户有哪些"))["clients"]["tags"] == ["高新技术"]  # invoice 认证 is not the book
