"""Document chasing → the client's group chat or contacts: friendly before the due date, firmer after, one message per
client per day listing its pending items; the chase count grows once per chase; escalation to the owner after N
chases and to the manager after M; it stops the moment a document is received.

资料慢 owes two items due Tuesday 10 November 2026: reminded Friday 6 November (3 days before falls on Saturday),
then chased on 11, 13 and 17 November (1, 3, 7 days after) and every 7 days: 24 November, 1 December.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from domain.models import ChatBinding, Client, DocumentRequest
from tests.bot.jobs.support import SLACK, at, build, days, plan
from tests.domain.facts.firm import Firm

SLOW, QUICK = "资料慢贸易有限公司", "资料快科技有限公司"


def _firm(firm: Firm) -> None:
    boss = firm.staff("经理", role="manager", slack="U-MGR")
    ann = firm.staff("安娜", manager=boss, slack="U-ANN")
    slow = firm.client(SLOW, ann)
    firm.session.add(ChatBinding(platform="slack", chat_id="C-SLOW", client_id=slow.id))
    firm.document(slow, "2026-10", "银行对账单", "2026-11-10")
    firm.document(slow, "2026-10", "工资表", "2026-11-10")
    firm.document(slow, "2026-10", "销项发票", "2026-11-10", status="received")
    quick = firm.client(QUICK, ann)
    firm.contact(quick, "李会计", primary=True, slack="U-QUICK")
    firm.document(quick, "2026-10", "银行对账单", "2026-11-20")
    gone = firm.client("已流失咨询有限公司", ann, status="churned")
    firm.contact(gone, "没人", primary=True, slack="U-GONE")
    firm.document(gone, "2026-10", "银行对账单", "2026-11-10")


def _counts(app, client: str) -> dict[str, int]:
    with app.session() as session:
        rows = session.execute(select(DocumentRequest.item, DocumentRequest.chase_count)
                               .join(Client, Client.id == DocumentRequest.client_id)
                               .where(Client.name == client, DocumentRequest.status == "pending"))
        return dict(rows.tuples().all())


def _receive(app, item: str) -> None:
    with app.session() as session:
        session.execute(update(DocumentRequest).where(DocumentRequest.item == item, DocumentRequest.due_on
                                                      == date(2026, 11, 10)).values(status="received"))


def test_chases_come_on_the_right_days_in_the_right_tone_counting_each_chase(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    chased: dict[str, list[tuple[date, str, int, list[str]]]] = {}
    escalated: list[tuple[date, str, list[str]]] = []
    for day in days("2026-11-01", "2026-12-02"):
        for draft in plan(app, at(day)):
            data = draft.reply.data
            if draft.kind == "document_chase":
                chased.setdefault(data["client"], []).append((day, data["tone"], data["chase"],
                                                              [i["item"] for i in data["items"]]))
            elif draft.kind == "escalation":
                escalated += [(day, draft.destination.address, sorted(data["topics"]))]
    slow = chased[SLOW]
    assert [d for d, *_ in slow] == [date(2026, 11, 6), date(2026, 11, 11), date(2026, 11, 13), date(2026, 11, 17),
                                     date(2026, 11, 24), date(2026, 12, 1)]
    assert [tone for _, tone, *_ in slow] == ["friendly"] + ["firm"] * 5
    assert [n for _, _, n, _ in slow] == [1, 2, 3, 4, 5, 6]
    assert all(items == ["工资表", "银行对账单"] for *_, items in slow)  # both pending items, never the received one
    assert [d for d, *_ in chased[QUICK]] == [date(2026, 11, 17), date(2026, 11, 23), date(2026, 11, 27)]
    assert "已流失咨询有限公司" not in chased
    assert _counts(app, SLOW) == {"工资表": 6, "银行对账单": 6}
    # after 3 chases the owner hears of it; after 5 the manager too
    assert sorted(escalated) == [(date(2026, 11, 17), "U-ANN", ["documents_owner"]),
                                 (date(2026, 11, 24), "U-ANN", ["documents_owner"]),
                                 (date(2026, 12, 1), "U-ANN", ["documents_owner"]),
                                 (date(2026, 12, 1), "U-MGR", ["documents_manager"])]


def test_each_client_gets_one_message_with_only_its_own_items(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    drafts = {d.reply.data["client"]: d for d in plan(app, at("2026-11-17"), "document_chase")}
    assert set(drafts) == {SLOW, QUICK}
    assert drafts[SLOW].destination.address == "C-SLOW" and drafts[SLOW].destination.kind == "chat"
    assert [i["item"] for i in drafts[QUICK].reply.data["items"]] == ["银行对账单"]
    assert drafts[QUICK].reply.data["tone"] == "friendly" and drafts[QUICK].destination.address == "U-QUICK"


def test_planning_the_same_moment_again_counts_nothing_more_and_gives_the_same_keys(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    preview = [d.key for d in plan(app, at("2026-11-11"), "document_chase", record=False)]
    assert _counts(app, SLOW) == {"工资表": 0, "银行对账单": 0}  # a dry run writes nothing
    first = [d.key for d in plan(app, at("2026-11-11"), "document_chase")]
    again = plan(app, at("2026-11-11", "14:00"), "document_chase")
    assert preview == first == [d.key for d in again]
    assert _counts(app, SLOW) == {"工资表": 1, "银行对账单": 1}
    assert {d.reply.data["chase"] for d in again} == {1}


def test_a_received_document_stops_being_chased(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    for day in ("2026-11-06", "2026-11-11"):
        plan(app, at(day))
    _receive(app, "银行对账单")
    [only] = [d for d in plan(app, at("2026-11-13"), "document_chase") if d.reply.data["client"] == SLOW]
    assert [i["item"] for i in only.reply.data["items"]] == ["工资表"]
    _receive(app, "工资表")
    later = plan(app, at("2026-11-17"))
    assert all(d.reply.data.get("client") != SLOW for d in later if d.kind == "document_chase")
    assert not [d for d in later if d.kind == "escalation"]


def test_a_second_run_of_the_day_keeps_the_days_key_when_an_item_arrives_in_between(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    [morning] = [d for d in plan(app, at("2026-11-13"), "document_chase") if d.reply.data["client"] == SLOW]
    _receive(app, "银行对账单")
    [afternoon] = [d for d in plan(app, at("2026-11-13", "15:00"), "document_chase") if d.reply.data["client"] == SLOW]
    assert morning.key == afternoon.key  # the outbox keeps the morning's message: nothing new for the client
    assert [i["item"] for i in afternoon.reply.data["items"]] == ["工资表"]
    assert _counts(app, SLOW) == {"工资表": 1}
