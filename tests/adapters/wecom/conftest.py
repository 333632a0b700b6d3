"""WeCom test kit: the fake WeCom API, an App configured for it with the small firm, the real server, and
WeCom's side of the callback (requests encrypted and signed with wechatpy, as WeCom sends them)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from domain.models import ChatIdentity, Contact, Staff
from tests.fakes.wecom_api import FakeWeCom, WeComSide
from tests.small_firm import SmallFirm, build_small_firm

TOKEN = "zhangfangCallbackToken"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")  # 43 characters, as WeCom generates
DUPING = "duping"  # 杜萍's WeCom userid (Staff.wecom_id)
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


def bind_wecom_ids(app: App, firm: SmallFirm) -> None:
    """杜萍 and 王芳 by the import's WeCom id column; 李娜 (a client contact) by a ChatIdentity binding."""
    with app.session() as session:
        session.execute(update(Staff).where(Staff.name == "杜萍").values(wecom_id=DUPING))
        session.execute(update(Staff).where(Staff.name == "王芳").values(wecom_id=WANGFANG))
        contact = session.query(Contact).filter(Contact.name == "李娜").one()
        session.add(ChatIdentity(platform="wecom", user_id=LINA, contact_id=contact.id))


@pytest.fixture
def kit(wecom_app: App, wecom_api: FakeWeCom) -> Iterator[WeComKit]:
    firm = build_small_firm(wecom_app)
    bind_wecom_ids(wecom_app, firm)
    side = WeComSide(TOKEN, AES_KEY, wecom_api.corp_id, wecom_api.agent_id)
    with TestClient(create_app(wecom_app)) as server:
        yield WeComKit(wecom_app, wecom_api, side, server, firm)
