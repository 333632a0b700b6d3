"""Contracts: expiring (renewal list), active and signed, on hand-built contracts (today 2026-11-22)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.facts.contracts import active_contracts, expiring, signed_contracts
from domain.models import ServiceType
from domain.queries import ClientFilter
from tests.domain.facts.firm import TODAY, Firm, yuan

IN_30 = TODAY + timedelta(days=30)  # 2026-12-22


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        s1 = f.staff("刘建")
        s2 = f.staff("秦霞")
        a = f.client("A公司", s1)
        b = f.client("B公司", s2, status="churned")
        f.contract(a, "HT-A1", "bookkeeping", "2025-12-23", "2026-12-22", "12000", signed="2025-12-01")  # window end
        f.contract(a, "HT-A2", "tax_filing", "2025-11-22", "2026-11-22", "3000", signed="2025-11-15")  # today
        f.contract(a, "HT-A3", "audit", "2025-11-21", "2026-11-21", "5000", signed="2025-11-20")  # ended yesterday
        f.contract(a, "HT-A4", "consulting", "2026-01-01", "2026-12-01", "800", signed="2026-11-05",
                   status="terminated")
        f.contract(a, "HT-A5", "registration", "2026-06-01", "2026-12-23", "900", signed="2026-05-30")  # 31 days
        f.contract(b, "HT-B1", "bookkeeping", "2025-12-10", "2026-12-09", "6000", signed="2025-12-10")  # renewed
        f.contract(b, "HT-B2", "bookkeeping", "2026-12-10", "2027-12-09", "6600", signed="2026-11-10")
        f.contract(b, "HT-B3", "tax_filing", "2025-12-01", "2026-12-01", "2000", signed="2025-11-30")  # churned
        f.contract(b, "HT-B4", "tax_filing", "2025-01-01", "2025-12-31", "1000", signed="2024-12-31")  # older
        f.people = {"boss": boss, "s1": s1, "s2": s2}
        yield f


def nos(rows) -> list[str]:
    return [r.contract_no for r in rows]


def test_expiring_in_the_next_30_days_sorted_by_end_date_then_number(firm) -> None:
    rows = expiring(firm.session, firm.viewer(firm.people["boss"]), TODAY, TODAY, IN_30)
    # HT-A2 ends today (kept), HT-A3 ended yesterday (left out), HT-A4 terminated, HT-B1 renewed by HT-B2,
    # HT-B3 kept although its client churned (its later sibling HT-B4 started earlier, so it is no renewal).
    assert nos(rows) == ["HT-A2", "HT-B3", "HT-A1"]
    assert rows[0].client == "A公司" and rows[0].owner == "刘建" and rows[0].amount == yuan("3000")
    assert rows[0].service_type == "tax_filing" and rows[0].end_on == TODAY


def test_window_days_already_past_are_left_out(firm) -> None:
    rows = expiring(firm.session, firm.viewer(firm.people["boss"]), TODAY, date(2026, 11, 1), date(2026, 11, 30))
    assert nos(rows) == ["HT-A2"]


def test_one_more_day_brings_in_the_31st(firm) -> None:
    rows = expiring(firm.session, firm.viewer(firm.people["boss"]), TODAY, TODAY, IN_30 + timedelta(days=1))
    assert nos(rows) == ["HT-A2", "HT-B3", "HT-A1", "HT-A5"]


def test_service_type_filter_and_scope(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    rows = expiring(firm.session, viewer, TODAY, TODAY, IN_30, service_type=ServiceType.tax_filing)
    assert nos(rows) == ["HT-A2", "HT-B3"]
    assert nos(expiring(firm.session, firm.viewer(firm.people["s2"]), TODAY, TODAY, IN_30)) == ["HT-B3"]
    mine = ClientFilter(owner_ids=[firm.people["s1"].id])
    assert nos(expiring(firm.session, viewer, TODAY, TODAY, IN_30, clients=mine)) == ["HT-A2", "HT-A1"]


def test_a_renewal_must_start_later_and_be_the_same_service(firm) -> None:
    # On 2027-12-01 the renewal HT-B2 itself is expiring: nothing started after it.
    rows = expiring(firm.session, firm.viewer(firm.people["boss"]), date(2027, 12, 1), date(2027, 12, 1),
                    date(2027, 12, 31))
    assert nos(rows) == ["HT-B2"]


def test_active_contracts_are_running_today_and_not_terminated(firm) -> None:
    rows = active_contracts(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert sorted(nos(rows)) == ["HT-A1", "HT-A2", "HT-A5", "HT-B1", "HT-B3"]


def signed(session, viewer, start: date, end: date):
    return sum((row.amount for row in signed_contracts(session, viewer, start, end)), yuan("0"))


def test_signed_in_a_window_includes_both_ends(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert signed(firm.session, viewer, date(2026, 11, 1), date(2026, 11, 30)) == yuan("7400")
    assert signed(firm.session, viewer, date(2026, 11, 5), date(2026, 11, 10)) == yuan("7400")
    assert signed(firm.session, viewer, date(2026, 11, 6), date(2026, 11, 9)) == yuan("0")
    assert signed(firm.session, firm.viewer(firm.people["s1"]), date(2026, 1, 1), date(2026, 12, 31)) == yuan("1700")


def test_the_contracts_behind_signed_are_listed_by_signing_date_terminated_included(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    rows = signed_contracts(firm.session, viewer, date(2026, 11, 1), date(2026, 11, 30))
    assert nos(rows) == ["HT-A4", "HT-B2"]  # HT-A4 was terminated later: it was still signed in November
    assert sum(r.amount for r in rows) == yuan("7400")
    assert [r.signed_on for r in rows] == [date(2026, 11, 5), date(2026, 11, 10)]
    assert nos(signed_contracts(firm.session, firm.viewer(firm.people["s1"]), date(2026, 1, 1),
                                date(2026, 12, 31))) == ["HT-A5", "HT-A4"]  # a colleague sees their own clients'
