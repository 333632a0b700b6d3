"""The write path's entry: check a command (a preview or a refusal) and apply it with its audit row, in the caller's
transaction — through the one table of handlers (domain/actions/handlers)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from domain.actions.audit import record
from domain.actions.base import Actor, Outcome, Preview, Refusal
from domain.actions.commands import Command
from domain.actions.handlers import HANDLERS
from domain.actions.models import AuditEntry

COMMAND = TypeAdapter(Command)
CLIENT_KINDS = {"mark_documents_received", "promise_to_pay", "dispute_invoice"}  # what a client's own words may do


def _may_act(actor: Actor, kind: str) -> bool:
    """Staff act on the clients they see; a client contact only on its own client, and only in CLIENT_KINDS
    (actions.md, "Client replies": documents received, a promise, a dispute)."""
    viewer = actor.viewer
    if viewer.kind == "staff":
        return viewer.staff_id is not None
    return viewer.client_id is not None and kind in CLIENT_KINDS


@dataclass
class Done:
    outcome: Outcome
    entry: AuditEntry


def check(session: Session, actor: Actor, command: Command) -> Preview | Refusal:
    if not _may_act(actor, command.kind):
        return Refusal("not_allowed", {})
    handler = HANDLERS.get(command.kind)
    if handler is None:
        return Refusal("invalid", {"reason": "kind"})
    return handler.check(session, actor, command)


def apply(session: Session, actor: Actor, command: Command) -> Done | Refusal:
    """Check again and apply; nothing is written when refused (the caller's transaction is left untouched)."""
    if not _may_act(actor, command.kind):
        return Refusal("not_allowed", {})
    handler = HANDLERS.get(command.kind)
    if handler is None:
        return Refusal("invalid", {"reason": "kind"})
    outcome = handler.apply(session, actor, command)
    if isinstance(outcome, Refusal):
        return outcome
    entry = record(session, actor, command.kind, outcome, summary=command.model_dump_json(exclude_defaults=True))
    return Done(outcome, entry)


def command_of(payload: str) -> Command:
    return COMMAND.validate_json(payload)
