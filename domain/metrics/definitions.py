"""The metrics of semantics.md ("Metrics, breakdowns and trends") as data.

A metric is the rows it reads — one SELECT with the labelled columns `client_id`, `staff_id` (the staff member
the row belongs to when it is not the client's owner: service logs), `day` (the date that places the row in a
period), `service` (the service type, where there is one) and two integer values `a` and `b` — how those rows
are aggregated (`sum` of a and b, or `clients`: distinct clients), and how the two sums become the figure.
Whether it is a flow (summed over a period by `day`) or a stock (as of today), which client statuses it covers
by default, and which dimensions it can be grouped by are data too. `domain.metrics.compile` turns a metric, a
dimension, a window and the asker's scope into ONE SQL statement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy import BigInteger, ColumnElement, Select, cast, func, literal, null, select, union_all

from domain.facts.common import money, ratio, unindexed
from domain.facts.profitability import cost_cents
from domain.facts.receivables import is_open, outstanding
from domain.models import (
    Allocation,
    Client,
    ClientStatus,
    Contract,
    DocumentRequest,
    DocumentStatus,
    Invoice,
    Payment,
    ServiceLog,
    Staff,
)

Value = Decimal | int | float | None
MONEY_STATUSES: tuple[ClientStatus, ...] = ()  # money covers every client status
ACTIVE: tuple[ClientStatus, ...] = (ClientStatus.active,)
SIGNED_CLIENTS: tuple[ClientStatus, ...] = (ClientStatus.active, ClientStatus.churned)
CLIENT_DIMENSIONS = frozenset({"owner", "team", "tier", "industry", "region", "taxpayer_type", "credit_rating"})
TIME = frozenset({"month", "quarter"})


@dataclass(frozen=True)
class Window:
    """The dates a metric reads: [start, end] for flows (already cut at today where the metric says so)."""

    start: date
    end: date
    today: date
    min_days_overdue: int | None = None  # overdue metrics: only invoices MORE than N days overdue
    service: bool = False  # read the service type (only the service_type dimension needs the contract join)
    current: bool = False  # the stored open amounts are exact for `today` (domain/open_amounts.py): read those


@dataclass(frozen=True)
class Metric:
    name: str
    kind: Literal["flow", "stock"]
    rows: Callable[[Window], Select]
    finish: Callable[[int, int], Value]
    aggregate: Literal["sum", "clients"] = "sum"
    statuses: tuple[ClientStatus, ...] = MONEY_STATUSES
    dimensions: frozenset[str] = field(default_factory=lambda: CLIENT_DIMENSIONS | TIME)
    staff_rows: bool = False  # the owner dimension groups by the row's staff member (who logged the hours)
    money: bool = True
    shareable: bool = True
    whole_month: bool = False  # a month's figure covers the whole month (collection rate: invoices due in it)


def _columns(client_id: ColumnElement, day: ColumnElement | None, a: ColumnElement, b: ColumnElement | None = None,
             *, staff: ColumnElement | None = None, service: ColumnElement | None = None) -> list[ColumnElement]:
    return [client_id.label("client_id"), (staff if staff is not None else null()).label("staff_id"),
            (day if day is not None else null()).label("day"),
            (service if service is not None else null()).label("service"), a.label("a"),
            (b if b is not None else literal(0)).label("b")]


def _centi_hours() -> ColumnElement[int]:
    return cast(func.round(ServiceLog.hours * 100), BigInteger)


def _invoiced(w: Window) -> Select:
    if not w.service:
        return select(*_columns(Invoice.client_id, Invoice.issued_on, Invoice.amount_cents)).where(
            Invoice.issued_on >= w.start, Invoice.issued_on <= w.end)
    return (select(*_columns(Invoice.client_id, Invoice.issued_on, Invoice.amount_cents,
                             service=Contract.service_type))
            .outerjoin(Contract, Contract.id == Invoice.contract_id)
            .where(Invoice.issued_on >= w.start, Invoice.issued_on <= w.end))


def _collected(w: Window) -> Select:
    return select(*_columns(Payment.client_id, Payment.paid_on, Payment.amount_cents)).where(
        Payment.paid_on >= w.start, Payment.paid_on <= min(w.end, w.today))


def _signed(w: Window) -> Select:
    return select(*_columns(Contract.client_id, Contract.signed_on, Contract.amount_cents,
                            service=Contract.service_type)).where(
        Contract.signed_on >= w.start, Contract.signed_on <= w.end)


def _new_clients(w: Window) -> Select:
    return select(*_columns(Client.id, Client.signed_on, literal(1))).where(
        Client.signed_on >= w.start, Client.signed_on <= w.end)


def _logged(w: Window) -> list[ColumnElement[bool]]:
    """Service logs dated in the window, read in one pass over the covering (client, staff, date, hours) index
    rather than a date range that looks every row up (profitability.py does the same)."""
    day = unindexed(ServiceLog.date)
    return [day >= w.start, day <= w.end]


def _service_hours(w: Window) -> Select:
    return select(*_columns(ServiceLog.client_id, ServiceLog.date, _centi_hours(), staff=ServiceLog.staff_id)).where(
        *_logged(w))


def _service_cost(w: Window) -> Select:
    return (select(*_columns(ServiceLog.client_id, ServiceLog.date, _centi_hours() * Staff.hourly_cost_cents,
                             staff=ServiceLog.staff_id))
            .join(Staff, Staff.id == ServiceLog.staff_id).where(*_logged(w)))


def _profit(w: Window) -> Select:
    """Invoiced (a, cents) and service cost (b, hundredths of a cent) in one set of rows, both by the client."""
    invoices = select(*_columns(Invoice.client_id, Invoice.issued_on, Invoice.amount_cents, literal(0))).where(
        Invoice.issued_on >= w.start, Invoice.issued_on <= w.end)
    costs = (select(*_columns(ServiceLog.client_id, ServiceLog.date, literal(0),
                              _centi_hours() * Staff.hourly_cost_cents))
             .join(Staff, Staff.id == ServiceLog.staff_id).where(*_logged(w)))
    return select(union_all(invoices, costs).subquery("profit_rows"))


def _lifetime(w: Window) -> Select:
    return select(*_columns(Invoice.client_id, Invoice.issued_on, Invoice.amount_cents)).where(
        Invoice.issued_on <= w.today)


def _open(w: Window) -> tuple[ColumnElement, ColumnElement[bool]]:
    """Each invoice's outstanding as of today and "still open": the stored amount behind its partial index when it
    is exact for today, else summed from the allocations (receivables.py)."""
    if w.current:
        return Invoice.open_cents, Invoice.open_cents > 0
    return outstanding(w.today), is_open(w.today)


def _balance(w: Window) -> Select:
    out, still_open = _open(w)
    return select(*_columns(Invoice.client_id, Invoice.due_on, out)).where(
        still_open, unindexed(Invoice.issued_on) <= w.today)  # the open-invoice index drives (receivables.py)


def _overdue(w: Window) -> Select:
    limit = w.today - timedelta(days=w.min_days_overdue or 0)
    out, still_open = _open(w)
    return select(*_columns(Invoice.client_id, Invoice.due_on, out)).where(
        still_open, unindexed(Invoice.due_on) < limit)


def _clients(w: Window) -> Select:
    return select(*_columns(Client.id, None, literal(1)))


def _late_documents(w: Window) -> Select:
    return select(*_columns(DocumentRequest.client_id, DocumentRequest.due_on, literal(1))).where(
        DocumentRequest.status == DocumentStatus.pending.value, DocumentRequest.due_on < w.today)


def _collection_rate(w: Window) -> Select:
    """Invoices due in the window: amount (a) and what was allocated to them by today (b)."""
    due = [Invoice.due_on >= w.start, Invoice.due_on <= w.end]
    amounts = select(*_columns(Invoice.client_id, Invoice.due_on, Invoice.amount_cents, literal(0))).where(*due)
    paid = (select(*_columns(Invoice.client_id, Invoice.due_on, literal(0), Allocation.amount_cents))
            .join(Allocation, Allocation.invoice_id == Invoice.id).where(*due, Allocation.paid_on <= w.today))
    return select(union_all(amounts, paid).subquery("rate_rows"))


def _money(a: int, b: int) -> Decimal:
    return money(a)


def _count(a: int, b: int) -> int:
    return int(a)


def _hours(a: int, b: int) -> Decimal:
    return Decimal(int(a)).scaleb(-2)


def _cost(a: int, b: int) -> Decimal:
    return money(cost_cents(int(a)))


def _profit_value(a: int, b: int) -> Decimal:
    return money(int(a) - cost_cents(int(b)))


def _rate(a: int, b: int) -> float | None:
    return ratio(int(b), int(a))


NO_TIME = CLIENT_DIMENSIONS
METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("invoiced", "flow", _invoiced, _money, dimensions=CLIENT_DIMENSIONS | TIME | {"service_type"}),
    Metric("collected", "flow", _collected, _money),
    Metric("signed", "flow", _signed, _money, dimensions=CLIENT_DIMENSIONS | TIME | {"service_type"}),
    Metric("new_clients", "flow", _new_clients, _count, statuses=SIGNED_CLIENTS, money=False),
    Metric("service_hours", "flow", _service_hours, _hours, staff_rows=True, money=False),
    Metric("service_cost", "flow", _service_cost, _cost, staff_rows=True),
    Metric("profit", "flow", _profit, _profit_value, shareable=False),
    Metric("lifetime_revenue", "stock", _lifetime, _money, dimensions=NO_TIME),
    Metric("receivable_balance", "stock", _balance, _money, dimensions=NO_TIME),
    Metric("overdue_amount", "stock", _overdue, _money, dimensions=NO_TIME | {"aging"}),
    Metric("overdue_clients", "stock", _overdue, _count, aggregate="clients", dimensions=NO_TIME | {"aging"},
           money=False),
    Metric("clients", "stock", _clients, _count, statuses=ACTIVE, dimensions=NO_TIME, money=False),
    Metric("late_documents", "stock", _late_documents, _count, dimensions=NO_TIME, money=False),
    Metric("collection_rate", "flow", _collection_rate, _rate, money=False, shareable=False, whole_month=True),
)}
