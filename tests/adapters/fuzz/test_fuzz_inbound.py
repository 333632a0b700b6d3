"""Property-based fuzzing (hypothesis, bounded) of what the platforms send in: the WeCom callback (signed and
encrypted XML, and unsigned garbage), DingTalk bot-message JSON, and Slack event, command and action payloads.

The property for each parser: any input gives either a well-formed IncomingMessage (every id a string) or the
parser's own "not for us" answer (None / Refused) — never another exception, which the server would turn into a
500 and a traceback in the log."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.dingtalk.app import _json_object
from adapters.dingtalk.inbound import parse as parse_dingtalk
from adapters.dingtalk.inbound import to_incoming as dingtalk_incoming
from adapters.slack.inbound import from_action, from_command, from_event
from adapters.wecom.inbound import CallbackCrypto, Refused
from adapters.wecom.inbound import to_incoming as wecom_incoming
from bot.messages import IncomingMessage
from tests.fakes.wecom_api import WeComSide

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOKEN = "fuzzToken"
AES_KEY = base64.b64encode(bytes(range(1, 33))).decode().rstrip("=")
CORP = "ww-fuzz-corp"

# JSON values, biased towards the keys and shapes the platforms really use
scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def objects(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=10), json_values, max_size=len(keys))


def well_formed(message: IncomingMessage) -> None:
    assert isinstance(message.text, str) and isinstance(message.sender_id, str)
    assert isinstance(message.chat_id, str)
    assert message.message_id is None or isinstance(message.message_id, str)
    assert message.action is None or isinstance(message.action, str)
    assert message.thread_id is None or isinstance(message.thread_id, str)
    json.dumps(message.model_dump(), default=str)


# -- WeCom ------------------------------------------------------------------------------------------------------
WECOM_TAGS = ["ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "AgentID", "Event",
              "EventKey", "TaskId", "Recognition"]
xml_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=40)
xml_leaf = st.builds(lambda tag, value: f"<{tag}><![CDATA[{value.replace(']]>', '')}]]></{tag}>",
                     st.sampled_from(WECOM_TAGS), xml_text)
xml_nested = st.builds(lambda tag, inner: f"<{tag}>{''.join(inner)}</{tag}>", st.sampled_from(WECOM_TAGS),
                       st.lists(xml_leaf, max_size=3))
xml_bodies = st.builds(lambda parts, root: f"<{root}>{''.join(parts)}</{root}>",
                       st.lists(xml_leaf | xml_nested | xml_text, max_size=8),
                       st.sampled_from(["xml", "xml", "xml", "other"])) | xml_text


@FUZZ
@given(plain=xml_bodies)
def test_wecom_signed_messages_of_any_shape(plain: str) -> None:
    side = WeComSide(TOKEN, AES_KEY, CORP)
    crypto = CallbackCrypto(TOKEN, AES_KEY, CORP)
    params, body = side.callback(plain, timestamp=int(time.time()))
    try:
        fields = crypto.decrypt(params, body)
    except Refused:
        return
    message = wecom_incoming(fields)
    if message is not None:
        well_formed(message)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["msg_signature", "timestamp", "nonce", "echostr"]),
                              st.text(max_size=60), max_size=4),
       body=st.binary(max_size=300) | xml_bodies.map(str.encode))
def test_wecom_unsigned_requests_are_refused(params: dict[str, str], body: bytes) -> None:
    crypto = CallbackCrypto(TOKEN, AES_KEY, CORP)
    for call in (lambda: crypto.decrypt(params, body), lambda: crypto.verify_url(params)):
        try:
            call()
        except Refused:
            continue
        raise AssertionError("an unsigned request was accepted")


# -- DingTalk ---------------------------------------------------------------------------------------------------
DINGTALK_KEYS = ["msgtype", "text", "content", "senderStaffId", "senderId", "sessionWebhook", "msgId",
                 "conversationType", "conversationId", "conversationTitle", "sessionWebhookExpiredTime", "atUsers",
                 "isInAtList", "senderNick", "createAt", "robotCode", "hostingContext", "conversationMsgContext"]
dingtalk_messages = objects(DINGTALK_KEYS) | st.fixed_dictionaries(
    {"msgtype": st.sampled_from(["text", "richText", "audio", "picture", "file"]), "text": json_values,
     "content": json_values, "senderStaffId": json_values, "sessionWebhook": json_values, "msgId": json_values,
     "conversationType": json_values})


@FUZZ
@given(data=dingtalk_messages)
def test_dingtalk_messages_of_any_shape(data: dict[str, Any]) -> None:
    try:
        message = dingtalk_incoming(parse_dingtalk(data))
    except (KeyError, TypeError, ValueError, AttributeError):
        return  # what Responder.accept treats as "nothing to answer"
    if message is not None:
        well_formed(message)


@FUZZ
@given(body=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_dingtalk_body_is_an_object_or_nothing(body: bytes) -> None:
    assert _json_object(body) is None or isinstance(_json_object(body), dict)


def test_regression_deeply_nested_dingtalk_json_is_refused_not_a_crash() -> None:
    """Found by fuzzing: 64 KB of `[` made json.loads raise RecursionError — a 500 after a valid signature."""
    assert _json_object(b"[" * 60000) is None
    assert _json_object(b'{"a":' * 30000) is None


# -- Slack --------------------------------------------------------------------------------------------------------
SLACK_EVENT = ["channel", "channel_type", "thread_ts", "ts", "user", "text", "client_msg_id", "team", "type"]
SLACK_COMMAND = ["channel_id", "user_id", "text", "channel_name", "trigger_id", "response_url", "command"]
SLACK_ACTION = ["actions", "container", "channel", "message", "user", "trigger_id", "response_url"]


@FUZZ
@given(event=objects(SLACK_EVENT), event_id=st.none() | st.text(max_size=10))
def test_slack_events_of_any_shape(event: dict[str, Any], event_id: str | None) -> None:
    well_formed(from_event(event, event_id))


@FUZZ
@given(command=objects(SLACK_COMMAND))
def test_slack_commands_of_any_shape(command: dict[str, Any]) -> None:
    well_formed(from_command(command))


@FUZZ
@given(body=objects(SLACK_ACTION) | st.fixed_dictionaries(
    {"actions": st.lists(objects(["value", "text", "action_id"]), max_size=2), "container": objects(
        ["channel_id", "thread_ts", "message_ts", "is_ephemeral"]), "channel": objects(["id"]),
     "message": objects(["thread_ts"]), "user": objects(["id"])}))
def test_slack_actions_of_any_shape(body: dict[str, Any]) -> None:
    well_formed(from_action(body))


def test_regression_slack_payload_fields_of_the_wrong_type() -> None:
    """Found by fuzzing: a null channel id, a number as text, a string for `actions`, a list for `container` …
    raised TypeError / AttributeError / KeyError / a validation error instead of reading as absent."""
    assert from_command({"channel_id": None}).chat_id == ""
    assert from_event({"text": 5, "user": True, "ts": 1.5}).text == ""
    assert from_event({"channel": None, "thread_ts": {"a": 1}}).thread_id is None
    assert from_action({"actions": "x"}).action is None
    assert from_action({"actions": {}}).action is None
    assert from_action({"actions": [], "container": [1], "channel": "C1"}).chat_id == ""
    assert from_action({"actions": [{"value": 7, "text": "label"}], "user": "U1"}).sender_id == ""
    assert from_action({"channel": {"id": None}, "container": {"channel_id": "D1"}}).is_direct
