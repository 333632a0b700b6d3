"""Shared by the client-reply tests: files as the bytes clients send, and the small firm's contact client with
pending document requests for 2026-10 (due Monday 2026-11-16, so that the chaser's after-7 step is 2026-11-23)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from sqlalchemy import select

from bot.bootstrap import App
from domain.files.models import ClientFile
from domain.models import Client, DocumentRequest, DocumentStatus
from tests.bot.jobs.support import SHANGHAI

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"bank statement lines\n" * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200
EXE = b"MZ\x90\x00" + b"\x00" * 300
ITEMS = ("银行对账单", "进项发票", "工资表")
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=SHANGHAI)


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def add_requests(app: App, client_name: str, period: str = "2026-10", items: tuple[str, ...] = ITEMS) -> int:
    with app.session() as session:
        client_id = session.execute(select(Client.id).where(Client.name == client_name)).scalar_one()
        for item in items:
            session.add(DocumentRequest(client_id=client_id, period=period, item=item, due_on=date(2026, 11, 16)))
    return client_id


def statuses(app: App, client_id: int) -> dict[str, str]:
    with app.session() as session:
        rows = session.execute(select(DocumentRequest).where(DocumentRequest.client_id == client_id)).scalars()
        return {r.item: str(r.status.value if isinstance(r.status, DocumentStatus) else r.status) for r in rows}


def files(app: App) -> list[ClientFile]:
    with app.session() as session:
        return list(session.execute(select(ClientFile).order_by(ClientFile.id)).scalars())
