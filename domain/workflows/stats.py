"""The numbers managers ask for, over the stages a viewer may see (facts.scope).

- **on-time rate** of stages due in a window [first, last]: on time ÷ measured, where a stage is *measured* when it
  is done (on time when done on or before its due date) or still open past its due date on `today` (late); a stage
  still open and not yet due is not measured. Per stage (template + stage) and per staff member (the stage's
  assignee: who it is on, whoever clicked 完成). None when nothing is measured.
- **cycle time** of an instance closed in [first, last]: days from the day its work could start to the day its last
  stage was done (0 when done early); the average per service (template), to one decimal.
- **current load** per person: stages not done in open instances assigned to them — how many, how many are past
  due, how many wait on the client — most first, then by name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from domain.models import Client, Staff
from domain.scope import Viewer
from domain.workflows.facts import scope
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage


@dataclass(frozen=True)
class OnTime:
    label_zh: str  # a stage "代理记账 · 纳税申报" or a person's name
    label_en: str
    measured: int
    on_time: int
    key: str = ""  # template.stage, or the staff id as text

    @property
    def rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None


@dataclass(frozen=True)
class Cycle:
    template: str
    workflow_zh: str
    workflow_en: str
    instances: int
    average_days: Decimal


@dataclass(frozen=True)
class Load:
    staff_id: int
    staff: str
    open: int
    overdue: int
    waiting: int


def _measured(today: date):
    done = WorkflowStage.status == StageStatus.done.value
    on_time = case((done & (WorkflowStage.done_on <= WorkflowStage.due_on), 1), else_=0)
    measured = case((done, 1), (WorkflowStage.due_on < today, 1), else_=0)
    return func.sum(measured), func.sum(on_time)


def on_time_by_stage(session: Session, viewer: Viewer, first: date, last: date, today: date) -> list[OnTime]:
    """Per template stage, in template and stage order."""
    measured, on_time = _measured(today)
    stmt = (select(WorkflowInstance.template, WorkflowStage.key, func.min(WorkflowStage.position),
                   func.min(WorkflowInstance.name_zh), func.min(WorkflowInstance.name_en),
                   func.min(WorkflowStage.name_zh), func.min(WorkflowStage.name_en), measured, on_time)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(scope(viewer), WorkflowStage.due_on >= first, WorkflowStage.due_on <= last)
            .group_by(WorkflowInstance.template, WorkflowStage.key))
    rows = sorted(session.execute(stmt), key=lambda r: (r[0], r[2]))
    return [OnTime(f"{wz} · {sz}", f"{we} · {se}", int(m or 0), int(o or 0), f"{template}.{key}")
            for template, key, _, wz, we, sz, se, m, o in rows if m]


def on_time_by_staff(session: Session, viewer: Viewer, first: date, last: date, today: date) -> list[OnTime]:
    """Per assignee, best rate first (then most measured, then name)."""
    measured, on_time = _measured(today)
    stmt = (select(Staff.id, Staff.name, measured, on_time)
            .join(Staff, Staff.id == WorkflowStage.assignee_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(scope(viewer), WorkflowStage.due_on >= first, WorkflowStage.due_on <= last)
            .group_by(Staff.id, Staff.name))
    rows = [OnTime(name, name, int(m or 0), int(o or 0), str(sid)) for sid, name, m, o in session.execute(stmt) if m]
    return sorted(rows, key=lambda r: (-(r.rate or 0), -r.measured, r.label_zh))


def overall(rows: list[OnTime]) -> OnTime:
    return OnTime("", "", sum(r.measured for r in rows), sum(r.on_time for r in rows))


def cycle_times(session: Session, viewer: Viewer, first: date, last: date) -> list[Cycle]:
    """Average cycle time per service of the instances closed in [first, last], in template order of names."""
    seen = (select(WorkflowStage.instance_id).join(Client, Client.id == WorkflowStage.client_id)
            .where(scope(viewer)).distinct())
    stmt = (select(WorkflowInstance.template, WorkflowInstance.name_zh, WorkflowInstance.name_en,
                   WorkflowInstance.starts_on, WorkflowInstance.closed_on)
            .where(WorkflowInstance.status == InstanceStatus.done.value, WorkflowInstance.closed_on >= first,
                   WorkflowInstance.closed_on <= last, WorkflowInstance.id.in_(seen)))
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for template, zh, en, starts, closed in session.execute(stmt):
        spans[(template, zh, en)].append(max(0, (closed - starts).days))
    out = []
    for (template, zh, en), days in sorted(spans.items()):
        average = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        out.append(Cycle(template, zh, en, len(days), average))
    return out


def load(session: Session, viewer: Viewer, today: date) -> list[Load]:
    """Open stages per assignee, most first."""
    overdue = func.sum(case((WorkflowStage.due_on < today, 1), else_=0))
    waiting = func.sum(case((WorkflowStage.status == StageStatus.waiting.value, 1), else_=0))
    stmt = (select(Staff.id, Staff.name, func.count(), overdue, waiting)
            .join(Staff, Staff.id == WorkflowStage.assignee_id)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(scope(viewer), WorkflowStage.status != StageStatus.done.value,
                   WorkflowInstance.status == InstanceStatus.open.value)
            .group_by(Staff.id, Staff.name))
    rows = [Load(sid, name, int(n), int(o or 0), int(w or 0)) for sid, name, n, o, w in session.execute(stmt)]
    return sorted(rows, key=lambda r: (-r.open, r.staff))
