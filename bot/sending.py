"""The sender loop: claim due outbox messages, deliver each through its platform's Sender, record the outcome.

Claiming is one UPDATE … WHERE id IN (SELECT … LIMIT n) — with FOR UPDATE SKIP LOCKED on PostgreSQL, so several
workers drain one outbox side by side without waiting for or repeating each other; on SQLite the single statement
runs under the database's one writer lock. A claimed row is `sending` and belongs to its worker until marked `sent`,
put back (`pending`, with the error, the attempt count and a backed-off next_attempt_at) or `failed` after the last
attempt. A worker that dies between claiming and marking leaves a `sending` row: after the lease it is put back and
sent again — so a crash in the middle of an HTTP call can, at worst, repeat that one part; a crash anywhere
else loses and repeats nothing. A message in several parts (a digest's text, then its chart) records each part as it
goes out (`parts_done`), and a retry sends only the parts still missing.
"""

from __future__ import annotations

import logging
import time as time_module
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select, update

from bot.delivery import DeliveryError, Destination, KeyedSender, PartedSender, Sender
from bot.metrics import metrics_for
from bot.models import OutboxMessage
from bot.outbox import TABLE, destination_of, reply_of
from bot.pacing import Backoff, QuietHours, RateLimit, rate_limit
from bot.reply import Reply
from bot.senders import SenderRegistry, SenderUnavailable
from domain.types import utcnow

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # longer than any sender's timeouts and retries together
BATCH = 50
INTERRUPTED = "interrupted while sending (the worker stopped); sending again — 发送中断（进程停止），重新发送"


@dataclass(frozen=True)
class Outcome:
    """What happened to one message in this pass: sent | retrying | failed | rate_limited."""

    id: int
    kind: str
    status: str
    error: str | None = None


@dataclass
class SendReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_kind(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = {}
        for outcome in self.outcomes:
            counts.setdefault(outcome.kind, Counter())[outcome.status] += 1
        return counts

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


class OutboxSender:
    """One worker draining the outbox. `now` is the firm's notion of the present (a pinned moment for `jobs run`)."""

    def __init__(self, app: App, senders: SenderRegistry | None = None, *, worker: str | None = None,
                 batch: int = BATCH, backoff: Backoff | None = None, lease: timedelta = LEASE) -> None:
        self.app = app
        self.senders = senders or SenderRegistry(app)
        self.worker = worker or uuid.uuid4().hex
        self.batch = batch
        self.quiet = QuietHours.from_settings(app.settings)
        self.backoff = backoff or Backoff.from_settings(app.settings)
        self.max_attempts = app.settings.outbox_max_attempts
        self.lease = lease
        self.postgres = app.engine.dialect.name == "postgresql"

    def drain(self, now: Callable[[], datetime], *, max_wait: float = 0.0, budget: float = 60.0,
              sleep: Callable[[float], None] = time_module.sleep) -> SendReport:
        """Deliver everything due until nothing is; waits (sleeps) for a slot only when it is at most `max_wait`
        seconds away and the `budget` (seconds of sleeping) allows."""
        report = SendReport()
        self.release_stale()
        while True:
            claimed = self.claim(now())
            if claimed:
                report.outcomes.extend(self.deliver(message, now) for message in claimed)
                continue
            wait = self.seconds_to_next(now())
            if wait is None or wait > max_wait or wait > budget:
                return report
            budget -= wait
            sleep(wait)

    # -- claiming ------------------------------------------------------------------------------------------------
    def claim(self, now: datetime) -> list[OutboxMessage]:
        """Atomically take up to `batch` due messages for this worker."""
        due = [TABLE.c.status == "pending", TABLE.c.next_attempt_at <= now]
        if self.quiet.is_quiet(now):
            due.append(TABLE.c.client_facing.is_(False))
        pick = (select(TABLE.c.id).where(*due).order_by(TABLE.c.next_attempt_at, TABLE.c.id).limit(self.batch)
                .with_for_update(skip_locked=True))
        take = (update(TABLE).where(TABLE.c.id.in_(pick.scalar_subquery()), TABLE.c.status == "pending")
                .values(status="sending", claimed_by=self.worker, claimed_at=utcnow()).returning(TABLE.c.id))
        with self.app.session() as session:
            ids = list(session.execute(take).scalars())
            if not ids:
                return []
            rows = session.execute(select(OutboxMessage).where(OutboxMessage.id.in_(ids))  # type: ignore[union-attr]
                                   .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)).scalars()
            return list(rows)

    def release_stale(self) -> int:
        """Put back messages whose worker stopped mid-send (claimed longer ago than the lease)."""
        stale = (update(TABLE).where(TABLE.c.status == "sending", TABLE.c.claimed_at < utcnow() - self.lease)
                 .values(status="pending", claimed_by=None, claimed_at=None, last_error=INTERRUPTED))
        with self.app.session() as session:
            return session.execute(stale).rowcount or 0

    def seconds_to_next(self, now: datetime) -> float | None:
        """Seconds until the next pending message falls due (client messages only count outside quiet hours)."""
        query = select(func.min(TABLE.c.next_attempt_at)).where(TABLE.c.status == "pending")
        if self.quiet.is_quiet(now):
            query = query.where(TABLE.c.client_facing.is_(False))
        with self.app.session() as session:
            upcoming = session.execute(query).scalar()
        return None if upcoming is None else max(0.0, (upcoming - now).total_seconds())

    # -- delivering ----------------------------------------------------------------------------------------------
    def deliver(self, message: OutboxMessage, now: Callable[[], datetime]) -> Outcome:
        destination = destination_of(message)
        limit = rate_limit(destination)
        if limit is not None and not self._take_slot(message, limit, now()):
            return self._wait_for_slot(message, limit, now())
        try:
            reply = reply_of(message)
            sender = self.senders.get(destination.platform)
        except SenderUnavailable as exc:
            return self._failed(message, str(exc), now(), retryable=False)
        except ValueError as exc:  # a payload that no longer reads as a Reply
            return self._failed(message, f"unreadable message: {exc}"[:500], now(), retryable=False)
        try:
            self._send_parts(message, sender, destination, reply)
        except DeliveryError as exc:
            return self._failed(message, str(exc), now(), retryable=exc.retryable, retry_after=exc.retry_after)
        except Exception as exc:  # a bug or an unexpected library error: keep the message, try again later
            log.exception("sending outbox message %s to %s failed", message.id, destination.redacted())
            return self._failed(message, f"{type(exc).__name__}: {exc}"[:500], now(), retryable=True)
        return self._sent(message, now())

    def _send_parts(self, message: OutboxMessage, sender: Sender, destination: Destination, reply: Reply) -> None:
        """Send the parts not delivered yet, recording each as it goes out (a sender without `parts` is one part)."""
        if not isinstance(sender, PartedSender):
            sender.send(destination, reply)
            return
        if isinstance(sender, KeyedSender):  # an earlier attempt may have posted the first part unbeknown to us
            tried = message.attempts > 0 or message.last_error is not None  # failed, or its worker died mid-send
            since = message.created_at if tried and message.parts_done == 0 else None
            parts = sender.keyed_parts(destination, reply, message.key, since)
        else:
            parts = sender.parts(destination, reply)
        for number in range(message.parts_done, len(parts)):
            parts[number]()
            self._record_part(message, number + 1)

    def _record_part(self, message: OutboxMessage, done: int) -> None:
        message.parts_done = done
        with self.app.session() as session:
            session.execute(update(TABLE).where(self._mine(message)).values(parts_done=done))

    def _mine(self, message: OutboxMessage) -> ColumnElement[bool]:
        return (TABLE.c.id == message.id) & (TABLE.c.claimed_by == self.worker) & (TABLE.c.status == "sending")

    def _sent(self, message: OutboxMessage, now: datetime) -> Outcome:
        self._settle(message, status="sent", sent_at=now, attempts=message.attempts + 1, hold_reason=None)
        self._count(message, "sent")
        return Outcome(message.id or 0, message.kind, "sent")

    def _failed(self, message: OutboxMessage, error: str, now: datetime, *, retryable: bool,
                retry_after: float | None = None) -> Outcome:
        attempts = message.attempts + 1
        if retryable and attempts < self.max_attempts:
            later = self.quiet.not_before(now + self.backoff.delay(attempts, retry_after), message.client_facing)
            self._settle(message, status="pending", attempts=attempts, last_error=error, next_attempt_at=later,
                         hold_reason=None)
            log.warning("outbox message %s: attempt %d failed (%s); next try at %s", message.id, attempts, error,
                        later.isoformat())
            self._count(message, "retrying")
            return Outcome(message.id or 0, message.kind, "retrying", error)
        self._settle(message, status="failed", attempts=attempts, last_error=error, hold_reason=None)
        log.error("outbox message %s failed for good after %d attempt(s): %s", message.id, attempts, error)
        from bot.clients.undelivered import tell_owner_undelivered

        if not retryable:  # refused for good (e.g. a closed 微信客服 window), not an outage: the owner is told
            tell_owner_undelivered(self.app, message, error)
        self._count(message, "failed")
        return Outcome(message.id or 0, message.kind, "failed", error)

    def _settle(self, message: OutboxMessage, **values: object) -> None:
        with self.app.session() as session:
            done = session.execute(update(TABLE).where(self._mine(message))
                                   .values(claimed_by=None, claimed_at=None, **values)).rowcount
        if not done:
            log.warning("outbox message %s was taken back from this worker before it finished", message.id)

    # -- rate limits ---------------------------------------------------------------------------------------------
    def _take_slot(self, message: OutboxMessage, limit: RateLimit, now: datetime) -> bool:
        """Reserve a send slot for the message's destination if fewer than `limit.count` were used in the window."""
        recent = (select(func.count()).select_from(TABLE)
                  .where(TABLE.c.rate_key == message.rate_key, TABLE.c.slot_at > now - limit.window)
                  .scalar_subquery())
        reserve = update(TABLE).where(self._mine(message), recent < limit.count).values(slot_at=now)
        with self.app.session() as session:
            if self.postgres:  # serialise slot-taking per destination across workers
                session.execute(select(func.pg_advisory_xact_lock(int(message.rate_key[:15], 16))))
            return bool(session.execute(reserve).rowcount)

    def _wait_for_slot(self, message: OutboxMessage, limit: RateLimit, now: datetime) -> Outcome:
        oldest = (select(func.min(TABLE.c.slot_at))
                  .where(TABLE.c.rate_key == message.rate_key, TABLE.c.slot_at > now - limit.window))
        with self.app.session() as session:
            first = session.execute(oldest).scalar()
        free_at = (first + limit.window) if first is not None else now
        later = self.quiet.not_before(max(free_at, now), message.client_facing)
        self._settle(message, status="pending", next_attempt_at=later, hold_reason="rate_limit")
        return Outcome(message.id or 0, message.kind, "rate_limited")

    def _count(self, message: OutboxMessage, outcome: str) -> None:
        metrics_for(self.app).deliveries.labels(platform=message.platform, outcome=outcome).inc()
