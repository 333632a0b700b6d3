""" "导出" and charts on DingTalk. A conversation's sessionWebhook takes text only, so the text is answered there and
the workbook or chart goes through the robot OpenAPI: uploaded with media/upload, then sent as a sampleFile or
sampleImageMsg message to the asker's one-to-one chat or to the group asked in. The bytes DingTalk receives are
read back: a valid .xlsx with every row the asker may see, a PNG chart."""

from __future__ import annotations

import json
from urllib.parse import unquote

from adapters.dingtalk.outbound import SEND_MESSAGE
from adapters.dingtalk.sender import DingTalkSender
from bot.config import load_settings
from bot.delivery import Destination
from bot.reply import Chart, Reply
from bot.texts import t
from tests.adapters.dingtalk.conftest import DUPING, WANGFANG, DingTalkKit
from tests.fakes.dingtalk_api import FakeDingTalk
from tests.fakes.files import overdue_workbook, xlsx_rows

CHART = Chart(kind="line", title="近12个月回款", labels=["2026-10", "2026-11"], series={"回款": [1200.0, 3400.5]},
              unit="money")


def test_export_in_a_one_to_one_chat_sends_the_workbook_to_the_asker(http_kit: DingTalkKit) -> None:
    assert http_kit.ask("哪些客户逾期未付款", staff_id=DUPING) == 200
    assert http_kit.ask("导出", staff_id=DUPING) == 200
    assert any("已导出 13 行" in text for text in http_kit.answers())
    [(message, file)] = http_kit.api.sent_files()
    assert message["path"] == "/v1.0/robot/oToMessages/batchSend" and message["userIds"] == [DUPING]
    assert message["param"]["fileName"] == file.filename and message["param"]["fileType"] == "xlsx"
    rows = xlsx_rows(file.content)
    assert rows[0][0] == "客户" and sorted(r[0] for r in rows[1:]) == sorted(http_kit.firm.duping_clients)


def test_export_in_a_group_goes_to_that_group_with_only_the_askers_rows(http_kit: DingTalkKit) -> None:
    http_kit.ask("which clients have overdue payments", staff_id=WANGFANG, group=True)
    http_kit.ask("export this", staff_id=WANGFANG, group=True)
    [(message, file)] = http_kit.api.sent_files()
    assert message["path"] == "/v1.0/robot/groupMessages/send" and message["openConversationId"] == "cid-group-1"
    rows = xlsx_rows(file.content)
    assert rows[0][0] == "Client" and [r[0] for r in rows[1:]] == http_kit.firm.wangfang_clients


def test_nothing_to_export_sends_only_the_explanation(http_kit: DingTalkKit) -> None:
    http_kit.ask("导出", staff_id=DUPING)
    assert "先问一个列表问题" in "\n".join(http_kit.answers())
    assert http_kit.api.media == {} and http_kit.api.openapi_messages == []


def sender_for(api: FakeDingTalk) -> DingTalkSender:
    return DingTalkSender(load_settings(_env_file=None, dingtalk_client_id=api.client_id,
                                        dingtalk_client_secret=api.client_secret, dingtalk_api_base_url=api.api_base,
                                        dingtalk_oapi_base_url=api.api_base))


def test_the_outbox_sends_a_chart_as_an_uploaded_image_after_the_text(dingtalk_api: FakeDingTalk) -> None:
    reply = Reply(intent="digest", title="今日摘要", text="本月回款 ¥4,600.50", chart=CHART)
    sender_for(dingtalk_api).send(Destination(platform="dingtalk", kind="user", address=DUPING), reply)
    keys = [m["msgKey"] for m in dingtalk_api.openapi_messages]
    assert keys == ["sampleMarkdown", "sampleImageMsg"]
    photo = dingtalk_api.openapi_messages[1]["param"]["photoURL"]
    assert dingtalk_api.media[photo].content.startswith(b"\x89PNG")
    upload = next(r for r in dingtalk_api.requests if r.path.startswith("/media/upload"))
    assert "access_token=" in upload.path  # the app's token, as the older API takes it


def test_a_custom_group_robot_gets_the_text_without_the_picture(dingtalk_api: FakeDingTalk) -> None:
    reply = Reply(intent="digest", title="今日摘要", text="本月回款 ¥4,600.50", chart=CHART)
    sender_for(dingtalk_api).send(Destination(platform="dingtalk", kind="webhook",
                                              address=dingtalk_api.new_robot()), reply)
    [message] = dingtalk_api.robot_messages
    assert "¥4,600.50" in json.dumps(message, ensure_ascii=False) and dingtalk_api.media == {}


def test_a_refused_upload_is_said_in_the_conversation(http_kit: DingTalkKit) -> None:
    http_kit.ask("哪些客户逾期未付款", staff_id=DUPING)
    http_kit.api.media_limit = 100  # no workbook is that small
    http_kit.ask("导出", staff_id=DUPING)
    answers = http_kit.answers()
    assert "已导出 13 行" in answers[-2] and answers[-1] == t("zh", "export_chat.file_not_sent")
    assert http_kit.api.sent_files() == []


def tapped_export(kit: DingTalkKit) -> str:
    """What DingTalk sends back when the last ActionCard's 导出 button is tapped: its value, as a message."""
    [*_, card] = [m["actionCard"] for m in kit.api.session_messages if m["msgtype"] == "actionCard"]
    [export] = [b for b in card["btns"] if b["title"] in (t("zh", "export_chat.button"), t("en", "export_chat.button"))]
    return unquote(export["actionURL"].removeprefix(SEND_MESSAGE))


def test_tapping_the_export_button_sends_every_row_of_that_list(http_kit: DingTalkKit) -> None:
    http_kit.ask("哪些客户逾期未付款", staff_id=DUPING)
    tapped = tapped_export(http_kit)
    assert tapped.startswith("zf:export:zh:")
    http_kit.ask("按负责人统计逾期金额", staff_id=DUPING)  # another list since: the tap still exports the first
    assert http_kit.ask(tapped, staff_id=DUPING) == 200
    [(message, file)] = http_kit.api.sent_files()
    assert message["userIds"] == [DUPING] and message["param"]["fileType"] == "xlsx"
    assert file.filename.startswith("逾期客户")
    amounts = overdue_workbook(file.content)
    assert sorted(amounts) == sorted(http_kit.firm.duping_clients) and sum(amounts.values()) == 91000.0
    assert "已导出 13 行" in http_kit.answers()[-1]


def test_a_tap_by_someone_else_in_a_group_exports_only_their_rows(http_kit: DingTalkKit) -> None:
    http_kit.ask("which clients have overdue payments", staff_id=DUPING, group=True)
    tapped = tapped_export(http_kit)
    http_kit.ask(tapped, staff_id=WANGFANG, group=True)
    [(message, file)] = http_kit.api.sent_files()
    assert message["openConversationId"] == "cid-group-1"
    assert list(overdue_workbook(file.content)) == http_kit.firm.wangfang_clients
