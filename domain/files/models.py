"""One row per file or picture a client sent in chat: who, when, from which platform, what it is, where its bytes
are (the SHA-256 digest in the file store) and what it was matched to. A refused file (too large, a type the firm
does not keep, a download that failed) has a row too — with `status` and `reason`, and no digest — so that nothing
a client sent is silently lost."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.types import UTCDateTime, utcnow


class ClientFile(SQLModel, table=True):
    __tablename__ = "client_file"
    __table_args__ = (
        UniqueConstraint("platform", "ref", name="uq_client_file_platform_ref"),
        Index("ix_client_file_client", "client_id", "received_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    sender: str = Field(max_length=200)  # the platform user id (or the contact's name) of who sent it
    platform: str = Field(max_length=20)
    ref: str = Field(max_length=400)  # the platform's reference (Slack file id, WeCom MediaId, DingTalk downloadCode)
    original_name: str = Field(default="", max_length=255)  # a label only, never a path
    received_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    sha256: str | None = Field(default=None, max_length=64, index=True)
    size: int = 0
    content_type: str = Field(default="", max_length=100)  # from the bytes, not as declared
    family: str = Field(default="", max_length=20)  # pdf | image | spreadsheet | ofd | zip | other | empty
    words: str = Field(default="", max_length=500)  # the text sent with it
    status: str = Field(default="stored", max_length=20)  # stored | matched | asked | refused | failed
    reason: str | None = Field(default=None, max_length=40)  # too_large | type | empty | download | store
    period: str | None = Field(default=None, max_length=7)
    document_request_id: int | None = Field(default=None, foreign_key="document_request.id")
    audit_id: int | None = Field(default=None, foreign_key="action_audit.id")  # the mark-received it caused
