"""Travelling through a generated firm's weeks: every reminder goes to the right person about their own clients, a
client's message is about that client only, the same moment planned twice gives the same keys, and nothing is
planned before the morning run or on rest days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.jobs.planners import KINDS, plan_all
from domain.calendar import is_working_day
from domain.models import Client, Contract, Invoice, Staff
from domain.scope import viewer_for_staff
from tests.bot.jobs.support import at, days, generated

STAFF_KINDS = {"tax_deadline", "renewal", "escalation", "digest", "workflow_alert", "promise_broken",
               "health_alert"}
NOT_IN_THESE_WEEKS = {"workflow_notice"}  # no filing marked done here (the generated firm does make promises)


def _book(app):
    with app.session() as session:
        owner = dict(session.execute(select(Client.id, Client.owner_id)).tuples().all())
        by_name = dict(session.execute(select(Client.name, Client.id)).tuples().all())
        invoice_client = dict(session.execute(select(Invoice.invoice_no, Invoice.client_id)).tuples().all())
        contract_client = dict(session.execute(select(Contract.contract_no, Contract.client_id)).tuples().all())
        viewers = {f"staff:{s.id}": viewer_for_staff(session, s) for s in session.query(Staff).all()}
    return owner, by_name, invoice_client, contract_client, viewers


def _clients_named(draft, by_name, invoice_client, contract_client) -> set[int]:
    data = draft.reply.data
    if draft.kind == "tax_deadline":
        return {by_name[f["client"]] for f in data["filings"]}
    if draft.kind == "renewal":
        return {contract_client[c["contract_no"]] for c in data["contracts"]}
    if draft.kind == "escalation":
        return {cid for ids in data["topics"].values() for cid in ids}
    if draft.kind == "health_alert":
        return {by_name[c["client"]] for c in data["clients"]}
    if draft.kind == "dunning":
        return {invoice_client[i["invoice_no"]] for i in data["invoices"]}
    return set()


def test_three_weeks_of_reminders_go_to_the_right_people_about_their_own_clients(make_app) -> None:
    app = make_app()
    generated(app, 140, date(2026, 11, 20))
    owner, by_name, invoice_client, contract_client, viewers = _book(app)
    seen: set[str] = set()
    for day in days("2026-11-21", "2026-12-16"):
        planned = plan_all(app, at(day))
        assert set(planned) == set(KINDS)
        drafts = [d for kind in KINDS for d in planned[kind]]
        if not is_working_day(day):
            assert drafts == []
            continue
        keys = [d.key for d in drafts]
        assert len(keys) == len(set(keys))
        for draft in drafts:
            seen.add(draft.kind)
            recipient = draft.key.split("|")[1]
            named = _clients_named(draft, by_name, invoice_client, contract_client)
            if draft.kind in STAFF_KINDS:
                viewer = viewers[recipient]
                assert all(viewer.sees_owner(owner[cid]) for cid in named), (draft.key, named)
                assert not draft.client_facing
                if draft.kind in ("tax_deadline", "renewal"):
                    assert {owner[cid] for cid in named} == {viewer.staff_id}
            else:
                client_id = int(recipient.split("/")[0].removeprefix("client:"))
                assert draft.client_facing and draft.reply.data["client"] == draft.subject
                assert named <= {client_id} and by_name[draft.reply.data["client"]] == client_id
    assert seen == set(KINDS) - NOT_IN_THESE_WEEKS


def test_the_same_moment_planned_twice_gives_the_same_keys_and_nothing_before_the_morning_run(make_app) -> None:
    app = make_app()
    generated(app, 80, date(2026, 11, 20))
    monday = at("2026-11-23")
    first = {kind: [d.key for d in drafts] for kind, drafts in plan_all(app, monday).items()}
    again = {kind: [d.key for d in drafts] for kind, drafts in plan_all(app, monday).items()}
    assert first == again and sum(map(len, first.values())) > 0
    assert all(drafts == [] for drafts in plan_all(app, at("2026-11-23", "07:59")).values())
    naive = plan_all(app, monday.replace(tzinfo=None))  # a naive moment is firm-local
    assert {kind: [d.key for d in drafts] for kind, drafts in naive.items()} == first
