"""`zhangfang audit [--client NAME] [--since DATE] [--as NAME] [--json]`: the recorded actions, newest first —
who, when, via, what, old → new (docs/cli.md). Without --as the whole firm (an admin's view); with it, that person's
scope."""

from __future__ import annotations

import json
from datetime import date

import typer

from bot.actions.audit_view import audit_items, entry_lines, find_clients
from bot.commands.common import console, fail, load_app
from bot.conversation import resolve_viewer
from domain.scope import Viewer

FIRM = Viewer(kind="staff", name="zhangfang audit", owner_ids=None)


def audit(
    client: str | None = typer.Option(None, "--client", help="Only this client (full or short name)."),
    since: str | None = typer.Option(None, "--since", help="Only actions on or after this day (YYYY-MM-DD)."),
    as_name: str | None = typer.Option(None, "--as", help="List what this staff member may see."),
    limit: int = typer.Option(200, "--limit", min=1, help="At most this many actions."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with the items."),
) -> None:
    """The recorded actions (who, when, via, what, old → new)."""
    try:
        start = date.fromisoformat(since) if since else None
    except ValueError:
        fail(f"--since must be YYYY-MM-DD, got {since!r} — 日期格式应为 YYYY-MM-DD")
    app = load_app()
    viewer = FIRM
    with app.session() as session:
        if as_name is not None:
            found = resolve_viewer(session, "cli", as_name)
            if found is None:
                fail(f"No staff member or chat identity {as_name!r} — 找不到员工或聊天身份“{as_name}”")
            viewer = found  # type: ignore[assignment]
        client_ids = None
        if client is not None:
            client_ids = [cid for cid, _ in find_clients(session, viewer, client.strip())]
            if not client_ids:
                fail(f"No client {client!r} — 找不到客户“{client}”")
    locale = app.settings.locale
    items = audit_items(app, viewer, client_ids=client_ids, since=start, limit=limit, locale=locale)
    if as_json:
        print(json.dumps({"items": items}, ensure_ascii=False))
        return
    if not items:
        console.print("没有操作记录 · no actions recorded", highlight=False)
    for item in items:
        for line in entry_lines(item, locale, app.settings.currency_symbol):
            console.print(line, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
