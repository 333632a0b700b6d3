"""Staff facts: how many clients a staff member owns, and staff rankings by a metric.

A staff member's clients are the clients they own. Client counts cover active clients; money metrics cover
clients of every status (semantics.md). A viewer ranks only the staff whose clients they may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.facts.common import ACTIVE_ONLY, client_conditions, exists_row, money, restrict
from domain.facts.profitability import revenue_by_client
from domain.facts.receivables import due_before, open_outstanding
from domain.models import Client, Invoice, Payment, Staff
from domain.queries import ClientFilter, StaffMetric
from domain.scope import Viewer


@dataclass(frozen=True)
class StaffValue:
    staff_id: int
    staff: str
    value: Decimal | int


def staff_name(session: Session, staff_id: int) -> str | None:
    return session.execute(select(Staff.name).where(Staff.id == staff_id)).scalar()


def staff_client_count(session: Session, viewer: Viewer, staff_id: int, *,
                       clients: ClientFilter | None = None) -> int | None:
    """Active clients owned by `staff_id`; None when the viewer may not see that staff member's clients."""
    if not viewer.sees_owner(staff_id):
        return None
    conds = [Client.owner_id == staff_id, *client_conditions(viewer, clients, ACTIVE_ONLY)]
    return int(session.execute(select(func.count()).select_from(Client).where(*conds)).scalar_one())


def _by_owner(session: Session, metric: StaffMetric, today: date, start: date, end: date, viewer: Viewer,
              clients: ClientFilter | None) -> dict[int, int]:
    """owner id → the metric summed over their clients (cents for money, a count for clients)."""
    conds = client_conditions(viewer, clients, ACTIVE_ONLY if metric == "clients" else None)
    scope = restrict(Invoice.client_id, viewer, clients)
    if metric == "clients":
        stmt = select(Client.owner_id, func.count()).where(*conds)
    elif metric == "collected":
        stmt = (select(Client.owner_id, func.sum(Payment.amount_cents)).join(Client, Client.id == Payment.client_id)
                .where(Payment.paid_on >= start, Payment.paid_on <= min(end, today), *conds))
    elif metric == "revenue":
        rev = revenue_by_client(start, end, scope)
        stmt = select(Client.owner_id, func.sum(rev.c.revenue)).join(Client, Client.id == rev.c.client_id)
    else:
        inv = open_outstanding(session, today, due_before(today), *scope)
        stmt = select(Client.owner_id, func.sum(inv.c.out)).join(Client, Client.id == inv.c.client_id)
    return {owner: int(value or 0) for owner, value in session.execute(stmt.group_by(Client.owner_id))}


def staff_ranking(session: Session, viewer: Viewer, today: date, metric: StaffMetric, start: date, end: date, *,
                  clients: ClientFilter | None = None, limit: int | None = 10,
                  ascending: bool = False) -> list[StaffValue]:
    """Visible staff who own at least one client, ranked by the metric (largest first unless `ascending`, ties
    by name).

    `start`/`end` is the window for collected (capped at today) and revenue (invoices issued in it)."""
    values = _by_owner(session, metric, today, start, end, viewer, clients)
    owns = exists_row(Client.owner_id == Staff.id)
    stmt = select(Staff.id, Staff.name).where(owns)
    if viewer.owner_ids is not None:
        stmt = stmt.where(Staff.id.in_(sorted(viewer.owner_ids)))
    if clients is not None and clients.owner_ids is not None:
        stmt = stmt.where(Staff.id.in_(clients.owner_ids))
    rows = [StaffValue(sid, name, values.get(sid, 0) if metric == "clients" else money(values.get(sid, 0)))
            for sid, name in session.execute(stmt)]
    rows.sort(key=lambda r: (r.value if ascending else -r.value, r.staff))
    return rows[:limit] if limit else rows
