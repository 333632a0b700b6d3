"""The full action matrix on Slack (tests/bot/actions/platform_matrix.py): every action kind × the seven properties,
through the real Bolt app behind our /slack/events endpoint — signed Events API messages in a DM, Block Kit
button clicks (block_actions) — and the answers read at the fake Slack Web API (chat.postMessage)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.server import create_app
from tests.adapters.slack.conftest import SECRET, TOKEN, buttons, click, direct, post_event, post_form
from tests.bot.actions.platform_matrix import CASES, IDS, START, Case, Said, bind, build, converse
from tests.bot.actions.support import TODAY
from tests.fakes.slack_api import FakeSlackApi

_seq = itertools.count(1)


class SlackDriver:
    platform = "slack"

    def __init__(self, client: TestClient, api: FakeSlackApi, users: dict[str, str]) -> None:
        self.client, self.api, self.users = client, api, users

    def _answer(self, count: int) -> Said:
        post = self.api.wait_for("chat.postMessage", count=count)[count - 1]
        return Said(post.block_text(), {b["text"]["text"]: b for b in buttons(post.blocks)})

    def say(self, who: str, text: str) -> Said:
        user, n = self.users[who], next(_seq)
        count = len(self.api.calls("chat.postMessage")) + 1
        assert post_event(self.client, direct(user, text, channel=f"D{user}", ts=f"1790000000.{n:06d}"),
                          f"EvMatrix{n}") == 200
        return self._answer(count)

    def press(self, who: str, button: dict[str, Any]) -> Said:
        user, n = self.users[who], next(_seq)
        count = len(self.api.calls("chat.postMessage")) + 1
        assert post_form(self.client, click(user, button, self.api.response_url(f"r{n}"), channel=f"D{user}")) == 200
        return self._answer(count)

    def forge(self, who: str, value: str) -> Said:
        return self.press(who, {"action_id": "zf_action_0", "value": value,
                                "text": {"type": "plain_text", "text": "确认"}})


@pytest.fixture(scope="module")
def slack(make_module_app) -> Iterator[tuple[Any, dict[str, int], SlackDriver]]:
    with FakeSlackApi(token=TOKEN) as api:
        app = make_module_app(today=TODAY, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                              slack_api_base_url=api.api_url)
        app.clock = app.clock.at(START)
        ids = build(app)
        users = bind(app, "slack", ids, lambda key: f"U0{key.upper()}")
        with TestClient(create_app(app)) as client:
            yield app, ids, SlackDriver(client, api, users)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_action_on_slack(slack, case: Case) -> None:
    app, ids, driver = slack
    converse(app, ids, driver, case)
