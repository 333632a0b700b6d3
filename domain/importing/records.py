"""The documents, service logs, interactions, feedback and tax obligations sheets.

Service logs, interactions and feedback have no natural key in the format: like payments without a
reference, a row is identified by its values and how many identical rows stand before it (`row_key`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.importing.book import Book, day_moment, local_day
from domain.importing.columns import SHEETS
from domain.importing.parse import (
    enum_key,
    key_text,
    parse_count,
    parse_date,
    parse_hours,
    parse_period,
    parse_score,
    text,
)
from domain.importing.rows import Record, Row
from domain.importing.sheet import SheetJob, check, enum
from domain.importing.upsert import Changes, adopt, load_existing, upsert
from domain.importing.vocab import CHANNELS, DOCUMENT_STATUSES, FREQUENCIES
from domain.models import DocumentRequest, Feedback, Interaction, ServiceLog, TaxObligation

_SPECS = {s.key: s for s in SHEETS}


def _channel(value: object) -> str:
    written = text(value)
    return CHANNELS.get(enum_key(written), written)


class _ByValueJob(SheetJob):
    """Rows keyed by `row_key`, which the runner fills from the record's values and occurrence."""

    FIELDS: tuple[str, ...] = ()
    SIGNATURE: tuple[str, ...] = ()  # the fields of the record's key, in its order

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, self.model, self.FIELDS, lambda r: r["row_key"])
        adopt(records, existing, lambda row: tuple(row[name] for name in self.SIGNATURE))
        return upsert(session, self.model, records, existing)


class DocumentJob(SheetJob):
    """提交日期 (received on) sets `received_at` (noon of that day in the firm's time; a stored time on the same
    day is kept). A received row without a date keeps the stored `received_at` (NULL for a new row); a
    pending row clears it; a date with an empty status means received; a date on a pending row is an error."""

    spec, model = _SPECS["documents"], DocumentRequest
    key_zh, key_en = "客户名称+所属期+资料", "Client + Period + Item"
    FIELDS = ("client_id", "period", "item", "due_on", "status", "chase_count")

    def parse(self, row: Row, book: Book) -> Record:
        client_id = row.reference("client", book.clients, "客户", "client")
        values: dict[str, object] = {
            "client_id": client_id,
            "period": row.required("period", parse_period),
            "item": row.required("item"),
            "due_on": row.required("due_on", parse_date),
        }
        received_on = row.optional("received_on", parse_date)
        status = row.optional("status", enum(DOCUMENT_STATUSES, "资料状态", "document status"))
        check(not (received_on and status == "pending"), "状态为待提交却填写了提交日期",
              "a received date on a pending request")
        if status or received_on or row.has("status"):
            values["status"] = status or ("received" if received_on else "pending")
        row.put(values, "chase_count", "chase_count", parse_count, default=0)
        key = (client_id, values["period"], key_text(values["item"]))
        return Record(row.number, key, values, extra={"received_on": received_on})

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, DocumentRequest, (*self.FIELDS, "received_at"),
                                 lambda r: (r["client_id"], r["period"], key_text(r["item"])))
        for record in records:
            _set_received_at(record, existing.get(record.key), book.timezone)
        return upsert(session, DocumentRequest, records, existing, {"status": "pending", "chase_count": 0})


def _set_received_at(record: Record, old: dict | None, timezone: str) -> None:
    status = record.values.get("status", old["status"] if old else "pending")
    stored = old["received_at"] if old else None
    day = record.extra["received_on"]
    if status != "received":
        record.values["received_at"] = None
    elif day is not None and (stored is None or local_day(stored, timezone) != day):
        record.values["received_at"] = day_moment(day, timezone)


class ServiceLogJob(_ByValueJob):
    spec, model = _SPECS["service_logs"], ServiceLog
    FIELDS = ("row_key", "client_id", "staff_id", "date", "description", "hours")
    SIGNATURE = ("client_id", "date", "staff_id", "hours", "description")

    def parse(self, row: Row, book: Book) -> Record:
        values: dict[str, object] = {
            "client_id": row.reference("client", book.clients, "客户", "client"),
            "date": row.required("date", parse_date),
            "staff_id": row.reference("staff", book.staff, "员工", "staff member"),
            "hours": row.required("hours", parse_hours),
        }
        row.put(values, "description", "description")
        key = (values["client_id"], values["date"], values["staff_id"], values["hours"], values.get("description"))
        return Record(row.number, key, values, by_value=True)


class InteractionJob(_ByValueJob):
    spec, model = _SPECS["interactions"], Interaction
    FIELDS = ("row_key", "client_id", "date", "channel", "staff_id", "summary")
    SIGNATURE = ("client_id", "date", "channel", "staff_id", "summary")

    def parse(self, row: Row, book: Book) -> Record:
        values: dict[str, object] = {
            "client_id": row.reference("client", book.clients, "客户", "client"),
            "date": row.required("date", parse_date),
        }
        row.put(values, "channel", "channel", _channel)
        if row.has("staff"):
            values["staff_id"] = row.reference("staff", book.staff, "员工", "staff member", required=False)
        row.put(values, "summary", "summary")
        key = (values["client_id"], values["date"], values.get("channel"), values.get("staff_id"),
               values.get("summary"))
        return Record(row.number, key, values, by_value=True)


class FeedbackJob(_ByValueJob):
    spec, model = _SPECS["feedback"], Feedback
    FIELDS = ("row_key", "client_id", "date", "score", "comment")
    SIGNATURE = ("client_id", "date", "score", "comment")

    def parse(self, row: Row, book: Book) -> Record:
        values: dict[str, object] = {
            "client_id": row.reference("client", book.clients, "客户", "client"),
            "date": row.required("date", parse_date),
            "score": row.required("score", parse_score),
        }
        row.put(values, "comment", "comment")
        key = (values["client_id"], values["date"], values["score"], values.get("comment"))
        return Record(row.number, key, values, by_value=True)


class TaxObligationJob(SheetJob):
    spec, model = _SPECS["tax_obligations"], TaxObligation
    key_zh, key_en = "客户名称+税种", "Client + Tax"
    FIELDS = ("client_id", "tax", "frequency")

    def parse(self, row: Row, book: Book) -> Record:
        client_id = row.reference("client", book.clients, "客户", "client")
        values: dict[str, object] = {
            "client_id": client_id,
            "tax": row.required("tax"),
            "frequency": row.required("frequency", enum(FREQUENCIES, "申报周期", "filing frequency")),
        }
        return Record(row.number, (client_id, key_text(values["tax"])), values)

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, TaxObligation, self.FIELDS, lambda r: (r["client_id"], key_text(r["tax"])))
        return upsert(session, TaxObligation, records, existing)
