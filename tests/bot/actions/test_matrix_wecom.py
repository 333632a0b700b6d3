"""The full action matrix on WeCom (tests/bot/actions/platform_matrix.py): every action kind × the seven properties,
through our /wecom/callback endpoint — text messages and template-card button clicks (template_card_event),
encrypted and signed by wechatpy as WeCom sends them — and the answers read at the fake WeCom API (message/send:
the text, and the 确认 / 取消 buttons as a button_interaction card)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.server import create_app
from tests.adapters.wecom.conftest import AES_KEY
from tests.adapters.wecom.conftest import TOKEN as WECOM_TOKEN
from tests.bot.actions.platform_matrix import CASES, ID_KEYS, IDS, STAFF, START, Case, Said, build, converse
from tests.bot.actions.support import TODAY
from tests.fakes.wecom_api import FakeWeCom, WeComSide


class WeComDriver:
    platform = "wecom"

    def __init__(self, server: TestClient, api: FakeWeCom, side: WeComSide, users: dict[str, str]) -> None:
        self.server, self.api, self.side, self.users = server, api, side, users

    def _post(self, xml: str, user: str) -> Said:
        start = len(self.api.app_messages)
        params, body = self.side.callback(xml)
        assert self.server.post("/wecom/callback", params=params, content=body).status_code == 200
        new = [m for m in self.api.app_messages[start:] if m["touser"] == user]
        text = "\n".join(m[m["msgtype"]].get("content", "") or json.dumps(m[m["msgtype"]], ensure_ascii=False)
                         for m in new)
        cards = [m["template_card"] for m in new if m["msgtype"] == "template_card"]
        return Said(text, {b["text"]: (b["key"], c["task_id"]) for c in cards for b in c["button_list"]})

    def say(self, who: str, text: str) -> Said:
        return self._post(self.side.text_xml(self.users[who], text), self.users[who])

    def press(self, who: str, button: tuple[str, str]) -> Said:
        key, task_id = button
        return self._post(self.side.card_click_xml(self.users[who], key, task_id), self.users[who])

    def forge(self, who: str, value: str) -> Said:
        return self.press(who, (value, "forged-task"))


@pytest.fixture(scope="module")
def wecom(make_module_app) -> Iterator[tuple[Any, dict[str, int], WeComDriver]]:
    with FakeWeCom() as api:
        app = make_module_app(today=TODAY, wecom_corp_id=api.corp_id, wecom_agent_id=api.agent_id,
                              wecom_secret=api.secret, wecom_token=WECOM_TOKEN, wecom_aes_key=AES_KEY,
                              wecom_api_base_url=api.api_base)
        app.clock = app.clock.at(START)
        ids = build(app)
        users = {name: f"wx-{ids[ID_KEYS[name]]}" for name in STAFF}  # bound by build_firm
        side = WeComSide(WECOM_TOKEN, AES_KEY, api.corp_id, api.agent_id)
        with TestClient(create_app(app)) as server:
            yield app, ids, WeComDriver(server, api, side, users)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_action_on_wecom(wecom, case: Case) -> None:
    app, ids, driver = wecom
    converse(app, ids, driver, case)
