"""Socket Mode (ZHANGFANG_SLACK_APP_TOKEN): no public URL; events arrive over a websocket and are acknowledged."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.adapters.slack.conftest import TOKEN, direct, event_body
from tests.fakes.slack_api import FakeSlackApi
from tests.small_firm import DUPING_SLACK, build_small_firm

APP_TOKEN = "xapp-test-token"


def test_socket_mode_event_is_acked_and_answered(make_app: Callable[..., App], slack_api: FakeSlackApi) -> None:
    app = make_app(slack_bot_token=TOKEN, slack_app_token=APP_TOKEN, slack_api_base_url=slack_api.api_url)
    firm = build_small_firm(app)
    server = create_app(app)
    assert not any(getattr(r, "path", "") == "/slack/events" for r in server.routes)  # no signing secret: no URL
    with TestClient(server):
        envelope = slack_api.push(json.loads(event_body(direct(DUPING_SLACK, "哪些客户逾期未付款"), "EvSOCKET1")))
        assert slack_api.wait_for_ack(envelope)["envelope_id"] == envelope
        [post] = slack_api.wait_for("chat.postMessage")
    [opened] = slack_api.calls("apps.connections.open")
    assert opened.request.headers["authorization"] == f"Bearer {APP_TOKEN}"
    assert post.params["channel"] == "D0DIRECT"
    assert sum(name in post.block_text() for name in firm.duping_clients) == 10
