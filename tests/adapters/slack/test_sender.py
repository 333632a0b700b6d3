"""The Slack Sender (what reminders go through) against the fake Web API: retries, errors, webhooks, charts."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from adapters.slack.sender import SlackSender, build_client
from bot.bootstrap import App
from bot.config import load_settings
from bot.delivery import DeliveryError, Destination
from bot.reply import Action, Chart, Reply
from bot.senders import SenderRegistry
from tests.fakes.scripted_server import Scripted
from tests.fakes.slack_api import FakeSlackApi, rate_limited, server_error

TOKEN = "xoxb-sender-token"


@pytest.fixture
def slack() -> FakeSlackApi:
    with FakeSlackApi(token=TOKEN) as server:
        yield server


def _sender(slack: FakeSlackApi) -> SlackSender:
    settings = load_settings(_env_file=None, slack_bot_token=TOKEN, slack_api_base_url=slack.api_url)
    return SlackSender(settings)


REPLY = Reply(intent="digest", title="今日提醒", text="3 家客户的资料还没交。",
              actions=[Action(label="查看", value="zf:q:{}")])


def test_posts_block_kit_with_the_token(slack: FakeSlackApi) -> None:
    _sender(slack).send(Destination(platform="slack", kind="chat", address="C0TEAM"), REPLY)
    [post] = slack.calls("chat.postMessage")
    assert post.request.headers["authorization"] == f"Bearer {TOKEN}"
    assert post.params["channel"] == "C0TEAM"
    assert post.blocks[0]["text"]["text"] == "今日提醒"
    assert "3 家客户的资料还没交。" in post.params["text"]


def test_rate_limited_then_delivered_exactly_once(slack: FakeSlackApi) -> None:
    slack.fail("chat.postMessage", rate_limited(retry_after=1))
    _sender(slack).send(Destination(platform="slack", kind="user", address="U0DUPING"), REPLY)
    attempts = slack.calls("chat.postMessage")
    assert [a.params.get("_failed") for a in attempts] == [429, None]
    assert len(slack.wait_for("chat.postMessage")) == 1


def test_server_errors_retried_then_reported_as_retryable(slack: FakeSlackApi) -> None:
    slack.fail("chat.postMessage", server_error(), server_error(), server_error())
    with pytest.raises(DeliveryError) as caught:
        _sender(slack).send(Destination(platform="slack", kind="chat", address="C0TEAM"), REPLY)
    assert caught.value.retryable
    assert len(slack.calls("chat.postMessage")) == 3  # the first try and two retries
    assert TOKEN not in str(caught.value)


def test_a_permanent_error_is_not_retried(slack: FakeSlackApi) -> None:
    slack.fail("chat.postMessage", Scripted(body={"ok": False, "error": "channel_not_found"}))
    with pytest.raises(DeliveryError) as caught:
        _sender(slack).send(Destination(platform="slack", kind="chat", address="C0GONE"), REPLY)
    assert not caught.value.retryable
    assert "channel_not_found" in str(caught.value)


def test_rate_limit_that_persists_reports_retry_after(slack: FakeSlackApi) -> None:
    slack.fail("chat.postMessage", *[rate_limited(retry_after=1)] * 3)
    with pytest.raises(DeliveryError) as caught:
        _sender(slack).send(Destination(platform="slack", kind="chat", address="C0TEAM"), REPLY)
    assert caught.value.retryable and caught.value.retry_after == 1.0


def test_incoming_webhook(slack: FakeSlackApi) -> None:
    url = slack.response_url("T0FIRM/B0HOOK/secret")
    _sender(slack).send(Destination(platform="slack", kind="webhook", address=url), REPLY)
    [hook] = slack.calls("hook")
    assert hook.blocks[0]["text"]["text"] == "今日提醒"
    assert "authorization" not in hook.request.headers


def test_webhook_failure_is_a_delivery_error_without_the_url(slack: FakeSlackApi) -> None:
    url = slack.response_url("T0FIRM/B0HOOK/very-secret-key")
    slack.fail("hook", *[server_error()] * 3)
    with pytest.raises(DeliveryError) as caught:
        _sender(slack).send(Destination(platform="slack", kind="webhook", address=url), REPLY)
    assert caught.value.retryable
    assert "very-secret-key" not in str(caught.value)


def test_chart_is_uploaded_with_files_upload_v2(slack: FakeSlackApi) -> None:
    chart = Chart(title="近12个月回款", labels=["9月", "10月"], series={"回款": [1200.0, 3400.5]})
    reply = REPLY.model_copy(update={"chart": chart})
    _sender(slack).send(Destination(platform="slack", kind="chat", address="C0TEAM"), reply)
    [upload] = slack.calls("upload")
    assert upload.request.body.startswith(b"\x89PNG")
    [done] = slack.calls("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0TEAM"
    assert [f["title"] for f in json.loads(done.params["files"])] == ["近12个月回款"]


def test_client_has_timeout_and_retry_handlers(slack: FakeSlackApi) -> None:
    client = build_client(load_settings(_env_file=None, slack_bot_token=TOKEN, slack_api_base_url=slack.api_url))
    assert client.timeout == 10
    kinds = {type(h).__name__ for h in client.retry_handlers}
    # 429s are retried in place only for a short Retry-After (a long one goes back to the outbox)
    assert {"ShortRateLimitRetryHandler", "ServerErrorRetryHandler", "ConnectionErrorRetryHandler"} <= kinds


def test_the_outbox_finds_the_slack_sender(make_app: Callable[..., App], slack: FakeSlackApi) -> None:
    app = make_app(slack_bot_token=TOKEN, slack_api_base_url=slack.api_url)
    SenderRegistry(app).get("slack").send(Destination(platform="slack", kind="user", address="U0DUPING"), REPLY)
    [post] = slack.calls("chat.postMessage")
    assert post.params["channel"] == "U0DUPING"
