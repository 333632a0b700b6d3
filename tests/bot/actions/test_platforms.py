"""Actions on every chat platform through the real SDKs against the local fakes: Slack signed events and Block Kit
button clicks into the Bolt app, WeCom encrypted callbacks and template-card clicks, DingTalk signed callbacks and
ActionCard buttons, and the console's numbered choices. Each platform proposes actions with a preview and 确认 /
取消 buttons; pressing 确认 applies and audits with the platform's name; a second press (a double click) and a
retried delivery apply nothing twice; typed 确认 / 取消 / 撤销 work; someone else's press applies nothing.
The full matrix — every action kind × every property — runs on each platform in test_matrix_{console,slack,wecom,
dingtalk}.py (tests/bot/actions/platform_matrix.py); here: the console's numbered choices, retried deliveries."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from rich.console import Console
from starlette.testclient import TestClient

from adapters.console.adapter import inbound, show
from adapters.dingtalk.outbound import SEND_MESSAGE
from bot.bootstrap import App
from bot.conversation import handle
from bot.server import create_app
from domain.models import ChatIdentity
from tests.adapters.slack.conftest import SECRET, TOKEN, buttons, click, direct, post_event, post_form
from tests.adapters.wecom.conftest import AES_KEY
from tests.adapters.wecom.conftest import TOKEN as WECOM_TOKEN
from tests.bot.actions.support import TODAY, at, audit_rows, build_firm
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.wecom_api import FakeWeCom, WeComSide

_seq = itertools.count(1)


@dataclass
class Said:
    text: str
    buttons: dict[str, Callable[[], Said]]


Say = Callable[[str], Said]
KINDS = {  # platform → the actions proposed and confirmed there
    "console": [("log_interaction", "记一笔: 今天和明远贸易电话沟通续约")],
    "slack": [("record_payment", "收到明远贸易转账5000元"), ("mark_documents_received", "明远贸易11月资料都齐了")],
    "wecom": [("renew_contract", "HT1001 已续约"), ("update_client", "把明远贸易标记为VIP"),
              ("promise_to_pay", "明远贸易说下周三付款")],
    "dingtalk": [("dispute_invoice", "FP100234 客户有异议，金额不对"),
                 ("record_feedback", "明远贸易反馈: 4分，报表很清楚"),
                 ("request_documents", "催一下明远贸易的11月资料")],
}


NAMES = {"王芳": "wang", "杜萍": "du"}


def _identities(app: App, platform: str, ids: dict[str, int], users: dict[str, str]) -> None:
    with app.session() as session:
        for who, user_id in users.items():
            session.add(ChatIdentity(platform=platform, user_id=user_id, staff_id=ids[NAMES[who]]))


def _scenario(app: App, platform: str, say: Say) -> None:
    applied = []
    for kind, sentence in KINDS[platform]:
        proposal = say(sentence)
        assert set(proposal.buttons) == {"确认", "取消"}, proposal.text
        assert "→" in proposal.text or "：" in proposal.text  # the preview: old → new
        assert [r["kind"] for r in audit_rows(app)] == applied  # nothing yet
        done = proposal.buttons["确认"]()
        assert "已" in done.text and not done.buttons, done.text
        applied.append(kind)
        rows = audit_rows(app)
        assert [(r["kind"], r["via"], r["actor"]) for r in rows][-1] == (kind, platform, "王芳")
        again = proposal.buttons["确认"]()  # a double click (WeCom drops a click repeated within the second)
        assert ("已经处理过" in again.text or (platform == "wecom" and again.text == "")), again.text
        assert [r["kind"] for r in audit_rows(app)] == applied
    # typed words work too
    say("把明远贸易标记为高风险")
    assert "已取消" in say("取消").text and [r["kind"] for r in audit_rows(app)] == applied
    say("把明远贸易标记为高风险")
    assert "已" in say("确认").text
    undone = say("撤销")
    assert "已撤销" in undone.text
    assert [r["undone"] for r in audit_rows(app)][-2:] == [True, False]


@pytest.fixture
def base(make_app):
    def build(**settings: object) -> tuple[App, dict[str, int]]:
        app = make_app(today=TODAY, **settings)
        app.clock = app.clock.at(at(TODAY))
        return app, build_firm(app)

    return build


def test_console_numbered_choices(base) -> None:
    """The console shows the buttons as [1] 确认 [2] 取消; typing the number presses it (bot/commands/answers.py)."""
    app, _ = base()
    shown: list = []

    def say(text: str, action: str | None = None) -> Said:
        if text.isdigit() and shown and int(text) <= len(shown[-1].actions):
            text, action = "", shown[-1].actions[int(text) - 1].value  # the number picks the shown button
        reply = handle(app, inbound(text, "王芳", action))
        shown.append(reply)
        screen = Console(record=True, width=160)
        show(screen, reply)
        return Said(screen.export_text(), {a.label: (lambda v=a.value: say("", v)) for a in reply.actions})

    proposal = say("记一笔: 今天和明远贸易电话沟通续约")
    assert "[1] 确认" in proposal.text and "[2] 取消" in proposal.text, proposal.text
    assert "已取消" in say("2").text
    _scenario(app, "console", say)


@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as server:
        yield server


def test_slack_block_kit_buttons(base, slack_api: FakeSlackApi) -> None:
    app, ids = base(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_base_url=slack_api.api_url)
    _identities(app, "slack", ids, {"王芳": "U0WANG", "杜萍": "U0DU"})
    with TestClient(create_app(app)) as client:

        def answer(count: int, user: str) -> Said:
            post = slack_api.wait_for("chat.postMessage", count=count)[count - 1]
            return Said(post.block_text(), {b["text"]["text"]: (lambda b=b: press(b, user))
                                            for b in buttons(post.blocks)})

        def press(button: dict, user: str = "U0WANG") -> Said:
            count = len(slack_api.calls("chat.postMessage")) + 1
            post_form(client, click(user, button, slack_api.response_url(f"r{next(_seq)}"), channel="D0WANG"))
            return answer(count, user)

        def say(text: str, user: str = "U0WANG", event_id: str | None = None) -> Said:
            count, n = len(slack_api.calls("chat.postMessage")) + 1, next(_seq)
            post_event(client, direct(user, text, channel="D0WANG", ts=f"1790000000.{n:06d}"), event_id or f"EvA{n}")
            return answer(count, user)

        _scenario(app, "slack", say)
        proposal = say("把明远贸易标记为VIP")
        post = slack_api.calls("chat.postMessage")[-1]
        [yes] = [b for b in buttons(post.blocks) if b["text"]["text"] == "确认"]
        assert "只有提出的人" in press(yes, "U0DU").text  # 杜萍 presses 王芳's button
        before = audit_rows(app)
        n = next(_seq)
        event = direct("U0WANG", "确认", channel="D0WANG", ts=f"1790000001.{n:06d}")
        count = len(slack_api.calls("chat.postMessage")) + 1
        post_event(client, event, f"EvRetry{n}")
        post_event(client, event, f"EvRetry{n}", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
        assert "已" in slack_api.wait_for("chat.postMessage", count=count)[count - 1].block_text()
        assert "没有等你确认" in say("确认").text  # a later 确认 finds nothing pending
        assert len(slack_api.calls("chat.postMessage")) == count + 1  # the retry itself got no second answer
        assert len(audit_rows(app)) == len(before) + 1  # the retried delivery applied nothing twice
        assert proposal.buttons


def test_wecom_template_card_buttons(base) -> None:
    with FakeWeCom() as api:
        app, ids = base(wecom_corp_id=api.corp_id, wecom_agent_id=api.agent_id, wecom_secret=api.secret,
                        wecom_token=WECOM_TOKEN, wecom_aes_key=AES_KEY, wecom_api_base_url=api.api_base)
        _identities(app, "wecom", ids, {"王芳": "wang01", "杜萍": "du01"})
        side = WeComSide(WECOM_TOKEN, AES_KEY, api.corp_id, api.agent_id)
        with TestClient(create_app(app)) as server:

            def post(xml: str, user: str) -> Said:
                start = len(api.app_messages)
                params, body = side.callback(xml)
                assert server.post("/wecom/callback", params=params, content=body).status_code == 200
                new = [m for m in api.app_messages[start:] if m["touser"] == user]
                text = "\n".join(m[m["msgtype"]].get("content", "") or json.dumps(m[m["msgtype"]], ensure_ascii=False)
                                 for m in new)
                cards = [m["template_card"] for m in new if m["msgtype"] == "template_card"]
                presses = {b["text"]: (lambda b=b, c=c: post(side.card_click_xml(user, b["key"], c["task_id"]), user))
                           for c in cards for b in c["button_list"]}
                return Said(text, presses)

            _scenario(app, "wecom", lambda text: post(side.text_xml("wang01", text), "wang01"))
            proposal_xml = side.text_xml("wang01", "给明远贸易加个重点客户标签")
            params, body = side.callback(proposal_xml)
            start = len(api.app_messages)
            server.post("/wecom/callback", params=params, content=body)
            [card] = [m["template_card"] for m in api.app_messages[start:] if m["msgtype"] == "template_card"]
            [yes] = [b for b in card["button_list"] if b["text"] == "确认"]
            before = audit_rows(app)
            stolen = post(side.card_click_xml("du01", yes["key"], card["task_id"]), "du01")
            assert "只有提出的人" in stolen.text and audit_rows(app) == before


def test_dingtalk_action_card_buttons(base) -> None:
    with FakeDingTalk() as api:
        app, ids = base(dingtalk_client_id=api.client_id, dingtalk_mode="http",
                        dingtalk_client_secret=api.client_secret, dingtalk_api_base_url=api.api_base)
        _identities(app, "dingtalk", ids, {"王芳": "ding-wang", "杜萍": "ding-du"})
        with TestClient(create_app(app)) as server:

            def say(text: str, user: str = "ding-wang") -> Said:
                start = len(api.session_messages)
                stamp = str(int(time.time() * 1000))
                body = api.bot_message(text, staff_id=user)
                headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, api.client_secret),
                           "Content-Type": "application/json"}
                response = server.post("/dingtalk/callback", content=json.dumps(body, ensure_ascii=False).encode(),
                                       headers=headers)
                assert response.status_code == 200
                new = api.session_messages[start:]
                text_out = "\n".join(m.get("markdown", m.get("actionCard", {})).get("text", "") for m in new)
                presses = {b["title"]: (lambda b=b: say(unquote(b["actionURL"].removeprefix(SEND_MESSAGE)), user))
                           for m in new for b in m.get("actionCard", {}).get("btns", [])}
                return Said(text_out, presses)

            _scenario(app, "dingtalk", say)
            wang = say("把明远贸易标记为VIP")
            before = audit_rows(app)
            value = None
            for message in api.session_messages[::-1]:
                for button in message.get("actionCard", {}).get("btns", []):
                    if button["title"] == "确认":
                        value = unquote(button["actionURL"].removeprefix(SEND_MESSAGE))
                        break
                if value:
                    break
            assert value and wang.buttons
            assert "只有提出的人" in say(value, "ding-du").text and audit_rows(app) == before
