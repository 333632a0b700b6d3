"""The write path's two tables: proposals waiting for their proposer's 确认, and the audit trail of applied changes.

Every change made from chat — a staff action (domain/actions/commands.py) or a workflow move — is first a
`Proposal` (one pending per person; a newer one replaces it; it expires after 30 minutes; only its proposer may
confirm or cancel it) and, once applied, an `AuditEntry`: who, when, via which platform, the action, on which
client, old → new, and what undo needs. Timestamps are UTC; `on` is the firm-local day.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String, Text
from sqlmodel import Field, SQLModel

from domain.types import UTCDateTime, utcnow


class ProposalStatus(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    cancelled = "cancelled"
    expired = "expired"
    replaced = "replaced"  # a newer proposal of the same person took its place
    refused = "refused"  # confirmed, but no longer allowed (the state moved on)


class Proposal(SQLModel, table=True):
    """A change proposed in chat, applied only when the same person confirms it before `expires_at`."""

    __tablename__ = "action_proposal"
    __table_args__ = (Index("ix_action_proposal_staff", "staff_id", "status", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=32, unique=True)  # carried by the 确认 / 取消 buttons
    staff_id: int = Field(foreign_key="staff.id")  # the proposer: the only one who may confirm or cancel it
    kind: str = Field(max_length=40)  # an action kind (record_payment …) or a workflow move (complete …)
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the command as JSON
    preview: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    client_id: int | None = Field(default=None, foreign_key="client.id")
    via: str = Field(max_length=20)
    locale: str = Field(default="zh", max_length=5)
    status: ProposalStatus = Field(default=ProposalStatus.pending, sa_type=String(20))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class AuditEntry(SQLModel, table=True):
    """One applied change: who, when, via, the action, on which client, old → new (`changes`, JSON
    `[{target, field, old, new}]`), the records it touched (`records`, "table:id" joined by spaces, so that undo can
    see whether a later change touched the same one) and what undo needs (`undo`, JSON operations)."""

    __tablename__ = "action_audit"
    __table_args__ = (
        Index("ix_action_audit_client", "client_id", "at"),
        Index("ix_action_audit_actor", "actor_id", "at"),
        Index("ix_action_audit_at", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    client_id: int | None = Field(default=None, foreign_key="client.id")
    actor_id: int | None = Field(default=None, foreign_key="staff.id")  # None: the system
    actor: str = Field(max_length=100)  # the actor's name at the time
    via: str = Field(max_length=20)  # slack | wecom | dingtalk | console | api | cli | job
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    on: date
    summary: str = Field(default="", max_length=500)  # the command as JSON, for the record
    changes: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    records: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    undo: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    undoes_id: int | None = Field(default=None, foreign_key="action_audit.id")  # set on the record of an undo
    undone_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    undone_by_id: int | None = Field(default=None, foreign_key="staff.id")
