"""A platform message that arrives while the database cannot record it (read-only here) is answered 503 with
Retry-After — so Slack, WeCom and DingTalk deliver it again later — instead of a 500 (found by the reliability
suite's read-only fault); delivered again when the database is back, it is answered once."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from bot.bootstrap import App, bootstrap
from bot.db import make_engine
from bot.server import create_app
from tests.adapters.slack.conftest import event_body, mention, sign
from tests.chat_ids import bind_chat_ids, staff_named
from tests.conftest import POSTGRES_URL
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.wecom_api import FakeWeCom, WeComSide
from tests.small_firm import DUPING_SLACK, build_small_firm

SECRET = "test-signing-secret-0123456789ab"
WECOM_TOKEN = "unavailableToken"
WECOM_AES = base64.b64encode(bytes(range(32))).decode().rstrip("=")


def read_only(app: App) -> App:
    """The same database through a read-only connection (SQLite mode=ro; PostgreSQL read-only transactions)."""
    if app.engine.dialect.name == "sqlite":
        engine = make_engine(f"sqlite:///file:{app.engine.url.database}?mode=ro&uri=true")
    else:
        with app.engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar()
        engine = create_engine(POSTGRES_URL or "", connect_args={
            "options": f"-csearch_path={schema} -cdefault_transaction_read_only=on"})
    return bootstrap(app.settings, engine=engine, clock=app.clock, migrate=False)


def test_platform_messages_get_503_while_the_database_is_read_only(make_app: Callable[..., App]) -> None:
    with FakeSlackApi(token="xoxb-t") as slack, FakeWeCom() as wecom, FakeDingTalk() as dingtalk:
        app = make_app(slack_bot_token="xoxb-t", slack_signing_secret=SECRET, slack_api_base_url=slack.api_url,
                       wecom_corp_id=wecom.corp_id, wecom_agent_id=wecom.agent_id, wecom_secret=wecom.secret,
                       wecom_token=WECOM_TOKEN, wecom_aes_key=WECOM_AES, wecom_api_base_url=wecom.api_base,
                       dingtalk_client_id=dingtalk.client_id, dingtalk_client_secret=dingtalk.client_secret,
                       dingtalk_mode="http", dingtalk_api_base_url=dingtalk.api_base, scheduler_enabled=False)
        build_small_firm(app)
        with app.session() as session:
            bind_chat_ids(session, staff_named(session, "杜萍"), wecom="duping", dingtalk="dp")
        slack_body = event_body(mention(DUPING_SLACK, "应收余额"), "EvReadOnly1").encode()
        side = WeComSide(WECOM_TOKEN, WECOM_AES, wecom.corp_id, wecom.agent_id)
        params, wecom_body = side.callback(side.text_xml("duping", "应收余额", "7001"))
        message = json.dumps(dingtalk.bot_message("应收余额", staff_id="dp"), ensure_ascii=False).encode()

        def deliver(client: TestClient) -> list:
            stamp = str(int(time.time() * 1000))
            return [
                client.post("/slack/events", content=slack_body,
                            headers={**sign(slack_body.decode()), "Content-Type": "application/json"}),
                client.post("/wecom/callback", params=params, content=wecom_body),
                client.post("/dingtalk/callback", content=message, headers={
                    "timestamp": stamp, "sign": dingtalk_sign(stamp, dingtalk.client_secret),
                    "Content-Type": "application/json"}),
            ]

        fragile = read_only(app)
        with TestClient(create_app(fragile), raise_server_exceptions=False) as client:
            refused = deliver(client)
            assert [r.status_code for r in refused] == [503, 503, 503]
            assert all(int(r.headers["retry-after"]) > 0 for r in refused)
            metrics = client.get("/metrics").text
            assert 'outcome="unavailable",platform="slack"' in metrics
        fragile.engine.dispose()

        with TestClient(create_app(app)) as client:  # the platforms deliver again once the database is back
            assert [r.status_code for r in deliver(client)] == [200, 200, 200]
            assert [r.status_code for r in deliver(client)] == [200, 200, 200]  # and once more: a retry
        assert len([c for c in slack.calls("chat.postMessage") if not c.params.get("_failed")]) == 1
        assert len(wecom.app_messages) == 1 and len(dingtalk.session_messages) == 1
