"""Result → neutral Reply, in the asker's language. Tables show the first rows; `data` keeps them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import orjson

from bot.chart_build import chart_for
from bot.format import cell, day, jsonable, money, month_label, weekday
from bot.render_metrics import INTENTS as METRIC_INTENTS
from bot.render_metrics import render_metrics
from bot.render_profile import render_profile
from bot.reply import Action, Reply, TableColumn
from bot.texts import Locale, label, lookup, maybe, t, value_name
from domain.queries import Intent, Query, Result

SHOWN_ROWS = 10
MORE_PREFIX = "zf:more:"

COLUMNS: dict[Intent, list[str]] = {
    Intent.overdue_clients: ["client", "owner", "overdue_amount", "max_days_overdue"],
    Intent.overdue_total: ["bucket", "amount", "invoices"],
    Intent.aging: ["bucket", "amount", "invoices"],
    Intent.top_debtors: ["client", "owner", "balance", "overdue_amount"],
    Intent.invoices_due_soon: ["invoice_no", "client", "due_on", "outstanding"],
    Intent.collection_rate: ["month", "due_amount", "collected_amount"],
    Intent.contracts_expiring: ["contract_no", "client", "service_type", "end_on", "amount", "owner"],
    Intent.signed: ["contract_no", "client", "service_type", "signed_date", "amount", "owner"],
    Intent.documents_missing: ["client", "missing", "late_count", "max_chase_count"],
    Intent.top_clients_by_revenue: ["client", "revenue", "profit", "margin"],
    Intent.top_clients_by_profit: ["client", "revenue", "profit", "margin"],
    Intent.top_clients_by_margin: ["client", "revenue", "profit", "margin"],
    Intent.clients_by_attribute: ["client", "owner", "region", "industry", "tier"],
    Intent.clients_by_credit_rating: ["client", "rating", "max_days_overdue", "on_time_ratio"],
    Intent.clients_not_contacted: ["client", "owner", "last_contact", "days_since"],
    Intent.negative_feedback: ["client", "date", "score", "comment"],
    Intent.staff_ranking: ["staff", "value"],
    Intent.tax_filers: ["client", "owner", "tax", "frequency"],
    Intent.my_invoices: ["invoice_no", "due_on", "amount", "outstanding"],
    Intent.my_documents: ["period", "item", "due_on"],
}
RIGHT_ALIGNED = {"overdue_amount", "amount", "balance", "outstanding", "due_amount", "collected_amount", "revenue",
                 "profit", "margin", "max_days_overdue", "days_since", "value", "invoices", "late_count"}
_PLAIN = frozenset({str, int, float, bool, type(None)})
SCALAR_ONLY = {Intent.overdue_count, Intent.receivable_balance, Intent.collected, Intent.invoiced,
               Intent.client_count, Intent.staff_client_count, Intent.tax_deadline}


def answer_data(result: Result, text: str, source: str) -> dict[str, Any]:
    """The machine-readable answer: the `ask --json` object (cli.md)."""
    data = {
        "intent": result.intent.value,
        "text": text,
        "items": json_items(result.items),
        "value": jsonable(result.value),
        "notes": result.notes,
        "source": source,
    }
    if result.metric is not None or result.dimension is not None:  # breakdowns, trends, one client's figure
        data["metric"], data["dimension"] = result.metric, result.dimension
    return data


def json_items(items: list[dict[str, Any]]) -> list[Any]:
    """`jsonable(items)`, faster for long lists: one pass of orjson's C encoder and decoder (dates, datetimes,
    nested lists and tuples natively; money through `jsonable`), about twice the speed of converting value by
    value in Python. Anything orjson refuses falls back to the value-by-value path, which gives the same result."""
    if len(items) < 20:
        return [item if _PLAIN.issuperset(map(type, item.values())) else _json_item(item) for item in items]
    try:
        return orjson.loads(orjson.dumps(items, default=jsonable, option=orjson.OPT_NON_STR_KEYS))
    except TypeError:
        return [item if _PLAIN.issuperset(map(type, item.values())) else _json_item(item) for item in items]


def _json_item(item: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in item.items():
        kind = type(value)
        if kind in _PLAIN or (kind is list and _PLAIN.issuperset(map(type, value))):
            out[key] = value
        else:
            out[key] = value.isoformat() if kind is date else jsonable(value)
    return out


def render(result: Result, locale: Locale, today: date, *, offset: int = 0, symbol: str = "¥",
           source: str = "rules", data: bool = True) -> Reply:
    """The reply to a result. `data=False` leaves out the machine-readable answer of a list (`reply.data`, every
    item as JSON) for a reader that shows only its first rows (the board: 9,400 segment rows are not worth
    encoding for twelve)."""
    intent = result.intent
    if intent == Intent.client_profile and result.items:
        reply = render_profile(result.items[0], locale, symbol)
        reply.data = answer_data(result, reply.text, source)
        return reply
    if intent in METRIC_INTENTS:
        reply = render_metrics(result, locale, today, symbol)
        charted = intent in (Intent.breakdown, Intent.trend)  # chart_for draws from the data
        reply.data = answer_data(result, reply.text, source) if data or charted else {}
        reply.chart = chart_for(reply, symbol)  # breakdowns and trends (bot/chart_build.py); None for the rest
        return reply
    text = _summary(result, locale, today, symbol)
    reply = Reply(intent=intent.value, title=t(locale, f"intents.{intent.value}.title"), text=text,
                  locale=locale, source="llm" if source == "llm" else "rules")
    if intent not in SCALAR_ONLY and result.items:
        _table(reply, result, locale, offset, symbol)
    if result.notes:
        reply.sections.append(("", [localize_note(note, locale) for note in result.notes]))
    if source == "llm":
        from bot.understand.llm import disclaimer

        reply.text = f"{reply.text}\n{disclaimer(locale)}"
    reply.data = answer_data(result, reply.text, source) if data else {}
    return reply


def localize_note(note: str, locale: Locale) -> str:
    """Domain notes read "中文 (English)" (domain/facts/notes.py); a reply shows the reader's half."""
    if not note.endswith(")") or " (" not in note:
        return note
    zh, _, en = note[:-1].rpartition(" (")
    return zh if locale == "zh" else en


def _marked(key: str, item: dict, shown: str, locale: Locale) -> str:
    """A disputed client is marked in overdue lists: "上海明远贸易有限公司（有异议）"."""
    if key == "client" and item.get("disputed"):
        mark = t(locale, "actions.dispute_mark")
        return f"{shown}（{mark}）" if locale == "zh" else f"{shown} ({mark})"
    return shown


def _table(reply: Reply, result: Result, locale: Locale, offset: int, symbol: str) -> None:
    keys = [k for k in COLUMNS.get(result.intent, list(result.items[0])) if k in result.items[0]]
    reply.columns = [TableColumn(key=k, label=label(locale, k), align="right" if k in RIGHT_ALIGNED else "left")
                     for k in keys]
    shown = result.items[offset : offset + SHOWN_ROWS]
    reply.rows = [[_marked(k, item, cell(k, item.get(k), locale, symbol), locale) for k in keys] for item in shown]
    reply.total_rows, reply.offset = len(result.items), offset
    if reply.more_rows > 0 and result.query is not None:
        value = f"{MORE_PREFIX}{offset + SHOWN_ROWS}:{result.query.model_dump_json(exclude_defaults=True)}"
        reply.actions.append(Action(label=t(locale, "common.show_more"), value=value))


def _summary(result: Result, locale: Locale, today: date, symbol: str) -> str:
    intent = result.intent.value
    fields = _summary_fields(result, locale, today, symbol)
    has_rows = bool(result.items) or (result.intent in SCALAR_ONLY and result.value is not None)
    if result.intent == Intent.collection_rate and result.value is None:
        has_rows = False
    if not has_rows:
        empty = maybe(locale, f"intents.{intent}.empty", **fields)
        if empty:
            return empty
    return t(locale, f"intents.{intent}.summary", **fields) + _threshold(result, locale)


def _threshold(result: Result, locale: Locale) -> str:
    """"逾期60天以上的金额" sums only the invoices past the threshold: the reply says so (semantics.md)."""
    query = result.query
    if query is None or query.min_days_overdue is None:
        return ""
    if result.intent == Intent.overdue_total:
        return t(locale, "intents.overdue_threshold.amount", days=query.min_days_overdue + 1)
    if result.intent in (Intent.overdue_count, Intent.overdue_clients):
        kind = "count" if result.intent == Intent.overdue_count else "clients"
        return t(locale, f"intents.overdue_threshold.{kind}", days=query.min_days_overdue + 1)
    return ""


def _summary_fields(result: Result, locale: Locale, today: date, symbol: str) -> dict[str, object]:
    query = result.query or Query(intent=result.intent)
    value = result.value
    shown: object = value
    if isinstance(value, Decimal):
        shown = money(value, symbol)
    elif isinstance(value, float):
        shown = f"{value * 100:.1f}%"
    elif result.intent == Intent.tax_deadline and isinstance(value, str):
        shown = day(date.fromisoformat(value), locale)
    fields: dict[str, object] = {
        "value": shown if shown is not None else t(locale, "common.undefined"),
        "count": len(result.items),
        "today": day(today, locale),
        "window_label": _window_label(query, locale),
        "month": month_label(query.month or today.strftime("%Y-%m"), locale),
        "days": query.days or 90,
        "order": lookup(locale, "words.order_asc" if query.ascending else "words.order_desc"),
        "tax": query.tax or lookup(locale, "words.all_taxes"),
        "metric": value_name(locale, "metric", query.metric or "collected"),
        "staff": (result.items[0].get("staff") if result.items else "") or "",
        "client": (result.items[0].get("client") if result.items else "") or "",
        "weekday": "",
        "source": "",
    }
    if result.intent == Intent.tax_deadline and result.items:
        first = result.items[0]
        fields["month"] = month_label(str(first.get("month", query.month or "")), locale)
        if isinstance(value, str):
            fields["weekday"] = weekday(date.fromisoformat(value), locale)
        fields["source"] = value_name(locale, "source", first.get("source", ""))
    return fields


def _window_label(query: Query, locale: Locale) -> str:
    window = query.window
    if window is None:
        return lookup(locale, "words.window_default")
    span = f"{day(window.start, locale)} – {day(window.end, locale)}"
    if window.label:
        return f"{window.label}（{span}）" if locale == "zh" else f"{window.label} ({span})"
    return span if locale == "en" else f"{span} "
