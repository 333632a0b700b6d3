"""The WeCom Sender (what reminders go through) against the fake WeCom API: app messages, app group chats,
group robots, retries on 429/5xx honouring Retry-After, permanent errors, and tokens kept out of logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from adapters.wecom.client import WeComClient
from adapters.wecom.sender import WeComSender
from bot.config import load_settings
from bot.delivery import DeliveryError, Destination
from bot.reply import Action, Chart, Reply
from bot.senders import SenderRegistry
from tests.fakes.scripted_server import Scripted
from tests.fakes.wecom_api import FakeWeCom

REPLY = Reply(intent="digest", title="今日提醒", text="3 家客户的资料还没交。",
              actions=[Action(label="查看", value="zf:q:{}")])


@pytest.fixture
def wecom() -> Iterator[FakeWeCom]:
    with FakeWeCom(visible_users={"duping", "wangfang"}) as api:
        yield api


def sender_for(api: FakeWeCom, **overrides: object) -> WeComSender:
    values: dict[str, object] = {"wecom_corp_id": api.corp_id, "wecom_agent_id": api.agent_id,
                                 "wecom_secret": api.secret, "wecom_api_base_url": api.api_base}
    settings = load_settings(_env_file=None, **{**values, **overrides})
    return WeComSender(settings)


def test_user_gets_markdown_and_buttons_through_message_send(wecom: FakeWeCom) -> None:
    sender_for(wecom).send(Destination(platform="wecom", kind="user", address="duping"), REPLY)
    kinds = [m["msgtype"] for m in wecom.app_messages]
    assert kinds == ["markdown", "template_card"]
    assert wecom.app_messages[0]["touser"] == "duping"
    assert wecom.app_messages[0]["markdown"]["content"].startswith("**今日提醒**")
    assert wecom.app_messages[1]["template_card"]["button_list"][0]["key"] == "zf:q:{}"


def test_app_group_chat(wecom: FakeWeCom) -> None:
    sender_for(wecom).send(Destination(platform="wecom", kind="chat", address="wrchat001"), REPLY)
    [message] = wecom.chat_messages
    assert message["chatid"] == "wrchat001" and message["msgtype"] == "markdown"


def test_group_robot_webhook(wecom: FakeWeCom) -> None:
    sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), REPLY)
    [message] = wecom.robot_messages
    assert message["markdown"]["content"].startswith("**今日提醒**")
    assert wecom.token_requests() == []  # a robot needs no access token


def test_long_notice_to_a_robot_is_split_within_4096_bytes(wecom: FakeWeCom) -> None:
    lines = [f"第{n}家客户：上海明远{n:03d}贸易有限公司，资料未交" for n in range(400)]
    long = Reply(intent="digest", text="\n".join(lines))
    sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), long)
    pieces = [m["markdown"]["content"] for m in wecom.robot_messages]
    assert len(pieces) > 1 and all(len(p.encode()) <= 4096 for p in pieces)
    assert "\n".join(pieces).split("\n") == long.text.split("\n")


CHART = Chart(title="近12个月回款", labels=["9月", "10月", "11月"], series={"回款": [120000.0, 98000.5, 143000.0]})


def test_chart_goes_to_a_member_as_an_uploaded_image(wecom: FakeWeCom) -> None:
    reply = Reply(intent="digest", text="本月回款摘要", chart=CHART)
    sender_for(wecom).send(Destination(platform="wecom", kind="user", address="duping"), reply)
    assert [m["msgtype"] for m in wecom.app_messages] == ["markdown", "image"]
    [png] = wecom.uploads
    assert b"\x89PNG" in png
    assert wecom.app_messages[1]["image"]["media_id"].startswith("fake-media-")


def test_chart_goes_to_a_robot_inline(wecom: FakeWeCom) -> None:
    import base64
    import hashlib

    reply = Reply(intent="digest", text="本月回款摘要", chart=CHART)
    sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), reply)
    text, image = wecom.robot_messages
    png = base64.b64decode(image["image"]["base64"])
    assert png.startswith(b"\x89PNG") and hashlib.md5(png).hexdigest() == image["image"]["md5"]
    assert text["msgtype"] == "markdown"


def test_the_outbox_registry_builds_this_sender(make_app, wecom: FakeWeCom) -> None:  # type: ignore[no-untyped-def]
    app = make_app(wecom_corp_id=wecom.corp_id, wecom_agent_id=wecom.agent_id, wecom_secret=wecom.secret,
                   wecom_api_base_url=wecom.api_base)
    built = SenderRegistry(app).get("wecom")
    assert isinstance(built, WeComSender)
    built.send(Destination(platform="wecom", kind="user", address="wangfang"), Reply(intent="x", text="提醒"))
    assert wecom.app_messages[0]["touser"] == "wangfang"


def test_rate_limited_then_delivered_exactly_once(wecom: FakeWeCom) -> None:
    sender = sender_for(wecom)
    sender.send(Destination(platform="wecom", kind="user", address="wangfang"), Reply(intent="x", text="先取令牌"))
    wecom.enqueue(Scripted(status=429, body="slow down", headers={"Retry-After": "0"}))
    sender.send(Destination(platform="wecom", kind="user", address="wangfang"), Reply(intent="x", text="第二条"))
    sends = [r for r in wecom.requests if r.path.startswith("/cgi-bin/message/send")]
    assert len(sends) == 3  # the first message, then the 429 and its retry
    assert [m["text"]["content"] if m["msgtype"] == "text" else m["markdown"]["content"]
            for m in wecom.app_messages] == ["先取令牌", "第二条"]


def test_server_errors_are_retried_then_reported_as_retryable(wecom: FakeWeCom) -> None:
    wecom.enqueue(*[Scripted(status=503, body="busy", headers={"Retry-After": "0"})] * 3)
    with pytest.raises(DeliveryError) as caught:
        sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), REPLY)
    assert caught.value.retryable
    assert "fake-robot-key" not in str(caught.value)
    assert wecom.robot_messages == []


def test_a_long_retry_after_is_handed_to_the_outbox_not_slept(wecom: FakeWeCom) -> None:
    wecom.enqueue(Scripted(status=429, body="slow down", headers={"Retry-After": "120"}))
    with pytest.raises(DeliveryError) as caught:
        sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), REPLY)
    assert (caught.value.retryable, caught.value.retry_after) == (True, 120.0)


def test_wecom_rate_limit_code_is_retryable_with_a_wait(wecom: FakeWeCom) -> None:
    wecom.enqueue(Scripted(body={"errcode": 45009, "errmsg": "api freq out of limit"}))
    with pytest.raises(DeliveryError) as caught:
        sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), REPLY)
    assert caught.value.retryable and caught.value.retry_after == 60


def test_user_outside_the_visible_range_is_a_permanent_failure(wecom: FakeWeCom) -> None:
    with pytest.raises(DeliveryError) as caught:
        sender_for(wecom).send(Destination(platform="wecom", kind="user", address="nobody"), REPLY)
    assert not caught.value.retryable


def test_unknown_robot_key_and_wrong_secret_are_permanent(wecom: FakeWeCom) -> None:
    with pytest.raises(DeliveryError) as robot:
        sender_for(wecom).send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url("nope")), REPLY)
    with pytest.raises(DeliveryError) as secret:
        sender_for(wecom, wecom_secret="wrong").send(Destination(platform="wecom", kind="user", address="duping"),
                                                     REPLY)
    assert not robot.value.retryable and not secret.value.retryable
    assert "wrong" not in str(secret.value)


def test_app_messages_need_the_secret_and_agent_id(wecom: FakeWeCom) -> None:
    settings = load_settings(_env_file=None, wecom_corp_id=wecom.corp_id, wecom_api_base_url=wecom.api_base)
    with pytest.raises(DeliveryError) as caught:
        WeComSender(settings).send(Destination(platform="wecom", kind="user", address="duping"), REPLY)
    assert not caught.value.retryable


def test_tokens_secrets_and_robot_keys_never_reach_the_logs(wecom: FakeWeCom, caplog: pytest.LogCaptureFixture
                                                            ) -> None:
    caplog.set_level(logging.DEBUG)
    sender = sender_for(wecom)
    wecom.enqueue(Scripted(status=500, body="oops", headers={"Retry-After": "0"}))
    sender.send(Destination(platform="wecom", kind="user", address="duping"), REPLY)
    sender.send(Destination(platform="wecom", kind="webhook", address=wecom.robot_url()), REPLY)
    assert wecom.live_tokens and caplog.records  # urllib3 did log the requests
    for secret in [*wecom.live_tokens, wecom.secret, "fake-robot-key"]:
        assert secret not in caplog.text


def test_client_uses_the_configured_base_url_for_everything(wecom: FakeWeCom) -> None:
    client = WeComClient(wecom.corp_id, wecom.secret, api_base_url=wecom.api_base)
    assert client.access_token.startswith("fake-token-")
    assert wecom.secret not in repr(client)
    assert client._http.get_adapter(wecom.api_base).timeout == 10.0
