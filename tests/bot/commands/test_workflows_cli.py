"""`zhangfang workflows open / list / check`, and workflow commands through `zhangfang ask` (recorded as the CLI),
on SQLite and PostgreSQL; a bad template stops the command and the server at start, naming the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from domain.workflows.models import WorkflowEvent, WorkflowInstance
from domain.workflows.templates import TemplateError
from tests.cli_database import cli_database_url
from tests.domain.workflows.support import CHANGQING, HUAXIN, MINGYUAN, build_firm


@pytest.fixture
def firm_app(make_app: Callable[..., App]) -> App:
    app = make_app()
    build_firm(app)
    return app


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(app: App, *args: str, **env: str) -> Result:
    environment = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": None,
                   "ZHANGFANG_WORKFLOWS_DIR": None, **env}
    return CliRunner().invoke(build(), list(args), env=environment)


def test_open_a_month_once_and_list_it(firm_app: App) -> None:
    first = run(firm_app, "workflows", "open", "--month", "2026-11", "--today", "2026-12-02", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["opened"] == 3 and report["by_template"] == {"bookkeeping": 3}
    assert {i["client"] for i in report["instances"]} == {HUAXIN, MINGYUAN, CHANGQING}
    again = json.loads(run(firm_app, "workflows", "open", "--month", "2026-11", "--today", "2026-12-02",
                           "--json").stdout)
    assert (again["opened"], again["existing"]) == (0, 3)
    with firm_app.session() as session:
        assert len(session.execute(select(WorkflowInstance.id)).all()) == 3
    listed = json.loads(run(firm_app, "workflows", "list", "--today", "2026-12-09", "--json").stdout)
    assert {(r["client"], r["stage"], r["days_overdue"]) for r in listed} == {
        (name, "资料交接", 4) for name in (HUAXIN, MINGYUAN, CHANGQING)}
    table = run(firm_app, "workflows", "list", "--client", "华信", "--today", "2026-12-09", COLUMNS="200")
    assert table.exit_code == 0 and "资料交接" in table.stdout and "明远" not in table.stdout


def test_ask_proposes_and_a_second_ask_confirms_recorded_as_the_cli(firm_app: App) -> None:
    run(firm_app, "workflows", "open", "--month", "2026-11", "--today", "2026-12-02")
    proposal = json.loads(run(firm_app, "ask", "华信科技 资料交接完成", "--as", "王芳", "--today", "2026-12-03",
                              "--json").stdout)
    assert proposal["intent"] == "workflow_complete" and proposal["status"] == "proposed"
    applied = json.loads(run(firm_app, "ask", "确认", "--as", "王芳", "--today", "2026-12-03", "--json").stdout)
    assert applied["status"] == "done" and applied["via"] == "cli"
    with firm_app.session() as session:
        event = session.execute(select(WorkflowEvent).where(WorkflowEvent.action == "completed")).scalar_one()
    assert (event.stage_key, event.actor, event.via, event.on.isoformat()) == ("handover", "王芳", "cli", "2026-12-03")


def test_bad_input_and_a_bad_template_are_refused(firm_app: App, make_app: Callable[..., App], tmp_path: Path
                                                  ) -> None:
    wrong = run(firm_app, "workflows", "open", "--month", "2026-13")
    assert wrong.exit_code == 2 and "YYYY-MM" in wrong.stderr
    assert "bookkeeping: 代理记账" in run(firm_app, "workflows", "check").stdout
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "payroll.yaml").write_text("key: payroll\nname: {zh: 代发工资}\n", encoding="utf-8")
    broken = run(firm_app, "workflows", "check", ZHANGFANG_WORKFLOWS_DIR=str(folder))
    assert broken.exit_code == 2 and "payroll.yaml" in broken.stderr and "name.en" in broken.stderr
    with pytest.raises(TemplateError, match="payroll"):  # the server's App is never built
        make_app(workflows_dir=str(folder))
