"""The full action matrix through `zhangfang ask` (docs/cli.md, "Actions"): every action kind × the seven
properties, each step a separate run of the real command (typer's runner: its own App, settings from the
environment), so the pending proposal lives only in the database. The command line has no buttons: 确认 / 取消 /
撤销 are typed, as its reply says. Expiry pins the moment with ZHANGFANG_NOW (the App's clock plus 31 minutes)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import build as build_cli
from tests.bot.actions.platform_matrix import CASES, IDS, REFUSED, START, Case, build, state
from tests.bot.actions.support import MINGYUAN, TODAY, audit_rows, chat
from tests.cli_database import cli_database_url


@dataclass
class Answer:
    status: str
    text: str


class AskDriver:
    """Each message is one `zhangfang ask … --as WHO --json` run at the App's current moment."""

    def __init__(self, app: Any) -> None:
        self.app, self.url, self.cli = app, cli_database_url(app), build_cli()

    def say(self, who: str, text: str) -> Answer:
        env = {"ZHANGFANG_DATABASE_URL": self.url, "ZHANGFANG_NOW": self.app.clock.now().isoformat()}
        result = CliRunner().invoke(self.cli, ["ask", text, "--as", who, "--json"], env=env)
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        return Answer(str(data.get("status", "")), str(data.get("text", "")))


@pytest.fixture(scope="module")
def asked(make_module_app) -> tuple[Any, dict[str, int], AskDriver]:
    app = make_module_app(today=TODAY)
    app.clock = app.clock.at(START)
    return app, build(app), AskDriver(app)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_action_through_ask(asked, case: Case) -> None:
    app, ids, driver = asked
    app.clock = app.clock.at(START)
    if case.setup:
        chat(app, "赵总", case.setup)
        assert chat(app, "赵总", "确认").data["status"] == "done"
    before, seen = state(app, ids), len(audit_rows(app))
    _declined(app, ids, driver, case, before, seen)
    _applied_audited_undone(app, ids, driver, case, before, seen)
    if case.setup:
        assert chat(app, "赵总", "撤销").data["status"] == "undone"


def _declined(app: Any, ids: dict[str, int], driver: AskDriver, case: Case, before: dict, seen: int) -> None:
    """1. out of scope; 2. nothing without 确认, 取消 drops it; 3. expiry; 4. someone else's 确认."""
    def unchanged() -> bool:
        return state(app, ids) == before and len(audit_rows(app)) == seen

    outsider = driver.say(case.outsider, case.sentence)
    assert outsider.status != "proposed" and any(m in outsider.text for m in REFUSED), outsider.text
    assert not (case.outsider == "刘建" and MINGYUAN in outsider.text), outsider.text
    proposal = driver.say(case.proposer, case.sentence)
    assert proposal.status == "proposed" and "明远贸易" in proposal.text and unchanged(), proposal.text
    assert driver.say(case.proposer, "取消").status == "cancelled" and unchanged()
    driver.say(case.proposer, case.sentence)
    app.clock = app.clock.at(START + timedelta(minutes=31))
    late = driver.say(case.proposer, "确认")
    app.clock = app.clock.at(START)
    assert "30 分钟" in late.text and unchanged(), late.text
    driver.say(case.proposer, case.sentence)
    assert "没有" in driver.say(case.other, "确认").text and unchanged()


def _applied_audited_undone(app: Any, ids: dict[str, int], driver: AskDriver, case: Case, before: dict,
                            seen: int) -> None:
    """5. the proposer's typed 确认 applies it, once; 6. one audit row via the command line; 7. 撤销 puts it back."""
    done = driver.say(case.proposer, "确认")
    assert done.status == "done", done.text
    after = state(app, ids)
    assert case.changed(before, after), (before, after)
    row = {"kind": case.kind, "actor": case.proposer, "via": "cli", "client": MINGYUAN, "undone": False,
           "undoes": None}
    assert audit_rows(app)[seen:] == [row]
    assert driver.say(case.proposer, "确认").status != "done"  # nothing pending: nothing applied twice
    assert state(app, ids) == after and len(audit_rows(app)) == seen + 1
    undone = driver.say(case.proposer, "撤销")
    assert "已撤销" in undone.text and state(app, ids) == before, undone.text
    assert [(r["kind"], r["undone"]) for r in audit_rows(app)[seen:]] == [(case.kind, True), ("undo", False)]
