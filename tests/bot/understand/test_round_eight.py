"""The wrong answers of blind batches O and P (2026-12-07, measured once; now dev19.txt), each a test — and the
wordings this round reads.

"的几家是谁" asks which; 前天; "second quarter"; 已经结清 is the reversed list; 分会计 groups by colleague; a
measure no family has (growth rate, 客单价, 人均, NPS, satisfaction) is not answered; "价值和忠诚度都低"; shares said
as 各占百分之多少 or "% of total"; a summary compared with another period; 前三季度; "full-year 2025"; several
figures for every colleague is the board."""

from __future__ import annotations

import pytest

from .conftest import fields


def test_which_ones_are_they_asks_for_the_list(read):
    got = fields(read("wangfang 手上 overdue 的几家是谁"))
    assert (got["intent"], got["clients"]["owner_ids"]) == ("overdue_clients", [2])
    assert fields(read("逾期客户有几家"))["intent"] == "overdue_count"


@pytest.mark.parametrize(("text", "start", "end"), [
    ("前天收到客户多少钱", "2026-11-20", "2026-11-20"), ("second quarter signings total", "2026-04-01", "2026-06-30"),
    ("前三季度开票合计", "2026-01-01", "2026-09-30"), ("full-year 2025 invoicing", "2025-01-01", "2025-12-31"),
    ("signed value per month, trailing 12 months", "2025-12-01", "2026-11-22"),
])
def test_periods_said_in_other_words(read, text, start, end):
    window = fields(read(text))["window"]
    assert (window["start"], window["end"]) == (start, end)


def test_debts_already_settled_are_the_reversed_list(read):
    assert read("欠款已经结清的客户").understood.unknown_reason == "reversed:done"


@pytest.mark.parametrize("text", ["各行业开票同比增长率", "客单价按行业统计", "人均创收按团队", "NPS by region",
                                  "客户满意度按负责人统计"])
def test_a_measure_no_family_has_is_not_answered(read, text):
    assert read(text).understood.unknown_reason == "unsupported:metric"


@pytest.mark.parametrize(("text", "expected"), [
    ("10月开票分会计统计", {"measure": "invoiced", "dimension": "owner"}),
    ("逾期金额里VIP、普通、高风险客户各占百分之多少",
     {"measure": "overdue_amount", "dimension": "tier", "share": True}),
    ("overdue balance by city as a % of total", {"measure": "overdue_amount", "dimension": "region", "share": True}),
    ("what % of this month's collections came from each region",
     {"measure": "collected", "dimension": "region", "share": True}),
])
def test_breakdowns_and_shares(read, text, expected):
    got = fields(read(text))
    assert got["intent"] == "breakdown" and {key: got.get(key) for key in expected} == expected


def test_lowest_value_and_loyalty(ask):
    assert fields(ask("价值和忠诚度都低的客户"))["segment"] == "low_value_low_loyalty"


@pytest.mark.parametrize(("text", "start"), [("上个月经营概况，环比前一个月", "2026-10-01"),
                                             ("上季度经营数据汇总 跟二季度比一下", "2026-07-01")])
def test_a_summary_compared_with_another_period_is_of_the_first(read, text, start):
    got = fields(read(text))
    assert (got["intent"], got["window"]["start"]) == ("summary", start)


@pytest.mark.parametrize("text", ["各位同事本月回了多少款、做了多少工时",
                                  "one row per staff member with this month's collections and hours"])
def test_several_figures_for_every_colleague_are_the_board(read, text):
    assert read(text).family == "staff_board"
