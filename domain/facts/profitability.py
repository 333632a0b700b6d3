"""Revenue, service cost, profit and margin per client (semantics.md "Clients"), and the rankings by them.

revenue = Σ invoice amounts issued in the window (default the trailing 12 months [today − 365, today]);
service cost = Σ service-log hours × the logging staff member's hourly cost, same window;
profit = revenue − cost; margin = profit ÷ revenue, undefined (None) when revenue is 0.

Exactness: hours have two decimals, so cost is summed in SQL as integer hundredths of a cent
(ROUND(hours × 100) × hourly cost cents) and rounded half-up to cents once per client.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, NamedTuple

from sqlalchemy import BigInteger, ColumnElement, Float, Subquery, cast, func, literal, select
from sqlalchemy.orm import Session

from domain.facts.common import Owner, cents, client_conditions, code_point, money, ratio, read, restrict, unindexed
from domain.models import Client, Invoice, ServiceLog, Staff
from domain.queries import ClientFilter
from domain.scope import Viewer

Metric = Literal["revenue", "profit", "margin"]


class Profitability(NamedTuple):
    client_id: int
    client: str
    owner: str
    revenue: Decimal
    cost: Decimal
    profit: Decimal
    margin: float | None


def cost_cents(centi_cents: int) -> int:
    """Hundredths of a cent → cents, half up (costs are never negative; integer arithmetic is exact for those)."""
    if centi_cents >= 0:
        return (centi_cents + 50) // 100
    return int((Decimal(centi_cents) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _centi_hours():
    """One service log's hours in hundredths, exact on both backends (SQLite may store 1.15 as a float)."""
    return cast(func.round(ServiceLog.hours * 100), BigInteger)


def revenue_by_client(start: date, end: date, scope: list[ColumnElement[bool]]) -> Subquery:
    """Σ invoiced per client in the window. The issue-date range is not used as an index: one ordered pass
    over (client_id, issued_on, amount_cents) is cheaper than sorting most of a year's invoices by client."""
    issued = unindexed(Invoice.issued_on)
    return (select(Invoice.client_id.label("client_id"), func.sum(Invoice.amount_cents).label("revenue"))
            .where(issued >= start, issued <= end, *scope).group_by(Invoice.client_id).subquery("rev"))


def _cost_by_client(start: date, end: date, scope: list[ColumnElement[bool]]) -> Subquery:
    """Σ hours × hourly cost per client in the window, in hundredths of a cent: each log's hours in hundredths
    times its staff member's hourly cost (found by primary key), summed in one ordered pass over the logs by client
    (cheaper than grouping by client and staff first and pricing the pairs in a second grouping)."""
    day = unindexed(ServiceLog.date)
    return (select(ServiceLog.client_id.label("client_id"),
                   func.sum(_centi_hours() * Staff.hourly_cost_cents).label("cost"))
            .join(Staff, Staff.id == ServiceLog.staff_id)
            .where(day >= start, day <= end, *scope).group_by(ServiceLog.client_id).subquery("cost"))


def _row(cid: int, name: str, owner: str, revenue: object, cost_cc: object) -> Profitability:
    rev = cents(revenue)
    cost = cost_cents(cents(cost_cc))
    return Profitability(cid, name, owner, money(rev), money(cost), money(rev - cost), ratio(rev - cost, rev))


def ranking(session: Session, viewer: Viewer, today: date, start: date, end: date, metric: Metric, *,
            clients: ClientFilter | None = None, limit: int | None = 10,
            ascending: bool = False) -> list[Profitability]:
    """Clients with revenue > 0 in the window ranked by `metric` (largest first unless ascending), ties by
    name. Money covers every client status unless the filter names one.

    One statement: revenue (and cost, unless ranking by revenue) per client pre-aggregated in sub-selects, the
    ranking over them, and the owner's name looked up for the ranked few only."""
    scope = restrict(Invoice.client_id, viewer, clients)
    rev = revenue_by_client(start, end, scope)
    stmt = (select(Client.id.label("id"), Client.name.label("name"), Client.owner_id.label("owner_id"),
                   rev.c.revenue.label("revenue"))
            .join_from(rev, Client, Client.id == rev.c.client_id)
            .where(rev.c.revenue > 0, *client_conditions(viewer, clients)))
    if metric == "revenue":  # cost only for the ranked few
        key: ColumnElement = rev.c.revenue
        stmt = stmt.add_columns(literal(0).label("cost"))
    else:
        cost = _cost_by_client(start, end, restrict(ServiceLog.client_id, viewer, clients))
        cost_cc = func.coalesce(cost.c.cost, 0)
        stmt = stmt.add_columns(cost_cc.label("cost")).outerjoin(cost, cost.c.client_id == Client.id)
        profit_cc = rev.c.revenue * 100 - cost_cc
        key = profit_cc if metric == "profit" else cast(profit_cc, Float) / rev.c.revenue
    ranked = (stmt.add_columns(key.label("rank_key"))
              .order_by(key.asc() if ascending else key.desc(), code_point(Client.name)).limit(limit)
              .subquery("ranked"))
    order = ranked.c.rank_key.asc() if ascending else ranked.c.rank_key.desc()
    rows = read(session, select(ranked.c.id, ranked.c.name, Owner.name, ranked.c.revenue, ranked.c.cost)
                .join(Owner, Owner.id == ranked.c.owner_id).order_by(order, code_point(ranked.c.name)))
    if metric == "revenue":
        costs = _costs_of(session, start, end, [row[0] for row in rows])
        rows = [(*row[:4], costs.get(row[0], 0)) for row in rows]
    return [_row(*row) for row in rows]


def _costs_of(session: Session, start: date, end: date, client_ids: list[int]) -> dict[int, int]:
    if not client_ids:
        return {}
    cost = _cost_by_client(start, end, [ServiceLog.client_id.in_(client_ids)])
    return {cid: cents(value) for cid, value in session.execute(select(cost.c.client_id, cost.c.cost))}


def client_profitability(session: Session, today: date, start: date, end: date, client_id: int) -> Profitability:
    """One client's figures, zero revenue included, in one statement (the caller has checked the viewer may see
    it)."""
    revenue = select(func.sum(Invoice.amount_cents)).where(
        Invoice.client_id == client_id, Invoice.issued_on >= start, Invoice.issued_on <= end).scalar_subquery()
    cost = (select(func.sum(_centi_hours() * Staff.hourly_cost_cents)).select_from(ServiceLog)
            .join(Staff, Staff.id == ServiceLog.staff_id)
            .where(ServiceLog.client_id == client_id, ServiceLog.date >= start, ServiceLog.date <= end)
            .scalar_subquery())
    name, owner, rev, cost_cc = session.execute(
        select(Client.name, Owner.name, revenue, cost).join(Owner, Owner.id == Client.owner_id)
        .where(Client.id == client_id)).one()
    return _row(client_id, name, owner, rev, cost_cc)
