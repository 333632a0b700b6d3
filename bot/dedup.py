"""Process each platform delivery once: Slack retries (event_id), WeCom MsgId, DingTalk msgId."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from bot.messages import IncomingMessage
from bot.models import ProcessedEvent
from domain.types import utcnow

if TYPE_CHECKING:
    from bot.bootstrap import App

KEEP = timedelta(days=3)


class StoreUnavailable(Exception):
    """The delivery could not be recorded because the database is locked, read-only or unreachable: the platform
    should be told to try again later (503 with Retry-After), so that nothing it sent is lost."""

    def __init__(self, kind: str, retry_after: int) -> None:
        super().__init__(kind)
        self.kind, self.retry_after = kind, retry_after


def first_time(app: App, platform: str, event_id: str | None, incoming: IncomingMessage | None = None) -> bool:
    """True the first time (platform, event_id) is seen; False for every retry. No id: always True.
    `incoming`, the message to answer, is kept until it is answered (bot/inbox.py replays it after a crash)."""
    if not event_id:
        return True
    payload = incoming.model_dump_json() if incoming is not None else None
    try:
        with app.session() as session:
            session.execute(insert(ProcessedEvent).values(platform=platform, event_id=event_id[:200],
                                                          received_at=utcnow(), payload=payload))
    except IntegrityError:
        return False
    return True


def admit(app: App, platform: str, event_id: str | None, incoming: IncomingMessage | None = None) -> bool:
    """Count an authenticated delivery and say whether to process it: False for a retry of one already taken.
    Called before the platform's acknowledgement, with the message to answer when there is one."""
    from bot.failures import DB_KINDS, failure_kind, retry_after
    from bot.metrics import count_request

    try:
        fresh = first_time(app, platform, event_id, incoming)
    except Exception as exc:
        kind = failure_kind(exc)
        if kind not in DB_KINDS:
            raise
        count_request(app, platform, "unavailable")
        raise StoreUnavailable(kind, retry_after(kind) or 30) from exc
    if not fresh:
        count_request(app, platform, "duplicate")
        return False
    count_request(app, platform, "accepted")
    return True


def forget_old(app: App) -> int:
    """Drop records older than three days (platforms stop retrying long before)."""
    with app.session() as session:
        result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < utcnow() - KEEP))
        return result.rowcount or 0
