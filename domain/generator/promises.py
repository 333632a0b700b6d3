"""What staff record beyond the ledger: a few disputed invoices (异议), the day each received document came in
(提交日期), and promises to pay (承诺付款) from clients with overdue invoices (import-format.md's optional columns
and sheet). Each draw comes from its own random stream keyed by the row, so the other sheets are unchanged."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from domain.generator.billing import Ledger
from domain.generator.clients import ClientPlan

DISPUTE_NOTES = ("金额与合同不符", "服务期间有争议", "客户称已付款，待核对流水", "发票抬头有误，待重开", None)


def dispute(seed: int, invoice_no: str, payer: str) -> tuple[bool, str | None]:
    """About one invoice in 40 of a slow or bad payer is disputed."""
    if payer == "good":
        return False, None
    rng = random.Random(f"{seed}:dispute:{invoice_no}")
    if rng.random() >= 0.025:
        return False, None
    return True, rng.choice(DISPUTE_NOTES)


def received_on(seed: int, client_idx: int, period: str, item: str, due: date, today: date) -> date:
    """A received document came in up to three weeks before its due date (or a few days late), never after today."""
    rng = random.Random(f"{seed}:received:{client_idx}:{period}:{item}")
    return min(today, due + timedelta(days=rng.randint(-21, 4)))


def promises(seed: int, client: ClientPlan, book: Ledger, today: date) -> list[tuple[date, date, int | None, str]]:
    """(made on, promised by, amount in cents or None, status word) of a client that owes overdue money: a third of
    them promised lately; some of those had an older promise, since broken or kept."""
    paid: dict[str | None, int] = defaultdict(int)
    for payment in book.payments:
        paid[payment.invoice_no] += payment.amount_cents
    owed = [(inv.due, inv.amount_cents - paid[inv.no]) for inv in book.invoices
            if inv.due < today - timedelta(days=10) and paid[inv.no] < inv.amount_cents]
    if not owed:
        return []
    rng = random.Random(f"{seed}:promise:{client.idx}")
    if rng.random() >= 0.33:
        return []
    made = today - timedelta(days=rng.randint(1, 12))
    amount = min(sum(a for _, a in owed), max(a for _, a in owed)) // 100 * 100 or None
    rows = [(made, made + timedelta(days=rng.randint(5, 25)), amount if rng.random() < 0.7 else None, "待兑现")]
    if rng.random() < 0.3:
        older = made - timedelta(days=rng.randint(30, 60))
        rows.insert(0, (older, older + timedelta(days=14), None, "已违约" if rng.random() < 0.6 else "已兑现"))
    return rows
