"""Receivables (semantics.md "Money and receivables"): outstanding, overdue, aging, balance, due soon,
collected, invoiced and the collection rate — all summed in SQL.

An invoice is open on `today` exactly when `paid_on IS NULL OR paid_on > today` (allocation.py), which is
the indexed condition every query here starts from; its outstanding is its amount minus the allocations
dated on or before today (a covering-index lookup on `ix_allocation_invoice_date`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import CTE, ColumnElement, Select, Subquery, and_, case, func, or_, select
from sqlalchemy.orm import Session

from domain.facts.built import STATEMENTS, filter_key
from domain.facts.common import Owner, cents, client_conditions, code_point, money, ratio, read, restrict, unindexed
from domain.models import Allocation, Client, Invoice, Payment
from domain.open_amounts import current_is_exact
from domain.queries import ClientFilter
from domain.scope import Viewer

BUCKETS: tuple[tuple[str, int, int | None], ...] = (("1-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90),
                                                     ("90+", 91, None))


class OverdueClient(NamedTuple):
    client_id: int
    client: str
    owner: str
    overdue_amount: Decimal
    max_days_overdue: int
    overdue_invoices: int


class AgingBucket(NamedTuple):
    bucket: str
    amount: Decimal
    invoices: int


class Debtor(NamedTuple):
    client_id: int
    client: str
    owner: str
    balance: Decimal
    overdue_amount: Decimal


class OpenInvoiceRow(NamedTuple):
    invoice_no: str
    client: str
    issued_on: date
    due_on: date
    amount: Decimal
    outstanding: Decimal


def is_open(today: date) -> ColumnElement[bool]:
    """Not fully paid by payments dated on or before today (the indexed form)."""
    return or_(Invoice.paid_on.is_(None), Invoice.paid_on > today)


def due_before(today: date) -> ColumnElement[bool]:
    """Due before today, written so that the open-invoice index (a few %) drives the query, never a range
    scan over every past due date."""
    return unindexed(Invoice.due_on) < today


def issued_by(today: date) -> ColumnElement[bool]:
    return unindexed(Invoice.issued_on) <= today


def allocated_by(today: date) -> ColumnElement[int]:
    """Σ allocated to the current `Invoice` row by payments dated on or before today (correlated)."""
    return func.coalesce(
        select(func.sum(Allocation.amount_cents))
        .where(Allocation.invoice_id == Invoice.id, Allocation.paid_on <= today)
        .correlate(Invoice).scalar_subquery(), 0)


def outstanding(today: date) -> ColumnElement[int]:
    return Invoice.amount_cents - allocated_by(today)


def open_outstanding(session: Session, today: date, *conds: ColumnElement[bool], fold: bool = False) -> CTE:
    """Open invoices (matching `conds`) with their outstanding as of today, computed once per query: a
    materialized CTE, so that the allocation lookup is not repeated for every aggregate that uses it.

    When the stored open amounts are exact for `today` (domain/open_amounts.py — every day's case), they are read
    from the partial index instead of summing allocations per invoice (see `open_invoices_cte`)."""
    return open_invoices_cte(current_is_exact(session, today), today, *conds, fold=fold)


def open_invoices_cte(exact: bool, today: date, *conds: ColumnElement[bool], fold: bool = False) -> CTE:
    """`open_outstanding` once `current_is_exact` is known. With the stored amounts, a lone aggregate over them
    (`fold`: the aging buckets) leaves the CTE for the planner to fold in: materialising ~2,500 rows into a
    temporary table cost more than the aging query's own read (2.7 ms against 1.4 at 10,000 clients). Joined to
    clients it stays materialized (folded, SQLite's plan for the overdue clients took 3× longer)."""
    if exact:
        cte = (select(Invoice.client_id, Invoice.issued_on, Invoice.due_on, Invoice.open_cents.label("out"))
               .where(Invoice.open_cents > 0, *conds).cte("open_invoice"))
        return cte if fold else cte.prefix_with("MATERIALIZED")
    return (select(Invoice.client_id, Invoice.issued_on, Invoice.due_on, outstanding(today).label("out"))
            .where(is_open(today), *conds).cte("open_invoice").prefix_with("MATERIALIZED"))


def _overdue_groups(exact: bool, viewer: Viewer, today: date, clients: ClientFilter | None,
                    min_days_overdue: int | None, min_amount: Decimal | None) -> Subquery:
    """Per overdue client: overdue amount, earliest due date and invoice count, with the thresholds applied."""
    inv = open_invoices_cte(exact, today, due_before(today), *restrict(Invoice.client_id, viewer, clients))
    total = func.sum(inv.c.out)
    stmt = (select(inv.c.client_id, total.label("overdue"), func.min(inv.c.due_on).label("earliest"),
                   func.count().label("invoices")).group_by(inv.c.client_id))
    if min_days_overdue is not None:
        stmt = stmt.having(func.min(inv.c.due_on) < today - timedelta(days=min_days_overdue))
    if min_amount is not None:
        stmt = stmt.having(total > int(min_amount * 100))
    return stmt.subquery("overdue_client")


def overdue_clients(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None,
                    min_days_overdue: int | None = None, min_amount: Decimal | None = None) -> list[OverdueClient]:
    """Clients with an overdue invoice, largest overdue amount first (then name).

    `min_days_overdue` keeps clients with an invoice MORE than N days overdue; `min_amount` keeps an overdue
    amount strictly greater than it.
    """
    exact = current_is_exact(session, today)

    def build() -> Select:
        grp = _overdue_groups(exact, viewer, today, clients, min_days_overdue, min_amount)
        return (select(Client.id, Client.name, Owner.name, grp.c.overdue, grp.c.earliest, grp.c.invoices)
                .join_from(grp, Client, Client.id == grp.c.client_id).join(Owner, Owner.id == Client.owner_id)
                .order_by(grp.c.overdue.desc(), code_point(Client.name)))

    stmt = STATEMENTS.get(("overdue_clients", today, exact, viewer, filter_key(clients), min_days_overdue,
                           min_amount), build)
    return [OverdueClient(cid, name, owner, money(amount), (today - earliest).days, int(n))
            for cid, name, owner, amount, earliest, n in read(session, stmt)]


def overdue_client_count(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None,
                         min_days_overdue: int | None = None, min_amount: Decimal | None = None) -> int:
    grp = _overdue_groups(current_is_exact(session, today), viewer, today, clients, min_days_overdue, min_amount)
    return int(session.execute(select(func.count()).select_from(grp)).scalar_one())


def aging(session: Session, viewer: Viewer, today: date, *,
          clients: ClientFilter | None = None) -> list[AgingBucket]:
    """Overdue outstanding by days overdue: 1–30, 31–60, 61–90, over 90 (always all four buckets)."""
    exact = current_is_exact(session, today)
    stmt = STATEMENTS.get(("aging", today, exact, viewer, filter_key(clients)),
                          lambda: _aging_statement(exact, today, viewer, clients))
    found = {label: (amount, n) for label, amount, n in read(session, stmt)}
    return [AgingBucket(label, money(found.get(label, (0, 0))[0]), int(found.get(label, (0, 0))[1]))
            for label, _, _ in BUCKETS]


def _aging_statement(exact: bool, today: date, viewer: Viewer, clients: ClientFilter | None) -> Select:
    inv = open_invoices_cte(exact, today, due_before(today), *restrict(Invoice.client_id, viewer, clients), fold=True)
    whens = [(inv.c.due_on >= today - timedelta(days=high), label) for label, _, high in BUCKETS if high]
    bucket = case(*whens, else_="90+").label("bucket")
    return select(bucket, func.sum(inv.c.out), func.count()).group_by(bucket)


def overdue_total(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None) -> Decimal:
    return sum((b.amount for b in aging(session, viewer, today, clients=clients)), Decimal("0.00"))


def receivable_balance(session: Session, viewer: Viewer, today: date, *,
                       clients: ClientFilter | None = None) -> Decimal:
    """Σ outstanding over invoices issued on or before today."""
    inv = open_outstanding(session, today, issued_by(today), *restrict(Invoice.client_id, viewer, clients))
    return money(session.execute(select(func.sum(inv.c.out))).scalar())


def top_debtors(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None,
                limit: int | None = 10) -> list[Debtor]:
    """Clients by receivable balance, largest first (ties by name), with their overdue part."""
    inv = open_outstanding(session, today, issued_by(today), *restrict(Invoice.client_id, viewer, clients))
    grp = (select(inv.c.client_id, func.sum(inv.c.out).label("balance"),
                  func.sum(case((inv.c.due_on < today, inv.c.out), else_=0)).label("overdue"))
           .group_by(inv.c.client_id).subquery("debtor"))
    stmt = (select(Client.id, Client.name, Owner.name, grp.c.balance, grp.c.overdue)
            .join_from(grp, Client, Client.id == grp.c.client_id).join(Owner, Owner.id == Client.owner_id)
            .order_by(grp.c.balance.desc(), code_point(Client.name)).limit(limit))
    return [Debtor(cid, name, owner, money(bal), money(over)) for cid, name, owner, bal, over in session.execute(stmt)]


def open_invoices(session: Session, viewer: Viewer, today: date, *, due_from: date | None = None,
                  due_to: date | None = None, clients: ClientFilter | None = None,
                  issued_only: bool = False) -> list[OpenInvoiceRow]:
    """Open invoices (outstanding > 0), optionally with a due date in [due_from, due_to]; by due date, number."""
    conds = [is_open(today), *client_conditions(viewer, clients)]
    if due_from is not None:
        conds.append(Invoice.due_on >= due_from)
    if due_to is not None:
        conds.append(Invoice.due_on <= due_to)
    if issued_only:
        conds.append(Invoice.issued_on <= today)
    stmt = (select(Invoice.invoice_no, Client.name, Invoice.issued_on, Invoice.due_on, Invoice.amount_cents,
                   outstanding(today)).join(Client, Client.id == Invoice.client_id).where(*conds)
            .order_by(Invoice.due_on, Invoice.invoice_no))
    return [OpenInvoiceRow(no, name, issued, due, money(amount), money(out))
            for no, name, issued, due, amount, out in read(session, stmt)]


def due_soon(session: Session, viewer: Viewer, today: date, start: date | None = None, end: date | None = None, *,
             clients: ClientFilter | None = None) -> list[OpenInvoiceRow]:
    """Open invoices falling due in the window (default the next 7 days); dates already past are left out."""
    start = max(start or today, today)
    end = end if end is not None else today + timedelta(days=7)
    if end < start:
        return []
    return open_invoices(session, viewer, today, due_from=start, due_to=end, clients=clients)


def collected(session: Session, viewer: Viewer, today: date, start: date, end: date, *,
              clients: ClientFilter | None = None) -> Decimal:
    """Σ payments dated in [start, end] and not after today."""
    end = min(end, today)
    stmt = select(func.sum(Payment.amount_cents)).where(
        Payment.paid_on >= start, Payment.paid_on <= end, *restrict(Payment.client_id, viewer, clients))
    return money(session.execute(stmt).scalar())


def invoiced(session: Session, viewer: Viewer, today: date, start: date, end: date, *,
             clients: ClientFilter | None = None) -> Decimal:
    """Σ invoice amounts issued in [start, end] and on or before today; invoices dated later are scheduled and
    count only when the whole period asked is in the future (semantics.md)."""
    if start <= today:
        end = min(end, today)
    stmt = select(func.sum(Invoice.amount_cents)).where(
        Invoice.issued_on >= start, Invoice.issued_on <= end, *restrict(Invoice.client_id, viewer, clients))
    return money(session.execute(stmt).scalar())


@dataclass(frozen=True)
class CollectionRate:
    due_amount: Decimal
    collected_amount: Decimal

    @property
    def rate(self) -> float | None:
        return ratio(int(self.collected_amount * 100), int(self.due_amount * 100))


def collection_rate(session: Session, viewer: Viewer, today: date, first: date, last: date, *,
                    clients: ClientFilter | None = None) -> CollectionRate:
    """For invoices due in [first, last] (a month): Σ allocated by today ÷ Σ amount."""
    due = and_(Invoice.due_on >= first, Invoice.due_on <= last, *restrict(Invoice.client_id, viewer, clients))
    amount = session.execute(select(func.sum(Invoice.amount_cents)).where(due)).scalar()
    paid = session.execute(select(func.sum(Allocation.amount_cents))
                           .join(Invoice, Invoice.id == Allocation.invoice_id)
                           .where(due, Allocation.paid_on <= today)).scalar()
    return CollectionRate(money(amount), money(paid))


def client_receivables(session: Session, today: date, client_id: int) -> tuple[Decimal, Decimal, int]:
    """One client's (balance, overdue amount, max days overdue) for the profile card; the caller checks scope."""
    stmt = select(Invoice.issued_on, Invoice.due_on, outstanding(today)).where(
        Invoice.client_id == client_id, is_open(today))
    balance = overdue = 0
    worst = 0
    for issued_on, due_on, out in session.execute(stmt):
        if issued_on <= today:
            balance += cents(out)
        if due_on < today:
            overdue += cents(out)
            worst = max(worst, (today - due_on).days)
    return money(balance), money(overdue), worst
