"""Replies for the analytics families (breakdown, trend, summary, staff board, new clients, health, segments, one
client's figure), in the asker's language: money as ¥12,345.00, shares and rates as percentages. Strings come from
the `metrics:` key of prompts/texts. `data` keeps every row (items as cli.md says)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bot.format import cell, day, money, month_label, percent
from bot.reply import Reply, TableColumn
from bot.texts import Locale, lookup, maybe, t
from domain.queries import Intent, Query, Result

SHOWN = 12
INTENTS = {Intent.breakdown, Intent.trend, Intent.summary, Intent.staff_board, Intent.new_clients,
           Intent.clients_by_health, Intent.clients_at_risk, Intent.client_segments, Intent.client_metric}
COLUMNS: dict[Intent, list[str]] = {
    Intent.breakdown: ["group", "value", "share"],
    Intent.trend: ["period", "value"],
    Intent.summary: ["metric", "value", "previous", "change"],
    Intent.staff_board: ["staff", "clients", "collected", "invoiced", "overdue_amount", "late_documents",
                         "service_hours"],
    Intent.new_clients: ["client", "owner", "signed_on"],
    Intent.clients_by_health: ["client", "owner", "health_score"],
    Intent.clients_at_risk: ["client", "owner", "health_score", "overdue_amount", "days_since_contact"],
    Intent.client_segments: ["client", "segment", "revenue", "tenure_days"],
}
OVERDUE_METRICS = {"overdue_amount", "overdue_clients"}
TRAILING_DEFAULT = {"margin", "revenue", "profit", "service_cost", "service_hours"}  # one client's, by default
NUMERIC = {"value", "share", "previous", "change", "clients", "collected", "invoiced", "overdue_amount",
           "late_documents", "service_hours", "health_score", "revenue", "tenure_days", "days_since_contact"}


def figure(metric: str | None, value: Any, locale: Locale, symbol: str) -> str:
    """A metric's value for people: money, a percentage for rates, hours, a count; — when undefined."""
    if value is None:
        return t(locale, "common.undefined")
    if metric in ("collection_rate", "margin") and isinstance(value, float):
        return percent(value)
    if metric == "service_hours":
        return t(locale, "metrics.hours", value=f"{Decimal(str(value)):,.2f}")
    if isinstance(value, Decimal):
        return money(value, symbol)
    return f"{value:,}" if isinstance(value, int) else str(value)


def metric_name(locale: Locale, metric: str | None) -> str:
    return str(lookup(locale, "metrics.names").get(metric or "", metric or ""))


def group_label(locale: Locale, label: str) -> str:
    return str(lookup(locale, "metrics.group_labels").get(label, label))


def render_metrics(result: Result, locale: Locale, today: date, symbol: str) -> Reply:
    intent = result.intent
    text = _text(result, locale, today, symbol)
    reply = Reply(intent=intent.value, title=t(locale, f"metrics.titles.{intent.value}"), text=text, locale=locale,
                  source="rules")
    if result.items and intent in COLUMNS:
        _table(reply, result, locale, symbol)
    if result.notes:
        from bot.render import localize_note

        reply.sections.append(("", [localize_note(note, locale) for note in result.notes]))
    return reply


def _table(reply: Reply, result: Result, locale: Locale, symbol: str) -> None:
    keys = [k for k in COLUMNS[result.intent] if any(k in item for item in result.items)]
    reply.columns = [TableColumn(key=k, label=_column_label(locale, k, result), align="right" if k in NUMERIC
                                 else "left") for k in keys]
    reply.rows = [[_cell(k, item.get(k), item, result, locale, symbol) for k in keys] for item in result.items[:SHOWN]]
    reply.total_rows = len(result.items)


def _column_label(locale: Locale, key: str, result: Result) -> str:
    if key == "group" and result.dimension:
        return str(lookup(locale, "metrics.dimensions").get(result.dimension, key))
    if key == "value" and result.metric:
        return metric_name(locale, result.metric)
    return str(lookup(locale, "metrics.columns").get(key, key))


def _cell(key: str, value: Any, item: dict[str, Any], result: Result, locale: Locale, symbol: str) -> str:
    if key == "group":
        return group_label(locale, str(value))
    if key == "period" and isinstance(value, str) and "Q" not in value:
        return month_label(value, locale)
    if key in ("share", "change"):
        return "—" if value is None else percent(value)
    if key in ("value", "previous"):
        return figure(item.get("metric") or result.metric, value, locale, symbol)
    if key == "metric":
        return metric_name(locale, str(value))
    if key == "segment":
        return str(lookup(locale, "metrics.segments").get(str(value), value))
    if key == "service_hours":
        return figure("service_hours", value, locale, symbol)
    return cell(key, value, locale, symbol)


def _text(result: Result, locale: Locale, today: date, symbol: str) -> str:
    query = result.query or Query(intent=result.intent)
    intent = result.intent.value
    fields: dict[str, object] = {
        "metric": metric_name(locale, result.metric or query.measure),
        "dimension": str(lookup(locale, "metrics.dimensions").get(result.dimension or "", "")),
        "value": figure(result.metric or query.measure, result.value, locale, symbol),
        "count": len(result.items),
        "window": lookup(locale, "metrics.as_of_today") if _stock(result) else _window(query, locale, result),
        "client": (result.items[0].get("client") if result.items else "") or "",
        "segment": str(lookup(locale, "metrics.segments").get(query.segment or "", "")),
    }
    if query.min_days_overdue is not None and (result.metric or query.measure) in OVERDUE_METRICS:
        # "按负责人统计逾期60天以上的金额" sums only the invoices past the threshold: the reply says so
        fields["metric"] = t(locale, "metrics.overdue_days", metric=fields["metric"], days=query.min_days_overdue + 1)
    if not result.items and result.value in (None, 0):
        empty = maybe(locale, f"metrics.empty.{intent}", **fields)
        if empty:
            return empty
    text = t(locale, f"metrics.summaries.{intent}", **fields)
    if result.intent == Intent.summary:
        text += "\n" + "\n".join(_summary_line(item, locale, symbol) for item in result.items)
    if result.intent == Intent.breakdown and result.dimension in ("owner", "team"):
        text += t(locale, "metrics.by_current_owner")
    return text


def _stock(result: Result) -> bool:
    from domain.metrics.definitions import METRICS

    metric = METRICS.get(result.metric or "")
    return (metric is not None and metric.kind == "stock") or result.metric == "health_score"


def _summary_line(item: dict[str, Any], locale: Locale, symbol: str) -> str:
    metric = str(item["metric"])
    now = figure(metric, item.get("value"), locale, symbol)
    if "previous" not in item:
        return t(locale, "metrics.summary_stock", metric=metric_name(locale, metric), value=now)
    change = item.get("change")
    return t(locale, "metrics.summary_flow", metric=metric_name(locale, metric), value=now,
             previous=figure(metric, item.get("previous"), locale, symbol),
             change="—" if change is None else f"{change * 100:+.1f}%")


def _window(query: Query, locale: Locale, result: Result | None = None) -> str:
    window = query.window
    one_client = result is not None and result.intent == Intent.client_metric
    if window is None and one_client and result is not None and result.metric in TRAILING_DEFAULT:
        return str(lookup(locale, "metrics.trailing_year"))
    if window is None:
        return str(lookup(locale, "metrics.default_window"))
    span = f"{day(window.start, locale)} – {day(window.end, locale)}"
    return f"{window.label}（{span}）" if locale == "zh" and window.label else (
        f"{window.label} ({span})" if window.label else span)
