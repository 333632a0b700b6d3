"""Command kind → handler: the one table the write path dispatches through (adding an action = one module here)."""

from __future__ import annotations

from domain.actions.base import Handler
from domain.actions.handlers import client, contract, documents, invoices, records


def _table(*handlers: Handler) -> dict[str, Handler]:
    return {handler.kind: handler for handler in handlers}


HANDLERS: dict[str, Handler] = _table(
    records.LOG_INTERACTION, records.RECORD_FEEDBACK, invoices.RECORD_PAYMENT, invoices.PROMISE_TO_PAY,
    invoices.DISPUTE_INVOICE, documents.MARK_RECEIVED, documents.REQUEST_DOCUMENTS, contract.RENEW_CONTRACT,
    client.UPDATE_CLIENT,
)
