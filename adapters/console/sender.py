"""Senders that need no chat platform: ConsoleSender prints each message to the terminal (dry runs and demos),
RecordingSender keeps them in a list (for a report of what would have been sent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from adapters.console.adapter import outbound
from bot.delivery import Destination
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App


class ConsoleSender:
    """Prints every message as a panel, headed by where it would go (webhook keys are not shown)."""

    platform = "console"

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console()

    def send(self, destination: Destination, reply: Reply) -> None:
        self.console.print(Text(f"→ {destination.redacted()}", style="bold cyan"))
        self.console.print(outbound(reply))


@dataclass
class RecordingSender:
    """Remembers every (destination, reply) it is given, in order; sends nothing anywhere."""

    platform: str = "console"
    sent: list[tuple[Destination, Reply]] = field(default_factory=list)

    def send(self, destination: Destination, reply: Reply) -> None:
        self.sent.append((destination, reply))


def sender(app: App) -> ConsoleSender:
    """The outbox's entry point for platform "console": messages are printed on standard output."""
    return ConsoleSender()
