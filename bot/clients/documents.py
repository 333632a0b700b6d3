"""A client's files → their pending document requests: a clear match is marked received at once (the
mark_documents_received action, audited with the contact as actor); otherwise the client is asked which item it is
(buttons, or numbers where buttons cannot reach them). One acknowledgement per message, with what is still missing
for the period; the owner hears it in the batched notice, with an undo button for each match."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clients.matching import match
from bot.clients.notices import tell_owner
from bot.reply import Action
from bot.texts import Locale, t
from domain.actions.base import Actor, Refusal
from domain.actions.commands import MarkDocumentsReceived
from domain.actions.handle import apply
from domain.files.models import ClientFile
from domain.models import Client, DocumentRequest, DocumentStatus, Staff
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

PREFIX = "zf:cf:"  # zf:cf:pick:<file id>:<request id, 0 = none of them> · zf:cf:undo:<audit id>


@dataclass
class Outcome:
    received: list[tuple[ClientFile, DocumentRequest]] = field(default_factory=list)
    ask: tuple[ClientFile, list[DocumentRequest]] | None = None
    unmatched: list[ClientFile] = field(default_factory=list)  # kept, no pending request to match
    refused: list[ClientFile] = field(default_factory=list)


def pending(session: Session, client_id: int) -> list[DocumentRequest]:
    return list(session.execute(select(DocumentRequest).where(
        DocumentRequest.client_id == client_id, DocumentRequest.status == DocumentStatus.pending.value)
        .order_by(DocumentRequest.period, DocumentRequest.due_on, DocumentRequest.item)).scalars())


def place(app: App, viewer: Viewer, files: list[ClientFile], via: str, locale: Locale) -> Outcome:
    """Match each newly stored file; ask about the first one that has no clear match (one question at a time)."""
    out = Outcome()
    for row in files:
        if not row.sha256:
            out.refused.append(row)
            continue
        if row.status != "stored":
            continue  # a redelivery: already matched or asked about
        with app.session() as session:
            found = match(f"{row.original_name} {row.words}", pending(session, row.client_id))
        if found.chosen is not None and mark(app, viewer, row, found.chosen.id, via):
            out.received.append((row, found.chosen))
            continue
        if found.candidates and out.ask is None:
            set_file(app, row.id, status="asked", period=found.period)
            out.ask = (row, found.candidates)
        elif not found.candidates:
            out.unmatched.append(row)
    return out


def mark(app: App, viewer: Viewer, row: ClientFile, request_id: int, via: str) -> bool:
    """Mark the request received through the action path (audited, actor = the contact) and link the file."""
    actor = Actor(viewer, via, app.today(), app.clock.now())
    with app.session() as session:
        request = session.get(DocumentRequest, request_id)
        if request is None or request.client_id != row.client_id:
            return False
        command = MarkDocumentsReceived(client_id=row.client_id, period=request.period, items=(request.item,))
        done = apply(session, actor, command)
        if isinstance(done, Refusal):
            return False
        stored = session.get(ClientFile, row.id)
        assert stored is not None
        stored.status, stored.period, stored.document_request_id = "matched", request.period, request.id
        stored.audit_id = done.entry.id
        row.status, row.audit_id = "matched", done.entry.id
    return True


def set_file(app: App, file_id: int | None, **values: object) -> None:
    """Update one file record (its status, period …)."""
    with app.session() as session:
        row = session.get(ClientFile, file_id)
        if row is not None:
            for name, value in values.items():
                setattr(row, name, value)


def owner_name(app: App, client_id: int) -> str:
    with app.session() as session:
        return session.execute(select(Staff.name).join(Client, Client.owner_id == Staff.id)
                               .where(Client.id == client_id)).scalar_one_or_none() or ""


def client_name(app: App, client_id: int) -> str:
    with app.session() as session:
        return session.execute(select(Client.name).where(Client.id == client_id)).scalar_one()


def still_missing(app: App, client_id: int, period: str, locale: Locale) -> str:
    with app.session() as session:
        items = [r.item for r in pending(session, client_id) if r.period == period]
    if items:
        return t(locale, "clients_chat.still_missing", period=period, items="、".join(items))
    return t(locale, "clients_chat.complete", period=period)


def tell_owner_about(app: App, viewer: Viewer, out: Outcome) -> None:
    """The owner's lines, in the firm's language (the client's may differ)."""
    locale: Locale = app.settings.locale
    client_id = viewer.client_id or 0
    names = {"client": client_name(app, client_id), "sender": viewer.name}
    for row, request in out.received:
        undo = Action(label=t(locale, "clients_chat.owner.undo_button", item=request.item),
                      value=f"{PREFIX}undo:{row.audit_id}")
        tell_owner(app, client_id, t(locale, "clients_chat.owner.received", name=row.original_name,
                                     period=request.period, item=request.item, **names), locale, undo)
    if out.ask is not None:
        tell_owner(app, client_id, t(locale, "clients_chat.owner.asked", name=out.ask[0].original_name, **names),
                   locale)
    for row in out.unmatched:
        tell_owner(app, client_id, t(locale, "clients_chat.owner.kept", name=row.original_name, **names), locale)
    for row in out.refused:
        reason = t(locale, f"clients_chat.reasons.{row.reason or 'download'}")
        tell_owner(app, client_id, t(locale, "clients_chat.owner.refused", name=row.original_name, reason=reason,
                                     **names), locale)
