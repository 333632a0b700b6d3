"""The contracts, invoices and payments sheets. Invoices and payments re-allocate the clients they touch, in the
same transaction, so that allocations and `Invoice.paid_on` always match the stored money."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.allocation import reallocate
from domain.importing.book import Book
from domain.importing.columns import SHEETS
from domain.importing.parse import key_text, parse_amount, parse_date, parse_yes_no
from domain.importing.rows import Record, Row, RowError
from domain.importing.sheet import SheetJob, check, enum
from domain.importing.upsert import Changes, adopt, load_existing, upsert
from domain.importing.vocab import BILLING_CYCLES, CONTRACT_STATUSES, SERVICE_TYPES
from domain.models import Contract, Invoice, Payment

_SPECS = {s.key: s for s in SHEETS}


def _touched(changes: Changes, fields: tuple[str, ...]) -> set[int]:
    """Clients whose allocation may change: new rows, and old and new owners of rows whose money fields changed."""
    ids = {r.values["client_id"] for r in changes.inserted}
    for record, old in changes.updated:
        if any(name in old for name in fields):
            ids.add(record.values["client_id"])
            ids.add(old.get("client_id", record.values["client_id"]))
    return ids


def _owned(row: Row, known: dict[str, tuple[int, int]], name: str, client_id: int, what_zh: str, what_en: str
           ) -> int | None:
    """A contract or invoice named on the row: it must exist and belong to the row's client."""
    found = row.reference(name, known, what_zh, what_en, required=False)
    if found is None:
        return None
    if found[1] != client_id:
        written = row.optional(name)
        raise RowError(f"{what_zh}{written}不属于该客户 ({what_en} {written} belongs to another client)")
    return found[0]


class ContractJob(SheetJob):
    spec, model, key_zh, key_en = _SPECS["contracts"], Contract, "合同编号", "Contract No"
    FIELDS = ("contract_no", "client_id", "service_type", "start_on", "end_on", "amount_cents", "billing_cycle",
              "signed_on", "auto_renew", "status")

    def parse(self, row: Row, book: Book) -> Record:
        number = row.required("contract_no")
        values: dict[str, object] = {
            "contract_no": number,
            "client_id": row.reference("client", book.clients, "客户", "client"),
            "service_type": row.required("service_type", enum(SERVICE_TYPES, "服务类型", "service type")),
            "start_on": row.required("start_on", parse_date),
            "end_on": row.required("end_on", parse_date),
            "amount_cents": row.required("amount", parse_amount),
        }
        check(values["end_on"] >= values["start_on"], "结束日期早于开始日期", "end date is before start date")
        values["signed_on"] = row.optional("signed_on", parse_date) or values["start_on"]
        row.put(values, "billing_cycle", "billing_cycle", enum(BILLING_CYCLES, "付款方式", "billing cycle"))
        row.put(values, "auto_renew", "auto_renew", parse_yes_no, default=False)
        row.put(values, "status", "status", enum(CONTRACT_STATUSES, "合同状态", "contract status"), default="active")
        return Record(row.number, key_text(number), values)

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Contract, self.FIELDS, lambda r: key_text(r["contract_no"]))
        changes = upsert(session, Contract, records, existing, {"auto_renew": False, "status": "active"})
        if changes.inserted or changes.changed_field("client_id"):
            book.reload_contracts(session)
        return changes


class InvoiceJob(SheetJob):
    spec, model, key_zh, key_en = _SPECS["invoices"], Invoice, "发票号", "Invoice No"
    FIELDS = ("invoice_no", "client_id", "contract_id", "issued_on", "due_on", "amount_cents", "disputed",
              "dispute_note")
    MONEY = ("client_id", "issued_on", "due_on", "amount_cents")

    def parse(self, row: Row, book: Book) -> Record:
        number = row.required("invoice_no")
        client_id = row.reference("client", book.clients, "客户", "client")
        values: dict[str, object] = {
            "invoice_no": number,
            "client_id": client_id,
            "issued_on": row.required("issued_on", parse_date),
            "due_on": row.required("due_on", parse_date),
            "amount_cents": row.required("amount", parse_amount),
        }
        if row.has("contract_no"):
            values["contract_id"] = _owned(row, book.contracts, "contract_no", client_id, "合同", "contract")
        check(values["due_on"] >= values["issued_on"], "到期日早于开票日期", "due date is before issue date")
        row.put(values, "disputed", "disputed", parse_yes_no, default=False)
        row.put(values, "dispute_note", "dispute_note")
        return Record(row.number, key_text(number), values)

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Invoice, self.FIELDS, lambda r: key_text(r["invoice_no"]))
        changes = upsert(session, Invoice, records, existing, {"disputed": False})
        if changes.inserted or changes.changed_field("client_id"):
            book.reload_invoices(session)
        reallocate(session, _touched(changes, self.MONEY))
        return changes


class PaymentJob(SheetJob):
    """Key: the reference when given, else the row's values and how many identical rows stand before it."""

    spec, model, key_zh, key_en = _SPECS["payments"], Payment, "流水号", "Reference"
    FIELDS = ("row_key", "client_id", "invoice_id", "paid_on", "amount_cents", "method", "reference")
    MONEY = ("client_id", "invoice_id", "paid_on", "amount_cents")

    def parse(self, row: Row, book: Book) -> Record:
        client_id = row.reference("client", book.clients, "客户", "client")
        values: dict[str, object] = {
            "client_id": client_id,
            "paid_on": row.required("paid_on", parse_date),
            "amount_cents": row.required("amount", parse_amount),
        }
        if row.has("invoice_no"):
            values["invoice_id"] = _owned(row, book.invoices, "invoice_no", client_id, "发票", "invoice")
        row.put(values, "method", "method")
        row.put(values, "reference", "reference")
        if values.get("reference"):
            key = f"ref:{key_text(values['reference'])}"
            values["row_key"] = key
            return Record(row.number, key, values, extra={"signature": ("ref", key_text(values["reference"]))})
        base = (client_id, values.get("invoice_id"), values["paid_on"], values["amount_cents"], values.get("method"))
        return Record(row.number, base, values, by_value=True)

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        existing = load_existing(session, Payment, self.FIELDS, lambda r: r["row_key"])
        adopt(records, existing, _payment_signature)
        base = session.execute(select(func.coalesce(func.max(Payment.seq), 0))).scalar_one()
        for record in records:
            if record.key not in existing:
                record.values["seq"] = base + record.number
        changes = upsert(session, Payment, records, existing)
        reallocate(session, _touched(changes, self.MONEY))
        return changes


def _payment_signature(row: dict) -> tuple:
    if row.get("reference"):
        return ("ref", key_text(row["reference"]))
    return (row["client_id"], row["invoice_id"], row["paid_on"], row["amount_cents"], row["method"])
