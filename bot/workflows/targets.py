"""Which instance a message means: the client named, the service or stage named (a stage name two services share,
复核, means the first service with an instance for the client), and the period said or implied.

Periods: a month said ("11月", "2026年11月", "上个月") is the accounting period; "本月 / this month" is the
period being worked this month (the month before, for monthly services; last year, for annual ones). With no
period, a command means the oldest open instance where the stage is still to do — or, when it is done
everywhere, the latest one (so that the reply can say when it was done); a closed instance is found only when
nothing open matches (so that the reply can say it is closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.reply import Reply
from bot.texts import t
from bot.workflows.render import reply, wt
from bot.workflows.understand import WorkflowAsk
from domain.models import Client
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage
from domain.workflows.schedule import previous_month
from domain.workflows.templates import Templates, WorkflowTemplate


def unclear_client(session: Session, ask: WorkflowAsk, intent: str) -> Reply | None:
    """A reply when the message does not name exactly one client: which of these? / no such client / which one?"""
    locale = ask.language
    if ask.candidates:
        names = session.execute(select(Client.name).where(Client.id.in_(ask.candidates)).order_by(Client.name))
        text = "\n".join([t(locale, "common.ambiguous"), *(f"• {name}" for name in names.scalars()),
                          t(locale, "common.ambiguous_hint")])
        code = "ambiguous"
    elif ask.unresolved_client or not ask.clients or len(ask.clients) > 1:
        code = "client_not_found" if ask.unresolved_client and not ask.clients else "no_client"
        text = wt(locale, f"errors.{code}")
    else:
        return None
    out = reply(intent, locale, title="refused", text=text)
    out.data.update(status="refused", error=code)
    return out


@dataclass(frozen=True)
class Target:
    instance_id: int | None
    stage: str | None


def options(ask: WorkflowAsk, templates: Templates) -> list[tuple[WorkflowTemplate, str | None]]:
    """(template, stage key or None) in the order to try them."""
    if ask.stages:
        found = [(templates.get(t), key) for t, key in ask.stages]
        return [(t, key) for t, key in found if t is not None]
    named = [templates.get(key) for key in ask.templates] if ask.templates else list(templates)
    return [(t, None) for t in named if t is not None]


def period_for(ask: WorkflowAsk, template: WorkflowTemplate, today: date) -> str | None:
    if ask.period is not None:
        return ask.period
    if ask.current_period:
        if template.cadence == "monthly":
            return previous_month(today)
        return str(today.year - 1) if template.cadence == "annual" else today.strftime("%Y-%m")
    return None


def find_target(session: Session, client_id: int, ask: WorkflowAsk, templates: Templates, today: date) -> Target:
    for template, stage in options(ask, templates):
        stmt = select(WorkflowInstance).where(WorkflowInstance.client_id == client_id,
                                              WorkflowInstance.template == template.key)
        period = period_for(ask, template, today)
        if period is not None:
            stmt = stmt.where(WorkflowInstance.period == period)
        found = list(session.execute(stmt.order_by(WorkflowInstance.period, WorkflowInstance.id)).scalars())
        chosen = _choose(session, found, stage)
        if chosen is not None:
            return Target(chosen.id, stage or ask.unknown_stage)
    return Target(None, None)


def _choose(session: Session, instances: list[WorkflowInstance], stage: str | None) -> WorkflowInstance | None:
    open_ones = [i for i in instances if i.status == InstanceStatus.open.value]
    if stage is not None and open_ones:
        done = set(session.execute(select(WorkflowStage.instance_id).where(
            WorkflowStage.instance_id.in_([i.id for i in open_ones]), WorkflowStage.key == stage,
            WorkflowStage.status == StageStatus.done.value)).scalars())
        to_do = [i for i in open_ones if i.id not in done]
        return to_do[0] if to_do else open_ones[-1]
    if open_ones:
        return open_ones[0]
    return instances[-1] if instances else None
