"""Prepaid credit in the facts (semantics.md "Prepayments"), hand-computed: credit is not part of the receivable
balance, settles later invoices on their issue dates (so "as of D" figures see it from then on), counts as paid
on time for the credit rating and the collection rate, and what is left shows on the profile."""

from __future__ import annotations

from datetime import date

import pytest

from domain.facts.credit import client_credit
from domain.facts.prepaid import client_prepaid
from domain.facts.profile import client_profile
from domain.facts.receivables import collection_rate, overdue_total, receivable_balance
from tests.domain.facts.firm import Firm, yuan


@pytest.fixture
def firm(app):
    with app.session() as session:
        f = Firm(session)
        boss = f.staff("杜萍", "admin")
        a = f.client("上海明远贸易有限公司", boss)
        f.invoice(a, "FP1", "2026-01-01", "2026-01-31", "1000")
        f.payment(a, "2026-01-20", "4000")  # 1000 pays FP1; 3000 is credit
        f.invoice(a, "FP2", "2026-03-01", "2026-03-31", "2000")  # settled by credit on 1 March
        f.invoice(a, "FP3", "2026-06-01", "2026-06-30", "1500")  # 1000 of credit on 1 June, 500 stays open
        f.allocate()
        f.people = {"boss": boss, "a": a}
        yield f


def _as_of(firm, day: str):
    viewer, today = firm.viewer(firm.people["boss"]), date.fromisoformat(day)
    return viewer, today


def test_credit_before_and_after_the_later_invoices(firm) -> None:
    session, a = firm.session, firm.people["a"].id
    viewer, feb = _as_of(firm, "2026-02-15")
    assert client_prepaid(session, feb, a) == yuan("3000") and receivable_balance(session, viewer, feb) == 0
    _, march = _as_of(firm, "2026-03-02")
    assert client_prepaid(session, march, a) == yuan("1000") and receivable_balance(session, viewer, march) == 0
    _, july = _as_of(firm, "2026-07-15")
    assert client_prepaid(session, july, a) == 0
    assert receivable_balance(session, viewer, july) == yuan("500") == overdue_total(session, viewer, july)


def test_invoices_settled_by_credit_are_paid_on_time(firm) -> None:
    session, a = firm.session, firm.people["a"].id
    viewer, today = _as_of(firm, "2026-07-15")
    march = collection_rate(session, viewer, today, date(2026, 3, 1), date(2026, 3, 31))
    assert (march.due_amount, march.collected_amount) == (yuan("2000"), yuan("2000"))
    june = collection_rate(session, viewer, today, date(2026, 6, 1), date(2026, 6, 30))
    assert (june.due_amount, june.collected_amount) == (yuan("1500"), yuan("1000"))
    credit = client_credit(session, viewer, today, a)
    assert credit is not None and credit.max_days_overdue == 15 and credit.on_time_ratio == 0.6667  # FP1, FP2 of 3
    assert credit.rating == "B"


def test_the_profile_shows_what_is_left(firm) -> None:
    viewer, march = _as_of(firm, "2026-03-02")
    card = client_profile(firm.session, viewer, march, firm.people["a"].id)
    assert card is not None and card["prepaid"] == yuan("1000") and card["balance"] == 0
