"""Staff ask what a client sent: "明远贸易10月交了哪些资料" / "what files did 明远 send in October" → the files,
each with what it was matched to, who sent it, and a signed, expiring link (bot/files/links.py) — only for clients
the asker may see."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.answer import plain_reply
from bot.files.links import LinkSigner
from bot.reply import Reply
from bot.texts import Locale, t
from bot.understand.text import Scan, normalize
from domain.files.models import ClientFile
from domain.models import Client, DocumentRequest
from domain.queries import Intent
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.answer import Answerer
    from bot.bootstrap import App

_SENT = r"(?:交(?!接)|发(?!票)|传|给|收到)(?:了|来|过)?"
_PAPERS = "(资料|文件|单据|材料)"
ASKED = re.compile(rf"{_SENT}的?.{{0,4}}(哪些|什么|几份|多少).{{0,2}}{_PAPERS}|{_SENT}的{_PAPERS}|"
                   r"(资料|文件)(有哪些|清单|记录)|(?<![a-z])(?:files?|documents?)\b.*\b(?:sent|sent in|received|"
                   r"uploaded)|(?:what|which) (?:files|documents)")
MONTH_ZH = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*月")
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
LIMIT = 30
# A question names what it asks (哪些/什么/几份/多少) or the sent files ("交来的资料"); a statement is an action:
# "明远贸易 11月 资料交接 等客户资料" a workflow move, "明远贸易10月进项发票资料收到了" documents received.


def files_question(app: App, answerer: Answerer, viewer: Viewer, text: str) -> Reply | None:
    normal = normalize(text)
    if viewer.is_contact or viewer.staff_id is None or not ASKED.search(normal):
        return None
    with app.session() as session:
        scan = Scan(normal)
        answerer.index(session).scan_terms(scan)
        ids = _named_clients(scan, session, viewer)
    locale: Locale = "en" if all(ch.isascii() for ch in text if ch.isalpha()) else "zh"
    if len(ids) != 1:
        return None  # no client, or several: the other routes answer (or ask back)
    period = _month(normal, app.today())
    return _listing(app, viewer, ids[0], period, locale)


def _named_clients(scan: Scan, session: Session, viewer: Viewer) -> list[int]:
    best: dict[int, int] = {}
    for hit in scan.hits:
        for client_id, strength in getattr(hit.value, "clients", ()) or ():
            best[client_id] = max(best.get(client_id, 0), strength)
    if not best:
        return []
    top = max(best.values())
    chosen = [cid for cid, strength in best.items() if strength == top]
    owners = dict(session.execute(select(Client.id, Client.owner_id).where(Client.id.in_(chosen))).all())
    return [cid for cid in chosen if cid in owners and viewer.sees_owner(owners[cid])]


def _month(text: str, today: date) -> str | None:
    found = MONTH_ZH.search(text)
    month = int(found.group(1)) if found else next((n for n, name in enumerate(MONTHS_EN, 1) if name in text), None)
    if month is None:
        return None
    year = today.year if month <= today.month else today.year - 1
    return f"{year}-{month:02d}"


def _listing(app: App, viewer: Viewer, client_id: int, period: str | None, locale: Locale) -> Reply:
    signer = LinkSigner.from_settings(app.settings)
    now = app.clock.now()
    with app.session() as session:
        client = session.get(Client, client_id)
        assert client is not None
        stmt = (select(ClientFile, DocumentRequest.item).outerjoin(
            DocumentRequest, DocumentRequest.id == ClientFile.document_request_id)
            .where(ClientFile.client_id == client_id, ClientFile.sha256.is_not(None)))
        if period is not None:
            start = datetime.combine(date.fromisoformat(period + "-01"), time(), tzinfo=app.settings.tz)
            end = (start + timedelta(days=32)).replace(day=1)
            stmt = stmt.where(or_(ClientFile.period == period,
                                  (ClientFile.received_at >= start) & (ClientFile.received_at < end)))
        rows = session.execute(stmt.order_by(ClientFile.received_at.desc(), ClientFile.id.desc())
                               .limit(LIMIT)).all()
    label = period or t(locale, "clients_chat.staff.all_periods")
    if not rows:
        return plain_reply(Intent.my_documents, t(locale, "clients_chat.staff.none", client=client.name,
                                                  period=label), locale)
    lines = [t(locale, "clients_chat.staff.head", client=client.name, period=label, count=len(rows))]
    for row, item in rows:
        when = row.received_at.astimezone(app.settings.tz).strftime("%Y-%m-%d %H:%M")
        what = f"{row.period} {item}" if item else t(locale, f"clients_chat.staff.status.{row.status}")
        link = signer.link(row.id, viewer.staff_id or 0, now) if signer else ""
        lines.append(t(locale, "clients_chat.staff.line", when=when, name=row.original_name, what=what,
                       sender=row.sender, link=link).rstrip())
    lines.append(t(locale, "clients_chat.staff.links", minutes=signer.minutes) if signer
                 else t(locale, "clients_chat.staff.no_links"))
    return plain_reply(Intent.my_documents, "\n".join(lines), locale)
