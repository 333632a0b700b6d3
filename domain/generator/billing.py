"""A client's contracts, invoices and payments, simulated from its traits.

Contracts: yearly renewals of the main service (代理记账 or 税务申报) over about three years, plus audits,
registration, consulting and tax planning; churned clients stop (sometimes with a terminated contract),
and some contracts due to end soon are renewed ahead of time. Invoices follow each contract's billing
cycle over the last 24 months. Payments follow the client's payer profile: good payers pay on time,
slow payers 1–2 months late, bad payers stop paying at some point (overdue 30/60/90+ days, partial
payments); a few payments name no invoice and a few overpay.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.generator.calendar_math import add_months
from domain.generator.clients import ClientPlan
from domain.generator.vocab import PAYMENT_METHOD_WEIGHTS, PAYMENT_METHODS

_PERIODS = {"monthly": (12, 1), "quarterly": (4, 3), "yearly": (1, 12), "once": (1, 0)}
_METHODS = tuple(m for m, w in zip(PAYMENT_METHODS, PAYMENT_METHOD_WEIGHTS, strict=True) for _ in range(w))
CONTRACT_YEARS = 3
INVOICE_DAYS = 730


@dataclass(slots=True)
class ContractPlan:
    no: str
    service: str
    start: date
    end: date
    amount_cents: int
    cycle: str
    signed_on: date
    auto_renew: bool = False
    terminated_on: date | None = None
    periods: int = 0  # number of invoices the amount is split into (0: from the cycle)


@dataclass(slots=True)
class InvoicePlan:
    no: str
    contract_no: str
    issued: date
    due: date
    amount_cents: int


@dataclass(slots=True)
class PaymentPlan:
    invoice_no: str | None
    paid_on: date
    amount_cents: int
    method: str
    reference: str | None


@dataclass(slots=True)
class Ledger:
    contracts: list[ContractPlan] = field(default_factory=list)
    invoices: list[InvoicePlan] = field(default_factory=list)
    payments: list[PaymentPlan] = field(default_factory=list)


def ledger(client: ClientPlan, today: date, contract_rng: random.Random,
           payment_rng: random.Random | None = None, *, invoices: bool = True) -> Ledger:
    """Everything billed to and paid by one client (deterministic for the given rng states).

    Contracts draw only from `contract_rng` and invoices follow from them without randomness, so a
    sheet that needs only contracts (`invoices=False`) or invoices (no `payment_rng`) skips the rest.
    """
    book = Ledger()
    if client.signed_on is None:
        return book
    book.contracts = _main_contracts(client, today, contract_rng) + _extra_contracts(client, today, contract_rng)
    for k, contract in enumerate(book.contracts):
        contract.no = f"HT{client.idx:06d}{k:02d}"
    if not invoices:
        return book
    book.invoices = _invoices(client, book.contracts, today)
    if payment_rng is not None:
        book.payments = _payments(client, book.invoices, today, payment_rng)
    return book


def _next_year(d: date) -> date:
    return add_months(d, 12)


def _yearly_starts(signed_on: date, horizon: date, limit: date) -> list[date]:
    """Anniversaries of `signed_on` up to `limit` whose one-year term ends on or after `horizon`."""
    years = max(0, horizon.year - signed_on.year - 1)
    starts = [add_months(signed_on, 12 * years)]
    if _next_year(starts[0]) - timedelta(days=1) < horizon and _next_year(starts[0]) <= limit:
        starts[0] = _next_year(starts[0])
    while _next_year(starts[-1]) <= limit:
        starts.append(_next_year(starts[-1]))
    return starts


def _main_contracts(c: ClientPlan, today: date, rng: random.Random) -> list[ContractPlan]:
    """Yearly renewals of the main service, within the last CONTRACT_YEARS years."""
    assert c.signed_on is not None
    horizon = today - timedelta(days=CONTRACT_YEARS * 365)
    starts = _yearly_starts(c.signed_on, horizon, c.churned_on or today)
    fees = [c.monthly_fee_cents]
    for _ in starts[1:]:
        fees.append(max(10000, fees[-1] - rng.choice((0, 0, 0, 5000, 10000))))
    fees.reverse()
    contracts = []
    for start, fee in zip(starts, fees, strict=True):
        signed = start if start == c.signed_on else start - timedelta(days=rng.randint(1, 25))
        contracts.append(ContractPlan("", c.main_service, start, _next_year(start) - timedelta(days=1),
                                      fee * 12, c.cycle, signed, auto_renew=rng.random() < 0.3))
    last = contracts[-1]
    if c.churned_on is not None:
        if rng.random() < 0.6:
            last.terminated_on = c.churned_on
    elif (last.end - today).days <= 75 and rng.random() < 0.45:
        start = last.end + timedelta(days=1)
        signed = min(today, start - timedelta(days=1)) - timedelta(days=rng.randint(0, 20))
        contracts.append(ContractPlan("", c.main_service, start, _next_year(start) - timedelta(days=1),
                                      c.monthly_fee_cents * 12, c.cycle, signed, auto_renew=last.auto_renew))
    return contracts


def _alive(c: ClientPlan, day: date) -> bool:
    assert c.signed_on is not None
    return c.signed_on <= day and (c.churned_on is None or day < c.churned_on)


def _extra_contracts(c: ClientPlan, today: date, rng: random.Random) -> list[ContractPlan]:
    assert c.signed_on is not None
    out: list[ContractPlan] = []
    horizon = today - timedelta(days=CONTRACT_YEARS * 365)
    if "registration" in c.extras and c.signed_on >= horizon:
        out.append(ContractPlan("", "registration", c.signed_on, c.signed_on + timedelta(days=30),
                                rng.randrange(8, 31) * 10000, "once", c.signed_on))
    if "audit" in c.extras:
        for year in range(today.year - 2, today.year + 1):
            start = date(year, 3, 1) + timedelta(days=rng.randint(0, 60))
            if start <= today and _alive(c, start):
                signed = start - timedelta(days=rng.randint(5, 30))
                out.append(ContractPlan("", "audit", start, start + timedelta(days=90),
                                        rng.randrange(5, 31) * 100000, "once", signed))
    if "consulting" in c.extras:
        start = today - timedelta(days=rng.randint(30, 400))
        if _alive(c, start):
            ends = add_months(start, 6) - timedelta(days=1)
            stop = start + timedelta(days=rng.randint(30, 150))
            out.append(ContractPlan("", "consulting", start, ends, rng.randrange(2, 11) * 50000 * 6, "monthly",
                                    start, terminated_on=stop if stop <= today and rng.random() < 0.25 else None,
                                    periods=6))
    if "tax_planning" in c.extras:
        start = today - timedelta(days=rng.randint(0, 360))
        if _alive(c, start):
            signed = start - timedelta(days=rng.randint(1, 15))
            out.append(ContractPlan("", "tax_planning", start, _next_year(start) - timedelta(days=1),
                                    rng.randrange(3, 16) * 400000, "quarterly", signed))
    return out


def _invoices(c: ClientPlan, contracts: list[ContractPlan], today: date) -> list[InvoicePlan]:
    window = today - timedelta(days=INVOICE_DAYS)
    terms = timedelta(days=c.terms_days)
    out: list[InvoicePlan] = []
    for contract in contracts:
        count, step = _PERIODS[contract.cycle]
        count = contract.periods or count
        share = contract.amount_cents // count
        stop = min(d for d in (contract.terminated_on, c.churned_on, today) if d is not None)
        if contract.end < window or contract.start > stop:
            continue
        skip = (window.year - contract.start.year) * 12 + window.month - contract.start.month - 1
        for i in range(max(0, skip // step) if step else 0, count):
            issued = add_months(contract.start, i * step)
            if issued > stop:
                break
            if issued >= window:
                amount = share if i < count - 1 else contract.amount_cents - share * (count - 1)
                out.append(InvoicePlan("", contract.no, issued, issued + terms, amount))
    out.sort(key=lambda inv: (inv.issued, inv.contract_no))
    for k, inv in enumerate(out):
        inv.no = f"FP{c.idx:06d}{k:03d}"
    return out


def _payments(c: ClientPlan, invoices: list[InvoicePlan], today: date, rng: random.Random) -> list[PaymentPlan]:
    stop = today - timedelta(days=rng.randint(40, 330)) if c.payer == "bad" else None
    plans: list[tuple[date, str | None, int]] = []
    for inv in invoices:
        mode = "default" if stop is not None and inv.issued >= stop else ("slow" if c.payer == "bad" else c.payer)
        if mode == "half":  # leaves almost half its invoices unpaid, pays the rest late
            mode = "unpaid" if rng.random() < 0.45 else "slow"
        for delay, amount in _settle(mode, inv.amount_cents, c.terms_days, rng):
            named = rng.random() >= 0.08 or mode == "default"
            plans.append((inv.issued + timedelta(days=delay), inv.no if named else None, amount))
    plans.sort(key=lambda p: p[0])
    out = []
    for k, (paid_on, invoice_no, amount) in enumerate(plans):
        if paid_on > today:
            continue
        method = _METHODS[int(rng.random() * len(_METHODS))]
        reference = None if method == "现金" or rng.random() < 0.2 else f"LS{c.idx:06d}{k:04d}"
        out.append(PaymentPlan(invoice_no, paid_on, amount, method, reference))
    return out


def _settle(mode: str, amount: int, terms: int, rng: random.Random) -> list[tuple[int, int]]:
    """(days after issue, amount) of each payment towards one invoice."""
    r = rng.random()
    if mode == "unpaid":
        return []
    if mode == "good":
        if r < 0.005:  # an occasional overpayment
            return [(rng.randint(0, terms), amount + rng.choice((100, 200, 500)) * 100)]
        return [(rng.randint(0, terms) if r < 0.93 else terms + rng.randint(1, 20), amount)]
    if mode == "slow":
        late = terms + rng.randint(5, 75)
        if r < 0.05 and amount >= 20000:  # paid in two instalments
            first = amount // 200 * 100
            return [(late, first), (late + rng.randint(10, 40), amount - first)]
        return [(late, amount)]
    if r < 0.55:  # a bad payer after it stopped paying: nothing, part, or very late
        return []
    if r < 0.8 and amount >= 20000:
        part = max(10000, amount * rng.randint(3, 7) // 1000 * 100)
        return [(rng.randint(10, 60), min(part, amount - 10000))]
    return [(terms + rng.randint(30, 120), amount)]
