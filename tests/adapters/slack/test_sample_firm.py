"""The sample firm through Slack: 杜萍, bound with `zhangfang bind`, asks in a channel; the Block Kit answer
shows the same rows, in the same order, as `zhangfang ask --json` for the same question."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from bot.bootstrap import App, bootstrap
from bot.cli import build
from bot.config import load_settings
from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.server import create_app
from bot.texts import lookup
from tests.adapters.slack.conftest import SECRET, TOKEN, buttons, mention, post_event
from tests.conftest import SAMPLE_TODAY
from tests.fakes.slack_api import FakeSlackApi

DUPING = "U0SAMPLEDP"


@pytest.fixture
def sample_copy(sample_app: App, tmp_path: Path, slack_api: FakeSlackApi,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """A private copy of the (read-only, shared) sample firm, wired to the fake Slack, with 杜萍 bound."""
    with sample_app.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "sample-copy.db"
    shutil.copy(sample_app.engine.url.database or "", path)
    url = f"sqlite:///{path}"
    monkeypatch.chdir(tmp_path)
    bound = CliRunner().invoke(build(), ["bind", "slack", DUPING, "杜萍"], env={"ZHANGFANG_DATABASE_URL": url})
    assert bound.exit_code == 0, bound.output
    settings = load_settings(_env_file=None, database_url=url, today=SAMPLE_TODAY, slack_bot_token=TOKEN,
                             slack_signing_secret=SECRET, slack_api_base_url=slack_api.api_url)
    app = bootstrap(settings, today=SAMPLE_TODAY)
    yield app
    app.engine.dispose()


def _ask_json(app: App, question: str) -> dict:
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id="杜萍", text=question)).data


def test_overdue_clients_as_in_ask_json(sample_copy: App, slack_api: FakeSlackApi) -> None:
    expected = _ask_json(sample_copy, "哪些客户逾期未付款")
    with TestClient(create_app(sample_copy)) as client:
        assert post_event(client, mention(DUPING, "哪些客户逾期未付款"), "EvSAMPLE1") == 200
    [post] = slack_api.calls("chat.postMessage")
    table = next(b["text"]["text"] for b in post.blocks if b["type"] == "section" and "```" in b["text"]["text"])
    shown = [item["client"] for item in expected["items"] if item["client"] in table]
    assert shown == [item["client"] for item in expected["items"][:10]]
    assert [line.split()[0] for line in table.strip("`").splitlines()[1:]] == shown  # same order
    assert expected["text"].splitlines()[0].replace("&", "&amp;") in post.block_text()
    assert len(expected["items"]) > 10 and buttons(post.blocks)


def test_help_in_slack(sample_copy: App, slack_api: FakeSlackApi) -> None:
    with TestClient(create_app(sample_copy)) as client:
        post_event(client, mention(DUPING, "帮助"), "EvSAMPLE2")
    [post] = slack_api.calls("chat.postMessage")
    assert post.blocks[0]["text"]["text"] == lookup("zh", "help.title")
