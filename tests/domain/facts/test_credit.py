"""Credit rating, every branch of semantics.md's rule and its boundaries (today 2026-11-22;
recent = invoices due in [2025-11-22, 2026-11-22)).

Two branches of the rule cannot be reached by any data: with no recent invoice, a client's overdue invoices
were all due before today − 365, so worst > 90 → D. ("Recent empty → C / B" would need an invoice overdue
by 1–90 days that is not due in the last 365 days.) They are implemented as written and not tested here.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.facts.credit import client_credit, credit_ratings
from domain.queries import ClientFilter
from tests.domain.facts.firm import TODAY, Firm


def history(f: Firm, client, on_time: int, late: int) -> None:
    """`on_time` invoices paid on their due date and `late` ones paid 5 days after, all due in 2026."""
    for n in range(on_time + late):
        due = date(2026, 1, 10) + timedelta(days=20 * n)
        inv = f.invoice(client, f"{client.name}-{n}", (due - timedelta(days=30)).isoformat(), due.isoformat(), "100")
        paid = due if n < on_time else due + timedelta(days=5)
        f.payment(client, paid.isoformat(), "100", inv)


def overdue(f: Firm, client, days: int) -> None:
    due = TODAY - timedelta(days=days)
    f.invoice(client, f"{client.name}-od", (due - timedelta(days=30)).isoformat(), due.isoformat(), "100")


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        s1 = f.staff("刘建")
        s2 = f.staff("秦霞")
        cases = {
            "A-perfect": (s1, 10, 0, None), "A-exactly-0.9": (s1, 9, 1, None),
            "B-ratio-0.8": (s1, 8, 2, None), "B-exactly-0.6": (s1, 3, 2, None), "C-ratio-0.4": (s1, 2, 3, None),
            "B-1-day": (s2, 9, 0, 1), "B-30-days": (s2, 9, 0, 30), "C-31-days": (s2, 9, 0, 31),
            "C-90-days": (s2, 9, 0, 90), "D-91-days": (s2, 9, 0, 91), "NA-no-invoices": (s2, 0, 0, None),
        }
        for name, (owner, on_time, late, days) in cases.items():
            client = f.client(name, owner, status="churned" if name == "D-91-days" else "active")
            history(f, client, on_time, late)
            if days is not None:
                overdue(f, client, days)
        old = f.client("NA-only-old", s2)  # due one day before the recent window, paid late
        inv = f.invoice(old, "old-1", "2025-10-01", "2025-11-21", "100")
        f.payment(old, "2025-12-01", "100", inv)
        edge = f.client("C-due-first-recent-day", s2)  # due on today − 365, paid late → recent, not on time
        inv = f.invoice(edge, "edge-1", "2025-10-01", "2025-11-22", "100")
        f.payment(edge, "2025-11-23", "100", inv)
        today_only = f.client("NA-due-today", s2)  # due today: neither recent nor overdue
        f.invoice(today_only, "today-1", "2026-11-01", "2026-11-22", "100")
        f.allocate()
        f.people = {"boss": boss, "s1": s1, "s2": s2}
        f.edge = edge
        yield f


EXPECTED = {
    "A-perfect": ("A", 0, 1.0), "A-exactly-0.9": ("A", 0, 0.9), "B-ratio-0.8": ("B", 0, 0.8),
    "B-exactly-0.6": ("B", 0, 0.6), "C-ratio-0.4": ("C", 0, 0.4), "B-1-day": ("B", 1, 0.9),
    "B-30-days": ("B", 30, 0.9), "C-31-days": ("C", 31, 0.9), "C-90-days": ("C", 90, 0.9),
    "D-91-days": ("D", 91, 0.9), "NA-no-invoices": ("N/A", 0, None), "NA-only-old": ("N/A", 0, None),
    "C-due-first-recent-day": ("C", 0, 0.0), "NA-due-today": ("N/A", 0, None),
}


def test_every_branch_of_the_rule(firm) -> None:
    rows = credit_ratings(firm.session, firm.viewer(firm.people["boss"]), TODAY)
    assert {r.client: (r.rating, r.max_days_overdue, r.on_time_ratio) for r in rows} == EXPECTED
    assert [r.client for r in rows] == sorted(EXPECTED)


@pytest.mark.parametrize("grade", ["A", "B", "C", "D", "N/A"])
def test_filter_by_rating(firm, grade) -> None:
    rows = credit_ratings(firm.session, firm.viewer(firm.people["boss"]), TODAY, rating=grade)
    assert [r.client for r in rows] == sorted(k for k, v in EXPECTED.items() if v[0] == grade)


def test_ratings_cover_churned_clients_and_respect_scope(firm) -> None:
    rows = credit_ratings(firm.session, firm.viewer(firm.people["s1"]), TODAY)
    assert {r.client for r in rows} == {"A-perfect", "A-exactly-0.9", "B-ratio-0.8", "B-exactly-0.6", "C-ratio-0.4"}
    assert [r.client for r in credit_ratings(firm.session, firm.viewer(firm.people["s2"]), TODAY, rating="D")] == [
        "D-91-days"]
    only_active = credit_ratings(firm.session, firm.viewer(firm.people["boss"]), TODAY,
                                 clients=ClientFilter(statuses=["active"]), rating="D")
    assert only_active == []


def test_one_client_and_a_later_day(firm) -> None:
    viewer = firm.viewer(firm.people["boss"])
    assert client_credit(firm.session, viewer, TODAY, firm.edge.id).rating == "C"
    # A day later the 2025-11-22 invoice leaves the recent window: nothing recent, nothing overdue → N/A.
    assert client_credit(firm.session, viewer, TODAY + timedelta(days=1), firm.edge.id).rating == "N/A"
    assert client_credit(firm.session, firm.viewer(firm.people["s1"]), TODAY, firm.edge.id) is None
