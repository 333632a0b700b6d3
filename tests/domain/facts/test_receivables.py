"""Receivables on a hand-computed firm (today 2026-11-22), on SQLite and PostgreSQL.

Clients and their invoices (days overdue as of today):
  A (s1):           A1 due 10-22, 1000, 400 paid 10-30 → 600 open, 31 days;  A2 due 11-21, 500, 1 day;
                    A3 due 11-22 (today: not overdue), 300.
  B (s2, churned):  B1 due 08-23, 2000, 91 days;  B2 due 09-23, 700, 60 days, paid in full 11-25 (after today).
  C (s2):           C1 due 08-24, 800, paid 11-20 by an unnamed payment;  C2 due 10-23, 100, 30 days;
                    C3 due 08-24, 250, 90 days (issued after C1, so the unnamed payment went to C1).
  D (mgr):          D1 issued 11-30 (future) 999;  D2 due 11-29 (today + 7), 450;  D3 due 11-30 (today + 8), 200.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.facts import receivables as rec
from domain.queries import ClientFilter
from tests.domain.facts.firm import TODAY, Firm, d, yuan


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        mgr = f.staff("黎静", "manager", boss)
        sub = f.staff("邹华", "manager", mgr)
        s1 = f.staff("刘建", "staff", sub)
        s2 = f.staff("秦霞", "staff", boss)
        a = f.client("A公司", s1)
        b = f.client("B公司", s2, status="churned")
        c = f.client("C公司", s2)
        dd = f.client("D公司", mgr)
        a1 = f.invoice(a, "A1", "2026-09-01", "2026-10-22", "1000")
        f.invoice(a, "A2", "2026-10-01", "2026-11-21", "500")
        f.invoice(a, "A3", "2026-11-01", "2026-11-22", "300")
        f.payment(a, "2026-10-30", "400", a1)
        f.invoice(b, "B1", "2026-07-01", "2026-08-23", "2000")
        b2 = f.invoice(b, "B2", "2026-08-01", "2026-09-23", "700")
        f.payment(b, "2026-11-25", "700", b2)
        f.invoice(c, "C1", "2026-08-01", "2026-08-24", "800")
        f.invoice(c, "C2", "2026-10-01", "2026-10-23", "100")
        f.invoice(c, "C3", "2026-08-02", "2026-08-24", "250")
        f.payment(c, "2026-11-20", "800")
        f.invoice(dd, "D1", "2026-11-30", "2026-12-15", "999")
        f.invoice(dd, "D2", "2026-11-10", "2026-11-29", "450")
        f.invoice(dd, "D3", "2026-11-10", "2026-11-30", "200")
        f.allocate()
        f.people = {"boss": boss, "mgr": mgr, "sub": sub, "s1": s1, "s2": s2}
        f.clients = {"A": a, "B": b, "C": c, "D": dd}
        f.a_contact = f.contact(a, "张三")
        yield f


def test_overdue_clients_sorted_by_amount_with_worst_days(firm) -> None:
    rows = rec.overdue_clients(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert [(r.client, r.overdue_amount, r.max_days_overdue, r.overdue_invoices) for r in rows] == [
        ("B公司", yuan("2700"), 91, 2), ("A公司", yuan("1100"), 31, 2), ("C公司", yuan("350"), 90, 2)]
    assert [r.owner for r in rows] == ["秦霞", "刘建", "秦霞"]


@pytest.mark.parametrize(("days", "expected"), [(0, ["B公司", "A公司", "C公司"]), (30, ["B公司", "A公司", "C公司"]),
                                                 (31, ["B公司", "C公司"]), (90, ["B公司"]), (91, [])])
def test_more_than_n_days_overdue_is_strict(firm, days, expected) -> None:
    rows = rec.overdue_clients(firm.session, firm.viewer(firm.people["boss"]), TODAY, min_days_overdue=days)
    assert [r.client for r in rows] == expected


def test_overdue_amount_threshold_is_strictly_greater(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, TODAY, min_amount=Decimal("350"))] == [
        "B公司", "A公司"]
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, TODAY, min_amount=Decimal("349.99"))] == [
        "B公司", "A公司", "C公司"]


def test_due_today_is_not_overdue_but_yesterday_is(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, date(2026, 10, 22))] == ["B公司", "C公司"]
    tomorrow = rec.overdue_clients(firm.session, viewer, date(2026, 10, 23))
    assert {r.client: r.max_days_overdue for r in tomorrow}["A公司"] == 1


def test_as_of_an_earlier_day_a_later_payment_does_not_count(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    before = {r.client: r.overdue_amount for r in rec.overdue_clients(firm.session, viewer, date(2026, 10, 29))}
    after = {r.client: r.overdue_amount for r in rec.overdue_clients(firm.session, viewer, date(2026, 10, 30))}
    assert before["A公司"] == yuan("1000") and after["A公司"] == yuan("600")


def test_aging_buckets_with_boundaries(firm) -> None:
    buckets = rec.aging(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert [(b.bucket, b.amount, b.invoices) for b in buckets] == [
        ("1-30", yuan("600"), 2), ("31-60", yuan("1300"), 2), ("61-90", yuan("250"), 1), ("90+", yuan("2000"), 1)]
    assert rec.overdue_total(firm.session, firm.viewer(firm.people["boss"]), TODAY) == yuan("4150")


def test_receivable_balance_counts_only_invoices_issued_by_today(firm) -> None:
    assert rec.receivable_balance(firm.session, firm.viewer(firm.people["boss"]), TODAY) == yuan("5100")
    assert rec.receivable_balance(firm.session, firm.viewer(firm.people["boss"]), date(2026, 11, 30)) == yuan("5399")


def test_top_debtors_by_balance_then_name(firm) -> None:
    rows = rec.top_debtors(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert [(r.client, r.balance, r.overdue_amount) for r in rows] == [
        ("B公司", yuan("2700"), yuan("2700")), ("A公司", yuan("1400"), yuan("1100")),
        ("D公司", yuan("650"), yuan("0")), ("C公司", yuan("350"), yuan("350"))]
    assert [r.client for r in rec.top_debtors(firm.session, firm.viewer(firm.people["boss"]), TODAY, limit=2)] == [
        "B公司", "A公司"]


def test_due_soon_window_includes_both_ends_and_leaves_out_the_past(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    rows = rec.due_soon(firm.session, viewer, TODAY)
    assert [(r.invoice_no, r.due_on, r.outstanding) for r in rows] == [
        ("A3", d("2026-11-22"), yuan("300")), ("D2", d("2026-11-29"), yuan("450"))]
    wider = rec.due_soon(firm.session, viewer, TODAY, date(2026, 11, 1), date(2026, 11, 30))
    assert [r.invoice_no for r in wider] == ["A3", "D2", "D3"]


def test_collected_in_a_window_never_after_today(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert rec.collected(firm.session, viewer, TODAY, date(2026, 11, 1), date(2026, 11, 30)) == yuan("800")
    assert rec.collected(firm.session, viewer, TODAY, date(2026, 10, 30), date(2026, 10, 30)) == yuan("400")
    assert rec.collected(firm.session, viewer, date(2026, 12, 1), date(2026, 11, 1), date(2026, 11, 30)) == yuan(
        "1500")


def test_invoiced_in_a_window(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    # invoices issued after today are scheduled (已排期): counted once their day has come (semantics.md, issue 12;
    # the whole of November was 1,949 here before)
    assert rec.invoiced(firm.session, viewer, TODAY, date(2026, 11, 1), date(2026, 11, 30)) == yuan("950")
    assert rec.invoiced(firm.session, viewer, TODAY, date(2026, 11, 1), TODAY) == yuan("950")
    assert rec.invoiced(firm.session, viewer, date(2026, 12, 1), date(2026, 11, 1), date(2026, 11, 30)) == yuan(
        "1949")


def test_collection_rate_of_a_month(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    august = rec.collection_rate(firm.session, viewer, TODAY, date(2026, 8, 1), date(2026, 8, 31))
    assert (august.due_amount, august.collected_amount, august.rate) == (yuan("3050"), yuan("800"), 0.2623)
    september = rec.collection_rate(firm.session, viewer, TODAY, date(2026, 9, 1), date(2026, 9, 30))
    assert september.rate == 0.0  # paid on 11-25, after today
    assert rec.collection_rate(firm.session, viewer, TODAY, date(2027, 1, 1), date(2027, 1, 31)).rate is None


@pytest.mark.parametrize(("who", "overdue", "balance"), [
    ("boss", ["B公司", "A公司", "C公司"], "5100"), ("mgr", ["A公司"], "2050"), ("sub", ["A公司"], "1400"),
    ("s1", ["A公司"], "1400"), ("s2", ["B公司", "C公司"], "3050")])
def test_each_viewer_sees_exactly_its_clients(firm, who, overdue, balance) -> None:
    viewer = firm.viewer(firm.people[who])
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, TODAY)] == overdue
    assert rec.receivable_balance(firm.session, viewer, TODAY) == yuan(balance)


def test_a_client_contact_sees_only_its_own_client(firm) -> None:
    viewer = firm.viewer(firm.a_contact)
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, TODAY)] == ["A公司"]
    assert rec.receivable_balance(firm.session, viewer, TODAY) == yuan("1400")
    assert {r.client for r in rec.open_invoices(firm.session, viewer, TODAY)} == {"A公司"}


def test_filters_by_owner_and_status(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    mine = ClientFilter(owner_ids=[firm.people["s2"].id])
    assert [r.client for r in rec.overdue_clients(firm.session, viewer, TODAY, clients=mine)] == ["B公司", "C公司"]
    churned = ClientFilter(statuses=["churned"])
    assert rec.overdue_total(firm.session, viewer, TODAY, clients=churned) == yuan("2700")
