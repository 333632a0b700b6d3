"""DingTalk test kit: the fake DingTalk (HTTP API + Stream gateway), an App configured for it with the small
firm, the real server in HTTP or Stream mode, and bot messages signed the way DingTalk signs them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.chat_ids import bind_chat_ids, contact_named, staff_named
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign
from tests.small_firm import SmallFirm, build_small_firm

DUPING = "manager4421"  # 杜萍's DingTalk userid (a chat identity), sent as senderStaffId
WANGFANG = "staff0187"
LINA = "$:LWCP_v1:$lina-outside-org=="  # client contact 李娜 from another organisation: senderId only, bound


@dataclass
class DingTalkKit:
    app: App
    api: FakeDingTalk
    server: TestClient
    firm: SmallFirm

    def post(self, data: dict[str, Any], *, timestamp: int | None = None, sign: str | None = None) -> int:
        stamp = str(int(time.time() * 1000) if timestamp is None else timestamp)
        headers = {"timestamp": stamp, "sign": sign or dingtalk_sign(stamp, self.api.client_secret),
                   "Content-Type": "application/json"}
        body = json.dumps(data, ensure_ascii=False).encode()
        return self.server.post("/dingtalk/callback", content=body, headers=headers).status_code

    def ask(self, text: str, *, staff_id: str | None, **options: Any) -> int:
        return self.post(self.api.bot_message(text, staff_id=staff_id, **options))

    def answers(self) -> list[str]:
        return [m.get("markdown", m.get("actionCard", {})).get("text", "") for m in self.api.session_messages]


@pytest.fixture
def dingtalk_api() -> Iterator[FakeDingTalk]:
    with FakeDingTalk() as api:
        yield api


def configure(make_app: Callable[..., App], api: FakeDingTalk, mode: str) -> App:
    return make_app(dingtalk_client_id=api.client_id, dingtalk_client_secret=api.client_secret, dingtalk_mode=mode,
                    dingtalk_api_base_url=api.api_base, dingtalk_oapi_base_url=api.api_base)


def bind_dingtalk_users(app: App) -> None:
    """杜萍, 王芳 and 李娜 (a client contact) get their DingTalk user ids."""
    with app.session() as session:
        bind_chat_ids(session, staff_named(session, "杜萍"), dingtalk=DUPING)
        bind_chat_ids(session, staff_named(session, "王芳"), dingtalk=WANGFANG)
        bind_chat_ids(session, contact_named(session, "李娜"), dingtalk=LINA)


@pytest.fixture
def http_kit(make_app: Callable[..., App], dingtalk_api: FakeDingTalk) -> Iterator[DingTalkKit]:
    app = configure(make_app, dingtalk_api, "http")
    firm = build_small_firm(app)
    bind_dingtalk_users(app)
    with TestClient(create_app(app)) as server:
        yield DingTalkKit(app, dingtalk_api, server, firm)
