"""Stored open amounts (domain/open_amounts.py): equal to the as-of-today outstanding whenever they are used, kept
fresh by every re-allocation, and set aside (the as-of path answers) when a later-dated allocation makes them
inexact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from bot.bootstrap import App
from domain.allocation import reallocate
from domain.facts.receivables import (
    aging,
    is_open,
    outstanding,
    overdue_clients,
    receivable_balance,
    top_debtors,
)
from domain.models import Allocation, Client, Invoice, Payment, Role, Staff
from domain.open_amounts import current_is_exact, refresh_open_amounts
from domain.scope import Viewer

ADMIN = Viewer(kind="staff", name="admin", owner_ids=None)
TODAY = date(2026, 11, 22)


def _as_of_balance(session, today: date) -> Decimal:
    cents = session.execute(select(func.sum(outstanding(today)))
                            .where(is_open(today), Invoice.issued_on <= today)).scalar() or 0
    return Decimal(cents) / 100


def _as_of_overdue(session, today: date) -> Decimal:
    cents = session.execute(select(func.sum(outstanding(today)))
                            .where(is_open(today), Invoice.due_on < today)).scalar() or 0
    return Decimal(cents) / 100


def _firm(app: App) -> int:
    """One client, three invoices (10,000 / 6,000 / 4,000) and a partial payment of 12,500 on 2026-11-01."""
    with app.session() as session:
        staff = Staff(name="周敏", role=Role.staff)
        session.add(staff)
        session.flush()
        client = Client(name="上海明远贸易有限公司", owner_id=staff.id)
        session.add(client)
        session.flush()
        for no, issued, due, amount in (("FP1", date(2026, 8, 1), date(2026, 9, 1), 1_000_000),
                                        ("FP2", date(2026, 9, 1), date(2026, 10, 1), 600_000),
                                        ("FP3", date(2026, 10, 1), date(2026, 12, 1), 400_000)):
            session.add(Invoice(invoice_no=no, client_id=client.id, issued_on=issued, due_on=due, amount_cents=amount))
        session.add(Payment(row_key="p1", client_id=client.id, paid_on=date(2026, 11, 1), amount_cents=1_250_000))
        session.flush()
        reallocate(session, [client.id])
        session.commit()
        return client.id


def test_new_invoices_start_open_and_allocation_keeps_the_stored_amount(make_app: Callable[..., App]) -> None:
    app = make_app()
    _firm(app)
    with app.session() as session:
        stored = dict(session.execute(select(Invoice.invoice_no, Invoice.open_cents)).all())
        assert stored == {"FP1": 0, "FP2": 350_000, "FP3": 400_000}
        assert current_is_exact(session, TODAY)
        assert receivable_balance(session, ADMIN, TODAY) == _as_of_balance(session, TODAY) == Decimal("7500.00")
        assert sum(b.amount for b in aging(session, ADMIN, TODAY)) == _as_of_overdue(session, TODAY)
        assert [(c.client, c.overdue_amount) for c in overdue_clients(session, ADMIN, TODAY)] == [
            ("上海明远贸易有限公司", Decimal("3500.00"))]
        assert top_debtors(session, ADMIN, TODAY)[0].balance == Decimal("7500.00")


def test_a_payment_dated_after_today_sets_the_stored_amounts_aside(make_app: Callable[..., App]) -> None:
    """A payment dated 2026-11-30 (entered early, or a clock set back) must not count on 2026-11-22."""
    app = make_app()
    client_id = _firm(app)
    with app.session() as session:
        session.add(Payment(row_key="p2", client_id=client_id, paid_on=date(2026, 11, 30), amount_cents=750_000))
        session.flush()
        reallocate(session, [client_id])
        session.commit()
        assert dict(session.execute(select(Invoice.invoice_no, Invoice.open_cents)).all())["FP2"] == 0
        assert not current_is_exact(session, TODAY)
        assert receivable_balance(session, ADMIN, TODAY) == Decimal("7500.00")  # the later payment not yet counted
        assert overdue_clients(session, ADMIN, TODAY)[0].overdue_amount == Decimal("3500.00")
        assert current_is_exact(session, date(2026, 11, 30))
        assert receivable_balance(session, ADMIN, date(2026, 11, 30)) == Decimal("0.00")


def test_refresh_repairs_drifted_rows_and_writes_nothing_when_current(make_app: Callable[..., App]) -> None:
    app = make_app()
    _firm(app)
    with app.session() as session:
        session.execute(Invoice.__table__.update().values(open_cents=1))
        refresh_open_amounts(session, None)
        assert dict(session.execute(select(Invoice.invoice_no, Invoice.open_cents)).all()) == {
            "FP1": 0, "FP2": 350_000, "FP3": 400_000}
        allocated = session.execute(select(func.sum(Allocation.amount_cents))).scalar()
        assert allocated == 1_250_000


def test_sample_firm_stored_amounts_equal_the_as_of_sums(sample_app: App) -> None:
    """On the sample firm (mixed payers, partial payments, credits) every figure matches the as-of path."""
    with sample_app.session() as session:
        assert current_is_exact(session, TODAY)
        drift = session.execute(
            select(func.count()).select_from(Invoice).where(
                Invoice.open_cents != Invoice.amount_cents - func.coalesce(
                    select(func.sum(Allocation.amount_cents)).where(Allocation.invoice_id == Invoice.id)
                    .correlate(Invoice).scalar_subquery(), 0))).scalar()
        assert drift == 0
        assert receivable_balance(session, ADMIN, TODAY) == _as_of_balance(session, TODAY)
        assert sum(b.amount for b in aging(session, ADMIN, TODAY)) == _as_of_overdue(session, TODAY)
        owed = {c.client_id: c.overdue_amount for c in overdue_clients(session, ADMIN, TODAY)}
        per_client = dict(session.execute(
            select(Invoice.client_id, func.sum(outstanding(TODAY))).where(is_open(TODAY), Invoice.due_on < TODAY)
            .group_by(Invoice.client_id)).all())
        assert owed == {cid: Decimal(c) / 100 for cid, c in per_client.items() if c}
        assert session.execute(select(func.count()).select_from(Client)).scalar() > 200
