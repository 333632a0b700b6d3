"""Changing a workflow: complete a stage (or advance: complete the current one), reassign stages, mark a stage as
waiting on the client — with the rules, and one audit-trail event per change.

Rules (a broken rule raises TransitionError and changes nothing):
- only staff change workflows: someone who sees the client (its owner, the owner's managers, an admin) may do
  anything; the person a stage is assigned to may also complete it or mark it waiting (not hand it on);
- a stage cannot be completed, or wait on the client, before every stage it must follow is done;
- a stage that is done stays done; a stage waits on the client only when its template says it may;
- an instance whose stages are all done is closed, and a closed instance changes no more.
`check` says what a change would do without doing it (chat proposals are checked before they are offered);
`apply` checks again — the state may have moved on while the proposal waited — and makes the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.actions.base import Actor  # who acts: the same for workflow moves as for every other action
from domain.models import Client, DocumentRequest, Staff
from domain.scope import Viewer
from domain.workflows.effects import create_documents
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowEvent, WorkflowInstance, WorkflowStage


class TransitionError(Exception):
    """A change that is not allowed: `code` says which rule, `details` what the reply needs to say so."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


class Change(BaseModel):
    """What a person asked for: stored as JSON while it waits for confirmation."""

    kind: Literal["complete", "reassign", "wait"]
    instance_id: int
    stage: str | None = None  # complete/wait: None = the current stage; reassign: None = every open stage
    to_staff_id: int | None = None  # reassign




@dataclass
class Plan:
    instance: WorkflowInstance
    client: str
    stages: list[WorkflowStage]  # the stages the change touches
    closes: bool = False  # completing the last open stage closes the instance
    to_staff: str | None = None


@dataclass
class Applied:
    plan: Plan
    events: list[WorkflowEvent] = field(default_factory=list)
    documents: list[DocumentRequest] = field(default_factory=list)  # requests a wait created (undo deletes them)

    @property
    def documents_created(self) -> int:
        return len(self.documents)


def check(session: Session, viewer: Viewer, change: Change) -> Plan:
    instance = session.get(WorkflowInstance, change.instance_id)
    if instance is None:
        raise TransitionError("no_instance")
    client, owner_id = session.execute(select(Client.name, Client.owner_id)
                                       .where(Client.id == instance.client_id)).one()
    stages = stages_of(session, instance.id)
    plan = Plan(instance, client, [])
    if instance.status == InstanceStatus.done.value:
        raise TransitionError("closed", workflow=instance.name_zh, period=instance.period, client=client)
    if change.kind == "reassign":
        _check_reassign(session, viewer, owner_id, stages, change, plan)
    else:
        stage = _stage(stages, change.stage)
        _check_allowed(viewer, owner_id, stage.assignee_id)
        _check_startable(stages, stage, change.kind)
        plan.stages = [stage]
        plan.closes = change.kind == "complete" and all(s.status == StageStatus.done.value for s in stages
                                                        if s.key != stage.key)
    return plan


def apply(session: Session, actor: Actor, change: Change) -> Applied:
    plan = check(session, actor.viewer, change)
    applied = Applied(plan)
    for stage in plan.stages:
        if change.kind == "complete":
            _record(session, actor, applied, stage, "completed", to_status=StageStatus.done.value)
            stage.status, stage.done_on, stage.done_by_id, stage.waiting_since = (
                StageStatus.done.value, actor.today, actor.viewer.staff_id, None)
        elif change.kind == "wait":
            _record(session, actor, applied, stage, "waiting", to_status=StageStatus.waiting.value)
            stage.status, stage.waiting_since = StageStatus.waiting.value, actor.today
            applied.documents += create_documents(session, plan.instance, stage, actor.today)
        else:
            _record(session, actor, applied, stage, "reassigned", to_staff=change.to_staff_id)
            stage.assignee_id = change.to_staff_id  # type: ignore[assignment]
    if plan.closes:
        plan.instance.status, plan.instance.closed_on = InstanceStatus.done.value, actor.today
        _record(session, actor, applied, None, "closed", to_status=InstanceStatus.done.value)
    session.flush()
    return applied


def current_stage(stages: list[WorkflowStage]) -> WorkflowStage | None:
    """The first stage not done whose prerequisites are all done (None when every stage is done)."""
    done = {s.key for s in stages if s.status == StageStatus.done.value}
    for stage in stages:
        if stage.key not in done and all(key in done for key in stage.prerequisites()):
            return stage
    return None


def stages_of(session: Session, instance_id: int | None) -> list[WorkflowStage]:
    stmt = select(WorkflowStage).where(WorkflowStage.instance_id == instance_id).order_by(WorkflowStage.position)
    return list(session.execute(stmt).scalars())


def may_change(viewer: Viewer, owner_id: int, assignee_id: int | None = None) -> bool:
    if viewer.kind != "staff":
        return False
    return viewer.sees_owner(owner_id) or (assignee_id is not None and viewer.staff_id == assignee_id)


# -- the rules ---------------------------------------------------------------------------------------------------
def _stage(stages: list[WorkflowStage], key: str | None) -> WorkflowStage:
    if key is None:
        found = current_stage(stages)
        if found is None:
            raise TransitionError("nothing_open")
        return found
    for stage in stages:
        if stage.key == key:
            return stage
    raise TransitionError("unknown_stage", stage=key, stages=[s.name_zh for s in stages],
                          stages_en=[s.name_en for s in stages])


def _check_allowed(viewer: Viewer, owner_id: int, assignee_id: int | None) -> None:
    if not may_change(viewer, owner_id, assignee_id):
        raise TransitionError("not_allowed")


def _check_startable(stages: list[WorkflowStage], stage: WorkflowStage, kind: str) -> None:
    names = {"stage": stage.name_zh, "stage_en": stage.name_en}
    if stage.status == StageStatus.done.value:
        raise TransitionError("already_done", done_on=stage.done_on, **names)
    if kind == "wait" and not stage.can_wait:
        raise TransitionError("not_waitable", **names)
    if kind == "wait" and stage.status == StageStatus.waiting.value:
        raise TransitionError("already_waiting", since=stage.waiting_since, **names)
    done = {s.key for s in stages if s.status == StageStatus.done.value}
    missing = [s for s in stages if s.key in stage.prerequisites() and s.key not in done]
    if missing:
        raise TransitionError("must_follow", missing=[s.name_zh for s in missing],
                              missing_en=[s.name_en for s in missing], **names)


def _check_reassign(session: Session, viewer: Viewer, owner_id: int, stages: list[WorkflowStage], change: Change,
                    plan: Plan) -> None:
    _check_allowed(viewer, owner_id, None)
    target = session.get(Staff, change.to_staff_id) if change.to_staff_id is not None else None
    if target is None:
        raise TransitionError("unknown_staff")
    chosen = [s for s in stages if s.status != StageStatus.done.value] if change.stage is None else [
        _stage(stages, change.stage)]
    if change.stage is not None and chosen[0].status == StageStatus.done.value:
        raise TransitionError("already_done", stage=chosen[0].name_zh, stage_en=chosen[0].name_en,
                              done_on=chosen[0].done_on)
    if not chosen:
        raise TransitionError("nothing_open")
    if all(s.assignee_id == target.id for s in chosen):
        raise TransitionError("same_assignee", staff=target.name)
    plan.stages = [s for s in chosen if s.assignee_id != target.id]
    plan.to_staff = target.name


def _record(session: Session, actor: Actor, applied: Applied, stage: WorkflowStage | None, action: str, *,
            to_status: str | None = None, to_staff: int | None = None) -> None:
    instance = applied.plan.instance
    event = WorkflowEvent(
        instance_id=instance.id, client_id=instance.client_id, stage_key=stage.key if stage else None,
        action=action, from_status=(stage.status if stage else instance.status) if to_status else None,
        to_status=to_status, from_staff_id=stage.assignee_id if stage and to_staff else None,
        to_staff_id=to_staff, actor_id=actor.viewer.staff_id, actor=actor.viewer.name, via=actor.via,
        at=actor.now, on=actor.today)
    session.add(event)
    applied.events.append(event)
