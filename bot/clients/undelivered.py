"""A message for a client that the platform refused for good (e.g. a 微信客服 reply window that has closed): the
outbox keeps it as failed with the reason — nothing is lost, `zhangfang outbox retry` sends it again — and the
client's owner is told, so that someone reaches the client another way. (Messages that failed because a platform
was down are not reported this way: `zhangfang outbox list --failed` shows them.)"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.clients.notices import tell_owner
from bot.models import OutboxMessage
from bot.texts import t
from domain.models import Client

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)


def tell_owner_undelivered(app: App, message: OutboxMessage, error: str) -> None:
    if not message.client_facing or not message.subject:
        return
    try:
        with app.session() as session:
            client_id = session.execute(select(Client.id).where(Client.name == message.subject)).scalar_one_or_none()
        if client_id is None:
            return
        locale = app.settings.locale
        tell_owner(app, client_id, t(locale, "clients_chat.owner.undelivered", client=message.subject,
                                     kind=message.kind, outbox_id=message.id, reason=error[:200]), locale)
    except Exception:  # telling the owner must never break delivery of everything else
        log.exception("could not tell the owner about undelivered outbox message %s", message.id)
