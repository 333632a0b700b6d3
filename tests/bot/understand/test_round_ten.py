"""The wrong answers of blind batches S, T and U (2026-12-07, measured once; now dev21.txt), each a test — and the
general readings that fixed their "not sure" ones.

An unread day word (双十一, 昨儿) never leaves a figure for all time; QoQ is quarterly, MoM monthly; "#?" counts; what
the firm owes (应付, AP) is not its receivables; a company nobody has (华为, 腾讯, globex) is never dropped; "她名下" is
somebody's clients; 我这 / 我这个季度 are mine; 哪几家 lists; a homophone slip of a client's name (顶盛, 明源) or a
colleague's nickname (老刘, 方姐) is that client or colleague; a context clause may name who is asked about."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "start", "end"), [
    ("双十一那天到账多少", "2026-11-11", "2026-11-11"),
    ("昨儿回款多少", "2026-11-21", "2026-11-21"),
    ("今儿个收了多少钱", "2026-11-22", "2026-11-22"),
    ("since October 回款一共多少", "2026-10-01", "2026-11-22"),
    ("2025 signed contract value", "2025-01-01", "2025-12-31"),
])
def test_day_words_are_read_never_dropped(read, text, start, end):
    window = fields(read(text))["window"]
    assert (window["start"], window["end"]) == (start, end)


@pytest.mark.parametrize(("text", "dimension"), [("开票QoQ走势", "quarter"), ("collections QoQ trend", "quarter"),
                                                 ("回款MoM趋势", "month")])
def test_qoq_is_quarterly_and_mom_monthly(read, text, dimension):
    outcome = read(text)
    assert (outcome.family, fields(outcome)["dimension"]) == ("trend", dimension)


def test_a_hash_question_mark_counts(read):
    assert read("total active clients #?").family == "client_count"


@pytest.mark.parametrize("text", ["应付账款余额多少", "AP余额多少", "accounts payable balance"])
def test_what_the_firm_owes_is_not_its_receivables(read, text):
    assert read(text).understood.unknown_reason == "out_of_scope"


@pytest.mark.parametrize("text", ["华为的应收账款多少", "腾讯去年的营收是多少", "华为的毛利率", "globex还欠我们多少"])
def test_a_company_nobody_has_is_never_dropped(read, text):
    assert read(text).understood.unknown_reason == "client_not_found"


def test_her_clients_with_nobody_named_is_asked_about(read):
    assert read("她名下哪几家逾期了").understood.unknown_reason == "missing:staff"
    assert read("which of her clients are past due").family == "unknown"


@pytest.mark.parametrize(("text", "owner"), [
    ("明天跟芳姐一起见客户，她名下哪几家逾期了", 2),  # the colleague the context clause named
    ("老刘手上逾期的是哪几家", 4),  # 老 + surname
    ("Qin Xia's review is tomorrow — which of her clients are past due?", 3),
])
def test_whose_clients(read, text, owner):
    outcome = read(text)
    assert (outcome.family, fields(outcome)["clients"]["owner_ids"]) == ("overdue_clients", [owner])


def test_a_nickname_typed_with_a_slip_is_that_colleague(read):
    assert fields(read("方姐手上几个户"))["staff_id"] == 2


@pytest.mark.parametrize(("text", "family"), [("我这有几家逾期", "overdue_count"),
                                              ("我这个季度新签的客户", "new_clients")])
def test_wo_zhe_is_mine(read, text, family):
    outcome = read(text)
    assert (outcome.family, fields(outcome)["clients"]["owner_ids"]) == (family, [1])


def test_which_ones_a_colleague_has_is_the_list(read):
    outcome = read("刘建负责哪几家")
    assert (outcome.family, fields(outcome)["clients"]["owner_ids"]) == ("clients_by_attribute", [4])
    assert read("刘建负责几家").family == "staff_client_count"


@pytest.mark.parametrize(("text", "client"), [("成都顶盛欠款", 107), ("成都明源还欠多少钱", 108),
                                              ("上海鼎胜的应收余额", 106), ("常青物流欠多少", 112),
                                              ("blueharbor还欠我们多少", 114)])
def test_a_name_typed_with_a_character_of_the_same_sound_or_without_spaces(read, text, client):
    assert fields(read(text))["clients"]["client_ids"] == [client]


def test_a_brand_two_clients_share_typed_with_a_slip_is_asked_back(read):
    assert read("顶盛欠款").understood.ambiguous


@pytest.mark.parametrize(("text", "expected"), [
    ("应收各城市站比", {"intent": "breakdown", "share": True}),  # 站比 is a slip of 占比
    ("VIP客户建康分从低到高", {"intent": "clients_by_health", "ascending": True}),
    ("核心客户：高价值高忠诚的有哪些", {"intent": "client_segments"}),  # a heading, not the VIP tier
    ("12月到期的应收目前收回了多少比例", {"intent": "collection_rate", "month": "2026-12"}),  # the coming December
])
def test_slips_headings_and_months_to_come(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected
    if "核心" in text:
        assert "tiers" not in got.get("clients", {})


@pytest.mark.parametrize(("text", "family"), [("华信贸易AR多少", "receivable_balance"),
                                              ("华信贸易逾期金额多少", "overdue_total")])
def test_one_clients_balance_is_the_balance_family(read, text, family):
    outcome = read(text)
    assert (outcome.family, fields(outcome)["clients"]["client_ids"]) == (family, [102])


@pytest.mark.parametrize(("text", "reason"), [("哪些客户这个月的资料已经全部交了", "reversed:documents_done"),
                                              ("本月结账进度怎么样", "unsupported:metric"),
                                              ("clients by acquisition channel", "unsupported:metric")])
def test_what_no_family_answers(read, text, reason):
    assert read(text).understood.unknown_reason == reason


def test_grouping_by_a_size_band_is_not_by_team(read):
    outcome = read("按合同金额大小分组统计客户")
    assert outcome.family == "unknown" and "team" not in str(fields(outcome))


@pytest.mark.parametrize(("text", "family", "expected"), [
    ("meeting Acme tomorrow morning — how much do they owe us right now?", "receivable_balance",
     {"clients": {"client_ids": [111]}}),
    ("I'm meeting Acme Trading tomorrow — pull up their client profile", "client_profile",
     {"clients": {"client_ids": [111]}}),
    ("下周去成都出差，那边有哪些客户", "clients_by_attribute", {"clients": {"regions": ["成都"]}}),
    ("季度会上要报：现在有多少家客户逾期", "overdue_count", {}),
    ("逾期客户拉一下 月结要用", "overdue_clients", {}),
    ("who's past due rn, need it for close", "overdue_clients", {}),
    ("contracts up for renewal in the next 90 days — for the quarterly review", "contracts_expiring", {}),
])
def test_the_context_clause_is_not_the_question(read, text, family, expected):
    outcome = read(text)
    got = fields(outcome)
    assert outcome.family == family
    for key, value in expected.items():
        assert {k: got[key].get(k) for k in value} == value
