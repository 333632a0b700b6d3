"""The digest's money figures, summed per client owner in a few grouped queries, then added up for each reader.

domain.facts gives these figures for ONE viewer at a time (receivables.collected, collection_rate, aging). The
digest needs them for every manager and admin; asking the facts once per reader would cost (readers × firm) and
grow quadratically with the firm. So these queries group the same definitions by Client.owner_id — built from the
facts' own pieces (receivables.is_open / outstanding / BUCKETS) — and `OwnerSums.total(viewer)` adds up the owners
a reader sees. tests/bot/jobs/test_digest.py checks every figure against the facts asked as that reader.

- collected in [first, last]: Σ payments dated in the window and not after today;
- collection rate of a month: Σ allocated by today to invoices due in the month ÷ Σ their amounts;
- aging: overdue outstanding by 1–30 / 31–60 / 61–90 / 90+ days overdue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from domain.facts.receivables import BUCKETS, is_open, outstanding
from domain.models import Allocation, Client, Invoice, Payment
from domain.scope import Viewer

T = TypeVar("T")


@dataclass
class OwnerSums:
    """owner id → a tuple of integer figures (cents or counts); `total` adds up the owners a viewer sees."""

    width: int
    by_owner: dict[int, list[int]] = field(default_factory=dict)

    def add(self, owner_id: int, index: int, value: int) -> None:
        self.by_owner.setdefault(owner_id, [0] * self.width)[index] += int(value or 0)

    def total(self, viewer: Viewer) -> list[int]:
        owners = self.by_owner.keys() if viewer.owner_ids is None else viewer.owner_ids
        out = [0] * self.width
        for owner in owners:
            for i, value in enumerate(self.by_owner.get(owner, ())):
                out[i] += value
        return out


def collected_by_owner(session: Session, today: date, windows: list[tuple[date, date]]) -> OwnerSums:
    """Σ payments per owner in each window [first, last] (not after today): one query for all windows."""
    sums = OwnerSums(len(windows))
    windows = [(first, min(last, today)) for first, last in windows]
    lowest = min(first for first, _ in windows)
    highest = max(last for _, last in windows)
    columns = [func.sum(case((Payment.paid_on.between(first, last), Payment.amount_cents), else_=0))
               for first, last in windows]
    stmt = (select(Client.owner_id, *columns).join(Client, Client.id == Payment.client_id)
            .where(Payment.paid_on >= lowest, Payment.paid_on <= highest).group_by(Client.owner_id))
    for owner, *values in session.execute(stmt):
        for i, value in enumerate(values):
            sums.add(owner, i, value)
    return sums


def collection_rate_by_owner(session: Session, today: date, first: date, last: date) -> OwnerSums:
    """[Σ amount due in [first, last], Σ allocated to those invoices by today] per owner."""
    sums = OwnerSums(2)
    due = (Invoice.due_on >= first, Invoice.due_on <= last)
    amounts = (select(Client.owner_id, func.sum(Invoice.amount_cents)).join(Client, Client.id == Invoice.client_id)
               .where(*due).group_by(Client.owner_id))
    for owner, value in session.execute(amounts):
        sums.add(owner, 0, value)
    paid = (select(Client.owner_id, func.sum(Allocation.amount_cents))
            .join(Invoice, Invoice.id == Allocation.invoice_id).join(Client, Client.id == Invoice.client_id)
            .where(*due, Allocation.paid_on <= today).group_by(Client.owner_id))
    for owner, value in session.execute(paid):
        sums.add(owner, 1, value)
    return sums


def aging_by_owner(session: Session, today: date) -> OwnerSums:
    """Per owner: [amount, invoices] for each bucket of BUCKETS, flattened (amount₁, count₁, amount₂, …)."""
    sums = OwnerSums(2 * len(BUCKETS))
    whens = [(Invoice.due_on >= today - timedelta(days=high), index)
             for index, (_, _, high) in enumerate(BUCKETS) if high]
    bucket = case(*whens, else_=len(BUCKETS) - 1).label("bucket")
    inv = (select(Invoice.client_id, bucket, outstanding(today).label("out"))
           .where(is_open(today), Invoice.due_on < today).subquery())
    stmt = (select(Client.owner_id, inv.c.bucket, func.sum(inv.c.out), func.count())
            .join(Client, Client.id == inv.c.client_id).group_by(Client.owner_id, inv.c.bucket))
    for owner, index, amount, count in session.execute(stmt):
        sums.add(owner, 2 * int(index), amount)
        sums.add(owner, 2 * int(index) + 1, count)
    return sums


def group_by_owner(rows: Iterable[T], owner_of: Callable[[T], int | None]) -> dict[int, list[T]]:
    """Rows of a whole-firm list, grouped by their client's owner (keeping the list's order)."""
    out: dict[int, list[T]] = defaultdict(list)
    for row in rows:
        owner = owner_of(row)
        if owner is not None:
            out[owner].append(row)
    return out


def visible(grouped: dict[int, list[T]], viewer: Viewer) -> list[T]:
    """The rows of the owners a viewer sees (every row for an admin), in owner order then the list's order."""
    owners = sorted(grouped) if viewer.owner_ids is None else sorted(o for o in viewer.owner_ids if o in grouped)
    return [row for owner in owners for row in grouped[owner]]
