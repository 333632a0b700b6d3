"""Bulk insert-or-update by natural key: existing rows are loaded once, new rows are inserted in bulk, and only
the rows whose values differ are updated (only the differing columns). An unchanged workbook writes nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from domain.importing.rows import Record

CHUNK = 900  # bound parameters per IN list, under SQLite's limit


@dataclass
class Changes:
    inserted: list[Record] = field(default_factory=list)
    updated: list[tuple[Record, dict[str, Any]]] = field(default_factory=list)  # record, old values of changed

    def changed_field(self, name: str) -> list[tuple[Record, dict[str, Any]]]:
        return [(rec, old) for rec, old in self.updated if name in old]


def load_existing(session: Session, model: Any, columns: Sequence[str],
                  key_of: Callable[[dict[str, Any]], Hashable]) -> dict[Hashable, dict[str, Any]]:
    """Every stored row of `model` with `id` and `columns`, by the same key the sheet's records use."""
    table = model.__table__
    query = select(table.c.id, *(table.c[name] for name in columns))
    return {key_of(row): dict(row) for row in session.execute(query).mappings()}


def upsert(session: Session, model: Any, records: Iterable[Record], existing: dict[Hashable, dict[str, Any]],
           defaults: dict[str, Any] | None = None) -> Changes:
    """Insert the records whose key is not in `existing`; update only the changed columns of the others.

    Rows are grouped by their set of columns so that each group is one executemany. Callers that need the
    ids of inserted rows reload them afterwards (see Book)."""
    table = model.__table__
    changes = Changes()
    inserts: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        old = existing.get(record.key)
        if old is None:
            row = {**(defaults or {}), **record.values}
            inserts[tuple(sorted(row))].append(row)
            changes.inserted.append(record)
            continue
        diff = {name: value for name, value in record.values.items() if old.get(name) != value}
        if diff:
            updates[tuple(sorted(diff))].append({"b_id": old["id"], **{f"b_{k}": v for k, v in diff.items()}})
            changes.updated.append((record, {name: old.get(name) for name in diff}))
            old.update(diff)
    for rows in inserts.values():
        session.execute(insert(table), rows)
    for names, rows in updates.items():
        stmt = update(table).where(table.c.id == bindparam("b_id")).values({n: bindparam(f"b_{n}") for n in names})
        session.connection().execute(stmt, rows)
    return changes


def delete_where_in(session: Session, column: Any, ids: Iterable[int]) -> None:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        session.execute(delete(column.table).where(column.in_(ordered[start : start + CHUNK])))


def imported_key(key: Hashable) -> bool:
    """Keys the importer makes for rows without a natural key ('v:…' by value, 'ref:…' by reference)."""
    return isinstance(key, str) and key.startswith(("v:", "ref:"))


def adopt(records: Iterable[Record], existing: dict[Hashable, dict[str, Any]],
          signature: Callable[[dict[str, Any]], Hashable]) -> None:
    """Rows written elsewhere (from chat: 'chat:…' keys) have no importer key; a record whose key matches no stored
    row takes over a stored row of that kind with the same values (`record.extra['signature']`), oldest first, so
    that importing an export of the book changes nothing."""
    pool: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key, row in sorted(existing.items(), key=lambda item: item[1]["id"]):
        if not imported_key(key):
            pool[signature(row)].append(key)
    if not pool:
        return
    for record in records:
        if record.key in existing or "signature" not in record.extra:
            continue
        keys = pool.get(record.extra["signature"])
        if keys:
            record.key = record.values["row_key"] = keys.pop(0)
