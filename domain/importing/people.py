"""The staff, clients and contacts sheets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from domain.identities import bind_ids
from domain.importing.book import Book
from domain.importing.columns import CONTACT_ID_COLUMNS, SHEETS, STAFF_ID_COLUMNS
from domain.importing.parse import (
    key_text,
    parse_cost,
    parse_credit_code,
    parse_date,
    parse_tags,
    parse_yes_no,
)
from domain.importing.rows import Record, Row
from domain.importing.sheet import SheetJob, check, enum
from domain.importing.upsert import Changes, delete_where_in, load_existing, upsert
from domain.importing.vocab import CLIENT_STATUSES, ROLES, TAXPAYER_TYPES, TIERS
from domain.models import Client, ClientTag, Contact, Staff

_SPECS = {s.key: s for s in SHEETS}
_TAG_LIMIT = 100


class StaffJob(SheetJob):
    spec, model, key_zh, key_en = _SPECS["staff"], Staff, "姓名", "Name"
    FIELDS = ("name", "role", "email", "phone", "hourly_cost_cents")

    def parse(self, row: Row, book: Book) -> Record:
        name = row.required("name")
        values: dict[str, object] = {"name": name}
        row.put(values, "role", "role", enum(ROLES, "角色", "role"), default="staff")
        for field in ("email", "phone"):
            row.put(values, field, field)
        row.put(values, "hourly_cost_cents", "hourly_cost", parse_cost, default=0)
        manager = row.optional("manager")
        check(manager is None or key_text(manager) != key_text(name),
              "上级不能是本人", "a staff member cannot be their own manager")
        extra = {"manager": manager, "sets_manager": row.has("manager"), "chat_ids": chat_ids(row, STAFF_ID_COLUMNS)}
        return Record(row.number, key_text(name), values, extra=extra)

    def review(self, records: list[Record], book: Book) -> list[tuple[Record, str]]:
        """Managers may be named before or after their own row; reject names that match nobody (repeatedly,
        since a rejected row is no longer someone to report to)."""
        rejected: list[tuple[Record, str]] = []
        kept = list(records)
        while True:
            known = set(book.staff) | {r.key for r in kept}
            bad = [r for r in kept if r.extra["manager"] and key_text(r.extra["manager"]) not in known]
            if not bad:
                return rejected
            for r in bad:
                name = r.extra["manager"]
                rejected.append((r, f"上级不存在：{name} (unknown manager: {name})"))
            dropped = {id(r) for r in bad}
            kept = [r for r in kept if id(r) not in dropped]

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Staff, (*self.FIELDS, "manager_id"), lambda r: key_text(r["name"]))
        changes = upsert(session, Staff, records, existing, {"role": "staff", "hourly_cost_cents": 0})
        book.reload_staff(session)
        bind_ids(session, "staff", {book.staff[r.key]: r.extra["chat_ids"] for r in records if r.key in book.staff})
        bosses = [
            Record(r.number, r.key, {"manager_id": book.staff[key_text(r.extra["manager"])] if r.extra["manager"]
                                     else None})
            for r in records if r.extra["sets_manager"]
        ]
        if bosses:
            existing = load_existing(session, Staff, ("name", "manager_id"), lambda r: key_text(r["name"]))
            upsert(session, Staff, bosses, existing)
        return changes


def chat_ids(row: Row, columns: dict[str, str]) -> dict[str, object]:
    """{platform: user id or None} from the sheet's chat id columns it has; each binds a chat identity."""
    return {platform: row.optional(column) for column, platform in columns.items() if row.has(column)}


class ClientJob(SheetJob):
    spec, model, key_zh, key_en = _SPECS["clients"], Client, "客户名称", "Name"
    FIELDS = ("name", "short_name", "credit_code", "taxpayer_type", "industry", "size", "source", "region",
              "address", "signed_on", "owner_id", "tags", "tier", "status")

    def parse(self, row: Row, book: Book) -> Record:
        name = row.required("name")
        values: dict[str, object] = {"name": name, "owner_id": row.reference("owner", book.staff, "负责人", "owner")}
        for field in ("short_name", "industry", "size", "source", "region", "address"):
            row.put(values, field, field)
        row.put(values, "credit_code", "credit_code", parse_credit_code)
        row.put(values, "taxpayer_type", "taxpayer_type", enum(TAXPAYER_TYPES, "纳税人类型", "taxpayer type"))
        row.put(values, "signed_on", "signed_on", parse_date)
        row.put(values, "tier", "tier", enum(TIERS, "客户等级", "tier"), default="normal")
        row.put(values, "status", "status", enum(CLIENT_STATUSES, "客户状态", "client status"), default="active")
        tags = row.optional("tags", parse_tags, []) or []
        too_long = [t for t in tags if len(t) > _TAG_LIMIT]
        check(not too_long, f"标签过长（最多{_TAG_LIMIT}个字符）", f"tag too long: at most {_TAG_LIMIT} characters")
        if row.has("tags"):
            values["tags"] = "、".join(tags)
        return Record(row.number, key_text(name), values, extra={"tags": tags})

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Client, self.FIELDS, lambda r: key_text(r["name"]))
        changes = upsert(session, Client, records, existing, {"tier": "normal", "status": "active", "tags": ""})
        book.reload_clients(session)
        retag = [r for r in changes.inserted if r.extra["tags"]] + [r for r, _ in changes.changed_field("tags")]
        ids = {book.clients[r.key] for r in retag}
        delete_where_in(session, ClientTag.client_id, ids)
        rows = [{"client_id": book.clients[r.key], "tag": tag} for r in retag for tag in r.extra["tags"]]
        if rows:
            session.execute(insert(ClientTag), rows)
        return changes


class ContactJob(SheetJob):
    spec, model, key_zh, key_en = _SPECS["contacts"], Contact, "客户名称+姓名", "Client + Name"
    FIELDS = ("client_id", "name", "title", "phone", "email", "is_primary")

    def parse(self, row: Row, book: Book) -> Record:
        client_id = row.reference("client", book.clients, "客户", "client")
        name = row.required("name")
        values: dict[str, object] = {"client_id": client_id, "name": name}
        for field in ("title", "phone", "email"):
            row.put(values, field, field)
        row.put(values, "is_primary", "is_primary", parse_yes_no, default=False)
        return Record(row.number, (client_id, key_text(name)), values,
                      extra={"chat_ids": chat_ids(row, CONTACT_ID_COLUMNS)})

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Contact, self.FIELDS, _contact_key)
        ids = {key: row["id"] for key, row in existing.items()}
        changes = upsert(session, Contact, records, existing, {"is_primary": False})
        wanted = [r for r in records if any(v is not None for v in r.extra["chat_ids"].values())]
        if any(r.key not in ids for r in wanted):  # new contacts: their ids
            stored = load_existing(session, Contact, ("client_id", "name"), _contact_key)
            ids = {key: row["id"] for key, row in stored.items()}
        bind_ids(session, "contact", {ids[r.key]: r.extra["chat_ids"] for r in wanted if r.key in ids})
        return changes


def _contact_key(row: dict[str, Any]) -> tuple[Any, str]:
    return row["client_id"], key_text(row["name"])
