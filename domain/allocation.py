"""Payment allocation (semantics.md), computed when payments are written and stored.

Payments are applied in order of payment date, then entry order. A payment that names an invoice goes
to that invoice first; the remainder, and every payment that names none, goes to the client's open
invoices issued on or before the payment date, oldest due date first (then issue date, then invoice
number). What no open invoice can take becomes the client's credit (预收): it settles the client's later
invoices on their issue dates, oldest due date first (allocations dated the issue date). Credit not yet
applied as of D is Σ payments dated on or before D − Σ allocations dated on or before D.

Because a payment's allocation depends only on earlier payments, "allocated as of D" is the sum of the
stored allocations dated on or before D, and an invoice is open on D exactly when its `paid_on` is
NULL or later than D. Any edit to a client's invoices or payments re-allocates that client.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, Integer, bindparam, cast, column, delete, insert, select, update, values
from sqlalchemy.orm import Session

from domain.models import Allocation, Invoice, Payment
from domain.open_amounts import refresh_open_amounts


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    invoice_no: str
    issued_on: date
    due_on: date
    amount_cents: int


@dataclass(frozen=True)
class PaymentIn:
    id: int
    paid_on: date
    seq: int
    amount_cents: int
    invoice_id: int | None = None


@dataclass(frozen=True)
class AllocationOut:
    payment_id: int
    invoice_id: int
    paid_on: date
    amount_cents: int


def allocate(
    invoices: Sequence[OpenInvoice], payments: Iterable[PaymentIn]
) -> tuple[list[AllocationOut], dict[int, date | None]]:
    """Allocate one client's payments; returns the allocations and each invoice's paid date.

    A remainder that finds no open invoice issued on or before its payment date becomes credit (预收). Credit
    is applied, oldest credit first, to the invoices issued later, on their issue dates (the allocation is
    dated the issue date, before that day's payments), oldest due date first."""
    state = _Allocation(invoices)
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.seq, p.id)):
        if state.credits:
            state.use_credit(payment.paid_on)
        state.pay(payment)
    state.use_credit(None)
    return state.out, state.paid_on


class _Allocation:
    """One client's allocation in progress: what each invoice still needs, and the credit not yet applied."""

    def __init__(self, invoices: Sequence[OpenInvoice]) -> None:
        self.remaining = {inv.id: inv.amount_cents for inv in invoices}
        self.paid_on: dict[int, date | None] = {inv.id: None for inv in invoices}
        self.by_age = sorted(invoices, key=lambda inv: (inv.due_on, inv.issued_on, inv.invoice_no))
        self.issue_days = sorted({inv.issued_on for inv in invoices})
        self.credits: deque[list[int]] = deque()  # [payment_id, cents left], oldest first
        self.next_day = 0  # index into issue_days of the first day credit has not been offered to
        self.out: list[AllocationOut] = []

    def apply(self, payment_id: int, when: date, invoice_id: int, left: int) -> int:
        take = min(left, self.remaining[invoice_id])
        if take <= 0:
            return left
        self.remaining[invoice_id] -= take
        self.out.append(AllocationOut(payment_id, invoice_id, when, take))
        if self.remaining[invoice_id] == 0:
            self.paid_on[invoice_id] = when
        return left - take

    def pay(self, payment: PaymentIn) -> None:
        """The named invoice first, then open invoices issued by the payment date by age; the rest is credit."""
        left, when, apply, remaining = payment.amount_cents, payment.paid_on, self.apply, self.remaining
        if payment.invoice_id is not None and payment.invoice_id in remaining:
            left = apply(payment.id, when, payment.invoice_id, left)
        for inv in self.by_age:
            if left <= 0:
                break
            if inv.issued_on <= when and remaining[inv.id] > 0:
                left = apply(payment.id, when, inv.id, left)
        if left > 0:
            self.credits.append([payment.id, left])
            self.next_day = max(self.next_day, bisect_right(self.issue_days, payment.paid_on))

    def use_credit(self, until: date | None) -> None:
        """Offer the credit to the invoices issued on each day after it arose, up to `until` (None: all)."""
        days = self.issue_days
        while self.credits and self.next_day < len(days) and (until is None or days[self.next_day] <= until):
            day = days[self.next_day]
            self.next_day += 1
            for inv in self.by_age:
                if inv.issued_on <= day:
                    self._settle_with_credit(inv.id, day)
                if not self.credits:
                    return

    def _settle_with_credit(self, invoice_id: int, day: date) -> None:
        credits = self.credits
        while credits and self.remaining[invoice_id] > 0:
            credits[0][1] = self.apply(credits[0][0], day, invoice_id, credits[0][1])
            if credits[0][1] == 0:
                credits.popleft()


def reallocate(session: Session, client_ids: Iterable[int] | None = None) -> int:
    """Recompute and store the allocation of the given clients (all clients when None).

    Returns the number of allocation rows written. Runs inside the caller's transaction.
    """
    ids = None if client_ids is None else sorted(set(client_ids))
    if ids is not None and not ids:
        return 0
    invoices, payments = _load(session, ids)
    stale = delete(Allocation)
    if ids is not None:
        stale = stale.where(Allocation.client_id.in_(bindparam("ids", expanding=True)))
    for chunk in _chunks(ids) if ids is not None else [None]:
        session.execute(stale, {"ids": chunk} if chunk is not None else {})

    rows: list[dict] = []
    paid_updates: list[dict] = []
    for client_id, client_invoices in invoices.items():
        allocations, paid = allocate(client_invoices, payments.get(client_id, ()))
        rows.extend(
            {"client_id": client_id, "payment_id": a.payment_id, "invoice_id": a.invoice_id,
             "paid_on": a.paid_on, "amount_cents": a.amount_cents}
            for a in allocations
        )
        current = {inv.id: inv for inv in client_invoices}
        paid_updates.extend(
            {"b_id": inv_id, "b_paid_on": when}
            for inv_id, when in paid.items()
            if _stored_paid_on(current[inv_id]) != when
        )
    if rows:
        session.execute(insert(Allocation), rows)
    if paid_updates:
        _store_paid_dates(session, paid_updates)
    refresh_open_amounts(session, ids)
    return len(rows)


def _store_paid_dates(session: Session, updates: list[dict]) -> None:
    """Write changed paid dates: one UPDATE … FROM (VALUES …) per 2,000 rows on PostgreSQL (a row-at-a-time
    executemany costs a round trip each there); SQLite's in-process executemany is already fast."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        stmt = update(Invoice).where(Invoice.id == bindparam("b_id")).values(paid_on=bindparam("b_paid_on"))
        connection.execute(stmt, updates)
        return
    for start in range(0, len(updates), 2000):
        chunk = [(u["b_id"], u["b_paid_on"]) for u in updates[start : start + 2000]]
        changed = values(column("id", Integer), column("paid_on", Date), name="changed").data(chunk)
        stmt = update(Invoice).where(Invoice.id == changed.c.id).values(paid_on=cast(changed.c.paid_on, Date))
        connection.execute(stmt)


@dataclass(frozen=True)
class _StoredInvoice(OpenInvoice):
    stored_paid_on: date | None = None


def _stored_paid_on(inv: OpenInvoice) -> date | None:
    return inv.stored_paid_on if isinstance(inv, _StoredInvoice) else None


def _load(
    session: Session, ids: list[int] | None
) -> tuple[dict[int, list[OpenInvoice]], dict[int, list[PaymentIn]]]:
    inv_q = select(Invoice.client_id, Invoice.id, Invoice.invoice_no, Invoice.issued_on, Invoice.due_on,
                   Invoice.amount_cents, Invoice.paid_on)
    pay_q = select(Payment.client_id, Payment.id, Payment.paid_on, Payment.seq, Payment.amount_cents,
                   Payment.invoice_id)
    invoices: dict[int, list[OpenInvoice]] = defaultdict(list)
    payments: dict[int, list[PaymentIn]] = defaultdict(list)
    for chunk in _chunks(ids) if ids is not None else [None]:
        iq, pq = inv_q, pay_q
        if chunk is not None:
            iq = iq.where(Invoice.client_id.in_(chunk))
            pq = pq.where(Payment.client_id.in_(chunk))
        for cid, *fields, stored in session.execute(iq):
            invoices[cid].append(_StoredInvoice(*fields, stored_paid_on=stored))
        for cid, *fields in session.execute(pq):
            payments[cid].append(PaymentIn(*fields))
    return invoices, payments


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
