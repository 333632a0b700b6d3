"""DingTalk Stream mode end to end: the real server starts the dingtalk-stream client as a background task; it
opens a connection at the fake gateway's HTTP endpoint, connects to its websocket with the ticket, receives a
bot-message CALLBACK frame, ACKs it and answers through the fake sessionWebhook."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.metrics import exposition
from bot.server import create_app
from tests.adapters.dingtalk.conftest import DUPING, WANGFANG, DingTalkKit, bind_dingtalk_users, configure
from tests.fakes.dingtalk_api import FakeDingTalk, wait_for
from tests.small_firm import build_small_firm


@pytest.fixture
def stream_kit(make_app: Callable[..., App], dingtalk_api: FakeDingTalk) -> Iterator[DingTalkKit]:
    app = configure(make_app, dingtalk_api, "stream")
    firm = build_small_firm(app)
    bind_dingtalk_users(app)
    with TestClient(create_app(app)) as server:
        wait_for(lambda: dingtalk_api.gateway.connections == 1)
        yield DingTalkKit(app, dingtalk_api, server, firm)


def ack_for(api: FakeDingTalk, message_id: str) -> dict | None:
    return next((a for a in api.gateway.acks if a.get("headers", {}).get("messageId") == message_id), None)


def test_stream_mode_mounts_no_callback_route(stream_kit: DingTalkKit) -> None:
    assert stream_kit.server.post("/dingtalk/callback", json={}).status_code == 404


def test_open_connection_subscribes_to_bot_messages_with_the_app_credentials(stream_kit: DingTalkKit) -> None:
    [opened] = [r for r in stream_kit.api.requests if r.path == "/v1.0/gateway/connections/open"]
    body = opened.json
    assert (body["clientId"], body["clientSecret"]) == (stream_kit.api.client_id, stream_kit.api.client_secret)
    assert {"type": "CALLBACK", "topic": "/v1.0/im/bot/messages/get"} in body["subscriptions"]


def test_callback_frame_is_acked_and_answered_in_the_conversation(stream_kit: DingTalkKit) -> None:
    frame = stream_kit.api.callback_frame(stream_kit.api.bot_message("哪些客户逾期未付款", staff_id=DUPING))
    stream_kit.api.gateway.push(frame)
    ack = wait_for(lambda: ack_for(stream_kit.api, frame["headers"]["messageId"]))
    assert ack["code"] == 200
    wait_for(lambda: stream_kit.api.session_messages and stream_kit.api.session_messages[-1]["msgtype"] == "actionCard")
    answer = "\n".join(stream_kit.answers())
    assert sum(name in answer for name in stream_kit.firm.duping_clients) == 10
    assert stream_kit.firm.wangfang_clients[0] not in answer


def test_redelivered_frame_is_acked_but_answered_once(make_app: Callable[..., App],
                                                     dingtalk_api: FakeDingTalk) -> None:
    app = configure(make_app, dingtalk_api, "stream")
    build_small_firm(app)
    bind_dingtalk_users(app)
    data = dingtalk_api.bot_message("帮助", staff_id=WANGFANG, msg_id="msgStream01==")
    first, again = dingtalk_api.callback_frame(data), dingtalk_api.callback_frame(data)
    with TestClient(create_app(app)):
        wait_for(lambda: dingtalk_api.gateway.connections == 1)
        dingtalk_api.gateway.push(first)
        dingtalk_api.gateway.push(again)
        ack = wait_for(lambda: ack_for(dingtalk_api, again["headers"]["messageId"]))
        assert ack["code"] == 200 and json.loads(ack["data"]) == {"response": "OK"}
        assert wait_for(lambda: ack_for(dingtalk_api, first["headers"]["messageId"]))["code"] == 200
    # the server has shut down, which waits for every answer it started: a second one would be here by now
    assert len(dingtalk_api.session_messages) == 1
    assert 'zhangfang_requests_total{outcome="duplicate",platform="dingtalk"} 1.0' in exposition(app).decode()


def test_client_reconnects_with_a_new_ticket_after_the_gateway_drops_it(stream_kit: DingTalkKit) -> None:
    def opened() -> int:
        return sum(r.path == "/v1.0/gateway/connections/open" for r in stream_kit.api.requests)

    stream_kit.api.gateway.drop()
    wait_for(lambda: opened() == 2 and stream_kit.api.gateway.connections == 1)
    frame = stream_kit.api.callback_frame(stream_kit.api.bot_message("帮助", staff_id=WANGFANG))
    stream_kit.api.gateway.push(frame)
    wait_for(lambda: stream_kit.api.session_messages)


def test_wrong_credentials_never_connect(make_app: Callable[..., App], dingtalk_api: FakeDingTalk) -> None:
    app = make_app(dingtalk_client_id=dingtalk_api.client_id, dingtalk_client_secret="wrong", dingtalk_mode="stream",
                   dingtalk_api_base_url=dingtalk_api.api_base)
    with TestClient(create_app(app)):
        wait_for(lambda: any(r.path == "/v1.0/gateway/connections/open" for r in dingtalk_api.requests))
        assert dingtalk_api.gateway.connections == 0
        assert dingtalk_api.tickets == set()


def test_ticket_and_secret_stay_out_of_our_logs(make_app: Callable[..., App], dingtalk_api: FakeDingTalk,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    app = configure(make_app, dingtalk_api, "stream")
    with TestClient(create_app(app)):
        wait_for(lambda: dingtalk_api.gateway.connections == 1)
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("websockets.server"))
    assert "ticket=***" in ours  # the websocket client did log its request line, redacted
    for secret in [*dingtalk_api.tickets, dingtalk_api.client_secret]:
        assert secret not in ours


def test_server_shutdown_says_goodbye_to_the_gateway(make_app: Callable[..., App], dingtalk_api: FakeDingTalk) -> None:
    app = configure(make_app, dingtalk_api, "stream")
    with TestClient(create_app(app)):
        wait_for(lambda: dingtalk_api.gateway.connections == 1)
    wait_for(lambda: dingtalk_api.gateway.connections == 0)
    assert dingtalk_api.gateway.abnormal_closes == 0
