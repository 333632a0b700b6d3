"""Payment allocation as semantics.md words it ("Money and receivables"), written again for the tests, day by day and
without the product's code: payments in order of date then entry order; a payment that names an invoice goes to it
first; the rest to the client's open invoices issued on or before the payment date, oldest due date first (then
issue date, then invoice number); what is left is credit, applied to later invoices on their issue dates (dated the
issue date, before that day's payments), oldest due date first, oldest credit first.

`allocate(invoices, payments)` → [(invoice_id, date, cents)] for one client.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

Invoice = tuple  # (id, client_id, contract_id, issued_on, due_on, amount_cents, invoice_no)
Payment = tuple  # (id, client_id, paid_on, amount_cents, seq, invoice_id)


def allocate(invoices: list[Invoice], payments: list[Payment]) -> list[tuple[int, date, int]]:
    owed = {i[0]: i[5] for i in invoices}
    by_age = sorted(invoices, key=lambda i: (i[4], i[3], i[6]))
    credit: list[list[int]] = []  # [cents left], oldest first
    out: list[tuple[int, date, int]] = []

    def give(invoice_id: int, day: date, cents: int) -> int:
        take = min(cents, owed[invoice_id])
        if take > 0:
            owed[invoice_id] -= take
            out.append((invoice_id, day, take))
        return cents - take

    days_paid: dict[date, list[Payment]] = defaultdict(list)
    for p in payments:
        days_paid[p[2]].append(p)
    issue_days = {i[3] for i in invoices}
    for day in sorted(issue_days | set(days_paid)):
        if day in issue_days:  # credit that arose on an earlier day settles what is open by this issue day
            for inv in by_age:
                while credit and inv[3] <= day and owed[inv[0]] > 0:
                    credit[0][0] = give(inv[0], day, credit[0][0])
                    if credit[0][0] == 0:
                        credit.pop(0)
        for p in sorted(days_paid.get(day, []), key=lambda p: (p[4], p[0])):
            left = p[3]
            if p[5] is not None and p[5] in owed:
                left = give(p[5], day, left)
            for inv in by_age:
                if left > 0 and inv[3] <= day:
                    left = give(inv[0], day, left)
            if left > 0:
                credit.append([left])
    return out


def allocate_firm(invoices: list[Invoice], payments: list[Payment]) -> list[tuple[int, date, int]]:
    """Every client's allocation."""
    inv_by: dict[int, list[Invoice]] = defaultdict(list)
    pay_by: dict[int, list[Payment]] = defaultdict(list)
    for i in invoices:
        inv_by[i[1]].append(i)
    for p in payments:
        pay_by[p[1]].append(p)
    out: list[tuple[int, date, int]] = []
    for client, mine in inv_by.items():
        out += allocate(mine, pay_by.get(client, []))
    return out
