"""DingTalk HTTP mode end to end: the real server with POST /dingtalk/callback, requests signed as DingTalk signs
them, answers posted to the fake sessionWebhook as markdown or ActionCard."""

from __future__ import annotations

import time
from urllib.parse import unquote

import pytest

from adapters.dingtalk.outbound import SEND_MESSAGE
from bot.texts import t
from tests.adapters.dingtalk.conftest import DUPING, LINA, WANGFANG, DingTalkKit
from tests.fakes.dingtalk_api import dingtalk_sign


def test_staff_question_is_answered_in_their_conversation(http_kit: DingTalkKit) -> None:
    data = http_kit.api.bot_message("哪些客户逾期未付款", staff_id=DUPING)
    assert http_kit.post(data) == 200
    answer = "\n".join(http_kit.answers())
    assert sum(name in answer for name in http_kit.firm.duping_clients) == 10  # one screen of her 13 clients
    assert http_kit.firm.wangfang_clients[0] not in answer
    assert all(m["msgtype"] in ("markdown", "actionCard") for m in http_kit.api.session_messages)


def test_show_more_is_an_action_card_whose_button_sends_the_action_back(http_kit: DingTalkKit) -> None:
    http_kit.ask("哪些客户逾期未付款", staff_id=DUPING)
    card = http_kit.api.session_messages[-1]
    assert card["msgtype"] == "actionCard"
    button, export = card["actionCard"]["btns"]
    assert button["title"] == t("zh", "common.show_more") and export["title"] == t("zh", "export_chat.button")
    assert button["actionURL"].startswith(SEND_MESSAGE)
    shown = "\n".join(http_kit.answers())
    hidden = [name for name in http_kit.firm.duping_clients if name not in shown]
    assert hidden
    tapped = unquote(button["actionURL"].removeprefix(SEND_MESSAGE))  # what DingTalk sends when it is tapped
    http_kit.api.session_messages.clear()
    assert http_kit.ask(tapped, staff_id=DUPING) == 200
    assert all(name in "\n".join(http_kit.answers()) for name in hidden)


def test_client_contact_from_another_organisation_sees_only_their_company(http_kit: DingTalkKit) -> None:
    http_kit.ask("我们的发票", staff_id=None, sender_id=LINA)
    answer = "\n".join(http_kit.answers())
    assert http_kit.firm.contact_invoice in answer
    assert "INV-0002" not in answer and http_kit.firm.duping_clients[1] not in answer


def test_unknown_sender_gets_the_polite_reply_only(http_kit: DingTalkKit) -> None:
    http_kit.ask("哪些客户逾期未付款", staff_id="stranger9")
    [message] = http_kit.api.session_messages
    assert message["msgtype"] == "markdown"
    assert t("zh", "common.not_registered", platform="dingtalk", user_id="stranger9").split("：")[0] in \
        message["markdown"]["text"]


def test_group_message_is_answered_in_the_group(http_kit: DingTalkKit) -> None:
    data = http_kit.api.bot_message("帮助", staff_id=WANGFANG, group=True)
    http_kit.post(data)
    assert len(http_kit.api.session_messages) == 1
    assert http_kit.api.sessions[data["sessionWebhook"].rsplit("=", 1)[1]] == "cid-group-1"


def test_redelivered_msgid_is_answered_once(http_kit: DingTalkKit) -> None:
    data = http_kit.api.bot_message("帮助", staff_id=WANGFANG, msg_id="msgR9q8w7e6==")
    assert http_kit.post(data) == 200
    assert http_kit.post(data) == 200
    assert len(http_kit.api.session_messages) == 1


@pytest.mark.parametrize("hours", [1.01, -1.01, 24])
def test_expired_timestamp_is_refused(http_kit: DingTalkKit, hours: float) -> None:
    stamp = int(time.time() * 1000 - hours * 3600 * 1000)
    assert http_kit.post(http_kit.api.bot_message("帮助", staff_id=DUPING), timestamp=stamp) == 403
    assert http_kit.api.session_messages == []


def test_forged_sign_is_refused_with_an_empty_body(http_kit: DingTalkKit) -> None:
    stamp = int(time.time() * 1000)
    forged = dingtalk_sign(stamp, "not the app secret")
    data = http_kit.api.bot_message("哪些客户逾期未付款", staff_id=DUPING)
    response = http_kit.server.post("/dingtalk/callback", json=data, headers={"timestamp": str(stamp), "sign": forged})
    assert (response.status_code, response.text) == (403, "")
    assert http_kit.server.post("/dingtalk/callback", json=data).status_code == 403  # no headers at all
    assert http_kit.api.session_messages == []


def test_signed_garbage_is_refused(http_kit: DingTalkKit) -> None:
    stamp = str(int(time.time() * 1000))
    headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, http_kit.api.client_secret)}
    assert http_kit.server.post("/dingtalk/callback", content=b"[1, 2]", headers=headers).status_code == 403
    assert http_kit.server.post("/dingtalk/callback", content=b"{not json", headers=headers).status_code == 403


def test_a_delivery_the_database_cannot_record_is_a_503_to_be_delivered_again(make_app, dingtalk_api,
                                                                                caplog) -> None:
    """Read-only database: the redelivery record (dedup) cannot be written, so the message is not taken — DingTalk
    gets a 503 with Retry-After and delivers it again later; nothing is answered, nothing logs a traceback."""
    import logging

    from starlette.testclient import TestClient

    from bot.metrics import exposition
    from bot.server import create_app
    from tests.adapters.dingtalk.conftest import DingTalkKit, bind_dingtalk_users
    from tests.bot.test_server_failures import _variant
    from tests.small_firm import build_small_firm

    app = make_app(dingtalk_client_id=dingtalk_api.client_id, dingtalk_client_secret=dingtalk_api.client_secret,
                   dingtalk_mode="http", dingtalk_api_base_url=dingtalk_api.api_base, scheduler_enabled=False)
    firm = build_small_firm(app)
    bind_dingtalk_users(app)
    read_only = _variant(app, read_only=True)
    with TestClient(create_app(read_only), raise_server_exceptions=False) as server:
        kit = DingTalkKit(read_only, dingtalk_api, server, firm)
        response = server.post("/dingtalk/callback", content=__import__("json").dumps(
            dingtalk_api.bot_message("帮助", staff_id=DUPING)).encode(), headers=_signed(dingtalk_api))
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert kit.api.session_messages == []
    assert 'zhangfang_answer_errors_total{kind="db_read_only"} 1.0' in exposition(read_only).decode()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def _signed(api) -> dict[str, str]:
    stamp = str(int(time.time() * 1000))
    return {"timestamp": stamp, "sign": dingtalk_sign(stamp, api.client_secret), "Content-Type": "application/json"}
