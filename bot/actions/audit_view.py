"""The change log in chat ("明远贸易最近的操作记录"), in `zhangfang audit` and on the profile card: applied actions
and workflow moves, newest first, each with who, when, via, what, old → new — within the reader's scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from bot.actions.render import at, change_lines, kind_name, reply, via_name, when
from bot.reply import Reply
from bot.texts import Locale
from domain.actions.audit import changes_of, recent
from domain.actions.models import AuditEntry
from domain.models import Client
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.bootstrap import App

WORDS = ("操作记录", "修改记录", "改动记录", "变更记录", "操作日志", "修改历史", "change log", "changelog", "audit log",
         "recent changes", "latest changes")
FILLER = re.compile(r"(最近的?|近期的?|有哪些|有什么|的|吗|？|\?|查看|看看|看一下|show|me|the|for|of|recent|latest)",
                    re.IGNORECASE)
SHOWN = 10


@dataclass(frozen=True)
class AuditRequest:
    name: str  # the client as written ("" = every visible client)
    locale: Locale


def audit_request(text: str) -> AuditRequest | None:
    lowered = text.casefold()
    word = next((w for w in WORDS if w in lowered), None)
    if word is None:
        return None
    rest = lowered.replace(word, " ")
    name = FILLER.sub(" ", rest).strip(" ,，。:：")
    return AuditRequest(name.strip(), "en" if word.isascii() else "zh")


def find_clients(session: Any, viewer: Viewer, name: str) -> list[tuple[int, str]]:
    """Visible clients whose name contains `name` or whose short name is it."""
    stmt = select(Client.id, Client.name).where(viewer.client_condition(Client.id, Client.owner_id),
                                                or_(Client.name.contains(name), Client.short_name == name))
    return [(cid, cname) for cid, cname in session.execute(stmt.order_by(Client.name))]


def entry_item(entry: AuditEntry, client: str, locale: Locale, tz: Any) -> dict[str, Any]:
    return {"at": entry.at.isoformat(), "when": when(locale, entry.at, tz), "actor": entry.actor, "via": entry.via,
            "action": entry.kind, "client": client, "changes": changes_of(entry), "undone": entry.undone_at is not None}


def entry_lines(item: dict[str, Any], locale: Locale, symbol: str = "¥") -> list[str]:
    head = at("audit.line", locale, at=item["when"], actor=item["actor"], via=via_name(locale, item["via"]),
              action=kind_name(locale, item["action"], item["changes"]),
              undone=at("audit.undone", locale) if item["undone"] else "")
    if item.get("client"):
        head = f"{head} · {item['client']}"
    return [head, *("  " + line.lstrip("• ") for line in change_lines(locale, item["changes"], symbol))]


def audit_items(app: App, viewer: Viewer, *, client_ids: list[int] | None = None, since: date | None = None,
                limit: int | None = 50, locale: Locale = "zh") -> list[dict[str, Any]]:
    with app.session() as session:
        entries: list[AuditEntry] = []
        for client_id in client_ids or [None]:  # type: ignore[list-item]
            entries += recent(session, viewer, client_id=client_id, since=since, limit=limit)
        entries.sort(key=lambda e: (e.at, e.id), reverse=True)
        names = dict(session.execute(select(Client.id, Client.name).where(
            Client.id.in_({e.client_id for e in entries if e.client_id is not None} or {0}))).all())
        return [entry_item(e, names.get(e.client_id, ""), locale, app.settings.tz) for e in entries[:limit]]


def audit_reply(app: App, viewer: Viewer, request: AuditRequest) -> Reply:
    locale = request.locale
    client_ids: list[int] | None = None
    heading = at("audit.heading_all", locale)
    if request.name:
        with app.session() as session:
            found = find_clients(session, viewer, request.name)
        if not found:
            return reply("audit", "done", locale, title="audit", text=at("audit.empty", locale))
        client_ids = [cid for cid, _ in found]
        heading = at("audit.heading", locale, client="、".join(name for _, name in found[:3]))
    items = audit_items(app, viewer, client_ids=client_ids, limit=SHOWN, locale=locale)
    if not items:
        return reply("audit", "done", locale, title="audit", text=at("audit.empty", locale))
    lines = [heading]
    for item in items:
        lines += entry_lines(item, locale, app.settings.currency_symbol)
    return reply("audit", "done", locale, title="audit", text="\n".join(lines), items=items)


def change_line(change: dict[str, Any], locale: Locale, symbol: str = "¥") -> str:
    """One 最近修改 line of the profile card: "2026-12-01 · 王芳 · 登记收款：收款 ¥5,000.00 …"."""
    details = "；".join(line.lstrip("• ") for line in change_lines(locale, change["changes"], symbol)[:2])
    undone = at("audit.undone", locale) if change.get("undone") else ""
    return f"{change['on']} · {change['actor']} · {kind_name(locale, change['action'], change['changes'])}{undone}" + (
        f"：{details}" if details else "")
