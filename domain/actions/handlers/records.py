"""Actions that add one row about a client: an interaction (记一笔) and a feedback score."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from domain.actions.base import Actor, Change, Outcome, Preview, Refusal, visible_client
from domain.actions.commands import LogInteraction, RecordFeedback
from domain.models import Feedback, Interaction

DEFAULT_CHANNEL = "其他"


def row_key(kind: str) -> str:
    """The natural key of a row written from chat (the importer's keys never start with "chat:")."""
    return f"chat:{kind}:{secrets.token_hex(8)}"


@dataclass(frozen=True)
class _LogInteraction:
    kind: str = "log_interaction"

    def check(self, session: Session, actor: Actor, command: LogInteraction) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        on = command.on or actor.today
        if on > actor.today:
            return Refusal("invalid", {"reason": "future_date", "date": on.isoformat()})
        value = {"date": on.isoformat(), "channel": command.channel or DEFAULT_CHANNEL, "summary": command.summary,
                 "staff": actor.viewer.name}
        return Preview(self.kind, client.id, client.name, [Change(client.name, "interaction", None, value)])

    def apply(self, session: Session, actor: Actor, command: LogInteraction) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        row = Interaction(row_key=row_key("interaction"), client_id=command.client_id, date=command.on or actor.today,
                          channel=command.channel or DEFAULT_CHANNEL, staff_id=actor.viewer.staff_id,
                          summary=command.summary[:1000] or None)
        session.add(row)
        session.flush()
        return Outcome(preview, [f"interaction:{row.id}"], [{"op": "delete", "table": "interaction",
                                                             "key": {"id": row.id}}])


@dataclass(frozen=True)
class _RecordFeedback:
    kind: str = "record_feedback"

    def check(self, session: Session, actor: Actor, command: RecordFeedback) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        value = {"date": actor.today.isoformat(), "score": command.score, "comment": command.comment or ""}
        return Preview(self.kind, client.id, client.name, [Change(client.name, "feedback", None, value)])

    def apply(self, session: Session, actor: Actor, command: RecordFeedback) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        row = Feedback(row_key=row_key("feedback"), client_id=command.client_id, date=actor.today,
                       score=command.score, comment=(command.comment or "")[:1000] or None)
        session.add(row)
        session.flush()
        return Outcome(preview, [f"feedback:{row.id}"], [{"op": "delete", "table": "feedback", "key": {"id": row.id}}])


LOG_INTERACTION = _LogInteraction()
RECORD_FEEDBACK = _RecordFeedback()
