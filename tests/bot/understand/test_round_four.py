"""Findings of the fourth round of written-sentence folds (scripts/intent_cv.py --written, 2026-12-07): each wrong
answer the rules gave when the classifier had not seen the sentence became a test here.

Chinese puts what is asked last, so a money word after the client word asks for the money ("王芳客户的逾期金额"),
a client word after it asks for the clients; 客户名单 is a list of clients; a revenue figure over filtered clients
is what was invoiced; the clients who file, counted in a deadline's month, are the filers; a figure about a named
client that no rule read is not the client's card; a company nobody has opening the question before 的 + a figure
is never dropped; "tax credit rating" in English is the authority's rating; the firm's 业绩 is the summary."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "owners"), [
    ("客户拖欠的钱总共多少", None), ("王芳的客户逾期还剩多少没收", [2]), ("客户一共欠我们多少已经过了到期日的钱", None),
    ("王芳客户的overdue金额", [2]),
])
def test_a_money_word_after_the_client_word_asks_for_the_overdue_amount(ask, text, owners):
    got = fields(ask(text))
    assert got["intent"] == "overdue_total"
    assert got.get("clients", {}).get("owner_ids") == owners


@pytest.mark.parametrize(("text", "intent"), [
    ("逾期金额超过1万的客户有几家", "overdue_count"), ("逾期客户有多少", "overdue_count"),
    ("逾期的一共多少户", "overdue_count"), ("逾期金额大于5000的客户", "overdue_clients"),
])
def test_a_client_word_after_the_money_still_asks_for_the_clients(ask, text, intent):
    assert fields(ask(text))["intent"] == intent


@pytest.mark.parametrize("text", ["还有balance的客户名单", "还有outstanding的客户名单"])
def test_a_client_list_of_balances_is_the_debtors_list(ask, text):
    assert fields(ask(text))["intent"] == "top_debtors"


@pytest.mark.parametrize(("text", "filters"), [
    ("王芳的客户营收一共多少", {"owner_ids": [2]}), ("科技行业客户收入一共多少", {"industries": ["科技"]}),
])
def test_a_revenue_figure_over_filtered_clients_is_what_was_invoiced(ask, text, filters):
    got = fields(ask(text))
    assert (got["intent"], got["clients"]) == ("invoiced", filters)


def test_clients_who_file_counted_in_a_deadlines_month_are_the_filers(ask):
    assert fields(ask("10月征期要报的客户有几家"))["intent"] == "tax_filers"
    assert fields(ask("10月征期截止是哪天"))["intent"] == "tax_deadline"


@pytest.mark.parametrize("text", ["成都明远贸易还差多少钱没给", "Blue Harbor那边超期没给的钱有多少"])
def test_a_figure_about_a_named_client_no_rule_read_is_not_its_card(ask, text):
    assert fields(ask(text))["intent"] != "client_profile"


def test_the_client_card_is_still_the_card(ask):
    assert fields(ask("成都明远贸易的情况"))["intent"] == "client_profile"


@pytest.mark.parametrize("text", ["京东的应收账款有多少", "阿里巴巴的逾期金额", "腾讯的合同什么时候到期"])
def test_a_company_nobody_has_opening_the_question_is_never_dropped(read, text):
    outcome = read(text)
    assert outcome.family == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("外面挂着的应收一共多少钱", "receivable_balance"), ("在外面的欠款总数", "receivable_balance"),
    ("可能流逝的客户名单", "clients_at_risk"), ("亏钱的客户", "top_clients_by_profit"),
])
def test_an_everyday_word_opening_the_question_is_not_taken_for_a_name(read, text, intent):
    assert read(text).family == intent


@pytest.mark.parametrize("text", ["clients with a tax credit rating of A", "clients with tax credit rating A"])
def test_the_tax_credit_rating_in_english_is_the_authoritys_not_ours(ask, text):
    assert ask(text).unknown_reason == "unsupported:tax_credit"


def test_the_firms_results_are_the_summary_and_a_persons_the_board(read):
    assert read("公司这个月业绩如何").family == "summary"
    assert read("这个月每个员工的业绩").family == "staff_board"


@pytest.mark.parametrize(("text", "tier"), [("这个月有没有新签的VIP客户", ["vip"])])
def test_new_clients_of_a_tier_are_counted_not_summed(read, text, tier):
    got = fields(read(text))
    assert (got["intent"], got["clients"]["tiers"]) == ("new_clients", tier)


def test_how_much_clients_signed_is_the_amount_or_asked_back_never_the_count(read):
    outcome = read("how much did my clients sign this year")
    assert outcome.family == "signed" or set(outcome.choices) == {"signed", "new_clients"}


@pytest.mark.parametrize("text", ["下个月 能 collect 多少", "北京华信科技 会不会 renew"])
def test_a_forecast_is_never_answered(read, text):
    assert read(text).understood.unknown_reason == "out_of_scope"


def test_a_newcomer_is_not_asking_for_help_when_asking_about_new_clients(ask):
    assert ask("新来的客户有哪些").query.intent.value != "help"
    assert ask("我是新来的").query.intent.value == "help"


def test_all_of_what_is_unpaid_summed_is_the_balance(ask):
    got = fields(ask("上海客户所有没付清的款加起来"))
    assert (got["intent"], got["clients"]) == ("receivable_balance", {"regions": ["上海"]})


@pytest.mark.parametrize("text", ["深圳那边客户多不多", "做物流的公司数一下"])
def test_counting_words_count_the_clients(ask, text):
    assert fields(ask(text))["intent"] == "client_count"
