"""GET /files/{id}?staff&exp&sig — a client's file for a staff member who may see that client (bot/files/links.py).
Every refusal is a bare 403 (bad or expired signature, a staff member who may not see the client, an unknown file);
a file whose bytes are gone is a 404."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.files.links import LinkSigner
from bot.files.registry import file_store
from bot.files.store import StoreError
from domain.files.models import ClientFile
from domain.models import Client, Staff
from domain.scope import viewer_for_staff

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)


def file_routes(app: App) -> list[Route]:
    signer = LinkSigner.from_settings(app.settings)
    if signer is None:
        return []

    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(serve_file, app, signer, request.path_params["file_id"],
                                       dict(request.query_params))

    return [Route("/files/{file_id:int}", endpoint, methods=["GET"])]


def serve_file(app: App, signer: LinkSigner, file_id: int, params: dict[str, str]) -> Response:
    staff_id = signer.valid(file_id, params.get("staff", ""), params.get("exp", ""), params.get("sig", ""),
                            app.clock.now())
    if staff_id is None:
        return Response(status_code=403)
    with app.session() as session:
        row = session.get(ClientFile, file_id)
        staff = session.get(Staff, staff_id)
        client = session.get(Client, row.client_id) if row is not None else None
        allowed = bool(row and staff and client and row.sha256 and
                       viewer_for_staff(session, staff).sees_owner(client.owner_id))
    if not allowed or row is None or row.sha256 is None:
        return Response(status_code=403)
    try:
        data = file_store(app).get(row.sha256)
    except StoreError:
        log.error("file %s: bytes missing from the store", file_id)
        return Response(status_code=404)
    disposition = f"attachment; filename=\"file\"; filename*=UTF-8''{quote(row.original_name)}"
    return Response(data, media_type=row.content_type or "application/octet-stream",
                    headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
                             "Cache-Control": "private, no-store"})
