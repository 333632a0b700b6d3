"""The workflow planner over December 2026 (November's books; 资料交接 due Saturday 5 December, 票据整理 Tuesday
8 December, 纳税申报 on the 15 December deadline): instances opened by the first run, overdue stages reported to
their owner once and to the owner's manager once after the grace period, the 已申报 notice once, document requests
for a handover waiting on the client, tax reminders that stop naming a filed client, and the digest's numbers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from bot.jobs.planners import plan_all
from bot.jobs.workflow_alerts import GRACE_DAYS
from bot.outbox import enqueue
from domain.models import ChatBinding, Client, DocumentRequest
from domain.workflows import stats
from domain.workflows.models import WorkflowInstance, WorkflowStage
from tests.bot.jobs.support import SLACK, at, days, plan
from tests.chat_ids import bind_chat_ids, staff_named
from tests.domain.facts.firm import Firm
from tests.domain.workflows.support import CHANGQING, HUAXIN, MINGYUAN, Act, build_firm, viewer

SLACK_IDS = {"王芳": "U-WANG", "秦霞": "U-QIN", "刘建": "U-LIU", "杜萍": "U-DU", "周明": "U-ZHOU", "赵总": "U-BOSS"}


def _app(make_app):
    app = make_app(today=date(2026, 12, 1), **SLACK)
    build_firm(app)
    with app.session() as session:
        for name, slack in SLACK_IDS.items():
            bind_chat_ids(session, staff_named(session, name), slack=slack)
        huaxin = session.execute(select(Client).where(Client.name == HUAXIN)).scalar_one()
        session.add(ChatBinding(platform="slack", chat_id="C-HUAXIN", client_id=huaxin.id))
        mingyuan = session.execute(select(Client).where(Client.name == MINGYUAN)).scalar_one()
        Firm(session).tax(mingyuan, "增值税", "monthly")
    return app


def _alerts(drafts) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(Slack id, topic) → {(client, stage)} of the day's workflow alerts."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for draft in drafts:
        data = draft.reply.data
        out[(draft.destination.address, data["topic"])] = {(s["client"], s["stage"]) for s in data["stages"]}
    return out


def test_overdue_stages_alert_their_owner_once_then_the_manager_once(make_app) -> None:
    app = _app(make_app)
    seen: dict[date, dict] = {}
    for day in days("2026-12-01", "2026-12-16"):
        found = _alerts(plan(app, at(day), "workflow_alert"))
        if found:
            seen[day] = found
    with app.session() as session:
        opened = session.execute(select(WorkflowInstance.template, WorkflowInstance.period)).all()
    assert sorted(opened) == [("bookkeeping", "2026-11")] * 3 + [("registration", "2026-12")]
    handover = {HUAXIN: ("U-WANG", "U-DU"), MINGYUAN: ("U-QIN", "U-DU"), CHANGQING: ("U-LIU", "U-ZHOU")}
    assert seen[date(2026, 12, 7)] == {(owner, "overdue"): {(client, "资料交接")}
                                       for client, (owner, _) in handover.items()}
    assert seen[date(2026, 12, 9)][("U-WANG", "overdue")] == {(HUAXIN, "票据整理")}  # handover is not repeated
    escalated = {key: value for key, value in seen[date(2026, 12, 9)].items() if key[1] == "escalation"}
    assert escalated == {("U-DU", "escalation"): {(HUAXIN, "资料交接"), (MINGYUAN, "资料交接")},
                         ("U-ZHOU", "escalation"): {(CHANGQING, "资料交接")}}
    assert GRACE_DAYS == 3  # due Saturday 5th: past due by more than 3 days on Wednesday 9th
    per_stage = [(addr, pair) for found in seen.values() for (addr, topic), pairs in found.items()
                 if topic == "overdue" for pair in pairs]
    assert len(per_stage) == len(set(per_stage))  # each stage reported to its owner once
    assert seen[date(2026, 12, 8)] == {("U-WANG", "overdue"): {(HUAXIN, "注册资料")}}  # the registration's first


def test_the_same_moment_planned_twice_queues_nothing_new_and_done_stages_are_not_reported(make_app) -> None:
    app = _app(make_app)
    plan(app, at("2026-12-01"))
    Act(app, date(2026, 12, 4))("王芳", "complete", HUAXIN, "handover")  # on time
    first = plan(app, at("2026-12-07"), "workflow_alert")
    again = plan(app, at("2026-12-07", "09:00"), "workflow_alert")
    assert [d.key for d in first] == [d.key for d in again]
    assert enqueue(app, first, at("2026-12-07")).new and not enqueue(app, again, at("2026-12-07", "09:00")).new
    assert ("U-WANG", "overdue") not in _alerts(first)


def test_a_filed_return_tells_the_client_once_and_stops_the_tax_reminder(make_app) -> None:
    app = _app(make_app)
    plan(app, at("2026-12-01"))
    before = plan(app, at("2026-12-08"), "tax_deadline")  # T−5: both monthly VAT filers are named
    assert {f["client"] for d in before for f in d.reply.data["filings"]} == {MINGYUAN, HUAXIN}
    act = Act(app, date(2026, 12, 10))
    for key in ("handover", "sorting", "entry", "statements", "filing"):
        act("王芳", "complete", HUAXIN, key)
    t2 = plan(app, at("2026-12-11"), "tax_deadline")  # T−2: 华信科技 has filed
    assert {f["client"] for d in t2 for f in d.reply.data["filings"]} == {MINGYUAN}
    notices = plan(app, at("2026-12-11"), "workflow_notice")
    [notice] = notices
    assert notice.destination.address == "C-HUAXIN" and notice.client_facing and notice.subject == HUAXIN
    assert "2026年11月" in notice.reply.text and "纳税申报" in notice.reply.text
    later = plan(app, at("2026-12-14"), "workflow_notice")
    assert [d.key for d in later] == [notice.key]  # the same key: the outbox sends it once
    assert enqueue(app, notices, at("2026-12-11")).new and not enqueue(app, later, at("2026-12-14")).new
    assert plan(app, at("2026-12-21"), "workflow_notice") == []  # after NOTICE_DAYS no catch-up is planned


def test_a_handover_waiting_on_the_client_gets_its_documents_chased(make_app) -> None:
    app = _app(make_app)
    plan(app, at("2026-12-01"))
    with app.session() as session:  # marked waiting without the requests (say, by an older version)
        session.execute(update(WorkflowStage).where(WorkflowStage.key == "handover",
                                                    WorkflowStage.client_id == _client_id(session, HUAXIN))
                        .values(status="waiting", waiting_since=date(2026, 12, 3)))
    plan(app, at("2026-12-07"))
    with app.session() as session:
        items = session.execute(select(DocumentRequest.item, DocumentRequest.period, DocumentRequest.due_on)).all()
    wanted = ("银行对账单", "进项发票", "销项发票", "工资表")
    assert sorted(items) == sorted((item, "2026-11", date(2026, 12, 7)) for item in wanted)
    chased = plan(app, at("2026-12-08"), "document_chase")  # one day after the due date
    assert [d.destination.address for d in chased] == ["C-HUAXIN"]
    assert {i["item"] for i in chased[0].reply.data["items"]} == {"银行对账单", "进项发票", "销项发票", "工资表"}


def _client_id(session, name: str) -> int:
    return session.execute(select(Client.id).where(Client.name == name)).scalar_one()


def test_the_digest_carries_each_readers_workflow_numbers(make_app) -> None:
    app = _app(make_app)
    plan(app, at("2026-12-01"))
    Act(app, date(2026, 12, 4))("王芳", "complete", HUAXIN, "handover")
    digests = {d.destination.address: d.reply for d in plan(app, at("2026-12-09"), "digest")}
    assert set(digests) == {"U-DU", "U-ZHOU", "U-BOSS"}
    with app.session() as session:
        for address, name in (("U-DU", "杜萍"), ("U-ZHOU", "周明"), ("U-BOSS", "赵总")):
            who = viewer(session, name)
            load = stats.load(session, who, date(2026, 12, 9))
            rates = stats.on_time_by_stage(session, who, date(2026, 11, 9), date(2026, 12, 9), date(2026, 12, 9))
            numbers = digests[address].data["workflows"]
            assert numbers["open"] == sum(r.open for r in load) and numbers["overdue"] == sum(r.overdue for r in load)
            assert (numbers["measured"], numbers["on_time"]) == (stats.overall(rates).measured,
                                                                 stats.overall(rates).on_time)
            assert numbers["busiest"] == load[0].staff
            assert any(heading.startswith("服务流程") for heading, _ in digests[address].sections)


def test_a_dry_run_opens_and_marks_nothing(make_app) -> None:
    app = _app(make_app)
    planned = plan_all(app, at("2026-12-07"), record=False)
    assert planned["workflow_alert"] == [] and planned["workflow_notice"] == []
    with app.session() as session:
        assert session.execute(select(WorkflowInstance.id)).first() is None
