"""The board's HTML: each page answered for the signed-in staff member's Viewer and rendered with Jinja2 from
prompts/board/. Chart data travels as JSON in a data attribute (no inline script)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jinja2
from sqlalchemy.orm import Session

from bot.board import view
from bot.board.drill import drill_query
from bot.board.panels import BOARDS, panel, panels_of
from bot.board.warm import warmer
from bot.bootstrap import App
from bot.render import render
from bot.texts import Locale, lookup, t
from domain.executor import execute
from domain.models import Staff
from domain.queries import ClientFilter, Intent, Query
from domain.scope import Viewer, viewer_for_staff


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("prompts", "board"),
                              autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def _html(template: str, app: App, **values: Any) -> str:
    locale: Locale = app.settings.locale
    words = lookup(locale, "board")
    return _environment().get_template(template).render(locale=locale, words=words, boards=BOARDS, **values)


def message(app: App, kind: str) -> str:
    """A plain page: signed out, a used or expired link, too many attempts, not found, an error."""
    locale: Locale = app.settings.locale
    return _html("message.html", app, title=t(locale, f"board.messages.{kind}.title"),
                 text=t(locale, f"board.messages.{kind}.text"))


def _viewer(session: Session, staff_id: int) -> Viewer | None:
    staff = session.get(Staff, staff_id)
    return viewer_for_staff(session, staff) if staff is not None else None


def is_staff(app: App, staff_id: int) -> bool:
    with app.session() as session:
        return session.get(Staff, staff_id) is not None


def board_views(app: App, staff_id: int, name: str) -> list[view.PanelView] | None:
    """Every panel of a board, answered in one session for the staff member's Viewer. (Answering the panels on a
    thread pool was measured: no less CPU, and no faster on a busy 2-core machine; not worth the connections.)"""
    if name not in BOARDS:
        return None
    with app.session() as session:
        viewer = _viewer(session, staff_id)
        if viewer is None:
            return None
        app.read_memos.attach(session)  # read-only: the value board's panels share one health statement, the
        # service board's two on-time panels one pass over the stages — and the next page too, until the book changes
        return [view.build(app, session, viewer, p, app.settings.locale) for p in panels_of(name)]


def board_page(app: App, staff_id: int, name: str) -> str | None:
    views = board_views(app, staff_id, name)
    if views is None:
        return None
    warmer(app).viewed(staff_id, name)  # kept ready after the book changes while `serve` runs (warm.py)
    with app.session() as session:
        me = session.get(Staff, staff_id)
        who = me.name if me else ""
    return _html("board.html", app, current=name, views=views, who=who, today=app.today(), chart_json=_chart_json)


def _chart_json(v: view.PanelView) -> str:
    chart = dict(v.chart or {})
    if chart and "links" not in chart and v.links and len(v.links) == len(chart.get("labels", [])) and any(v.links):
        chart["links"] = v.links
    return json.dumps(chart, ensure_ascii=False)


def drill_page(app: App, staff_id: int, key: str, row: int) -> str | None:
    found = panel(key)
    if found is None or found.query is None or found.drill in ("none", "client"):
        return None
    locale: Locale = app.settings.locale
    with app.session() as session:
        viewer = _viewer(session, staff_id)
        if viewer is None:
            return None
        today = app.today()
        app.read_memos.attach(session)
        result = execute(session, viewer, found.query(today), today)
        query = drill_query(session, viewer, found, result, row)
        if query is None:
            return None
        listed = execute(session, viewer, query, today)
        reply = render(listed, locale, today, symbol=app.settings.currency_symbol)
        table = view.PanelView(found, reply.title, reply.text, [c.model_dump() for c in reply.columns],
                               view._all_rows(listed, locale, today, app.settings.currency_symbol, reply))
        names = [str(item.get("client")) for item in listed.items[: view.MAX_ROWS]]
        ids = view.client_ids(session, viewer, names)
        table.links = [f"/board/client/{ids[n]}" if n in ids else None for n in names]
        table.total_rows = len(listed.items)
    return _html("table.html", app, current=found.board, view=table, back=f"/board/b/{found.board}",
                 who=viewer.name)


def client_page(app: App, staff_id: int, client_id: int) -> str | None:
    """The client's 360° profile, as the chat renders it — only for a client the viewer may see."""
    locale: Locale = app.settings.locale
    with app.session() as session:
        viewer = _viewer(session, staff_id)
        if viewer is None:
            return None
        today = app.today()
        query = Query(intent=Intent.client_profile, clients=ClientFilter(client_ids=[client_id]))
        result = execute(session, viewer, query, today)
        if not result.items:
            return None
        reply = render(result, locale, today, symbol=app.settings.currency_symbol)
    return _html("client.html", app, current="", reply=reply, back="/board/b/value", who=viewer.name)


def export_file(app: App, staff_id: int, key: str) -> tuple[str, bytes] | None:
    from bot.board.export import panel_workbook

    found = panel(key)
    if found is None:
        return None
    with app.session() as session:
        viewer = _viewer(session, staff_id)
        if viewer is None:
            return None
        app.read_memos.attach(session)
        built = view.build(app, session, viewer, found, app.settings.locale)
    return panel_workbook(app, built)
