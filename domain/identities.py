"""Chat identities: the one place a platform user id is tied to a staff member or a client contact.

A `ChatIdentity` row (platform, user id → staff or contact) is written by `zhangfang bind` and by importing the
staff and contacts sheets (their Slack / 企业微信 / 钉钉 id columns). A person may have several ids on one platform;
the earliest binding is the one reminders use and exports write.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import ScalarSelect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from domain.models import ChatIdentity

Owner = Literal["staff", "contact"]
CHAT_PLATFORMS = ("slack", "wecom", "dingtalk")  # platforms whose user ids are chat identities
_CHUNK = 900


def _owner_column(owner: Owner) -> InstrumentedAttribute:
    return ChatIdentity.staff_id if owner == "staff" else ChatIdentity.contact_id  # type: ignore[return-value]


def first_id_column(owner: Owner, platform: str, owner_id: InstrumentedAttribute) -> ScalarSelect:
    """A correlated sub-select: the earliest `platform` user id bound to the row's staff member or contact."""
    return (select(ChatIdentity.user_id)
            .where(ChatIdentity.platform == platform, _owner_column(owner) == owner_id)
            .order_by(ChatIdentity.created_at, ChatIdentity.id).limit(1).scalar_subquery())


def bind_ids(session: Session, owner: Owner, wanted: dict[int, dict[str, object]]) -> None:
    """Bind each owner's {platform: user id} (blank ids are skipped; nothing is unbound), so that an imported id
    works exactly like one bound with `zhangfang bind`. An id bound to the other kind of owner (a staff member's
    id on a contact, or the reverse) is left alone; one bound to another owner of the same kind moves here."""
    pairs = {(platform, str(user_id).strip()): owner_id for owner_id, ids in wanted.items()
             for platform, user_id in ids.items() if user_id is not None and str(user_id).strip()}
    if not pairs:
        return
    users = sorted({user for _, user in pairs})
    found = {(row.platform, row.user_id): row for i in range(0, len(users), _CHUNK)
             for row in session.execute(select(ChatIdentity).where(
                 ChatIdentity.user_id.in_(users[i:i + _CHUNK]))).scalars()}
    other = "contact_id" if owner == "staff" else "staff_id"
    mine = "staff_id" if owner == "staff" else "contact_id"
    for (platform, user_id), owner_id in sorted(pairs.items()):
        row = found.get((platform, user_id))
        if row is None:
            session.add(ChatIdentity(platform=platform, user_id=user_id, **{mine: owner_id}))
        elif getattr(row, other) is None and getattr(row, mine) != owner_id:
            setattr(row, mine, owner_id)
    session.flush()
