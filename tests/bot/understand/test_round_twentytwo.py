"""The wrong answers of blind batches BC and BD (2026-12-07, measured once after round twenty-one; now dev33.txt),
each a test.

Read: the colleague who asks or wants the answer ("杜总在钉钉上问", "杜总要看") is not whose clients; 回款绿 is
回款率 typed by its sound; an English question that opens with an amount asks for the amount; "an A for paying us on
time" is a credit rating.
Not answered: a colleague called by surname and title whom the firm does not have (张会计的客户); a number of
clients, times or items as a threshold ("逾期5家以上的负责人", "逾期超过3次", "签约总份数"); one firm figure ranked;
a growth ranked; what the firm owes; invoices received and input invoices summed; contracts already renewed;
clients already lost; a colleague's manager; a client's cash flow, trucks, tax filings; a tier the firm does not
have (SVIP); how many contacts; a rating's history; advice on late filing; writing a report; staff quitting."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("逾期总额多少，杜总在钉钉上问", {"intent": "overdue_total"}),
    ("做一份应收账龄分析，杜总要看", {"intent": "aging"}),
    ("本月回款绿现在多少", {"intent": "collection_rate", "month": "2026-11"}),
    ("amount Guangzhou clients have overdue", {"intent": "overdue_total", "clients": {"regions": ["广州"]}}),
])
def test_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


def test_the_asker_named_as_a_boss_is_no_owner_filter(read):
    assert "clients" not in fields(read("逾期总额多少，杜总在钉钉上问"))
    assert "clients" not in fields(read("做一份应收账龄分析，杜总要看"))
    assert fields(read("杜总的客户逾期多少"))["clients"] == {"owner_ids": [1]}  # whose clients: still hers


@pytest.mark.parametrize("text", [
    "张会计的客户逾期多少",
    "逾期5家以上的负责人",
    "逾期超过5家的会计",
    "逾期超过3次的客户",
    "欠款超过3笔的客户",
    "本月新签合同有几份",
    "10月份签约总份数",
    "7月回款率排名",
    "利润率增幅最高的三家",
    "所里欠钱最多的三家单位",
    "what does the firm still owe Acme",
    "10月份收到发票总额",
    "11月进项发票金额合计",
    "续约过的合同列一下",
    "科技客户已经流失的",
    "how many clients is Wang Fang's manager responsible for",
    "how healthy is 北京华信科技's cash flow",
    "VIP clients behind on their tax filings",
    "SVIP客户有哪些",
    "how many trucks do our logistics clients own",
    "客户联系人有多少个",
    "信用等级从A掉到B的客户",
    "本月报税截止后还能补报吗",
    "把11月经营情况写成汇报稿",
    "employees at risk of quitting",
])
def test_not_answered(read, text):
    assert read(text).family == "unknown"


@pytest.mark.parametrize(("text", "family"), [
    ("最近快到期的合同有哪几份", "contracts_expiring"),  # which ones, not how many
    ("what do Beijing clients owe us", "receivable_balance"),  # English not opening with an amount: as before
    ("VIP clients' outstanding balance", "receivable_balance"),
    ("欠款最多的5家", "top_debtors"),  # a number of clients that is a top-N, not a threshold
    ("王经理的客户有几家", "staff_client_count"),  # the one 王 in the firm, with a title
    ("who got a D for payments", "clients_by_credit_rating"),
    ("下午财务总监要过来对账，你先帮我看看现在全公司应收一共挂着多少，别漏了已经流失的那几家", "receivable_balance"),
    ("可能会流失的客户有哪些", "clients_at_risk"),
    ("这个月签下的合同有哪些", "signed"),  # the signed answer lists the contracts behind the amount
])
def test_look_alikes_still_answered(read, text, family):
    assert read(text).family == family
