"""The write path's domain rules, with commands built directly (no chat): previews say what will change and change
nothing; apply changes exactly that; permissions (owner changes need a manager over both owners, or an admin); undo
steps back, is refused when a later action changed the same record (naming it), always works for payments, and
lowers a chase count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.actions.audit import UndoRefused, undo_latest
from domain.actions.base import Actor, Preview, Refusal
from domain.actions.commands import (
    DisputeInvoice,
    MarkDocumentsReceived,
    RecordPayment,
    RenewContract,
    RequestDocuments,
    UpdateClient,
)
from domain.actions.handle import Done, apply, check
from domain.actions.handlers.invoices import outstanding_by_invoice
from domain.models import Client, Contract, DocumentRequest, Invoice, Staff
from domain.scope import viewer_for_staff
from tests.bot.actions.support import TODAY, at, build_firm


@pytest.fixture
def firm(make_app):
    app = make_app(today=TODAY)
    return app, build_firm(app)


def actor(session, name: str, now: datetime | None = None) -> Actor:
    staff = session.execute(select(Staff).where(Staff.name == name)).scalar_one()
    moment = now or at(TODAY)
    return Actor(viewer_for_staff(session, staff), "console", moment.date(), moment, {"document_due_days": 3})


def invoice_id(session, number: str) -> int:
    return session.execute(select(Invoice.id).where(Invoice.invoice_no == number)).scalar_one()


def test_a_payment_preview_lists_the_invoices_it_settles_and_the_credit_and_changes_nothing(firm) -> None:
    app, ids = firm
    with app.session() as session:
        preview = check(session, actor(session, "王芳"), RecordPayment(client_id=ids["mingyuan"], amount=Decimal(6000)))
        assert isinstance(preview, Preview)
        assert preview.notes["settles"] == ["FP100234", "FP100235"] and preview.notes["credit"] == 1000.0
        assert sorted(outstanding_by_invoice(session, ids["mingyuan"]).values()) == [200000, 300000]


def test_a_named_invoice_without_an_amount_is_its_outstanding(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        fp = invoice_id(session, "FP100235")
        done = apply(session, who, RecordPayment(client_id=ids["mingyuan"], invoice_id=fp))
        assert isinstance(done, Done) and done.outcome.preview.notes["amount"] == 2000.0
        assert done.outcome.preview.notes["settles"] == ["FP100235"]
        again = check(session, who, RecordPayment(client_id=ids["mingyuan"], invoice_id=fp))
        assert isinstance(again, Refusal) and again.code == "nothing_to_do"
        missing = check(session, who, RecordPayment(client_id=ids["mingyuan"]))
        assert isinstance(missing, Refusal) and (missing.code, missing.part) == ("needs_input", "amount")
        elsewhere = invoice_id(session, "FP200001")
        other = check(session, who, RecordPayment(client_id=ids["mingyuan"], invoice_id=elsewhere))
        assert isinstance(other, Refusal) and other.code == "not_found"  # not this client's invoice


@pytest.mark.parametrize(("who", "allowed"), [("王芳", False), ("杜萍", True), ("赵总", True), ("周明", False)])
def test_an_owner_change_needs_a_manager_over_both_owners_or_an_admin(firm, who: str, allowed: bool) -> None:
    app, ids = firm
    with app.session() as session:
        result = apply(session, actor(session, who), UpdateClient(client_id=ids["mingyuan"], owner_id=ids["qin"]))
        assert isinstance(result, Done) is allowed
        if not allowed:
            assert isinstance(result, Refusal) and result.code == "not_allowed"
        owner = session.get(Client, ids["mingyuan"]).owner_id
        assert owner == (ids["qin"] if allowed else ids["wang"])


def test_a_manager_over_the_old_owner_only_may_not_hand_a_client_outside_her_team(firm) -> None:
    app, ids = firm
    with app.session() as session:
        result = check(session, actor(session, "杜萍"), UpdateClient(client_id=ids["mingyuan"], owner_id=ids["liu"]))
        assert isinstance(result, Refusal) and result.details["reason"] == "owner_change"


def test_undo_steps_back_one_action_at_a_time(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        apply(session, who, UpdateClient(client_id=ids["mingyuan"], tier="vip"))
        apply(session, who, UpdateClient(client_id=ids["mingyuan"], add_tags=("跨境电商",)))
    with app.session() as session:
        first = undo_latest(session, actor(session, "王芳"))
        assert not isinstance(first, UndoRefused) and first[0].kind == "update_client"
        client = session.get(Client, ids["mingyuan"])
        assert (client.tier, client.tags) == ("vip", "")
        undo_latest(session, actor(session, "王芳"))
        session.expire_all()
        assert session.get(Client, ids["mingyuan"]).tier == "normal"
        assert isinstance(undo_latest(session, actor(session, "王芳")), UndoRefused)


def test_undo_is_refused_when_a_later_action_changed_the_same_record_and_names_it(firm) -> None:
    app, ids = firm
    with app.session() as session:
        apply(session, actor(session, "王芳"), UpdateClient(client_id=ids["mingyuan"], tier="vip"))
        apply(session, actor(session, "杜萍"), UpdateClient(client_id=ids["mingyuan"], status="churned"))
        refused = undo_latest(session, actor(session, "王芳"))
        assert isinstance(refused, UndoRefused) and refused.code == "undo_blocked"
        assert (refused.blocker.actor, refused.blocker.kind) == ("杜萍", "update_client")
        assert session.get(Client, ids["mingyuan"]).tier == "vip"


def test_a_payment_can_always_be_undone_and_the_allocation_is_recomputed(firm) -> None:
    app, ids = firm
    with app.session() as session:
        apply(session, actor(session, "王芳"), RecordPayment(client_id=ids["mingyuan"], amount=Decimal(3000)))
        apply(session, actor(session, "杜萍"), RecordPayment(client_id=ids["mingyuan"], amount=Decimal(2000)))
        paid = session.execute(select(Invoice.invoice_no, Invoice.paid_on).where(
            Invoice.client_id == ids["mingyuan"]).order_by(Invoice.invoice_no)).all()
        assert [p for _, p in paid] == [TODAY, TODAY]
        assert not isinstance(undo_latest(session, actor(session, "王芳")), UndoRefused)
        session.expire_all()
        paid = session.execute(select(Invoice.invoice_no, Invoice.paid_on).where(
            Invoice.client_id == ids["mingyuan"]).order_by(Invoice.invoice_no)).all()
        assert paid == [("FP100234", None), ("FP100235", None)]  # 杜萍's ¥2,000 now goes to the older one
        assert outstanding_by_invoice(session, ids["mingyuan"]) == {
            invoice_id(session, "FP100234"): 100000, invoice_id(session, "FP100235"): 200000}


def test_undo_reaches_back_24_hours_only(firm) -> None:
    app, ids = firm
    with app.session() as session:
        apply(session, actor(session, "王芳"), UpdateClient(client_id=ids["mingyuan"], tier="vip"))
        later = actor(session, "王芳", at(TODAY) + timedelta(hours=24, minutes=1))
        assert isinstance(undo_latest(session, later), UndoRefused)


def test_chasing_creates_a_missing_request_due_in_the_set_days_and_undo_lowers_the_count(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        done = apply(session, who, RequestDocuments(client_id=ids["mingyuan"], period="2026-11",
                                                     items=("银行对账单", "进项发票")))
        assert isinstance(done, Done) and done.outcome.effects[0][0] == "chase"
        rows = {r.item: r for r in session.execute(select(DocumentRequest).where(
            DocumentRequest.client_id == ids["mingyuan"])).scalars()}
        assert rows["进项发票"].due_on == TODAY + timedelta(days=3) and rows["进项发票"].chase_count == 1
        assert rows["银行对账单"].chase_count == 1 and rows["工资表"].chase_count == 0
        undo_latest(session, who)
        session.expire_all()
        items = {r.item: r.chase_count for r in session.execute(select(DocumentRequest).where(
            DocumentRequest.client_id == ids["mingyuan"])).scalars()}
        assert items == {"银行对账单": 0, "工资表": 0}


def test_documents_received_without_a_period_asks_back_when_several_periods_are_pending(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        one = check(session, who, MarkDocumentsReceived(client_id=ids["mingyuan"]))
        assert isinstance(one, Preview) and one.notes["period"] == "2026-11"
        session.add(DocumentRequest(client_id=ids["mingyuan"], period="2026-10", item="工资表",
                                    due_on=date(2026, 10, 28)))
        session.flush()
        several = check(session, who, MarkDocumentsReceived(client_id=ids["mingyuan"]))
        assert isinstance(several, Refusal) and several.code == "needs_input" and several.part == "period"
        assert [value for _, value in several.choices] == ["2026-10", "2026-11"]


def test_a_renewal_follows_the_old_contract_and_is_numbered_after_it(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        old = session.execute(select(Contract).where(Contract.contract_no == "HT1001")).scalar_one()
        done = apply(session, who, RenewContract(contract_id=old.id))
        assert isinstance(done, Done)
        new = session.execute(select(Contract).where(Contract.contract_no == "HT1001-R1")).scalar_one()
        assert (new.start_on, new.end_on, new.amount_cents, new.signed_on) == (
            date(2027, 1, 1), date(2027, 12, 31), 1_200_000, TODAY)
        again = check(session, who, RenewContract(contract_id=old.id))
        assert isinstance(again, Refusal) and again.details["reason"] == "already_renewed"
        second = apply(session, who, RenewContract(client_id=ids["mingyuan"], amount=Decimal(15000), months=6))
        assert isinstance(second, Done)
        r2 = session.execute(select(Contract).where(Contract.contract_no == "HT1001-R2")).scalar_one()
        assert (r2.start_on, r2.end_on, r2.amount_cents) == (date(2028, 1, 1), date(2028, 6, 30), 1_500_000)


def test_a_dispute_on_a_period_marks_that_months_invoices_and_resolving_clears_it(firm) -> None:
    app, ids = firm
    with app.session() as session:
        who = actor(session, "王芳")
        apply(session, who, DisputeInvoice(client_id=ids["mingyuan"], period="2026-10", note="金额不对"))
        marks = dict(session.execute(select(Invoice.invoice_no, Invoice.disputed).where(
            Invoice.client_id == ids["mingyuan"])).all())
        assert marks == {"FP100234": False, "FP100235": True}
        resolved = apply(session, who, DisputeInvoice(client_id=ids["mingyuan"], resolve=True))
        assert isinstance(resolved, Done)
        assert not session.get(Invoice, invoice_id(session, "FP100235")).disputed
