"""Facts about the files clients sent: the latest ones of a client (the profile card), and how many were received
(matched to a document request) in a time window (the morning digest)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.files.models import ClientFile
from domain.models import Client, DocumentRequest
from domain.scope import Viewer

LATEST = 5


def latest_files(session: Session, client_id: int, limit: int = LATEST) -> list[dict[str, Any]]:
    rows = session.execute(
        select(ClientFile.received_at, ClientFile.original_name, ClientFile.status, DocumentRequest.period,
               DocumentRequest.item)
        .outerjoin(DocumentRequest, DocumentRequest.id == ClientFile.document_request_id)
        .where(ClientFile.client_id == client_id, ClientFile.sha256.is_not(None))
        .order_by(ClientFile.received_at.desc(), ClientFile.id.desc()).limit(limit)).all()
    return [{"received_at": at, "name": name, "status": status, "period": period, "item": item}
            for at, name, status, period, item in rows]


def documents_received(session: Session, viewer: Viewer, since: datetime, until: datetime) -> int:
    """Files matched to a document request and received in [since, until), on clients the viewer may see."""
    stmt = (select(func.count()).select_from(ClientFile).join(Client, Client.id == ClientFile.client_id)
            .where(ClientFile.status == "matched", ClientFile.received_at >= since, ClientFile.received_at < until,
                   viewer.client_condition(ClientFile.client_id, Client.owner_id)))
    return int(session.execute(stmt).scalar_one())
