"""A client's files: each attachment downloaded through its platform's API (in the worker thread that answers),
checked (size, kind from the bytes), kept in the file store and recorded — or recorded as refused, with the reason,
so that nothing a client sent is silently lost. A redelivered message (same platform reference) is not fetched
again. Only called for a sender already known to be a client (bot/clients/who.py): an unbound sender's file is
never downloaded."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.files.download import DownloadError, TooLarge
from bot.files.kinds import safe_name, sniff
from bot.files.registry import downloader, file_store
from bot.files.store import StoreError
from bot.messages import Attachment, IncomingMessage
from domain.files.models import ClientFile
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
MAX_PER_MESSAGE = 20


def receive(app: App, viewer: Viewer, message: IncomingMessage) -> list[ClientFile]:
    """The message's files as recorded rows (in order); an earlier delivery's rows when it is a retry."""
    rows = []
    for attachment in message.attachments[:MAX_PER_MESSAGE]:
        with app.session() as session:
            known = _known(session, message.platform, attachment.ref)
        rows.append(known if known is not None else _take(app, viewer, message, attachment))
    return rows


def _known(session: Session, platform: str, ref: str) -> ClientFile | None:
    return session.execute(select(ClientFile).where(ClientFile.platform == platform,
                                                    ClientFile.ref == ref[:400])).scalar_one_or_none()


def _take(app: App, viewer: Viewer, message: IncomingMessage, attachment: Attachment) -> ClientFile:
    assert viewer.client_id is not None
    row = ClientFile(client_id=viewer.client_id, contact_id=viewer.contact_id, sender=message.sender_id[:200],
                     platform=message.platform, ref=attachment.ref[:400], words=(message.text or "")[:500],
                     original_name=safe_name(attachment.name, fallback=attachment.kind), received_at=app.clock.now())
    _fetch_into(app, row, attachment)
    try:
        with app.session() as session:
            session.add(row)
    except IntegrityError:  # the same reference taken by a concurrent delivery: that row stands
        with app.session() as session:
            known = _known(session, message.platform, attachment.ref)
        if known is not None:
            return known
        raise
    return row


def _fetch_into(app: App, row: ClientFile, attachment: Attachment) -> None:
    try:
        data = downloader(app, row.platform).fetch(attachment, app.settings.files_max_bytes)
    except TooLarge:
        row.status, row.reason, row.size = "refused", "too_large", attachment.size or 0
        return
    except DownloadError as exc:
        log.warning("client file not downloaded on %s: %s", row.platform, exc)
        row.status, row.reason = "failed", "download"
        return
    kind = sniff(data, attachment.name)
    row.size, row.content_type, row.family = len(data), kind.mime, kind.family
    if not data:
        row.status, row.reason = "refused", "empty"
    elif not kind.allowed:
        row.status, row.reason = "refused", "type"
    else:
        try:
            row.sha256, _ = file_store(app).put(data)
        except StoreError as exc:
            log.error("client file not stored: %s", exc)
            row.status, row.reason = "failed", "store"
