"""What the workflows say, limited to what a viewer may see: a viewer sees the stages of the clients they see
(domain.scope) and, besides, every stage assigned to them.

- a stage is *open* while it is not done, in an open instance; *actionable* when its prerequisites are done;
- a stage is *overdue* on a day D when it is open and its due date is before D (semantics.md: like an invoice);
- the *current* stage of an instance is its first actionable stage (transitions.current_stage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.orm import Session, aliased

from domain.models import Client, Staff
from domain.scope import Viewer
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowEvent, WorkflowInstance, WorkflowStage

Assignee = aliased(Staff, name="assignee")
DoneBy = aliased(Staff, name="done_by")


@dataclass(frozen=True)
class StageRow:
    instance_id: int
    template: str
    workflow_zh: str
    workflow_en: str
    client_id: int
    client: str
    period: str
    instance_status: str
    key: str
    position: int
    name_zh: str
    name_en: str
    status: str
    assignee_id: int
    assignee: str
    due_on: date
    done_on: date | None
    done_by: str | None
    waiting_since: date | None
    prerequisites: tuple[str, ...]
    can_wait: bool

    def name(self, locale: str) -> str:
        return self.name_zh if locale == "zh" else self.name_en

    def workflow(self, locale: str) -> str:
        return self.workflow_zh if locale == "zh" else self.workflow_en

    @property
    def is_done(self) -> bool:
        return self.status == StageStatus.done.value


@dataclass(frozen=True)
class EventRow:
    at: datetime
    on: date
    client: str
    workflow_zh: str
    workflow_en: str
    period: str
    stage_key: str | None
    stage_zh: str | None
    stage_en: str | None
    action: str
    from_status: str | None
    to_status: str | None
    from_staff: str | None
    to_staff: str | None
    actor: str
    via: str


def scope(viewer: Viewer) -> ColumnElement[bool]:
    """The stages a viewer may see: their clients' stages and the stages assigned to them."""
    if viewer.is_admin:
        return true()
    seen = viewer.client_condition(WorkflowStage.client_id, Client.owner_id)
    return or_(seen, WorkflowStage.assignee_id == viewer.staff_id) if viewer.staff_id is not None else seen


def _rows() -> Select:
    return (select(WorkflowStage.instance_id, WorkflowInstance.template, WorkflowInstance.name_zh,
                   WorkflowInstance.name_en, WorkflowStage.client_id, Client.name, WorkflowInstance.period,
                   WorkflowInstance.status, WorkflowStage.key, WorkflowStage.position, WorkflowStage.name_zh,
                   WorkflowStage.name_en, WorkflowStage.status, WorkflowStage.assignee_id, Assignee.name,
                   WorkflowStage.due_on, WorkflowStage.done_on, DoneBy.name, WorkflowStage.waiting_since,
                   WorkflowStage.must_follow, WorkflowStage.can_wait)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .join(Assignee, Assignee.id == WorkflowStage.assignee_id)
            .outerjoin(DoneBy, DoneBy.id == WorkflowStage.done_by_id))


def _run(session: Session, stmt: Select) -> list[StageRow]:
    out = []
    for row in session.execute(stmt):
        *head, must_follow, can_wait = row
        out.append(StageRow(*head, tuple(k for k in (must_follow or "").split(",") if k), bool(can_wait)))
    return out


def stages(session: Session, viewer: Viewer, *, client_ids: Sequence[int] | None = None,
           templates: Sequence[str] | None = None, period: str | None = None, open_only: bool = True,
           instance_ids: Sequence[int] | None = None, keys: Sequence[str] | None = None,
           not_done: bool = False) -> list[StageRow]:
    """The stages of the matching instances (only the stages `keys`, only those `not_done`), by client, period,
    workflow and position."""
    stmt = _rows().where(scope(viewer))
    if keys:
        stmt = stmt.where(WorkflowStage.key.in_(list(keys)))
    if not_done:
        stmt = stmt.where(WorkflowStage.status != StageStatus.done.value)
    if client_ids is not None:
        stmt = stmt.where(WorkflowStage.client_id.in_(list(client_ids)))
    if templates:
        stmt = stmt.where(WorkflowInstance.template.in_(list(templates)))
    if period:
        stmt = stmt.where(WorkflowInstance.period == period)
    if open_only:
        stmt = stmt.where(WorkflowInstance.status == InstanceStatus.open.value)
    if instance_ids is not None:
        stmt = stmt.where(WorkflowStage.instance_id.in_(list(instance_ids)))
    return _run(session, stmt.order_by(Client.name, WorkflowInstance.period, WorkflowInstance.template,
                                       WorkflowStage.position))


def open_stages(session: Session, viewer: Viewer, *, assignee_id: int | None = None, overdue_on: date | None = None,
                templates: Sequence[str] | None = None, keys: Sequence[str] | None = None,
                period: str | None = None) -> list[StageRow]:
    """Stages not done in open instances (assigned to someone; past due on a day), by due date and client."""
    stmt = _rows().where(scope(viewer), WorkflowStage.status != StageStatus.done.value,
                         WorkflowInstance.status == InstanceStatus.open.value)
    if assignee_id is not None:
        stmt = stmt.where(WorkflowStage.assignee_id == assignee_id)
    if overdue_on is not None:
        stmt = stmt.where(WorkflowStage.due_on < overdue_on)
    if templates:
        stmt = stmt.where(WorkflowInstance.template.in_(list(templates)))
    if keys:
        stmt = stmt.where(WorkflowStage.key.in_(list(keys)))
    if period:
        stmt = stmt.where(WorkflowInstance.period == period)
    return _run(session, stmt.order_by(WorkflowStage.due_on, Client.name, WorkflowStage.position))


def actionable(rows: list[StageRow], all_stages: dict[int, set[str]]) -> list[StageRow]:
    """The rows whose prerequisites are done; `all_stages` maps an instance to its done stage keys."""
    return [r for r in rows if all(key in all_stages.get(r.instance_id, set()) for key in r.prerequisites)]


def done_keys(session: Session, instance_ids: Sequence[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {iid: set() for iid in instance_ids}
    ids = sorted(set(instance_ids))
    for start in range(0, len(ids), 500):
        stmt = select(WorkflowStage.instance_id, WorkflowStage.key).where(
            WorkflowStage.instance_id.in_(ids[start:start + 500]), WorkflowStage.status == StageStatus.done.value)
        for iid, key in session.execute(stmt):
            out[iid].add(key)
    return out


def events(session: Session, *, client_id: int | None = None, instance_ids: Sequence[int] | None = None,
           limit: int | None = None) -> list[EventRow]:
    """The audit trail, newest first (the caller has checked the viewer may see the client or instances)."""
    From, To, Stage = aliased(Staff), aliased(Staff), aliased(WorkflowStage)
    stmt = (select(WorkflowEvent.at, WorkflowEvent.on, Client.name, WorkflowInstance.name_zh,
                   WorkflowInstance.name_en, WorkflowInstance.period, WorkflowEvent.stage_key, Stage.name_zh,
                   Stage.name_en, WorkflowEvent.action, WorkflowEvent.from_status, WorkflowEvent.to_status,
                   From.name, To.name, WorkflowEvent.actor, WorkflowEvent.via)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowEvent.instance_id)
            .join(Client, Client.id == WorkflowEvent.client_id)
            .outerjoin(Stage, (Stage.instance_id == WorkflowEvent.instance_id) & (Stage.key == WorkflowEvent.stage_key))
            .outerjoin(From, From.id == WorkflowEvent.from_staff_id)
            .outerjoin(To, To.id == WorkflowEvent.to_staff_id))
    if client_id is not None:
        stmt = stmt.where(WorkflowEvent.client_id == client_id)
    if instance_ids is not None:
        stmt = stmt.where(WorkflowEvent.instance_id.in_(list(instance_ids)))
    stmt = stmt.order_by(WorkflowEvent.at.desc(), WorkflowEvent.id.desc()).limit(limit)
    return [EventRow(*row) for row in session.execute(stmt)]


def recent_events(session: Session, client_id: int, limit: int = 8) -> list[dict[str, object]]:
    """The client profile's 最近动态: the latest changes, as plain values."""
    return [{"on": e.on, "workflow": e.workflow_zh, "workflow_en": e.workflow_en, "period": e.period,
             "stage": e.stage_zh, "stage_en": e.stage_en, "action": e.action, "to_staff": e.to_staff,
             "actor": e.actor, "via": e.via} for e in events(session, client_id=client_id, limit=limit)]
