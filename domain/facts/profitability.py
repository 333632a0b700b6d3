"""Revenue, service cost, profit and margin per client (semantics.md "Clients"), and the rankings by them.

revenue = Σ invoice amounts issued in the window (default the trailing 12 months [today − 365, today]);
service cost = Σ service-log hours × the logging staff member's hourly cost, same window;
profit = revenue − cost; margin = profit ÷ revenue, undefined (None) when revenue is 0.

Exactness: hours have two decimals, so cost is summed in SQL as integer hundredths of a cent
(ROUND(hours × 100) × hourly cost cents) and rounded half-up to cents once per client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from sqlalchemy import BigInteger, Float, Select, cast, func, select
from sqlalchemy.orm import Session

from domain.facts.common import Owner, cents, client_conditions, money, ratio
from domain.models import Client, Invoice, ServiceLog, Staff
from domain.queries import ClientFilter
from domain.scope import Viewer

Metric = Literal["revenue", "profit", "margin"]


@dataclass(frozen=True)
class Profitability:
    client_id: int
    client: str
    owner: str
    revenue: Decimal
    cost: Decimal
    profit: Decimal
    margin: float | None


def cost_cents(centi_cents: int) -> int:
    """Hundredths of a cent → cents, half up (costs are never negative)."""
    return int((Decimal(centi_cents) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _centi_cost():
    """One service log's cost in hundredths of a cent, exact on both backends."""
    return cast(func.round(ServiceLog.hours * 100), BigInteger) * Staff.hourly_cost_cents


def _revenue_by_client(start: date, end: date):
    return (select(Invoice.client_id.label("client_id"), func.sum(Invoice.amount_cents).label("revenue"))
            .where(Invoice.issued_on >= start, Invoice.issued_on <= end)
            .group_by(Invoice.client_id).subquery("rev"))


def _cost_by_client(start: date, end: date):
    return (select(ServiceLog.client_id.label("client_id"), func.sum(_centi_cost()).label("cost"))
            .join(Staff, Staff.id == ServiceLog.staff_id)
            .where(ServiceLog.date >= start, ServiceLog.date <= end)
            .group_by(ServiceLog.client_id).subquery("cost"))


def _statement(viewer: Viewer, start: date, end: date, clients: ClientFilter | None) -> Select:
    rev, cost = _revenue_by_client(start, end), _cost_by_client(start, end)
    cost_cc = func.coalesce(cost.c.cost, 0)
    return (select(Client.id, Client.name, Owner.name, rev.c.revenue, cost_cc.label("cost_cc"))
            .join_from(Client, rev, rev.c.client_id == Client.id)
            .outerjoin(cost, cost.c.client_id == Client.id)
            .join(Owner, Owner.id == Client.owner_id)
            .where(rev.c.revenue > 0, *client_conditions(viewer, clients)))


def _row(cid: int, name: str, owner: str, revenue: object, cost_cc: object) -> Profitability:
    rev = cents(revenue)
    cost = cost_cents(cents(cost_cc))
    return Profitability(cid, name, owner, money(rev), money(cost), money(rev - cost), ratio(rev - cost, rev))


def ranking(session: Session, viewer: Viewer, today: date, start: date, end: date, metric: Metric, *,
            clients: ClientFilter | None = None, limit: int | None = 10,
            ascending: bool = False) -> list[Profitability]:
    """Clients with revenue > 0 in the window ranked by `metric` (largest first unless ascending), ties by
    name. Money covers every client status unless the filter names one."""
    stmt = _statement(viewer, start, end, clients)
    rev = stmt.selected_columns[3]
    profit_cc = rev * 100 - stmt.selected_columns[4]
    key = {"revenue": rev, "profit": profit_cc, "margin": cast(profit_cc, Float) / rev}[metric]
    stmt = stmt.order_by(key.asc() if ascending else key.desc(), Client.name).limit(limit)
    return [_row(*row) for row in session.execute(stmt)]


def client_profitability(session: Session, today: date, start: date, end: date, client_id: int) -> Profitability:
    """One client's figures, zero revenue included (the caller has checked the viewer may see it)."""
    name, owner = session.execute(select(Client.name, Owner.name).join(Owner, Owner.id == Client.owner_id)
                                  .where(Client.id == client_id)).one()
    revenue = session.execute(select(func.sum(Invoice.amount_cents)).where(
        Invoice.client_id == client_id, Invoice.issued_on >= start, Invoice.issued_on <= end)).scalar()
    cost = session.execute(
        select(func.sum(_centi_cost())).select_from(ServiceLog).join(Staff, Staff.id == ServiceLog.staff_id)
        .where(ServiceLog.client_id == client_id, ServiceLog.date >= start, ServiceLog.date <= end)).scalar()
    return _row(client_id, name, owner, revenue, cost)
