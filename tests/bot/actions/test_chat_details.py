"""The chat path's details: a chase goes to the client's group through the outbox at once, held in quiet hours; an
ambiguous client is asked back with a button per client, never guessed; a newer proposal replaces an older one;
the change log is answered in chat within the asker's scope; the profile card shows the latest changes; workflow
moves are audited and undone like any action."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from bot.models import OutboxMessage
from domain.models import Client
from tests.bot.actions.support import MINGYUAN, MINGYUAN_GROUP, TODAY, at, build_firm, chat, press, proposal_statuses
from tests.domain.facts.firm import Firm


@pytest.fixture
def firm(make_app):
    app = make_app(today=TODAY)
    app.clock = app.clock.at(at(TODAY))
    return app, build_firm(app)


def chases(app) -> list[OutboxMessage]:
    with app.session() as session:
        return list(session.execute(select(OutboxMessage).where(OutboxMessage.kind == "document_chase")).scalars())


def test_chasing_now_queues_one_message_to_the_clients_group(firm) -> None:
    app, _ = firm
    chat(app, "王芳", "催一下明远贸易的11月资料")
    done = chat(app, "王芳", "确认")
    assert done.data["status"] == "done" and "发送队列" in done.text
    [message] = chases(app)
    assert message.recipient.startswith(MINGYUAN) and message.address == MINGYUAN_GROUP and message.client_facing
    assert message.hold_reason in (None, "")
    assert "银行对账单" in message.payload and "工资表" in message.payload


def test_a_chase_in_quiet_hours_is_held_until_they_end(firm) -> None:
    app, _ = firm
    app.clock = app.clock.at(at(TODAY, time(22, 30)))
    chat(app, "王芳", "催一下明远贸易的11月资料")
    done = chat(app, "王芳", "确认")
    assert "免打扰" in done.text and "08:30" in done.text
    [message] = chases(app)
    assert message.hold_reason


def test_an_ambiguous_client_is_asked_back_with_buttons_and_never_guessed(firm) -> None:
    app, ids = firm
    with app.session() as session:
        owner = Firm(session).session.get(Client, ids["mingyuan"]).owner_id
        session.add(Client(name="上海明远物流有限公司", short_name="明远物流", owner_id=owner))
    asked = chat(app, "王芳", "收到明远转账5000元")
    assert asked.data["status"] == "needs_input", asked.text
    labels = [a.label for a in asked.actions]
    assert set(labels) == {MINGYUAN, "上海明远物流有限公司"}
    proposal = press(app, "王芳", asked, MINGYUAN)
    assert proposal.data["status"] == "proposed" and proposal.data["client"] == MINGYUAN
    assert proposal.data["changes"][0]["new"]["amount"] == 5000.0
    assert press(app, "王芳", proposal, "确认").data["status"] == "done"


def test_a_newer_proposal_replaces_the_older_one(firm) -> None:
    app, _ = firm
    first = chat(app, "王芳", "把明远贸易标记为VIP")
    second = chat(app, "王芳", "给明远贸易加个跨境电商标签")
    assert "替换" in second.text
    assert proposal_statuses(app) == ["replaced", "pending"]
    assert press(app, "王芳", first, "确认").data["status"] == "replaced"
    assert chat(app, "王芳", "确认").data["intent"] == "update_client"


def test_the_change_log_in_chat_and_on_the_profile_card_is_scoped(firm) -> None:
    app, _ = firm
    chat(app, "王芳", "把明远贸易标记为VIP")
    chat(app, "王芳", "确认")
    log = chat(app, "王芳", "明远贸易最近的操作记录")
    assert log.data["intent"] == "audit" and [i["action"] for i in log.data["items"]] == ["update_client"]
    assert "王芳" in log.text and "VIP" in log.text
    assert chat(app, "刘建", "明远贸易最近的操作记录").data["items"] == []
    assert chat(app, "杜萍", "最近的操作记录").data["items"][0]["client"] == MINGYUAN  # her team's client
    card = chat(app, "王芳", "明远贸易的客户档案")
    [heading_lines] = [lines for heading, lines in card.sections if heading == "最近修改"]
    assert "王芳" in heading_lines[0] and "VIP" in heading_lines[0]


def test_a_workflow_move_is_audited_and_undone_like_any_action(make_app) -> None:
    from datetime import date

    from tests.bot.workflows.support import stages
    from tests.domain.workflows.support import HUAXIN, open_period
    from tests.domain.workflows.support import build_firm as build_workflow_firm

    app = make_app(today=date(2026, 12, 10))
    build_workflow_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    chat(app, "王芳", "华信科技 11月 资料交接完成")
    assert chat(app, "王芳", "确认").data["status"] == "done"
    assert stages(app, HUAXIN)["handover"]["status"] == "done"
    log = chat(app, "王芳", "华信科技最近的操作记录")
    assert [i["action"] for i in log.data["items"]] == ["workflow_complete"]
    undone = chat(app, "王芳", "撤销")
    assert undone.data["status"] == "undone" and undone.data["intent"] == "workflow_complete"
    assert stages(app, HUAXIN)["handover"] == {"status": "pending", "assignee": stages(app, HUAXIN)["handover"][
        "assignee"], "done_by": None}


def test_two_deliveries_of_the_same_confirmation_at_once_apply_it_once(firm) -> None:
    """A double click racing itself: both presses read the proposal as pending; the conditional UPDATE under the
    row lock lets exactly one apply (SQLite serialises writers, PostgreSQL waits on the row lock)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from domain.models import Payment
    from tests.bot.actions.support import audit_rows, count

    app, _ = firm
    proposal = chat(app, "王芳", "收到明远贸易转账5000元")
    [value] = [a.value for a in proposal.actions if a.label == "确认"]
    gate = Barrier(4)

    def press_now(_: int) -> str:
        gate.wait()
        return chat(app, "王芳", action=value).data["status"]

    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(press_now, range(4)))
    assert statuses == ["decided", "decided", "decided", "done"]
    assert count(app, Payment.id) == 1 and [r["kind"] for r in audit_rows(app)] == ["record_payment"]


@pytest.mark.parametrize("text", ["明远贸易11月进项发票资料收到了", "明远贸易11月的进项发票发过来了"])
def test_a_statement_that_documents_arrived_is_an_action_not_a_question_about_files(firm, text) -> None:
    """Found after the platform matrix: "…发票资料收到了" matched the files question (发 of 发票) and was answered
    "没有通过聊天交来的资料" instead of proposing the documents as received."""
    app, ids = firm
    with app.session() as session:
        f = Firm(session)
        f.document(f.session.get(Client, ids["mingyuan"]), "2026-11", "进项发票", "2026-11-28")
    proposed = chat(app, "王芳", text)
    assert proposed.data["status"] == "proposed", proposed.text
    assert "进项发票" in proposed.text


def test_a_question_about_what_a_client_sent_is_still_answered_as_one(firm) -> None:
    app, _ = firm
    for text in ("明远贸易11月交了哪些资料", "明远贸易11月发来的文件"):
        answer = chat(app, "王芳", text)
        assert "没有通过聊天交来的资料" in answer.text, (text, answer.text)
