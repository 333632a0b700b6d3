"""The shared outbound HTTP session: default timeout, retries on 429/5xx honouring Retry-After (recorded, not
slept), a long hint handed back to the caller, and secrets redacted from log records."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from email.utils import formatdate

import pytest
import requests

from adapters.common.http import RetryingAdapter, delivery_error, redact
from tests.fakes.scripted_server import Scripted, ScriptedServer


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer(default=Scripted(body={"ok": True})) as fake:
        yield fake


def session_with(sleeps: list[float], **options: float) -> requests.Session:
    session = requests.Session()
    session.mount("http://", RetryingAdapter(sleep=sleeps.append, **options))  # type: ignore[arg-type]
    return session


def test_retry_after_is_honoured_then_the_answer_returned(server: ScriptedServer) -> None:
    server.enqueue(Scripted(status=429, headers={"Retry-After": "3"}), Scripted(status=503))
    sleeps: list[float] = []
    response = session_with(sleeps).post(server.base_url + "/send", json={"n": 1})
    assert response.status_code == 200
    assert sleeps == [3.0, 1.0]  # the hint, then exponential backoff (0.5 × 2)
    assert [r.json for r in server.requests] == [{"n": 1}] * 3


def test_retry_after_as_an_http_date(server: ScriptedServer) -> None:
    import time

    server.enqueue(Scripted(status=429, headers={"Retry-After": formatdate(time.time() + 5, usegmt=True)}))
    sleeps: list[float] = []
    session_with(sleeps).get(server.base_url + "/x")
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 5


def test_a_long_hint_is_not_slept_but_reported(server: ScriptedServer) -> None:
    server.enqueue(Scripted(status=429, headers={"Retry-After": "600"}))
    sleeps: list[float] = []
    response = session_with(sleeps).get(server.base_url + "/x")
    assert (response.status_code, sleeps) == (429, [])
    error = delivery_error(response, "send")
    assert (error.retryable, error.retry_after) == (True, 600.0)


def test_attempts_are_bounded_and_client_errors_not_retried(server: ScriptedServer) -> None:
    server.enqueue(*[Scripted(status=500)] * 5)
    sleeps: list[float] = []
    assert session_with(sleeps, attempts=3).get(server.base_url + "/x").status_code == 500
    assert len(server.requests) == 3
    with ScriptedServer() as other:
        other.enqueue(Scripted(status=400))
        response = session_with(sleeps).get(other.base_url + "/y")
        assert response.status_code == 400 and len(other.requests) == 1
        assert not delivery_error(response, "x").retryable


def test_slow_server_hits_the_default_timeout_and_is_not_resent(server: ScriptedServer) -> None:
    server.enqueue(Scripted(delay=5.0))
    with pytest.raises(requests.Timeout):
        session_with([], timeout=0.2).post(server.base_url + "/slow", json={})
    assert len(server.requests) == 1


def test_redaction_of_query_secrets_and_log_records(caplog: pytest.LogCaptureFixture) -> None:
    line = "POST /cgi-bin/message/send?access_token=abc123&debug=1 /robot/send?access_token=t&timestamp=1&sign=x%2B"
    assert redact(line) == ("POST /cgi-bin/message/send?access_token=***&debug=1 "
                            "/robot/send?access_token=***&timestamp=1&sign=***")
    from adapters.common.http import install_log_redaction

    install_log_redaction("tests.redaction")
    caplog.set_level(logging.INFO)
    logging.getLogger("tests.redaction").info("calling %s", "https://x/webhook/send?key=robotkey42")
    assert "robotkey42" not in caplog.text and "key=***" in caplog.text
