"""Tables of the assistant itself (not of the firm's book): processed platform events, the outbox, the board's links and
secret, and the book's version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.types import UTCDateTime, utcnow


class ProcessedEvent(SQLModel, table=True):
    """A platform delivery already handled: retries of the same event id are answered once."""

    __tablename__ = "processed_event"
    __table_args__ = (UniqueConstraint("platform", "event_id", name="uq_processed_event"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=20)
    event_id: str = Field(max_length=200)
    received_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False,
                                                                           index=True))
    # an accepted chat message (the IncomingMessage as JSON) until it is answered: replayed after a crash (bot/inbox.py)
    payload: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class OutboxMessage(SQLModel, table=True):
    """A message the bot will send on its own (reminder, digest, notice): written once per idempotency `key`,
    then delivered by bot/sending.py. status: pending → sending → sent, or failed (kept, listed, retryable)."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_rate", "rate_key", "slot_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    kind: str = Field(max_length=40, index=True)
    platform: str = Field(max_length=20)
    destination_kind: str = Field(max_length=10)
    address: str = Field(max_length=1000)  # may be a webhook URL carrying a key: never shown whole
    rate_key: str = Field(max_length=40)  # a digest of the destination, for per-destination rate limits
    recipient: str = Field(default="", max_length=200)
    subject: str = Field(default="", max_length=300)
    client_facing: bool = False
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the Reply as JSON
    status: str = Field(default="pending", max_length=10)
    attempts: int = 0
    parts_done: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # parts delivered (text, chart…)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    hold_reason: str | None = Field(default=None, max_length=20)  # quiet_hours | rate_limit while held back
    planned_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    slot_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class LastListQuestion(SQLModel, table=True):
    """Each asker's last list question (the Query as JSON), so that "导出" / "export" in a later message — or
    another process — can run it again in full and send it as a workbook (bot/exporting.py)."""

    __tablename__ = "last_list_question"
    id: int | None = Field(default=None, primary_key=True)
    asker: str = Field(max_length=40, unique=True)  # "staff:12" or "contact:7"
    query: str = Field(sa_column=Column(Text, nullable=False))
    locale: str = Field(default="zh", max_length=2)
    asked_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class BoardLink(SQLModel, table=True):
    """A sign-in link to the board (bot/board/signin.py): only the SHA-256 of its token is kept; valid until
    `expires_at`, consumed once (`used_at` set by a conditional UPDATE)."""

    __tablename__ = "board_link"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    staff_id: int = Field(index=True)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class BoardSecret(SQLModel, table=True):
    """The board's session-signing key when ZHANGFANG_BOARD_SECRET is unset: generated once, kept here."""

    __tablename__ = "board_secret"
    id: int | None = Field(default=None, primary_key=True)
    secret: str = Field(max_length=128)


class BookVersion(SQLModel, table=True):
    """One row whose token changes in every transaction that changes the firm's book (bot/book_version.py), so a
    whole-firm figure can be kept between requests until the book changes."""

    __tablename__ = "book_version"
    id: int = Field(default=1, primary_key=True)
    token: str = Field(max_length=32)
