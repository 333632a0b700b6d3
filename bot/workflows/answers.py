"""Workflow questions → replies, limited to what the asker sees (domain.workflows.facts / stats):
where a client's workflow stands (with 完成 / 转交 / 等客户 buttons for its current stage), clients not done with a
stage for a period, overdue stages, someone's open tasks, who did what (the audit trail), on-time rates, current
load and cycle times."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from bot.format import day
from bot.reply import Action, Reply
from bot.texts import Locale
from bot.workflows.render import actor_name, button, join, period_label, reply, stage_item, stage_line, via_name, wt
from bot.workflows.targets import options, period_for, unclear_client
from bot.workflows.understand import WorkflowAsk
from domain.models import Client, Staff
from domain.scope import Viewer
from domain.workflows import facts, stats
from domain.workflows.facts import StageRow
from domain.workflows.templates import Templates
from domain.workflows.transitions import may_change

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.bootstrap import App

DEFAULT_DAYS = 90
STAGE_COLUMNS = ["client", "workflow", "period", "stage", "assignee", "due_on", "days_overdue"]
MAX_BUTTONS = 6


def answer(app: App, viewer: Viewer, ask: WorkflowAsk, templates: Templates) -> Reply:
    handler: Callable[..., Reply] = HANDLERS[ask.family]
    with app.session() as session:
        return handler(session, viewer, ask, templates, app.today())


def _what(ask: WorkflowAsk, templates: Templates, locale: Locale) -> str:
    names = [t.name.get(locale) for t, _ in options(ask, templates)] if ask.templates or ask.stages else []
    return join(locale, list(dict.fromkeys(names)))


def _period(ask: WorkflowAsk, templates: Templates, today: date) -> str | None:
    found = [period_for(ask, t, today) for t, _ in options(ask, templates)]
    return next((p for p in found if p), None)


def status(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    refused = unclear_client(session, ask, "workflow_status")
    if refused:
        return refused
    named = [t.key for t, _ in options(ask, templates)] if ask.templates or ask.stages else None
    period = _period(ask, templates, today)
    rows = facts.stages(session, viewer, client_ids=ask.clients, templates=named, period=period,
                        open_only=period is None)
    client = rows[0].client if rows else _name(session, ask.clients[0])
    if not rows:
        text = wt(locale, "answers.status_none", client=client, what=_what(ask, templates, locale))
        return reply("workflow_status", locale, title="status", text=text)
    by_instance: dict[int, list[StageRow]] = defaultdict(list)
    for row in rows:
        by_instance[row.instance_id].append(row)
    sections, actions, currents = [], [], []
    for stages in by_instance.values():
        current = _current(stages)
        currents.append(current.name(locale) if current else None)
        key = "answers.status_heading" if current else "answers.status_heading_done"
        heading = wt(locale, key, workflow=stages[0].workflow(locale), period=period_label(locale, stages[0].period),
                     current=current.name(locale) if current else "")
        sections.append((heading, [stage_line(r, locale, today) for r in stages]))
        if current and len(actions) < MAX_BUTTONS and may_change(viewer, _owner(session, current.client_id),
                                                                 current.assignee_id):
            actions += _stage_buttons(locale, current)
    text = wt(locale, "answers.status", client=client)
    return reply("workflow_status", locale, title="status", text=text, sections=sections, actions=actions[:MAX_BUTTONS],
                 items=[stage_item(r, locale, today) for r in rows], value=currents[0])


def _current(stages: list[StageRow]) -> StageRow | None:
    done = {r.key for r in stages if r.is_done}
    return next((r for r in stages if not r.is_done and all(k in done for k in r.prerequisites)), None)


def _stage_buttons(locale: Locale, row: StageRow) -> list[Action]:
    ref = f"{row.instance_id}:{row.key}"
    found = [button(locale, "complete", f"do:complete:{ref}", "primary"),
             button(locale, "reassign", f"do:reassign:{ref}")]
    if row.can_wait and row.status != "waiting":
        found.append(button(locale, "wait", f"do:wait:{ref}"))
    return found


def pending(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    """Clients whose named stage (or service) is not done for the period (default: the one worked this month)."""
    locale = ask.language
    ask.current_period = ask.current_period or ask.period is None
    rows: list[StageRow] = []
    label = ""
    for template, key in options(ask, templates):
        period = period_for(ask, template, today)
        if key is not None:
            rows += facts.stages(session, viewer, templates=[template.key], period=period, open_only=False,
                                 keys=[key], not_done=True)
        else:
            found = facts.stages(session, viewer, templates=[template.key], period=period)
            rows += [c for c in (_current(list(g)) for g in _grouped(found).values()) if c is not None]
        label = label or period_label(locale, period or "")
    stage = _what(ask, templates, locale) if not ask.stages else join(
        locale, list(dict.fromkeys(templates.get(t).stage(k).name.get(locale)  # type: ignore[union-attr]
                                   for t, k in ask.stages if templates.get(t))))
    values = {"period": label, "stage": stage, "count": len({r.client_id for r in rows})}
    text = wt(locale, "answers.pending" if rows else "answers.pending_none", **values)
    return reply("workflow_pending", locale, title="pending", text=text, columns=STAGE_COLUMNS,
                 items=[stage_item(r, locale, today) for r in rows], value=values["count"])


def _grouped(rows: list[StageRow]) -> dict[int, list[StageRow]]:
    out: dict[int, list[StageRow]] = defaultdict(list)
    for row in rows:
        if row.instance_status == "open":
            out[row.instance_id].append(row)
    return out


def overdue(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    who = _subject(viewer, ask) if ask.me or ask.staff else None
    keys = [k for _, k in ask.stages] or None
    named = [t.key for t, _ in options(ask, templates)] if ask.templates or ask.stages else None
    rows = facts.open_stages(session, viewer, assignee_id=who, overdue_on=today, templates=named, keys=keys)
    text = wt(locale, "answers.overdue" if rows else "answers.overdue_none", count=len(rows))
    return reply("workflow_overdue", locale, title="overdue", text=text, columns=STAGE_COLUMNS,
                 items=[stage_item(r, locale, today) for r in rows], value=len(rows))


def tasks(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    who = _subject(viewer, ask)
    rows = facts.open_stages(session, viewer, assignee_id=who)
    done = facts.done_keys(session, [r.instance_id for r in rows])
    ready = facts.actionable(rows, done)
    name = viewer.name if who == viewer.staff_id else _staff_name(session, who)
    text = wt(locale, "answers.tasks" if ready else "answers.tasks_none", name=name, count=len(ready))
    later = len(rows) - len(ready)
    notes = [wt(locale, "answers.tasks_later", count=later)] if later else []
    return reply("workflow_tasks", locale, title="tasks", text=text, columns=STAGE_COLUMNS, notes=notes,
                 items=[stage_item(r, locale, today) for r in ready], value=len(ready))


def _subject(viewer: Viewer, ask: WorkflowAsk) -> int:
    return ask.staff[0] if ask.staff and not ask.me else viewer.staff_id or 0


def history(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    refused = unclear_client(session, ask, "workflow_history")
    if refused:
        return refused
    named = [t.key for t, _ in options(ask, templates)] if ask.templates or ask.stages else None
    rows = facts.stages(session, viewer, client_ids=ask.clients, templates=named,
                        period=_period(ask, templates, today), open_only=False)
    what = _what(ask, templates, locale)
    client = rows[0].client if rows else _name(session, ask.clients[0])
    if not rows:
        return reply("workflow_history", locale, title="history",
                     text=wt(locale, "answers.history_none", client=client, what=what))
    trail = facts.events(session, instance_ids=sorted({r.instance_id for r in rows}))
    who_lines, value = _who_did(rows, ask, locale)
    items = [{"day": e.on, "client": e.client, "workflow": e.workflow_zh if locale == "zh" else e.workflow_en,
              "period": e.period, "stage": (e.stage_zh if locale == "zh" else e.stage_en) or "",
              "action": e.action, "from": e.from_status, "to": e.to_status, "to_staff": e.to_staff,
              "actor": e.actor, "via": e.via, "at": e.at} for e in trail]
    lines = [wt(locale, "line.event", day=day(e.on, locale), what=_action(locale, e), actor=actor_name(locale, e.actor),
                via=via_name(locale, e.via)) for e in trail]
    text = "\n".join([wt(locale, "answers.history", client=client, what=what), *who_lines])
    return reply("workflow_history", locale, title="history", text=text, items=items, value=value,
                 sections=[("", lines)])


def _who_did(rows: list[StageRow], ask: WorkflowAsk, locale: Locale) -> tuple[list[str], str | None]:
    keys = {k for _, k in ask.stages}
    chosen = [r for r in rows if r.key in keys] if keys else [r for r in rows if r.is_done]
    names = list(dict.fromkeys(r.done_by for r in chosen if r.done_by))
    if not keys:
        return ([wt(locale, "answers.history_people", names=join(locale, names))] if names else []), join(
            locale, names) or None
    lines = [wt(locale, "answers.history_who", stage=r.name(locale), names=r.done_by) if r.done_by else
             wt(locale, "answers.history_nobody", stage=r.name(locale)) for r in chosen]
    return lines, join(locale, names) or None


def _action(locale: Locale, event: facts.EventRow) -> str:
    stage = (event.stage_zh if locale == "zh" else event.stage_en) or ""
    return wt(locale, f"actions.{event.action}", stage=stage, to=event.to_staff or "")


def on_time(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    first, last, label = _window(ask, locale, today)
    by_staff = ask.by == "staff"
    rows = (stats.on_time_by_staff if by_staff else stats.on_time_by_stage)(session, viewer, first, last, today)
    total = stats.overall(rows)
    items = [{"staff" if by_staff else "stage": r.label_zh if locale == "zh" else r.label_en, "measured": r.measured,
              "on_time": r.on_time, "rate": r.rate} for r in rows]
    if total.rate is None:
        text = wt(locale, "answers.on_time_none", window=label)
    else:
        text = wt(locale, "answers.on_time", window=label, rate=f"{total.rate * 100:.1f}%", on_time=total.on_time,
                  measured=total.measured)
    columns = ["staff" if by_staff else "stage", "measured", "on_time", "rate"]
    return reply("workflow_on_time", locale, title="on_time", text=text, items=items, columns=columns,
                 value=total.rate, notes=[wt(locale, "answers.on_time_note")])


def _window(ask: WorkflowAsk, locale: Locale, today: date) -> tuple[date, date, str]:
    if ask.window is not None:
        first, last = ask.window
        return first, min(last, today), f"{day(first, locale)} – {day(min(last, today), locale)}"
    return today - timedelta(days=DEFAULT_DAYS), today, wt(locale, "answers.window_default")


def load(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    rows = stats.load(session, viewer, today)
    items = [{"staff": r.staff, "open": r.open, "overdue": r.overdue, "waiting": r.waiting} for r in rows]
    text = wt(locale, "answers.load", top=rows[0].staff, count=rows[0].open) if rows else wt(locale,
                                                                                            "answers.load_none")
    return reply("workflow_load", locale, title="load", text=text, items=items,
                 columns=["staff", "open", "overdue", "waiting"], value=rows[0].staff if rows else None)


def cycle(session: Session, viewer: Viewer, ask: WorkflowAsk, templates: Templates, today: date) -> Reply:
    locale = ask.language
    first, last, label = _window(ask, locale, today)
    rows = stats.cycle_times(session, viewer, first, last)
    if ask.templates:
        rows = [r for r in rows if r.template in ask.templates]
    items: list[dict[str, Any]] = [{"workflow": r.workflow_zh if locale == "zh" else r.workflow_en,
                                    "instances": r.instances, "average_days": r.average_days} for r in rows]
    text = wt(locale, "answers.cycle" if rows else "answers.cycle_none", window=label)
    return reply("workflow_cycle", locale, title="cycle", text=text, items=items,
                 columns=["workflow", "instances", "average_days"], notes=[wt(locale, "answers.cycle_note")],
                 value=rows[0].average_days if len(rows) == 1 else None)


def _name(session: Session, client_id: int) -> str:
    found = session.get(Client, client_id)
    return found.name if found else ""


def _owner(session: Session, client_id: int) -> int:
    found = session.get(Client, client_id)
    return found.owner_id if found else -1


def _staff_name(session: Session, staff_id: int) -> str:
    found = session.get(Staff, staff_id)
    return found.name if found else ""


HANDLERS: dict[str, Callable[..., Reply]] = {
    "status": status, "pending": pending, "overdue": overdue, "tasks": tasks, "history": history,
    "on_time": on_time, "load": load, "cycle": cycle,
}
