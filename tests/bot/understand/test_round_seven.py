"""The wrong answers of blind batches M and N (2026-12-07, measured once; now dev18.txt), each a test — and the
wordings this round reads.

"total debtors balance" is the balance; "before month end", "before 年底"; "have I brought in" is mine; an English
name before 's or between "does" and "owe" is a company nobody has; colleagues called 建哥, 秦老师, 芳姐; 仨 is three;
invoices 排好要开 in December are the coming December's; 魔都 is Shanghai; 我现在手上 is mine; 这个征期要报几家
counts filers; a brand with the city or trade of one of its clients is that client; averages are not answered."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("what's the total debtors balance", {"intent": "receivable_balance"}),
    ("how many new clients have I brought in this year", {"intent": "new_clients", "owner": [1]}),
    ("建哥手底下的客户谁 overdue 了", {"intent": "overdue_clients", "owner": [4]}),
    ("秦老师名下客户逾期总额多少", {"intent": "overdue_total", "owner": [3]}),
    ("魔都那边的客户都列一下", {"intent": "clients_by_attribute", "regions": ["上海"]}),
    ("我现在手上一共几家客户", {"intent": "staff_client_count", "staff_id": 1}),
    ("这个征期一共要报几家", {"intent": "tax_filers"}),
    ("我这几家客户逾期的钱总共多少", {"intent": "overdue_total", "owner": [1]}),
    ("所得税季度预缴的客户有几家", {"intent": "tax_filers", "tax": "企业所得税"}),
])
def test_batch_m_and_n_wrong_answers_are_right(read, text, expected):
    got = fields(read(text))
    clients = got.get("clients", {})
    found = {"intent": got["intent"], "owner": clients.get("owner_ids"), "regions": clients.get("regions"),
             "staff_id": got.get("staff_id"), "tax": got.get("tax")}
    assert {key: found[key] for key in expected} == expected


@pytest.mark.parametrize(("text", "end"), [("invoices due before month end", "2026-11-30"),
                                           ("contracts that end before 年底", "2026-12-31")])
def test_before_the_end_of_the_month_or_year(ask, text, end):
    assert fields(ask(text))["window"]["end"] == end


@pytest.mark.parametrize("text", ["挂账最多的仨客户", "收入贡献最大的仨客户", "健康分最低的仨客户"])
def test_three_said_as_sa(read, text):
    assert fields(read(text))["limit"] == 3


def test_scheduled_invoices_of_a_month_are_the_coming_one(read):
    assert fields(read("12月已经排好要开的票有多少"))["window"]["start"] == "2026-12-01"
    assert fields(read("12月开票多少"))["window"]["start"] == "2025-12-01"


@pytest.mark.parametrize("text", ["how much does Globex owe us", "how much does Initrode owe us",
                                  "Initech's health score"])
def test_an_english_company_nobody_has_is_never_dropped(read, text):
    assert read(text).understood.unknown_reason == "client_not_found"


def test_a_clients_own_name_with_s_is_still_read(read):
    assert fields(read("Acme's health score"))["clients"] == {"client_ids": [111]}


@pytest.mark.parametrize(("text", "client"), [
    ("How much has Suzhou Mingyuan paid us this year?", 109), ("what's the balance on Hangzhou Tiancheng", 105),
    ("Chengdu Dingsheng 档案", 107), ("what margin do we make on Mingyuan Trading", 108),
])
def test_a_brand_with_the_city_or_trade_of_one_client_is_that_client(read, text, client):
    assert fields(read(text))["clients"] == {"client_ids": [client]}


@pytest.mark.parametrize("text", ["逾期客户平均逾期天数", "average days to pay by client"])
def test_an_average_is_not_answered(read, text):
    assert read(text).understood.unknown_reason == "unsupported:average"


@pytest.mark.parametrize(("text", "intent"), [
    ("上海鼎盛还有多少钱没付给我们", "receivable_balance"), ("今年以来业务员签回来的合同总金额是多少？", "signed"),
    ("霞姐的客户有逾期的不", "overdue_clients"), ("上个月回款 哦不对 是这个月回款多少", "collected"),
    ("overdue by account manager", "breakdown"), ("how many clients in each credit grade", "breakdown"),
    ("billings by sector this month", "breakdown"), ("cash collected over the last fortnight", "collected"),
    ("clients who rated us poorly", "negative_feedback"), ("plot collections for each month of 2025", "trend"),
    ("回款 No.1 是哪位同事", "staff_ranking"), ("各会计名下挂账多少", "breakdown"),
    ("本月大家各记了多少工时", "breakdown"),
    ("每季度签单金额变化", "trend"), ("大伙上个月的业绩情况", "staff_board"),
    ("按价值跟忠诚度把客户分个群", "client_segments"), ("又值钱又忠诚的客户有哪些", "client_segments"),
    ("Which clients still haven't sent in their bookkeeping documents?", "documents_missing"),
    ("List clients whose payment credit rating is B.", "clients_by_credit_rating"),
    ("When does the filing period end in February 2027?", "tax_deadline"),
    ("Could you split this month's profit by client industry?", "breakdown"),
    ("下周开管理层会议，想先看一下上个月的整体经营概况。", "summary"),
    ("请把本月每位会计的业绩情况列一个表给我。", "staff_board"),
])
def test_wordings_that_were_not_sure_are_read(read, text, intent):
    assert read(text).family == intent


def test_got_a_clients_statements_is_a_statement(read):
    assert read("got blue harbor's october bank statements").understood.unknown_reason == "action"
