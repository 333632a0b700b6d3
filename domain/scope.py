"""Who sees what (semantics.md): admin sees every client, a manager the clients of themselves and of
everyone reporting to them (directly or indirectly), staff their own; a client contact only its client.

A `Viewer` is applied inside the SQL of every query (`visible_clients`), never by filtering afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from domain.models import ChatIdentity, Client, Contact, Role, Staff
from domain.queries import Query


@dataclass(frozen=True)
class Viewer:
    kind: Literal["staff", "contact"]
    name: str
    staff_id: int | None = None
    role: Role | None = None
    owner_ids: frozenset[int] | None = None  # None: every client (admin)
    client_id: int | None = None  # set for a client contact
    contact_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.kind == "staff" and self.owner_ids is None

    @property
    def is_contact(self) -> bool:
        return self.kind == "contact"

    def client_condition(self, client_id_column: ColumnElement, owner_column: ColumnElement | None = None
                         ) -> ColumnElement[bool]:
        """A SQL condition restricting rows to the clients this viewer may see.

        Pass the owner column (Client.owner_id) when the query already joins Client; otherwise the
        client id column is checked against the visible clients with a sub-select.
        """
        if self.kind == "contact":
            return client_id_column == self.client_id
        if self.owner_ids is None:
            return true()
        if owner_column is not None:
            return owner_column.in_(sorted(self.owner_ids))
        visible = select(Client.id).where(Client.owner_id.in_(sorted(self.owner_ids)))
        return client_id_column.in_(visible)

    def sees_owner(self, owner_id: int) -> bool:
        return self.kind == "staff" and (self.owner_ids is None or owner_id in self.owner_ids)


def reports_of(session: Session, manager_id: int) -> set[int]:
    """Everyone reporting to `manager_id`, directly or indirectly (cycles in bad data are tolerated)."""
    children: dict[int, list[int]] = defaultdict(list)
    for staff_id, boss in session.execute(select(Staff.id, Staff.manager_id)):
        if boss is not None:
            children[boss].append(staff_id)
    seen: set[int] = set()
    stack = list(children.get(manager_id, ()))
    while stack:
        current = stack.pop()
        if current in seen or current == manager_id:
            continue
        seen.add(current)
        stack.extend(children.get(current, ()))
    return seen


def with_teams(session: Session, query: Query) -> Query:
    """"王芳团队的…": the owners named and everyone reporting to them, directly or indirectly, as plain owner ids."""
    flt = query.clients
    if not flt.owner_teams:
        return query
    owners = set(flt.owner_ids or ())
    for staff_id in flt.owner_ids or ():
        owners |= reports_of(session, staff_id)
    clients = flt.model_copy(update={"owner_ids": sorted(owners) or None, "owner_teams": False})
    return query.model_copy(update={"clients": clients})


def viewer_for_staff(session: Session, staff: Staff) -> Viewer:
    assert staff.id is not None
    role = Role(staff.role)
    if role == Role.admin:
        owners = None
    elif role == Role.manager:
        owners = frozenset({staff.id} | reports_of(session, staff.id))
    else:
        owners = frozenset({staff.id})
    return Viewer(kind="staff", name=staff.name, staff_id=staff.id, role=role, owner_ids=owners)


def viewer_for_contact(contact: Contact) -> Viewer:
    return Viewer(kind="contact", name=contact.name, client_id=contact.client_id, contact_id=contact.id)


def find_staff(session: Session, name: str) -> Staff | None:
    """A staff member by exact name, or by a chat user id bound to them (on any platform)."""
    name = name.strip()
    found = session.execute(select(Staff).where(Staff.name == name)).scalars().first()
    if found is not None:
        return found
    bound = select(ChatIdentity.staff_id).where(ChatIdentity.user_id == name, ChatIdentity.staff_id.is_not(None))
    return session.execute(select(Staff).where(Staff.id.in_(bound)).order_by(Staff.id)).scalars().first()
