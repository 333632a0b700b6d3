"""The client book as SQLModel tables.

Money is stored as integer cents (exact in SQLite and PostgreSQL alike, and cheap to sum);
`domain.money` converts to and from `Decimal` at the edges. Dates are `date`, timestamps are
timezone-aware UTC (`UTCDateTime`). Every table that the importer fills has a natural key with a
unique index so that re-importing a workbook updates rows instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Index, Numeric, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from domain.types import UTCDateTime, utcnow


class Role(StrEnum):
    admin = "admin"
    manager = "manager"
    staff = "staff"


class TaxpayerType(StrEnum):
    general = "general"
    small = "small"


class Tier(StrEnum):
    vip = "vip"
    normal = "normal"
    high_risk = "high_risk"


class ClientStatus(StrEnum):
    active = "active"
    churned = "churned"
    prospect = "prospect"


class ServiceType(StrEnum):
    bookkeeping = "bookkeeping"
    tax_filing = "tax_filing"
    audit = "audit"
    registration = "registration"
    consulting = "consulting"
    tax_planning = "tax_planning"


class BillingCycle(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"
    once = "once"


class ContractStatus(StrEnum):
    active = "active"
    terminated = "terminated"


class DocumentStatus(StrEnum):
    pending = "pending"
    received = "received"


class Frequency(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"


def _open_default(context) -> int:  # context: SQLAlchemy's execution context
    """A new invoice is open for its whole amount until allocation says otherwise."""
    return int(context.get_current_parameters().get("amount_cents") or 0)


def cents_column(nullable: bool = False) -> Column:
    return Column(BigInteger, nullable=nullable)


class Staff(SQLModel, table=True):
    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=100)
    role: Role = Field(default=Role.staff, sa_type=String(20))
    manager_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=50)
    hourly_cost_cents: int = Field(default=0, sa_column=cents_column())


class Client(SQLModel, table=True):
    __tablename__ = "client"
    __table_args__ = (Index("ix_client_owner_status", "owner_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    short_name: str | None = Field(default=None, max_length=100)
    credit_code: str | None = Field(default=None, max_length=18)
    taxpayer_type: TaxpayerType | None = Field(default=None, sa_type=String(20))
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=50)
    source: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=300)
    signed_on: date | None = None
    owner_id: int = Field(foreign_key="staff.id")
    tags: str = Field(default="", max_length=500)  # "、"-joined; ClientTag holds them for querying
    tier: Tier = Field(default=Tier.normal, sa_type=String(20))
    status: ClientStatus = Field(default=ClientStatus.active, sa_type=String(20))


class ClientTag(SQLModel, table=True):
    __tablename__ = "client_tag"
    __table_args__ = (Index("ix_client_tag_tag", "tag", "client_id"),)
    client_id: int = Field(foreign_key="client.id", primary_key=True)
    tag: str = Field(primary_key=True, max_length=100)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (UniqueConstraint("client_id", "name", name="uq_contact_client_name"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    name: str = Field(max_length=100)
    title: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=200)
    is_primary: bool = False


class Contract(SQLModel, table=True):
    __tablename__ = "contract"
    __table_args__ = (
        Index("ix_contract_end", "end_on", "status"),
        Index("ix_contract_client_service", "client_id", "service_type", "start_on"),
        Index("ix_contract_signed", "signed_on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    contract_no: str = Field(index=True, unique=True, max_length=100)
    client_id: int = Field(foreign_key="client.id")
    service_type: ServiceType = Field(sa_type=String(20))
    start_on: date
    end_on: date
    amount_cents: int = Field(sa_column=cents_column())
    billing_cycle: BillingCycle | None = Field(default=None, sa_type=String(20))
    signed_on: date
    auto_renew: bool = False
    status: ContractStatus = Field(default=ContractStatus.active, sa_type=String(20))


class Invoice(SQLModel, table=True):
    """An amount billed to a client. `paid_on` is derived by payment allocation (see allocation.py):
    the date of the payment that brought the outstanding to zero, NULL while anything is open."""

    __tablename__ = "invoice"
    __table_args__ = (
        Index("ix_invoice_open", "paid_on", "due_on", "client_id"),
        Index("ix_invoice_client_due", "client_id", "due_on", "paid_on"),  # paid_on: covers credit ratings
        Index("ix_invoice_issued", "issued_on", "client_id", "amount_cents"),
        Index("ix_invoice_due", "due_on", "client_id", "paid_on"),
        Index("ix_invoice_client_issued", "client_id", "issued_on", "amount_cents"),  # revenue per client
        Index("ix_invoice_open_now", "due_on", "client_id", "issued_on", "open_cents",  # domain/open_amounts.py
              sqlite_where=text("open_cents > 0"), postgresql_where=text("open_cents > 0")),
        Index("ix_invoice_disputed", "client_id", "due_on", "paid_on",  # the few disputed: domain/facts/holds.py
              sqlite_where=text("disputed IS 1"), postgresql_where=text("disputed IS true")),
    )
    id: int | None = Field(default=None, primary_key=True)
    invoice_no: str = Field(index=True, unique=True, max_length=100)
    client_id: int = Field(foreign_key="client.id")
    contract_id: int | None = Field(default=None, foreign_key="contract.id")
    issued_on: date
    due_on: date
    amount_cents: int = Field(sa_column=cents_column())
    paid_on: date | None = None
    # amount − Σ every allocation (domain/open_amounts.py); a new row starts fully open
    open_cents: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=False, default=_open_default))
    disputed: bool = Field(default=False)  # 有异议: left out of dunning until resolved (semantics.md)
    dispute_note: str | None = Field(default=None, max_length=500)


class Payment(SQLModel, table=True):
    __tablename__ = "payment"
    __table_args__ = (Index("ix_payment_client_date", "client_id", "paid_on", "seq"),
                      Index("ix_payment_date", "paid_on", "client_id", "amount_cents"))
    id: int | None = Field(default=None, primary_key=True)
    row_key: str = Field(index=True, unique=True, max_length=300)
    client_id: int = Field(foreign_key="client.id")
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id", index=True)
    paid_on: date
    amount_cents: int = Field(sa_column=cents_column())
    method: str | None = Field(default=None, max_length=50)
    reference: str | None = Field(default=None, max_length=100)
    seq: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class Allocation(SQLModel, table=True):
    """How much of a payment went to an invoice; `paid_on` is copied from the payment so that
    "allocated as of D" is an indexed range sum."""

    __tablename__ = "allocation"
    __table_args__ = (Index("ix_allocation_invoice_date", "invoice_id", "paid_on", "amount_cents"),
                      Index("ix_allocation_date", "paid_on"))  # domain/open_amounts.current_is_exact
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id")
    paid_on: date
    amount_cents: int = Field(sa_column=cents_column())


class DocumentRequest(SQLModel, table=True):
    __tablename__ = "document_request"
    __table_args__ = (
        UniqueConstraint("client_id", "period", "item", name="uq_document_client_period_item"),
        Index("ix_document_status_due", "status", "due_on", "client_id"),
        Index("ix_document_period", "period", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    period: str = Field(max_length=7)
    item: str = Field(max_length=100)
    due_on: date
    status: DocumentStatus = Field(default=DocumentStatus.pending, sa_type=String(20))
    chase_count: int = 0
    last_chased_on: date | None = None  # the day the bot last chased it (bot/jobs/documents.py): counted once a day
    received_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class PromiseStatus(StrEnum):
    open = "open"  # dunning paused through promised_by
    kept = "kept"
    broken = "broken"  # checked the morning after promised_by; dunning resumed, owner told once
    replaced = "replaced"  # a newer promise took its place


class PaymentPromise(SQLModel, table=True):
    """承诺付款 (semantics.md, "Promises and disputes"): a client said it will pay by `promised_by`."""

    __tablename__ = "payment_promise"
    __table_args__ = (
        UniqueConstraint("client_id", "made_on", name="uq_payment_promise_client_made"),
        Index("ix_payment_promise_status", "status", "promised_by", "client_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    made_on: date
    promised_by: date
    amount_cents: int | None = Field(default=None, sa_column=cents_column(nullable=True))
    status: PromiseStatus = Field(default=PromiseStatus.open, sa_type=String(20))
    checked_on: date | None = None
    owner_notified: bool = False


class ServiceLog(SQLModel, table=True):
    __tablename__ = "service_log"
    __table_args__ = (Index("ix_service_log_date", "date", "client_id"),
                      Index("ix_service_log_client_staff", "client_id", "staff_id", "date", "hours"))  # cost
    id: int | None = Field(default=None, primary_key=True)
    row_key: str = Field(index=True, unique=True, max_length=300)
    client_id: int = Field(foreign_key="client.id", index=True)
    staff_id: int = Field(foreign_key="staff.id")
    date: date
    description: str | None = Field(default=None, max_length=500)
    hours: Decimal = Field(sa_column=Column(Numeric(8, 2), nullable=False))


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_client_date", "client_id", "date"),)
    id: int | None = Field(default=None, primary_key=True)
    row_key: str = Field(index=True, unique=True, max_length=300)
    client_id: int = Field(foreign_key="client.id")
    date: date
    channel: str | None = Field(default=None, max_length=50)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    summary: str | None = Field(default=None, max_length=1000)


class Feedback(SQLModel, table=True):
    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_date", "date", "score", "client_id"),)
    id: int | None = Field(default=None, primary_key=True)
    row_key: str = Field(index=True, unique=True, max_length=300)
    client_id: int = Field(foreign_key="client.id", index=True)
    date: date
    score: int
    comment: str | None = Field(default=None, max_length=1000)


class TaxObligation(SQLModel, table=True):
    __tablename__ = "tax_obligation"
    __table_args__ = (
        UniqueConstraint("client_id", "tax", name="uq_tax_obligation_client_tax"),
        Index("ix_tax_obligation_tax", "tax", "frequency", "client_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    tax: str = Field(max_length=50)
    frequency: Frequency = Field(sa_type=String(20))


class ChatIdentity(SQLModel, table=True):
    """A platform user bound to a staff member or a client contact (`zhangfang bind`, or the id columns of the
    staff and contacts sheets): the one place chat users are resolved through (domain/identities.py)."""

    __tablename__ = "chat_identity"
    __table_args__ = (
        UniqueConstraint("platform", "user_id", name="uq_chat_identity"),
        Index("ix_chat_identity_staff", "staff_id", "platform"),
        Index("ix_chat_identity_contact", "contact_id", "platform"),
    )
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=20)
    user_id: str = Field(max_length=200)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ChatBinding(SQLModel, table=True):
    """A group chat bound to a client, so that reminders for that client go there."""

    __tablename__ = "chat_binding"
    __table_args__ = (UniqueConstraint("platform", "chat_id", name="uq_chat_binding"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=20)
    chat_id: str = Field(max_length=200)
    client_id: int = Field(foreign_key="client.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ClientHealthMark(SQLModel, table=True):
    """A client's health score as of the last morning run (bot/jobs/health.py), to alert on a drop once."""

    __tablename__ = "client_health_mark"
    client_id: int = Field(foreign_key="client.id", primary_key=True)
    checked_on: date
    score: int
    penalties: str = Field(default="", max_length=200)  # "credit=25;overdue=10;…" (the penalties that made it)
    overdue_cents: int = Field(default=0, sa_column=cents_column())
