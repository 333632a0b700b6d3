"""Payment allocation through the importer (semantics.md): named invoices first, then FIFO by due date, a
back-dated payment imported later, and overpayment left as credit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from domain.models import Allocation, Invoice, Payment
from tests.domain.importing.workbook import run, typed

STAFF = [["姓名"], ["李会计"]]
CLIENTS = [["客户名称", "负责人"], ["甲公司", "李会计"]]
INVOICE_HEADER = ["发票号", "客户名称", "开票日期", "到期日", "金额"]
PAYMENT_HEADER = ["客户名称", "发票号", "收款日期", "金额"]


def _firm(invoices: list[list[object]], payments: list[list[object]]) -> dict:
    return {"员工": STAFF, "客户": CLIENTS, "应收": [INVOICE_HEADER, *invoices], "收款": [PAYMENT_HEADER, *payments]}


def _paid_on(app) -> dict[str, date | None]:
    return dict(typed(app, select(Invoice.invoice_no, Invoice.paid_on)))


def _allocated(app) -> dict[str, int]:
    """Yuan allocated per invoice (the tests use whole yuan)."""
    query = (select(Invoice.invoice_no, func.sum(Allocation.amount_cents))
             .join(Allocation, Allocation.invoice_id == Invoice.id).group_by(Invoice.invoice_no))
    return {no: cents // 100 for no, cents in typed(app, query)}


# Issued in this order; due dates deliberately not in issue order.
INVOICES = [["A", "甲公司", "2026-01-01", "2026-03-31", 100],
            ["B", "甲公司", "2026-01-15", "2026-02-15", 100],
            ["C", "甲公司", "2026-02-01", "2026-02-28", 100]]


def test_a_payment_naming_an_invoice_goes_to_that_invoice(app):
    run(app, _firm(INVOICES, [["甲公司", "A", "2026-02-10", 100]]))
    assert _paid_on(app) == {"A": date(2026, 2, 10), "B": None, "C": None}


def test_unnamed_payments_go_oldest_due_date_first_among_invoices_issued_by_then(app):
    run(app, _firm(INVOICES, [["甲公司", None, "2026-01-20", 150], ["甲公司", None, "2026-03-01", 100]]))
    # On 01-20 only A and B are issued: B (due 02-15) first, the rest to A (due 03-31); C is not yet issued.
    # On 03-01 C (due 02-28) is older than what is left of A (due 03-31).
    assert _allocated(app) == {"B": 100, "A": 50, "C": 100}
    assert _paid_on(app) == {"B": date(2026, 1, 20), "A": None, "C": date(2026, 3, 1)}


def test_a_named_payment_remainder_goes_fifo(app):
    run(app, _firm(INVOICES, [["甲公司", "A", "2026-03-01", 150]]))
    assert _allocated(app) == {"A": 100, "B": 50}


def test_a_back_dated_payment_imported_later_re_allocates(app):
    run(app, _firm(INVOICES, [["甲公司", None, "2026-03-01", 100]]))
    assert _paid_on(app) == {"B": date(2026, 3, 1), "A": None, "C": None}

    report = run(app, _firm(INVOICES, [["甲公司", None, "2026-03-01", 100], ["甲公司", None, "2026-02-01", 100]]))
    assert report.written["payments"] == {"inserted": 1, "updated": 0}
    # The February payment now pays B (oldest due), so the March payment moves on to C.
    assert _paid_on(app) == {"B": date(2026, 2, 1), "C": date(2026, 3, 1), "A": None}
    assert _allocated(app) == {"B": 100, "C": 100}


def test_an_invoice_changed_on_re_import_re_allocates(app):
    run(app, _firm(INVOICES, [["甲公司", "B", "2026-02-01", 100]]))
    changed = [INVOICES[0], ["B", "甲公司", "2026-01-15", "2026-02-15", 150], INVOICES[2]]
    report = run(app, _firm(changed, [["甲公司", "B", "2026-02-01", 100]]))
    assert report.written["invoices"] == {"inserted": 0, "updated": 1}
    assert _paid_on(app)["B"] is None and _allocated(app) == {"B": 100}


def test_overpayment_leaves_credit_unallocated(app):
    run(app, _firm(INVOICES, [["甲公司", None, "2026-06-01", 500]]))
    assert _allocated(app) == {"A": 100, "B": 100, "C": 100}
    assert set(_paid_on(app).values()) == {date(2026, 6, 1)}
    paid = typed(app, select(func.sum(Payment.amount_cents)))[0][0]
    allocated = typed(app, select(func.sum(Allocation.amount_cents)))[0][0]
    assert paid - allocated == 200_00


def test_equal_payments_on_one_day_are_applied_in_entry_order_and_kept_on_re_import(app):
    payments = [["甲公司", None, "2026-03-01", 100], ["甲公司", None, "2026-03-01", 100]]
    run(app, _firm(INVOICES, payments))
    seqs = typed(app, select(Payment.seq).order_by(Payment.seq))
    report = run(app, _firm(INVOICES, payments))
    assert report.written["payments"] == {"inserted": 0, "updated": 0}
    assert typed(app, select(Payment.seq).order_by(Payment.seq)) == seqs and len(seqs) == 2
    assert _allocated(app) == {"B": 100, "C": 100}
