"""Chatting with the bot about workflows: one message through bot.conversation.handle (the entry every adapter
calls), and reading back what happened (stages, the audit trail, pending changes, the outbox)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.bootstrap import App
from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.models import OutboxMessage
from bot.reply import Reply
from domain.models import Client
from domain.workflows.models import PendingAction, WorkflowEvent, WorkflowStage


def chat(app: App, who: str, text: str = "", action: str | None = None, platform: str = "console") -> Reply:
    return handle(app, IncomingMessage(platform=platform, chat_id="", sender_id=who, text=text, action=action))


def press(app: App, who: str, reply: Reply, label: str, platform: str = "console") -> Reply:
    [value] = [a.value for a in reply.actions if a.label == label]
    return chat(app, who, action=value, platform=platform)


def stages(app: App, client: str) -> dict[str, dict[str, Any]]:
    with app.session() as session:
        rows = session.execute(select(WorkflowStage).join(Client, Client.id == WorkflowStage.client_id)
                               .where(Client.name == client).order_by(WorkflowStage.id)).scalars().all()
        return {s.key: {"status": s.status, "assignee": s.assignee_id, "done_by": s.done_by_id} for s in rows}


def trail(app: App) -> list[tuple]:
    with app.session() as session:
        return [tuple(row) for row in session.execute(
            select(WorkflowEvent.action, WorkflowEvent.stage_key, WorkflowEvent.actor, WorkflowEvent.via)
            .where(WorkflowEvent.action != "opened").order_by(WorkflowEvent.id))]


def pending_statuses(app: App) -> list[str]:
    with app.session() as session:
        return list(session.execute(select(PendingAction.status).order_by(PendingAction.id)).scalars())


def outbox(app: App, kind: str) -> list[OutboxMessage]:
    with app.session() as session:
        return list(session.execute(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                    .order_by(OutboxMessage.id)).scalars())
