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

from sqlalchemy import ColumnElement, Integer, Select, case, cast, func, literal_column, or_, select, type_coerce
from sqlalchemy.orm import Session

from domain.facts.common import read
from domain.models import Staff
from domain.scope import Viewer
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


def _scoped(stmt: Select, viewer: Viewer) -> Select:
    """Restricted to the stages the viewer may see (facts.scope) without joining `Client` per stage: the whole
    firm needs no condition, anyone else's stages are found by their clients (a sub-select, so the stage indexes
    by client and by assignee answer it) or by being assigned to them."""
    if viewer.is_admin:
        return stmt
    seen = viewer.client_condition(WorkflowStage.client_id)
    return stmt.where(or_(seen, WorkflowStage.assignee_id == viewer.staff_id) if viewer.staff_id is not None else seen)


def _in_window(first: date, last: date) -> list[ColumnElement[bool]]:
    return [WorkflowStage.due_on >= first, WorkflowStage.due_on <= last]


def _measured(today: date):
    done = WorkflowStage.status == StageStatus.done.value
    on_time = case((done & (WorkflowStage.done_on <= WorkflowStage.due_on), 1), else_=0)
    measured = case((done, 1), (WorkflowStage.due_on < today, 1), else_=0)
    return func.sum(measured), func.sum(on_time)


MEMO = "workflow_on_time_memo"


@dataclass(frozen=True)
class _Group:  # the window's stages of one template stage and one assignee
    template: str
    key: str
    position: int
    workflow_zh: str
    workflow_en: str
    stage_zh: str
    stage_en: str
    assignee_id: int
    measured: int
    on_time: int


def _groups(session: Session, viewer: Viewer, first: date, last: date, today: date) -> list[_Group]:
    """The window's stages by template stage and assignee, which both rates roll up; a unit of work answering both
    (the board) keeps it: `session.info[MEMO] = {}`.

    Two levels: per day, template stage and assignee in the order of the on-time index (a streaming aggregate, no
    sort: a few rows per day), then those few thousand rows regrouped — a quarter of the cost of grouping every
    stage at once. The workflow's name is its newest instance's in the window (one look-up per template)."""
    memo = session.info.get(MEMO)
    memo_key = (viewer.kind, viewer.owner_ids, viewer.client_id, viewer.staff_id, first, last, today)
    if memo is not None and memo_key in memo:
        return memo[memo_key]
    measured, on_time = _measured(today)
    s = WorkflowStage
    daily = _scoped(select(s.template, s.key, func.min(s.position).label("position"),
                           func.max(s.instance_id).label("instance_id"), func.min(s.name_zh).label("name_zh"),
                           func.min(s.name_en).label("name_en"), s.assignee_id, measured.label("measured"),
                           on_time.label("on_time"))
                    .where(*_in_window(first, last)).group_by(s.due_on, s.template, s.key, s.assignee_id),
                    viewer).subquery("daily")
    d = daily.c
    stmt = (select(d.template, d.key, func.min(d.position), func.max(d.instance_id), func.min(d.name_zh),
                   func.min(d.name_en), d.assignee_id, func.sum(d.measured), func.sum(d.on_time))
            .group_by(d.template, d.key, d.assignee_id))
    rows = session.execute(stmt).all()
    newest: dict[str, int] = {}
    for template, _key, _position, instance_id, *_rest in rows:
        newest[template] = max(newest.get(template, 0), instance_id)
    names = {template: (zh, en) for template, zh, en in session.execute(
        select(WorkflowInstance.template, WorkflowInstance.name_zh, WorkflowInstance.name_en)
        .where(WorkflowInstance.id.in_(list(newest.values()))))}
    out = [_Group(template, key, position, *names[template], stage_zh, stage_en, assignee_id, int(m or 0), int(o or 0))
           for template, key, position, _instance, stage_zh, stage_en, assignee_id, m, o in rows]
    if memo is not None:
        memo[memo_key] = out
    return out


def on_time_by_stage(session: Session, viewer: Viewer, first: date, last: date, today: date) -> list[OnTime]:
    """Per template stage, in template and stage order."""
    stages: dict[tuple[str, str], list] = {}
    for g in _groups(session, viewer, first, last, today):
        found = stages.get((g.template, g.key))
        if found is None:
            stages[(g.template, g.key)] = [g.position, g.workflow_zh, g.workflow_en, g.stage_zh, g.stage_en,
                                           g.measured, g.on_time]
            continue
        for i, value in enumerate((g.position, g.workflow_zh, g.workflow_en, g.stage_zh, g.stage_en)):
            found[i] = min(found[i], value)
        found[5] += g.measured
        found[6] += g.on_time
    rows = sorted(stages.items(), key=lambda item: (item[0][0], item[1][0]))
    return [OnTime(f"{wz} · {sz}", f"{we} · {se}", m, o, f"{template}.{key}")
            for (template, key), (_, wz, we, sz, se, m, o) in rows if m]


def on_time_by_staff(session: Session, viewer: Viewer, first: date, last: date, today: date) -> list[OnTime]:
    """Per assignee, best rate first (then most measured, then name)."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for g in _groups(session, viewer, first, last, today):
        totals[g.assignee_id][0] += g.measured
        totals[g.assignee_id][1] += g.on_time
    names = dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(list(totals)))).tuples().all())
    rows = [OnTime(names[sid], names[sid], m, o, str(sid)) for sid, (m, o) in totals.items() if m and sid in names]
    return sorted(rows, key=lambda r: (-(r.rate or 0), -r.measured, r.label_zh))


def overall(rows: list[OnTime]) -> OnTime:
    return OnTime("", "", sum(r.measured for r in rows), sum(r.on_time for r in rows))


def _days_between(session: Session, start: ColumnElement, end: ColumnElement) -> ColumnElement[int]:
    """Whole days from `start` to `end` (dates), in SQL: PostgreSQL subtracts dates, SQLite their Julian days."""
    if session.get_bind().dialect.name == "postgresql":
        return type_coerce(end - start, Integer)
    return cast(func.julianday(end) - func.julianday(start), Integer)


def cycle_times(session: Session, viewer: Viewer, first: date, last: date) -> list[Cycle]:
    """Average cycle time per service of the instances closed in [first, last], in template order of names:
    counted and summed per service in SQL (thousands of instances, a handful of services)."""
    seen = _scoped(select(literal_column("1")).select_from(WorkflowStage)
                   .where(WorkflowStage.instance_id == WorkflowInstance.id), viewer)
    days = _days_between(session, WorkflowInstance.starts_on, WorkflowInstance.closed_on)
    stmt = (select(WorkflowInstance.template, WorkflowInstance.name_zh, WorkflowInstance.name_en, func.count(),
                   func.sum(case((days > 0, days), else_=0)))
            .where(WorkflowInstance.status == InstanceStatus.done.value, WorkflowInstance.closed_on >= first,
                   WorkflowInstance.closed_on <= last, seen.correlate(WorkflowInstance).exists())
            .group_by(WorkflowInstance.template, WorkflowInstance.name_zh, WorkflowInstance.name_en))
    out = []
    for template, zh, en, n, total in sorted(read(session, stmt), key=lambda r: (r[0], r[1], r[2])):
        average = (Decimal(int(total or 0)) / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        out.append(Cycle(template, zh, en, n, average))
    return out


def load(session: Session, viewer: Viewer, today: date) -> list[Load]:
    """Open stages per assignee, most first."""
    overdue = func.sum(case((WorkflowStage.due_on < today, 1), else_=0))
    waiting = func.sum(case((WorkflowStage.status == StageStatus.waiting.value, 1), else_=0))
    stmt = (select(Staff.id, Staff.name, func.count(), overdue, waiting)
            .join(Staff, Staff.id == WorkflowStage.assignee_id)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .where(WorkflowStage.status != StageStatus.done.value, WorkflowInstance.status == InstanceStatus.open.value)
            .group_by(Staff.id, Staff.name))
    rows = [Load(sid, name, int(n), int(o or 0), int(w or 0))
            for sid, name, n, o, w in session.execute(_scoped(stmt, viewer))]
    return sorted(rows, key=lambda r: (-r.open, r.staff))
