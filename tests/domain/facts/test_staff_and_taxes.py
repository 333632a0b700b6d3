"""Staff client counts and rankings; tax filers of a month (today 2026-11-22)."""

from __future__ import annotations

import pytest

from domain.facts.staff import staff_client_count, staff_ranking
from domain.facts.taxes import tax_filers
from tests.domain.facts.firm import TODAY, Firm, d, yuan

NOV = (d("2026-11-01"), TODAY)
YEAR = (d("2025-11-22"), TODAY)


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        mgr = f.staff("黎静", "manager", boss)
        s1 = f.staff("刘建", "staff", mgr)
        s2 = f.staff("秦霞", "staff", boss)
        a = f.client("A公司", s1)
        b = f.client("B公司", s1, status="churned")
        c = f.client("C公司", s2)
        p = f.client("P公司", s2, status="prospect")
        e = f.client("E公司", mgr)
        f.invoice(a, "A1", "2026-11-01", "2026-11-10", "1000")  # overdue 12 days
        b1 = f.invoice(b, "B1", "2026-10-01", "2026-10-20", "500")
        f.payment(b, "2026-11-05", "500", b1)
        f.invoice(c, "C1", "2026-06-01", "2026-06-30", "3000")
        f.payment(c, "2026-11-15", "1500")
        f.payment(c, "2026-11-23", "1500")  # after today
        f.invoice(e, "E1", "2026-11-02", "2026-11-30", "800")
        f.payment(e, "2026-11-20", "800")
        f.tax(a, "增值税", "monthly")
        f.tax(a, "企业所得税", "quarterly")
        f.tax(b, "增值税", "monthly")
        f.tax(c, "增值税", "quarterly")
        f.tax(c, "印花税", "yearly")
        f.tax(p, "增值税", "monthly")
        f.allocate()
        f.people = {"boss": boss, "mgr": mgr, "s1": s1, "s2": s2}
        yield f


def test_staff_client_count_active_only_and_visible_only(firm) -> None:
    s1, s2 = firm.people["s1"].id, firm.people["s2"].id
    boss = firm.viewer(firm.people["boss"])
    assert staff_client_count(firm.session, boss, s1) == 1  # B churned
    assert staff_client_count(firm.session, boss, s2) == 1  # P prospect
    assert staff_client_count(firm.session, firm.viewer(firm.people["mgr"]), s1) == 1
    assert staff_client_count(firm.session, firm.viewer(firm.people["s1"]), s1) == 1
    assert staff_client_count(firm.session, firm.viewer(firm.people["s2"]), s1) is None
    assert staff_client_count(firm.session, boss, firm.people["boss"].id) == 0


@pytest.mark.parametrize(("metric", "window", "expected"), [
    ("collected", NOV, [("秦霞", yuan("1500")), ("黎静", yuan("800")), ("刘建", yuan("500"))]),
    ("revenue", YEAR, [("秦霞", yuan("3000")), ("刘建", yuan("1500")), ("黎静", yuan("800"))]),
    ("clients", NOV, [("刘建", 1), ("秦霞", 1), ("黎静", 1)]),
    ("overdue_amount", NOV, [("秦霞", yuan("1500")), ("刘建", yuan("1000")), ("黎静", yuan("0"))]),
])
def test_staff_ranking_by_metric(firm, metric, window, expected) -> None:
    rows = staff_ranking(firm.session, firm.viewer(firm.people["boss"]), TODAY, metric, *window)
    assert [(r.staff, r.value) for r in rows] == expected


def test_staff_ranking_lowest_first(firm) -> None:
    """"回款最少的会计": the same rows, smallest first, ties still by name."""
    rows = staff_ranking(firm.session, firm.viewer(firm.people["boss"]), TODAY, "overdue_amount", *NOV, ascending=True)
    assert [(r.staff, r.value) for r in rows] == [("黎静", yuan("0")), ("刘建", yuan("1000")), ("秦霞", yuan("1500"))]
    rows = staff_ranking(firm.session, firm.viewer(firm.people["boss"]), TODAY, "clients", *NOV, ascending=True)
    assert [r.staff for r in rows] == ["刘建", "秦霞", "黎静"]


def test_staff_ranking_is_limited_to_visible_staff(firm) -> None:
    rows = staff_ranking(firm.session, firm.viewer(firm.people["mgr"]), TODAY, "collected", *NOV)
    assert [(r.staff, r.value) for r in rows] == [("黎静", yuan("800")), ("刘建", yuan("500"))]
    rows = staff_ranking(firm.session, firm.viewer(firm.people["s1"]), TODAY, "collected", *NOV)
    assert [r.staff for r in rows] == ["刘建"]
    assert len(staff_ranking(firm.session, firm.viewer(firm.people["boss"]), TODAY, "collected", *NOV, limit=1)) == 1


@pytest.mark.parametrize(("month", "tax", "expected"), [
    ("2026-11", None, [("A公司", "增值税")]),
    ("2026-10", None, [("A公司", "企业所得税"), ("A公司", "增值税"), ("C公司", "增值税")]),
    ("2026-10", "增值税", [("A公司", "增值税"), ("C公司", "增值税")]),
    ("2027-01", "增值税", [("A公司", "增值税"), ("C公司", "增值税")]),
    ("2026-05", None, [("A公司", "增值税")]),
    ("2026-07", "印花税", []),
])
def test_tax_filers_of_a_month_active_clients_only(firm, month, tax, expected) -> None:
    rows = tax_filers(firm.session, firm.viewer(firm.people["boss"]), month, tax=tax)
    assert [(r.client, r.tax) for r in rows] == expected


def test_tax_filers_scope(firm) -> None:
    rows = tax_filers(firm.session, firm.viewer(firm.people["s2"]), "2026-10")
    assert [(r.client, r.tax, r.frequency) for r in rows] == [("C公司", "增值税", "quarterly")]
