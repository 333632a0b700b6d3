"""Hostile input at the server's doors (issue 9, items 3 and 4): 4xx, never 500; bodies capped while they stream;
unsigned requests refused before their bodies are read; nothing at ERROR (no traceback) in the log for any of it."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from adapters.dingtalk.app import MAX_BODY_BYTES as DINGTALK_CAP
from adapters.dingtalk.signing import sign as dingtalk_sign
from adapters.slack.app import MAX_BODY_BYTES as SLACK_CAP
from adapters.wecom.inbound import MAX_BODY_BYTES as WECOM_CAP
from bot.bootstrap import App
from bot.server import MAX_QUESTION_BYTES, create_app
from tests.adapters.slack.conftest import sign as slack_sign
from tests.small_firm import build_small_firm

API_TOKEN = "api-token-for-tests"
SLACK_SECRET = "test-signing-secret-0123456789ab"
DINGTALK_SECRET = "dingtalk-secret-for-tests"
WECOM_AES_KEY = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode().rstrip("=")
CHUNK = 64 * 1024


@pytest.fixture
def hardened(make_app: Callable[..., App]) -> App:
    app = make_app(api_token=API_TOKEN, slack_bot_token="xoxb-t", slack_signing_secret=SLACK_SECRET,
                   dingtalk_client_id="ding-id", dingtalk_client_secret=DINGTALK_SECRET, dingtalk_mode="http",
                   wecom_corp_id="ww0123456789", wecom_token="wecom-token", wecom_aes_key=WECOM_AES_KEY,
                   wecom_agent_id=1000002, wecom_secret="wecom-secret", scheduler_enabled=False)
    build_small_firm(app)
    return app


def _no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [r.getMessage() for r in bad]


# -- item 3: 4xx, not 500 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("payload", [b'{"question": "\\u5e2e\\u52a9", "as": "\\ud800"}',
                                     b'{"question": "\\udfff", "as": "\\u675c\\u840d"}',
                                     b'{"question": "\\u5e2e\\u52a9", "as": "\\u675c\\u840d", "x": "\\udbff"}'])
def test_a_lone_surrogate_in_any_field_is_a_clear_400(hardened: App, payload: bytes,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(hardened), raise_server_exceptions=False) as client:
        response = client.post("/api/ask", content=payload, headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 400
    assert "Unicode" in response.json()["error"]
    _no_tracebacks(caplog)


@pytest.mark.parametrize(("body", "content_type"), [
    (b"this is not json", "application/json"),
    (b"{\"type\": \"event_callback\", \"event\": ", "application/json"),
    (b"payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded"),
    (b"command=%2Fzf&text=hi&user_id=U1", "application/x-www-form-urlencoded"),
    (b"\xff\xfe\x00garbage", "application/octet-stream"),
])
def test_unsigned_slack_bodies_get_a_bare_401_and_no_traceback(hardened: App, body: bytes, content_type: str,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    stale = slack_sign(body.decode("latin-1"), SLACK_SECRET, timestamp=int(time.time()) - 3600)
    forged = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}
    with TestClient(create_app(hardened), raise_server_exceptions=False) as client:
        for headers in ({}, stale, forged, {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=1"}):
            response = client.post("/slack/events", content=body, headers={"Content-Type": content_type, **headers})
            assert response.status_code == 401, headers
            assert response.content == b""
    _no_tracebacks(caplog)


# -- items 3 and 4: bodies capped while they stream, on every endpoint ---------------------------------------------

class CountingBody:
    """A chunked request body far larger than any cap; counts what the server pulled from it."""

    def __init__(self, total: int) -> None:
        self.total, self.sent = total, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent < self.total:
            self.sent += CHUNK
            yield b"x" * CHUNK


def _post_streaming(server: Starlette, path: str, headers: dict[str, str], total: int) -> tuple[int, int]:
    """POST a chunked body (no Content-Length) through the ASGI app; (status, bytes the server read)."""
    body = CountingBody(total)

    async def go() -> int:
        transport = httpx.ASGITransport(app=server)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            response = await client.post(path, content=body, headers=headers)
            return response.status_code

    return asyncio.run(go()), body.sent


def _signed_headers(app: App, path: str) -> dict[str, str]:
    """Headers (and query) that pass every check that can be made before the body is read."""
    now = int(time.time())
    if path == "/slack/events":
        return {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": "v0=" + "0" * 64}
    if path == "/dingtalk/callback":
        return {"timestamp": str(now * 1000), "sign": dingtalk_sign(now * 1000, DINGTALK_SECRET)}
    if path == "/api/ask":
        return {"Authorization": f"Bearer {API_TOKEN}"}
    return {}


ENDPOINTS = [("/api/ask", MAX_QUESTION_BYTES), ("/slack/events", SLACK_CAP), ("/dingtalk/callback", DINGTALK_CAP),
             ("/wecom/callback?msg_signature=abc&nonce=n1&timestamp={now}", WECOM_CAP)]


@pytest.mark.parametrize(("path", "cap"), ENDPOINTS, ids=[p.split("?")[0] for p, _ in ENDPOINTS])
def test_an_oversize_chunked_body_is_413_and_read_no_further_than_the_cap(hardened: App, path: str, cap: int,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = path.format(now=int(time.time()))
    total = 20 * 1024 * 1024
    status, read = _post_streaming(create_app(hardened), path, _signed_headers(hardened, path.split("?")[0]), total)
    assert status == 413
    assert read <= cap + 2 * CHUNK < total  # the chunk that passed the cap (and at most one in flight)
    _no_tracebacks(caplog)


@pytest.mark.parametrize("path", ["/slack/events", "/dingtalk/callback", "/wecom/callback", "/api/ask"])
def test_an_unsigned_flood_is_refused_before_its_body_is_read(hardened: App, path: str,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    status, read = _post_streaming(create_app(hardened), path, {}, 200 * 1024 * 1024)
    assert status in (401, 403)
    assert read <= CHUNK  # at most what the transport had in flight: nothing was read on purpose
    _no_tracebacks(caplog)


@pytest.mark.parametrize(("path", "cap"), ENDPOINTS, ids=[p.split("?")[0] for p, _ in ENDPOINTS])
def test_a_declared_oversize_length_is_413_without_reading(hardened: App, path: str, cap: int) -> None:
    path = path.format(now=int(time.time()))
    headers = {**_signed_headers(hardened, path.split("?")[0]), "Content-Length": str(cap + 1)}
    with TestClient(create_app(hardened), raise_server_exceptions=False) as client:
        response = client.post(path, content=b"x" * (cap + 1), headers=headers)
    assert response.status_code == 413


def test_the_slack_window_is_checked_before_the_body(hardened: App) -> None:
    old = int(time.time()) - 10 * 60
    headers = {"X-Slack-Request-Timestamp": str(old), "X-Slack-Signature": "v0=" + "0" * 64}
    status, read = _post_streaming(create_app(hardened), "/slack/events", headers, 50 * 1024 * 1024)
    assert status == 401 and read <= CHUNK


def test_a_signed_dingtalk_body_that_is_not_json_is_refused(hardened: App, caplog: pytest.LogCaptureFixture) -> None:
    now = int(time.time()) * 1000
    headers = {"timestamp": str(now), "sign": dingtalk_sign(now, DINGTALK_SECRET)}
    with TestClient(create_app(hardened), raise_server_exceptions=False) as client:
        for body in (b"not json", b"[1, 2]", b"[" * 100_00):
            assert client.post("/dingtalk/callback", content=body, headers=headers).status_code == 403
    _no_tracebacks(caplog)


def test_the_api_still_answers_a_proper_question(hardened: App) -> None:
    with TestClient(create_app(hardened)) as client:
        response = client.post("/api/ask", content=json.dumps({"question": "帮助", "as": "杜萍"}).encode(),
                               headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 200 and response.json()["intent"] == "help"
