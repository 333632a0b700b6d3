"""Findings of the written-sentence folds (scripts/intent_cv.py --written, 2026-12-07): each became a test.

Families whose own state is a negation are read past it when the classifier is sure and nothing reverses the
subject; "亏不亏" asks whether; the lowest colleague is ranked lowest first; a ranking of clients by what was
invoiced is the revenue ranking; "近几个季度" is a quarterly trend; a difference between two terms is advice."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "expected"), [
    ("60天以上没去拜访过的客户", {"intent": "clients_not_contacted", "days": 59}),
    ("资料迟迟不交的客户名单", {"intent": "documents_missing"}),
    ("信用不良的客户名单", {"intent": "clients_by_credit_rating"}),
    ("不会用，教教我", {"intent": "help"}),
    ("最不健康的3个客户", {"intent": "clients_by_health", "limit": 3, "ascending": True}),
    ("健康状况最不好的5个客户", {"intent": "clients_by_health", "limit": 5, "ascending": True}),
])
def test_a_negation_that_is_the_familys_own_state_is_read(read, text, expected):
    assert fields(read(text)) == expected


@pytest.mark.parametrize("text", [
    "没有逾期的客户", "不是VIP的客户有哪些", "非VIP的流失风险客户", "没有风险的客户", "不存在流失风险的那些客户",
    "没有差评的客户", "clients that have never given us a bad review", "资料已经全部交齐的客户",
])
def test_a_negation_that_reverses_the_subject_or_a_filter_is_never_answered(read, text):
    assert read(text).family == "unknown"


def test_a_not_a_asks_whether(read):
    outcome = read("这个月收款率高不高")
    assert fields(outcome)["intent"] == "collection_rate"


@pytest.mark.parametrize(("text", "metric"), [
    ("上个月哪个会计回款最少", "collected"), ("回款垫底的是谁", "collected"), ("谁手上客户最少", "clients"),
    ("which accountant has the fewest clients", "clients"), ("who's at the bottom for collections", "collected"),
])
def test_the_lowest_colleague_is_ranked_lowest_first(read, text, metric):
    got = fields(read(text))
    assert (got["intent"], got["metric"], got.get("ascending")) == ("staff_ranking", metric, True)


@pytest.mark.parametrize("text", ["开票金额最大的客户排一下", "过去一年开票最多的客户", "开票额top的几家客户"])
def test_clients_ranked_by_what_was_invoiced_are_the_revenue_ranking(read, text):
    assert fields(read(text))["intent"] == "top_clients_by_revenue"


def test_recent_quarters_of_signed_amounts_are_a_quarterly_trend_of_the_amount(read):
    got = fields(read("近几个季度签约额"))
    assert (got["intent"], got["measure"], got["dimension"]) == ("trend", "signed", "quarter")


@pytest.mark.parametrize("text", ["账龄和逾期天数有什么不同", "已经终止的合同有哪些",
                                  "what's the difference between AR and overdue"])
def test_a_difference_between_terms_or_an_ended_contract_is_not_answered_with_data(read, text):
    assert read(text).family == "unknown"


def test_clients_signed_as_a_list_are_new_clients(read):
    got = fields(read("上季度签下的客户名单"))
    assert got["intent"] == "new_clients"
    assert got["window"]["start"] == "2026-07-01"


# Blind batch F (heldout11.txt): every question not right at its measurement, fixed on the dev part (dev13.txt)
@pytest.mark.parametrize(("text", "expected"), [
    ("帐龄表出一份", {"intent": "aging"}),
    ("2025全年 cash collected 多少", {"intent": "collected", "window": {"start": "2025-01-01", "end": "2025-12-31"}}),
    ("Oct开票 total", {"intent": "invoiced", "month": "2026-10"}),
    ("今年年底前到期的合同", {"intent": "contracts_expiring", "window": {"start": "2026-11-22", "end": "2026-12-31"}}),
    ("还有哪些客户资料没收齐", {"intent": "documents_missing"}),
    ("健康分低于60的客户", {"intent": "clients_at_risk"}),
    ("价值低忠诚也低的客户", {"intent": "client_segments", "segment": "low_value_low_loyalty"}),
    ("每个会计本月的工时和回款", {"intent": "staff_board"}),
    ("逾期金额按1-30、31-60、61-90、90天以上分段", {"intent": "breakdown", "measure": "overdue_amount",
                                               "dimension": "aging"}),
    ("三个月没 follow up 的客户", {"intent": "clients_not_contacted"}),
])
def test_batch_f_failures_are_read(read, text, expected):
    got = fields(read(text))
    assert {key: _part(got.get(key), value) for key, value in expected.items()} == expected


def _part(got, expected):
    """Only the keys the expectation lists (a window's label is not compared)."""
    return {k: got.get(k) for k in expected} if isinstance(expected, dict) and isinstance(got, dict) else got


@pytest.mark.parametrize("text", [
    "最近一个月联系过的客户",  # the opposite of the clients not contacted
    "公司账上还有多少现金",  # the firm's own cash is not its receivables
    "各行业的工时和回款",  # two figures: never one of them silently
    "健康分60以下的客户",  # 以下 includes 60: not exactly the at-risk list (below 60)
    "margin是多少",  # "mar…" is not March
])
def test_batch_f_wrong_readings_are_not_answered_so(read, text):
    outcome = read(text)
    assert outcome.family == "unknown" or (text == "margin是多少" and fields(outcome).get("month") is None)


@pytest.mark.parametrize("text", ["工资表没交的客户", "list clients missing payroll sheets"])
def test_a_clients_payroll_sheet_is_a_document_not_the_firms_own_payroll(read, text):
    assert fields(read(text))["intent"] == "documents_missing"


def test_a_colleagues_salary_is_not_in_the_book(read):
    assert read("Alice Chen工资多少").family == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("赔本的客户有哪些", {"intent": "top_clients_by_profit", "ascending": True}),  # the least profitable first
    ("最亏钱的5个客户", {"intent": "top_clients_by_profit", "limit": 5, "ascending": True}),
    ("王芳的客户量", {"intent": "staff_client_count", "staff_id": 2}),  # 客户量 counts; never the list
])
def test_loss_words_rank_lowest_first_and_a_client_volume_counts(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


# Round two (negatives and confusable pairs written one by one): what the book cannot answer, whatever it resembles
@pytest.mark.parametrize(("text", "reason"), [
    ("下个月能回款多少", "out_of_scope"),  # a forecast
    ("how much will we collect next month", "out_of_scope"),
    ("我们欠供应商多少钱", "out_of_scope"),  # the firm's own debts
    ("what's the balance on our company account", "out_of_scope"),
    ("已经续约的客户名单", "reversed:done"),  # the opposite of the contracts expiring
    ("去年就到期了的合同", "reversed:done"),
    ("还清了欠款的客户名单", "reversed:done"),
    ("我的客户里最近跟进过的", "reversed:done"),
    ("资料从来不拖的客户", "reversed:done"),
    ("苏州明远科技归我负责", "action"),  # a statement that changes the book
    ("把长青物流降为普通客户", "action"),
])
def test_what_the_book_cannot_answer_is_never_answered_with_a_family(read, text, reason):
    outcome = read(text)
    assert outcome.family == "unknown"
    assert outcome.understood.unknown_reason in {reason, "negation"}  # the rules' own refusal may come first


@pytest.mark.parametrize("text", ["华信科技归谁负责", "成都明远贸易的负责人是谁"])
def test_asking_who_owns_a_client_is_not_a_statement(read, text):
    assert read(text).understood.unknown_reason != "action"


@pytest.mark.parametrize(("text", "expected"), [
    ("VIP客户营业额合计", {"intent": "invoiced", "clients": {"tiers": ["vip"]}}),  # a sum, not a ranking
    ("营收最高的VIP客户", {"intent": "top_clients_by_revenue", "clients": {"tiers": ["vip"]}}),
    ("经常不按时付款的客户", {"intent": "overdue_clients"}),  # not the "按时付款" opposite
    ("上个月回款行业占比", {"intent": "breakdown", "measure": "collected", "dimension": "industry", "share": True}),
])
def test_round_two_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


# Blind batch G (heldout12.txt): questions not right at its measurement, fixed on the dev part (dev14.txt)
@pytest.mark.parametrize(("text", "expected"), [
    ("how much is 30+ days overdue", {"intent": "overdue_total", "min_days_overdue": 29}),  # 30+ includes 30
    ("how many VIPs are overdue", {"intent": "overdue_count", "clients": {"tiers": ["vip"]}}),
    ("逾期金额过万的客户", {"intent": "overdue_clients", "min_amount": "10000"}),
    ("去年一年开票总额", {"intent": "invoiced", "window": {"start": "2025-01-01", "end": "2025-12-31"}}),
    ("资料没交的客户整一个名单给我", {"intent": "documents_missing"}),  # 整一个: give me one, not a limit of one
    ("how many accounts am I responsible for", {"intent": "staff_client_count", "staff_id": 1}),
    ("华信科技毛利几个点", {"intent": "client_metric", "measure": "margin"}),
    ("长青累计给了我们多少营收", {"intent": "client_metric", "measure": "lifetime_revenue"}),
    ("我们在上海鼎盛身上赚了多少钱", {"intent": "client_metric", "measure": "profit"}),
    ("科技行业收入第一的客户", {"intent": "top_clients_by_revenue", "limit": 1}),
    # every colleague, best first
    ("回款最厉害的是哪位", {"intent": "staff_ranking", "metric": "collected", "limit": None}),
    ("我的客户逾期按行业拆", {"intent": "breakdown", "measure": "overdue_amount", "dimension": "industry"}),
    ("逾期客户按行业分布", {"intent": "breakdown", "measure": "overdue_clients", "dimension": "industry"}),
    ("逾期款 1-30/31-60/61-90/90以上 各多少", {"intent": "breakdown", "measure": "overdue_amount",
                                              "dimension": "aging"}),
    ("30/60/90 aging", {"intent": "aging"}),
    ("王芳客户的overdue金额", {"intent": "overdue_total", "clients": {"owner_ids": [2]}}),
])
def test_batch_g_failures_are_read(read, text, expected):
    got = fields(read(text))
    assert {key: _part(got.get(key), value) for key, value in expected.items()} == expected


@pytest.mark.parametrize("text", [
    "给所有逾期客户群发催款",  # an action
    "who has zero balance with us",  # the opposite of the debtors
    "对我们满意、打五分的客户",  # praise, the opposite of negative feedback
    "Contoso Ltd overdue amount?",  # a company nobody has
])
def test_batch_g_wrong_answers_are_not_given(read, text):
    assert read(text).family == "unknown"


def test_a_filter_word_that_is_part_of_an_ambiguous_name_is_dropped(read):
    outcome = read("Tiancheng e-commerce profile")  # the one 天成 in e-commerce, with no 电商 filter of its own
    assert fields(outcome) == {"intent": "client_profile", "clients": {"client_ids": [104]}}
    outcome = read("Tiancheng profile")  # three 天成: asked which
    assert outcome.understood.ambiguous and not outcome.understood.query.clients.industries


# Round three, from the written-sentence folds
@pytest.mark.parametrize(("text", "expected"), [
    ("revenue by 行业 本月", {"intent": "breakdown", "measure": "invoiced", "dimension": "industry"}),
    ("开票 by 员工", {"intent": "breakdown", "measure": "invoiced", "dimension": "owner"}),
    ("快要逾期的发票有哪些", {"intent": "invoices_due_soon"}),  # not overdue yet: falling due soon
    ("invoices about to go overdue", {"intent": "invoices_due_soon"}),
    ("本月需要申报的客户", {"intent": "tax_filers", "month": "2026-11"}),
    ("这个月几号前必须把税报完", {"intent": "tax_deadline"}),  # 报完 here is the deadline, not "already filed"
])
def test_round_three_readings(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize("text", [
    "how much cash do we have in the bank", "解约的合同名单", "已经报完税的客户有哪些", "本月已申报的客户",
    "just got off the phone with 长青物流", "逾期 interest 能收吗", "客户 churn 了 怎么挽回",
    "summarize this pdf for me",
])
def test_round_three_refusals(read, text):
    assert read(text).family == "unknown"


# Blind batch H (heldout13.txt): questions not right at its one measurement, fixed on the dev part (dev15.txt)
@pytest.mark.parametrize(("text", "expected"), [
    ("Blue Harbor balance due", {"intent": "receivable_balance", "clients": {"client_ids": [114]}}),  # owed
    ("3 days 内到期的应收", {"intent": "invoices_due_soon", "window": {"start": "2026-11-22", "end": "2026-11-25"}}),
    ("近30天回宽", {"intent": "collected"}),
    ("contracts ending before year end", {"intent": "contracts_expiring",
                                          "window": {"start": "2026-11-22", "end": "2026-12-31"}}),
    ("contracts expiring within a year", {"intent": "contracts_expiring",
                                          "window": {"start": "2026-11-22", "end": "2027-11-22"}}),
    ("和同到期提醒 有哪些", {"intent": "contracts_expiring"}),
    ("跨境电商客户资料交齐没", {"intent": "documents_missing", "clients": {"tags": ["跨境电商"]}}),
    ("construction clients we serve", {"intent": "clients_by_attribute", "clients": {"industries": ["建筑"]}}),
    ("monthly overview pls", {"intent": "summary"}),
])
def test_batch_h_failures_are_read(read, text, expected):
    got = fields(read(text))
    assert {key: _part(got.get(key), value) for key, value in expected.items()} == expected


def test_an_unknown_word_opening_the_question_is_not_padding(read):
    assert read("Initech overdue?").family == "unknown"  # where a client's name goes
    assert fields(read("urgent overdue list"))["intent"] == "overdue_clients"  # an opener, with a sure classifier
