"""Proposals waiting for their proposer's confirmation — one table for staff actions and workflow moves alike.

A person has at most one pending proposal: proposing another marks the earlier one `replaced`. A proposal expires
`TTL` after it was made. Only its proposer may confirm or cancel it; anyone else's 确认 changes nothing. Deciding is
a conditional UPDATE (`… WHERE status = 'pending'`), so of two deliveries of the same 确认 — a retried webhook, a
double click, two processes — exactly one wins and the other sees `decided`.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.actions.models import Proposal, ProposalStatus

TTL = timedelta(minutes=30)
WORKFLOW_PREFIX = "workflow_"


class ProposalError(Exception):
    """`code`: nothing_pending, not_yours, decided (already confirmed, cancelled or replaced), expired."""

    def __init__(self, code: str, proposal: Proposal | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.proposal = proposal


def propose(session: Session, staff_id: int, kind: str, payload: str, via: str, now: datetime, *,
            preview: list[dict] | None = None, client_id: int | None = None, locale: str = "zh",
            ttl: timedelta = TTL) -> Proposal:
    session.execute(update(Proposal)
                    .where(Proposal.staff_id == staff_id, Proposal.status == ProposalStatus.pending.value)
                    .values(status=ProposalStatus.replaced.value, decided_at=now))
    proposal = Proposal(token=secrets.token_urlsafe(12), staff_id=staff_id, kind=kind, payload=payload,
                        preview=json.dumps(preview or [], ensure_ascii=False, default=str), client_id=client_id,
                        via=via, locale=locale, created_at=now, expires_at=now + ttl)
    session.add(proposal)
    session.flush()
    return proposal


def is_workflow_kind(kind: str) -> bool:
    return kind.startswith(WORKFLOW_PREFIX)


def awaiting(session: Session, staff_id: int, token: str | None, now: datetime) -> Proposal:
    """The pending proposal a 确认 or 取消 is about: the one the button names, or (typed) the person's latest.
    Raises ProposalError; an expired proposal is marked so on the way."""
    if token is not None:
        proposal = session.execute(select(Proposal).where(Proposal.token == token)).scalar_one_or_none()
        if proposal is None:
            raise ProposalError("nothing_pending")
        if proposal.staff_id != staff_id:
            raise ProposalError("not_yours", proposal)
    else:
        proposal = latest(session, staff_id)
        if proposal is None:
            raise ProposalError("nothing_pending")
    if proposal.status != ProposalStatus.pending.value:
        raise ProposalError("decided", proposal)
    if now >= proposal.expires_at:
        claim(session, proposal, ProposalStatus.expired, now)
        raise ProposalError("expired", proposal)
    return proposal


def latest(session: Session, staff_id: int) -> Proposal | None:
    return session.execute(
        select(Proposal).where(Proposal.staff_id == staff_id, Proposal.status == ProposalStatus.pending.value)
        .order_by(Proposal.created_at.desc(), Proposal.id.desc()).limit(1)).scalar_one_or_none()


def has_pending(session: Session, staff_id: int, now: datetime) -> bool:
    found = session.execute(select(Proposal.id).where(
        Proposal.staff_id == staff_id, Proposal.status == ProposalStatus.pending.value,
        Proposal.expires_at > now).limit(1)).first()
    return found is not None


def claim(session: Session, proposal: Proposal, status: ProposalStatus, now: datetime) -> None:
    """Move a pending proposal to `status`, or raise ProposalError("decided") when another delivery got there first.
    The UPDATE takes the row lock; the caller's transaction holds it until the change is applied and committed."""
    result = session.execute(update(Proposal)
                             .where(Proposal.id == proposal.id, Proposal.status == ProposalStatus.pending.value)
                             .values(status=status.value, decided_at=now)
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ProposalError("decided", proposal)
    proposal.status = status  # type: ignore[assignment]
    proposal.decided_at = now


def set_status(session: Session, proposal: Proposal, status: ProposalStatus, now: datetime) -> None:
    """Record the outcome of an already claimed proposal (e.g. refused after confirmation)."""
    session.execute(update(Proposal).where(Proposal.id == proposal.id).values(status=status.value, decided_at=now)
                    .execution_options(synchronize_session=False))
    proposal.status = status  # type: ignore[assignment]
