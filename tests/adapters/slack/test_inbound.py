"""Slack payloads → IncomingMessage: who asked, what, where to answer."""

from __future__ import annotations

import json

from adapters.slack.inbound import clean_text, from_action, from_command, from_event
from tests.adapters.slack.conftest import click, direct, mention, slash


def test_mention_loses_the_bot_tag_and_is_answered_in_a_thread() -> None:
    message = from_event(mention("U1", "哪些客户 &lt;逾期&gt; 未付款", ts="17.1"), "Ev1")
    assert (message.platform, message.sender_id, message.chat_id) == ("slack", "U1", "C0FINANCE")
    assert message.text == "哪些客户 <逾期> 未付款"
    assert message.thread_id == "17.1" and not message.is_direct
    assert message.message_id == "Ev1"


def test_direct_message_stays_in_the_conversation_unless_threaded() -> None:
    assert from_event(direct("U1", "帮助"), "Ev2").thread_id is None
    threaded = from_event({**direct("U1", "帮助"), "thread_ts": "16.0"}, "Ev3")
    assert threaded.is_direct and threaded.thread_id == "16.0"


def test_slash_command_empty_means_help() -> None:
    assert from_command(slash("U1", "", "https://hooks.example/1")).text == "帮助"
    asked = from_command(slash("U1", "  top 10 debtors ", "https://hooks.example/1"))
    assert asked.text == "top 10 debtors" and asked.extras["response_url"] == "https://hooks.example/1"


def test_button_click_carries_the_action_value() -> None:
    button = {"action_id": "zf_action_0", "value": "zf:more:10:{}", "text": {"type": "plain_text", "text": "显示更多"}}
    body = json.loads(click("U2", button, "https://hooks.example/2")["payload"])
    message = from_action(body)
    assert message.action == "zf:more:10:{}" and message.sender_id == "U2" and message.text == "显示更多"
    assert message.thread_id == "1790000000.000100" and not message.extras["ephemeral"]
    in_dm = from_action({**body, "channel": {"id": "D9"}, "message": {"ts": "5.0"},
                         "container": {"type": "message", "message_ts": "5.0", "channel_id": "D9"}})
    assert in_dm.is_direct and in_dm.thread_id is None


def test_clean_text_removes_user_tags() -> None:
    assert clean_text("<@U0BOT|账房>  本月回款多少 <@U0BOT>") == "本月回款多少"
