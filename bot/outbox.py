"""The outbox: every message the bot sends on its own is first written here, once per idempotency key.

`enqueue` inserts drafts with INSERT … ON CONFLICT (key) DO NOTHING (SQLite and PostgreSQL alike), so planning the
same moment twice queues nothing new and two planners racing cannot queue a key twice. The Reply is stored as JSON.
Delivery is bot/sending.py; this module also lists what is pending or failed and puts messages back in line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.delivery import Destination
from bot.jobs.draft import Draft
from bot.models import OutboxMessage
from bot.pacing import QuietHours, rate_key
from bot.reply import Reply
from domain.types import utcnow

if TYPE_CHECKING:
    from bot.bootstrap import App

TABLE = OutboxMessage.__table__  # type: ignore[attr-defined]
CHUNK = 500
OPEN_STATUSES = ("pending", "sending", "failed")


@dataclass
class Enqueued:
    """What `enqueue` did with a batch of drafts."""

    new: list[Draft] = field(default_factory=list)  # written now
    held: list[Draft] = field(default_factory=list)  # of the new ones, client messages held by quiet hours
    existing: dict[str, str] = field(default_factory=dict)  # key → status, for drafts already in the outbox


def enqueue(app: App, drafts: Iterable[Draft], moment: datetime, quiet: QuietHours | None = None) -> Enqueued:
    """Write the drafts planned at `moment` that are not in the outbox yet (by key); report which were new."""
    quiet = quiet or QuietHours.from_settings(app.settings)
    unique = _first_of_each_key(drafts)
    result = Enqueued()
    with app.session() as session:
        for chunk in _chunks(unique, CHUNK):
            rows = [_row(draft, moment, quiet) for draft in chunk]
            inserted = set(session.execute(_insert_ignoring_conflicts(session).returning(TABLE.c.key), rows)
                           .scalars())
            for draft, row in zip(chunk, rows, strict=True):
                if draft.key in inserted:
                    result.new.append(draft)
                    if row["hold_reason"]:
                        result.held.append(draft)
        written = {draft.key for draft in result.new}
        leftover = [draft.key for draft in unique if draft.key not in written]
        result.existing = statuses(session, leftover)
    return result


def statuses(session: Session, keys: Sequence[str]) -> dict[str, str]:
    """key → status for the keys already in the outbox."""
    found: dict[str, str] = {}
    for chunk in _chunks(list(keys), CHUNK):
        found.update(session.execute(select(TABLE.c.key, TABLE.c.status).where(TABLE.c.key.in_(chunk))).tuples().all())
    return found


def _insert_ignoring_conflicts(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(TABLE).on_conflict_do_nothing(index_elements=["key"])


def _row(draft: Draft, moment: datetime, quiet: QuietHours) -> dict[str, Any]:
    due = quiet.not_before(moment, draft.client_facing)
    return {
        "key": draft.key, "kind": draft.kind, "platform": draft.destination.platform,
        "destination_kind": draft.destination.kind, "address": draft.destination.address,
        "rate_key": rate_key(draft.destination), "recipient": draft.recipient[:200], "subject": draft.subject[:300],
        "client_facing": draft.client_facing, "payload": draft.reply.model_dump_json(), "status": "pending",
        "attempts": 0, "hold_reason": "quiet_hours" if due > moment else None, "planned_at": moment,
        "next_attempt_at": due, "created_at": utcnow(),
    }


def _first_of_each_key(drafts: Iterable[Draft]) -> list[Draft]:
    seen: set[str] = set()
    unique = []
    for draft in drafts:
        if draft.key not in seen:
            seen.add(draft.key)
            unique.append(draft)
    return unique


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# -- reading a stored message back -------------------------------------------------------------------------------
def destination_of(message: OutboxMessage) -> Destination:
    return Destination(platform=message.platform, kind=message.destination_kind,  # type: ignore[arg-type]
                       address=message.address)


def reply_of(message: OutboxMessage) -> Reply:
    return Reply.model_validate_json(message.payload)


# -- listing and retrying ------------------------------------------------------------------------------------------
def open_messages(app: App, *, failed_only: bool = False, limit: int | None = None) -> list[OutboxMessage]:
    """Messages not sent yet (pending, being sent, failed) — or only the failed ones — oldest due first."""
    wanted = ("failed",) if failed_only else OPEN_STATUSES
    query = (select(OutboxMessage).where(OutboxMessage.status.in_(wanted))  # type: ignore[attr-defined]
             .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit))
    with app.session() as session:
        return list(session.execute(query).scalars())


class RetryRefused(Exception):
    """`outbox retry` named a message that does not exist or was already sent."""


def retry(app: App, now: datetime, ids: Sequence[int] = (), *, all_failed: bool = False) -> list[int]:
    """Put failed (or waiting) messages back in line, due at `now` (client messages at the next open hour).
    Attempts start again from zero; the last error stays visible until the next attempt."""
    quiet = QuietHours.from_settings(app.settings)
    with app.session() as session:
        query = select(OutboxMessage)
        if all_failed:
            query = query.where(OutboxMessage.status == "failed")
        else:
            query = query.where(OutboxMessage.id.in_(list(ids)))  # type: ignore[union-attr]
        messages = list(session.execute(query).scalars())
        _refuse_unknown_or_sent(messages, ids if not all_failed else ())
        for message in messages:
            session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id)
                            .values(status="pending", attempts=0, claimed_by=None, claimed_at=None,
                                    hold_reason=None, next_attempt_at=quiet.not_before(now, message.client_facing)))
        return sorted(message.id for message in messages if message.id is not None)


def _refuse_unknown_or_sent(messages: list[OutboxMessage], ids: Sequence[int]) -> None:
    known = {message.id for message in messages}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise RetryRefused(f"no outbox message {', '.join(map(str, unknown))} — 发件箱中没有消息 "
                           f"{', '.join(map(str, unknown))}")
    done = [m.id for m in messages if m.status in ("sent", "sending")]
    if done:
        raise RetryRefused(f"message {', '.join(map(str, done))} was already sent or is being sent — "
                           f"消息 {', '.join(map(str, done))} 已发送或正在发送")
