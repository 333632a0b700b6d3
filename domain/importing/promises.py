"""The optional promises sheet (承诺付款, semantics.md "Promises and disputes"). Key: client + made on.

A row without a status is a new open promise (a stored promise keeps the status the product gave it); after
the sheet is stored, an open promise older than the client's newest one is marked replaced, as a newer
promise replaces an older one.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from domain.importing.book import Book
from domain.importing.columns import SHEETS
from domain.importing.parse import parse_amount, parse_date
from domain.importing.rows import Record, Row
from domain.importing.sheet import SheetJob, check, enum
from domain.importing.upsert import CHUNK, Changes, load_existing, upsert
from domain.importing.vocab import PROMISE_STATUSES
from domain.models import PaymentPromise

_SPEC = next(s for s in SHEETS if s.key == "promises")


class PromiseJob(SheetJob):
    spec, model = _SPEC, PaymentPromise
    key_zh, key_en = "客户名称+登记日期", "Client + Made On"
    FIELDS = ("client_id", "made_on", "promised_by", "amount_cents", "status")

    def parse(self, row: Row, book: Book) -> Record:
        client_id = row.reference("client", book.clients, "客户", "client")
        values: dict[str, object] = {
            "client_id": client_id,
            "promised_by": row.required("promised_by", parse_date),
            "made_on": row.required("made_on", parse_date),
        }
        check(values["promised_by"] >= values["made_on"], "承诺日期早于登记日期",
              "promised date is before the day it was made")
        row.put(values, "amount_cents", "amount", parse_amount)
        status = row.optional("status", enum(PROMISE_STATUSES, "承诺状态", "promise status"))
        if status:
            values["status"] = status
        return Record(row.number, (client_id, values["made_on"]), values)

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, PaymentPromise, self.FIELDS, lambda r: (r["client_id"], r["made_on"]))
        changes = upsert(session, PaymentPromise, records, existing, {"status": "open", "owner_notified": False})
        _replace_older(session, sorted({r.values["client_id"] for r in changes.inserted}))
        return changes


def _replace_older(session: Session, client_ids: list[int]) -> None:
    """Open promises made before the client's newest promise are replaced by it."""
    for start in range(0, len(client_ids), CHUNK):
        chunk = client_ids[start : start + CHUNK]
        newest = (select(PaymentPromise.client_id, func.max(PaymentPromise.made_on).label("made_on"))
                  .where(PaymentPromise.client_id.in_(chunk)).group_by(PaymentPromise.client_id).subquery())
        older = select(PaymentPromise.id).join(newest, and_(newest.c.client_id == PaymentPromise.client_id,
                                                            PaymentPromise.made_on < newest.c.made_on))
        session.execute(update(PaymentPromise).where(PaymentPromise.status == "open",
                                                     PaymentPromise.id.in_(older))
                        .values(status="replaced"), execution_options={"synchronize_session": False})
