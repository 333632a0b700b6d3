"""The DingTalk Sender (what reminders go through) against the fake DingTalk: signed custom group robots, bot
messages to users and groups through the OpenAPI, retries on 429/5xx, and secrets kept out of logs."""

from __future__ import annotations

import logging

import pytest

from adapters.dingtalk.sender import DingTalkSender
from bot.config import load_settings
from bot.delivery import DeliveryError, Destination
from bot.reply import Action, Reply
from bot.senders import SenderRegistry
from tests.fakes.dingtalk_api import FakeDingTalk
from tests.fakes.scripted_server import Scripted

REPLY = Reply(intent="digest", title="今日提醒", text="3 家客户的资料还没交。",
              actions=[Action(label="查看", value="zf:q:{}")])
ROBOT_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"


def sender_for(api: FakeDingTalk, secret: str | None = None) -> DingTalkSender:
    settings = load_settings(_env_file=None, dingtalk_client_id=api.client_id,
                             dingtalk_client_secret=secret or api.client_secret, dingtalk_api_base_url=api.api_base)
    return DingTalkSender(settings)


def robot(api: FakeDingTalk, secret: str | None = None) -> Destination:
    url = api.new_robot(secret)
    return Destination(platform="dingtalk", kind="webhook", address=f"{url}#{secret}" if secret else url)


def test_signed_custom_robot_is_accepted_by_the_fake(dingtalk_api: FakeDingTalk) -> None:
    sender_for(dingtalk_api).send(robot(dingtalk_api, ROBOT_SECRET), REPLY)
    [message] = dingtalk_api.robot_messages
    assert message["msgtype"] == "actionCard"
    assert message["actionCard"]["title"] == "今日提醒"
    [request] = [r for r in dingtalk_api.requests if r.path.startswith("/robot/send")]
    assert "timestamp=" in request.path and "sign=" in request.path
    assert ROBOT_SECRET not in request.path  # the secret signs; it is never sent


def test_robot_with_a_wrong_secret_is_a_permanent_failure(dingtalk_api: FakeDingTalk) -> None:
    url = dingtalk_api.new_robot(ROBOT_SECRET)
    wrong = Destination(platform="dingtalk", kind="webhook", address=f"{url}#SECnotthesecret")
    with pytest.raises(DeliveryError) as caught:
        sender_for(dingtalk_api).send(wrong, REPLY)
    assert not caught.value.retryable and "310000" in str(caught.value)
    assert dingtalk_api.robot_messages == []


def test_robot_without_signing(dingtalk_api: FakeDingTalk) -> None:
    sender_for(dingtalk_api).send(robot(dingtalk_api), Reply(intent="x", text="没有加签的机器人"))
    assert dingtalk_api.robot_messages[0]["markdown"]["text"] == "没有加签的机器人"


def test_user_and_group_through_the_openapi_with_one_token(dingtalk_api: FakeDingTalk) -> None:
    sender = sender_for(dingtalk_api)
    sender.send(Destination(platform="dingtalk", kind="user", address="manager4421"), REPLY)
    sender.send(Destination(platform="dingtalk", kind="chat", address="cidGroupOpen001"), REPLY)
    user, group = dingtalk_api.openapi_messages
    assert user["path"].endswith("/oToMessages/batchSend") and user["userIds"] == ["manager4421"]
    assert group["path"].endswith("/groupMessages/send") and group["openConversationId"] == "cidGroupOpen001"
    assert user["param"]["title"] == "今日提醒" and "3 家客户" in user["param"]["text"]
    assert len([r for r in dingtalk_api.requests if r.path == "/v1.0/oauth2/accessToken"]) == 1


def test_the_outbox_registry_builds_this_sender(make_app, dingtalk_api: FakeDingTalk) -> None:  # type: ignore[no-untyped-def]
    app = make_app(dingtalk_client_id=dingtalk_api.client_id, dingtalk_client_secret=dingtalk_api.client_secret,
                   dingtalk_api_base_url=dingtalk_api.api_base)
    built = SenderRegistry(app).get("dingtalk")
    assert isinstance(built, DingTalkSender)
    built.send(robot(dingtalk_api, ROBOT_SECRET), Reply(intent="x", text="提醒"))
    assert dingtalk_api.robot_messages[0]["markdown"]["text"] == "提醒"


def test_wrong_app_secret_is_a_permanent_failure(dingtalk_api: FakeDingTalk) -> None:
    with pytest.raises(DeliveryError) as caught:
        sender_for(dingtalk_api, secret="wrong").send(
            Destination(platform="dingtalk", kind="user", address="manager4421"), REPLY)
    assert not caught.value.retryable and "wrong" not in str(caught.value)


def test_rate_limited_then_delivered_exactly_once(dingtalk_api: FakeDingTalk) -> None:
    dingtalk_api.enqueue(Scripted(status=429, body={"code": "Throttling"}, headers={"Retry-After": "0"}))
    sender_for(dingtalk_api).send(robot(dingtalk_api, ROBOT_SECRET), REPLY)
    assert len([r for r in dingtalk_api.requests if r.path.startswith("/robot/send")]) == 2
    assert len(dingtalk_api.robot_messages) == 1


def test_persistent_server_errors_are_retryable_failures(dingtalk_api: FakeDingTalk) -> None:
    dingtalk_api.enqueue(*[Scripted(status=502, body="bad gateway", headers={"Retry-After": "0"})] * 3)
    with pytest.raises(DeliveryError) as caught:
        sender_for(dingtalk_api).send(robot(dingtalk_api), REPLY)
    assert caught.value.retryable
    assert dingtalk_api.robot_messages == []


def test_robot_flood_control_is_retryable_after_a_minute(dingtalk_api: FakeDingTalk) -> None:
    dingtalk_api.enqueue(Scripted(body={"errcode": 130101, "errmsg": "send too fast"}))
    with pytest.raises(DeliveryError) as caught:
        sender_for(dingtalk_api).send(robot(dingtalk_api), REPLY)
    assert (caught.value.retryable, caught.value.retry_after) == (True, 60.0)


def test_secrets_never_reach_the_logs(dingtalk_api: FakeDingTalk, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    destination = robot(dingtalk_api, ROBOT_SECRET)
    dingtalk_api.enqueue(Scripted(status=500, body="oops", headers={"Retry-After": "0"}))
    sender_for(dingtalk_api).send(destination, REPLY)
    access_token = destination.address.split("access_token=")[1].split("#")[0]
    assert caplog.records
    for secret in (access_token, ROBOT_SECRET):
        assert secret not in caplog.text
