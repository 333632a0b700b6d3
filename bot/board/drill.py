"""Drill-down: the clients behind one row of a panel, as a chat question scoped to the row's group.

The URL names only the panel and the row's position (/board/drill/<panel>/<n>); the row is found again by
answering the panel for the same viewer, so nothing in the address is a name or a figure, and a row the viewer
cannot see does not exist for them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.board.panels import Panel
from domain.facts.receivables import BUCKETS
from domain.models import Role, Staff
from domain.queries import ClientFilter, Intent, Query, Result
from domain.scope import Viewer

ALL = 1000  # the longest list a drill-down answers (the executor's limit)


def drill_query(session: Session, viewer: Viewer, panel: Panel, result: Result, row: int) -> Query | None:
    """The question whose answer lists the clients behind row `row`, or None when there is no such row."""
    if row < 0 or row >= len(result.items):
        return None
    item = result.items[row]
    if panel.drill == "segment":
        return Query(intent=Intent.client_segments, segment=item["segment"])
    if panel.drill == "aging":
        low = next((low for label, low, _ in BUCKETS if label == item.get("bucket")), None)
        return None if low is None else Query(intent=Intent.overdue_clients, min_days_overdue=low - 1)
    owners = _owners(session, viewer, panel, item)
    if not owners:
        return None
    flt = ClientFilter(owner_ids=owners)
    if panel.drill == "staff":
        return Query(intent=Intent.clients_by_attribute, clients=flt, limit=ALL)
    if panel.measure_is_overdue():
        return Query(intent=Intent.overdue_clients, clients=flt)
    return Query(intent=Intent.top_debtors, clients=flt, limit=ALL)


def _owners(session: Session, viewer: Viewer, panel: Panel, item: dict) -> list[int]:
    """The staff ids behind an owner, team or staff row — only those the viewer may see."""
    name = str(item.get("staff") if panel.drill == "staff" else item.get("group"))
    staff = session.execute(select(Staff.id, Staff.role, Staff.manager_id).where(Staff.name == name)).first()
    if staff is None:
        return []
    ids = {staff.id}
    if panel.drill == "team":  # a team is its lead and the staff (not leads themselves) who report to them
        members = select(Staff.id).where(Staff.manager_id == staff.id,
                                         Staff.role.not_in([Role.manager.value, Role.admin.value]))
        ids |= set(session.execute(members).scalars())
    return sorted(i for i in ids if viewer.owner_ids is None or i in viewer.owner_ids)
