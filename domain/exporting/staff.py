"""The staff sheet of an export. The whole book lists everyone. A scoped export (`--as`) lists the reader, the
people reporting to them, and whoever the exported rows name (client owners, people who logged hours or
contacts) with their managers up the line, so that every name resolves when the workbook is imported; for
people outside the reader's own line only name, role and manager are written (no contact details, hourly
cost or platform IDs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session, aliased

from domain.exporting.sheets import Row, Scope
from domain.exporting.words import word
from domain.identities import first_id_column
from domain.importing.columns import STAFF_ID_COLUMNS
from domain.models import Client, Interaction, ServiceLog, Staff
from domain.money import from_cents

_DETAILS = ("email", "phone", "hourly_cost", *STAFF_ID_COLUMNS)


def staff_rows(session: Session, scope: Scope) -> Iterator[Row]:
    boss = aliased(Staff)
    ids = [first_id_column("staff", platform, Staff.id).label(column) for column, platform in STAFF_ID_COLUMNS.items()]
    query = (select(Staff, boss.name.label("manager"), *ids).outerjoin(boss, boss.id == Staff.manager_id)
             .order_by(Staff.id))
    chosen, own = _chosen(session, scope)
    for found in session.execute(query):
        s = found.Staff
        if chosen is not None and s.id not in chosen:
            continue
        row: Row = {"name": s.name, "role": word("role", s.role), "manager": found.manager, "email": s.email,
                    "phone": s.phone, "hourly_cost": from_cents(s.hourly_cost_cents),
                    **{column: getattr(found, column) for column in STAFF_ID_COLUMNS}}
        if own is not None and s.id not in own:
            row.update(dict.fromkeys(_DETAILS))
        yield row


def staff_count(session: Session, scope: Scope) -> int:
    chosen, _ = _chosen(session, scope)
    if chosen is None:
        return len(session.execute(select(Staff.id)).all())
    return len(chosen)


def _chosen(session: Session, scope: Scope) -> tuple[set[int] | None, set[int] | None]:
    """(staff to list, staff whose details may be shown); (None, None) for the whole book."""
    viewer = scope.viewer
    if viewer is None or viewer.is_admin:
        return None, None
    assert viewer.staff_id is not None
    own = {viewer.staff_id} | set(viewer.owner_ids or ())
    named = union(
        select(Client.owner_id).where(scope.clients()),
        select(ServiceLog.staff_id).join(Client, Client.id == ServiceLog.client_id).where(scope.clients()),
        select(Interaction.staff_id).join(Client, Client.id == Interaction.client_id)
        .where(scope.clients(), Interaction.staff_id.is_not(None)),
    )
    chosen = own | {sid for (sid,) in session.execute(named)}
    managers: dict[int, Any] = dict(session.execute(select(Staff.id, Staff.manager_id)).all())
    stack = list(chosen)
    while stack:
        boss = managers.get(stack.pop())
        if boss is not None and boss not in chosen:
            chosen.add(boss)
            stack.append(boss)
    return chosen, own
