"""A message from a client (a bound contact, or anyone in a group bound to a client) → what it does and the one
reply the client gets. Order: the client's pick of a document item (button or number); files and pictures; a
payment claim; a promise; a dispute; a question (answered within the client's own company, as before); anything
else is passed to the owner with the client's words."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.answer import plain_reply
from bot.clients import documents
from bot.clients.documents import PREFIX, Outcome, client_name, owner_name, still_missing, tell_owner_about
from bot.clients.matching import match
from bot.clients.notices import tell_owner
from bot.clients.words import amount, is_dispute, is_paid_claim, is_promise, language
from bot.messages import IncomingMessage
from bot.reply import Action, Reply
from bot.texts import Locale, t
from domain.actions.base import Actor, Refusal
from domain.actions.commands import DisputeInvoice, PromiseToPay
from domain.actions.handle import apply
from domain.actions.handlers.invoices import outstanding_by_invoice
from domain.files.models import ClientFile
from domain.models import Invoice
from domain.money import cents_to_float, to_cents
from domain.queries import Intent
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

ASK_WINDOW = timedelta(days=3)
PICTURE_WINDOW = timedelta(minutes=30)


def client_reply(app: App, viewer: Viewer, message: IncomingMessage) -> Reply | None:
    """The reply to a client's message; None for a button this desk does not own ("show more" …): the
    question routes answer those as before."""
    if message.action and not message.action.startswith(PREFIX):
        return None
    text = (message.text or "").strip()
    locale: Locale = language(text) if text else app.settings.locale  # type: ignore[assignment]
    if message.action and message.action.startswith(PREFIX + "pick:"):
        return picked(app, viewer, message.action.removeprefix(PREFIX + "pick:"), message.platform, locale)
    if text.isdigit() and not message.attachments:
        reply = picked_by_number(app, viewer, int(text), message.platform, locale)
        if reply is not None:
            return reply
    if message.attachments:
        from bot.clients.intake import receive

        files = receive(app, viewer, message)
        if text and is_paid_claim(text):
            return paid_claim(app, viewer, text, files, locale)
        return files_reply(app, viewer, files, message.platform, locale)
    if not text:
        return plain_reply(Intent.help, t(locale, "clients_chat.empty"), locale)
    if is_paid_claim(text) and not is_promise(text, app.today()):
        return paid_claim(app, viewer, text, [], locale)
    day = is_promise(text, app.today())
    if day is not None:
        return promised(app, viewer, text, day, message.platform, locale)
    if is_dispute(text):
        return disputed(app, viewer, text, message.platform, locale)
    return question_or_note(app, viewer, text, message.platform, locale)


# -- files ---------------------------------------------------------------------------------------------------------
def files_reply(app: App, viewer: Viewer, files: list[ClientFile], via: str, locale: Locale) -> Reply:
    out = documents.place(app, viewer, files, via, locale)
    tell_owner_about(app, viewer, out)
    return _acknowledge(app, viewer, out, locale)


def _acknowledge(app: App, viewer: Viewer, out: Outcome, locale: Locale) -> Reply:
    client_id = viewer.client_id or 0
    lines, actions = [], []
    limit_mb = max(1, app.settings.files_max_bytes // (1024 * 1024))
    for row in out.refused:
        lines.append(t(locale, f"clients_chat.refused.{row.reason or 'download'}", name=row.original_name,
                       limit=limit_mb))
    if out.received:
        items = "、".join(f"{req.period} {req.item}" for _, req in out.received)
        lines.append(t(locale, "clients_chat.received", items=items))
        for period in sorted({req.period for _, req in out.received}):
            lines.append(still_missing(app, client_id, period, locale))
    if out.unmatched:
        names = "、".join(f"《{row.original_name}》" for row in out.unmatched)
        lines.append(t(locale, "clients_chat.kept", names=names, owner=owner_name(app, client_id)))
    if out.ask is not None:
        row, candidates = out.ask
        lines.append(t(locale, "clients_chat.ask", name=row.original_name))
        lines += [f"{n}. {req.period} {req.item}" for n, req in enumerate(candidates, 1)]
        lines.append(t(locale, "clients_chat.ask_hint", none=len(candidates) + 1))
        actions = [Action(label=f"{req.period} {req.item}", value=f"{PREFIX}pick:{row.id}:{req.id}")
                   for req in candidates[:5]]
        actions.append(Action(label=t(locale, "clients_chat.none_of_them"), value=f"{PREFIX}pick:{row.id}:0"))
    return plain_reply(Intent.my_documents, "\n".join(lines) or t(locale, "clients_chat.empty"), locale,
                       actions=actions)


def picked(app: App, viewer: Viewer, value: str, via: str, locale: Locale) -> Reply:
    file_part, _, request_part = value.partition(":")
    if not (file_part.isdigit() and request_part.isdigit()):
        return plain_reply(Intent.unknown, t(locale, "clients_chat.pick_stale"), locale)
    with app.session() as session:
        row = session.get(ClientFile, int(file_part))
    if row is None or row.client_id != viewer.client_id or row.status != "asked":
        return plain_reply(Intent.unknown, t(locale, "clients_chat.pick_stale"), locale)
    return _complete(app, viewer, row, int(request_part), via, locale)


def picked_by_number(app: App, viewer: Viewer, number: int, via: str, locale: Locale) -> Reply | None:
    """"2" after a question about a file: the second item offered (the last number: none of them)."""
    since = app.clock.now() - ASK_WINDOW
    with app.session() as session:
        row = session.execute(select(ClientFile).where(
            ClientFile.client_id == viewer.client_id, ClientFile.status == "asked", ClientFile.received_at >= since)
            .order_by(ClientFile.received_at.desc(), ClientFile.id.desc()).limit(1)).scalar_one_or_none()
        if row is None:
            return None
        candidates = match(f"{row.original_name} {row.words}", documents.pending(session, row.client_id)).candidates
    if not 1 <= number <= len(candidates) + 1:
        return None
    request_id = candidates[number - 1].id if number <= len(candidates) else 0
    return _complete(app, viewer, row, request_id or 0, via, locale)


def _complete(app: App, viewer: Viewer, row: ClientFile, request_id: int, via: str, locale: Locale) -> Reply:
    out = Outcome()
    if request_id == 0:
        documents.set_file(app, row.id, status="stored")
        out.unmatched.append(row)
    elif documents.mark(app, viewer, row, request_id, via):
        with app.session() as session:
            from domain.models import DocumentRequest

            request = session.get(DocumentRequest, request_id)
        assert request is not None
        out.received.append((row, request))
    else:
        return plain_reply(Intent.unknown, t(locale, "clients_chat.pick_stale"), locale)
    tell_owner_about(app, viewer, out)
    return _acknowledge(app, viewer, out, locale)


# -- money words ---------------------------------------------------------------------------------------------------
def paid_claim(app: App, viewer: Viewer, text: str, files: list[ClientFile], locale: Locale) -> Reply:
    """A card for the owner: "明远贸易说已付款 ¥5,000" with the picture, and 确认收款 (bot/clients/staff.py)."""
    client_id = viewer.client_id or 0
    said = amount(text)
    with app.session() as session:
        left = sum(v for v in outstanding_by_invoice(session, client_id).values() if v > 0)
    cents = to_cents(said) if said is not None else left
    pictures = [row for row in files if row.sha256] or _recent_pictures(app, client_id)
    claim = uuid.uuid4().hex[:12]
    file_id = pictures[0].id if pictures else 0
    name = client_name(app, client_id)
    firm: Locale = app.settings.locale  # the owner reads the firm's language
    line = t(firm, "clients_chat.owner.paid_claim", client=name, sender=viewer.name,
             amount=_money(app, cents), words=text[:200])
    if pictures:
        line += "\n" + t(firm, "clients_chat.owner.with_picture", names="、".join(r.original_name for r in pictures))
    button = Action(label=t(firm, "clients_chat.owner.confirm_payment"),
                    value=f"{PREFIX}pay:{client_id}:{cents}:{file_id}:{claim}")
    if cents > 0:
        tell_owner(app, client_id, line, firm, button)
    else:
        tell_owner(app, client_id, line, firm)
    for row in pictures:
        documents.set_file(app, row.id, status="payment")  # the screenshot of the transfer, not a document
    return plain_reply(Intent.my_invoices, t(locale, "clients_chat.paid_thanks", owner=owner_name(app, client_id)),
                       locale)


def _recent_pictures(app: App, client_id: int) -> list[ClientFile]:
    """A screenshot sent just before "已付款" (WeCom and DingTalk carry a picture and words as two messages)."""
    since = app.clock.now() - PICTURE_WINDOW
    with app.session() as session:
        return list(session.execute(select(ClientFile).where(
            ClientFile.client_id == client_id, ClientFile.family == "image", ClientFile.received_at >= since,
            ClientFile.status.in_(("stored", "asked")), ClientFile.sha256.is_not(None))
            .order_by(ClientFile.id.desc()).limit(1)).scalars())


def promised(app: App, viewer: Viewer, text: str, day: date, via: str, locale: Locale) -> Reply:
    client_id = viewer.client_id or 0
    command = PromiseToPay(client_id=client_id, promised_by=day, amount=amount(text))
    with app.session() as session:
        done = apply(session, Actor(viewer, via, app.today(), app.clock.now()), command)
    if isinstance(done, Refusal):
        return question_or_note(app, viewer, text, via, locale)
    _tell(app, viewer, "promise", day=day.isoformat(), words=text[:200])
    return plain_reply(Intent.my_invoices, t(locale, "clients_chat.promise_noted", day=day.isoformat()), locale)


def disputed(app: App, viewer: Viewer, text: str, via: str, locale: Locale) -> Reply:
    """The invoices the client was reminded of: unpaid and past due (else every unpaid one)."""
    client_id = viewer.client_id or 0
    today = app.today()
    with app.session() as session:
        left = outstanding_by_invoice(session, client_id)
        open_ids = [i for i, cents in left.items() if cents > 0]
        rows = session.execute(select(Invoice.id, Invoice.due_on).where(Invoice.id.in_(open_ids or [0]))).all()
        reminded = tuple(sorted(i for i, due in rows if due < today)) or tuple(sorted(open_ids))
    if not reminded:
        return question_or_note(app, viewer, text, via, locale)
    command = DisputeInvoice(client_id=client_id, invoice_ids=reminded, note=text[:200])
    with app.session() as session:
        done = apply(session, Actor(viewer, via, today, app.clock.now()), command)
        numbers = [n for (n,) in session.execute(select(Invoice.invoice_no).where(Invoice.id.in_(reminded)))]
    if isinstance(done, Refusal):
        return question_or_note(app, viewer, text, via, locale)
    _tell(app, viewer, "dispute", invoices="、".join(numbers), words=text[:200])
    return plain_reply(Intent.my_invoices, t(locale, "clients_chat.dispute_noted", owner=owner_name(app, client_id)),
                       locale)


def question_or_note(app: App, viewer: Viewer, text: str, via: str, locale: Locale) -> Reply:
    from bot.conversation import answerer

    reply = answerer(app).answer(viewer, text, via=via)
    if reply.intent != Intent.unknown.value:
        return reply
    client_id = viewer.client_id or 0
    _tell(app, viewer, "note", words=text[:500])
    return plain_reply(Intent.unknown, t(locale, "clients_chat.passed_on", owner=owner_name(app, client_id)), locale)


def _tell(app: App, viewer: Viewer, key: str, **values: object) -> None:
    """A line for the client's owner, in the firm's language (the client may write in another)."""
    client_id = viewer.client_id or 0
    firm: Locale = app.settings.locale
    line = t(firm, f"clients_chat.owner.{key}", client=client_name(app, client_id), sender=viewer.name, **values)
    tell_owner(app, client_id, line, firm)


def _money(app: App, cents: int) -> str:
    from bot.format import money

    return money(cents_to_float(cents), app.settings.currency_symbol)
