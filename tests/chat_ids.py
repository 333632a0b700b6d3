"""Chat ids for the people tests build: each is a ChatIdentity row (platform, user id → staff or contact), bound the
way importing the staff and contacts sheets binds them (domain/identities.py).

    staff_with_ids(session, "王芳", slack="U0WANG", wecom="wangfang")
    bind_chat_ids(session, contact, wecom="wm-lina")
    bind_chat_ids(session, staff_named(session, "杜萍"), dingtalk="manager4421")
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.identities import bind_ids
from domain.models import Contact, Role, Staff


def bind_chat_ids(session: Session, person: Staff | Contact, **ids: str | None) -> None:
    """Bind `person`'s user id on each platform named (slack=…, wecom=…, dingtalk=…); None binds nothing."""
    session.flush()
    assert person.id is not None
    bind_ids(session, "staff" if isinstance(person, Staff) else "contact", {person.id: dict(ids)})


def staff_with_ids(session: Session, name: str, role: Role | str = Role.staff, *, manager: Staff | None = None,
                   **ids: str | None) -> Staff:
    """A new staff member with these chat ids."""
    staff = Staff(name=name, role=role, manager_id=manager.id if manager else None)
    session.add(staff)
    bind_chat_ids(session, staff, **ids)
    return staff


def staff_named(session: Session, name: str) -> Staff:
    return session.execute(select(Staff).where(Staff.name == name)).scalar_one()


def contact_named(session: Session, name: str) -> Contact:
    return session.execute(select(Contact).where(Contact.name == name)).scalars().first()  # type: ignore[return-value]
