"""A client's words over WeCom: "已付款" with a screenshot → the owner's card → 确认收款 records and allocates the
payment; a promise pauses dunning in the next planner run; a dispute leaves the invoices out of dunning; a question
is answered within the client's company; anything else goes to the owner; the owner undoes a wrong match."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from domain.models import Allocation, DocumentRequest, Invoice, Payment, PaymentPromise
from tests.adapters.wecom.conftest import DUPING, LINA
from tests.bot.jobs.support import at, plan
from tests.clients.conftest import Kit
from tests.clients.support import PDF, PNG, files, statuses


def _dunned(kit: Kit, day: str) -> bool:
    client = kit.wecom.firm.contact_client
    return any(d.subject == client or d.reply.data.get("client") == client
               for d in plan(kit.app, at(day), "dunning", record=False))


def _dunning_day(kit: Kit) -> str:
    for day in ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-07"):
        if _dunned(kit, day):
            return day
    raise AssertionError("the contact's client is never dunned")


def test_paid_with_a_screenshot_becomes_a_card_and_the_owners_confirmation_records_the_payment(kit: Kit) -> None:
    kit.send_file(LINA, PNG, kind="image")
    assert kit.wecom.ask(LINA, "已付款 1000元") == 200
    assert "已转给您的会计 杜萍 核对" in kit.said_to(LINA)[-1]
    with kit.app.session() as session:
        assert session.execute(select(Payment)).first() is None  # nothing until staff confirm
    notice = kit.owner_notices()
    assert "说已付款 ¥1,000.00" in notice and "附图" in notice
    [card] = [c for c in kit.owner_cards() if any(b["text"] == "确认收款" for b in c["button_list"])]
    [button] = [b for b in card["button_list"] if b["text"] == "确认收款"]
    for _ in range(2):  # pressed twice: recorded once
        assert kit.wecom.post(kit.wecom.side.card_click_xml(DUPING, button["key"], card["task_id"])) == 200
    with kit.app.session() as session:
        [payment] = session.execute(select(Payment)).scalars()
        invoice = session.execute(select(Invoice).where(Invoice.invoice_no == "INV-0001")).scalar_one()
        [allocation] = session.execute(select(Allocation)).scalars()
    assert payment.amount_cents == 100_000 and payment.client_id == kit.client_id
    assert (allocation.invoice_id, allocation.amount_cents) == (invoice.id, 100_000)
    [row] = files(kit.app)
    assert row.status == "payment"  # the screenshot is kept, linked to the claim, not taken for a document
    assert set(statuses(kit.app, kit.client_id).values()) == {"pending"}


def test_a_promise_is_recorded_at_once_and_pauses_dunning_in_the_next_run(kit: Kit) -> None:
    day = _dunning_day(kit)
    assert kit.wecom.ask(LINA, "12月10号前转") == 200
    assert "2026-12-10" in kit.said_to(LINA)[-1]
    with kit.app.session() as session:
        [promise] = session.execute(select(PaymentPromise)).scalars()
    assert promise.promised_by == date(2026, 12, 10) and promise.client_id == kit.client_id
    assert not _dunned(kit, day)
    assert "承诺 2026-12-10 前付款" in kit.owner_notices()


def test_next_wednesday_in_english_is_a_promise_too(kit: Kit) -> None:
    assert kit.wecom.ask(LINA, "we will pay next Wednesday") == 200
    assert "2026-11-25" in kit.said_to(LINA)[-1] and "noted" in kit.said_to(LINA)[-1]
    assert "承诺 2026-11-25 前付款" in kit.owner_notices()  # the owner reads the firm's language


def test_a_dispute_flags_the_reminded_invoice_and_it_leaves_dunning(kit: Kit) -> None:
    day = _dunning_day(kit)
    assert kit.wecom.ask(LINA, "这个金额不对") == 200
    with kit.app.session() as session:
        invoice = session.execute(select(Invoice).where(Invoice.invoice_no == "INV-0001")).scalar_one()
    assert invoice.disputed and invoice.dispute_note == "这个金额不对"
    assert not _dunned(kit, day)
    assert "INV-0001" in kit.owner_notices()


def test_a_question_is_answered_and_anything_else_goes_to_the_owner(kit: Kit) -> None:
    assert kit.wecom.ask(LINA, "我们还有哪些资料没交") == 200
    assert "银行对账单" in kit.said_to(LINA)[-1]
    assert kit.wecom.ask(LINA, "下个月我们要换财务负责人了") == 200
    assert kit.said_to(LINA)[-1] == "已转给您的会计 杜萍，会尽快回复您。"
    assert "下个月我们要换财务负责人了" in kit.owner_notices()


def test_the_owner_undoes_a_wrong_match_and_the_item_is_pending_again(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "10月工资表.pdf")
    assert statuses(kit.app, kit.client_id)["工资表"] == "received"
    kit.owner_notices()
    [card] = kit.owner_cards()
    [undo] = [b for b in card["button_list"] if b["text"].startswith("撤销")]
    assert kit.wecom.post(kit.wecom.side.card_click_xml(DUPING, undo["key"], card["task_id"])) == 200
    assert statuses(kit.app, kit.client_id)["工资表"] == "pending"
    [row] = files(kit.app)
    assert row.status == "stored" and row.document_request_id is None and row.sha256
    with kit.app.session() as session:
        request = session.execute(select(DocumentRequest).where(DocumentRequest.item == "工资表")).scalar_one()
    assert request.received_at is None


def test_another_staff_member_cannot_undo_the_clients_change(kit: Kit) -> None:
    kit.send_file(LINA, PDF, "10月工资表.pdf")
    kit.owner_notices()
    [card] = kit.owner_cards()
    [undo] = [b for b in card["button_list"] if b["text"].startswith("撤销")]
    assert kit.wecom.post(kit.wecom.side.card_click_xml("wangfang", undo["key"], card["task_id"])) == 200
    assert statuses(kit.app, kit.client_id)["工资表"] == "received"


def test_a_clients_query_button_is_still_answered_as_a_question(kit: Kit) -> None:
    from bot.answer import QUERY_PREFIX
    from bot.conversation import handle
    from bot.messages import IncomingMessage
    from domain.queries import Intent, Query

    action = QUERY_PREFIX + Query(intent=Intent.my_invoices).model_dump_json(exclude_defaults=True)
    reply = handle(kit.app, IncomingMessage(platform="wecom", chat_id=LINA, sender_id=LINA, text="显示更多",
                                            action=action))
    assert reply.intent == "my_invoices" and "INV-0001" in str(reply.rows)
    assert "显示更多" not in kit.owner_notices()  # not taken for a note to the owner
