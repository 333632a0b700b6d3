"""Requests as each platform really sends them: Slack v0 signatures, WeCom msg_signature + AES (wechatpy, through
tests/fakes' WeComSide), DingTalk's timestamp + sign, and the Bearer-token HTTP API. Each builder returns a
`Call` and the key its answer is recognised by at the fake API."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field

from benchmarks.reliability.harness import (
    ADMIN_DINGTALK,
    ADMIN_SLACK,
    API_TOKEN,
    SLACK_SECRET,
    WECOM_AES,
    WECOM_TOKEN,
    World,
)
from tests.fakes.dingtalk_api import dingtalk_sign
from tests.fakes.wecom_api import WeComSide

QUESTIONS = ("哪些客户逾期未付款", "应收余额", "欠款最多的10个客户", "30天内到期的合同", "本月回款多少",
             "资料逾期未交的客户", "营收前10的客户", "VIP客户有哪些", "信用等级为D的客户", "超过90天没联系的客户")
# Platform load asks questions whose answer is one message, so that messages at the fake count answers
SHORT = ("应收余额", "本月回款多少", "逾期总额是多少", "小规模纳税人客户有多少", "10月回款率")
_serial = itertools.count(1)


@dataclass
class Call:
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


def question(n: int) -> str:
    return QUESTIONS[n % len(QUESTIONS)]


def short_question(n: int) -> str:
    return SHORT[n % len(SHORT)]


def api_ask(world: World, text: str) -> Call:
    body = json.dumps({"question": text, "as": world.admin}, ensure_ascii=False).encode()
    return Call("POST", "/api/ask", body, {"Authorization": f"Bearer {API_TOKEN}",
                                           "Content-Type": "application/json"})


def slack_sign(body: bytes, stamp: int | None = None, secret: str = SLACK_SECRET) -> dict[str, str]:
    stamp = int(time.time()) if stamp is None else stamp
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(stamp), "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/json"}


def slack_event(world: World, text: str, event_id: str | None = None) -> tuple[Call, str]:
    """An app_mention in a channel; the answer is posted in the thread of `ts` (the returned key)."""
    ts = f"{int(time.time())}.{next(_serial):06d}"
    event = {"type": "app_mention", "user": ADMIN_SLACK, "text": f"<@UZHANGFANG> {text}", "ts": ts,
             "channel": "C0RELIABLE", "event_ts": ts}
    body = json.dumps({"token": "t", "team_id": "T0FIRM", "api_app_id": "A0ZF", "event": event,
                       "type": "event_callback", "event_id": event_id or f"Ev{uuid.uuid4().hex[:12]}",
                       "event_time": int(time.time())}, ensure_ascii=False).encode()
    return Call("POST", "/slack/events", body, slack_sign(body)), ts


def wecom_message(world: World, text: str, msg_id: str | None = None) -> tuple[Call, str]:
    side = WeComSide(WECOM_TOKEN, WECOM_AES, world.fakes.wecom.corp_id, world.fakes.wecom.agent_id)
    msg_id = msg_id or str(next(_serial) + 10**15)
    params, body = side.callback(side.text_xml(world.wecom_admin, text, msg_id))
    return Call("POST", "/wecom/callback", body, {"Content-Type": "text/xml"}, params), msg_id


def dingtalk_message(world: World, text: str, data: dict | None = None) -> tuple[Call, str]:
    data = data or world.fakes.dingtalk.bot_message(text, staff_id=ADMIN_DINGTALK)
    stamp = str(int(time.time() * 1000))
    body = json.dumps(data, ensure_ascii=False).encode()
    headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, world.fakes.dingtalk.client_secret),
               "Content-Type": "application/json"}
    return Call("POST", "/dingtalk/callback", body, headers), data["sessionWebhook"]


def signed(world: World, endpoint: str, n: int) -> tuple[Call, str | None]:
    """Request number `n` to `endpoint`, and the key its answer is found by at the fake (None for the API)."""
    if endpoint == "api":
        return api_ask(world, question(n)), None
    builder = {"slack": slack_event, "wecom": wecom_message, "dingtalk": dingtalk_message}[endpoint]
    return builder(world, short_question(n))


def slack_replies(world: World, keys: list[str]) -> dict[str, int]:
    """How many answers the fake Slack received in the thread of each accepted event (by its ts)."""
    wanted = set(keys)
    counts = dict.fromkeys(keys, 0)
    for call in world.fakes.slack.calls("chat.postMessage"):
        ts = call.params.get("thread_ts")
        if ts in wanted and not call.params.get("_failed"):
            counts[ts] += 1
    return counts


def answers_at_fakes(world: World) -> dict[str, int]:
    """How many answers each fake platform accepted so far (chat replies and bot-initiated messages)."""
    f = world.fakes
    slack = [c for c in f.slack.calls("chat.postMessage") if not c.params.get("_failed")]
    return {"slack": len(slack), "wecom": len(f.wecom.app_messages), "dingtalk": len(f.dingtalk.session_messages)}
