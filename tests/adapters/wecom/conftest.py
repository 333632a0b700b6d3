"""WeCom test kit: the fake WeCom API, an App configured for it with the small firm, the real server, and
WeCom's side of the callback (requests encrypted and signed with wechatpy, as WeCom sends them)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.chat_ids import bind_chat_ids, contact_named, staff_named
from tests.fakes.wecom_api import FakeWeCom, WeComSide
from tests.small_firm import SmallFirm, build_small_firm

TOKEN = "zhangfangCallbackToken"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters, as WeCom generates
DUPING = "duping"  # 杜萍's WeCom userid (a chat identity, as the staff sheet's WeCom ID column binds it)
WANGFANG = "wangfang"
LINA = "lina-external"  # the client contact 李娜, bound with ChatIdentity


@dataclass
class WeComKit:
    app: App
    api: FakeWeCom
    side: WeComSide
    server: TestClient
    firm: SmallFirm

    def post(self, plain_xml: str, **signing: object) -> int:
        params, body = self.side.callback(plain_xml, **signing)  # type: ignore[arg-type]
        return self.server.post("/wecom/callback", params=params, content=body).status_code

    def ask(self, user: str, text: str, msg_id: str | None = None) -> int:
        return self.post(self.side.text_xml(user, text, msg_id))


@pytest.fixture
def wecom_api() -> Iterator[FakeWeCom]:
    with FakeWeCom() as api:
        yield api


@pytest.fixture
def wecom_app(make_app: Callable[..., App], wecom_api: FakeWeCom) -> App:
    return make_app(wecom_corp_id=wecom_api.corp_id, wecom_agent_id=wecom_api.agent_id, wecom_secret=wecom_api.secret,
                    wecom_token=TOKEN, wecom_aes_key=AES_KEY, wecom_api_base_url=wecom_api.api_base)


def bind_wecom_users(app: App, firm: SmallFirm) -> None:
    """杜萍, 王芳 and 李娜 (a client contact) get their WeCom user ids."""
    with app.session() as session:
        bind_chat_ids(session, staff_named(session, "杜萍"), wecom=DUPING)
        bind_chat_ids(session, staff_named(session, "王芳"), wecom=WANGFANG)
        bind_chat_ids(session, contact_named(session, "李娜"), wecom=LINA)


@pytest.fixture
def kit(wecom_app: App, wecom_api: FakeWeCom) -> Iterator[WeComKit]:
    firm = build_small_firm(wecom_app)
    bind_wecom_users(wecom_app, firm)
    side = WeComSide(TOKEN, AES_KEY, wecom_api.corp_id, wecom_api.agent_id)
    with TestClient(create_app(wecom_app)) as server:
        yield WeComKit(wecom_app, wecom_api, side, server, firm)
