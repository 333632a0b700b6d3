"""The server behind `zhangfang serve`: /healthz, /metrics, /api/ask (= `ask --json`), and which platforms mount."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from starlette.testclient import TestClient
from typer.testing import CliRunner

from bot.bootstrap import App, bootstrap
from bot.cli import build
from bot.server import create_app
from tests.cli_database import cli_database_url
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_TODAY
from tests.small_firm import DUPING_SLACK, build_small_firm

API_TOKEN = "api-token-for-tests"
QUESTIONS = ["哪些客户逾期未付款", "帮助", "which clients are overdue?", "天气怎么样"]


@pytest.fixture
def api_app(make_app: Callable[..., App]) -> App:
    app = make_app(api_token=API_TOKEN)
    build_small_firm(app)
    return app


def _ask(client: TestClient, payload: object, token: str | None = API_TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/ask", content=json.dumps(payload, ensure_ascii=False).encode(), headers=headers)


def test_healthz(api_app: App) -> None:
    with TestClient(create_app(api_app)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "ready": True, "platforms": []}


def test_api_ask_needs_the_bearer_token(api_app: App) -> None:
    with TestClient(create_app(api_app)) as client:
        for token in (None, "wrong-token", API_TOKEN + "x"):
            response = _ask(client, {"question": "帮助", "as": "杜萍"}, token)
            assert response.status_code == 401
            assert response.content == b""
        assert client.post("/api/ask", content=b"{}", headers={"Authorization": API_TOKEN}).status_code == 401


def test_api_ask_refuses_bad_bodies_and_unknown_askers(api_app: App) -> None:
    with TestClient(create_app(api_app)) as client:
        assert _ask(client, {"question": "帮助"}).status_code == 400
        assert _ask(client, ["帮助", "杜萍"]).status_code == 400
        assert client.post("/api/ask", content=b"{not json", headers={"Authorization": f"Bearer {API_TOKEN}"}
                           ).status_code == 400
        unknown = _ask(client, {"question": "帮助", "as": "不存在的人"})
    assert unknown.status_code == 403
    assert "不存在的人" in unknown.json()["error"]


def test_api_ask_as_a_platform_identity(api_app: App) -> None:
    with TestClient(create_app(api_app)) as client:
        by_slack_user = _ask(client, {"question": "哪些客户逾期未付款", "as": f"slack:{DUPING_SLACK}"})
        by_name = _ask(client, {"question": "哪些客户逾期未付款", "as": "杜萍"})
    assert by_slack_user.status_code == 200 and by_slack_user.json() == by_name.json()
    assert len(by_name.json()["items"]) == 13


def test_api_ask_is_not_mounted_without_a_token(make_app: Callable[..., App]) -> None:
    with TestClient(create_app(make_app())) as client:
        assert client.post("/api/ask", json={"question": "帮助", "as": "杜萍"}).status_code == 404


@pytest.mark.parametrize("question", QUESTIONS)
def test_api_ask_answers_exactly_what_ask_json_answers(api_app: App, question: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(api_app)) as client:
        response = _ask(client, {"question": question, "as": "杜萍"})
    assert response.status_code == 200
    monkeypatch.chdir(tmp_path)  # no stray .env
    env = {"ZHANGFANG_DATABASE_URL": cli_database_url(api_app), "ZHANGFANG_TODAY": None}
    result = CliRunner().invoke(build(), ["ask", question, "--as", "杜萍", "--json", "--today", "2026-11-22"], env=env)
    assert result.exit_code == 0, result.output
    assert response.json() == json.loads(result.stdout)
    assert response.json()["intent"] != "unknown" or question == "天气怎么样"


def test_metrics_count_requests_and_answer_latency(api_app: App) -> None:
    with TestClient(create_app(api_app)) as client:
        _ask(client, {"question": "帮助", "as": "杜萍"})
        _ask(client, {"question": "帮助", "as": "杜萍"}, token="bad")
        body = client.get("/metrics").text
    assert 'zhangfang_requests_total{outcome="accepted",platform="api"} 1.0' in body
    assert 'zhangfang_requests_total{outcome="rejected",platform="api"} 1.0' in body
    assert 'zhangfang_answer_seconds_count{platform="api"} 1.0' in body
    assert "# TYPE zhangfang_deliveries_total counter" in body
    assert "# TYPE zhangfang_errors_total counter" in body


def test_each_app_has_its_own_metrics(make_app: Callable[..., App]) -> None:
    first, second = make_app(api_token=API_TOKEN), make_app(api_token=API_TOKEN)
    build_small_firm(first)
    with TestClient(create_app(first)) as client:
        _ask(client, {"question": "帮助", "as": "杜萍"})
    with TestClient(create_app(second)) as client:
        assert 'platform="api"' not in client.get("/metrics").text


def test_only_configured_platforms_are_mounted(make_app: Callable[..., App]) -> None:
    bare = create_app(make_app())
    assert bare.state.platforms == []
    assert not any(getattr(r, "path", "") == "/slack/events" for r in bare.routes)
    slack = create_app(make_app(slack_bot_token="xoxb-t", slack_signing_secret="s"))
    assert slack.state.platforms == ["slack"]
    assert any(getattr(r, "path", "") == "/slack/events" for r in slack.routes)


def test_a_configured_platform_without_its_package_is_skipped(make_app: Callable[..., App]) -> None:
    app = make_app(wecom_corp_id="ww1", wecom_token="t", wecom_aes_key="k" * 43, slack_bot_token="xoxb-t",
                   slack_signing_secret="s")
    server = create_app(app, packages={"wecom": "adapters.not_written_yet", "slack": "adapters.slack"})
    assert server.state.platforms == ["slack"]
    with TestClient(server) as client:
        assert client.get("/healthz").json()["platforms"] == ["slack"]


def test_served_over_a_real_socket(api_app: App) -> None:
    """What `zhangfang serve` runs: uvicorn on a port, answering over HTTP."""
    config = uvicorn.Config(create_app(api_app), host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started
        port = server.servers[0].sockets[0].getsockname()[1]
        response = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": "帮助", "as": "杜萍"},
                              headers={"Authorization": f"Bearer {API_TOKEN}"}, timeout=30)
        assert response.status_code == 200 and response.json()["intent"] == "help"
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).json()["status"] == "ok"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


SAMPLE_QUESTIONS = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["questions"][::9]


@pytest.mark.parametrize("case", SAMPLE_QUESTIONS, ids=[c["question"] for c in SAMPLE_QUESTIONS])
def test_api_ask_equals_ask_json_on_the_sample_firm(sample_app: App, case: dict, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    settings = sample_app.settings.model_copy(update={"api_token": SecretStr(API_TOKEN)})
    app = bootstrap(settings, engine=sample_app.engine, clock=sample_app.clock, migrate=False)
    with TestClient(create_app(app)) as client:
        response = _ask(client, {"question": case["question"], "as": case["ask_as"]})
    monkeypatch.chdir(tmp_path)
    env = {"ZHANGFANG_DATABASE_URL": sample_app.settings.database_url, "ZHANGFANG_TODAY": None}
    result = CliRunner().invoke(build(), ["ask", case["question"], "--as", case["ask_as"], "--json", "--today",
                                          SAMPLE_TODAY.isoformat()], env=env)
    assert result.exit_code == 0, result.output
    assert response.status_code == 200 and response.json() == json.loads(result.stdout)
