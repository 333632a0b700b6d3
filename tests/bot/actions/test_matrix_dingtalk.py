"""The full action matrix on DingTalk (tests/bot/actions/platform_matrix.py): every action kind × the seven
properties, through our /dingtalk/callback endpoint in HTTP mode — bot messages signed as DingTalk signs them, and
ActionCard buttons (a dtmd:// sendMessage link: pressing one sends its value as the user's message) — and the
answers read at the fake DingTalk's session webhook."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from starlette.testclient import TestClient

from adapters.dingtalk.outbound import SEND_MESSAGE
from bot.server import create_app
from tests.bot.actions.platform_matrix import CASES, IDS, START, Case, Said, bind, build, converse
from tests.bot.actions.support import TODAY
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign


class DingTalkDriver:
    platform = "dingtalk"

    def __init__(self, server: TestClient, api: FakeDingTalk, users: dict[str, str]) -> None:
        self.server, self.api, self.users = server, api, users

    def say(self, who: str, text: str) -> Said:
        start = len(self.api.session_messages)
        stamp = str(int(time.time() * 1000))
        body = json.dumps(self.api.bot_message(text, staff_id=self.users[who]), ensure_ascii=False).encode()
        headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, self.api.client_secret),
                   "Content-Type": "application/json"}
        assert self.server.post("/dingtalk/callback", content=body, headers=headers).status_code == 200
        new = self.api.session_messages[start:]
        text_out = "\n".join(m.get("markdown", m.get("actionCard", {})).get("text", "") for m in new)
        return Said(text_out, {b["title"]: unquote(b["actionURL"].removeprefix(SEND_MESSAGE))
                               for m in new for b in m.get("actionCard", {}).get("btns", [])})

    def press(self, who: str, button: str) -> Said:
        return self.say(who, button)  # the button's link sends its value as the presser's message

    def forge(self, who: str, value: str) -> Said:
        return self.say(who, value)


@pytest.fixture(scope="module")
def dingtalk(make_module_app) -> Iterator[tuple[Any, dict[str, int], DingTalkDriver]]:
    with FakeDingTalk() as api:
        app = make_module_app(today=TODAY, dingtalk_client_id=api.client_id, dingtalk_mode="http",
                              dingtalk_client_secret=api.client_secret, dingtalk_api_base_url=api.api_base)
        app.clock = app.clock.at(START)
        ids = build(app)
        users = bind(app, "dingtalk", ids, lambda key: f"ding-{key}")
        with TestClient(create_app(app)) as server:
            yield app, ids, DingTalkDriver(server, api, users)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_action_on_dingtalk(dingtalk, case: Case) -> None:
    app, ids, driver = dingtalk
    converse(app, ids, driver, case)
