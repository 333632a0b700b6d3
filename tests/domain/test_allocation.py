"""Payment allocation rules (semantics.md) on hand-computed cases, as a pure function."""

from datetime import date

from domain.allocation import OpenInvoice, PaymentIn, allocate


def inv(id_: int, due: str, amount: int, issued: str = "2026-01-01", no: str | None = None) -> OpenInvoice:
    return OpenInvoice(id_, no or f"FP{id_:03d}", date.fromisoformat(issued), date.fromisoformat(due), amount)


def pay(id_: int, paid: str, amount: int, invoice_id: int | None = None, seq: int = 0) -> PaymentIn:
    return PaymentIn(id_, date.fromisoformat(paid), seq, amount, invoice_id)


def spread(allocations) -> dict[tuple[int, int], int]:
    return {(a.payment_id, a.invoice_id): a.amount_cents for a in allocations}


def test_unnamed_payment_goes_to_oldest_due_first() -> None:
    invoices = [inv(1, "2026-03-01", 1000), inv(2, "2026-02-01", 1000)]
    allocations, paid = allocate(invoices, [pay(10, "2026-03-05", 1500)])
    assert spread(allocations) == {(10, 2): 1000, (10, 1): 500}
    assert paid == {1: None, 2: date(2026, 3, 5)}


def test_named_invoice_first_then_remainder_fifo() -> None:
    invoices = [inv(1, "2026-02-01", 1000), inv(2, "2026-03-01", 1000)]
    allocations, paid = allocate(invoices, [pay(10, "2026-03-05", 1200, invoice_id=2)])
    assert spread(allocations) == {(10, 2): 1000, (10, 1): 200}
    assert paid[2] == date(2026, 3, 5) and paid[1] is None


def test_ties_on_due_date_break_by_issue_date_then_number() -> None:
    invoices = [inv(1, "2026-02-01", 100, issued="2026-01-10", no="B"),
                inv(2, "2026-02-01", 100, issued="2026-01-05", no="C"),
                inv(3, "2026-02-01", 100, issued="2026-01-10", no="A")]
    allocations, _ = allocate(invoices, [pay(10, "2026-02-02", 150)])
    assert [a.invoice_id for a in allocations] == [2, 3]


def test_invoices_issued_after_the_payment_are_not_touched_and_credit_stays() -> None:
    invoices = [inv(1, "2026-02-01", 1000, issued="2026-01-01"), inv(2, "2026-05-01", 1000, issued="2026-04-01")]
    allocations, paid = allocate(invoices, [pay(10, "2026-03-01", 1500)])
    assert spread(allocations) == {(10, 1): 1000}  # 500 stays unallocated credit
    assert paid == {1: date(2026, 3, 1), 2: None}


def test_back_dated_payment_is_applied_in_date_order() -> None:
    invoices = [inv(1, "2026-02-01", 1000), inv(2, "2026-03-01", 1000)]
    later = pay(10, "2026-04-01", 1000, seq=1)
    back_dated = pay(11, "2026-02-15", 1000, seq=2)  # entered later, paid earlier
    allocations, paid = allocate(invoices, [later, back_dated])
    assert spread(allocations) == {(11, 1): 1000, (10, 2): 1000}
    assert paid == {1: date(2026, 2, 15), 2: date(2026, 4, 1)}


def test_same_day_payments_follow_entry_order_and_paid_date_is_the_closing_payment() -> None:
    invoices = [inv(1, "2026-02-01", 1000)]
    allocations, paid = allocate(invoices, [pay(11, "2026-02-10", 600, seq=2), pay(10, "2026-02-10", 600, seq=1),
                                            pay(12, "2026-02-20", 100, seq=3)])
    assert spread(allocations) == {(10, 1): 600, (11, 1): 400}
    assert paid[1] == date(2026, 2, 10)


def test_partial_payments_leave_the_invoice_open() -> None:
    allocations, paid = allocate([inv(1, "2026-02-01", 1000)], [pay(10, "2026-02-10", 300), pay(11, "2026-03-10", 300)])
    assert sum(a.amount_cents for a in allocations) == 600
    assert paid[1] is None
