"""Action replies: the preview (old → new), what was done, refusals, questions back and the pending-state answers.

`data` is the `ask --json` object of docs/cli.md ("Actions"): intent, status, text, changes, items, value.
Strings come from the `actions:` section of prompts/texts/{zh,en}.yaml.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.format import day, money
from bot.reply import Action, Reply
from bot.texts import Locale, lookup, maybe, t, value_name

PREFIX = "zf:act:"
MONEY_FIELDS = {"outstanding"}


def join(locale: Locale, items: list[str]) -> str:
    return ("、" if locale == "zh" else ", ").join(items)


def at(text_key: str, locale: Locale, **values: object) -> str:
    return t(locale, f"actions.{text_key}", **values)


def kind_name(locale: Locale, kind: str, changes: list[dict[str, Any]] | None = None) -> str:
    if kind == "dispute_invoice" and changes and all(c.get("new") is False for c in changes):
        kind = "resolve_dispute"
    return maybe(locale, f"actions.kinds.{kind}") or kind


def show(locale: Locale, field: str, value: Any, symbol: str = "¥") -> str:
    """A change's value in words: amounts as ¥12,345.00, enums by name, records in a sentence."""
    if value is None:
        return at("values.none", locale)
    if isinstance(value, bool):
        return at(f"values.{str(value).lower()}", locale)
    if field in MONEY_FIELDS and isinstance(value, int | float):
        return money(value, symbol)
    if field == "stage" and isinstance(value, str):  # a workflow stage's (or instance's) status
        return maybe(locale, f"actions.values.stage.{value}") or value
    if field in ("tier", "status") and isinstance(value, str):
        return maybe(locale, f"actions.values.{value}") or value_name(locale, field, value)
    if isinstance(value, list):
        return join(locale, [str(v) for v in value]) if value else at("values.none", locale)
    if isinstance(value, dict):
        return _record(locale, field, value, symbol)
    return str(value)


def _record(locale: Locale, field: str, value: dict[str, Any], symbol: str) -> str:
    shown = dict(value)
    if "amount" in shown:
        amount = shown["amount"]
        shown["amount"] = "" if amount is None else (money(amount, symbol) if field != "promise"
                                                     else f" {money(amount, symbol)}")
    if field == "payment":
        shown["method"] = f" · {value['method']}" if value.get("method") else ""
        shown["invoice"] = f" · {value['invoice']}" if value.get("invoice") else ""
    if field == "feedback":
        shown["comment"] = value.get("comment") or ""
    template = maybe(locale, f"actions.values.{field}")
    try:
        return template.format(**shown) if template else str(value)
    except (KeyError, IndexError):
        return str(value)


def change_lines(locale: Locale, changes: list[dict[str, Any]], symbol: str = "¥") -> list[str]:
    lines = []
    for change in changes:
        field = change["field"]
        values = {"target": change["target"], "field": maybe(locale, f"actions.fields.{field}") or field,
                  "old": show(locale, field, change["old"], symbol), "new": show(locale, field, change["new"], symbol)}
        lines.append(at("propose.added" if change["old"] is None else "propose.line", locale, **values))
    return lines


def reply(intent: str, status: str, locale: Locale, *, title: str, text: str,
          changes: list[dict[str, Any]] | None = None, items: list[dict[str, Any]] | None = None,
          actions: list[Action] | None = None, **extra: Any) -> Reply:
    out = Reply(intent=intent, title=at(f"titles.{title}", locale), text=text, locale=locale, source="rules",
                actions=list(actions or []), suggestions=[a.label for a in actions or []])
    out.data = {"intent": intent, "status": status, "text": text, "changes": list(changes or []),
                "items": list(items or []), "value": None, **extra}
    return out


def button(locale: Locale, name: str, value: str, style: str = "default") -> Action:
    label = lookup(locale, "workflows.buttons")[name]
    return Action(label=label, value=f"{PREFIX}{value}", style=style)  # type: ignore[arg-type]


def when(locale: Locale, moment: datetime, tz: Any) -> str:
    local = moment.astimezone(tz)
    return f"{day(local.date(), locale)} {local:%H:%M}"


def via_name(locale: Locale, via: str) -> str:
    return str(lookup(locale, "workflows.via").get(via, via))
