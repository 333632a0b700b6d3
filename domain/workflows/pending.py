"""Workflow moves proposed in chat wait in the one proposal table (domain/actions/proposals.py), like every action:
a person has at most one pending proposal, it expires `TTL` after it was proposed, and only its proposer may confirm
or cancel it. Here: the workflow `Change` in and out of a proposal."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from domain.actions import proposals
from domain.actions.models import Proposal, ProposalStatus
from domain.actions.proposals import WORKFLOW_PREFIX, ProposalError, awaiting, has_pending
from domain.workflows.transitions import Change

TTL = proposals.TTL
PendingError = ProposalError
__all__ = ["TTL", "PendingError", "awaiting", "change_of", "decide", "has_pending", "is_workflow", "propose"]


def propose(session: Session, staff_id: int, change: Change, via: str, now: datetime, client_id: int | None = None,
            ttl: timedelta = TTL) -> Proposal:
    return proposals.propose(session, staff_id, WORKFLOW_PREFIX + change.kind, change.model_dump_json(), via, now,
                             client_id=client_id, ttl=ttl)


def is_workflow(proposal: Proposal) -> bool:
    return proposal.kind.startswith(WORKFLOW_PREFIX)


def change_of(proposal: Proposal) -> Change:
    return Change.model_validate_json(proposal.payload)


def decide(session: Session, proposal: Proposal, status: ProposalStatus, now: datetime) -> None:
    proposals.claim(session, proposal, status, now)
