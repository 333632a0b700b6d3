"""The staff board (员工业绩, semantics.md): one row per staff member in scope who owns at least one client (any
status) or logged service hours in the period — active clients owned, collected and invoiced of all their clients
in the period, overdue amount of their clients today, late documents of their clients now, hours they logged in
the period. One statement: each figure is a metric grouped by staff id (definitions.py), left-joined to `Staff`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Subquery, func, literal, select
from sqlalchemy.orm import Session

from domain.facts.common import read
from domain.metrics.definitions import METRICS, Window
from domain.models import Client, ClientStatus, Staff
from domain.open_amounts import current_is_exact
from domain.scope import Viewer

FIGURES = (("clients", "clients"), ("owned", "clients"), ("collected", "collected"), ("invoiced", "invoiced"),
           ("overdue_amount", "overdue_amount"), ("late_documents", "late_documents"),
           ("service_hours", "service_hours"))


def _by_staff(key: str, metric_name: str, window: Window) -> Subquery:
    metric = METRICS[metric_name]
    rows = metric.rows(window).subquery(f"b_{key}_rows")
    staff: ColumnElement = rows.c.staff_id if metric.staff_rows else Client.owner_id
    stmt = select(staff.label("staff_id"), func.sum(rows.c.a).label("v")).join_from(
        rows, Client, Client.id == rows.c.client_id)
    if key == "clients":
        stmt = stmt.where(Client.status == ClientStatus.active.value)
    return stmt.group_by(staff).subquery(f"b_{key}")


def board(session: Session, viewer: Viewer, today: date, end: date, start: date,
          only: list[int] | None = None) -> list[dict[str, Any]]:
    window = Window(start, end, today, current=current_is_exact(session, today))
    parts = {key: _by_staff(key, metric, window) for key, metric in FIGURES}
    stmt = select(Staff.id, Staff.name, *(func.coalesce(p.c.v, literal(0)) for p in parts.values()))
    for part in parts.values():
        stmt = stmt.outerjoin(part, part.c.staff_id == Staff.id)
    if viewer.owner_ids is not None:
        stmt = stmt.where(Staff.id.in_(sorted(viewer.owner_ids)))
    if only is not None:
        stmt = stmt.where(Staff.id.in_(only))
    out = []
    for _sid, name, clients, owned, collected, invoiced, overdue, late, hours in read(session, stmt):
        if not owned and not hours:
            continue
        out.append({"staff": name, "clients": int(clients), "collected": METRICS["collected"].finish(collected, 0),
                    "invoiced": METRICS["invoiced"].finish(invoiced, 0),
                    "overdue_amount": METRICS["overdue_amount"].finish(overdue, 0), "late_documents": int(late),
                    "service_hours": METRICS["service_hours"].finish(hours, 0)})
    return sorted(out, key=lambda r: (-r["collected"], r["staff"]))
