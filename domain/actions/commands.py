"""What staff (and clients) can change from chat, as data — the write-side twin of `domain.queries.Query`.

Understanding (bot/understand/actions) turns a sentence into one of these commands with every target resolved to
an id within the asker's scope, or asks back; the domain checks a command (a preview old → new, or a refusal
with a reason) and applies it in one transaction (domain/actions/handlers). Amounts are `Decimal` yuan, dates
are the firm's dates. A field left `None` means "not said": the handler applies the default of actions.md
(e.g. today for a payment's date) or refuses with `needs_input` when the part is required.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from domain.models import ClientStatus, ServiceType, Tier


class _Command(BaseModel):
    model_config = {"frozen": True}


class LogInteraction(_Command):
    kind: Literal["log_interaction"] = "log_interaction"
    client_id: int
    on: date | None = None  # default today
    channel: str | None = None  # 电话 / 微信 / 邮件 / 面谈 / 其他 (as imported channels are stored)
    summary: str = ""


class RecordPayment(_Command):
    kind: Literal["record_payment"] = "record_payment"
    client_id: int
    amount: Decimal | None = None  # None with an invoice: that invoice's outstanding amount; None alone: ask
    on: date | None = None  # default today
    method: str | None = None  # 银行转账 / 微信 / 支付宝 / 现金 …
    invoice_id: int | None = None
    reference: str | None = None


class MarkDocumentsReceived(_Command):
    kind: Literal["mark_documents_received"] = "mark_documents_received"
    client_id: int
    period: str | None = None  # "2026-10"; None: the only period with pending items, else ask back
    items: tuple[str, ...] = ()  # empty: every pending item of the period ("都齐了")


class RequestDocuments(_Command):
    kind: Literal["request_documents"] = "request_documents"
    client_id: int
    period: str | None = None  # None: the client's pending items (oldest period first)
    items: tuple[str, ...] = ()  # empty: every pending item of the period; a new item is requested first
    due_on: date | None = None  # for a newly created request; default today + a setting (3 days)


class RenewContract(_Command):
    kind: Literal["renew_contract"] = "renew_contract"
    contract_id: int | None = None  # named by number, or the client's only renewable contract of the service
    client_id: int | None = None
    service_type: ServiceType | None = None
    amount: Decimal | None = None  # default: the old contract's amount
    months: int | None = None  # default 12


class UpdateClient(_Command):
    kind: Literal["update_client"] = "update_client"
    client_id: int
    tier: Tier | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    owner_id: int | None = None
    status: ClientStatus | None = None


class PromiseToPay(_Command):
    kind: Literal["promise_to_pay"] = "promise_to_pay"
    client_id: int
    promised_by: date
    amount: Decimal | None = None


class DisputeInvoice(_Command):
    kind: Literal["dispute_invoice"] = "dispute_invoice"
    client_id: int
    invoice_ids: tuple[int, ...] = ()  # named invoices; empty with a period: the client's invoices issued then
    period: str | None = None  # "2026-10"
    resolve: bool = False  # "异议已解决"
    note: str | None = None


class RecordFeedback(_Command):
    kind: Literal["record_feedback"] = "record_feedback"
    client_id: int
    score: int = Field(ge=1, le=5)
    comment: str | None = None


class Undo(_Command):
    kind: Literal["undo"] = "undo"


Command = Annotated[
    LogInteraction | RecordPayment | MarkDocumentsReceived | RequestDocuments | RenewContract | UpdateClient
    | PromiseToPay | DisputeInvoice | RecordFeedback | Undo,
    Field(discriminator="kind"),
]
