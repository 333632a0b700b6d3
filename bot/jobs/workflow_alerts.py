"""Workflow rules on each planning run (kinds "workflow_alert" to staff, "workflow_notice" to clients):

- opening (`prepare`, before the other planners): the instances due today are opened (opening.open_due — last
  month's bookkeeping, the annual services in their months, one-offs whose contract started), nothing twice;
- a stage past its due date → its owner (the person it is assigned to), once: one message per person per day
  listing the stages that fell overdue since the last run (WorkflowStage.alerted_on records it);
- still open `GRACE_DAYS` days after its due date → the owner's manager, once (WorkflowStage.escalated_on);
- a done 纳税申报 (a stage with `notice: filed`) → a short "已申报" notice to the client's group chat (else its
  contacts), keyed by the instance so it is sent once — chat confirmation queues it at once (commands.py), this
  run catches up any that were not queued within `NOTICE_DAYS`;
- a stage waiting on the client that requests documents → the period's missing document requests are created
  (domain.workflows.effects.ensure_documents), so the document chasing (documents.py) chases them.
With `write=False` (a dry run) nothing is opened, marked or created.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.jobs.context import PlanContext, draft_key
from bot.jobs.draft import Draft
from bot.jobs.recipients import Directory
from bot.jobs.settings import reminder_settings
from bot.reply import Reply
from bot.texts import t
from bot.workflows.render import period_label
from domain.models import Client
from domain.workflows.effects import ensure_documents
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage
from domain.workflows.opening import Opening, open_due
from domain.workflows.templates import Templates, load_templates

if TYPE_CHECKING:
    from bot.bootstrap import App

ALERT = "workflow_alert"
NOTICE = "workflow_notice"
KINDS = (ALERT, NOTICE)
GRACE_DAYS = 3
NOTICE_DAYS = 7


@cache
def _templates(folder: str | None) -> Templates:
    return load_templates(folder)


@dataclass(frozen=True)
class Late:
    stage_id: int
    client_id: int
    client: str
    workflow: str
    period: str
    stage: str
    assignee_id: int
    due_on: date


def prepare(ctx: PlanContext, *, write: bool = True) -> None:
    """Before the other planners: open the instances due today and request the documents of waiting stages, so that
    today's reminders, chases and digest already see them."""
    if write and ctx.runs():
        how = Opening(today=ctx.today, now=ctx.moment, via="job", extra_dir=ctx.tax_calendar_dir)
        open_due(ctx.session, _templates(ctx.settings.workflows_dir), how)
        request_waiting_documents(ctx.session, ctx.today)


def plan(ctx: PlanContext, *, write: bool = True) -> dict[str, list[Draft]]:
    if not ctx.runs():
        return {ALERT: [], NOTICE: []}
    alerts = _owner_alerts(ctx, write) + _manager_alerts(ctx, write)
    return {ALERT: alerts, NOTICE: notices(ctx)}


def _late(ctx: PlanContext, before: date, marked_column) -> list[Late]:
    """Open stages due before `before` not yet reported on an earlier day."""
    name = WorkflowStage.name_zh if ctx.locale == "zh" else WorkflowStage.name_en
    workflow = WorkflowInstance.name_zh if ctx.locale == "zh" else WorkflowInstance.name_en
    stmt = (select(WorkflowStage.id, WorkflowStage.client_id, Client.name, workflow, WorkflowInstance.period, name,
                   WorkflowStage.assignee_id, WorkflowStage.due_on)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(WorkflowStage.status != StageStatus.done.value, WorkflowInstance.status == InstanceStatus.open.value,
                   WorkflowStage.due_on < before, or_(marked_column.is_(None), marked_column == ctx.today))
            .order_by(WorkflowStage.due_on, Client.name, WorkflowStage.position))
    return [Late(*row) for row in ctx.session.execute(stmt)]


def _owner_alerts(ctx: PlanContext, write: bool) -> list[Draft]:
    by_person: dict[int, list[Late]] = defaultdict(list)
    for late in _late(ctx, ctx.today, WorkflowStage.alerted_on):
        by_person[late.assignee_id].append(late)
    drafts = []
    for staff_id, rows in sorted(by_person.items()):
        to = ctx.directory.staff(staff_id)
        if to is None:
            ctx.missed(ALERT)
            continue
        lines = [_line(ctx, "alert.line", r) for r in rows]
        reply = _staff_reply(ctx, "alert.title", say(ctx, "alert.text", name=to.label, count=len(rows)), lines,
                             "overdue", rows)
        drafts.append(ctx.draft(ALERT, to, "workflow-overdue", reply, about=reply.title))
    if write:
        _mark(ctx.session, WorkflowStage.alerted_on, [r.stage_id for rows in by_person.values() for r in rows],
              ctx.today)
    return drafts


def _manager_alerts(ctx: PlanContext, write: bool) -> list[Draft]:
    by_manager: dict[int, list[Late]] = defaultdict(list)
    for late in _late(ctx, ctx.today - timedelta(days=GRACE_DAYS), WorkflowStage.escalated_on):
        manager = ctx.directory.manager_of(late.assignee_id)
        if manager is not None:
            by_manager[manager].append(late)
    drafts = []
    for manager, rows in sorted(by_manager.items()):
        to = ctx.directory.staff(manager)
        if to is None:
            ctx.missed(ALERT)
            continue
        lines = [_line(ctx, "alert.escalation_line", r) for r in rows]
        text = say(ctx, "alert.escalation_text", name=to.label, count=len(rows), grace=GRACE_DAYS)
        reply = _staff_reply(ctx, "alert.escalation_title", text, lines, "escalation", rows)
        drafts.append(ctx.draft(ALERT, to, "workflow-escalation", reply, about=reply.title))
    if write:
        _mark(ctx.session, WorkflowStage.escalated_on, [r.stage_id for rows in by_manager.values() for r in rows],
              ctx.today)
    return drafts


def _line(ctx: PlanContext, key: str, late: Late) -> str:
    owner = ctx.directory.people.get(late.assignee_id)
    return say(ctx, key, client=late.client, workflow=late.workflow, period=period_label(ctx.locale, late.period),
                        stage=late.stage, due=ctx.day(late.due_on), days=(ctx.today - late.due_on).days,
                        owner=owner.name if owner else "")


def _staff_reply(ctx: PlanContext, title: str, text: str, lines: list[str], topic: str, rows: list[Late]) -> Reply:
    data = {"kind": ALERT, "topic": topic,
            "stages": [{"client": r.client, "stage": r.stage, "period": r.period, "due_on": r.due_on.isoformat(),
                        "stage_id": r.stage_id} for r in rows]}
    return Reply(intent=ALERT, title=say(ctx, title), text=text, sections=[("", lines)], locale=ctx.locale,
                 source="system", data=data)


def _mark(session: Session, column, stage_ids: list[int], today: date) -> None:
    for start in range(0, len(stage_ids), 500):
        session.execute(update(WorkflowStage).where(WorkflowStage.id.in_(stage_ids[start:start + 500]))
                        .values({column.key: today}).execution_options(synchronize_session=False))


# -- notices and document requests ---------------------------------------------------------------------------------
def notices(ctx: PlanContext, instance_ids: list[int] | None = None) -> list[Draft]:
    """已申报 notices for filing stages done in the last NOTICE_DAYS days (or of the given instances)."""
    name = WorkflowStage.name_zh if ctx.locale == "zh" else WorkflowStage.name_en
    stmt = (select(WorkflowStage.instance_id, WorkflowStage.client_id, Client.name, Client.owner_id,
                   WorkflowInstance.period, name)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .join(Client, Client.id == WorkflowStage.client_id)
            .where(WorkflowStage.status == StageStatus.done.value, WorkflowStage.notice == "filed"))
    if instance_ids is None:
        stmt = stmt.where(WorkflowStage.done_on >= ctx.today - timedelta(days=NOTICE_DAYS))
    else:
        stmt = stmt.where(WorkflowStage.instance_id.in_(instance_ids))
    rows = ctx.session.execute(stmt.order_by(WorkflowStage.instance_id)).all()
    reach = ctx.directory.clients(row[1] for row in rows)
    drafts = []
    for instance_id, client_id, client, owner_id, period, stage in rows:
        owner = ctx.directory.people.get(owner_id)
        values = {"client": client, "period": period_label(ctx.locale, period), "what": stage,
                  "owner": owner.name if owner else ""}
        reply = Reply(intent=NOTICE, title=say(ctx, "notice.title", **values),
                      text=say(ctx, "notice.text", **values), locale=ctx.locale, source="system",
                      data={"kind": NOTICE, "client": client, "period": period, "stage": stage})
        for to in reach.get(client_id, []):
            drafts.append(Draft(key=draft_key(NOTICE, to.key, f"filed:{instance_id}", "done"), kind=NOTICE,
                                destination=to.destination, recipient=to.label, reply=reply, client_facing=True,
                                subject=client))
        if not reach.get(client_id):
            ctx.missed(NOTICE)
    return drafts


def filed_notice_drafts(app: App, instance_ids: list[int]) -> list[Draft]:
    """The notices for these instances now (chat confirmation of a filing), with the planners' directory."""
    reminders = reminder_settings(app)
    with app.session() as session:
        ctx = PlanContext(session=session, settings=app.settings, reminders=reminders, moment=app.clock.now(),
                          directory=Directory(session, app.settings, reminders))
        return notices(ctx, instance_ids)


def request_waiting_documents(session: Session, today: date) -> int:
    """The document requests of every stage waiting on the client (creating only the missing ones)."""
    stmt = (select(WorkflowStage, WorkflowInstance)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .where(WorkflowStage.status == StageStatus.waiting.value, WorkflowStage.documents != "",
                   WorkflowInstance.status == InstanceStatus.open.value))
    return sum(ensure_documents(session, instance, stage, today) for stage, instance in session.execute(stmt))


def say(ctx: PlanContext, key: str, **values: object) -> str:
    return t(ctx.locale, f"workflows.{key}", **values)
