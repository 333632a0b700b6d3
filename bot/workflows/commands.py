"""Changes from chat: propose (checked against the rules, nothing changed yet) → the proposer confirms (a button or
typing 确认) → applied and recorded with who, when and through which chat. Buttons: 确认 / 取消 on a proposal;
完成 / 转交 / 等客户 on a status answer (each proposes the change, to be confirmed like a typed one).

Button values (`zf:wf:<zh|en>:` + …): `yes:<token>`, `no:<token>`, `do:<complete|wait|reassign>:<instance>:<stage>`,
`to:<instance>:<stage>:<staff id>` (reassign to a colleague picked from the buttons).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.format import day
from bot.reply import Reply
from bot.texts import Locale
from bot.workflows.render import button, join, period_label, quoted, reply, via_name, when, wt
from bot.workflows.targets import find_target, unclear_client
from bot.workflows.understand import WorkflowAsk
from domain.actions.proposals import set_status
from domain.models import Client, Staff
from domain.scope import Viewer
from domain.workflows import pending
from domain.workflows.audit import record_workflow, stage_snapshot
from domain.workflows.facts import stages as stage_rows
from domain.workflows.models import PendingStatus, WorkflowInstance
from domain.workflows.pending import PendingError
from domain.workflows.templates import Templates
from domain.workflows.transitions import (
    Actor,
    Applied,
    Change,
    Plan,
    TransitionError,
    apply,
    check,
    current_stage,
    stages_of,
)

if TYPE_CHECKING:
    from bot.bootstrap import App

MINUTES = int(pending.TTL.total_seconds() // 60)
PICK_STAFF = 5


def propose_from(app: App, viewer: Viewer, ask: WorkflowAsk, via: str, templates: Templates) -> Reply:
    locale = ask.language
    intent = f"workflow_{ask.family}"
    with app.session() as session:
        unclear = unclear_client(session, ask, intent)
        if unclear is not None:
            return unclear
        client = _client_name(session, ask.clients[0])
        target = find_target(session, ask.clients[0], ask, templates, app.today())
        if target.instance_id is None:
            what = _what(ask, templates, locale)
            return _refused(intent, locale, "no_instance", {"client": client, "what": what})
        change = Change(kind=ask.family, instance_id=target.instance_id, stage=target.stage,  # type: ignore[arg-type]
                        to_staff_id=ask.staff[-1] if ask.family == "reassign" else None)
        return _propose(app, session, viewer, change, via, locale)


def pressed(app: App, viewer: Viewer, payload: str, via: str) -> Reply:
    locale: Locale = app.settings.locale
    if payload[:3] in ("zh:", "en:"):
        locale, payload = payload[:2], payload[3:]  # type: ignore[assignment]
    verb, _, rest = payload.partition(":")
    parts = rest.split(":")
    if verb == "yes":
        return confirm(app, viewer, rest, via, locale)
    if verb == "no":
        return cancel(app, viewer, rest, locale)
    if verb == "do" and len(parts) == 3 and parts[1].isdigit() and parts[0] in ("complete", "wait", "reassign"):
        if parts[0] == "reassign":
            return _pick_staff(app, viewer, int(parts[1]), parts[2], locale)
        change = Change(kind=parts[0], instance_id=int(parts[1]), stage=parts[2])  # type: ignore[arg-type]
    elif verb == "to" and len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        change = Change(kind="reassign", instance_id=int(parts[0]), stage=parts[1], to_staff_id=int(parts[2]))
    else:
        return _refused("workflow_unknown", locale, "nothing_open", {})
    with app.session() as session:
        return _propose(app, session, viewer, change, via, locale)


def confirm(app: App, viewer: Viewer, token: str | None, via: str, locale: Locale) -> Reply:
    now = app.clock.now()
    notice_for: int | None = None
    with app.session() as session:
        try:
            action = pending.awaiting(session, viewer.staff_id or 0, token, now)
        except PendingError as exc:
            return _pending_reply("workflow_confirm", locale, exc.code)
        change = pending.change_of(action)
        context = _context(session, change.instance_id, locale)
        try:
            pending.decide(session, action, PendingStatus.confirmed, now)  # the row lock: a double click waits here
        except PendingError as exc:
            return _pending_reply("workflow_confirm", locale, exc.code)
        before = stage_snapshot(stages_of(session, change.instance_id))
        try:
            applied = apply(session, Actor(viewer, via, app.today(), now), change)
        except TransitionError as exc:
            set_status(session, action, PendingStatus.refused, now)
            return _refused("workflow_confirm", locale, exc.code, {**context, **exc.details})
        record_workflow(session, applied, change, context, before)
        result = _applied_reply(app, session, applied, change, locale, context)
        if change.kind == "complete" and any(s.notice == "filed" for s in applied.plan.stages):
            notice_for = applied.plan.instance.id
    if notice_for is not None and _send_notice(app, notice_for):
        result.text += "\n" + wt(locale, "applied.notice")
        result.data["text"] = result.text
    return result


def cancel(app: App, viewer: Viewer, token: str | None, locale: Locale) -> Reply:
    now = app.clock.now()
    with app.session() as session:
        try:
            action = pending.awaiting(session, viewer.staff_id or 0, token, now)
        except PendingError as exc:
            return _pending_reply("workflow_cancel", locale, exc.code)
        try:
            pending.decide(session, action, PendingStatus.cancelled, now)
        except PendingError as exc:
            return _pending_reply("workflow_cancel", locale, exc.code)
    return _pending_reply("workflow_cancel", locale, "cancelled")


# -- proposing -------------------------------------------------------------------------------------------------
def _propose(app: App, session: Session, viewer: Viewer, change: Change, via: str, locale: Locale) -> Reply:
    intent = f"workflow_{change.kind}"
    context = _context(session, change.instance_id, locale)
    try:
        plan = check(session, viewer, change)
    except TransitionError as exc:
        unseen = exc.code == "not_allowed" and not _sees_client(session, viewer, change.instance_id)
        return _refused(intent, locale, exc.code, {**context, **exc.details},  # an unseen client is not named
                        text_code="not_allowed_unseen" if unseen else None)
    action = pending.propose(session, viewer.staff_id or 0, change, via, app.clock.now(), plan.instance.client_id)
    lines = [_proposal_text(plan, change, locale, context)]
    stage = plan.stages[0]
    if change.kind == "complete" and plan.closes:
        lines.append(wt(locale, "propose.closes"))
    if change.kind == "complete" and stage.notice == "filed":
        lines.append(wt(locale, "propose.notice"))
    if change.kind == "wait" and stage.document_items():
        items = join(locale, stage.document_items())
        lines.append(wt(locale, "propose.documents", period=context["period"], items=items))
    lines.append(wt(locale, "propose.hint", minutes=MINUTES))
    items = [_plan_item(session, plan, s, locale, context) for s in plan.stages]
    actions = [button(locale, "confirm", f"yes:{action.token}", "primary"),
               button(locale, "cancel", f"no:{action.token}", "danger")]
    out = reply(intent, locale, title="proposal", text="\n".join(lines), items=items, actions=actions,
                columns=["client", "workflow", "period", "stage", "assignee", "due_on"])
    out.data["status"] = "proposed"
    return out


def _proposal_text(plan: Plan, change: Change, locale: Locale, context: dict[str, Any]) -> str:
    names = [s.name(locale) for s in plan.stages]
    if change.kind == "reassign":
        return wt(locale, "propose.reassign", stages=quoted(locale, names), staff=plan.to_staff, **context)
    return wt(locale, f"propose.{change.kind}", stage=names[0], **context)


def _plan_item(session: Session, plan: Plan, stage: Any, locale: Locale, context: dict[str, Any]) -> dict[str, Any]:
    """A stage the proposal touches, with who will have it (the new assignee of a reassignment)."""
    assignee = plan.to_staff or (found.name if (found := session.get(Staff, stage.assignee_id)) else "")
    return {"client": plan.client, "workflow": context["workflow"], "period": plan.instance.period,
            "stage": stage.name(locale), "assignee": assignee, "due_on": stage.due_on}


def _pick_staff(app: App, viewer: Viewer, instance_id: int, stage: str, locale: Locale) -> Reply:
    with app.session() as session:
        context = _context(session, instance_id, locale)
        rows = [r for r in stage_rows(session, viewer, instance_ids=[instance_id]) if r.key == stage]
        if not rows:
            return _refused("workflow_reassign", locale, "nothing_open", context)
        owners = viewer.owner_ids
        stmt = select(Staff.id, Staff.name).order_by(Staff.name)
        if owners is not None:
            stmt = stmt.where(Staff.id.in_(sorted(owners)))
        people = [(sid, name) for sid, name in session.execute(stmt) if sid != rows[0].assignee_id][:PICK_STAFF]
    text = wt(locale, "propose.pick_staff", client=context["client"], stage=rows[0].name(locale))
    actions = [button(locale, "reassign", f"to:{instance_id}:{stage}:{sid}") for sid, _ in people]
    for action, (_, name) in zip(actions, people, strict=True):
        action.label = name
    return reply("workflow_reassign", locale, title="proposal", text=text, actions=actions)


# -- results ---------------------------------------------------------------------------------------------------
def _applied_reply(app: App, session: Session, applied: Applied, change: Change, locale: Locale,
                   context: dict[str, Any]) -> Reply:
    plan = applied.plan
    names = [s.name(locale) for s in plan.stages]
    if change.kind == "reassign":
        lines = [wt(locale, "applied.reassign", stages=quoted(locale, names), staff=plan.to_staff, **context)]
    else:
        lines = [wt(locale, f"applied.{change.kind}", stage=names[0], **context)]
    event = applied.events[0]
    lines.append(wt(locale, "applied.record", actor=event.actor, at=when(locale, event.at, app.settings.tz),
                    via=via_name(locale, event.via)))
    if applied.documents_created:
        lines.append(wt(locale, "applied.documents", count=applied.documents_created))
    if plan.closes:
        lines.append(wt(locale, "applied.closed"))
    elif change.kind == "complete":
        following = current_stage(stages_of(session, plan.instance.id))
        if following is not None:
            assignee = session.get(Staff, following.assignee_id)
            lines.append(wt(locale, "applied.next", stage=following.name(locale),
                            assignee=assignee.name if assignee else "", due=day(following.due_on, locale)))
    out = reply(f"workflow_{change.kind}", locale, title="applied", text="\n".join(lines),
                items=[_applied_item(session, plan, s, locale, context) for s in plan.stages],
                columns=["client", "workflow", "period", "stage", "status", "assignee"])
    out.data.update(status="done", actor=event.actor, via=event.via, at=event.at.isoformat())
    return out


def _applied_item(session: Session, plan: Plan, stage: Any, locale: Locale, context: dict[str, Any]) -> dict[str, Any]:
    assignee = session.get(Staff, stage.assignee_id)
    return {"client": plan.client, "workflow": context["workflow"], "period": plan.instance.period,
            "stage": stage.name(locale), "status": wt(locale, f"status.{stage.status}"),
            "assignee": assignee.name if assignee else "", "done_on": stage.done_on}


def _refused(intent: str, locale: Locale, code: str, details: dict[str, Any], text_code: str | None = None) -> Reply:
    values = {"client": "", "workflow": "", "period": "", "stage": "", "missing": "", "stages": "", "done_on": "",
              "since": "", "staff": "", "what": ""}
    for key, value in details.items():
        if key.endswith("_en"):
            continue
        shown = details.get(f"{key}_en", value) if locale == "en" else value
        if isinstance(shown, list):
            shown = quoted(locale, shown) if key == "missing" else join(locale, shown)
        elif hasattr(shown, "isoformat"):
            shown = day(shown, locale)  # type: ignore[arg-type]
        values[key] = shown if shown is not None else ""
    out = reply(intent, locale, title="refused", text=wt(locale, f"errors.{text_code or code}", **values))
    out.data.update(status="refused", error=code)
    return out


def _pending_reply(intent: str, locale: Locale, code: str) -> Reply:
    status, code = ("nothing_pending", "none") if code in ("none", "nothing_pending") else (code, code)
    out = reply(intent, locale, title="refused" if code != "cancelled" else "applied",
                text=wt(locale, f"pending.{code}", minutes=MINUTES))
    out.data.update(status=status)
    return out


# -- helpers ---------------------------------------------------------------------------------------------------
def _sees_client(session: Session, viewer: Viewer, instance_id: int) -> bool:
    owner = session.execute(select(Client.owner_id).join(WorkflowInstance, WorkflowInstance.client_id == Client.id)
                            .where(WorkflowInstance.id == instance_id)).scalar_one_or_none()
    return owner is not None and viewer.sees_owner(owner)


def _client_name(session: Session, client_id: int) -> str:
    return session.execute(select(Client.name).where(Client.id == client_id)).scalar_one()


def _context(session: Session, instance_id: int, locale: Locale) -> dict[str, Any]:
    instance = session.get(WorkflowInstance, instance_id)
    if instance is None:
        return {}
    return {"client": _client_name(session, instance.client_id),
            "workflow": instance.name_zh if locale == "zh" else instance.name_en,
            "period": period_label(locale, instance.period)}


def _what(ask: WorkflowAsk, templates: Templates, locale: Locale) -> str:
    for template_key, stage_key in ask.stages:
        template = templates.get(template_key)
        stage = template.stage(stage_key) if template else None
        if stage is not None:
            return stage.name.get(locale)
    names = [t.name.get(locale) for key in ask.templates if (t := templates.get(key))]
    return names[0] if names else ""


def _send_notice(app: App, instance_id: int) -> bool:
    """Queue the client's 已申报 notice now (the planner queues it too if this fails: same key, sent once)."""
    from bot.jobs.workflow_alerts import filed_notice_drafts
    from bot.outbox import enqueue

    drafts = filed_notice_drafts(app, [instance_id])
    if drafts:
        enqueue(app, drafts, app.clock.now())
    return bool(drafts)
