""" "导出" on Slack: the workbook goes up with files_upload_v2 (get URL, upload, complete) into the conversation;
the bytes Slack receives are a valid .xlsx with every row the asker may see."""

from __future__ import annotations

import json

from bot.bootstrap import App
from bot.texts import t
from tests.adapters.slack.conftest import direct, mention, post_event
from tests.fakes.files import xlsx_rows
from tests.fakes.scripted_server import Scripted
from tests.fakes.slack_api import FakeSlackApi
from tests.small_firm import DUPING_SLACK, WANGFANG_SLACK, SmallFirm


def test_export_in_a_direct_message_uploads_every_row(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm,
                                                      server) -> None:
    post_event(server, direct(DUPING_SLACK, "哪些客户逾期未付款", channel="D0DUP", ts="1790000000.000021"), "Ev21")
    [first] = slack_api.wait_for("chat.postMessage")
    assert sum(name in first.block_text() for name in firm.duping_clients) == 10  # the chat shows one screen
    post_event(server, direct(DUPING_SLACK, "导出", channel="D0DUP", ts="1790000000.000022"), "Ev22")
    [done] = slack_api.wait_for("files.completeUploadExternal")
    [upload] = slack_api.calls("upload")
    rows = xlsx_rows(upload.request.body)
    assert rows[0][:2] == ["客户", "负责人"] and sorted(r[0] for r in rows[1:]) == sorted(firm.duping_clients)
    assert done.params["channel_id"] == "D0DUP"
    [file] = json.loads(done.params["files"])
    assert file["title"].endswith(".xlsx")
    [_, note] = slack_api.calls("chat.postMessage")
    assert "已导出 13 行" in note.block_text()


def test_export_asked_in_a_thread_lands_in_that_thread_with_only_the_askers_rows(
        slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm, server) -> None:
    post_event(server, mention(WANGFANG_SLACK, "which clients have overdue payments", ts="1790000000.000031"), "Ev31")
    slack_api.wait_for("chat.postMessage")
    post_event(server, mention(WANGFANG_SLACK, "export to excel", ts="1790000000.000031"), "Ev32")
    [done] = slack_api.wait_for("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0FINANCE" and done.params.get("thread_ts") == "1790000000.000031"
    rows = xlsx_rows(slack_api.calls("upload")[0].request.body)
    assert rows[0][0] == "Client" and [r[0] for r in rows[1:]] == firm.wangfang_clients


def test_a_trend_is_posted_with_its_line_chart(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm,
                                               server) -> None:
    post_event(server, direct(DUPING_SLACK, "今年每个月的回款", channel="D0DUP", ts="1790000000.000041"), "Ev41")
    [done] = slack_api.wait_for("files.completeUploadExternal")
    [post] = slack_api.calls("chat.postMessage")
    assert "2026" in post.block_text()  # the periods and figures as text
    [upload] = slack_api.calls("upload")
    assert upload.request.body.startswith(b"\x89PNG")
    assert [f["title"] for f in json.loads(done.params["files"])] == ["回款趋势"]


def test_a_refused_upload_is_said_in_the_conversation_not_dropped_silently(
        slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm, server) -> None:
    post_event(server, direct(DUPING_SLACK, "哪些客户逾期未付款", channel="D0DUP", ts="1790000000.000051"), "Ev51")
    slack_api.wait_for("chat.postMessage")
    slack_api.fail("files.getUploadURLExternal", Scripted(body={"ok": False, "error": "missing_scope"}))
    post_event(server, direct(DUPING_SLACK, "导出", channel="D0DUP", ts="1790000000.000052"), "Ev52")
    [*_, note] = slack_api.wait_for("chat.postMessage", 3)
    assert note.params["text"] == t("zh", "export_chat.file_not_sent")
    assert slack_api.calls("upload") == []
