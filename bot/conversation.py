"""Who is asking, and the answer they may see: the single entry point every adapter calls."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.answer import Answerer, plain_reply
from bot.messages import IncomingMessage
from bot.reply import Reply
from bot.texts import t
from domain.identities import CHAT_PLATFORMS
from domain.models import ChatIdentity, Contact, Staff
from domain.queries import Intent
from domain.scope import Viewer, find_staff, viewer_for_contact, viewer_for_staff

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

NAME_PLATFORMS = {"console", "api", "cli"}


def answerer(app: App) -> Answerer:
    return app.answerer


def resolve_viewer(session: Session, platform: str, sender_id: str) -> Viewer | None:
    """The staff member or client contact behind a platform user id (console/API: a staff name).

    `platform:user_id` given to the console or API resolves as that platform's identity.
    """
    if platform in NAME_PLATFORMS:
        prefix, sep, rest = sender_id.partition(":")
        if sep and prefix in CHAT_PLATFORMS:
            return resolve_viewer(session, prefix, rest)
        staff = find_staff(session, sender_id)
        return viewer_for_staff(session, staff) if staff else None
    bound = session.execute(
        select(ChatIdentity).where(ChatIdentity.platform == platform, ChatIdentity.user_id == sender_id)
    ).scalar_one_or_none()
    if bound is not None:
        if bound.staff_id is not None:
            staff = session.get(Staff, bound.staff_id)
            return viewer_for_staff(session, staff) if staff else None
        contact = session.get(Contact, bound.contact_id) if bound.contact_id else None
        return viewer_for_contact(contact) if contact else None
    return None


def respond(app: App, message: IncomingMessage) -> Reply:
    """Answer one incoming message as its sender may see it; a failure raises (the HTTP API makes it a 5xx)."""
    locale = app.settings.locale
    with app.session() as session:
        viewer = resolve_viewer(session, message.platform, message.sender_id)
        if viewer is None:  # anyone else writing in a group bound to a client speaks for that client
            from bot.clients.who import group_member

            viewer = group_member(session, message)
    if viewer is not None and (viewer.is_contact or message.action):
        from bot.clients.routing import client_side

        reply = client_side(app, viewer, message)
        if reply is not None:
            return reply
    if viewer is None:
        log.info("unregistered sender on %s", message.platform)
        text = t(locale, "common.not_registered", platform=message.platform, user_id=message.sender_id)
        return plain_reply(Intent.unknown, text, locale)
    return answerer(app).answer(viewer, message.text, action=message.action, via=message.platform)


def handle(app: App, message: IncomingMessage) -> Reply:
    """`respond`, for chat: never raises. A failure becomes a polite reply (a busy or read-only database says
    so and asks to try again later) and is counted by kind (bot/failures.py)."""
    from bot.failures import DB_KINDS, failure_kind
    from bot.metrics import count_answer_error

    locale = app.settings.locale
    try:
        return respond(app, message)
    except Exception as exc:
        kind = failure_kind(exc)
        count_answer_error(app, kind)
        if kind in DB_KINDS:
            log.warning("could not answer a message on %s: %s (%s)", message.platform, kind, type(exc).__name__)
            return plain_reply(Intent.unknown, t(locale, "reliability.database_busy"), locale)
        log.exception("failed to answer a message on %s", message.platform)
        return plain_reply(Intent.unknown, t(locale, "common.internal_error"), locale)
