"""The client profile as a 360° card: basics, owner, contacts, contracts, money, documents, contact, feedback."""

from __future__ import annotations

from typing import Any

from bot.actions.audit_view import change_line
from bot.format import cell
from bot.reply import Reply
from bot.texts import Locale, label, lookup, t, value_name
from bot.workflows.render import event_line

BASIC_KEYS = ("short_name", "credit_code", "taxpayer_type", "industry", "region", "tier", "status", "tags", "owner",
              "signed_on")
MONEY_KEYS = ("balance", "overdue_amount", "max_days_overdue", "credit_rating", "revenue", "cost", "profit",
              "margin", "health_score", "last_contact")


def render_profile(profile: dict[str, Any], locale: Locale, symbol: str) -> Reply:
    fields = [(label(locale, k), cell(k, profile.get(k), locale, symbol)) for k in BASIC_KEYS + MONEY_KEYS
              if k in profile]
    if profile.get("prepaid"):  # 预收余额: credit not yet applied, shown beside (never inside) the balance
        at = next((i + 1 for i, (name, _) in enumerate(fields) if name == label(locale, "balance")), len(fields))
        fields.insert(at, (t(locale, "export.prepaid"), cell("amount", profile["prepaid"], locale, symbol)))
    sections: list[tuple[str, list[str]]] = []
    sep = "，" if locale == "zh" else ", "

    def add(title_key: str, key: str, line) -> None:
        rows = profile.get(key) or []
        if rows:
            sections.append((lookup(locale, f"words.{title_key}"), [line(r) for r in rows]))

    add("profile_contacts", "contacts", lambda c: sep.join(
        x for x in (c.get("name"), c.get("title"), c.get("phone"),
                    lookup(locale, "words.primary") if c.get("primary") else None) if x))
    add("profile_contracts", "active_contracts", lambda c: sep.join((
        str(c.get("contract_no")), value_name(locale, "service_type", c.get("service_type")),
        f"{cell('start_on', c.get('start_on'), locale)} – {cell('end_on', c.get('end_on'), locale)}",
        cell("amount", c.get("amount"), locale, symbol))))
    add("profile_documents", "missing_documents", lambda d: sep.join((
        str(d.get("period")), str(d.get("item")),
        f"{label(locale, 'due_on')} {cell('due_on', d.get('due_on'), locale)}",
        f"{label(locale, 'chase_count')} {d.get('chase_count', 0)}")))
    add("profile_interactions", "recent_interactions", lambda i: sep.join(
        x for x in (cell("date", i.get("date"), locale), cell("channel", i.get("channel"), locale),
                    i.get("summary")) if x))
    add("profile_feedback", "feedback", lambda f: sep.join(
        x for x in (cell("date", f.get("date"), locale), f"{f.get('score')}/5", f.get("comment")) if x))
    rows = profile.get("recent_events") or []  # 最近动态: service workflow changes (bot/workflows/render.py)
    if rows:
        sections.append((lookup(locale, "workflows.profile_heading"), [event_line(e, locale) for e in rows]))
    changes = profile.get("recent_changes") or []  # 最近修改: actions from chat (bot/actions/audit_view.py)
    if changes:
        sections.append((t(locale, "actions.audit.profile_heading"), [change_line(c, locale, symbol) for c in changes]))
    files = profile.get("latest_files") or []  # files the client sent in chat (bot/clients)
    if files:
        sections.append((t(locale, "clients_chat.profile_heading"), [_file_line(f, locale) for f in files]))
    name = str(profile.get("client", ""))
    return Reply(intent="client_profile", title=f"{t(locale, 'intents.client_profile.title')} · {name}",
                 text=name, fields=fields, sections=sections, locale=locale)


def _file_line(row: dict, locale: Locale) -> str:
    status = t(locale, f"clients_chat.staff.status.{row['status']}")
    what = f"{row['period']} {row['item']}" if row.get("item") else status
    when = row["received_at"].strftime("%Y-%m-%d") if row.get("received_at") else ""
    return f"{when} 《{row['name']}》 — {what}"
