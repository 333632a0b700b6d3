"""Workflow replies: strings from the `workflows:` section of prompts/texts/{zh,en}.yaml, tables of the first rows,
and `data` in the shape of every answer (`ask --json`: intent, text, items, value, notes, source)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.format import day, jsonable, month_label
from bot.reply import Action, Reply, TableColumn
from bot.texts import Locale, lookup, t
from domain.workflows.facts import StageRow

SHOWN_ROWS = 10
PREFIX = "zf:wf:"
RIGHT = {"days_overdue", "measured", "on_time", "rate", "open", "overdue", "waiting", "instances", "average_days"}


def wt(locale: Locale, key: str, **values: object) -> str:
    return t(locale, f"workflows.{key}", **values)


def join(locale: Locale, items: list[str]) -> str:
    return ("、" if locale == "zh" else ", ").join(items)


def quoted(locale: Locale, names: list[str]) -> str:
    return join(locale, [f"“{n}”" for n in names])


def when(locale: Locale, moment: datetime, tz) -> str:
    local = moment.astimezone(tz)
    return f"{day(local.date(), locale)} {local:%H:%M}"


def via_name(locale: Locale, via: str) -> str:
    return str(lookup(locale, "workflows.via").get(via, via))


def period_label(locale: Locale, period: str) -> str:
    """"2026-11" → 2026年11月 / Nov 2026; a reported year "2025" → 2025年度 / 2025."""
    if len(period) == 7:
        return month_label(period, locale)
    return f"{period}年度" if locale == "zh" else period


def reply(intent: str, locale: Locale, *, title: str, text: str, items: list[dict[str, Any]] | None = None,
          columns: list[str] | None = None, value: Any = None, sections: list[tuple[str, list[str]]] | None = None,
          actions: list[Action] | None = None, notes: list[str] | None = None) -> Reply:
    items = items or []
    out = Reply(intent=intent, title=wt(locale, f"titles.{title}"), text=text, locale=locale, source="rules",
                sections=list(sections or []), actions=list(actions or []))
    if columns and items:
        out.columns = [TableColumn(key=k, label=wt(locale, f"labels.{k}"), align="right" if k in RIGHT else "left")
                       for k in columns]
        out.rows = [[_cell(item.get(k), locale) for k in columns] for item in items[:SHOWN_ROWS]]
        out.total_rows = len(items)
    if notes:
        out.sections.append(("", notes))
    out.data = {"intent": intent, "text": text, "items": jsonable(items), "value": jsonable(value),
                "notes": list(notes or []), "source": "rules"}
    return out


def _cell(value: Any, locale: Locale) -> str:
    if value is None:
        return t(locale, "common.undefined")
    if isinstance(value, date):
        return day(value, locale)
    if isinstance(value, float):
        return f"{value * 100:.1f}%"
    return str(value)


def stage_item(row: StageRow, locale: Locale, today: date) -> dict[str, Any]:
    """One stage as an answer item (the `ask --json` row)."""
    late = row.status != "done" and row.due_on < today
    return {"client": row.client, "workflow": row.workflow(locale), "period": row.period, "stage": row.name(locale),
            "status": wt(locale, f"status.{row.status}"), "assignee": row.assignee, "due_on": row.due_on,
            "done_on": row.done_on, "done_by": row.done_by,
            "days_overdue": (today - row.due_on).days if late else None}


def stage_line(row: StageRow, locale: Locale, today: date) -> str:
    if row.status == "done":
        return wt(locale, "line.stage_done", stage=row.name(locale), who=row.done_by or row.assignee,
                  day=day(row.done_on or today, locale))
    values = {"stage": row.name(locale), "who": row.assignee, "due": day(row.due_on, locale)}
    if row.status == "waiting":
        return wt(locale, "line.stage_waiting", since=day(row.waiting_since or today, locale), **values)
    if row.due_on < today:
        return wt(locale, "line.stage_late", days=(today - row.due_on).days, **values)
    return wt(locale, "line.stage_open", **values)


def button(locale: Locale, name: str, value: str, style: str = "default") -> Action:
    """A workflow button; its value carries the reader's language, so the answer to the press speaks it too."""
    return Action(label=wt(locale, f"buttons.{name}"), value=f"{PREFIX}{locale}:{value}",
                  style=style)  # type: ignore[arg-type]


def event_line(event: dict[str, Any], locale: Locale) -> str:
    """One 最近动态 line of the client profile: "2026-12-03 代理记账 2026年11月 · 完成“账务处理” · 王芳 · Slack"."""
    stage = (event.get("stage") if locale == "zh" else event.get("stage_en")) or ""
    what = wt(locale, f"actions.{event['action']}", stage=stage, to=event.get("to_staff") or "")
    workflow = event.get("workflow") if locale == "zh" else event.get("workflow_en")
    where = f"{workflow} {period_label(locale, str(event.get('period', '')))}"
    return wt(locale, "line.event", day=day(event["on"], locale), what=f"{where} · {what}",
              actor=actor_name(locale, str(event.get("actor", ""))), via=via_name(locale, str(event.get("via", ""))))


def actor_name(locale: Locale, actor: str) -> str:
    return wt(locale, "system") if actor == "system" else actor
