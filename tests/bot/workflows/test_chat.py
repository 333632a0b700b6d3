"""Workflows from chat (the console adapter's path, bot.conversation.handle): a change is proposed, applied only
when its proposer confirms it — by button or by typing 确认 — in time, and recorded with who, when and where;
invalid moves get a clear reply and change nothing; questions are answered within the asker's scope."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.texts import t
from domain.models import ChatBinding, Client, DocumentRequest, Staff
from tests.bot.workflows.support import chat, outbox, pending_statuses, press, stages, trail
from tests.domain.workflows.support import CHANGQING, HUAXIN, MINGYUAN, Act, build_firm, open_period

TODAY = date(2026, 12, 10)


@pytest.fixture
def firm_app(make_app):
    app = make_app(today=TODAY)
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    return app


def test_a_change_is_applied_only_when_its_proposer_confirms(firm_app) -> None:
    before = stages(firm_app, HUAXIN)
    proposal = chat(firm_app, "王芳", "华信科技 11月 资料交接完成")
    assert proposal.data["intent"] == "workflow_complete" and proposal.data["status"] == "proposed"
    assert "资料交接" in proposal.text and HUAXIN in proposal.text
    assert [a.label for a in proposal.actions] == ["确认", "取消"]
    assert stages(firm_app, HUAXIN) == before and trail(firm_app) == []
    done = chat(firm_app, "王芳", "确认")
    assert done.data["status"] == "done" and done.data["actor"] == "王芳" and done.data["via"] == "console"
    assert stages(firm_app, HUAXIN)["handover"]["status"] == "done"
    assert trail(firm_app) == [("completed", "handover", "王芳", "console")]
    assert "票据整理" in done.text  # what comes next
    assert chat(firm_app, "王芳", "确认").data["status"] == "nothing_pending"  # nothing left to confirm


def test_the_confirm_button_works_and_cancel_changes_nothing(firm_app) -> None:
    first = chat(firm_app, "王芳", "华信科技 资料交接 搞定了", platform="cli")
    cancelled = press(firm_app, "王芳", first, "取消", platform="cli")
    assert cancelled.data["status"] == "cancelled" and trail(firm_app) == []
    again = chat(firm_app, "王芳", "华信科技 资料交接 搞定了", platform="cli")
    applied = press(firm_app, "王芳", again, "确认", platform="cli")
    assert applied.data["status"] == "done"
    assert trail(firm_app) == [("completed", "handover", "王芳", "cli")]
    assert pending_statuses(firm_app) == ["cancelled", "confirmed"]
    assert press(firm_app, "王芳", again, "确认").data["status"] == "decided"  # a second press does nothing


def test_someone_else_pressing_the_button_changes_nothing(firm_app) -> None:
    proposal = chat(firm_app, "王芳", "华信科技 资料交接完成")
    stolen = press(firm_app, "杜萍", proposal, "确认")  # 王芳's manager — still not her change to confirm
    assert stolen.data["status"] == "not_yours" and stolen.text == t("zh", "workflows.pending.not_yours")
    assert trail(firm_app) == [] and stages(firm_app, HUAXIN)["handover"]["status"] == "pending"
    assert chat(firm_app, "杜萍", "确认").data["status"] == "nothing_pending"  # typing 确认 confirms only one's own
    assert press(firm_app, "王芳", proposal, "确认").data["status"] == "done"


def test_a_proposal_expires(firm_app) -> None:
    noon = datetime(2026, 12, 10, 12, 0, tzinfo=firm_app.settings.tz)
    firm_app.clock = firm_app.clock.at(noon)
    chat(firm_app, "王芳", "华信科技 资料交接完成")
    firm_app.clock = firm_app.clock.at(noon + timedelta(minutes=29))
    proposal = chat(firm_app, "王芳", "华信科技 资料交接完成")  # a new proposal replaces the first
    firm_app.clock = firm_app.clock.at(noon + timedelta(minutes=60))
    late = press(firm_app, "王芳", proposal, "确认")
    assert late.data["status"] == "expired" and "30" in late.text
    assert trail(firm_app) == [] and pending_statuses(firm_app) == ["replaced", "expired"]


@pytest.mark.parametrize(("who", "text", "error"), [
    ("王芳", "华信科技 11月 账务处理完成", "must_follow"),
    ("王芳", "华信科技 11月 装修完成", "unknown_stage"),
    ("王芳", "明远贸易 资料交接完成", "not_allowed"),
    ("刘建", "把华信科技的报税转给刘建", "not_allowed"),
    ("王芳", "华信科技 账务处理 等客户", "not_waitable"),
    ("王芳", "华信科技 核名完成", "no_instance"),  # a registration stage, but the registration has not started
    ("王芳", "上海鼎胜贸易 资料交接完成", None),  # no such client
])
def test_invalid_moves_get_a_clear_reply_and_change_nothing(firm_app, who, text, error) -> None:
    before = {name: stages(firm_app, name) for name in (HUAXIN, MINGYUAN, CHANGQING)}
    answer = chat(firm_app, who, text)
    assert answer.data.get("status") == "refused" and answer.actions == []
    if error:
        assert answer.data["error"] == error
    assert {name: stages(firm_app, name) for name in before} == before
    assert trail(firm_app) == [] and pending_statuses(firm_app) == []


def test_the_reply_says_what_must_come_first_and_which_stages_exist(firm_app) -> None:
    early = chat(firm_app, "王芳", "华信科技 11月 账务处理完成")
    assert early.text == t("zh", "workflows.errors.must_follow", stage="账务处理", missing="“票据整理”")
    unknown = chat(firm_app, "王芳", "华信科技 11月 装修完成")
    assert "装修" in unknown.text and "纳税申报" in unknown.text and "归档" in unknown.text
    english = chat(firm_app, "王芳", "Huaxin bookkeeping entries done")
    assert english.locale == "en" and "Receipt sorting" in english.text


def test_status_buttons_complete_reassign_and_wait(firm_app) -> None:
    status = chat(firm_app, "王芳", "华信科技的记账卡在哪一步")
    assert status.data["value"] == "资料交接" and [a.label for a in status.actions] == ["完成", "转交", "等客户"]
    wait = press(firm_app, "王芳", status, "等客户")
    assert "银行对账单" in wait.text  # the documents it will request
    press(firm_app, "王芳", wait, "确认")
    with firm_app.session() as session:
        items = set(session.execute(select(DocumentRequest.item).where(DocumentRequest.period == "2026-11")).scalars())
    assert items == {"银行对账单", "进项发票", "销项发票", "工资表"}
    assert stages(firm_app, HUAXIN)["handover"]["status"] == "waiting"
    status = chat(firm_app, "杜萍", "华信科技的记账进度")
    pick = press(firm_app, "杜萍", status, "转交")
    assert {a.label for a in pick.actions} == {"秦霞", "杜萍"}  # 杜萍's team, less the current assignee
    proposal = press(firm_app, "杜萍", pick, "秦霞")
    press(firm_app, "杜萍", proposal, "确认")
    assert trail(firm_app)[-1] == ("reassigned", "handover", "杜萍", "console")
    status = chat(firm_app, "秦霞", "华信科技的记账进度")  # now hers: she sees it and may complete it
    press(firm_app, "秦霞", press(firm_app, "秦霞", status, "完成"), "确认")
    assert stages(firm_app, HUAXIN)["handover"]["status"] == "done"


def test_filing_done_queues_the_filed_notice_for_the_client_once(firm_app) -> None:
    with firm_app.session() as session:
        client = session.execute(select(Client).where(Client.name == HUAXIN)).scalar_one()
        session.add(ChatBinding(platform="wecom", chat_id="wr-huaxin", client_id=client.id))
    act = Act(firm_app, TODAY)
    for key in ("handover", "sorting", "entry", "statements"):
        act("王芳", "complete", HUAXIN, key)
    proposal = chat(firm_app, "王芳", "华信科技报税已完成")
    assert t("zh", "workflows.propose.notice") in proposal.text
    done = chat(firm_app, "王芳", "确认")
    assert t("zh", "workflows.applied.notice") in done.text
    [notice] = outbox(firm_app, "workflow_notice")
    assert notice.client_facing and notice.subject == HUAXIN and "已经申报完成" in notice.payload
    assert notice.address == "wr-huaxin"


def test_confirmation_words_only_confirm_something_pending(firm_app) -> None:
    assert chat(firm_app, "王芳", "好").data["intent"] != "workflow_confirm"  # nothing pending: not a confirmation
    chat(firm_app, "王芳", "华信科技 资料交接完成")
    assert chat(firm_app, "王芳", "好").data["status"] == "done"
    assert chat(firm_app, "王芳", "取消").data["status"] == "nothing_pending"


def test_questions_are_answered_within_the_askers_scope(firm_app) -> None:
    Act(firm_app, date(2026, 12, 3))("王芳", "complete", HUAXIN, "handover")
    Act(firm_app, date(2026, 12, 9))("王芳", "complete", HUAXIN, "sorting")
    Act(firm_app, date(2026, 12, 4))("秦霞", "complete", MINGYUAN, "handover")
    pending = chat(firm_app, "赵总", "本月还没报税的客户")
    assert pending.data["value"] == 3 and {i["client"] for i in pending.data["items"]} == {HUAXIN, MINGYUAN, CHANGQING}
    assert chat(firm_app, "王芳", "本月还没报税的客户").data["value"] == 1
    overdue = chat(firm_app, "赵总", "哪些任务超时了")
    assert {(i["client"], i["stage"]) for i in overdue.data["items"]} == {
        (MINGYUAN, "票据整理"), (CHANGQING, "资料交接"), (CHANGQING, "票据整理")}
    assert chat(firm_app, "秦霞", "哪些任务超时了").data["value"] == 1
    mine = chat(firm_app, "王芳", "我手上还有哪些待办")
    assert [i["stage"] for i in mine.data["items"]] == ["账务处理"]
    who = chat(firm_app, "赵总", "华信科技11月记账谁做的")
    assert who.data["value"] == "王芳" and "王芳" in who.text
    load = chat(firm_app, "赵总", "who has the most open tasks")
    assert load.data["value"] == "刘建" and load.locale == "en"
    rate = chat(firm_app, "赵总", "on-time rate by stage")
    assert rate.data["value"] == pytest.approx(2 / 6)  # handover 2 of 3 on time, sorting 0 of 3
    assert chat(firm_app, "王芳", "明远贸易的记账卡在哪一步").data["items"] == []  # not hers to see
    card = chat(firm_app, "王芳", "华信科技的客户档案")
    [recent] = [lines for heading, lines in card.sections if heading == "最近动态"]
    assert recent[0].startswith("2026-12-09 代理记账 2026年11月 · 完成“票据整理” · 王芳")


def test_client_contacts_get_nothing_from_workflows(firm_app) -> None:
    from tests.domain.facts.firm import Firm

    with firm_app.session() as session:
        client = session.execute(select(Client).where(Client.name == HUAXIN)).scalar_one()
        Firm(session).contact(client, "李娜", wecom="lina-ext")
    answer = chat(firm_app, "lina-ext", "华信科技的记账卡在哪一步", platform="wecom")
    assert not answer.data["intent"].startswith("workflow")
    assert chat(firm_app, "lina-ext", "确认", platform="wecom").data["intent"] == "unknown"


def test_an_ambiguous_client_name_is_asked_back_with_the_candidates(firm_app) -> None:
    from tests.domain.facts.firm import Firm

    names = ("上海天成建筑工程有限公司", "杭州天成贸易有限公司")
    with firm_app.session() as session:
        wang = session.execute(select(Staff).where(Staff.name == "王芳")).scalar_one()
        for name in names:
            Firm(session).client(name, wang)
    answer = chat(firm_app, "王芳", "天成 资料交接完成")
    assert answer.data["error"] == "ambiguous" and pending_statuses(firm_app) == []
    assert all(name in answer.text for name in names)


def test_an_english_proposal_is_confirmed_and_answered_in_english(firm_app) -> None:
    proposal = chat(firm_app, "王芳", "mark Huaxin document handover done")
    assert proposal.locale == "en" and [a.label for a in proposal.actions] == ["Confirm", "Cancel"]
    done = press(firm_app, "王芳", proposal, "Confirm")
    assert done.locale == "en" and done.text.startswith("Done: “Document handover”")
    assert trail(firm_app) == [("completed", "handover", "王芳", "console")]
