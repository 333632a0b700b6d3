"""Actions through `zhangfang ask` (docs/cli.md, "Actions"): `ask ACTION` proposes, `ask 确认` confirms in another
run (the pending state lives in the database — one case runs two real processes), `--yes` does both, `--json`
carries status and changes; `zhangfang audit` lists what was applied, scoped with --as; the change log in chat."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from tests.bot.actions.support import MINGYUAN, TODAY, build_firm
from tests.cli_database import cli_database_url

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def firm_app(make_app) -> App:
    app = make_app(today=TODAY)
    build_firm(app)
    return app


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(app: App, *args: str) -> Result:
    env = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": TODAY.isoformat()}
    return CliRunner().invoke(build(), list(args), env=env)


def ask(app: App, text: str, who: str = "王芳", *extra: str) -> dict:
    result = run(app, "ask", text, "--as", who, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_ask_proposes_and_a_later_ask_confirms(firm_app) -> None:
    proposed = ask(firm_app, "收到明远贸易转账5000元")
    assert proposed["intent"] == "record_payment" and proposed["status"] == "proposed"
    assert proposed["changes"][0] == {"target": MINGYUAN, "field": "payment", "old": None,
                                      "new": {"amount": 5000.0, "date": TODAY.isoformat(), "method": "银行转账",
                                              "invoice": ""}}
    assert {(c["target"], c["old"], c["new"]) for c in proposed["changes"][1:]} == {
        ("FP100234", 3000.0, 0.0), ("FP100235", 2000.0, 0.0)}
    assert ask(firm_app, "明远贸易的应收余额")["value"] == 5000.0  # nothing yet
    done = ask(firm_app, "确认")
    assert done["status"] == "done" and done["intent"] == "record_payment" and done["via"] == "cli"
    assert ask(firm_app, "明远贸易的应收余额")["value"] == 0.0
    assert ask(firm_app, "确认")["status"] == "nothing_pending"


def test_yes_proposes_and_confirms_in_one_step_and_undo_takes_it_back(firm_app) -> None:
    done = ask(firm_app, "把明远贸易标记为VIP", "王芳", "--yes")
    assert done["status"] == "done" and done["changes"] == [
        {"target": MINGYUAN, "field": "tier", "old": "normal", "new": "vip"}]
    undone = ask(firm_app, "撤销")
    assert undone["status"] == "undone" and undone["intent"] == "update_client"
    assert undone["changes"] == [{"target": MINGYUAN, "field": "tier", "old": "vip", "new": "normal"}]


def test_statuses_cancelled_refused_needs_input_replaced(firm_app) -> None:
    first = ask(firm_app, "把明远贸易标记为VIP")
    second = ask(firm_app, "给明远贸易加个跨境电商标签")
    assert first["status"] == second["status"] == "proposed"
    assert ask(firm_app, "取消")["status"] == "cancelled"
    assert ask(firm_app, "确认")["status"] == "nothing_pending"
    refused = ask(firm_app, "明远贸易转给秦霞负责")  # staff may not change an owner
    assert refused["status"] == "refused" and refused["intent"] == "update_client" and refused["text"]
    needs = ask(firm_app, "收到明远贸易转账")  # no amount
    assert needs["status"] == "needs_input" and needs["intent"] == "record_payment"


def test_audit_lists_applied_actions_scoped_and_filtered(firm_app) -> None:
    ask(firm_app, "把明远贸易标记为VIP", "王芳", "--yes")
    ask(firm_app, "华信科技反馈: 5分，很满意", "秦霞", "--yes")
    result = run(firm_app, "audit", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [(i["action"], i["actor"], i["via"], i["client"]) for i in items] == [
        ("record_feedback", "秦霞", "cli", "杭州华信科技有限公司"), ("update_client", "王芳", "cli", MINGYUAN)]
    assert items[1]["changes"] == [{"target": MINGYUAN, "field": "tier", "old": "normal", "new": "vip"}]
    mine = json.loads(run(firm_app, "audit", "--json", "--as", "王芳").output)["items"]
    assert [i["actor"] for i in mine] == ["王芳"]  # 华信科技 is not hers to see
    assert json.loads(run(firm_app, "audit", "--json", "--client", "明远贸易").output)["items"][0]["client"] == MINGYUAN
    assert json.loads(run(firm_app, "audit", "--json", "--since", "2027-01-01").output)["items"] == []
    text = run(firm_app, "audit", "--client", "明远贸易")
    assert "王芳" in text.output and "VIP" in text.output
    assert run(firm_app, "audit", "--since", "yesterday").exit_code == 2
    log = ask(firm_app, "明远贸易最近的操作记录")
    assert log["intent"] == "audit" and [i["action"] for i in log["items"]] == ["update_client"]
    assert ask(firm_app, "华信科技最近的操作记录", "王芳")["items"] == []  # scoped like any answer


def test_two_real_processes_share_the_pending_proposal(firm_app, tmp_path: Path) -> None:
    env = {**os.environ, "ZHANGFANG_DATABASE_URL": cli_database_url(firm_app), "ZHANGFANG_TODAY": TODAY.isoformat(),
           "PYTHONPATH": str(REPO)}

    def zhangfang(*args: str) -> dict:
        done = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()", *args], env=env,
                              capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert zhangfang("ask", "明远贸易11月资料都齐了", "--as", "王芳", "--json")["status"] == "proposed"
    assert zhangfang("ask", "确认", "--as", "王芳", "--json")["status"] == "done"


def test_asking_whether_documents_are_in_answers_and_saying_so_proposes(firm_app) -> None:
    """"明远贸易11月的资料交齐了吗" asks (its missing documents answer it); "明远贸易11月资料都齐了" says so: an
    action, proposed."""
    for question in ("明远贸易11月的资料交齐了吗", "明远贸易11月的资料齐了没"):
        asked = ask(firm_app, question)
        assert asked["intent"] == "documents_missing" and asked.get("status") != "proposed", asked
    said = ask(firm_app, "明远贸易11月资料都齐了")
    assert said["intent"] == "mark_documents_received" and said["status"] == "proposed"
