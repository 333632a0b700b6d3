"""Understanding action sentences (actions.md): text → a typed `domain.actions.commands.Command`, or a question back.

Contract between understanding and the write path (bot/actions):
- `understand_action(text, *, today, viewer, index, session)` returns `None` when the text is not an action
  (a question, nonsense, a workflow move — those go elsewhere), else an `ActionUnderstood`.
- `ActionUnderstood.command` is set when every target resolved (within the asker's scope) and every required
  part is present; otherwise `needs` says what is missing or ambiguous, with the choices to offer.
- `might_be_action(text, viewer)` is its first step alone (words only, no names, no database): False means
  `understand_action` would return None, so a caller can skip opening a session for it.
- Never a guessed target: an ambiguous client, invoice, contract or item is a `NeedsInput`, not a pick.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.understand.actions.parser import candidate, parse
from bot.understand.actions.result import ActionUnderstood, NeedsInput, NeedsKind
from bot.understand.entities import EntityIndex
from domain.scope import Viewer

__all__ = ["ActionUnderstood", "NeedsInput", "NeedsKind", "might_be_action", "understand_action"]


def understand_action(text: str, *, today: date, viewer: Viewer, index: EntityIndex, session: Session
                      ) -> ActionUnderstood | None:
    """Text → an action (a command, or what to ask back), or None when the text is not an action."""
    return parse(text, today=today, viewer=viewer, index=index, session=session)


def might_be_action(text: str, viewer: Viewer) -> bool:
    """False when `understand_action` would surely return None: the words alone say the text is no action."""
    return candidate(text, viewer) is not None
