"""Accepted chat messages survive a crash.

A platform message is recorded (bot/dedup.py `admit`, with the IncomingMessage as JSON) before the platform gets
its acknowledgement, and marked answered once the reply has been handed to the platform. At `serve` start-up the
messages accepted in the last `inbox_replay_minutes` and never answered — the process died between the ack and
the reply — go through the platform's own answer-and-reply path again (each platform package's `replay(app,
incoming)`). Each is claimed with a conditional UPDATE first, so it is replayed at most once, even by two
processes starting together.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from types import ModuleType
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from bot.messages import IncomingMessage
from bot.models import ProcessedEvent
from domain.types import utcnow

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
REPLAY_LOOKBACK_SECONDS = 300  # beyond the replay window, when a platform looks for an answer already posted


def mark_answered(app: App, platform: str, event_id: str | None) -> None:
    """The reply to (platform, event_id) is with the platform: never replay it. Best effort (a locked database
    only means the message might be answered again after a crash)."""
    if not event_id:
        return
    try:
        with app.session() as session:
            session.execute(update(ProcessedEvent)
                            .where(ProcessedEvent.platform == platform, ProcessedEvent.event_id == event_id[:200],
                                   ProcessedEvent.answered_at.is_(None))  # type: ignore[union-attr]
                            .values(answered_at=utcnow(), payload=None))
    except Exception as exc:
        log.warning("%s: could not mark a message answered (%s)", platform, type(exc).__name__)


def unanswered(app: App) -> list[tuple[int, str, str]]:
    """(id, platform, payload) of the messages accepted within the replay window and not answered, oldest first."""
    since = utcnow() - timedelta(minutes=app.settings.inbox_replay_minutes)
    with app.session() as session:
        rows = session.execute(
            select(ProcessedEvent.id, ProcessedEvent.platform, ProcessedEvent.payload)
            .where(ProcessedEvent.payload.is_not(None), ProcessedEvent.answered_at.is_(None),  # type: ignore
                   ProcessedEvent.received_at >= since)
            .order_by(ProcessedEvent.received_at))
        return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]


def claim(app: App, row_id: int) -> bool:
    """Take one message for replay: True for exactly one caller."""
    with app.session() as session:
        result = session.execute(update(ProcessedEvent)
                                 .where(ProcessedEvent.id == row_id,
                                        ProcessedEvent.answered_at.is_(None))  # type: ignore[union-attr]
                                 .values(answered_at=utcnow()))
        return (result.rowcount or 0) == 1


def replay(app: App, modules: dict[str, ModuleType]) -> int:
    """Answer again what a crashed process accepted but never answered; the number replayed."""
    if app.settings.inbox_replay_minutes <= 0:
        return 0
    done = 0
    for row_id, platform, payload in unanswered(app):
        again = getattr(modules.get(platform), "replay", None)
        if again is None or not claim(app, row_id):
            continue
        try:
            again(app, IncomingMessage.model_validate_json(payload))
        except Exception:
            log.exception("%s: replaying an unanswered message failed", platform)
            continue
        done += 1
    if done:
        log.warning("replayed %d accepted message(s) left unanswered by the last run", done)
    return done
