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


def test_a_remainder_becomes_credit_that_settles_a_later_invoice_on_its_issue_date() -> None:
    invoices = [inv(1, "2026-02-01", 1000, issued="2026-01-01"), inv(2, "2026-05-01", 1000, issued="2026-04-01")]
    allocations, paid = allocate(invoices, [pay(10, "2026-03-01", 1500)])
    assert spread(allocations) == {(10, 1): 1000, (10, 2): 500}  # 500 of credit reaches invoice 2 on 1 April
    assert [a.paid_on for a in allocations] == [date(2026, 3, 1), date(2026, 4, 1)]
    assert paid == {1: date(2026, 3, 1), 2: None}


def test_a_year_paid_ahead_settles_each_invoice_when_it_is_issued() -> None:
    """收到明远贸易明年全年服务费12000 on 2026-12-20, before next year's monthly invoices of 1,000 exist."""
    invoices = [inv(m, f"2027-{m:02d}-15", 1000_00, issued=f"2027-{m:02d}-01") for m in range(1, 13)]
    allocations, paid = allocate(invoices, [pay(10, "2026-12-20", 12000_00)])
    assert spread(allocations) == {(10, m): 1000_00 for m in range(1, 13)}
    assert paid == {m: date(2027, m, 1) for m in range(1, 13)}  # paid the day each is issued, never overdue


def test_credit_goes_to_the_oldest_due_date_first_among_invoices_issued_the_same_day() -> None:
    invoices = [inv(1, "2026-06-30", 800, issued="2026-04-01"), inv(2, "2026-05-15", 800, issued="2026-04-01"),
                inv(3, "2026-05-01", 800, issued="2026-04-02")]
    allocations, paid = allocate(invoices, [pay(10, "2026-03-01", 1000)])
    assert spread(allocations) == {(10, 2): 800, (10, 1): 200}  # the 2 April invoice comes a day too late
    assert paid == {1: None, 2: date(2026, 4, 1), 3: None}


def test_older_credit_is_used_first_and_a_later_payment_pays_what_credit_left_open() -> None:
    invoices = [inv(1, "2026-05-01", 1000, issued="2026-04-01")]
    payments = [pay(10, "2026-01-10", 300), pay(11, "2026-02-10", 300), pay(12, "2026-04-10", 1000)]
    allocations, paid = allocate(invoices, payments)
    assert spread(allocations) == {(10, 1): 300, (11, 1): 300, (12, 1): 400}
    assert [a.paid_on for a in allocations] == [date(2026, 4, 1), date(2026, 4, 1), date(2026, 4, 10)]
    assert paid[1] == date(2026, 4, 10)


def test_credit_is_applied_before_a_payment_dated_the_issue_day() -> None:
    invoices = [inv(1, "2026-05-01", 1000, issued="2026-04-01")]
    allocations, _ = allocate(invoices, [pay(10, "2026-03-01", 600), pay(11, "2026-04-01", 1000)])
    assert spread(allocations) == {(10, 1): 600, (11, 1): 400}  # 600 of payment 11 stays credit


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
