"""The neutral incoming message: every platform event becomes one of these before the bot sees it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


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
