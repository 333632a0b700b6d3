"""The daily digest's workflow numbers, gathered once for the firm (grouped by the client's owner and the stage's
assignee) and added up for each reader over the owners they see, like figures.py does for money:
open stages, overdue, waiting on the client, the on-time rate of the last `DAYS` days (domain.workflows.stats'
definition: done by the due date ÷ done + still open past it) and who has the most open stages.
A reader who sees no workflow at all gets no workflow section."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import case, func, or_, select

from bot.format import percent
from bot.jobs.context import PlanContext
from bot.reply import Reply
from bot.texts import t
from domain.models import Client
from domain.scope import Viewer
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage

DAYS = 30
OPEN, OVERDUE, WAITING, MEASURED, ON_TIME = range(5)


@dataclass
class WorkflowFigures:
    by_owner_assignee: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def total(self, viewer: Viewer) -> tuple[list[int], dict[int, list[int]]]:
        """The reader's sums, and the open/overdue counts per assignee within what the reader sees."""
        sums = [0] * 5
        people: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for (owner, assignee), values in self.by_owner_assignee.items():
            if viewer.owner_ids is not None and owner not in viewer.owner_ids:
                continue
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            people[assignee][0] += values[OPEN]
            people[assignee][1] += values[OVERDUE]
        return sums, people


def gather(ctx: PlanContext) -> WorkflowFigures:
    today = ctx.today
    is_open = (WorkflowStage.status != StageStatus.done.value) & (WorkflowInstance.status == InstanceStatus.open.value)
    recent = WorkflowStage.due_on.between(today - timedelta(days=DAYS), today)
    done = WorkflowStage.status == StageStatus.done.value
    columns = [
        func.sum(case((is_open, 1), else_=0)),
        func.sum(case((is_open & (WorkflowStage.due_on < today), 1), else_=0)),
        func.sum(case((is_open & (WorkflowStage.status == StageStatus.waiting.value), 1), else_=0)),
        func.sum(case((recent & (done | (WorkflowStage.due_on < today)), 1), else_=0)),
        func.sum(case((recent & done & (WorkflowStage.done_on <= WorkflowStage.due_on), 1), else_=0)),
    ]
    stmt = (select(Client.owner_id, WorkflowStage.assignee_id, *columns)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(or_(WorkflowStage.status != StageStatus.done.value,
                       WorkflowStage.due_on >= today - timedelta(days=DAYS)))  # not the whole history
            .group_by(Client.owner_id, WorkflowStage.assignee_id))
    figures = WorkflowFigures()
    for owner, assignee, *values in ctx.session.execute(stmt):
        figures.by_owner_assignee[(owner, assignee)] = [int(v or 0) for v in values]
    return figures


def add(ctx: PlanContext, reply: Reply, figures: WorkflowFigures, viewer: Viewer) -> None:
    """Append the reader's workflow section (and `data["workflows"]`) to their digest."""
    sums, people = figures.total(viewer)
    if not any(sums) and not people:
        return
    locale = ctx.locale
    rate = sums[ON_TIME] / sums[MEASURED] if sums[MEASURED] else None
    lines = [t(locale, "workflows.digest.on_time", days=DAYS, rate=percent(rate), on_time=sums[ON_TIME],
               measured=sums[MEASURED]) if rate is not None else t(locale, "workflows.digest.on_time_none", days=DAYS)]
    busiest = sorted(((v[0], v[1], ctx.directory.people[sid].name) for sid, v in people.items()
                      if v[0] and sid in ctx.directory.people), key=lambda r: (-r[0], r[2]))
    if busiest:
        count, overdue, name = busiest[0]
        lines.append(t(locale, "workflows.digest.busiest", name=name, count=count, overdue=overdue))
    heading = t(locale, "workflows.digest.heading", open=sums[OPEN], overdue=sums[OVERDUE], waiting=sums[WAITING])
    reply.sections.append((heading, lines))
    reply.data["workflows"] = {"open": sums[OPEN], "overdue": sums[OVERDUE], "waiting": sums[WAITING],
                               "measured": sums[MEASURED], "on_time": sums[ON_TIME], "on_time_rate": rate,
                               "busiest": busiest[0][2] if busiest else None}
