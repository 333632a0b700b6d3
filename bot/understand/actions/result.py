"""The answer of action understanding: an `ActionUnderstood` (a command, or a `NeedsInput` to ask back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from domain.actions.commands import Command

NeedsKind = Literal[
    "ambiguous_client",  # several clients fit the name: choices are (client name, client id)
    "unknown_client",  # no client in the asker's scope fits: choices are the closest names, if any
    "ambiguous_target",  # several invoices / contracts / items / periods fit: choices are (label, value)
    "missing_part",  # a required part is missing (e.g. the amount of a payment): `part` names it
]


@dataclass(frozen=True)
class NeedsInput:
    kind: NeedsKind
    intent: str  # the action it is about, e.g. "record_payment"
    part: str = ""  # "client", "amount", "date", "invoice", "contract", "items", "period", "score", "owner" …
    choices: tuple[tuple[str, str], ...] = ()  # (label shown, value to feed back)
    partial: dict = field(default_factory=dict)  # what was understood so far (JSON-able), to complete on reply


@dataclass(frozen=True)
class ActionUnderstood:
    intent: str
    language: Literal["zh", "en"]
    command: Command | None = None
    needs: NeedsInput | None = None
