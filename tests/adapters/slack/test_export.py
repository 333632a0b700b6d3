""" "导出" on Slack: the workbook goes up with files_upload_v2 (get URL, upload, complete) into the conversation;
the bytes Slack receives are a valid .xlsx with every row the asker may see."""

from __future__ import annotations

import json

from bot.bootstrap import App
from bot.texts import t
from tests.adapters.slack.conftest import buttons, click, direct, mention, post_event, post_form, slash
from tests.fakes.files import overdue_workbook, xlsx_rows
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


def test_the_export_button_uploads_every_row_of_the_list_it_is_on(slack_app: App, slack_api: FakeSlackApi,
                                                                  firm: SmallFirm, server) -> None:
    post_event(server, direct(DUPING_SLACK, "哪些客户逾期未付款", channel="D0DUP", ts="1790000000.000061"), "Ev61")
    [first] = slack_api.wait_for("chat.postMessage")
    _more, export = buttons(first.blocks)
    assert export["text"]["text"] == t("zh", "export_chat.button") and export["value"].startswith("zf:export:zh:")
    post_event(server, direct(DUPING_SLACK, "按负责人统计逾期金额", channel="D0DUP", ts="1790000000.000062"), "Ev62")
    slack_api.wait_for("files.completeUploadExternal")  # the breakdown's chart
    post_form(server, click(DUPING_SLACK, export, slack_api.response_url("export"), channel="D0DUP",
                            message_ts="1790000000.000061"))
    [_, done] = slack_api.wait_for("files.completeUploadExternal", 2)
    workbook = slack_api.calls("upload")[-1].request.body
    amounts = overdue_workbook(workbook)  # the list the button was on, not the breakdown asked since
    assert sorted(amounts) == sorted(firm.duping_clients) and amounts[firm.duping_clients[0]] == 1000.0
    assert done.params["channel_id"] == "D0DUP"
    [file] = json.loads(done.params["files"])
    assert file["title"].startswith("逾期客户") and file["title"].endswith(".xlsx")
    assert "已导出 13 行" in slack_api.calls("chat.postMessage")[-1].block_text()


def test_someone_else_clicking_it_in_a_channel_exports_only_their_own_rows(
        slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm, server) -> None:
    post_event(server, mention(DUPING_SLACK, "哪些客户逾期未付款", ts="1790000000.000071"), "Ev71")
    [answer] = slack_api.wait_for("chat.postMessage")
    _, export = buttons(answer.blocks)
    post_form(server, click(WANGFANG_SLACK, export, slack_api.response_url("theirs"), message_ts="1790000000.000071"))
    [done] = slack_api.wait_for("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0FINANCE" and done.params.get("thread_ts") == "1790000000.000071"
    amounts = overdue_workbook(slack_api.calls("upload")[0].request.body)
    assert list(amounts) == firm.wangfang_clients  # 王芳's one client: never 杜萍's 13


def test_the_button_on_a_slash_commands_private_reply_still_delivers_the_file(
        slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm, server) -> None:
    post_form(server, slash(DUPING_SLACK, "which clients have overdue payments", slack_api.response_url("ask")))
    [answer] = slack_api.wait_for("hook")
    _, export = buttons(answer.blocks)
    assert export["text"]["text"] == "Export"
    post_form(server, click(DUPING_SLACK, export, slack_api.response_url("export"), ephemeral=True))
    [done] = slack_api.wait_for("files.completeUploadExternal")
    assert done.params["channel_id"] == "C0FINANCE"
    assert sorted(overdue_workbook(slack_api.calls("upload")[0].request.body)) == sorted(firm.duping_clients)
    [_, note] = slack_api.calls("hook")
    assert note.params["response_type"] == "ephemeral" and "Exported 13 rows" in note.block_text()
