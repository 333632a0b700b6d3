"""Workflow commands: `workflows open --month 2026-11` (open the month's instances; re-running opens nothing twice),
`workflows list` (instances with their current stage) and `workflows check` (validate the templates)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from sqlalchemy import select

from bot.commands.common import TodayOption, console, fail, load_app
from bot.workflows.desk import workflow_templates
from domain.models import Client
from domain.scope import Viewer
from domain.workflows.facts import StageRow, stages
from domain.workflows.opening import Opening, OpenReport, open_month
from domain.workflows.templates import TemplateError, Templates

EVERYONE = Viewer(kind="staff", name="zhangfang cli", owner_ids=None)
workflows_app = typer.Typer(help="Service workflows: stages, owners, due dates · 服务流程", no_args_is_help=True)
MonthOption = typer.Option(..., "--month", help="The accounting month, YYYY-MM (2026-11 is worked in December).")


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text or ""):
        fail(f"--month must be YYYY-MM, got {text!r} — 月份格式应为 YYYY-MM")
    return text


def _templates(app) -> Templates:
    try:
        return workflow_templates(app)
    except TemplateError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


@workflows_app.command("open")
def open_command(month: str = MonthOption, today: str | None = TodayOption,
                 as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Open the month's instances for every client with an active contract (and the annual and one-off ones due)."""
    period = _month(month)
    app = load_app(today)
    templates = _templates(app)
    extra = Path(app.settings.tax_calendar_dir) if app.settings.tax_calendar_dir else None
    with app.session() as session:
        report = open_month(session, templates, period, Opening(today=app.today(), now=app.clock.now(), via="cli",
                                                                extra_dir=extra))
    if as_json:
        print(json.dumps(_report_json(period, report), ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{period} 开启的流程 · Workflows opened")
    for header in ("流程 Workflow", "新开 Opened", "已有 Existing"):
        table.add_column(header)
    counts = _by_template(report)
    for template in templates:
        table.add_row(f"{template.name.zh} {template.name.en}", str(counts.get(template.key, 0)), "")
    table.add_row("合计 Total", str(len(report.opened)), str(report.existing))
    console.print(table)
    if report.unknown_people:
        console.print(f"[yellow]模板中的负责人不存在，已改由客户负责人承担 · unknown people in templates (the client's "
                      f"owner was assigned instead): {', '.join(sorted(report.unknown_people))}[/yellow]")


def _by_template(report: OpenReport) -> dict[str, int]:
    counts: dict[str, int] = {}
    for opened in report.opened:
        counts[opened.template] = counts.get(opened.template, 0) + 1
    return counts


def _report_json(period: str, report: OpenReport) -> dict[str, Any]:
    return {"month": period, "opened": len(report.opened), "existing": report.existing,
            "by_template": _by_template(report), "unknown_people": sorted(report.unknown_people),
            "instances": [{"client": o.client, "template": o.template, "period": o.period, "owner": o.owner}
                          for o in report.opened]}


@workflows_app.command("list")
def list_command(month: str | None = typer.Option(None, "--month", help="Only this period (YYYY-MM or YYYY)."),
                 client: str | None = typer.Option(None, "--client", help="Only clients whose name contains this."),
                 status: str = typer.Option("open", "--status", help="open | done | all"),
                 today: str | None = TodayOption,
                 as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Instances with their current stage, who has it and when it is due."""
    if status not in ("open", "done", "all"):
        fail(f"--status must be open, done or all, got {status!r} — 状态应为 open / done / all")
    app = load_app(today)
    with app.session() as session:
        rows = _list(session, month, client, status, app.today())
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="服务流程 · Workflows")
    headers = ("客户 Client", "流程 Workflow", "期间 Period", "状态 Status", "当前阶段 Stage", "负责人 Assigned",
               "截止 Due", "超时 Late")
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(row["client"], row["workflow"], row["period"], row["status"], row["stage"] or "—",
                      row["assignee"] or "—", row["due_on"] or "—", str(row["days_overdue"] or ""))
    console.print(table)


def _list(session, month: str | None, client: str | None, status: str, today: date) -> list[dict[str, Any]]:
    """One row per instance (every client: the command line is the admin's), with its current stage."""
    client_ids = None
    if client:
        client_ids = list(session.execute(select(Client.id).where(Client.name.contains(client, autoescape=True)))
                          .scalars())
    rows = stages(session, EVERYONE, client_ids=client_ids, period=month, open_only=status == "open")
    by_instance: dict[int, list[StageRow]] = {}
    for row in rows:
        if status == "all" or row.instance_status == status:
            by_instance.setdefault(row.instance_id, []).append(row)
    out = []
    for group in by_instance.values():
        done = {r.key for r in group if r.is_done}
        stage = next((r for r in group if not r.is_done and all(k in done for k in r.prerequisites)), None)
        late = stage is not None and stage.due_on < today
        first = group[0]
        out.append({"client": first.client, "template": first.template, "workflow": first.workflow_zh,
                    "period": first.period, "status": first.instance_status,
                    "stage": stage.name_zh if stage else None, "assignee": stage.assignee if stage else None,
                    "due_on": stage.due_on.isoformat() if stage else None,
                    "days_overdue": (today - stage.due_on).days if stage and late else None})
    return out


@workflows_app.command("check")
def check_command() -> None:
    """Load and validate the workflow templates (shipped + ZHANGFANG_WORKFLOWS_DIR), and list them."""
    app = load_app()
    templates = _templates(app)
    for template in templates:
        stages = " → ".join(stage.name.zh for stage in template.stages)
        console.print(f"{template.key}: {template.name.zh} ({template.cadence}) — {stages}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(workflows_app, name="workflows")
