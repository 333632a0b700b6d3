"""Pushing a Reply to a chat without being asked (reminders, digests, notices): the contract every platform
sender implements. The outbox (bot/outbox.py) calls senders; adapters implement them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from bot.reply import Reply


class Destination(BaseModel):
    """Where a message goes: a user (direct message), a chat/group the bot is in, or a group-robot webhook."""

    platform: str  # slack | wecom | dingtalk | console
    kind: Literal["user", "chat", "webhook"]
    address: str  # user id, chat id, or webhook URL (a secret: never logged whole)

    def redacted(self) -> str:
        if self.kind == "webhook":
            return f"{self.platform}:webhook:…{self.address[-6:]}"
        return f"{self.platform}:{self.kind}:{self.address}"


class DeliveryError(Exception):
    """A send failed. `retryable` says whether trying again later can help; `retry_after` is the platform's hint."""

    def __init__(self, message: str, *, retryable: bool = True, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class Sender(Protocol):
    platform: str

    def send(self, destination: Destination, reply: Reply) -> None:
        """Deliver or raise DeliveryError. Must use timeouts and never log tokens."""
        ...


Part = Callable[[], None]


@runtime_checkable
class PartedSender(Protocol):
    """A sender whose message goes out in several calls (the text, then a chart upload; several text pieces).

    `parts` lists them in a fixed order, each a call that delivers one part or raises DeliveryError. The outbox
    records how many parts went out (OutboxMessage.parts_done), so a retry after a failed part sends only the
    parts still missing: nobody receives the digest text twice because its chart upload failed once."""

    platform: str

    def parts(self, destination: Destination, reply: Reply) -> list[Part]:
        ...


@runtime_checkable
class KeyedSender(Protocol):
    """A PartedSender that tags what it posts with the outbox key, so that a retry after a send whose answer was lost
    (posted, but answered after the timeout) can find the post and not make it again (adapters/slack/sender.py)."""

    platform: str

    def keyed_parts(self, destination: Destination, reply: Reply, key: str, since: datetime | None) -> list[Part]:
        """The parts; `since` is when the message was queued when an earlier attempt may have posted it, else None."""
        ...
