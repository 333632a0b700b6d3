"""Board sign-in: one-time links issued from chat, signed session cookies, and a small rate limiter.

A link carries an opaque random token; only its SHA-256 is stored (BoardLink), valid LINK_MINUTES and consumed
by one conditional UPDATE, so two simultaneous openings sign in once. The session cookie is
"<staff id>.<expiry epoch>.<HMAC-SHA256>" under the board secret (ZHANGFANG_BOARD_SECRET, else one generated and
kept in the database).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.bootstrap import App
from bot.models import BoardLink, BoardSecret
from domain.models import Staff

LINK_MINUTES = 10
SESSION_HOURS = 8
COOKIE = "zf_board"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(app: App, staff_id: int, now: datetime | None = None) -> str:
    """A new sign-in URL for this staff member on the server's public address."""
    token = secrets.token_urlsafe(32)
    now = now or datetime.now(UTC)
    with app.session() as session:
        session.add(BoardLink(token_hash=_digest(token), staff_id=staff_id,
                              expires_at=now + timedelta(minutes=LINK_MINUTES)))
    return f"{app.settings.board_url}/board/signin/{token}"


def consume_link(app: App, token: str, now: datetime | None = None) -> int | None:
    """The staff id of a valid, unused link — marking it used in the same statement — else None."""
    if not token or len(token) > 100:
        return None
    now = now or datetime.now(UTC)
    digest = _digest(token)
    with app.session() as session:
        done = session.execute(update(BoardLink)
                               .where(BoardLink.token_hash == digest, BoardLink.used_at.is_(None),
                                      BoardLink.expires_at > now)
                               .values(used_at=now))
        if done.rowcount != 1:
            return None
        return session.execute(select(BoardLink.staff_id).where(BoardLink.token_hash == digest)).scalar_one()


def board_secret(app: App) -> bytes:
    """The signing key: the setting, else the one kept in the database (created on first use)."""
    def load() -> bytes:
        if app.settings.board_secret is not None:
            return app.settings.board_secret.get_secret_value().encode()
        with app.session() as session:
            return _stored_secret(session).encode()

    return app.shared("board_secret", load)


def _stored_secret(session: Session) -> str:
    found = session.execute(select(BoardSecret.secret).order_by(BoardSecret.id)).scalars().first()
    if found is None:
        session.add(BoardSecret(secret=secrets.token_hex(32)))
        session.flush()
        found = session.execute(select(BoardSecret.secret).order_by(BoardSecret.id)).scalars().first()
    assert found is not None
    return found


def session_cookie(app: App, staff_id: int, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_HOURS * 3600)
    body = f"{staff_id}.{expires}"
    return f"{body}.{_sign(app, body)}"


def _sign(app: App, body: str) -> str:
    return hmac.new(board_secret(app), body.encode(), hashlib.sha256).hexdigest()


def cookie_staff(app: App, value: str | None, now: float | None = None) -> int | None:
    """The staff id of a valid, unexpired session cookie, else None."""
    parts = (value or "").split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    body = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(app, body), parts[2]) or int(parts[1]) < (now or time.time()):
        return None
    return int(parts[0])


def staff_exists(session: Session, staff_id: int) -> Staff | None:
    return session.get(Staff, staff_id)


class RateLimiter:
    """At most `limit` attempts per key in any `seconds` window (in memory, per server process)."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = limit, seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.seconds:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True
