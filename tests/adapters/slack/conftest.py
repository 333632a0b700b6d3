"""Slack test kit: the fake Slack Web API, an App wired to it, and requests signed the way Slack signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID, FakeSlackApi
from tests.small_firm import SmallFirm, build_small_firm

SECRET = "test-signing-secret-0123456789ab"
TOKEN = "xoxb-test-token"


@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as server:
        yield server


@pytest.fixture
def slack_app(make_app: Callable[..., App], slack_api: FakeSlackApi) -> App:
    return make_app(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_base_url=slack_api.api_url)


@pytest.fixture
def firm(slack_app: App) -> SmallFirm:
    return build_small_firm(slack_app)


@pytest.fixture
def server(slack_app: App) -> Iterator[TestClient]:
    """The real server; leaving the block runs its shutdown, which waits for answers still being written."""
    with TestClient(create_app(slack_app)) as client:
        yield client


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], event_id: str) -> str:
    return json.dumps({"token": "legacy", "team_id": TEAM_ID, "api_app_id": "A0ZHANGFANG", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event}, ensure_ascii=False)


def mention(user: str, text: str, channel: str = "C0FINANCE", ts: str = "1790000000.000001") -> dict[str, Any]:
    return {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": channel,
            "event_ts": ts, "team": TEAM_ID}


def direct(user: str, text: str, channel: str = "D0DIRECT", ts: str = "1790000000.000002") -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": channel,
            "event_ts": ts, "team": TEAM_ID}


def post_event(client: TestClient, event: dict[str, Any], event_id: str, **headers: str) -> int:
    body = event_body(event, event_id)
    response = client.post("/slack/events", content=body.encode(),
                           headers={"Content-Type": "application/json", **sign(body), **headers})
    return response.status_code


def post_form(client: TestClient, form: dict[str, str]) -> int:
    body = urlencode(form)
    response = client.post("/slack/events", content=body.encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)})
    return response.status_code


def slash(user: str, text: str, response_url: str, channel: str = "C0FINANCE") -> dict[str, str]:
    return {"token": "legacy", "team_id": TEAM_ID, "channel_id": channel, "channel_name": "finance",
            "user_id": user, "user_name": user.lower(), "command": "/zf", "text": text,
            "response_url": response_url, "trigger_id": f"trigger.{user}.{time.time_ns()}", "api_app_id": "A0ZHANGFANG"}


def click(user: str, button: dict[str, Any], response_url: str, channel: str = "C0FINANCE",
          message_ts: str = "1790000000.000100", ephemeral: bool = False) -> dict[str, str]:
    payload = {
        "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user}, "api_app_id": "A0ZHANGFANG",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "channel": {"id": channel}, "trigger_id": f"trigger.click.{time.time_ns()}", "response_url": response_url,
        "message": {"type": "message", "ts": message_ts, "thread_ts": message_ts},
        "actions": [{"action_id": button["action_id"], "block_id": "b1", "type": "button", "value": button["value"],
                     "text": button["text"], "action_ts": str(time.time())}],
    }
    return {"payload": json.dumps(payload, ensure_ascii=False)}


def buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
