""" "导出" on WeCom: the workbook is uploaded (media/upload type=file, or a group robot's webhook/upload_media) and
sent as a file message; the bytes WeCom receives are a valid .xlsx with every row the asker may see."""

from __future__ import annotations

import pytest

from adapters.wecom.sender import WeComSender
from bot.conversation import handle
from bot.delivery import DeliveryError, Destination
from bot.messages import IncomingMessage
from bot.reply import Reply
from bot.texts import t
from tests.adapters.wecom.conftest import DUPING, WANGFANG, WeComKit
from tests.fakes.files import overdue_workbook, xlsx_rows


def exported(kit: WeComKit, user: str = DUPING) -> Reply:
    """An export reply made as the callback makes it (a list question, then 导出), not sent anywhere."""
    for text in ("哪些客户逾期未付款", "导出"):
        reply = handle(kit.app, IncomingMessage(platform="wecom", chat_id="", sender_id=user, text=text))
    assert reply.attachment is not None
    return reply


def test_export_in_the_app_chat_arrives_as_a_file_with_every_row(kit: WeComKit) -> None:
    assert kit.ask(DUPING, "哪些客户逾期未付款") == 200
    assert kit.ask(DUPING, "导出") == 200
    [(message, file)] = kit.api.file_messages("app")
    assert message["touser"] == DUPING and message["agentid"] == kit.api.agent_id
    assert file.filename.endswith(".xlsx") and file.filename.startswith("逾期客户")
    rows = xlsx_rows(file.content)
    assert rows[0][0] == "客户" and sorted(r[0] for r in rows[1:]) == sorted(kit.firm.duping_clients)  # all 13
    texts = [m["markdown"]["content"] for m in kit.api.app_messages if m["msgtype"] == "markdown"]
    assert any("已导出 13 行" in text for text in texts)


def test_each_asker_exports_only_their_own_clients(kit: WeComKit) -> None:
    kit.ask(WANGFANG, "哪些客户逾期未付款")
    kit.ask(WANGFANG, "export this")
    [(message, file)] = kit.api.file_messages("app")
    assert message["touser"] == WANGFANG
    rows = xlsx_rows(file.content)
    assert rows[0][0] == "Client" and [r[0] for r in rows[1:]] == kit.firm.wangfang_clients


def test_a_group_robot_gets_the_file_through_its_own_upload(kit: WeComKit) -> None:
    reply = Reply.model_validate_json(exported(kit).model_dump_json())  # as the outbox keeps it: JSON, base64
    sender = WeComSender(kit.app.settings)
    sender.send(Destination(platform="wecom", kind="webhook", address=kit.api.robot_url()), reply)
    [(message, file)] = kit.api.file_messages("robot")
    assert message["file"]["media_id"].startswith("fake-robot-media-")
    assert file.content == reply.attachment.content and len(xlsx_rows(file.content)) == 14
    assert kit.api.robot_messages[0]["msgtype"] == "markdown"  # the text first, then the file


def test_an_app_group_chat_gets_the_file_too(kit: WeComKit) -> None:
    WeComSender(kit.app.settings).send(Destination(platform="wecom", kind="chat", address="chat-finance"),
                                       exported(kit))
    [(message, file)] = kit.api.file_messages("chat")
    assert message["chatid"] == "chat-finance" and len(xlsx_rows(file.content)) == 14


def test_a_wrong_robot_key_is_a_delivery_error_and_nothing_is_half_sent(kit: WeComKit) -> None:
    with pytest.raises(DeliveryError):
        WeComSender(kit.app.settings).send(
            Destination(platform="wecom", kind="webhook", address=kit.api.robot_url("not-a-key")), exported(kit))
    assert kit.api.robot_messages == [] and kit.api.files == {}


def test_a_breakdown_arrives_with_its_chart_as_an_uploaded_image(kit: WeComKit) -> None:
    assert kit.ask(DUPING, "按负责人统计逾期金额") == 200
    kinds = [m["msgtype"] for m in kit.api.app_messages if m["touser"] == DUPING]
    assert kinds[0] == "markdown" and kinds[-1] == "image"
    [png] = kit.api.uploads
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    text = "\n".join(m["markdown"]["content"] for m in kit.api.app_messages if m["msgtype"] == "markdown")
    assert "杜萍" in text and "¥" in text  # the numbers as text beside the picture


def test_a_refused_file_upload_is_said_to_the_member_after_the_text(kit: WeComKit) -> None:
    reply = exported(kit)
    broken = reply.model_copy(update={"attachment": reply.attachment.model_copy(update={"content": b"PK"})})
    WeComSender(kit.app.settings).send(Destination(platform="wecom", kind="user", address=DUPING), broken)
    kinds = [m["msgtype"] for m in kit.api.app_messages]
    assert kinds[0] == "markdown" and kinds[-1] == "text" and "file" not in kinds  # WeCom takes files of 5+ bytes
    assert kit.api.app_messages[-1]["text"]["content"] == t("zh", "export_chat.file_not_sent")


def export_card(kit: WeComKit, user: str) -> tuple[dict, dict]:
    """The button card of the last list answer sent to `user`, and its 导出 button."""
    [*_, card] = [m["template_card"] for m in kit.api.app_messages
                  if m["msgtype"] == "template_card" and m["touser"] == user]
    [export] = [b for b in card["button_list"] if b["key"].startswith("zf:export:")]
    return card, export


def test_the_export_button_on_the_card_sends_every_row_as_a_file(kit: WeComKit) -> None:
    assert kit.ask(DUPING, "哪些客户逾期未付款") == 200
    card, export = export_card(kit, DUPING)
    assert export["text"] == t("zh", "export_chat.button")
    assert kit.ask(DUPING, "本月回款多少") == 200  # a total since: typed 导出 would find no list
    assert kit.post(kit.side.card_click_xml(DUPING, export["key"], card["task_id"])) == 200
    [(message, file)] = kit.api.file_messages("app")
    assert message["touser"] == DUPING and file.filename.startswith("逾期客户") and file.filename.endswith(".xlsx")
    amounts = overdue_workbook(file.content)
    assert sorted(amounts) == sorted(kit.firm.duping_clients) and amounts[kit.firm.duping_clients[12]] == 13000.0


def test_a_click_by_someone_else_exports_only_their_own_rows(kit: WeComKit) -> None:
    kit.ask(DUPING, "which clients have overdue payments")
    card, export = export_card(kit, DUPING)
    assert export["text"] == "Export"
    kit.post(kit.side.card_click_xml(WANGFANG, export["key"], card["task_id"]))  # 杜萍's key, 王芳 pressing
    [(message, file)] = kit.api.file_messages("app")
    assert message["touser"] == WANGFANG and list(overdue_workbook(file.content)) == kit.firm.wangfang_clients
