"""Credit rating 信用等级 (semantics.md), computed in SQL for every client in scope (all statuses):

- worst = the largest days overdue among the client's currently overdue invoices (0 if none);
- recent = invoices due in [today − 365, today); on-time ratio = share of recent invoices paid on or before
  their due date;
- D if worst > 90. Otherwise, with no recent invoice: N/A when worst = 0, else C when worst > 30, else B.
  Otherwise C if worst > 30 or ratio < 0.6; B if worst > 0 or ratio < 0.9; else A.

Ratios are compared exactly in integers (ratio < 0.6 ⟺ 10·on_time < 6·recent).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, Subquery, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session

from domain.facts.common import Owner, client_conditions, code_point, ratio, read, restrict, unindexed
from domain.models import Client, Invoice
from domain.queries import ClientFilter
from domain.scope import Viewer

RATINGS = ("A", "B", "C", "D", "N/A")


class CreditRow(NamedTuple):
    client_id: int
    client: str
    owner: str
    rating: str
    max_days_overdue: int
    on_time_ratio: float | None


def _aggregates(today: date) -> tuple[list[ColumnElement], list[ColumnElement[bool]]]:
    """The earliest due date among overdue invoices, the recent count and the on-time count (labelled), and the
    conditions on the invoices they read. The columns hold over any set of invoices (client health reads them in
    its own pass over every invoice); the conditions only skip invoices that cannot count.

    Dates are compared `unindexed` so that SQLite reads (client_id, due_on, paid_on) in one ordered, covering
    pass instead of sorting a year of invoices by client; scope conditions still seek by client."""
    due, paid = unindexed(Invoice.due_on), unindexed(Invoice.paid_on)
    year_ago = today - timedelta(days=365)
    recent = and_(due >= year_ago, due < today)
    unpaid = or_(paid.is_(None), paid > today)
    on_time = and_(recent, paid.is_not(None), paid <= due)
    columns = [func.min(case((and_(unpaid, due < today), Invoice.due_on))).label("earliest"),
               func.sum(case((recent, 1), else_=0)).label("recent"),
               func.sum(case((on_time, 1), else_=0)).label("on_time")]
    return columns, [due < today, or_(due >= year_ago, unpaid)]


def _per_client(today: date, invoice_conds: list[ColumnElement[bool]]) -> Subquery:
    """Per client with such invoices: earliest, recent and on_time (`_aggregates`)."""
    columns, conds = _aggregates(today)
    return (select(Invoice.client_id.label("client_id"), *columns).where(*conds, *invoice_conds)
            .group_by(Invoice.client_id).subquery("credit"))


def _only_possible_d(today: date) -> ColumnElement[bool]:
    """A necessary condition for D (an open invoice more than 90 days overdue), cheap on the open-invoice
    index: asking for D clients then rates only those."""
    worst = select(Invoice.client_id).where(or_(Invoice.paid_on.is_(None), Invoice.paid_on > today),
                                            unindexed(Invoice.due_on) < today - timedelta(days=90))
    return Invoice.client_id.in_(worst)


def _rating(today: date, earliest: ColumnElement, recent: ColumnElement, on_time: ColumnElement) -> ColumnElement:
    def worse_than(days: int) -> ColumnElement[bool]:
        return earliest < today - timedelta(days=days)

    return case(
        (worse_than(90), literal("D")),
        (recent == 0, case((earliest.is_(None), literal("N/A")), (worse_than(30), literal("C")), else_=literal("B"))),
        (or_(worse_than(30), on_time * 10 < recent * 6), literal("C")),
        (or_(earliest.is_not(None), on_time * 10 < recent * 9), literal("B")),
        else_=literal("A"))


def credit_ratings(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None,
                   rating: str | None = None) -> list[CreditRow]:
    """Every client in scope (all statuses unless the filter names one) with its rating, sorted by name;
    only those rated `rating` when given."""
    conds = restrict(Invoice.client_id, viewer, clients)
    if rating == "D":
        conds.append(_only_possible_d(today))
    agg = _per_client(today, conds)
    recent = func.coalesce(agg.c.recent, 0)
    on_time = func.coalesce(agg.c.on_time, 0)
    grade = _rating(today, agg.c.earliest, recent, on_time).label("rating")
    inner = (select(Client.id.label("id"), Client.name.label("client"), Owner.name.label("owner"), grade,
                    agg.c.earliest, recent.label("recent"), on_time.label("on_time"))
             .join(agg, agg.c.client_id == Client.id, isouter=rating in (None, "N/A"))  # no invoices: N/A
             .join(Owner, Owner.id == Client.owner_id)
             .where(*client_conditions(viewer, clients)).subquery("rated"))
    stmt = select(inner).order_by(code_point(inner.c.client))
    if rating is not None:
        stmt = stmt.where(inner.c.rating == rating)
    return [CreditRow(cid, name, owner, grade, (today - earliest).days if earliest else 0,
                      ratio(int(on), int(rec)))
            for cid, name, owner, grade, earliest, rec, on in read(session, stmt)]


def client_credit(session: Session, viewer: Viewer, today: date, client_id: int) -> CreditRow | None:
    """One client's rating (None when the viewer may not see it): the same aggregates and rule as
    `credit_ratings`, over that client's invoices only, in one statement."""
    columns, conds = _aggregates(today)
    agg = select(*columns).where(Invoice.client_id == client_id, *conds).subquery("credit")  # always one row
    recent, on_time = func.coalesce(agg.c.recent, 0), func.coalesce(agg.c.on_time, 0)
    stmt = (select(Client.id, Client.name, Owner.name, _rating(today, agg.c.earliest, recent, on_time),
                   agg.c.earliest, recent, on_time)
            .join(Owner, Owner.id == Client.owner_id).join(agg, true())
            .where(Client.id == client_id, *client_conditions(viewer, ClientFilter(client_ids=[client_id]))))
    found = session.execute(stmt).first()
    if found is None:
        return None
    cid, name, owner, grade, earliest, rec, on = found
    return CreditRow(cid, name, owner, grade, (today - earliest).days if earliest else 0, ratio(int(on), int(rec)))
