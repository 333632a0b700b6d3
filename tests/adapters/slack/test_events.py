"""Slack end to end: signed events into the real server and slack_bolt App, answers out to the fake Web API.

Each test leaves the server's `with` block before asserting: shutdown waits for every answer still being
written, so "exactly one message" really means one.
"""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from bot.bootstrap import App
from bot.commands.platforms import bind_identity
from bot.server import create_app
from bot.texts import lookup, t
from tests.adapters.slack.conftest import (
    SECRET,
    TOKEN,
    buttons,
    click,
    direct,
    event_body,
    mention,
    post_event,
    post_form,
    sign,
    slash,
)
from tests.fakes.slack_api import BOT_ID, FakeSlackApi, rate_limited
from tests.small_firm import DUPING_SLACK, WANGFANG_SLACK, SmallFirm


def _serve(app: App) -> TestClient:
    return TestClient(create_app(app))


def test_staff_mention_is_answered_in_thread_within_their_scope(slack_app: App, slack_api: FakeSlackApi,
                                                                firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        assert post_event(client, mention(DUPING_SLACK, "哪些客户逾期未付款", ts="1790000000.000010"), "Ev01") == 200
    [post] = slack_api.calls("chat.postMessage")
    assert post.params["channel"] == "C0FINANCE" and post.params["thread_ts"] == "1790000000.000010"
    assert post.blocks[0]["type"] == "header"
    shown = post.block_text()
    assert sum(name in shown for name in firm.duping_clients) == 10  # one screen of 13, then "show more"
    assert firm.wangfang_clients[0] not in shown
    assert [b["text"]["text"] for b in buttons(post.blocks)] == [t("zh", "common.show_more"),
                                                                 t("zh", "export_chat.button")]
    assert post.params["text"]  # the fallback for notifications


def test_direct_message_is_answered_in_the_conversation(slack_app: App, slack_api: FakeSlackApi,
                                                        firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, direct(WANGFANG_SLACK, "哪些客户逾期未付款", channel="D0WANG"), "Ev02")
    [post] = slack_api.calls("chat.postMessage")
    assert post.params["channel"] == "D0WANG" and "thread_ts" not in post.params
    assert firm.wangfang_clients[0] in post.block_text()
    assert not any(name in post.block_text() for name in firm.duping_clients)


def test_a_bound_client_contact_sees_only_its_own_company(slack_app: App, slack_api: FakeSlackApi,
                                                          firm: SmallFirm) -> None:
    with slack_app.session() as session:
        bind_identity(session, "slack", "U0LINA", firm.contact_label)
    with _serve(slack_app) as client:
        post_event(client, direct("U0LINA", "我们还欠多少钱", channel="D0LINA"), "Ev03")
        slack_api.wait_for("chat.postMessage")
        post_event(client, direct("U0LINA", "哪些客户逾期未付款", channel="D0LINA", ts="1790000000.000003"), "Ev04")
    own, refused = slack_api.calls("chat.postMessage")
    others = [*firm.duping_clients[1:], *firm.wangfang_clients, *(f"INV-{n:04d}" for n in range(2, 15))]
    assert firm.contact_invoice in own.block_text()
    assert not any(other in own.block_text() for other in others)
    assert firm.contact_invoice not in refused.block_text()  # asking about "clients" shows no book data at all
    assert not any(other in refused.block_text() for other in others)


def test_an_unknown_user_gets_only_the_polite_not_registered_reply(slack_app: App, slack_api: FakeSlackApi,
                                                                   firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, mention("U0STRANGER", "哪些客户逾期未付款"), "Ev05")
    [post] = slack_api.calls("chat.postMessage")
    expected = t("zh", "common.not_registered", platform="slack", user_id="U0STRANGER")
    assert post.block_text().strip() == expected.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert not any(name in post.block_text() for name in firm.duping_clients + firm.wangfang_clients)


def test_slash_command_help_and_question_answer_privately(slack_app: App, slack_api: FakeSlackApi,
                                                          firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        assert post_form(client, slash(DUPING_SLACK, "help", slack_api.response_url("help"))) == 200
        assert post_form(client, slash(DUPING_SLACK, "哪些客户逾期未付款", slack_api.response_url("ask"))) == 200
    hooks = {call.request.path.rsplit("/", 1)[-1]: call for call in slack_api.calls("hook")}
    assert set(hooks) == {"help", "ask"}
    assert all(call.params["response_type"] == "ephemeral" for call in hooks.values())
    help_title = {lookup("zh", "help.title"), lookup("en", "help.title")}
    assert hooks["help"].blocks[0]["text"]["text"] in help_title
    assert sum(name in hooks["ask"].block_text() for name in firm.duping_clients) == 10
    assert slack_api.calls("chat.postMessage") == []


def test_show_more_button_pages_through_the_rest(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, mention(DUPING_SLACK, "哪些客户逾期未付款"), "Ev06")
        [first] = slack_api.wait_for("chat.postMessage")
        more, _export = buttons(first.blocks)
        assert post_form(client, click(DUPING_SLACK, more, slack_api.response_url("more"))) == 200
    first, second = slack_api.calls("chat.postMessage")
    on_first = {name for name in firm.duping_clients if name in first.block_text()}
    on_second = {name for name in firm.duping_clients if name in second.block_text()}
    assert len(on_second) == 3 and on_first | on_second == set(firm.duping_clients)
    assert second.params["channel"] == "C0FINANCE" and second.params["thread_ts"] == "1790000000.000100"


def test_clicking_an_ambiguous_candidate_answers_for_that_client(slack_app: App, slack_api: FakeSlackApi,
                                                                 firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, direct(DUPING_SLACK, "明远的客户档案"), "Ev07")
        [question] = slack_api.wait_for("chat.postMessage")
        candidates = buttons(question.blocks)
        assert len(candidates) >= 2 and all(b["text"]["text"] in firm.duping_clients for b in candidates)
        picked = candidates[1]
        post_form(client, click(DUPING_SLACK, picked, slack_api.response_url("pick"), channel="D0DIRECT"))
    answer = slack_api.calls("chat.postMessage")[1]
    assert picked["text"]["text"] in answer.block_text()
    assert not any(b["text"]["text"] in answer.block_text() for b in candidates if b is not picked)


def test_a_click_on_an_ephemeral_reply_is_answered_through_the_response_url(slack_app: App, slack_api: FakeSlackApi,
                                                                              firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_form(client, slash(DUPING_SLACK, "哪些客户逾期未付款", slack_api.response_url("ask")))
        [answer] = slack_api.wait_for("hook")
        more, _export = buttons(answer.blocks)
        post_form(client, click(DUPING_SLACK, more, slack_api.response_url("more"), ephemeral=True))
    hooks = slack_api.calls("hook")
    assert [h.request.path.rsplit("/", 1)[-1] for h in hooks] == ["ask", "more"]
    assert sum(name in hooks[1].block_text() for name in firm.duping_clients) == 3


def test_slack_gets_its_ack_while_the_answer_is_still_being_delivered(slack_app: App, slack_api: FakeSlackApi,
                                                                     firm: SmallFirm) -> None:
    gate = slack_api.hold("chat.postMessage")
    with _serve(slack_app) as client:
        assert post_event(client, direct(DUPING_SLACK, "哪些客户逾期未付款"), "Ev30") == 200
        slack_api.wait_until_held("chat.postMessage")  # the answer is on its way, held by a slow Slack
        gate.set()
    [post] = slack_api.calls("chat.postMessage")  # delivered once, on the first try: nothing timed out
    assert "_failed" not in post.params


def test_a_retried_event_is_answered_once(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        event = mention(DUPING_SLACK, "哪些客户逾期未付款")
        assert post_event(client, event, "Ev08") == 200
        assert post_event(client, event, "Ev08", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"}) == 200
        assert post_event(client, event, "Ev08", **{"X-Slack-Retry-Num": "2"}) == 200
        metrics = client.get("/metrics").text
    assert len(slack_api.calls("chat.postMessage")) == 1
    assert 'zhangfang_requests_total{outcome="duplicate",platform="slack"} 2.0' in metrics


def test_rate_limited_post_is_retried_and_delivered_once(slack_app: App, slack_api: FakeSlackApi,
                                                         firm: SmallFirm) -> None:
    slack_api.fail("chat.postMessage", rate_limited(retry_after=1))
    with _serve(slack_app) as client:
        post_event(client, direct(DUPING_SLACK, "哪些客户逾期未付款"), "Ev09")
    attempts = slack_api.calls("chat.postMessage")
    assert [a.params.get("_failed") for a in attempts] == [429, None]
    assert sum(name in attempts[1].block_text() for name in firm.duping_clients) == 10


def test_bot_posts_and_edits_are_not_questions(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, {**direct(DUPING_SLACK, "哪些客户逾期未付款"), "bot_id": BOT_ID}, "Ev10")
        post_event(client, {**direct(DUPING_SLACK, "哪些客户逾期未付款"), "subtype": "message_changed"}, "Ev11")
        post_event(client, {**direct(DUPING_SLACK, "哪些客户逾期未付款"), "channel_type": "channel"}, "Ev12")
    assert slack_api.calls("chat.postMessage") == []


def test_app_home_shows_the_help(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm) -> None:
    with _serve(slack_app) as client:
        post_event(client, {"type": "app_home_opened", "user": DUPING_SLACK, "channel": "D0HOME", "tab": "home",
                            "event_ts": "1790000000.000200"}, "Ev13")
    [publish] = slack_api.calls("views.publish")
    assert publish.params["user_id"] == DUPING_SLACK
    assert publish.params["view"]["type"] == "home"
    assert lookup("zh", "help.title") in publish.block_text() or lookup("en", "help.title") in publish.block_text()



def test_tokens_and_secrets_never_reach_the_logs(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    slack_api.fail("chat.postMessage", rate_limited(retry_after=1))
    with _serve(slack_app) as client:
        post_event(client, direct(DUPING_SLACK, "哪些客户逾期未付款"), "Ev20")
        post_event(client, direct("U0STRANGER", "帮助"), "Ev21")
        body = event_body(direct(DUPING_SLACK, "帮助"), "Ev22")
        client.post("/slack/events", content=body.encode(), headers={**sign(body, secret="forged"),
                                                                      "Content-Type": "application/json"})
    assert len(slack_api.calls("chat.postMessage")) == 3  # the answers really went out (one after a 429)
    assert caplog.records  # and the SDKs did log at DEBUG
    for secret in (TOKEN, SECRET):
        assert secret not in caplog.text
