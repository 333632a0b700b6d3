"""Slack v0 request signatures: Slack's documented example, and forged, expired and unsigned requests refused."""

from __future__ import annotations

import json
import time

from slack_sdk.signature import SignatureVerifier
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.server import create_app
from tests.adapters.slack.conftest import direct, event_body, sign
from tests.fakes.slack_api import FakeSlackApi

# The worked example of Slack's "Verifying requests from Slack" guide.
DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DOC_TIMESTAMP = 1531420618
DOC_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c"
)
DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


class PinnedClock:
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def test_documented_example_signature() -> None:
    assert sign(DOC_BODY, DOC_SECRET, DOC_TIMESTAMP)["X-Slack-Signature"] == DOC_SIGNATURE
    verifier = SignatureVerifier(DOC_SECRET, clock=PinnedClock(DOC_TIMESTAMP + 10))
    assert verifier.generate_signature(timestamp=str(DOC_TIMESTAMP), body=DOC_BODY) == DOC_SIGNATURE
    assert verifier.is_valid(body=DOC_BODY, timestamp=str(DOC_TIMESTAMP), signature=DOC_SIGNATURE)
    assert not verifier.is_valid(body=DOC_BODY + "x", timestamp=str(DOC_TIMESTAMP), signature=DOC_SIGNATURE)


def test_documented_example_expires_after_five_minutes() -> None:
    at_limit = SignatureVerifier(DOC_SECRET, clock=PinnedClock(DOC_TIMESTAMP + 300))
    late = SignatureVerifier(DOC_SECRET, clock=PinnedClock(DOC_TIMESTAMP + 301))
    assert at_limit.is_valid(body=DOC_BODY, timestamp=str(DOC_TIMESTAMP), signature=DOC_SIGNATURE)
    assert not late.is_valid(body=DOC_BODY, timestamp=str(DOC_TIMESTAMP), signature=DOC_SIGNATURE)


def _post(server: TestClient, body: str, headers: dict[str, str]):
    return server.post("/slack/events", content=body.encode(), headers={"Content-Type": "application/json", **headers})


def test_refused_requests_get_a_bare_401_and_no_answer(slack_app: App, slack_api: FakeSlackApi) -> None:
    body = event_body(direct("U0DUPING", "哪些客户逾期未付款"), "Ev0FORGED")
    forged = sign(body, secret="not-the-secret")
    expired = sign(body, timestamp=int(time.time()) - 6 * 60)
    tampered = {**sign(body), "X-Slack-Signature": sign(body + " ")["X-Slack-Signature"]}
    with TestClient(create_app(slack_app)) as server:
        for headers in (forged, expired, tampered, {}):
            response = _post(server, body, headers)
            assert response.status_code == 401
            assert response.content == b""
        metrics = server.get("/metrics").text
    # leaving the block shut the server down, waiting for any answer still being written: there was none
    assert 'zhangfang_requests_total{outcome="rejected",platform="slack"} 4.0' in metrics
    assert slack_api.calls() == []


def test_signed_url_verification_is_answered(server: TestClient) -> None:
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    response = _post(server, body, sign(body))
    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text
    assert _post(server, body, sign(body, secret="wrong")).status_code == 401
