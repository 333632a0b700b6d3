"""The owner hears what their clients' messages did — batched: one message per owner per
ZHANGFANG_OWNER_NOTICE_MINUTES (default 10), through the outbox.

The first event of a slot writes an outbox message due at the slot's end; later events of the same slot append
their line (and undo button) to it while it is still pending. An event that finds the slot's message already taken
by the sender starts a follow-up message, so nothing is lost.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from bot.jobs.draft import Draft
from bot.jobs.recipients import Directory
from bot.jobs.settings import reminder_settings
from bot.models import OutboxMessage
from bot.outbox import enqueue
from bot.reply import Action, Reply
from bot.texts import Locale, t
from domain.models import Client

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
KIND = "client_activity"
MAX_BUTTONS = 5


def tell_owner(app: App, client_id: int, line: str, locale: Locale, action: Action | None = None) -> bool:
    """Queue `line` for the client's owner; False when the owner cannot be reached on any platform."""
    now = app.clock.now()
    with app.session() as session:
        client = session.get(Client, client_id)
        recipient = Directory(session, app.settings, reminder_settings(app)).staff(client.owner_id) if client else None
    if client is None or recipient is None:
        log.warning("client activity for client %s: the owner cannot be reached", client_id)
        return False
    span = app.settings.owner_notice_minutes * 60
    slot = int(now.timestamp()) // span
    due = datetime.fromtimestamp((slot + 1) * span, UTC)
    for attempt in range(5):
        key = f"{KIND}|{recipient.key}|{slot}|{attempt}"
        if _append(app, key, line, action):
            return True
        reply = Reply(intent=KIND, title=t(locale, "clients_chat.owner.title"), locale=locale,
                      text=t(locale, "clients_chat.owner.head") + "\n" + line, actions=[action] if action else [])
        draft = Draft(key=key, kind=KIND, destination=recipient.destination, recipient=recipient.label,
                      reply=reply, subject=client.name)
        if enqueue(app, [draft], now).new:
            with app.session() as session:
                session.execute(update(OutboxMessage).where(OutboxMessage.key == key, OutboxMessage.status == "pending")
                                .values(next_attempt_at=max(due, now + timedelta(seconds=1))))
            return True
    log.error("client activity for client %s: no outbox slot left", client_id)
    return False


def _append(app: App, key: str, line: str, action: Action | None) -> bool:
    """Add the line to the slot's message while it is still pending; False when there is none (or it was taken)."""
    with app.session() as session:
        row = session.execute(select(OutboxMessage).where(OutboxMessage.key == key)
                              .with_for_update()).scalar_one_or_none()
        if row is None or row.status != "pending":
            return False
        reply = Reply.model_validate_json(row.payload)
        reply.text += "\n" + line
        if action is not None and len(reply.actions) < MAX_BUTTONS:
            reply.actions.append(action)
        row.payload = reply.model_dump_json()
        return True
