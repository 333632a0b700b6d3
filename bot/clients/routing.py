"""Where bot/conversation.py hands over: every message of a client goes to the client desk; a staff member's press
of a button on a client notice (zf:cf:…) to bot/clients/staff.py. Everything else goes on as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.clients.documents import PREFIX
from bot.messages import IncomingMessage
from bot.reply import Reply
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App


def client_side(app: App, viewer: Viewer, message: IncomingMessage) -> Reply | None:
    if viewer.is_contact:
        from bot.clients.desk import client_reply

        return client_reply(app, viewer, message)
    if message.action and message.action.startswith(PREFIX):
        from bot.clients.staff import staff_action

        return staff_action(app, viewer, message.action, message.platform, app.settings.locale)
    return None
