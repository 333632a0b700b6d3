"""Money actions: a payment received (收到明远贸易转账5000元), a promise to pay (说下周三付款), a dispute (有异议)."""

from __future__ import annotations

import re

from bot.understand.actions.common import amount_of, ask, done, leftover, one_day, relay
from bot.understand.actions.reading import Said
from bot.understand.actions.result import ActionUnderstood, NeedsInput
from bot.understand.actions.targets import open_invoices, pick_client, resolve_codes
from bot.understand.actions.words import METHOD, METHODS, RESOLVE
from domain.actions.commands import DisputeInvoice, PromiseToPay, RecordPayment


def method_of(text: str) -> str | None:
    match = METHOD.search(text)
    if match is None:
        return None
    return next(METHODS[name] for name, value in match.groupdict().items() if value)


def record_payment(said: Said) -> ActionUnderstood:
    intent = "record_payment"
    coded = resolve_codes(said)
    amount = amount_of(said)
    on = one_day(said, "past")
    method = method_of(said.text)
    client = pick_client(said, intent, coded)
    parts = {"on": on, "method": method, "amount": amount if not isinstance(amount, tuple) else None}
    if isinstance(client, NeedsInput):
        return relay(said, client, **parts)
    if coded.unknown or len(coded.invoices) > 1 or any(cid != client for _, cid, _ in coded.invoices):
        return ask(said, intent, "missing_part", "invoice", client_id=client, not_found=coded.unknown, **parts)
    invoice = coded.invoices[0][0] if coded.invoices else None
    if isinstance(amount, tuple):
        return ask(said, intent, "ambiguous_target", "amount", [(f"¥{a:,.2f}", str(a)) for a in amount],
                   client_id=client, invoice_id=invoice, on=on, method=method)
    if amount is None and invoice is None:
        return ask(said, intent, "missing_part", "amount", client_id=client, **parts)
    return done(said, RecordPayment(client_id=client, amount=amount, on=on, method=method, invoice_id=invoice))


def promise_to_pay(said: Said) -> ActionUnderstood:
    intent = "promise_to_pay"
    amount = amount_of(said)
    amount = None if isinstance(amount, tuple) else amount
    by = one_day(said, "future", periods_end=True)
    client = pick_client(said, intent, resolve_codes(said))
    if isinstance(client, NeedsInput):
        return relay(said, client, promised_by=by, amount=amount)
    if by is None:
        return ask(said, intent, "missing_part", "date", client_id=client, amount=amount)
    return done(said, PromiseToPay(client_id=client, promised_by=by, amount=amount))


def dispute_invoice(said: Said) -> ActionUnderstood:
    intent = "dispute_invoice"
    coded = resolve_codes(said)
    resolved = bool(RESOLVE.search(said.text))
    month = said.month()
    client = pick_client(said, intent, coded)
    if isinstance(client, NeedsInput):
        return relay(said, client, resolve=resolved)
    if coded.unknown or any(cid != client for _, cid, _ in coded.invoices):
        return ask(said, intent, "missing_part", "invoice", client_id=client, not_found=coded.unknown,
                   resolve=resolved)
    note = _note(said) if not resolved else None
    invoices = tuple(iid for iid, _, _ in coded.invoices)
    if month is False:
        return ask(said, intent, "missing_part", "period", client_id=client, resolve=resolved)
    if not invoices and month is None:
        candidates = [(number, str(iid)) for iid, number, disputed in open_invoices(said, client)
                      if disputed == resolved]
        if len(candidates) != 1:
            kind = "ambiguous_target" if candidates else "missing_part"
            return ask(said, intent, kind, "invoice", candidates, client_id=client, resolve=resolved, note=note)
        invoices = (int(candidates[0][1]),)
    return done(said, DisputeInvoice(client_id=client, invoice_ids=invoices, period=month or None, resolve=resolved,
                                     note=note))


NOTE_NOISE = re.compile(r"客户|提出|有异议|异议|有争议|争议|对(?=\S{0,4}账单)|的账单|账单|说"
                        r"|(?<![a-z])(?:client|customer|disputes?|disputed|disputing|the|invoice|bill)(?![a-z])",
                        re.IGNORECASE)


def _note(said: Said) -> str | None:
    """What the client objects to ("金额不对"), when said beyond the word 异议 itself."""
    text = NOTE_NOISE.sub(" ", leftover(said, kinds=("client_name", "day", "code", "period")))
    text = re.sub(r"[\s,，:：;；.。、]+", " ", text).strip()
    return text if len(text) >= 2 else None
