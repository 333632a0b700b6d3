"""What staff do with their clients' messages, from the owner's notice: undo a wrong match (actions.md: an owner
may undo what their clients' messages changed) and confirm a claimed payment (确认收款 → the record_payment action,
audited with the staff member as actor; pressed twice, it records once)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.answer import plain_reply
from bot.clients.documents import PREFIX
from bot.reply import Reply
from bot.texts import Locale, t
from domain.actions.audit import UndoRefused, client_change, undo_entry
from domain.actions.base import Actor, Refusal, visible_client
from domain.actions.commands import RecordPayment
from domain.actions.handle import apply
from domain.files.models import ClientFile
from domain.models import Payment
from domain.money import cents_to_float
from domain.queries import Intent
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App


def staff_action(app: App, viewer: Viewer, action: str, via: str, locale: Locale) -> Reply | None:
    if viewer.is_contact or viewer.staff_id is None or not action.startswith(PREFIX):
        return None
    verb, _, rest = action.removeprefix(PREFIX).partition(":")
    if verb == "undo" and rest.isdigit():
        return undo_client_change(app, viewer, int(rest), via, locale)
    if verb == "pay":
        return confirm_payment(app, viewer, rest, via, locale)
    return None


def undo_client_change(app: App, viewer: Viewer, entry_id: int, via: str, locale: Locale) -> Reply:
    actor = Actor(viewer, via, app.today(), app.clock.now())
    with app.session() as session:
        entry = client_change(session, viewer, entry_id)
        if entry is None:
            return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.undo_refused"), locale)
        result = undo_entry(session, actor, entry)
        if isinstance(result, UndoRefused):
            return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.undo_refused"), locale)
        for row in session.execute(select(ClientFile).where(ClientFile.audit_id == entry_id)).scalars():
            row.status, row.document_request_id = "stored", None
    return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.undone"), locale)


def confirm_payment(app: App, viewer: Viewer, value: str, via: str, locale: Locale) -> Reply:
    parts = value.split(":")
    if len(parts) != 4 or not all(p.isdigit() for p in parts[:3]) or not parts[3].isalnum():
        return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.payment_refused"), locale)
    client_id, cents, file_id, claim = int(parts[0]), int(parts[1]), int(parts[2]), parts[3]
    reference = f"chat-claim:{claim}"[:100]
    actor = Actor(viewer, via, app.today(), app.clock.now())
    with app.session() as session:
        client = visible_client(session, viewer, client_id)
        if isinstance(client, Refusal):
            return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.payment_refused"), locale)
        if session.execute(select(Payment.id).where(Payment.client_id == client_id,
                                                    Payment.reference == reference)).first():
            return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.payment_already"), locale)
        command = RecordPayment(client_id=client_id, amount=Decimal(cents) / 100, method="客户告知",
                                reference=reference)
        done = apply(session, actor, command)
        if isinstance(done, Refusal):
            return plain_reply(Intent.unknown, t(locale, "clients_chat.owner.payment_refused"), locale)
        settles = done.outcome.preview.notes.get("settles") or []
        if file_id:
            row = session.get(ClientFile, file_id)
            if row is not None and row.client_id == client_id:
                row.status = "payment"
    from bot.format import money

    text = t(locale, "clients_chat.owner.payment_recorded", client=client.name,
             amount=money(cents_to_float(cents), app.settings.currency_symbol),
             settles="、".join(settles) or t(locale, "clients_chat.owner.settles_none"))
    return plain_reply(Intent.unknown, text, locale)
