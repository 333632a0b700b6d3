"""Changes proposed in chat wait here until the person who proposed them confirms (or cancels) them.

A person has at most one pending change: proposing another cancels the earlier one. A change expires `TTL` after it
was proposed. Only its proposer may confirm or cancel it — anyone else pressing the button changes nothing.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.workflows.models import PendingAction, PendingStatus
from domain.workflows.transitions import Change

TTL = timedelta(minutes=30)


class PendingError(Exception):
    """`code`: none (nothing to confirm), not_yours, decided (already confirmed or cancelled), expired."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def propose(session: Session, staff_id: int, change: Change, via: str, now: datetime,
            ttl: timedelta = TTL) -> PendingAction:
    session.execute(update(PendingAction)
                    .where(PendingAction.staff_id == staff_id, PendingAction.status == PendingStatus.pending.value)
                    .values(status=PendingStatus.cancelled.value, decided_at=now))
    action = PendingAction(token=secrets.token_urlsafe(12), staff_id=staff_id, kind=change.kind,
                           payload=change.model_dump_json(), via=via, created_at=now, expires_at=now + ttl)
    session.add(action)
    session.flush()
    return action


def awaiting(session: Session, staff_id: int, token: str | None, now: datetime) -> PendingAction:
    """The pending change a confirmation or cancellation is about: the one the button names, or (typed) the
    person's latest. Raises PendingError — an expired change is marked so on the way."""
    if token is not None:
        action = session.execute(select(PendingAction).where(PendingAction.token == token)).scalar_one_or_none()
        if action is None:
            raise PendingError("none")
        if action.staff_id != staff_id:
            raise PendingError("not_yours")
    else:
        action = session.execute(
            select(PendingAction).where(PendingAction.staff_id == staff_id,
                                        PendingAction.status == PendingStatus.pending.value)
            .order_by(PendingAction.created_at.desc(), PendingAction.id.desc()).limit(1)).scalar_one_or_none()
        if action is None:
            raise PendingError("none")
    if action.status != PendingStatus.pending.value:
        raise PendingError("decided")
    if now >= action.expires_at:
        decide(action, PendingStatus.expired, now)
        raise PendingError("expired")
    return action


def has_pending(session: Session, staff_id: int, now: datetime) -> bool:
    found = session.execute(select(PendingAction.id).where(
        PendingAction.staff_id == staff_id, PendingAction.status == PendingStatus.pending.value,
        PendingAction.expires_at > now).limit(1)).first()
    return found is not None


def change_of(action: PendingAction) -> Change:
    return Change.model_validate_json(action.payload)


def decide(action: PendingAction, status: PendingStatus, now: datetime) -> None:
    action.status = status.value  # type: ignore[assignment]
    action.decided_at = now
