"""One panel's figures, as the chat gives them: the answer (execute → render, or the workflow answer), its table
formatted cell by cell by the chat's renderer, and the data of its chart (labels, series, unit) as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.board.panels import Panel, workflow_window
from bot.bootstrap import App
from bot.render import render
from bot.reply import Reply
from bot.texts import Locale, t
from domain.executor import execute
from domain.models import Client
from domain.queries import Result
from domain.scope import Viewer

MAX_ROWS = 50  # a table shows this many rows; its export has them all
HEALTH_BANDS = ((0, 59), (60, 79), (80, 100))


@dataclass
class PanelView:
    panel: Panel
    title: str
    text: str
    columns: list[dict[str, str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)  # the drill-down of each row
    total_rows: int = 0
    chart: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)  # the answer's JSON items (`ask --json`)
    result: Result | None = None


def build(app: App, session: Session, viewer: Viewer, panel: Panel, locale: Locale) -> PanelView:
    today, symbol = app.today(), app.settings.currency_symbol
    title = t(locale, f"board.panels.{panel.key}")
    if panel.special == "health_bands":
        return _health(session, viewer, panel, title, today, locale)
    if panel.special is not None:
        return _from_reply(panel, title, _workflow_reply(app, session, viewer, panel, locale))
    assert panel.query is not None
    result = execute(session, viewer, panel.query(today), today, tax_calendar_dir=app.settings.tax_calendar_path)
    reply = render(result, locale, today, symbol=symbol, data=False)  # the rows shown; the export reads `result`
    view = _from_reply(panel, title, reply)
    view.result = result
    view.rows = _all_rows(result, locale, today, symbol, reply)[: panel.shown]
    view.chart = _chart(panel, reply, result, locale)
    view.links = _links(session, viewer, panel, result)
    if panel.drill == "segment" and view.chart is not None:  # a slice opens its segment's clients
        first = {str(item["segment"]): i for i, item in reversed(list(enumerate(result.items)))}
        view.chart["links"] = [f"/board/drill/{panel.key}/{first[k]}" for k in view.chart.get("keys", [])]
    return view


def _from_reply(panel: Panel, title: str, reply: Reply) -> PanelView:
    data = reply.data or {}
    notes = [line for _, lines in reply.sections for line in lines]
    view = PanelView(panel, title, reply.text, [c.model_dump() for c in reply.columns], list(reply.rows),
                     [], reply.total_rows, None, notes, list(data.get("items") or []))
    if panel.chart != "none":
        view.chart = _items_chart(panel, view.items)
    view.links = [None] * len(view.rows)
    return view


def _all_rows(result: Result, locale: Locale, today: date, symbol: str, first: Reply) -> list[list[str]]:
    """Up to MAX_ROWS rows, each formatted exactly as the chat formats it (the reply shows 10 at a time)."""
    rows = list(first.rows)
    shown = len(rows)
    while shown and shown < min(len(result.items), MAX_ROWS):
        part = result.model_copy(update={"items": result.items[shown: shown + len(first.rows)]})
        more = render(part, locale, today, symbol=symbol, data=False).rows
        if not more:
            break
        rows += more
        shown += len(more)
    return rows[:MAX_ROWS]


def _workflow_reply(app: App, session: Session, viewer: Viewer, panel: Panel, locale: Locale) -> Reply:
    from bot.workflows import answers
    from bot.workflows.desk import workflow_templates
    from bot.workflows.understand import WorkflowAsk

    today = app.today()
    family = "on_time" if panel.special in ("on_time", "on_time_staff") else panel.special
    ask = WorkflowAsk(family, locale, window=workflow_window(today),  # type: ignore[arg-type]
                      by="staff" if panel.special == "on_time_staff" else None)
    handler = {"on_time": answers.on_time, "cycle": answers.cycle, "load": answers.load}[str(family)]
    return handler(session, viewer, ask, workflow_templates(app), today)


def _chart(panel: Panel, reply: Reply, result: Result, locale: Locale) -> dict[str, Any] | None:
    if panel.chart == "none":
        return None
    if reply.chart is not None:
        return {"kind": panel.chart, "labels": reply.chart.labels, "series": reply.chart.series,
                "unit": reply.chart.unit, "currency": reply.chart.currency}
    return _items_chart(panel, result.items, locale)


CHART_FIELDS = {  # panel → (label key, value key, unit) for answers the chat draws no chart for
    "aging": ("bucket", "amount", "money"), "staff_board": ("staff", "collected", "money"),
    "on_time_stage": ("stage", "rate", "ratio"), "on_time_staff": ("staff", "rate", "ratio"),
    "cycle": ("workflow", "average_days", "count"), "load": ("staff", "open", "count"),
}


def _items_chart(panel: Panel, items: list[dict[str, Any]], locale: Locale = "zh") -> dict[str, Any] | None:
    if panel.key == "segments":
        counts: dict[str, int] = {}
        for item in items:
            counts[str(item["segment"])] = counts.get(str(item["segment"]), 0) + 1
        labels = list(counts)
        return {"kind": "pie", "labels": [t(locale, f"board.segments.{k}") for k in labels], "keys": labels,
                "series": {t(locale, "board.clients"): [float(counts[k]) for k in labels]}, "unit": "count",
                "currency": "¥"}
    fields = CHART_FIELDS.get(panel.key)
    if fields is None or not items:
        return None
    label, value, unit = fields
    values = [float(item.get(value) or 0) for item in items]
    return {"kind": panel.chart, "labels": [str(item.get(label)) for item in items],
            "series": {t(locale, f"board.series.{panel.key}"): values}, "unit": unit, "currency": "¥"}


def _health(session: Session, viewer: Viewer, panel: Panel, title: str, today: date, locale: Locale) -> PanelView:
    from domain.metrics.health import client_health

    scores = [row.score for row in client_health(session, viewer, today)]
    labels = [f"{low}–{high}" for low, high in HEALTH_BANDS]
    counts = [sum(1 for s in scores if low <= s <= high) for low, high in HEALTH_BANDS]
    text = t(locale, "board.health_text", clients=len(scores), at_risk=counts[0])
    view = PanelView(panel, title, text, [{"key": "band", "label": t(locale, "board.health_band"), "align": "left"},
                                          {"key": "clients", "label": t(locale, "board.clients"), "align": "right"}],
                     [[label, str(n)] for label, n in zip(labels, counts, strict=True)], [None] * 3, 3)
    view.items = [{"band": label, "clients": n} for label, n in zip(labels, counts, strict=True)]
    view.chart = {"kind": "bar", "labels": labels, "series": {t(locale, "board.clients"): [float(n) for n in counts]},
                  "unit": "count", "currency": "¥"}
    return view


def _links(session: Session, viewer: Viewer, panel: Panel, result: Result) -> list[str | None]:
    """Each shown row's drill-down: a client's profile, or the clients behind a group (by the row's position)."""
    items = result.items[: min(MAX_ROWS, panel.shown)]
    if panel.drill == "none":
        return [None] * len(items)
    if panel.drill in ("client", "segment"):
        names = [str(item.get("client")) for item in items]
        ids = client_ids(session, viewer, names)
        return [f"/board/client/{ids[n]}" if n in ids else None for n in names]
    return [f"/board/drill/{panel.key}/{i}" for i in range(len(items))]


def client_ids(session: Session, viewer: Viewer, names: list[str]) -> dict[str, int]:
    """Visible clients' ids by name (the rows of an answer name their clients)."""
    if not names:
        return {}
    stmt = select(Client.name, Client.id).where(Client.name.in_(sorted(set(names))),
                                                viewer.client_condition(Client.id, Client.owner_id))
    return {name: cid for name, cid in session.execute(stmt)}
