"""Prepaid credit (预收余额, semantics.md "Prepayments"): money a client paid that no invoice has taken yet.

Allocations are dated when they happen (a payment's date, or a later invoice's issue date when credit settles
it), so the credit as of D is Σ payments dated on or before D − Σ allocations dated on or before D. It is not
part of the receivable balance.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.facts.common import cents, money
from domain.models import Allocation, Payment


def client_prepaid(session: Session, today: date, client_id: int) -> Decimal:
    """One client's unapplied credit as of `today`; the caller checks scope."""
    paid = select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
        Payment.client_id == client_id, Payment.paid_on <= today).scalar_subquery()
    used = select(func.coalesce(func.sum(Allocation.amount_cents), 0)).where(
        Allocation.client_id == client_id, Allocation.paid_on <= today).scalar_subquery()
    return money(cents(session.execute(select(paid - used)).scalar_one()))
