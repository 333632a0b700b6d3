"""The wrong answers of blind batches Q and R (2026-12-07, measured once; now dev20.txt), each a test.

名下 + 下个月 is next month, not the month after; 谁名下的客户 ranks colleagues; a two-character company nobody has
before a period (华为今年…) is never dropped; 怎么选 is advice; "the five high-risk clients"; "60 or more days";
"我这个月 signed"; a context clause in English ("month-end 对账要用")."""

from __future__ import annotations

import pytest

from .conftest import fields


def test_next_month_after_ming_xia_is_next_month(read):
    got = fields(read("秦霞名下下个月到期的合同"))
    assert (got["clients"]["owner_ids"], got["window"]["start"], got["window"]["end"]) == ([3], "2026-12-01",
                                                                                          "2026-12-31")
    assert fields(read("下下个月到期的合同"))["window"]["start"] == "2027-01-01"


def test_whose_clients_rank_colleagues(ask):
    got = fields(ask("谁名下的客户营收最高"))
    assert (got["intent"], got["metric"]) == ("staff_ranking", "revenue")


@pytest.mark.parametrize(("text", "reason"), [("华为今年开票多少", "client_not_found"),
                                              ("一般纳税人和小规模怎么选", "out_of_scope")])
def test_a_company_nobody_has_and_advice_are_not_answered(read, text, reason):
    assert read(text).understood.unknown_reason == reason


def test_the_firm_itself_is_not_a_company_nobody_has(read):
    assert read("全所今年开票多少").family == "invoiced"


@pytest.mark.parametrize(("text", "expected"), [
    ("the five high-risk clients with the largest overdue amounts", {"limit": 5, "clients": {"tiers": ["high_risk"]}}),
    ("how many accounts are 60 or more days overdue", {"min_days_overdue": 59}),
    ("我这个月 signed 了多少合同金额", {"clients": {"owner_ids": [1]}}),
])
def test_slots_of_batch_r(read, text, expected):
    got = fields(read(text))
    assert {key: got.get(key) for key in expected} == expected


def test_a_month_end_clause_is_context(read):
    assert fields(read("逾期客户明细，month-end 对账要用")) == {"intent": "overdue_clients"}
