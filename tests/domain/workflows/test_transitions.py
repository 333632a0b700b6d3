"""Stage changes: done in order, with the rules (a stage that must come first, a stage that does not exist,
someone who may not change that client) refusing cleanly and changing nothing; every change on the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from domain.models import Client, DocumentRequest
from domain.scope import viewer_for_contact
from domain.workflows.models import WorkflowEvent, WorkflowInstance, WorkflowStage
from domain.workflows.transitions import Actor, Change, TransitionError, apply, check
from tests.domain.facts.firm import Firm
from tests.domain.workflows.support import (
    CHANGQING,
    HUAXIN,
    MINGYUAN,
    Act,
    build_firm,
    instance_id,
    moment,
    open_period,
    viewer,
)

DAY = date(2026, 12, 3)


@pytest.fixture
def firm_app(make_app):
    app = make_app(today=DAY)
    build_firm(app)
    open_period(app, "2026-11", DAY)
    return app


def _state(app) -> tuple[list, list, int]:
    with app.session() as session:
        stages = session.execute(select(WorkflowStage.instance_id, WorkflowStage.key, WorkflowStage.status,
                                        WorkflowStage.assignee_id).order_by(WorkflowStage.id)).all()
        events = session.execute(select(WorkflowEvent.id)).scalars().all()
        docs = len(session.execute(select(DocumentRequest.id)).all())
    return stages, events, docs


def _stages(app, client: str) -> dict[str, WorkflowStage]:
    with app.session() as session:
        iid = instance_id(session, client)
        return {s.key: s for s in session.execute(select(WorkflowStage).where(WorkflowStage.instance_id == iid))
                .scalars()}


def test_stages_done_in_order_close_the_instance_and_leave_a_trail(firm_app) -> None:
    act = Act(firm_app, DAY, via="slack")
    for key in ("handover", "sorting", "entry", "statements", "filing", "confirmation"):
        applied = act("王芳", "complete", HUAXIN, key)
        assert not applied.plan.closes
    last = Act(firm_app, date(2026, 12, 28), via="wecom")("杜萍", "complete", HUAXIN)  # the current stage: 归档
    assert last.plan.closes and [s.key for s in last.plan.stages] == ["archive"]
    stages = _stages(firm_app, HUAXIN)
    assert all(s.status == "done" for s in stages.values())
    assert stages["archive"].done_on == date(2026, 12, 28) and stages["entry"].done_on == DAY
    with firm_app.session() as session:
        instance = session.get(WorkflowInstance, instance_id(session, HUAXIN))
        trail = session.execute(select(WorkflowEvent).where(WorkflowEvent.instance_id == instance.id)
                                .order_by(WorkflowEvent.id)).scalars().all()
    assert instance.status == "done" and instance.closed_on == date(2026, 12, 28)
    assert [(e.action, e.stage_key, e.from_status, e.to_status) for e in trail[1:3]] == [
        ("completed", "handover", "pending", "done"), ("completed", "sorting", "pending", "done")]
    assert [(e.actor, e.via, e.on) for e in trail[-2:]] == [("杜萍", "wecom", date(2026, 12, 28))] * 2
    assert trail[-1].action == "closed" and trail[1].at == moment(DAY)
    with pytest.raises(TransitionError) as closed:
        act("王芳", "wait", HUAXIN, "confirmation")
    assert closed.value.code == "closed"


@pytest.mark.parametrize(("who", "kind", "client", "stage", "to", "code"), [
    ("王芳", "complete", HUAXIN, "entry", None, "must_follow"),  # 资料交接 and 票据整理 come first
    ("王芳", "complete", HUAXIN, "装修", None, "unknown_stage"),
    ("王芳", "complete", MINGYUAN, "handover", None, "not_allowed"),  # 秦霞's client
    ("刘建", "reassign", HUAXIN, "filing", "刘建", "not_allowed"),
    ("周明", "complete", HUAXIN, "handover", None, "not_allowed"),  # a manager of someone else's team
    ("王芳", "wait", HUAXIN, "entry", None, "not_waitable"),
    ("王芳", "reassign", HUAXIN, "filing", "王芳", "same_assignee"),
    ("王芳", "wait", HUAXIN, "confirmation", None, "must_follow"),
])
def test_invalid_moves_are_refused_and_change_nothing(firm_app, who, kind, client, stage, to, code) -> None:
    before = _state(firm_app)
    with pytest.raises(TransitionError) as refused:
        Act(firm_app, DAY)(who, kind, client, stage, to=to)
    assert refused.value.code == code
    assert _state(firm_app) == before


def test_a_done_stage_stays_done_and_must_follow_names_what_is_missing(firm_app) -> None:
    act = Act(firm_app, DAY)
    act("王芳", "complete", HUAXIN, "handover")
    with pytest.raises(TransitionError) as again:
        act("王芳", "complete", HUAXIN, "handover")
    assert again.value.code == "already_done" and again.value.details["done_on"] == DAY
    with pytest.raises(TransitionError) as skipped:
        act("王芳", "complete", HUAXIN, "statements")
    assert skipped.value.details["missing"] == ["账务处理"] and skipped.value.details["stage"] == "报表出具"


def test_managers_and_admins_may_act_and_a_contact_may_not(firm_app) -> None:
    Act(firm_app, DAY)("杜萍", "complete", HUAXIN, "handover")  # 王芳's manager
    Act(firm_app, DAY)("赵总", "complete", CHANGQING, "handover")  # the admin
    with firm_app.session() as session:
        contact = Firm(session).contact(_client(session, HUAXIN), "李娜")
        change = Change(kind="complete", instance_id=instance_id(session, HUAXIN), stage="sorting")
        with pytest.raises(TransitionError) as refused:
            check(session, viewer_for_contact(contact), change)
    assert refused.value.code == "not_allowed"


def test_the_assignee_of_a_reassigned_stage_may_complete_it_but_not_hand_it_on(firm_app) -> None:
    act = Act(firm_app, DAY, via="dingtalk")
    moved = act("杜萍", "reassign", HUAXIN, "filing", to="秦霞")
    assert moved.plan.to_staff == "秦霞" and [s.key for s in moved.plan.stages] == ["filing"]
    for key in ("handover", "sorting", "entry", "statements"):
        act("王芳", "complete", HUAXIN, key)
    with pytest.raises(TransitionError) as refused:
        act("秦霞", "reassign", HUAXIN, "filing", to="刘建")
    assert refused.value.code == "not_allowed"
    done = act("秦霞", "complete", HUAXIN, "filing")
    assert [s.done_by_id for s in done.plan.stages] == [_stages(firm_app, HUAXIN)["filing"].assignee_id]
    with firm_app.session() as session:
        event = session.execute(select(WorkflowEvent).where(WorkflowEvent.action == "reassigned")).scalar_one()
    names = _stages(firm_app, HUAXIN)
    assert (event.stage_key, event.actor, event.via, event.to_staff_id) == (
        "filing", "杜萍", "dingtalk", names["filing"].assignee_id)


def test_reassigning_a_whole_instance_moves_every_open_stage(firm_app) -> None:
    act = Act(firm_app, DAY)
    act("王芳", "complete", HUAXIN, "handover")
    moved = act("杜萍", "reassign", HUAXIN, None, to="秦霞")
    assert [s.key for s in moved.plan.stages] == ["sorting", "entry", "statements", "filing", "confirmation",
                                                   "archive"]
    assert len(moved.events) == 6 and {e.action for e in moved.events} == {"reassigned"}


def test_waiting_on_the_client_for_the_handover_requests_the_missing_documents(firm_app) -> None:
    with firm_app.session() as session:  # one item was already requested: it is left as it is
        Firm(session).document(_client(session, HUAXIN), "2026-11", "银行对账单", "2026-12-04")
    applied = Act(firm_app, DAY)("王芳", "wait", HUAXIN, "handover")
    assert applied.documents_created == 3
    with firm_app.session() as session:
        docs = session.execute(select(DocumentRequest.item, DocumentRequest.due_on, DocumentRequest.status)
                               .where(DocumentRequest.period == "2026-11").order_by(DocumentRequest.item)).all()
    assert docs == sorted([("银行对账单", date(2026, 12, 4), "pending"), ("进项发票", date(2026, 12, 5), "pending"),
                           ("销项发票", date(2026, 12, 5), "pending"), ("工资表", date(2026, 12, 5), "pending")])
    stage = _stages(firm_app, HUAXIN)["handover"]
    assert (stage.status, stage.waiting_since) == ("waiting", DAY)
    with pytest.raises(TransitionError) as again:
        Act(firm_app, DAY)("王芳", "wait", HUAXIN, "handover")
    assert again.value.code == "already_waiting"
    assert Act(firm_app, DAY)("王芳", "complete", HUAXIN, "handover").events[0].from_status == "waiting"


def _client(session, name: str) -> Client:
    return session.execute(select(Client).where(Client.name == name)).scalar_one()


def test_the_actor_is_recorded_even_when_a_manager_confirms_for_someone_else(firm_app) -> None:
    with firm_app.session() as session:
        actor = Actor(viewer(session, "杜萍"), "console", DAY, moment(DAY))
        applied = apply(session, actor, Change(kind="complete", instance_id=instance_id(session, HUAXIN)))
        assert applied.events[0].actor_id == actor.viewer.staff_id and applied.events[0].stage_key == "handover"
