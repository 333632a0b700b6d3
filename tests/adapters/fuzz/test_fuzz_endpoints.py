"""Property-based fuzzing (hypothesis, bounded) of the HTTP endpoints of the real server, with CORRECT credentials:
whatever a platform (or an API client holding the token) sends — any bytes, any JSON, any XML, any content type —
the answer is a 2xx/4xx, never a 5xx, and the server stays up. Unsigned input is the hostile corpus of the
reliability suite (docs/reliability.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.adapters.fuzz.test_fuzz_inbound import (
    AES_KEY,
    DINGTALK_KEYS,
    SLACK_EVENT,
    TOKEN,
    json_values,
    objects,
    xml_bodies,
)
from tests.adapters.slack.conftest import sign
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.wecom_api import FakeWeCom, WeComSide
from tests.small_firm import build_small_firm

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SLACK_SECRET, API_TOKEN = "test-signing-secret-0123456789ab", "fuzz-token"

NASTY = [b'{"question":"x","as":"\\ud800"}', b'{"question":"\\udfff","as":"\\u675c\\u840d"}', b"[" * 5000,
         b'{"type":"event_callback","event":"\\ud800"}', b"\xff\xfe\x00", b"payload=%7B%7D", b"payload=%FF"]
bodies = st.sampled_from(NASTY) | st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()) \
    | st.text(max_size=100).map(lambda s: s.encode("utf-8", "surrogatepass"))


@pytest.fixture
def server(make_app: Callable[..., App]) -> Iterator[tuple[TestClient, FakeWeCom, FakeDingTalk]]:
    with FakeSlackApi(token="xoxb-fuzz") as slack, FakeWeCom() as wecom, FakeDingTalk() as dingtalk:
        app = make_app(slack_bot_token="xoxb-fuzz", slack_signing_secret=SLACK_SECRET,
                       slack_api_base_url=slack.api_url, wecom_corp_id=wecom.corp_id, wecom_agent_id=wecom.agent_id,
                       wecom_secret=wecom.secret, wecom_token=TOKEN, wecom_aes_key=AES_KEY,
                       wecom_api_base_url=wecom.api_base, dingtalk_client_id=dingtalk.client_id,
                       dingtalk_client_secret=dingtalk.client_secret, dingtalk_mode="http",
                       dingtalk_api_base_url=dingtalk.api_base, api_token=API_TOKEN, scheduler_enabled=False)
        build_small_firm(app)
        with TestClient(create_app(app), raise_server_exceptions=False) as client:
            yield client, wecom, dingtalk
            assert client.get("/healthz").status_code == 200  # still up after everything


def not_5xx(status: int) -> None:
    assert status < 500, status


@FUZZ
@given(body=bodies | objects(["type", "event", "event_id", "challenge", "token", "team_id"]).map(
    lambda o: json.dumps(o).encode()) | objects(SLACK_EVENT).map(
    lambda e: json.dumps({"type": "event_callback", "event_id": "Ev1", "event": e}).encode()),
    content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain", ""]))
def test_signed_slack_bodies_never_5xx(server, body: bytes, content_type: str) -> None:
    client = server[0]
    headers = {**sign(body.decode("utf-8", "replace"), SLACK_SECRET), "Content-Type": content_type}
    headers = {k: v for k, v in headers.items() if v}
    not_5xx(client.post("/slack/events", content=body, headers=headers).status_code)


@FUZZ
@given(body=bodies | objects(DINGTALK_KEYS).map(lambda o: json.dumps(o).encode()))
def test_signed_dingtalk_bodies_never_5xx(server, body: bytes) -> None:
    client, _, dingtalk = server
    stamp = str(int(time.time() * 1000))
    headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, dingtalk.client_secret),
               "Content-Type": "application/json"}
    not_5xx(client.post("/dingtalk/callback", content=body, headers=headers).status_code)


@FUZZ
@given(plain=xml_bodies)
def test_signed_wecom_messages_never_5xx(server, plain: str) -> None:
    client, wecom, _ = server
    params, body = WeComSide(TOKEN, AES_KEY, wecom.corp_id, wecom.agent_id).callback(plain)
    not_5xx(client.post("/wecom/callback", params=params, content=body).status_code)


@FUZZ
@given(body=bodies | st.fixed_dictionaries({"question": json_values, "as": json_values}).map(
    lambda o: json.dumps(o).encode()) | st.fixed_dictionaries(
    {"question": st.text(max_size=60), "as": st.sampled_from(["杜萍", "王芳", "nobody", ""])}).map(
    lambda o: json.dumps(o, ensure_ascii=False).encode()))
def test_api_ask_bodies_never_5xx(server, body: Any) -> None:
    client = server[0]
    headers = {"Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/json"}
    not_5xx(client.post("/api/ask", content=body, headers=headers).status_code)


def test_regression_deeply_nested_json_is_a_400_not_a_500(server) -> None:
    """Found by fuzzing the hardened server: 5,000 nested brackets, correctly signed or with the API token, made
    json.loads raise RecursionError inside Bolt and in /api/ask — a 500 and a traceback."""
    client = server[0]
    deep = b"[" * 5000
    assert client.post("/slack/events", content=deep, headers={**sign(deep.decode(), SLACK_SECRET),
                                                                "Content-Type": "application/json"}).status_code == 400
    assert client.post("/api/ask", content=deep, headers={"Authorization": f"Bearer {API_TOKEN}"}).status_code == 400


def test_regression_repeated_and_nested_wecom_fields_are_ignored() -> None:
    """Found by fuzzing after the merge: a repeated <MsgType> (a list) and a nested <FromUserName> (a dict) in a
    correctly signed callback gave a 500; such fields are now ignored."""
    from adapters.wecom.inbound import to_incoming

    assert to_incoming({"MsgType": ["text", "text"], "FromUserName": {"ToUserName": ""}}) is None
    message = to_incoming({"MsgType": ["", ""], "FromUserName": "zhangsan", "Content": "hi"})
    assert message is None or message.text in ("", "hi")
