"""The wrong answers of blind batches K and L (2026-12-07, measured once; now dev17.txt), each a test — and the
not-sure ones this round reads.

"N+" includes N in Chinese as in English; "30d", "last wk", "next 90d"; "in 60 days or more" is a threshold; "at
least one overdue invoice" counts clients; the one lowest-margin client; "which three"; 我今年签了, 我…没联系 are
mine; "w/ %" is a share; 分城市 groups by city; 季度…趋势 is by quarter; staff performance is the board; 新签的客户
按行业 counts new clients; a brand with a city none of its clients is in is another company, a client's own city
is part of its name; a common English word is never a slip of a client's name ("came" is not Acme); "I have a call"
is not "my clients"; a ranking by change is not answered; fees owed are receivables."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "field", "value"), [
    ("逾期60天+", "min_days_overdue", 59), ("90天+没联系的", "days", 89),
    ("90+ days overdue clients", "min_days_overdue", 89), ("overdue >30d", "min_days_overdue", 30),
    ("Show me clients we haven't spoken to in 60 days or more.", "days", 59), ("lowest margin client?", "limit", 1),
    ("Among Wang Fang's clients, which three have the biggest receivable balances?", "limit", 3),
])
def test_thresholds_and_limits_in_short_forms(read, text, field, value):
    assert fields(read(text))[field] == value


@pytest.mark.parametrize(("text", "start", "end"), [
    ("collections last wk", "2026-11-09", "2026-11-15"), ("contracts expiring next 90d", "2026-11-22", "2027-02-20"),
    ("invoiced this qtr", "2026-10-01", "2026-12-31"),
])
def test_abbreviated_periods(ask, text, start, end):
    window = fields(ask(text))["window"]
    assert (window["start"], window["end"]) == (start, end)


def test_at_least_one_overdue_invoice_counts_clients_with_no_threshold(read):
    assert fields(read("How many clients currently have at least one overdue invoice?")) == {"intent": "overdue_count"}


@pytest.mark.parametrize(("text", "intent"), [("我今年签了多少合同金额", "signed"),
                                              ("我超过30天没联系的客户", "clients_not_contacted")])
def test_what_i_signed_and_did_not_contact_are_my_clients(ask, text, intent):
    got = fields(ask(text))
    assert (got["intent"], got["clients"]["owner_ids"]) == (intent, [1])


@pytest.mark.parametrize(("text", "expected"), [
    ("AR by city w/ %", {"measure": "receivable_balance", "dimension": "region", "share": True}),
    ("本月营收分城市", {"measure": "invoiced", "dimension": "region"}),
    ("今年新签的客户按行业分布如何？", {"measure": "new_clients", "dimension": "industry"}),
])
def test_breakdowns_said_in_other_words(ask, text, expected):
    got = fields(ask(text))
    assert got["intent"] == "breakdown" and {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize(("text", "intent", "dimension"), [
    ("季度回款趋势", "trend", "quarter"), ("每季新签客户数", "trend", "quarter"),
    ("Plot signed contract value per month.", "trend", "month"),
])
def test_trends_by_quarter_and_by_month(read, text, intent, dimension):
    got = fields(read(text))
    assert (got["intent"], got["dimension"]) == (intent, dimension)


def test_staff_performance_overview_is_the_board(ask):
    assert fields(ask("Staff performance overview for this quarter, please."))["intent"] == "staff_board"


def test_a_kpi_dashboard_is_asked_back(read):
    assert set(read("KPI看板 本月").choices) == {"summary", "staff_board"}


@pytest.mark.parametrize("text", ["南京华信还欠我们多少钱？", "重庆鼎盛贸易的客户档案调一下"])
def test_a_shared_brand_with_another_city_is_another_company(read, text):
    outcome = read(text)
    assert (outcome.family, outcome.understood.unknown_reason) == ("unknown", "client_not_found")


def test_a_clients_own_city_is_part_of_its_name(read):
    assert fields(read("Give me an overview of Guangzhou Hefeng.")) == {"intent": "client_profile",
                                                                        "clients": {"client_ids": [113]}}


def test_a_common_english_word_is_not_a_slip_of_a_name(read):
    got = fields(read("List the clients that came on board in October."))
    assert got["intent"] == "new_clients" and "clients" not in got
    assert fields(read("acmee overdue amount"))["clients"] == {"client_ids": [111]}  # a real slip still is


def test_i_have_a_call_is_not_my_clients(read):
    got = fields(read("I have a call with Blue Harbor Logistics in an hour, please pull up their account overview."))
    assert got == {"intent": "client_profile", "clients": {"client_ids": [114]}}
    assert fields(read("how many clients do I have"))["staff_id"] == 1


@pytest.mark.parametrize("text", ["哪个客户利润率同比下降最多", "which clients' revenue dropped the most"])
def test_a_ranking_by_change_is_not_answered(read, text):
    assert read(text).understood.unknown_reason == "unsupported:change_ranking"


@pytest.mark.parametrize(("text", "intent"), [
    ("北京华信科技现在还欠我们多少记账费？", "receivable_balance"), ("欠我们代账费最多的三家是谁？", "top_debtors"),
    ("Could you pull up a list of clients whose bookkeeping fees are past due?", "overdue_clients"),
    ("下周到期、需要提醒客户付款的发票有哪些？", "invoices_due_soon"),
    ("请帮我 pull 一份 overdue clients 的名单，今天要发催款邮件。", "overdue_clients"),
    ("十月份公司经营得怎么样，和九月比有什么变化？", "summary"), ("# clients under wang fang", "staff_client_count"),
    ("报税ddl", "tax_deadline"), ("客户分层 价值x忠诚", "client_segments"), ("预期90天以上的", "overdue_clients"),
])
def test_fees_relative_clauses_and_slips_are_read(read, text, intent):
    assert read(text).family == intent


def test_an_action_with_nothing_asked_is_still_an_action(read):
    assert read("把逾期客户都催一下").understood.unknown_reason == "action"


@pytest.mark.parametrize("text", [
    "开票回款签约新客户这几个数本月都是多少",
    "what does this month look like overall — revenue, cash, signings, new clients",
])
def test_three_firm_figures_side_by_side_are_the_summary(ask, text):
    assert fields(ask(text))["intent"] == "summary"


@pytest.mark.parametrize(("text", "reason"), [
    ("北京华信科技资料齐活了", "action"), ("和丰电商交了工资表，还差对账单", "action"),
    ("send payment reminders to all overdue clients", "action"), ("所有逾期超过60天的客户都催一遍", "action"),
    ("clients with no missing documents", None), ("资料每次都提前交的客户", "reversed:done"),
    ("what is accounts receivable", "out_of_scope"), ("how much is in petty cash", "out_of_scope"),
])
def test_statements_reversals_and_definitions_are_not_answered(read, text, reason):
    outcome = read(text)
    assert outcome.family == "unknown"
    assert reason is None or outcome.understood.unknown_reason == reason


@pytest.mark.parametrize(("text", "intent"), [
    ("overdue amount for 王芳's clients", "overdue_total"), ("clients with overdue balances", "overdue_clients"),
    ("逾期余额给我个总数", "overdue_total"), ("代账费过期没交的有几家客户", "overdue_count"),
])
def test_an_amount_of_clients_and_clients_with_an_amount(read, text, intent):
    assert read(text).family == intent
