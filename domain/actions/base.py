"""What every action handler shares: who acts (`Actor`), what a check returns (`Preview` or `Refusal`), one change
old → new (`Change`), and the record operations that let undo step an applied action back (`Op`).

A handler is a module-level object with
    check(session, actor, command) -> Preview | Refusal     # nothing is written
    apply(session, actor, command) -> Outcome | Refusal     # writes, in the caller's transaction
`apply` checks again (the book may have moved on while the proposal waited) and returns the changes, the records it
touched and the undo operations; domain/actions/handle.py turns that into an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Client
from domain.scope import Viewer


@dataclass(frozen=True)
class Actor:
    viewer: Viewer
    via: str  # slack | wecom | dingtalk | console | api | cli
    today: date
    now: datetime  # aware
    settings: dict[str, Any] = field(default_factory=dict)  # e.g. {"document_due_days": 3}


@dataclass(frozen=True)
class Change:
    """One human-meaningful change: on `target` (a client name, an invoice or contract number …), `field` old → new.
    Values are JSON-able (amounts as numbers of yuan, dates as YYYY-MM-DD, None for "nothing")."""

    target: str
    field: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Refusal:
    """Why an action is not done. `code`: not_allowed, not_found, needs_input, nothing_to_do, invalid, undo_* …
    `details` carries what the reply needs (names, dates); `part` names a missing part for needs_input."""

    code: str
    details: dict[str, Any] = field(default_factory=dict)
    part: str = ""
    choices: tuple[tuple[str, str], ...] = ()


@dataclass
class Preview:
    kind: str
    client_id: int | None
    client: str  # the client's name ("" when none)
    changes: list[Change] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # e.g. {"settles": [...], "credit": 120.0}


Op = dict[str, Any]
"""An undo operation, JSON-able: {"op": "delete", "table": t, "key": {...}} removes a row the action inserted;
{"op": "insert", "table": t, "values": {...}} puts back a row it deleted; {"op": "update", "table": t, "key": {...},
"values": {...}} restores old values; {"op": "expect", "table": t, "key": {...}, "values": {...}, "what": w,
"reason": r} changes nothing but refuses the undo (saying what and why) when the row no longer has those values.
Undo checks every expectation first, then runs the rest in reverse order."""


@dataclass
class Outcome:
    preview: Preview
    records: list[str] = field(default_factory=list)  # "table:id" of every row changed (not merely recomputed)
    undo: list[Op] = field(default_factory=list)
    effects: list[tuple[str, Any]] = field(default_factory=list)  # for the bot: ("chase", [request ids]) …
    reallocate: bool = False  # undo re-allocates the client's payments


class Handler(Protocol):
    kind: str

    def check(self, session: Session, actor: Actor, command: Any) -> Preview | Refusal: ...

    def apply(self, session: Session, actor: Actor, command: Any) -> Outcome | Refusal: ...


# -- helpers every handler uses ---------------------------------------------------------------------------------

def visible_client(session: Session, viewer: Viewer, client_id: int | None) -> Client | Refusal:
    """The client, when the actor may act on it (semantics.md, "Who sees what"); else a refusal that does not say
    whether a client the actor may not see exists."""
    client = session.get(Client, client_id) if client_id is not None else None
    if client is None:
        return Refusal("not_found", {"what": "client"})
    if viewer.kind == "contact" and viewer.client_id == client.id:
        return client  # a client's own words (domain/actions/handle.py lets contacts through for CLIENT_KINDS only)
    if viewer.kind != "staff" or not viewer.sees_owner(client.owner_id):
        return Refusal("not_allowed", {"client": client.name})
    return client


def client_name(session: Session, client_id: int) -> str:
    return session.execute(select(Client.name).where(Client.id == client_id)).scalar_one()


