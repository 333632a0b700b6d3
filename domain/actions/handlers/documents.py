"""Document requests from chat: mark received (one item, several, or every pending item of a period — "都齐了"),
and chase now (the bot sends the message; here the count goes up and a missing request is created first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.actions.base import Actor, Change, Outcome, Preview, Refusal, visible_client
from domain.actions.commands import MarkDocumentsReceived, RequestDocuments
from domain.generator.calendar_math import add_months
from domain.models import DocumentRequest, DocumentStatus

DEFAULT_DUE_DAYS = 3
PENDING = DocumentStatus.pending.value


def _label(request: DocumentRequest) -> str:
    return f"{request.period} {request.item}"


def _pending(session: Session, client_id: int, period: str | None = None) -> list[DocumentRequest]:
    stmt = select(DocumentRequest).where(DocumentRequest.client_id == client_id, DocumentRequest.status == PENDING)
    if period is not None:
        stmt = stmt.where(DocumentRequest.period == period)
    return list(session.execute(stmt.order_by(DocumentRequest.period, DocumentRequest.item)).scalars())


def _choose_period(session: Session, client_id: int, period: str | None) -> str | Refusal:
    if period is not None:
        return period
    periods = sorted({r.period for r in _pending(session, client_id)})
    if not periods:
        return Refusal("nothing_to_do", {"reason": "no_pending_documents"})
    if len(periods) > 1:
        return Refusal("needs_input", {}, part="period", choices=tuple((p, p) for p in periods))
    return periods[0]


@dataclass(frozen=True)
class _MarkReceived:
    kind: str = "mark_documents_received"

    def check(self, session: Session, actor: Actor, command: MarkDocumentsReceived) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        period = _choose_period(session, client.id, command.period)
        if isinstance(period, Refusal):
            return period
        pending = _pending(session, client.id, period)
        if command.items:
            wanted = set(command.items)
            chosen = [r for r in pending if r.item in wanted]
            missing = sorted(wanted - {r.item for r in chosen})
            if missing:
                received = {r.item for r in session.execute(select(DocumentRequest).where(
                    DocumentRequest.client_id == client.id, DocumentRequest.period == period,
                    DocumentRequest.item.in_(missing))).scalars()}
                code = "nothing_to_do" if received == set(missing) and not chosen else "not_found"
                return Refusal(code, {"reason": "already_received" if received else "no_request",
                                      "items": missing, "period": period, "client": client.name})
        else:
            chosen = pending
        if not chosen:
            return Refusal("nothing_to_do", {"reason": "no_pending_documents", "period": period,
                                             "client": client.name})
        changes = [Change(_label(r), "status", "pending", "received") for r in chosen]
        return Preview(self.kind, client.id, client.name, changes, {"period": period, "ids": [r.id for r in chosen]})

    def apply(self, session: Session, actor: Actor, command: MarkDocumentsReceived) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        undo, records = [], []
        for request_id in preview.notes["ids"]:
            request = session.get(DocumentRequest, request_id)
            assert request is not None
            undo.append({"op": "update", "table": "document_request", "key": {"id": request.id},
                         "values": {"status": PENDING, "received_at": None}})
            records.append(f"document_request:{request.id}")
            request.status, request.received_at = DocumentStatus.received, actor.now  # type: ignore[assignment]
        session.flush()
        return Outcome(preview, records, undo)


@dataclass(frozen=True)
class _RequestDocuments:
    kind: str = "request_documents"

    def check(self, session: Session, actor: Actor, command: RequestDocuments) -> Preview | Refusal:
        client = visible_client(session, actor.viewer, command.client_id)
        if isinstance(client, Refusal):
            return client
        existing, new, period = _chase_targets(session, actor, client.id, command)
        if not existing and not new:
            return Refusal("nothing_to_do", {"reason": "no_pending_documents", "client": client.name})
        due = command.due_on or actor.today + timedelta(days=int(actor.settings.get("document_due_days",
                                                                                      DEFAULT_DUE_DAYS)))
        changes = [Change(f"{period} {item}", "requested", None, due.isoformat()) for item in new]
        changes += [Change(_label(r), "chase_count", r.chase_count, r.chase_count + 1) for r in existing]
        return Preview(self.kind, client.id, client.name, changes,
                       {"period": period, "ids": [r.id for r in existing], "new": new, "due": due.isoformat()})

    def apply(self, session: Session, actor: Actor, command: RequestDocuments) -> Outcome | Refusal:
        preview = self.check(session, actor, command)
        if isinstance(preview, Refusal):
            return preview
        undo, records, chased = [], [], []
        for item in preview.notes["new"]:
            request = DocumentRequest(client_id=preview.client_id, period=preview.notes["period"], item=item,
                                      due_on=date.fromisoformat(preview.notes["due"]))
            session.add(request)
            session.flush()
            undo.append({"op": "delete", "table": "document_request", "key": {"id": request.id}})
            chased.append(request)
        for request_id in preview.notes["ids"]:
            request = session.get(DocumentRequest, request_id)
            assert request is not None
            undo.append({"op": "update", "table": "document_request", "key": {"id": request.id},
                         "values": {"chase_count": request.chase_count, "last_chased_on": request.last_chased_on}})
            chased.append(request)
        for request in chased:
            request.chase_count += 1
            request.last_chased_on = actor.today
            records.append(f"document_request:{request.id}")
        session.flush()
        return Outcome(preview, records, undo, effects=[("chase", [r.id for r in chased])])


def _chase_targets(session: Session, actor: Actor, client_id: int, command: RequestDocuments
                   ) -> tuple[list[DocumentRequest], list[str], str]:
    """(pending requests to chase, items to request first, the period)."""
    pending = _pending(session, client_id, command.period)
    if command.items:
        wanted = set(command.items)
        chosen = [r for r in pending if r.item in wanted]
        periods = sorted({r.period for r in chosen})
        period = command.period or (periods[0] if periods else add_months(actor.today, -1).strftime("%Y-%m"))
        chosen = [r for r in chosen if r.period == period]
        known = {r.item for r in session.execute(select(DocumentRequest).where(
            DocumentRequest.client_id == client_id, DocumentRequest.period == period)).scalars()}
        new = [item for item in command.items if item not in known]
        return chosen, new, period
    periods = sorted({r.period for r in pending})
    if not periods:
        return [], [], command.period or ""
    return [r for r in pending if r.period == periods[0]], [], periods[0]


MARK_RECEIVED = _MarkReceived()
REQUEST_DOCUMENTS = _RequestDocuments()
