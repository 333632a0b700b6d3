"""Service workflows as tables: an instance of a template per client and period, its stages, the audit trail of
every change, and changes proposed in chat that wait for the proposer's confirmation.

A stage row is a snapshot of its template stage (names, prerequisites, whether it may wait on the client, what it
files) taken when the instance is opened, so that editing a template later never rewrites work in progress.
Timestamps are UTC (`UTCDateTime`); `on` dates are the firm-local day, for reports and time travel.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.actions.models import Proposal as PendingAction  # noqa: F401 (one proposal table)
from domain.actions.models import ProposalStatus as PendingStatus  # noqa: F401
from domain.types import UTCDateTime, utcnow


class InstanceStatus(StrEnum):
    open = "open"
    done = "done"


class StageStatus(StrEnum):
    pending = "pending"  # not done (startable once its prerequisites are done)
    waiting = "waiting"  # waiting on the client
    done = "done"


class WorkflowInstance(SQLModel, table=True):
    """One run of a template for one client: a month's bookkeeping, a year's 汇算清缴, one registration."""

    __tablename__ = "workflow_instance"
    __table_args__ = (
        Index("ix_workflow_instance_client", "client_id", "status", "period"),
        Index("ix_workflow_instance_status", "status", "template", "period"),
        Index("ix_workflow_instance_closed", "status", "closed_on"),  # cycle times of the instances closed in a window
    )
    id: int | None = Field(default=None, primary_key=True)
    natural_key: str = Field(max_length=200, unique=True)  # template|client:ID|period (or |contract:ID)
    template: str = Field(max_length=50)
    name_zh: str = Field(max_length=100)
    name_en: str = Field(max_length=100)
    client_id: int = Field(foreign_key="client.id")
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    period: str = Field(max_length=20)  # "2026-11" (monthly), "2025" (annual), the contract's start month (once)
    owner_id: int = Field(foreign_key="staff.id")  # the client's owner when it was opened
    status: InstanceStatus = Field(default=InstanceStatus.open, sa_type=String(20))
    starts_on: date  # when the work can start (the due rules count from here)
    opened_on: date
    closed_on: date | None = None


class WorkflowStage(SQLModel, table=True):
    __tablename__ = "workflow_stage"
    __table_args__ = (
        UniqueConstraint("instance_id", "key", name="uq_workflow_stage_instance_key"),
        Index("ix_workflow_stage_due", "status", "due_on"),
        Index("ix_workflow_stage_assignee", "assignee_id", "status"),
        Index("ix_workflow_stage_client", "client_id", "status"),
        Index("ix_workflow_stage_notice", "notice", "done_on"),  # recent filings, for the 已申报 notices
        # on-time rates: one covering range read, grouped by day, template stage and assignee in index order
        Index("ix_workflow_stage_on_time", "due_on", "template", "key", "assignee_id", "status", "done_on",
              "client_id", "position", "instance_id", "name_zh", "name_en"),
    )
    id: int | None = Field(default=None, primary_key=True)
    instance_id: int = Field(foreign_key="workflow_instance.id")
    client_id: int = Field(foreign_key="client.id")  # the instance's client, for scoped queries without a join
    template: str = Field(max_length=50)  # the instance's template, for the on-time rates without a join
    key: str = Field(max_length=50)
    position: int
    name_zh: str = Field(max_length=100)
    name_en: str = Field(max_length=100)
    must_follow: str = Field(default="", max_length=500)  # stage keys, comma-separated
    can_wait: bool = False  # the template says this stage waits on the client
    filing: str | None = Field(default=None, max_length=30)  # monthly | cit_annual | annual_report: marks filed
    notice: str | None = Field(default=None, max_length=30)  # "filed": tell the client's chat when done
    documents: str = Field(default="", max_length=500)  # document items requested when waiting on the client
    assignee_id: int = Field(foreign_key="staff.id")
    due_on: date
    status: StageStatus = Field(default=StageStatus.pending, sa_type=String(20))
    waiting_since: date | None = None
    done_on: date | None = None
    done_by_id: int | None = Field(default=None, foreign_key="staff.id")
    alerted_on: date | None = None  # the day its owner was told it is past due (once)
    escalated_on: date | None = None  # the day the owner's manager was told (once)

    def prerequisites(self) -> list[str]:
        return [key for key in self.must_follow.split(",") if key]

    def document_items(self) -> list[str]:
        return [item for item in self.documents.split("、") if item]

    def name(self, locale: str) -> str:
        return self.name_zh if locale == "zh" else self.name_en


class WorkflowEvent(SQLModel, table=True):
    """The audit trail: one row per change — from, to, who, when and through which chat or command."""

    __tablename__ = "workflow_event"
    __table_args__ = (
        Index("ix_workflow_event_client", "client_id", "at"),
        Index("ix_workflow_event_instance", "instance_id", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    instance_id: int = Field(foreign_key="workflow_instance.id")
    client_id: int = Field(foreign_key="client.id")
    stage_key: str | None = Field(default=None, max_length=50)  # None: the instance itself (opened, closed)
    action: str = Field(max_length=20)  # opened | completed | reassigned | waiting | closed
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str | None = Field(default=None, max_length=20)
    from_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    to_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    actor_id: int | None = Field(default=None, foreign_key="staff.id")  # None: the system (a job)
    actor: str = Field(max_length=100)  # the actor's name at the time (or "system")
    via: str = Field(max_length=20)  # slack | wecom | dingtalk | console | api | cli | job
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    on: date  # the firm-local day of `at`
