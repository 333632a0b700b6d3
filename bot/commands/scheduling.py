"""Scheduling commands: `deadlines` (the tax filing calendar, 征期)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from bot.commands.common import TodayOption, console, fail
from bot.config import Settings, SettingsError, load_settings
from domain.calendar import (
    CalendarFileError,
    FilingDeadline,
    PublishedCalendar,
    published_calendar,
    year_deadlines,
)

WEEKDAYS = ("周一 Mon", "周二 Tue", "周三 Wed", "周四 Thu", "周五 Fri", "周六 Sat", "周日 Sun")
SOURCES = {"published": "已发布 published", "rule": "规则推算 rule"}


def deadlines(
    year: int | None = typer.Option(None, "--year", min=1900, max=9999, help="Calendar year (default: this year)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    today: str | None = TodayOption,
) -> None:
    """The monthly tax filing deadlines (征期) of a year: published calendar where known, else the rule."""
    settings = _settings()
    year = year or _today(settings, today).year
    extra_dir = Path(settings.tax_calendar_dir) if settings.tax_calendar_dir else None
    try:
        rows = year_deadlines(year, extra_dir=extra_dir)
        published = published_calendar(year, extra_dir)
    except CalendarFileError as exc:
        fail(f"征期日历文件有误 (bad tax calendar file): {exc}")
    if as_json:
        print(json.dumps([_as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return
    console.print(_table(year, rows))
    console.print(_source_line(year, published), highlight=False)


def _as_json(row: FilingDeadline) -> dict[str, str | None]:
    return {"month": row.month, "deadline": row.deadline.isoformat(), "source": row.source, "note": row.note}


def _table(year: int, rows: list[FilingDeadline]) -> Table:
    """One row a month; the note column (why the rule moved a date) only when some month uses the rule."""
    with_notes = any(row.source == "rule" for row in rows)
    headers = ["月份 Month", "截止日 Deadline", "星期 Weekday", "来源 Source"] + (["说明 Note"] if with_notes else [])
    table = Table(title=f"{year} 年申报纳税期限 · Filing deadlines {year}")
    for header in headers:
        table.add_column(header, no_wrap=header != "说明 Note", overflow="fold")
    for row in rows:
        cells = [row.month, row.deadline.isoformat(), WEEKDAYS[row.deadline.weekday()], SOURCES[row.source]]
        table.add_row(*cells, *([row.note or ""] if with_notes else []))
    return table


def _source_line(year: int, published: PublishedCalendar | None) -> str:
    if published is None:
        return (
            f"{year} 年尚无已发布的征期日历，按征管法实施细则第一百零九条推算"
            f" (no published calendar for {year}: deadlines derived by rule)."
        )
    where = "随产品发布 shipped" if published.origin == "shipped" else f"管理员加载 admin file {published.origin}"
    return f"来源 Source: 已发布征期日历 published calendar {published.document or ''} ({where})"


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        fail(str(exc))


def _today(settings: Settings, pinned: str | None) -> date:
    if not pinned:
        return settings.local_today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        fail(f"--today must be YYYY-MM-DD, got {pinned!r} — 日期格式应为 YYYY-MM-DD")


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines)
