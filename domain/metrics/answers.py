"""The analytics families answered from the metrics layer: breakdown, trend, summary, staff board, new clients,
health ranking, at-risk list, value × loyalty segments and one client's figure (items as cli.md says)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from domain.facts.common import Owner, client_conditions, month_to_date, read, trailing_year
from domain.metrics import compile as mc
from domain.metrics import notes
from domain.metrics.definitions import METRICS, Value
from domain.metrics.health import client_health, ranked, segments
from domain.models import Client, ClientStatus
from domain.queries import ClientFilter, Intent, Result

if TYPE_CHECKING:
    from domain.executor import Ask

AT_RISK_BELOW = 60
FOUR_PLACES = Decimal("0.0001")
SUMMARY_FLOWS = ("invoiced", "collected", "signed", "new_clients", "profit", "collection_rate")
SUMMARY_STOCKS = ("receivable_balance", "overdue_amount", "overdue_clients")


def _window(ask: Ask, metric: str, default: tuple[date, date] | None = None) -> mc.Window:
    start, end = ask.window(default or month_to_date(ask.today))
    return mc.window_for(METRICS[metric], start, end, ask.today, ask.query.min_days_overdue)


def _notes(ask: Ask, metric: str, window: mc.Window) -> list[str]:
    kind = METRICS[metric].kind
    out = [notes.metric(metric)]
    if kind == "flow":
        out.append(ask.window_note(window.start, window.end))
    out.append(notes.ACTIVE_ONLY if METRICS[metric].statuses == (ClientStatus.active,) else notes.ALL_STATUSES)
    return out


def breakdown(ask: Ask) -> Result:
    q = ask.query
    metric, dimension = q.measure or "", q.dimension or ""
    if metric not in METRICS or dimension not in METRICS[metric].dimensions:
        return ask.result([], None, notes.NOT_ANSWERABLE)
    window = _window(ask, metric)
    if dimension == "service_type":
        window = replace(window, service=True)
    grouped = mc.breakdown(ask.session, metric, dimension, window, ask.viewer, q.clients)
    share = q.share and METRICS[metric].shareable and isinstance(grouped.total, Decimal | int) and grouped.total
    items: list[dict[str, Any]] = []
    for g in grouped.groups:
        item: dict[str, Any] = {"group": g.label, "value": g.value}
        if share:
            item["share"] = _share(g.value, grouped.total)
        items.append(item)
    extra = [notes.BY_CURRENT_OWNER] if dimension in ("owner", "team") else []
    return _result(ask, items, grouped.total, metric, dimension, *_notes(ask, metric, window), *extra)


def _share(value: Value, total: Value) -> float:
    exact = Decimal(str(value)) / Decimal(str(total))
    return float(exact.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))  # as ratio() rounds


def _result(ask: Ask, items: list[dict[str, Any]], value: Any, metric: str | None, dimension: str | None,
            *texts: str) -> Result:
    result = ask.result(items, value, *texts)
    result.metric, result.dimension = metric, dimension
    return result


def trend(ask: Ask) -> Result:
    q = ask.query
    metric, grain = q.measure or "", q.dimension if q.dimension in ("month", "quarter") else "month"
    if metric not in METRICS or METRICS[metric].kind != "flow":
        return ask.result([], None, notes.NOT_ANSWERABLE)
    first = ask.today.replace(day=1)
    index = first.year * 12 + first.month - 12
    default = (date(index // 12, index % 12 + 1, 1), ask.today)
    window = _window(ask, metric, default)
    grouped = mc.trend(ask.session, metric, grain, window, ask.viewer, q.clients)
    items = [{"period": g.label, "value": g.value} for g in grouped.groups]
    return _result(ask, items, grouped.total, metric, grain, *_notes(ask, metric, window))


def previous_period(start: date, end: date, today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(current, previous): the calendar period before, both cut to the same elapsed days when it contains today."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    calendar = start.day == 1 and (end + timedelta(days=1)).day == 1
    if calendar:
        index = start.year * 12 + start.month - 1 - months
        prev_start = date(index // 12, index % 12 + 1, 1)
        prev_end = start - timedelta(days=1)
    else:
        length = end - start
        prev_end = start - timedelta(days=1)
        prev_start = prev_end - length
    if start <= today <= end:
        elapsed = today - start
        return (start, today), (prev_start, min(prev_end, prev_start + elapsed))
    return (start, end), (prev_start, prev_end)


def summary(ask: Ask) -> Result:
    """Every figure in one statement: each flow metric now and in the previous period, each stock as of today."""
    start, end = ask.window((ask.today.replace(day=1), _month_end(ask.today)))
    current, previous = previous_period(start, end, ask.today)
    columns, keys = [], []
    full_previous = (previous[0], start - timedelta(days=1))
    for metric in SUMMARY_FLOWS:
        rate = metric == "collection_rate"  # of the whole period: invoices due in it, allocated by today
        for which, (s, e) in (("now", (start, end) if rate else current),
                              ("before", full_previous if rate else previous)):
            w = mc.window_for(METRICS[metric], s, e, ask.today)
            columns += mc.total_columns(metric, w, ask.viewer, ask.query.clients)
            keys.append((metric, which))
    for metric in SUMMARY_STOCKS:
        columns += mc.total_columns(metric, mc.Window(ask.today, ask.today, ask.today), ask.viewer, ask.query.clients)
        keys.append((metric, "now"))
    row = ask.session.execute(select(*columns)).one()
    found = {key: METRICS[key[0]].finish(int(row[2 * i] or 0), int(row[2 * i + 1] or 0)) for i, key in enumerate(keys)}
    items = []
    for metric in SUMMARY_FLOWS:
        now, before = found[(metric, "now")], found[(metric, "before")]
        items.append({"metric": metric, "value": now, "previous": before, "change": _change(now, before)})
    items += [{"metric": metric, "value": found[(metric, "now")]} for metric in SUMMARY_STOCKS]
    return _result(ask, items, None, None, None, ask.window_note(*current), notes.previous(*previous),
                   notes.ALL_STATUSES)


def _month_end(today: date) -> date:
    nxt = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def _change(now: Value, before: Value) -> float | None:
    if now is None or before is None or Decimal(str(before)) == 0:
        return None
    exact = (Decimal(str(now)) - Decimal(str(before))) / abs(Decimal(str(before)))
    return float(exact.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))  # as ratio() rounds


def new_clients(ask: Ask) -> Result:
    start, end = ask.window(month_to_date(ask.today))
    flt = ask.query.clients
    statuses = list(flt.statuses) if flt.statuses is not None else [ClientStatus.active, ClientStatus.churned]
    conds = client_conditions(ask.viewer, flt.model_copy(update={"statuses": statuses}))
    stmt = (select(Client.name, Owner.name, Client.signed_on).join(Owner, Owner.id == Client.owner_id)
            .where(Client.signed_on >= start, Client.signed_on <= end, *conds))
    rows = sorted(read(ask.session, stmt), key=lambda r: (r[2], r[0]))
    items = [{"client": name, "owner": owner, "signed_on": signed} for name, owner, signed in rows]
    return _result(ask, items, len(items), "new_clients", None, notes.NEW_CLIENTS, ask.window_note(start, end))


def staff_board(ask: Ask) -> Result:
    from domain.metrics.board import board

    start, end = ask.window(month_to_date(ask.today))
    rows = board(ask.session, ask.viewer, ask.today, min(end, ask.today) if start <= ask.today else end, start,
                 ask.query.clients.owner_ids)
    return _result(ask, rows, None, None, None, notes.BOARD, ask.window_note(start, end), notes.BY_CURRENT_OWNER)


def clients_by_health(ask: Ask) -> Result:
    rows = ranked(client_health(ask.session, ask.viewer, ask.today, clients=ask.query.clients),
                  ascending=ask.query.ascending)
    rows = rows[: ask.query.limit or 10]
    return ask.result([_health_item(r, ask.today) for r in rows], None, notes.HEALTH, notes.ACTIVE_ONLY)


def clients_at_risk(ask: Ask) -> Result:
    rows = [r for r in ranked(client_health(ask.session, ask.viewer, ask.today, clients=ask.query.clients))
            if r.score < AT_RISK_BELOW]
    return ask.result([_health_item(r, ask.today) for r in rows], len(rows), notes.AT_RISK, notes.HEALTH)


def _health_item(r: Any, today: date) -> dict[str, Any]:
    return {"client": r.client, "owner": r.owner, "health_score": r.score, "credit_rating": r.inputs.credit_rating,
            "overdue_amount": r.inputs.overdue_amount, "late_documents": r.inputs.late_documents,
            "days_since_contact": r.inputs.days_since_contact}


def client_segments(ask: Ask) -> Result:
    rows = segments(ask.session, ask.viewer, ask.today, clients=ask.query.clients)
    if ask.query.segment:
        rows = [r for r in rows if r.segment == ask.query.segment]
    items = [{"client": r.client, "owner": r.owner, "segment": r.segment, "revenue": r.revenue,
              "tenure_days": r.tenure_days} for r in rows]
    return ask.result(items, len(items), notes.SEGMENTS, notes.REVENUE)


def client_metric(ask: Ask) -> Result:
    ids = ask.query.clients.client_ids or []
    metric = ask.query.measure or ""
    if len(ids) != 1 or not _visible(ask, ids[0]):
        return ask.result([], None, notes.NOT_VISIBLE)
    flt = ClientFilter(client_ids=ids, statuses=[ClientStatus.active, ClientStatus.churned, ClientStatus.prospect])
    name = ask.session.execute(select(Client.name).where(Client.id == ids[0])).scalar_one()
    if metric == "health_score":
        found = client_health(ask.session, ask.viewer, ask.today, clients=flt, statuses=())
        value: Value = found[0].score if found else None
        return _result(ask, [{"client": name, "health_score": value}], value, metric, None, notes.HEALTH)
    if metric in ("margin", "revenue"):
        window = _window(ask, "profit", trailing_year(ask.today))
        grouped = mc.run(ask.session, "profit", None, window, ask.viewer, flt)
        a, b = grouped[1], grouped[2]
        from domain.facts.common import ratio
        from domain.facts.profitability import cost_cents

        value = ratio(a - cost_cents(b), a) if metric == "margin" else METRICS["invoiced"].finish(a, 0)
        return _result(ask, [{"client": name, metric: value}], value, metric, None, notes.REVENUE,
                       ask.window_note(window.start, window.end))
    if metric not in METRICS:
        return ask.result([], None, notes.NOT_ANSWERABLE)
    default = trailing_year(ask.today) if metric in ("profit", "service_cost", "service_hours") else None
    window = _window(ask, metric, default)
    value = mc.total(ask.session, metric, window, ask.viewer, flt)
    return _result(ask, [{"client": name, metric: value}], value, metric, None, *_notes(ask, metric, window))


def _visible(ask: Ask, client_id: int) -> bool:
    conds = client_conditions(ask.viewer, ClientFilter(client_ids=[client_id]))
    return ask.session.execute(select(Client.id).where(*conds)).first() is not None


HANDLERS: dict[Intent, Callable[[Ask], Result]] = {
    Intent.breakdown: breakdown,
    Intent.trend: trend,
    Intent.summary: summary,
    Intent.staff_board: staff_board,
    Intent.new_clients: new_clients,
    Intent.clients_by_health: clients_by_health,
    Intent.clients_at_risk: clients_at_risk,
    Intent.client_segments: client_segments,
    Intent.client_metric: client_metric,
}
