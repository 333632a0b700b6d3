"""The WeCom callback end to end: the real server (bot.server.create_app) with the WeCom routes, encrypted
requests made by wechatpy as WeCom makes them, and answers arriving at the fake WeCom message/send."""

from __future__ import annotations

import time

import pytest

from bot.texts import t
from tests.adapters.wecom.conftest import DUPING, LINA, WANGFANG, WeComKit


def contents(kit: WeComKit, user: str, kind: str | None = None) -> list[str]:
    found = []
    for message in kit.api.app_messages:
        if message["touser"] == user and (kind is None or message["msgtype"] == kind):
            found.append(message[message["msgtype"]].get("content", ""))
    return found


# -- URL verification ------------------------------------------------------------------------------------


def test_url_verification_answers_the_decrypted_echo(kit: WeComKit) -> None:
    response = kit.server.get("/wecom/callback", params=kit.side.verification("7812938475610293"))
    assert response.status_code == 200
    assert response.text == "7812938475610293"


def test_forged_url_verification_gets_a_bare_403(kit: WeComKit) -> None:
    params = kit.side.verification("7812938475610293")
    params["msg_signature"] = params["msg_signature"][::-1]
    response = kit.server.get("/wecom/callback", params=params)
    assert response.status_code == 403
    assert response.text == ""


# -- answers -----------------------------------------------------------------------------------------------


def test_staff_question_is_answered_in_markdown_with_their_clients(kit: WeComKit) -> None:
    assert kit.ask(DUPING, "哪些客户逾期未付款") == 200
    text = "\n".join(contents(kit, DUPING, "markdown"))
    assert sum(name in text for name in kit.firm.duping_clients) == 10  # one screen of her 13 clients
    assert kit.firm.wangfang_clients[0] not in text  # 王芳's client is not 杜萍's to see
    assert all(m["agentid"] == kit.api.agent_id for m in kit.api.app_messages)


def test_show_more_button_is_a_card_whose_click_answers_the_rest(kit: WeComKit) -> None:
    kit.ask(DUPING, "哪些客户逾期未付款")
    [card] = [m["template_card"] for m in kit.api.app_messages if m["msgtype"] == "template_card"]
    button, export = card["button_list"]
    assert button["text"] == t("zh", "common.show_more") and export["text"] == t("zh", "export_chat.button")
    shown = "\n".join(contents(kit, DUPING, "markdown"))
    hidden = [name for name in kit.firm.duping_clients if name not in shown]
    assert hidden  # 13 clients do not fit on one screen
    kit.api.app_messages.clear()
    assert kit.post(kit.side.card_click_xml(DUPING, button["key"], card["task_id"])) == 200
    more = "\n".join(contents(kit, DUPING, "markdown"))
    assert all(name in more for name in hidden)


def test_two_buttons_of_one_card_clicked_within_a_second_are_both_answered(kit: WeComKit) -> None:
    """The repeated-click guard keys a click on its card, user, second and button: two ask-back choices (keys that
    share their first 40 characters, zf:act:cmd:{"kind":"record_payment","client_id":…) are two clicks."""
    kit.ask(DUPING, "收到明远转账5000元")  # 13 clients called 明远: asked back, a button per client
    [card] = [m["template_card"] for m in kit.api.app_messages if m["msgtype"] == "template_card"]
    first, second = card["button_list"][:2]
    assert first["key"][:40] == second["key"][:40] and first["key"] != second["key"]
    stamp = int(time.time())
    for button in (first, second):
        kit.api.app_messages.clear()
        assert kit.post(kit.side.card_click_xml(DUPING, button["key"], card["task_id"], create_time=stamp)) == 200
        assert button["text"] in "\n".join(contents(kit, DUPING)), button["text"]  # the proposal names it
    kit.api.app_messages.clear()
    kit.post(kit.side.card_click_xml(DUPING, second["key"], card["task_id"], create_time=stamp))
    assert kit.api.app_messages == []  # the same click repeated is still dropped


def test_client_contact_gets_plain_text_about_their_own_company_only(kit: WeComKit) -> None:
    kit.ask(LINA, "我们的发票")
    answer = "\n".join(contents(kit, LINA, "text"))
    assert kit.firm.contact_invoice in answer
    assert "INV-0002" not in answer and kit.firm.duping_clients[1] not in answer
    assert contents(kit, LINA, "markdown") == []


def test_contact_asking_a_staff_question_sees_nothing_of_other_clients(kit: WeComKit) -> None:
    kit.ask(LINA, "哪些客户逾期未付款")
    [answer] = contents(kit, LINA, "text")
    others = [*kit.firm.duping_clients[1:], *kit.firm.wangfang_clients, "INV-0002", "INV-0014"]
    assert not any(name in answer for name in others)


def test_unknown_sender_gets_the_polite_not_registered_reply_and_nothing_else(kit: WeComKit) -> None:
    kit.ask("stranger01", "哪些客户逾期未付款")
    [answer] = contents(kit, "stranger01", "text")
    assert answer == t("zh", "common.not_registered", platform="wecom", user_id="stranger01")


def test_retried_msgid_is_answered_once(kit: WeComKit) -> None:
    assert kit.ask(WANGFANG, "帮助", msg_id="7301234567890123") == 200
    assert kit.ask(WANGFANG, "帮助", msg_id="7301234567890123") == 200  # WeCom's retry after a slow answer
    assert len(contents(kit, WANGFANG)) == 1
    assert kit.ask(WANGFANG, "帮助", msg_id="7301234567890124") == 200
    assert len(contents(kit, WANGFANG)) == 2


def test_access_token_is_fetched_once_and_refetched_when_wecom_expires_it(kit: WeComKit) -> None:
    kit.ask(WANGFANG, "帮助")
    kit.ask(WANGFANG, "help")
    assert len(kit.api.token_requests()) == 1
    kit.api.expire_tokens()
    kit.ask(WANGFANG, "帮助")
    assert len(kit.api.token_requests()) == 2
    assert len(contents(kit, WANGFANG)) == 3


# -- refusals ----------------------------------------------------------------------------------------------


def test_forged_signature_is_refused_without_an_answer(kit: WeComKit) -> None:
    params, body = kit.side.callback(kit.side.text_xml(DUPING, "哪些客户逾期未付款"))
    params["msg_signature"] = "0" * 40
    response = kit.server.post("/wecom/callback", params=params, content=body)
    assert (response.status_code, response.text) == (403, "")
    assert kit.api.app_messages == []


def test_expired_request_is_refused(kit: WeComKit) -> None:
    assert kit.post(kit.side.text_xml(DUPING, "帮助"), timestamp=int(time.time()) - 2 * 3600) == 403
    assert kit.api.app_messages == []


@pytest.mark.parametrize("body", [b"", b"<xml>", b"<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>"])
def test_malformed_body_is_refused(kit: WeComKit, body: bytes) -> None:
    params, _ = kit.side.callback(kit.side.text_xml(DUPING, "帮助"))
    response = kit.server.post("/wecom/callback", params=params, content=body)
    assert (response.status_code, response.text) == (403, "")


def test_message_encrypted_for_another_corp_is_refused(kit: WeComKit) -> None:
    from tests.fakes.wecom_api import WeComSide

    other = WeComSide(kit.side.token, kit.side.aes_key, "wwanothercorp0002")
    params, body = other.callback(other.text_xml(DUPING, "帮助"))
    assert kit.server.post("/wecom/callback", params=params, content=body).status_code == 403
    assert kit.api.app_messages == []


def test_events_other_than_button_clicks_are_acknowledged_silently(kit: WeComKit) -> None:
    xml = (f"<xml><ToUserName><![CDATA[{kit.api.corp_id}]]></ToUserName><FromUserName><![CDATA[{DUPING}]]>"
           "</FromUserName><CreateTime>1790000000</CreateTime><MsgType><![CDATA[event]]></MsgType>"
           "<Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>")
    assert kit.post(xml) == 200
    assert kit.api.app_messages == []
