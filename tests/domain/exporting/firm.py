"""A generated firm with what the generator does not write: disputed invoices, received dates, promises (through
the importer's optional columns and sheet), rows written from chat ('chat:' keys) and a prepayment."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from bot.bootstrap import App
from domain.allocation import reallocate
from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.models import Client, DocumentRequest, Interaction, Invoice, Payment, Staff
from tests.domain.importing.workbook import as_sheets


def build_firm(app: App, clients: int, today: date, seed: int = 5) -> None:
    report = import_sheets(app.session, generate_firm(clients, seed=seed, today=today))
    assert not report.errors, report.errors[:3]
    extra = import_sheets(app.session, as_sheets(_optional(app, today)))
    assert not extra.errors, extra.errors[:3]
    _chat_rows(app, today)


def _optional(app: App, today: date) -> dict[str, list[list[object]]]:
    with app.session() as session:
        invoices = session.execute(
            select(Invoice.invoice_no, Client.name, Invoice.issued_on, Invoice.due_on, Invoice.amount_cents)
            .join(Client, Client.id == Invoice.client_id).where(Invoice.paid_on.is_(None), Invoice.due_on < today)
            .order_by(Invoice.id)).all()
        documents = session.execute(
            select(Client.name, DocumentRequest.period, DocumentRequest.item, DocumentRequest.due_on)
            .join(Client, Client.id == DocumentRequest.client_id).where(DocumentRequest.status == "received")
            .order_by(DocumentRequest.id).limit(300)).all()
    disputed = [[no, name, issued, due, cents / 100, "是", "金额与合同不符" if i % 2 else None]
                for i, (no, name, issued, due, cents) in enumerate(invoices[::7])]
    received = [[name, period, item, due, "已提交", due - timedelta(days=i % 9)]
                for i, (name, period, item, due) in enumerate(documents)]
    debtors = sorted({name for _, name, *_ in invoices})
    promises = []
    for i, name in enumerate(debtors[:40]):
        promises.append([name, today + timedelta(days=3 + i % 10), 1000 + 100 * i if i % 3 else None,
                         today - timedelta(days=2 + i % 5)])
        if i % 4 == 0:  # an older promise, since broken or kept
            promises.append([name, today - timedelta(days=20), 500, today - timedelta(days=40),
                             "已违约" if i % 8 == 0 else "已兑现"])
    return {
        "应收": [["发票号", "客户名称", "开票日期", "到期日", "金额", "异议", "异议说明"], *disputed],
        "资料": [["客户名称", "所属期", "资料", "截止日期", "状态", "提交日期"], *received],
        "承诺付款": [["客户名称", "承诺日期", "金额", "登记日期", "状态"], *promises],
    }


def _chat_rows(app: App, today: date) -> None:
    """What the chat write path stores: a payment and an interaction with 'chat:' keys, and a prepayment."""
    with app.session() as session:
        first, second = session.execute(select(Client.id).order_by(Client.id).limit(2)).scalars().all()
        staff_id = session.execute(select(Staff.id).order_by(Staff.id)).scalars().first()
        seq = session.execute(select(func.max(Payment.seq))).scalar_one() + 1
        session.add(Payment(row_key="chat:payment:0001", client_id=first, paid_on=today - timedelta(days=1),
                            amount_cents=1234_00, method="转账", seq=seq))
        session.add(Payment(row_key="chat:payment:0002", client_id=second, paid_on=today, amount_cents=120000_00,
                            method="转账", reference="CHAT-REF-2", seq=seq + 1))  # far more than it owes: credit
        session.add(Interaction(row_key="chat:interaction:0001", client_id=first, date=today, channel="其他",
                                staff_id=staff_id, summary="电话沟通续约"))
        session.flush()
        reallocate(session, [first, second])
