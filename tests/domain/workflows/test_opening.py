"""Opening instances: a month of a generated firm's bookkeeping (every active client with a running contract,
assigned to its owner, due dates from the filing calendar), nothing opened twice, one-offs when their contract
starts, annual instances in their months, and every opening on the audit trail."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from domain.calendar import filing_deadline, next_working_day
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.models import Client, Contract, Staff
from domain.workflows.models import WorkflowEvent, WorkflowInstance, WorkflowStage
from domain.workflows.opening import Opening, open_due
from tests.domain.workflows.support import HUAXIN, TEMPLATES, build_firm, moment, open_period

NOV = date(2026, 11, 1), date(2026, 11, 30)


def _expected_bookkeeping(app) -> dict[int, int]:
    """client id → owner id, read from the book with plain Python: active clients with a bookkeeping contract
    that is not terminated and overlaps November 2026."""
    with app.session() as session:
        clients = {c.id: c for c in session.execute(select(Client)).scalars()}
        contracts = session.execute(select(Contract)).scalars().all()
    first, last = NOV
    return {k.client_id: clients[k.client_id].owner_id for k in contracts
            if k.service_type == "bookkeeping" and k.status != "terminated" and k.start_on <= last
            and k.end_on >= first and clients[k.client_id].status == "active"}


def test_a_month_of_a_generated_firm_opens_once_per_client_assigned_to_its_owner(make_app) -> None:
    today = date(2026, 12, 2)
    app = make_app(today=today)
    report = import_sheets(app.session, generate_firm(90, seed=5, today=today))
    assert not report.errors
    expected = _expected_bookkeeping(app)
    opened = open_period(app, "2026-11", today)
    assert len(expected) > 50 and opened.existing == 0
    assert {o.client_id for o in opened.opened if o.template == "bookkeeping"} == set(expected)
    with app.session() as session:
        instances = session.execute(select(WorkflowInstance).where(WorkflowInstance.template == "bookkeeping")
                                    ).scalars().all()
        stages = session.execute(select(WorkflowStage)).scalars().all()
        events = session.execute(select(WorkflowEvent)).scalars().all()
    assert {i.client_id: i.owner_id for i in instances} == expected
    assert Counter(s.instance_id for s in stages) == Counter({i.id: 7 for i in instances})
    owners = {i.id: i.owner_id for i in instances}
    assert all(s.assignee_id == owners[s.instance_id] for s in stages if s.instance_id in owners)
    deadline = filing_deadline(2026, 12).deadline
    due = {s.key: s.due_on for s in stages if s.instance_id == instances[0].id}
    assert due["handover"] == date(2026, 12, 5) and due["filing"] == deadline
    assert due["entry"] == deadline - timedelta(days=5) and due["confirmation"] == deadline + timedelta(days=5)
    assert sorted(due.values()) == list(due.values())  # the shipped stages fall due in their order
    assert {(e.action, e.via, e.actor) for e in events} == {("opened", "cli", "system")}
    assert len(events) == len(opened.opened)

    again = open_period(app, "2026-11", today)
    assert again.opened == [] and again.existing == len(opened.opened)


def test_one_offs_open_when_their_contract_starts_and_annual_ones_in_their_months(make_app) -> None:
    app = make_app(today=date(2026, 12, 1))
    build_firm(app)
    first = open_period(app, "2026-12", date(2026, 12, 1))
    assert sorted((o.template, o.client) for o in first.opened) == [
        ("bookkeeping", name) for name in sorted((HUAXIN, "上海明远贸易有限公司", "深圳长青物流有限公司"))]
    started = open_period(app, "2026-12", date(2026, 12, 2))  # the registration contract starts on 2 December
    assert [(o.template, o.client, o.period) for o in started.opened] == [("registration", HUAXIN, "2026-12")]
    assert started.existing == 3
    with app.session() as session:
        reg = session.execute(select(WorkflowStage).join(WorkflowInstance)
                              .where(WorkflowInstance.template == "registration")
                              .order_by(WorkflowStage.position)).scalars().all()
    assert reg[0].due_on == date(2026, 12, 7) and reg[0].document_items() == ["股东身份证件", "注册地址证明"]
    january = open_period(app, "2027-01", date(2027, 1, 4))
    annual = sorted((o.template, o.period) for o in january.opened if o.template != "bookkeeping")
    assert annual == [("annual_report", "2026")] * 3 + [("cit_annual", "2026")] * 3
    assert [o.client for o in january.opened if o.template == "bookkeeping"] == ["深圳长青物流有限公司"]
    july = open_period(app, "2027-07", date(2027, 7, 5))
    assert july.opened == []  # no bookkeeping contract runs in July 2027, and no annual template opens in July


def test_the_daily_job_opens_last_month_and_annual_instances_due_by_their_rules(make_app) -> None:
    app = make_app(today=date(2027, 3, 2))
    build_firm(app)
    with app.session() as session:
        report = open_due(session, TEMPLATES, Opening(today=date(2027, 3, 2), now=moment(date(2027, 3, 2))))
    periods = sorted({(o.template, o.period) for o in report.opened})
    assert periods == [("annual_report", "2026"), ("bookkeeping", "2027-02"), ("cit_annual", "2026")]
    with app.session() as session:
        cit = session.execute(select(WorkflowStage).join(WorkflowInstance)
                              .where(WorkflowInstance.template == "cit_annual", WorkflowStage.key == "filing")
                              ).scalars().first()
        review = session.execute(select(WorkflowStage, Staff.name).join(Staff, Staff.id == WorkflowStage.assignee_id)
                                 .where(WorkflowStage.key == "review")).all()
    assert cit is not None and cit.due_on == next_working_day(date(2027, 5, 31), inclusive=True)
    assert {name for _, name in review} <= {"杜萍", "周明"}  # responsible: the owner's manager
