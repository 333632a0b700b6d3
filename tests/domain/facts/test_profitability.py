"""Revenue, cost, profit, margin and the rankings (today 2026-11-22; trailing year = [2025-11-22, 2026-11-22]).

Staff hourly costs: 刘建 ¥100.00, 秦霞 ¥33.33.
  A (刘建):  revenue 1000 (issued 2025-11-22, the first day of the window) + 2000 = 3000; cost 10 h × 100 = 1000
             → profit 2000, margin 0.6667.
  B (秦霞, churned): revenue 3000; cost 1.5 h × 33.33 = 49.995 → 50.00 (half up) → profit 2950, margin 0.9833.
  C (刘建):  revenue 500; cost 8 h × 100 = 800 → profit −300, margin −0.6.
  D (秦霞):  revenue 0 (an invoice issued 2025-11-21, one day too early, and one after today) → margin None,
             left out of the rankings.
  E (秦霞):  revenue 2000; cost 0 → profit 2000, margin 1.0 (ties A on profit; A first by name).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.facts.common import trailing_year
from domain.facts.profitability import client_profitability, cost_cents, ranking
from domain.queries import ClientFilter
from tests.domain.facts.firm import TODAY, Firm, yuan

START, END = trailing_year(TODAY)


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        s1 = f.staff("刘建", hourly="100")
        s2 = f.staff("秦霞", hourly="33.33")
        a = f.client("A公司", s1)
        b = f.client("B公司", s2, status="churned")
        c = f.client("C公司", s1)
        dd = f.client("D公司", s2)
        e = f.client("E公司", s2)
        f.invoice(a, "A1", "2025-11-22", "2025-12-22", "1000")
        f.invoice(a, "A2", "2026-11-22", "2026-12-22", "2000")
        f.log(a, s1, "2026-03-01", "4")
        f.log(a, s1, "2026-11-22", "6")
        f.log(a, s1, "2025-11-21", "50")  # outside the window
        f.invoice(b, "B1", "2026-06-01", "2026-07-01", "3000")
        f.log(b, s2, "2026-06-01", "1.5")
        f.invoice(c, "C1", "2026-02-01", "2026-03-01", "500")
        f.log(c, s1, "2026-02-01", "8")
        f.invoice(dd, "D1", "2025-11-21", "2025-12-21", "700")
        f.invoice(dd, "D2", "2026-11-23", "2026-12-23", "700")
        f.log(dd, s2, "2026-05-01", "3")
        f.invoice(e, "E1", "2026-09-01", "2026-10-01", "2000")
        f.allocate()
        f.people = {"boss": boss, "s1": s1, "s2": s2}
        f.clients = {"A": a, "B": b, "C": c, "D": dd, "E": e}
        yield f


def figures(rows) -> list[tuple]:
    return [(r.client, r.revenue, r.cost, r.profit, r.margin) for r in rows]


def test_revenue_ranking_over_the_trailing_year(firm) -> None:
    rows = ranking(firm.session, firm.viewer(firm.people["boss"]), TODAY, START, END, "revenue")
    assert figures(rows) == [
        ("A公司", yuan("3000"), yuan("1000"), yuan("2000"), 0.6667),
        ("B公司", yuan("3000"), yuan("50"), yuan("2950"), 0.9833),
        ("E公司", yuan("2000"), yuan("0"), yuan("2000"), 1.0),
        ("C公司", yuan("500"), yuan("800"), yuan("-300"), -0.6)]


def test_profit_ranking_ties_by_name_and_ascending(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert [r.client for r in ranking(firm.session, viewer, TODAY, START, END, "profit")] == [
        "B公司", "A公司", "E公司", "C公司"]
    lowest = ranking(firm.session, viewer, TODAY, START, END, "profit", ascending=True, limit=2)
    assert [r.client for r in lowest] == ["C公司", "A公司"]


def test_margin_ranking_only_clients_with_revenue(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    rows = ranking(firm.session, viewer, TODAY, START, END, "margin")
    assert [r.client for r in rows] == ["E公司", "B公司", "A公司", "C公司"]  # D (revenue 0) is left out


def test_zero_revenue_has_no_margin(firm) -> None:
    row = client_profitability(firm.session, TODAY, START, END, firm.clients["D"].id)
    assert (row.revenue, row.cost, row.profit, row.margin) == (yuan("0"), yuan("99.99"), yuan("-99.99"), None)


def test_a_window_moves_revenue_and_cost_together(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    start = START - timedelta(days=1)
    rows = {r.client: r for r in ranking(firm.session, viewer, TODAY, start, END, "revenue")}
    assert rows["A公司"].cost == yuan("6000") and rows["D公司"].revenue == yuan("700")


def test_scope_and_filters(firm) -> None:
    s2 = firm.viewer(firm.people["s2"])
    assert [r.client for r in ranking(firm.session, s2, TODAY, START, END, "revenue")] == ["B公司", "E公司"]
    active = ClientFilter(statuses=["active"])
    boss = firm.viewer(firm.people["boss"])
    assert [r.client for r in ranking(firm.session, boss, TODAY, START, END, "revenue", clients=active)] == [
        "A公司", "E公司", "C公司"]


def test_cost_rounds_half_up_once_per_client() -> None:
    assert cost_cents(499950) == 5000 and cost_cents(499949) == 4999
