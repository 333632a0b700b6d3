"""Understanding action sentences (actions.md): text → a typed `domain.actions.commands.Command`, or a question back.

Contract between understanding and the write path (bot/actions):
- `understand_action(text, *, today, viewer, index, session)` returns `None` when the text is not an action
  (a question, nonsense, a workflow move — those go elsewhere), else an `ActionUnderstood`.
- `ActionUnderstood.command` is set when every target resolved (within the asker's scope) and every required
  part is present; otherwise `needs` says what is missing or ambiguous, with the choices to offer.
- Never a guessed target: an ambiguous client, invoice, contract or item is a `NeedsInput`, not a pick.
"""

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


def understand_action(text: str, **context: object) -> ActionUnderstood | None:
    """Placeholder until the action parser lands (bot/understand/actions/parser.py): nothing is an action."""
    return None
