"""The neutral incoming message: every platform event becomes one of these before the bot sees it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Attachment(BaseModel):
    """A file or picture that came with a message: a reference to fetch it later through the platform's API (never
    the bytes — nothing is downloaded on the request thread). `name` and `declared_type` are what the sender's
    platform says; neither is trusted (bot/files/kinds.py looks at the bytes, and a name is never a path)."""

    platform: str
    ref: str  # Slack file id | WeCom MediaId | DingTalk downloadCode
    name: str = ""
    declared_type: str = ""  # a MIME type or the platform's kind (image, file, voice, pdf …)
    size: int | None = None  # bytes, when the platform says
    url: str | None = None  # Slack: url_private_download (fetched with the bot token)
    kind: str = "file"  # file | image | voice


class IncomingMessage(BaseModel):
    platform: str  # slack | wecom | dingtalk | console | api
    chat_id: str  # channel / conversation / group id ("" for a direct console chat)
    sender_id: str  # the platform user id (or a staff name for console/api)
    text: str
    thread_id: str | None = None
    is_direct: bool = True
    message_id: str | None = None  # the platform's id, used to process a retried delivery once
    action: str | None = None  # a button value, when the event is a click rather than text
    extras: dict[str, Any] = Field(default_factory=dict)  # raw platform ids adapters need to reply
    attachments: list[Attachment] = Field(default_factory=list)  # files and pictures sent with the message
