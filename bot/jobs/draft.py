"""A message a planner wants sent: planners return Drafts, the outbox stores them once by `key`."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.delivery import Destination
from bot.reply import Reply


class Draft(BaseModel):
    """`key` is the idempotency key — kind, recipient, subject and step/period — so that planning the same moment
    twice queues nothing new (e.g. "dunning|client:42|2026-11-23|step:after-7")."""

    key: str = Field(max_length=300)
    kind: str  # tax_deadline | document_chase | renewal | dunning | digest | workflow_notice | escalation
    destination: Destination
    recipient: str  # who, in words, for reports ("王芳", "上海明远贸易有限公司 群")
    reply: Reply
    client_facing: bool = False  # quiet hours apply
    subject: str = ""  # the client / contract / period it is about, for reports
