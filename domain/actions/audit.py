"""The audit trail: writing one row per applied action, reading it back within a reader's scope, and undo.

Undo (actions.md): the asker's latest applied action made within 24 hours that is not undone yet; each further undo
steps back once more. It is refused when a later action (anyone's, not undone) changed one of the same records —
the refusal names that action — and when a row it would delete has changed since by other means (an `expect` operation
of the entry no longer holds: e.g. a document request a workflow wait created was received through an import) — the
refusal says which row and why. The undo itself is recorded (kind "undo", `undoes_id`), and is not itself undone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, DateTime, and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from domain.actions.base import Actor, Op, Outcome
from domain.actions.models import AuditEntry
from domain.allocation import reallocate
from domain.scope import Viewer

UNDO_WINDOW = timedelta(hours=24)
UNDO = "undo"


def record(session: Session, actor: Actor, kind: str, outcome: Outcome, summary: str = "") -> AuditEntry:
    preview = outcome.preview
    undo = list(outcome.undo)
    if outcome.reallocate:  # run last: undo runs the operations in reverse order
        undo.insert(0, {"op": "reallocate", "client_id": preview.client_id})
    entry = AuditEntry(kind=kind, client_id=preview.client_id, actor_id=actor.viewer.staff_id,
                       actor=actor.viewer.name, via=actor.via, at=actor.now, on=actor.today, summary=summary[:500],
                       changes=_json([c.as_dict() for c in preview.changes]),
                       records=" ".join(sorted(set(outcome.records))), undo=_json(undo))
    session.add(entry)
    session.flush()
    return entry


def changes_of(entry: AuditEntry) -> list[dict[str, Any]]:
    return json.loads(entry.changes or "[]")


def recent(session: Session, viewer: Viewer, *, client_id: int | None = None, since: date | None = None,
           limit: int | None = 50) -> list[AuditEntry]:
    """Applied actions, newest first, on clients the viewer may see (entries without a client: the viewer's own)."""
    from domain.models import Client

    stmt = select(AuditEntry).outerjoin(Client, Client.id == AuditEntry.client_id)
    if viewer.owner_ids is not None:
        stmt = stmt.where(or_(and_(AuditEntry.client_id.is_not(None), viewer.client_condition(
            AuditEntry.client_id, Client.owner_id)), and_(AuditEntry.client_id.is_(None),
                                                         AuditEntry.actor_id == viewer.staff_id)))
    if client_id is not None:
        stmt = stmt.where(AuditEntry.client_id == client_id)
    if since is not None:
        stmt = stmt.where(AuditEntry.on >= since)
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt).scalars())


@dataclass
class UndoRefused:
    code: str  # undo_nothing | undo_blocked | undo_changed
    entry: AuditEntry | None = None  # the action the asker wanted undone
    blocker: AuditEntry | None = None  # the later action that changed the same record
    details: dict[str, Any] | None = None  # undo_changed: {"what": the row, "reason": a texts key}


def latest_undoable(session: Session, actor: Actor) -> AuditEntry | None:
    return session.execute(
        select(AuditEntry).where(AuditEntry.actor_id == actor.viewer.staff_id, AuditEntry.kind != UNDO,
                                 AuditEntry.undone_at.is_(None), AuditEntry.at > actor.now - UNDO_WINDOW)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1)).scalar_one_or_none()


def undo_latest(session: Session, actor: Actor) -> tuple[AuditEntry, AuditEntry] | UndoRefused:
    """Undo the actor's latest undoable action: returns (the undone entry, the undo's own entry)."""
    entry = latest_undoable(session, actor)
    if entry is None:
        return UndoRefused("undo_nothing")
    return undo_entry(session, actor, entry)


def client_change(session: Session, viewer: Viewer, entry_id: int) -> AuditEntry | None:
    """An applied change a client's own message made (actor_id None, via a chat) on a client `viewer` may see —
    what an owner may undo (actions.md, undo), within the same 24 hours; None otherwise."""
    from domain.models import Client

    entry = session.get(AuditEntry, entry_id)
    if entry is None or entry.actor_id is not None or entry.kind == UNDO or entry.client_id is None:
        return None
    client = session.get(Client, entry.client_id)
    if client is None or not viewer.sees_owner(client.owner_id) or entry.via in ("job", "cli"):
        return None
    return entry


def undo_entry(session: Session, actor: Actor, entry: AuditEntry) -> tuple[AuditEntry, AuditEntry] | UndoRefused:
    """Undo one applied entry (the asker's latest, or a client's change its owner undoes)."""
    if entry.undone_at is not None:
        return UndoRefused("undo_nothing", entry)
    blocker = _later_change(session, entry)
    if blocker is not None:
        return UndoRefused("undo_blocked", entry, blocker)
    ops = json.loads(entry.undo or "[]")
    changed = next((op for op in ops if op["op"] == "expect" and not _holds(session, op)), None)
    if changed is not None:
        return UndoRefused("undo_changed", entry, details={"what": changed.get("what", ""),
                                                          "reason": changed.get("reason", "")})
    claimed = session.execute(update(AuditEntry).where(AuditEntry.id == entry.id, AuditEntry.undone_at.is_(None))
                              .values(undone_at=actor.now, undone_by_id=actor.viewer.staff_id)
                              .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return UndoRefused("undo_nothing")
    entry.undone_at, entry.undone_by_id = actor.now, actor.viewer.staff_id
    for op in reversed(ops):
        _run(session, op)
    reverted = [{"target": c["target"], "field": c["field"], "old": c["new"], "new": c["old"]}
                for c in changes_of(entry)]
    own = AuditEntry(kind=UNDO, client_id=entry.client_id, actor_id=actor.viewer.staff_id, actor=actor.viewer.name,
                     via=actor.via, at=actor.now, on=actor.today, summary=entry.kind, changes=_json(reverted),
                     records="", undo="[]", undoes_id=entry.id)
    session.add(own)
    session.flush()
    return entry, own


def _later_change(session: Session, entry: AuditEntry) -> AuditEntry | None:
    mine = set(entry.records.split())
    if not mine:
        return None
    later = session.execute(
        select(AuditEntry).where(AuditEntry.id > entry.id, AuditEntry.kind != UNDO, AuditEntry.undone_at.is_(None),
                                 AuditEntry.records != "").order_by(AuditEntry.id)).scalars()
    return next((row for row in later if mine & set(row.records.split())), None)


# -- running undo operations -----------------------------------------------------------------------------------

def _holds(session: Session, op: Op) -> bool:
    """An `expect` operation: the row (when it still exists) has the values the undo counts on."""
    table = SQLModel.metadata.tables[op["table"]]
    key = _coerce(table, op["key"])
    row = session.execute(select(table).where(and_(*(table.c[name] == value for name, value in key.items())))
                          ).mappings().first()
    return row is None or all(row[name] == value for name, value in _coerce(table, op["values"]).items())


def _run(session: Session, op: Op) -> None:
    if op["op"] == "expect":
        return
    if op["op"] == "reallocate":
        if op.get("client_id") is not None:
            session.flush()
            reallocate(session, [op["client_id"]])
        return
    table = SQLModel.metadata.tables[op["table"]]
    if op["op"] == "insert":
        session.execute(insert(table).values(**_coerce(table, op["values"])))
        return
    key = _coerce(table, op["key"])
    where = and_(*(table.c[name] == value for name, value in key.items()))
    if op["op"] == "delete":
        session.execute(delete(table).where(where))
    elif op["op"] == "update":
        session.execute(update(table).where(where).values(**_coerce(table, op["values"])))
    session.expire_all()


def _coerce(table: Any, values: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to column types (dates and timestamps were written as ISO strings)."""
    out = {}
    for name, value in values.items():
        column_type = table.c[name].type
        if isinstance(value, str) and isinstance(column_type, Date) and not isinstance(column_type, DateTime):
            value = date.fromisoformat(value)
        elif isinstance(value, str) and (isinstance(column_type, DateTime) or (hasattr(column_type, "impl")
                                         and isinstance(column_type.impl, DateTime))):
            value = datetime.fromisoformat(value)
        out[name] = value
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def recent_changes(session: Session, client_id: int, limit: int = 5) -> list[dict[str, Any]]:
    """The client's latest applied changes, for its profile card (the caller has already checked the scope)."""
    rows = session.execute(select(AuditEntry).where(AuditEntry.client_id == client_id)
                           .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).scalars()
    return [{"at": row.at, "on": row.on, "actor": row.actor, "via": row.via, "action": row.kind,
             "changes": changes_of(row), "undone": row.undone_at is not None} for row in rows]
