"""The rows of each sheet of an export, in the import format's columns (domain/importing/columns.py).

Every query is limited to the clients the reader may see (`Viewer.client_condition`). Rows come in the order
the importer stored them (ids; payments by entry order), so that rows identified by their values (payments
without a reference, service logs, interactions, feedback) are numbered the same way when imported again.
Money is a Decimal of yuan, dates are dates, enums are the Chinese words of the import vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import Session, aliased

from domain.exporting.words import channel, word, yes_no
from domain.identities import first_id_column
from domain.importing.book import local_day
from domain.importing.columns import CONTACT_ID_COLUMNS
from domain.models import (
    Client,
    Contact,
    Contract,
    DocumentRequest,
    Feedback,
    Interaction,
    Invoice,
    Payment,
    PaymentPromise,
    ServiceLog,
    Staff,
    TaxObligation,
)
from domain.money import from_cents
from domain.scope import Viewer

Row = dict[str, Any]
_BATCH = 5000


@dataclass(frozen=True)
class Scope:
    viewer: Viewer | None  # None: the whole book
    timezone: str

    def clients(self) -> ColumnElement[bool]:
        return true() if self.viewer is None else self.viewer.client_condition(Client.id, Client.owner_id)


@dataclass(frozen=True)
class SheetQuery:
    key: str
    select: Callable[[Scope], Select]
    row: Callable[[Any, Scope], Row]

    def count(self, session: Session, scope: Scope) -> int:
        return session.execute(select(func.count()).select_from(self.select(scope).subquery())).scalar_one()

    def rows(self, session: Session, scope: Scope) -> Iterator[Row]:
        for found in session.execute(self.select(scope).execution_options(yield_per=_BATCH)):
            yield self.row(found, scope)


def _money(cents: int | None) -> Any:
    return None if cents is None else from_cents(cents)


def _columns(model: Any) -> list[Any]:
    """A table's columns (plain rows: no ORM objects are built, which halves the time of a large export)."""
    return list(model.__table__.c)


def _by_client(model: Any, *columns: Any) -> Select:
    """Rows of a client-bound table with the client's name, limited to the visible clients, in id order."""
    return (select(Client.name.label("client"), *columns).join(Client, Client.id == model.client_id)
            .order_by(model.id))


def _clients(scope: Scope) -> Select:
    owner = aliased(Staff)
    return (select(*_columns(Client), owner.name.label("owner")).join(owner, owner.id == Client.owner_id)
            .where(scope.clients()).order_by(Client.id))


def _client_row(r: Any, _: Scope) -> Row:
    c = r
    return {"name": c.name, "short_name": c.short_name, "credit_code": c.credit_code,
            "taxpayer_type": word("taxpayer_type", c.taxpayer_type), "industry": c.industry, "size": c.size,
            "source": c.source, "region": c.region, "address": c.address, "signed_on": c.signed_on,
            "owner": r.owner, "tags": c.tags or None, "tier": word("tier", c.tier),
            "status": word("client_status", c.status)}


def _contacts(scope: Scope) -> Select:
    ids = [first_id_column("contact", platform, Contact.id).label(column)
           for column, platform in CONTACT_ID_COLUMNS.items()]
    return _by_client(Contact, *_columns(Contact), *ids).where(scope.clients())


def _contact_row(r: Any, _: Scope) -> Row:
    c = r
    return {"client": r.client, "name": c.name, "title": c.title, "phone": c.phone, "email": c.email,
            "is_primary": yes_no(c.is_primary), **{column: getattr(r, column) for column in CONTACT_ID_COLUMNS}}


def _contracts(scope: Scope) -> Select:
    return _by_client(Contract, *_columns(Contract)).where(scope.clients())


def _contract_row(r: Any, _: Scope) -> Row:
    k = r
    return {"contract_no": k.contract_no, "client": r.client, "service_type": word("service_type", k.service_type),
            "start_on": k.start_on, "end_on": k.end_on, "amount": _money(k.amount_cents),
            "billing_cycle": word("billing_cycle", k.billing_cycle), "signed_on": k.signed_on,
            "auto_renew": yes_no(k.auto_renew), "status": word("contract_status", k.status)}


def _invoices(scope: Scope) -> Select:
    return (_by_client(Invoice, *_columns(Invoice), Contract.contract_no)
            .outerjoin(Contract, Contract.id == Invoice.contract_id).where(scope.clients()))


def _invoice_row(r: Any, _: Scope) -> Row:
    i = r
    return {"invoice_no": i.invoice_no, "client": r.client, "contract_no": r.contract_no, "issued_on": i.issued_on,
            "due_on": i.due_on, "amount": _money(i.amount_cents), "disputed": yes_no(i.disputed),
            "dispute_note": i.dispute_note}


def _payments(scope: Scope) -> Select:
    return (select(Client.name.label("client"), *_columns(Payment), Invoice.invoice_no)
            .join(Client, Client.id == Payment.client_id).outerjoin(Invoice, Invoice.id == Payment.invoice_id)
            .where(scope.clients()).order_by(Payment.seq, Payment.id))


def _payment_row(r: Any, _: Scope) -> Row:
    p = r
    return {"client": r.client, "invoice_no": r.invoice_no, "paid_on": p.paid_on, "amount": _money(p.amount_cents),
            "method": p.method, "reference": p.reference}


def _documents(scope: Scope) -> Select:
    return _by_client(DocumentRequest, *_columns(DocumentRequest)).where(scope.clients())


def _document_row(r: Any, scope: Scope) -> Row:
    d = r
    received: date | None = local_day(d.received_at, scope.timezone) if d.received_at else None
    return {"client": r.client, "period": d.period, "item": d.item, "due_on": d.due_on,
            "status": word("document_status", d.status), "chase_count": d.chase_count, "received_on": received}


def _promises(scope: Scope) -> Select:
    return _by_client(PaymentPromise, *_columns(PaymentPromise)).where(scope.clients())


def _promise_row(r: Any, _: Scope) -> Row:
    p = r
    return {"client": r.client, "promised_by": p.promised_by, "amount": _money(p.amount_cents), "made_on": p.made_on,
            "status": word("promise_status", p.status)}


def _service_logs(scope: Scope) -> Select:
    return (_by_client(ServiceLog, *_columns(ServiceLog), Staff.name.label("staff"))
            .join(Staff, Staff.id == ServiceLog.staff_id).where(scope.clients()))


def _service_log_row(r: Any, _: Scope) -> Row:
    s = r
    return {"client": r.client, "date": s.date, "staff": r.staff, "description": s.description, "hours": s.hours}


def _interactions(scope: Scope) -> Select:
    return (_by_client(Interaction, *_columns(Interaction), Staff.name.label("staff"))
            .outerjoin(Staff, Staff.id == Interaction.staff_id).where(scope.clients()))


def _interaction_row(r: Any, _: Scope) -> Row:
    i = r
    return {"client": r.client, "date": i.date, "channel": channel(i.channel), "staff": r.staff,
            "summary": i.summary}


def _feedback(scope: Scope) -> Select:
    return _by_client(Feedback, *_columns(Feedback)).where(scope.clients())


def _feedback_row(r: Any, _: Scope) -> Row:
    f = r
    return {"client": r.client, "date": f.date, "score": f.score, "comment": f.comment}


def _taxes(scope: Scope) -> Select:
    return _by_client(TaxObligation, *_columns(TaxObligation)).where(scope.clients())


def _tax_row(r: Any, _: Scope) -> Row:
    t = r
    return {"client": r.client, "tax": t.tax, "frequency": word("frequency", t.frequency)}


CLIENT_SHEETS: tuple[SheetQuery, ...] = (
    SheetQuery("clients", _clients, _client_row),
    SheetQuery("contacts", _contacts, _contact_row),
    SheetQuery("contracts", _contracts, _contract_row),
    SheetQuery("invoices", _invoices, _invoice_row),
    SheetQuery("payments", _payments, _payment_row),
    SheetQuery("documents", _documents, _document_row),
    SheetQuery("promises", _promises, _promise_row),
    SheetQuery("service_logs", _service_logs, _service_log_row),
    SheetQuery("interactions", _interactions, _interaction_row),
    SheetQuery("feedback", _feedback, _feedback_row),
    SheetQuery("tax_obligations", _taxes, _tax_row),
)
