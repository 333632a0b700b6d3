"""Actions on a client's receivables: record a payment (re-allocated at once), promise to pay, dispute / resolve."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.actions.base import Actor, Change, Outcome, Preview, Refusal, visible_client
from domain.actions.commands import DisputeInvoice, PromiseToPay, RecordPayment
from domain.actions.handlers.records import row_key
from domain.allocation import OpenInvoice, PaymentIn, allocate, reallocate
from domain.models import Invoice, Payment, PaymentPromise, PromiseStatus
from domain.money import cents_to_float, to_cents

NEW_PAYMENT = -1


def outstanding_by_invoice(session: Session, client_id: int, extra: PaymentIn | None = None) -> dict[int, int]:
    """Each of the client's invoices' outstanding cents after allocating its payments (plus `extra`)."""
    invoices = [OpenInvoice(*row) for row in session.execute(
        select(Invoice.id, Invoice.invoice_no, Invoice.issued_on, Invoice.due_on, Invoice.amount_cents)
        .where(Invoice.client_id == client_id))]
    payments = [PaymentIn(*row) for row in session.execute(
        select(Payment.id, Payment.paid_on, Payment.seq, Payment.amount_cents, Payment.invoice_id)
        .where(Payment.client_id == client_id))]
    if extra is not None:
        payments.append(extra)
    allocations, _ = allocate(invoices, payments)
    left = {inv.id: inv.amount_cents for inv in invoices}
    for allocation in allocations:
        left[allocation.invoice_id] -= allocation.amount_cents
    return left


def _money(cents: int) -> float:
    return cents_to_float(cents)


@dataclass(frozen=True)
class _RecordPayment:
    kind: str = "record_payment"

    def check(self, session: Session, actor: Actor, command: RecordPayment) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        invoice = session.get(Invoice, command.invoice_id) if command.invoice_id is not None else None
        if command.invoice_id is not None and (invoice is None or invoice.client_id != client.id):
            return Refusal("not_found", {"what": "invoice", "client": client.name})
        before = outstanding_by_invoice(session, client.id)
        if command.amount is None and invoice is None:
            return Refusal("needs_input", {"client": client.name}, part="amount")
        cents = to_cents(command.amount) if command.amount is not None else before[invoice.id]  # type: ignore[union-attr]
        if cents <= 0:
            return Refusal("nothing_to_do", {"reason": "invoice_paid", "invoice": invoice.invoice_no}) if (
                command.amount is None and invoice is not None) else Refusal("invalid", {"reason": "amount"})
        on = command.on or actor.today
        if on > actor.today:
            return Refusal("invalid", {"reason": "future_date", "date": on.isoformat()})
        extra = PaymentIn(NEW_PAYMENT, on, _next_seq(session), cents, invoice.id if invoice else None)
        after = outstanding_by_invoice(session, client.id, extra)
        return _payment_preview(self.kind, session, client.id, client.name, cents, on, command, invoice, before, after)

    def apply(self, session: Session, actor: Actor, command: RecordPayment) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        payment = Payment(row_key=row_key("payment"), client_id=preview.client_id, invoice_id=command.invoice_id,
                          paid_on=date.fromisoformat(preview.notes["date"]), amount_cents=preview.notes["cents"],
                          method=command.method, reference=command.reference, seq=_next_seq(session))
        session.add(payment)
        session.flush()
        reallocate(session, [payment.client_id])
        undo = [{"op": "delete", "table": "payment", "key": {"id": payment.id}},
                {"op": "delete", "table": "allocation", "key": {"payment_id": payment.id}}]
        return Outcome(preview, [f"payment:{payment.id}"], undo, reallocate=True)


def _next_seq(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(Payment.seq), 0))).scalar_one()) + 1


def _payment_preview(kind: str, session: Session, client_id: int, client: str, cents: int, on: date,
                     command: RecordPayment, invoice: Invoice | None, before: dict[int, int],
                     after: dict[int, int]) -> Preview:
    value = {"amount": _money(cents), "date": on.isoformat(), "method": command.method or "",
             "invoice": invoice.invoice_no if invoice else ""}
    changes = [Change(client, "payment", None, value)]
    touched = sorted(i for i in after if after[i] != before.get(i))
    numbers = dict(session.execute(select(Invoice.id, Invoice.invoice_no).where(Invoice.id.in_(touched or [0]))).all())
    for invoice_id in touched:
        changes.append(Change(numbers[invoice_id], "outstanding", _money(before[invoice_id]),
                              _money(after[invoice_id])))
    settled = [numbers[i] for i in touched if after[i] == 0]
    taken = sum(before[i] - after[i] for i in touched)
    notes = {"settles": settled, "credit": _money(cents - taken), "cents": cents, "date": on.isoformat(),
             "amount": _money(cents)}
    return Preview(kind, client_id, client, changes, notes)


@dataclass(frozen=True)
class _PromiseToPay:
    kind: str = "promise_to_pay"

    def check(self, session: Session, actor: Actor, command: PromiseToPay) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        if command.promised_by < actor.today:
            return Refusal("invalid", {"reason": "past_date", "date": command.promised_by.isoformat()})
        if command.amount is not None and command.amount <= 0:
            return Refusal("invalid", {"reason": "amount"})
        current = _open_promise(session, client.id)
        old = {"by": current.promised_by.isoformat(), "amount": _money(current.amount_cents)
               if current.amount_cents is not None else None} if current else None
        new = {"by": command.promised_by.isoformat(),
               "amount": float(command.amount) if command.amount is not None else None}
        return Preview(self.kind, client.id, client.name, [Change(client.name, "promise", old, new)])

    def apply(self, session: Session, actor: Actor, command: PromiseToPay) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        undo: list[dict] = []
        records: list[str] = []
        cents = to_cents(command.amount) if command.amount is not None else None
        for row in session.execute(select(PaymentPromise).where(
                PaymentPromise.client_id == command.client_id, PaymentPromise.status == PromiseStatus.open.value,
                PaymentPromise.made_on != actor.today)).scalars():
            undo.append({"op": "update", "table": "payment_promise", "key": {"id": row.id},
                         "values": {"status": row.status}})
            records.append(f"payment_promise:{row.id}")
            row.status = PromiseStatus.replaced  # type: ignore[assignment]
        today_row = session.execute(select(PaymentPromise).where(
            PaymentPromise.client_id == command.client_id, PaymentPromise.made_on == actor.today)).scalar_one_or_none()
        if today_row is not None:  # one promise a day per client (unique): today's is rewritten
            undo.append({"op": "update", "table": "payment_promise", "key": {"id": today_row.id}, "values": {
                "promised_by": today_row.promised_by.isoformat(), "amount_cents": today_row.amount_cents,
                "status": today_row.status, "checked_on": None, "owner_notified": today_row.owner_notified}})
            today_row.promised_by, today_row.amount_cents = command.promised_by, cents
            today_row.status, today_row.checked_on = PromiseStatus.open, None  # type: ignore[assignment]
            row_id = today_row.id
        else:
            promise = PaymentPromise(client_id=command.client_id, made_on=actor.today,
                                     promised_by=command.promised_by, amount_cents=cents)
            session.add(promise)
            session.flush()
            row_id = promise.id
            undo.append({"op": "delete", "table": "payment_promise", "key": {"id": row_id}})
        session.flush()
        return Outcome(preview, [*records, f"payment_promise:{row_id}"], undo)


def _open_promise(session: Session, client_id: int) -> PaymentPromise | None:
    return session.execute(select(PaymentPromise).where(
        PaymentPromise.client_id == client_id, PaymentPromise.status == PromiseStatus.open.value)
        .order_by(PaymentPromise.made_on.desc()).limit(1)).scalar_one_or_none()


@dataclass(frozen=True)
class _DisputeInvoice:
    kind: str = "dispute_invoice"

    def check(self, session: Session, actor: Actor, command: DisputeInvoice) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        found = _disputed_targets(session, client.id, command)
        if isinstance(found, Refusal):
            return found
        changing = [inv for inv in found if bool(inv.disputed) != (not command.resolve)]
        if not changing:
            return Refusal("nothing_to_do", {"reason": "resolved" if command.resolve else "disputed",
                                             "client": client.name})
        changes = [Change(inv.invoice_no, "disputed", bool(inv.disputed), not command.resolve) for inv in changing]
        return Preview(self.kind, client.id, client.name, changes, {"note": command.note or "",
                                                                     "invoice_ids": [inv.id for inv in changing]})

    def apply(self, session: Session, actor: Actor, command: DisputeInvoice) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        undo, records = [], []
        for invoice_id in preview.notes["invoice_ids"]:
            invoice = session.get(Invoice, invoice_id)
            assert invoice is not None
            undo.append({"op": "update", "table": "invoice", "key": {"id": invoice.id},
                         "values": {"disputed": bool(invoice.disputed), "dispute_note": invoice.dispute_note}})
            records.append(f"invoice:{invoice.id}")
            invoice.disputed = not command.resolve
            invoice.dispute_note = (command.note or None) if not command.resolve else invoice.dispute_note
        session.flush()
        return Outcome(preview, records, undo)


def _disputed_targets(session: Session, client_id: int, command: DisputeInvoice) -> list[Invoice] | Refusal:
    stmt = select(Invoice).where(Invoice.client_id == client_id).order_by(Invoice.due_on, Invoice.invoice_no)
    if command.invoice_ids:
        rows = list(session.execute(stmt.where(Invoice.id.in_(command.invoice_ids))).scalars())
        if len(rows) != len(set(command.invoice_ids)):
            return Refusal("not_found", {"what": "invoice"})
        return rows
    rows = list(session.execute(stmt).scalars())
    if command.period:
        rows = [inv for inv in rows if inv.issued_on.strftime("%Y-%m") == command.period]
    elif command.resolve:
        rows = [inv for inv in rows if inv.disputed]
    else:
        rows = [inv for inv in rows if inv.paid_on is None]
    if not rows:
        return Refusal("not_found", {"what": "invoice", "period": command.period or ""})
    if not command.period and len(rows) > 1:
        return Refusal("needs_input", {}, part="invoice", choices=tuple((inv.invoice_no, str(inv.id)) for inv in rows))
    return rows


RECORD_PAYMENT = _RecordPayment()
PROMISE_TO_PAY = _PromiseToPay()
DISPUTE_INVOICE = _DisputeInvoice()

