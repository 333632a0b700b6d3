"""Scheduling commands: `deadlines` (the tax filing calendar, 征期); `jobs run` (plan, queue and deliver the
reminders due at a moment) and `outbox` (what is waiting or failed, and putting it back in line)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import typer
from rich.table import Table

from bot.bootstrap import App
from bot.commands.common import TodayOption, console, fail, load_app
from bot.config import Settings, SettingsError, load_settings
from bot.jobs.runner import KindReport, RunReport
from bot.models import OutboxMessage
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


# -- jobs run / outbox (bot/jobs/runner.py, bot/outbox.py, bot/sending.py) ------------------------------------------
jobs_app = typer.Typer(help="Scheduled jobs: reminders, chasing, dunning, the daily digest · 定时任务",
                       no_args_is_help=True)
outbox_app = typer.Typer(help="Messages waiting to be sent, or failed · 待发送与发送失败的消息",
                         invoke_without_command=True)
AtOption = typer.Option(None, "--at", help='Firm-local moment, e.g. "2026-11-23 08:30" (default: now).')
REPORT_COLUMNS = (  # header → the KindReport counts it adds up (the JSON has each count on its own)
    ("计划\nplanned", ("planned",)), ("新入队\nqueued", ("queued",)), ("已发送\nsent", ("sent",)),
    ("免打扰\nquiet", ("held_quiet_hours",)), ("已排过\nalready", ("already_sent", "already_queued")),
    ("稍后\nlater", ("rate_limited", "retrying")), ("失败\nfailed", ("failed",)))


@jobs_app.command("run")
def jobs_run(
    at: str | None = AtOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Plan only: queue and send nothing · 只预演，不入队不发送"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    show: bool = typer.Option(False, "--show", help="Also print every planned message · 同时显示每条消息"),
) -> None:
    """Run every job due at a moment once, as the scheduler would: plan, queue, deliver; report per kind."""
    from bot.jobs.runner import run_moment

    app = load_app()
    moment = _moment(app, at)
    try:
        report = run_moment(app, moment, dry_run=dry_run)
    except ModuleNotFoundError as exc:
        fail(f"the reminder planners are not installed ({exc.name}) — 提醒规划模块未安装")
    except SettingsError as exc:
        fail(str(exc))
    if as_json:
        print(json.dumps(_report_json(report), ensure_ascii=False, indent=2))
        return
    if show:
        _show_drafts(report)
    console.print(_report_table(report))


def _moment(app: App, at: str | None) -> datetime:
    if not at:
        return app.clock.now()
    try:
        moment = datetime.fromisoformat(at.strip())
    except ValueError:
        fail(f'--at must look like "2026-11-23 08:30", got {at!r} — 时间格式应为 "YYYY-MM-DD HH:MM"')
    return moment.replace(tzinfo=app.settings.tz) if moment.tzinfo is None else moment


def _report_json(report: RunReport) -> dict[str, object]:
    data = report.as_json()
    if report.dry_run:
        data["messages"] = [{"key": d.key, "kind": d.kind, "recipient": d.recipient, "subject": d.subject,
                             "client_facing": d.client_facing, "destination": d.destination.redacted(),
                             "text": d.reply.text} for d in report.drafts]
    return data


def _report_table(report: RunReport) -> Table:
    when = report.moment.strftime("%Y-%m-%d %H:%M")
    rehearsal = ("（预演）", " (dry run)") if report.dry_run else ("", "")
    table = Table(title=f"{when} 定时任务{rehearsal[0]} · Jobs at {when}{rehearsal[1]}")
    table.add_column("类型\nkind", no_wrap=True)
    for header, _ in REPORT_COLUMNS:
        table.add_column(header, justify="right")
    for kind, counts in sorted(report.kinds.items()):
        table.add_row(kind, *_cells(counts))
    table.add_row("合计 total", *_cells(report.totals()), style="bold")
    return table


def _cells(counts: KindReport) -> list[str]:
    return [str(sum(getattr(counts, name) for name in names)) for _, names in REPORT_COLUMNS]


def _show_drafts(report: RunReport) -> None:
    from adapters.console.sender import ConsoleSender

    printer = ConsoleSender(console)
    for draft in report.drafts:
        console.print(f"[dim]{draft.kind} · {draft.recipient} · {draft.key}[/dim]", highlight=False)
        printer.send(draft.destination, draft.reply)


@outbox_app.callback()
def outbox(
    ctx: typer.Context,
    failed: bool = typer.Option(False, "--failed", help="Only the failed ones · 只看失败的"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the messages not sent yet (pending, being sent, failed) with their errors."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.outbox import open_messages

    app = load_app()
    messages = open_messages(app, failed_only=failed)
    if as_json:
        print(json.dumps([_message_json(app, m) for m in messages], ensure_ascii=False, indent=2))
        return
    if not messages:
        console.print("没有失败的消息 · No failed messages." if failed else "发件箱是空的 · Nothing waiting or failed.")
        return
    console.print(_outbox_table(app, messages))


def _message_json(app: App, message: OutboxMessage) -> dict[str, object]:
    """One message for scripts; times are firm-local with their offset."""
    from bot.outbox import destination_of

    tz = app.settings.tz
    return {"id": message.id, "key": message.key, "kind": message.kind, "status": message.status,
            "recipient": message.recipient, "subject": message.subject, "client_facing": message.client_facing,
            "destination": destination_of(message).redacted(), "attempts": message.attempts,
            "next_attempt_at": message.next_attempt_at.astimezone(tz).isoformat(), "hold_reason": message.hold_reason,
            "last_error": message.last_error, "planned_at": message.planned_at.astimezone(tz).isoformat()}


HOLDS = {"quiet_hours": "免打扰时段 quiet hours", "rate_limit": "限流 rate limit"}


def _outbox_table(app: App, messages: list[OutboxMessage]) -> Table:
    from bot.outbox import destination_of

    table = Table(title=f"发件箱 Outbox · {len(messages)}")
    for header in ("ID", "状态 Status", "类型 Kind", "收件人 Recipient", "目的地 Destination", "尝试 Attempts",
                   "下次 Next", "说明 Note"):
        table.add_column(header, overflow="fold")
    for m in messages:
        note = m.last_error or HOLDS.get(m.hold_reason or "", "")
        table.add_row(str(m.id), m.status, m.kind, m.recipient, destination_of(m).redacted(), str(m.attempts),
                      m.next_attempt_at.astimezone(app.settings.tz).strftime("%Y-%m-%d %H:%M"), note,
                      style="red" if m.status == "failed" else None)
    return table


@outbox_app.command("retry")
def outbox_retry(
    ids: list[int] = typer.Argument(None, help="Message ids (see `zhangfang outbox`)."),
    all_failed: bool = typer.Option(False, "--all-failed", help="Every failed message · 所有失败的消息"),
) -> None:
    """Put failed (or waiting) messages back in line; the scheduler or `jobs run` sends them."""
    from bot.outbox import RetryRefused, retry

    if not ids and not all_failed:
        fail("name message ids or --all-failed — 请指定消息 ID 或 --all-failed")
    app = load_app()
    try:
        done = retry(app, app.clock.now(), ids or (), all_failed=all_failed)
    except RetryRefused as exc:
        fail(str(exc))
    if not done:
        console.print("没有需要重试的消息 · Nothing to retry.")
        return
    console.print(f"已重新排队 Queued again: {', '.join(map(str, done))}", highlight=False)


@outbox_app.command("send")
def outbox_send(at: str | None = AtOption, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Deliver what is due now (or at --at) without planning anything new."""
    from bot.jobs.runner import RunReport, add_deliveries, deliver_due

    app = load_app()
    moment = _moment(app, at)
    report = RunReport(moment=moment, dry_run=False)
    add_deliveries(report, deliver_due(app, moment))
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    console.print(_report_table(report))


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines)
    app.add_typer(jobs_app, name="jobs")
    app.add_typer(outbox_app, name="outbox")
