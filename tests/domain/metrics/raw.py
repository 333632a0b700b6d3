"""A generated firm's raw rows, read with plain SQL (no product code), and the figures of semantics.md computed
from them by hand in plain Python: who owns what, outstanding amounts, credit ratings, the metric rows.

Only the stored rows are read: clients, staff, contracts, invoices, payments, service logs, document requests,
interactions and feedback; payments are applied to invoices again by allocate.py (the stored allocations are read
only to be compared with it).
Amounts stay integer cents; service cost is kept exact in hundredths of a cent until a figure is rounded half up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Connection, text

from tests.domain.metrics.allocate import allocate_firm

TIER = {"vip": "VIP", "normal": "普通", "high_risk": "高风险"}
TAXPAYER = {"general": "一般纳税人", "small": "小规模纳税人"}
SERVICE = {"bookkeeping": "代理记账", "tax_filing": "税务申报", "audit": "审计", "registration": "工商注册",
           "consulting": "财务咨询", "tax_planning": "税务筹划"}
NONE = "未填"


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


@dataclass
class Raw:
    today: date
    staff: dict[int, tuple] = field(default_factory=dict)  # id → (name, role, manager_id, hourly_cost_cents)
    clients: dict[int, dict] = field(default_factory=dict)
    contracts: dict[int, tuple] = field(default_factory=dict)  # id → (client_id, service, amount, signed_on)
    invoices: list[tuple] = field(default_factory=list)  # (id, client_id, contract_id, issued, due, amount, no)
    payments: list[tuple] = field(default_factory=list)  # (id, client_id, paid_on, amount, seq, invoice_id)
    allocations: list[tuple] = field(default_factory=list)  # as stored: (invoice_id, paid_on, amount)
    logs: list[tuple] = field(default_factory=list)  # (client_id, staff_id, date, centi_hours)
    docs: list[tuple] = field(default_factory=list)  # (client_id, due_on, status)
    contacts: dict[int, date] = field(default_factory=dict)  # client_id → last interaction (≤ today)
    feedback: list[tuple] = field(default_factory=list)  # (client_id, date, score)


def load(conn: Connection, today: date) -> Raw:
    raw = Raw(today)
    q = lambda sql: conn.execute(text(sql)).all()  # noqa: E731
    raw.staff = {r[0]: (r[1], r[2], r[3], int(r[4])) for r in q(
        "SELECT id, name, role, manager_id, hourly_cost_cents FROM staff")}
    for r in q("SELECT id, name, owner_id, status, tier, industry, region, taxpayer_type, signed_on FROM client"):
        raw.clients[r[0]] = {"name": r[1], "owner": r[2], "status": r[3], "tier": r[4], "industry": r[5],
                             "region": r[6], "taxpayer": r[7], "signed_on": _day(r[8])}
    raw.contracts = {r[0]: (r[1], r[2], int(r[3]), _day(r[4])) for r in q(
        "SELECT id, client_id, service_type, amount_cents, signed_on FROM contract")}
    raw.invoices = [(r[0], r[1], r[2], _day(r[3]), _day(r[4]), int(r[5]), r[6]) for r in q(
        "SELECT id, client_id, contract_id, issued_on, due_on, amount_cents, invoice_no FROM invoice")]
    raw.payments = [(r[0], r[1], _day(r[2]), int(r[3]), int(r[4]), r[5]) for r in q(
        "SELECT id, client_id, paid_on, amount_cents, seq, invoice_id FROM payment")]
    raw.allocations = [(r[0], _day(r[1]), int(r[2])) for r in q(
        "SELECT invoice_id, paid_on, amount_cents FROM allocation")]
    raw.logs = [(r[0], r[1], _day(r[2]), int((Decimal(str(r[3])) * 100).to_integral_value(ROUND_HALF_UP)))
                for r in q("SELECT client_id, staff_id, date, hours FROM service_log")]
    raw.docs = [(r[0], _day(r[1]), r[2]) for r in q("SELECT client_id, due_on, status FROM document_request")]
    for client_id, day in q("SELECT client_id, date FROM interaction"):
        day = _day(day)
        if day <= today and day > raw.contacts.get(client_id, date.min):
            raw.contacts[client_id] = day
    raw.feedback = [(r[0], _day(r[1]), r[2]) for r in q("SELECT client_id, date, score FROM feedback")]
    return raw


def cents_of(hundredths: int | Decimal) -> int:
    """Hundredths of a cent → cents, half up."""
    return int((Decimal(hundredths) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fraction(numerator: int | Decimal, denominator: int | Decimal) -> float | None:
    if denominator == 0:
        return None
    return float((Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


class Firm:
    """Hand-computed facts of a Raw firm; outstanding amounts from the payments allocated again by allocate.py."""

    def __init__(self, raw: Raw) -> None:
        self.raw, self.today = raw, raw.today
        self.allocations = allocate_firm(raw.invoices, raw.payments)
        self.paid_by: dict[int, int] = defaultdict(int)  # invoice → allocated by today
        self.paid_on: dict[int, date] = {}
        amount = {inv[0]: inv[5] for inv in raw.invoices}
        for invoice_id, day, cents in sorted(self.allocations, key=lambda a: a[1]):
            if day <= self.today:
                self.paid_by[invoice_id] += cents
                if self.paid_by[invoice_id] >= amount[invoice_id] and invoice_id not in self.paid_on:
                    self.paid_on[invoice_id] = day

    # — who —
    def name(self, staff_id: int) -> str:
        return self.raw.staff[staff_id][0]

    def owner(self, client_id: int) -> str:
        return self.name(self.raw.clients[client_id]["owner"])

    def team(self, client_id: int) -> str:
        name, role, manager_id, _ = self.raw.staff[self.raw.clients[client_id]["owner"]]
        if role in ("manager", "admin"):
            return name
        return self.name(manager_id) if manager_id is not None else "无团队"

    def sees(self, staff_id: int) -> set[int]:
        """The clients a staff member may see (who sees what)."""
        role = self.raw.staff[staff_id][1]
        if role == "admin":
            return set(self.raw.clients)
        team = {staff_id}
        if role == "manager":
            grew = True
            while grew:
                more = {s for s, row in self.raw.staff.items() if row[2] in team} - team
                grew, team = bool(more), team | more
        return {c for c, row in self.raw.clients.items() if row["owner"] in team}

    def label(self, client_id: int, dimension: str) -> str:
        c = self.raw.clients[client_id]
        if dimension == "owner":
            return self.owner(client_id)
        if dimension == "team":
            return self.team(client_id)
        if dimension == "tier":
            return TIER.get(c["tier"], NONE)
        if dimension == "taxpayer_type":
            return TAXPAYER.get(c["taxpayer"] or "", NONE)
        if dimension == "credit_rating":
            return self.rating(client_id)
        return c[dimension] or NONE  # industry, region

    # — receivables —
    def outstanding(self, invoice: tuple) -> int:
        return invoice[5] - self.paid_by[invoice[0]]

    def overdue_invoices(self) -> list[tuple]:
        return [i for i in self.raw.invoices if self.outstanding(i) > 0 and i[4] < self.today]

    def rating(self, client_id: int) -> str:
        overdue = [(self.today - i[4]).days for i in self.overdue_invoices() if i[1] == client_id]
        worst = max(overdue, default=0)
        year_ago = self.today - timedelta(days=365)
        recent = [i for i in self.raw.invoices if i[1] == client_id and year_ago <= i[4] < self.today]
        if worst > 90:
            return "D"
        if not recent:
            return "N/A" if worst == 0 else "C" if worst > 30 else "B"
        on_time = sum(1 for i in recent if i[0] in self.paid_on and self.paid_on[i[0]] <= i[4]) / len(recent)
        if worst > 30 or on_time < 0.6:
            return "C"
        return "B" if worst > 0 or on_time < 0.9 else "A"
