"""Workflows end to end on every chat platform, over a generated firm: the morning job opens November's books
(1 December 2026), a staff member advances a client's stages through the platform's own way in — Slack signed
events and button clicks into the Bolt app, WeCom encrypted callbacks and template-card clicks, DingTalk signed
HTTP callbacks and ActionCard buttons, the console adapter — and the audit trail records them with the platform;
a move out of order is refused and changes nothing; then time travels to 9 December, when another client's
overdue 资料交接 reaches the owner and (past the grace period) the owner's manager through the outbox; finally the
filed return queues the client's 已申报 notice."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from adapters.common.text import to_text
from adapters.console.adapter import inbound
from adapters.dingtalk.outbound import SEND_MESSAGE
from bot.bootstrap import App
from bot.conversation import handle
from bot.jobs.planners import plan_all
from bot.jobs.runner import run_moment
from bot.server import create_app
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.models import ChatBinding, Client, Role, Staff
from domain.workflows.models import WorkflowEvent, WorkflowInstance
from tests.adapters.slack.conftest import SECRET, TOKEN, buttons, click, direct, post_event, post_form
from tests.adapters.wecom.conftest import AES_KEY
from tests.adapters.wecom.conftest import TOKEN as WECOM_TOKEN
from tests.bot.jobs.support import at
from tests.bot.workflows.support import outbox
from tests.chat_ids import bind_chat_ids, staff_named
from tests.fakes.dingtalk_api import FakeDingTalk, dingtalk_sign
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.wecom_api import FakeWeCom, WeComSide

_seq = itertools.count(1)


@dataclass
class Said:
    """What the bot answered: its text and its buttons (label → how to press it)."""

    text: str
    buttons: dict[str, Callable[[], Said]]


@dataclass
class People:
    staff: str
    manager: str
    done_client: str  # advanced through chat
    late_client: str  # left alone: its 资料交接 falls overdue


def _generated(app: App) -> People:
    report = import_sheets(app.session, generate_firm(60, seed=5, today=date(2026, 12, 1)))
    assert not report.errors
    plan_all(app, at("2026-12-01"))  # the morning job opens November's books
    with app.session() as session:
        rows = session.execute(
            select(Staff.name, Staff.manager_id, Client.name)
            .join(Client, Client.owner_id == Staff.id)
            .join(WorkflowInstance, WorkflowInstance.client_id == Client.id)
            .where(Staff.role == Role.staff.value, WorkflowInstance.template == "bookkeeping",
                   Client.name.not_like("%Ltd%"))  # a Chinese name, typed as staff type it
            .order_by(Staff.name, Client.name)).all()
        by_staff: dict[str, list[str]] = {}
        managers: dict[str, int] = {}
        for staff, manager_id, client in rows:
            by_staff.setdefault(staff, []).append(client)
            managers[staff] = manager_id
        staff = next(name for name, clients in by_staff.items() if len(clients) >= 2)
        manager = session.get(Staff, managers[staff])
        assert manager is not None
        return People(staff, manager.name, by_staff[staff][0], by_staff[staff][1])


def _set_ids(app: App, platform: str, ids: dict[str, str], client: str, group: str) -> None:
    """Staff ids on the platform, and the client's group chat there (where its notices go)."""
    with app.session() as session:
        for name, value in ids.items():
            bind_chat_ids(session, staff_named(session, name), **{platform: value})
        found = session.execute(select(Client.id).where(Client.name == client)).scalar_one()
        session.add(ChatBinding(platform=platform, chat_id=group, client_id=found))


def _scenario(app: App, people: People, say: Callable[[str], Said], platform: str) -> None:
    proposal = say(f"{people.done_client} 11月 资料交接完成")
    assert "资料交接" in proposal.text and set(proposal.buttons) == {"确认", "取消"}
    assert _trail(app, people.done_client) == []
    applied = proposal.buttons["确认"]()
    assert "已完成" in applied.text
    say(f"{people.done_client} 票据整理 搞定了")
    assert "已完成" in say("确认").text
    refused = say(f"{people.done_client} 报税完成")  # 账务处理 and 报表出具 come first
    assert "要先完成" in refused.text and not refused.buttons
    status = say(f"{people.done_client}的记账卡在哪一步")
    assert "账务处理" in status.text and {"完成", "转交"} <= set(status.buttons)
    assert "已完成" in status.buttons["完成"]().buttons["确认"]().text
    assert _trail(app, people.done_client) == [("completed", key, people.staff, platform)
                                               for key in ("handover", "sorting", "entry")]
    run_moment(app, at("2026-12-09"), deliver=False)  # time travel: the late client's 资料交接 (due the 5th)
    alerts = {(m.recipient, m.payload.count(people.late_client) > 0) for m in outbox(app, "workflow_alert")}
    assert (people.staff, True) in alerts and (people.manager, True) in alerts
    say(f"{people.done_client} 报表出具完成")
    say("确认")
    say(f"{people.done_client} 纳税申报完成")
    assert "已通知客户" in say("确认").text
    assert [m.subject for m in outbox(app, "workflow_notice")] == [people.done_client]


def _trail(app: App, client: str) -> list[tuple]:
    with app.session() as session:
        return [tuple(row) for row in session.execute(
            select(WorkflowEvent.action, WorkflowEvent.stage_key, WorkflowEvent.actor, WorkflowEvent.via)
            .join(Client, Client.id == WorkflowEvent.client_id)
            .where(Client.name == client, WorkflowEvent.action != "opened").order_by(WorkflowEvent.id))]


# -- the console -----------------------------------------------------------------------------------------------
def test_console(make_app) -> None:
    app = make_app(today=date(2026, 12, 3))
    people = _generated(app)

    def say(text: str, action: str | None = None) -> Said:
        reply = handle(app, inbound(text, people.staff, action))
        return Said(to_text(reply), {a.label: (lambda v=a.value: say("", v)) for a in reply.actions})

    _scenario(app, people, say, "console")


# -- Slack -----------------------------------------------------------------------------------------------------
@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as server:
        yield server


def test_slack(make_app, slack_api: FakeSlackApi) -> None:
    app = make_app(today=date(2026, 12, 3), slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                   slack_api_base_url=slack_api.api_url)
    people = _generated(app)
    _set_ids(app, "slack", {people.staff: "U0STAFF", people.manager: "U0MANAGER"}, people.done_client, "C0CLIENT")
    with TestClient(create_app(app)) as client:

        def answer(count: int) -> Said:
            post = slack_api.wait_for("chat.postMessage", count=count)[count - 1]
            return Said(post.block_text(), {b["text"]["text"]: (lambda b=b: press(b)) for b in buttons(post.blocks)})

        def press(button: dict) -> Said:
            count = len(slack_api.calls("chat.postMessage")) + 1
            post_form(client, click("U0STAFF", button, slack_api.response_url(f"r{next(_seq)}"), channel="D0STAFF"))
            return answer(count)

        def say(text: str) -> Said:
            count, n = len(slack_api.calls("chat.postMessage")) + 1, next(_seq)
            post_event(client, direct("U0STAFF", text, channel="D0STAFF", ts=f"1790000000.{n:06d}"), f"EvWf{n}")
            return answer(count)

        _scenario(app, people, say, "slack")


# -- WeCom -----------------------------------------------------------------------------------------------------
def test_wecom(make_app) -> None:
    with FakeWeCom() as api:
        app = make_app(today=date(2026, 12, 3), wecom_corp_id=api.corp_id, wecom_agent_id=api.agent_id,
                       wecom_secret=api.secret, wecom_token=WECOM_TOKEN, wecom_aes_key=AES_KEY,
                       wecom_api_base_url=api.api_base)
        people = _generated(app)
        _set_ids(app, "wecom", {people.staff: "staff01", people.manager: "manager01"}, people.done_client,
                 "wrclientchat")
        side = WeComSide(WECOM_TOKEN, AES_KEY, api.corp_id, api.agent_id)
        with TestClient(create_app(app)) as server:

            def post(xml: str) -> Said:
                start = len(api.app_messages)
                params, body = side.callback(xml)
                assert server.post("/wecom/callback", params=params, content=body).status_code == 200
                new = [m for m in api.app_messages[start:] if m["touser"] == "staff01"]
                text = "\n".join(m[m["msgtype"]].get("content", "") for m in new if m["msgtype"] != "template_card")
                cards = [m["template_card"] for m in new if m["msgtype"] == "template_card"]
                presses = {b["text"]: (lambda b=b, c=c: post(side.card_click_xml("staff01", b["key"], c["task_id"])))
                           for c in cards for b in c["button_list"]}
                return Said(text, presses)

            _scenario(app, people, lambda text: post(side.text_xml("staff01", text)), "wecom")


# -- DingTalk --------------------------------------------------------------------------------------------------
def test_dingtalk(make_app) -> None:
    with FakeDingTalk() as api:
        app = make_app(today=date(2026, 12, 3), dingtalk_client_id=api.client_id, dingtalk_mode="http",
                       dingtalk_client_secret=api.client_secret, dingtalk_api_base_url=api.api_base)
        people = _generated(app)
        _set_ids(app, "dingtalk", {people.staff: "ding-staff", people.manager: "ding-manager"}, people.done_client,
                 api.new_robot())
        with TestClient(create_app(app)) as server:

            def say(text: str) -> Said:
                start = len(api.session_messages)
                stamp = str(int(time.time() * 1000))
                body = api.bot_message(text, staff_id="ding-staff")
                headers = {"timestamp": stamp, "sign": dingtalk_sign(stamp, api.client_secret),
                           "Content-Type": "application/json"}
                response = server.post("/dingtalk/callback", content=json.dumps(body, ensure_ascii=False).encode(),
                                       headers=headers)
                assert response.status_code == 200
                new = api.session_messages[start:]
                text_out = "\n".join(m.get("markdown", m.get("actionCard", {})).get("text", "") for m in new)
                presses = {b["title"]: (lambda b=b: say(unquote(b["actionURL"].removeprefix(SEND_MESSAGE))))
                           for m in new for b in m.get("actionCard", {}).get("btns", [])}
                return Said(text_out, presses)

            _scenario(app, people, say, "dingtalk")
