"""The answers semantics.md asks for, computed by hand from a generated firm's raw rows (raw.py): breakdowns, shares,
trends, the summary beside the previous period, the staff board, health scores and value segments.

A metric's rows are (client_id, staff_id of the row or None, day, service, a, b) as semantics.md's table defines
them; a breakdown groups them by the client's attribute of today (or the row's staff member / service / aging
bucket), keeps non-zero groups, sorts by value (largest first) then label, and shares are value ÷ total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from tests.domain.metrics.raw import NONE, SERVICE, Firm, cents_of, fraction

FLOWS = {"invoiced", "collected", "signed", "new_clients", "service_hours", "service_cost", "profit",
         "collection_rate"}
ACTIVE = ("active",)
STATUSES = {"clients": ACTIVE, "new_clients": ("active", "churned")}
Row = tuple[int, int | None, date | None, str | None, int, int]


def rows(firm: Firm, metric: str, start: date, end: date, min_days: int = 0) -> Iterator[Row]:
    """The rows of `metric` for the period [start, end] (flows; stocks are as of today)."""
    raw, today = firm.raw, firm.today
    flow_end = min(end, today) if start <= today else end
    flow_end = month_end(flow_end) if metric == "collection_rate" else flow_end
    inside = lambda d: start <= d <= flow_end  # noqa: E731
    if metric in ("invoiced", "profit"):
        for _id, client, contract, issued, _due, amount, _no in raw.invoices:
            if inside(issued):
                service = raw.contracts[contract][1] if contract else None
                yield client, None, issued, service, amount, 0
    if metric in ("service_hours", "service_cost", "profit"):
        for client, staff, day, centi in raw.logs:
            if inside(day):
                cost = centi * raw.staff[staff][3]
                a, b = {"service_hours": (centi, 0), "service_cost": (cost, 0), "profit": (0, cost)}[metric]
                yield client, staff, day, None, a, b
    if metric == "collected":
        yield from ((p[1], None, p[2], None, p[3], 0) for p in raw.payments if inside(p[2]) and p[2] <= today)
    if metric == "signed":
        yield from ((c, None, d, svc, amt, 0) for c, svc, amt, d in raw.contracts.values() if inside(d))
    if metric == "new_clients":
        yield from ((c, None, r["signed_on"], None, 1, 0) for c, r in raw.clients.items()
                    if r["signed_on"] and inside(r["signed_on"]))
    if metric == "collection_rate":
        for invoice in raw.invoices:
            if inside(invoice[4]):
                yield invoice[1], None, invoice[4], None, invoice[5], firm.paid_by[invoice[0]]
    if metric == "lifetime_revenue":
        yield from ((i[1], None, i[3], None, i[5], 0) for i in raw.invoices if i[3] <= today)
    if metric == "receivable_balance":
        yield from ((i[1], None, i[4], None, firm.outstanding(i), 0) for i in raw.invoices
                    if i[3] <= today and firm.outstanding(i) > 0)
    if metric in ("overdue_amount", "overdue_clients"):
        yield from ((i[1], None, i[4], None, firm.outstanding(i), 0) for i in firm.overdue_invoices()
                    if (today - i[4]).days > min_days)
    if metric == "clients":
        yield from ((c, None, None, None, 1, 0) for c in raw.clients)
    if metric == "late_documents":
        yield from ((c, None, d, None, 1, 0) for c, d, status in raw.docs if status == "pending" and d < today)


def month_end(day: date) -> date:
    """A month's collection rate is of the invoices due in the whole month (semantics.md)."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def finish(metric: str, a: int | Decimal, b: int | Decimal) -> object:
    if metric in ("new_clients", "clients", "late_documents", "overdue_clients"):
        return int(a)
    if metric == "service_hours":
        return float(Decimal(a).scaleb(-2))
    if metric == "service_cost":
        return float(Decimal(cents_of(a)).scaleb(-2))
    if metric == "profit":
        return float(Decimal(int(a) - cents_of(b)).scaleb(-2))
    if metric == "collection_rate":
        return fraction(b, a)
    return float(Decimal(a).scaleb(-2))


def aging(firm: Firm, due: date) -> str:
    days = (firm.today - due).days
    return "1-30" if days <= 30 else "31-60" if days <= 60 else "61-90" if days <= 90 else "90+"


def _group(firm: Firm, metric: str, dimension: str, row: Row) -> str:
    client, staff, day, service, _a, _b = row
    if dimension == "owner" and metric in ("service_hours", "service_cost"):
        return firm.name(staff)  # type: ignore[arg-type]
    if dimension == "service_type":
        return SERVICE.get(service or "", NONE)
    if dimension == "aging":
        return aging(firm, day)  # type: ignore[arg-type]
    return firm.label(client, dimension)


def _in_scope(firm: Firm, metric: str, scope: set[int] | None, client: int) -> bool:
    statuses = STATUSES.get(metric)
    return (scope is None or client in scope) and (statuses is None or firm.raw.clients[client]["status"] in statuses)


def breakdown(firm: Firm, metric: str, dimension: str, start: date, end: date, scope: set[int] | None = None,
              share: bool = False, min_days: int = 0) -> tuple[list[dict], object]:
    sums: dict[str, list] = defaultdict(lambda: [0, 0, set()])
    all_a, all_b, every = 0, 0, set()
    for row in rows(firm, metric, start, end, min_days):
        if not _in_scope(firm, metric, scope, row[0]):
            continue
        g = sums[_group(firm, metric, dimension, row)]
        g[0], g[1] = g[0] + row[4], g[1] + row[5]
        g[2].add(row[0])
        all_a, all_b = all_a + row[4], all_b + row[5]
        every.add(row[0])
    if metric == "overdue_clients":  # a count of distinct clients, per group and overall
        sums = defaultdict(list, {k: [len(v[2]), 0, v[2]] for k, v in sums.items()})
        all_a = len(every)
    items = [{"group": k, "value": finish(metric, a, b)} for k, (a, b, _) in sums.items()]
    items = [i for i in items if i["value"] not in (None, 0)]
    items.sort(key=lambda i: (-Decimal(str(i["value"])), i["group"]))
    total = finish(metric, all_a, all_b)
    if share:
        for item in items:
            item["share"] = fraction(Decimal(str(item["value"])), Decimal(str(total)))
    return items, total


def months(start: date, end: date, grain: str = "month") -> list[str]:
    out, d = [], start.replace(day=1)
    while d <= end:
        label = f"{d.year:04d}-{d.month:02d}" if grain == "month" else f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if label not in out:
            out.append(label)
        d = (d + timedelta(days=32)).replace(day=1)
    return out


def trend(firm: Firm, metric: str, start: date, end: date, grain: str = "month",
          scope: set[int] | None = None) -> tuple[list[dict], object]:
    sums = {label: [0, 0] for label in months(start, end, grain)}
    all_a = all_b = 0
    for client, _s, day, _svc, a, b in rows(firm, metric, start, end):
        if _in_scope(firm, metric, scope, client):
            sums[months(day, day, grain)[0]][0] += a  # type: ignore[arg-type]
            sums[months(day, day, grain)[0]][1] += b  # type: ignore[arg-type]
            all_a, all_b = all_a + a, all_b + b
    return [{"period": k, "value": finish(metric, a, b)} for k, (a, b) in sums.items()], finish(metric, all_a, all_b)


def total(firm: Firm, metric: str, start: date, end: date, scope: set[int] | None = None) -> object:
    a = b = 0
    clients = set()
    for row in rows(firm, metric, start, end):
        if _in_scope(firm, metric, scope, row[0]):
            a, b = a + row[4], b + row[5]
            clients.add(row[0])
    return len(clients) if metric == "overdue_clients" else finish(metric, a, b)


def change(now: object, before: object) -> float | None:
    if now is None or before is None or Decimal(str(before)) == 0:
        return None
    return fraction(Decimal(str(now)) - Decimal(str(before)), abs(Decimal(str(before))))


def board(firm: Firm, start: date, end: date, staff_ids: set[int]) -> list[dict]:
    raw, out = firm.raw, []
    for sid in staff_ids:
        owned = {c for c, r in raw.clients.items() if r["owner"] == sid}
        hours = sum(r[4] for r in rows(firm, "service_hours", start, end) if r[1] == sid)
        if not owned and not hours:
            continue
        out.append({"staff": firm.name(sid), "clients": sum(1 for c in owned if raw.clients[c]["status"] == "active"),
                    "collected": total(firm, "collected", start, end, owned),
                    "invoiced": total(firm, "invoiced", start, end, owned),
                    "overdue_amount": total(firm, "overdue_amount", start, end, owned),
                    "late_documents": total(firm, "late_documents", start, end, owned),
                    "service_hours": finish("service_hours", hours, 0)})
    return sorted(out, key=lambda r: (-r["collected"], r["staff"]))


def health(firm: Firm, client: int) -> int:
    raw, today = firm.raw, firm.today
    year_ago = today - timedelta(days=365)
    penalty = {"A": 0, "B": 10, "C": 25, "D": 40, "N/A": 0}[firm.rating(client)]
    penalty += 10 if any(i[1] == client for i in firm.overdue_invoices()) else 0
    penalty += min(15, 5 * sum(1 for c, d, s in raw.docs if c == client and s == "pending" and d < today))
    last = raw.contacts.get(client)
    days = (today - last).days if last else None
    penalty += 15 if days is None or days > 180 else 10 if days > 90 else 0
    penalty += min(20, 10 * negative(firm, client))
    revenue = revenue_of(firm, client)
    cost = cents_of(sum(r[5] for r in rows(firm, "profit", year_ago, today) if r[0] == client))
    margin = None if revenue == 0 else Decimal(revenue - cost) / revenue
    penalty += 0 if margin is None else 15 if margin < 0 else 5 if margin < Decimal("0.2") else 0
    return max(0, 100 - penalty)


def negative(firm: Firm, client: int) -> int:
    year_ago = firm.today - timedelta(days=365)
    return sum(1 for c, d, s in firm.raw.feedback if c == client and s <= 2 and year_ago <= d <= firm.today)


def revenue_of(firm: Firm, client: int) -> int:
    year_ago = firm.today - timedelta(days=365)
    return sum(i[5] for i in firm.raw.invoices if i[1] == client and year_ago <= i[3] <= firm.today)


def segments(firm: Firm, scope: set[int]) -> dict[str, str]:
    active = [c for c, r in firm.raw.clients.items() if r["status"] == "active" and revenue_of(firm, c) > 0]
    middle = median(revenue_of(firm, c) for c in active)
    out = {}
    for c in active:
        if c not in scope:
            continue
        signed = firm.raw.clients[c]["signed_on"]
        loyal = signed is not None and (firm.today - signed).days >= 730 and negative(firm, c) == 0
        value = "high_value" if revenue_of(firm, c) >= middle else "low_value"
        out[firm.raw.clients[c]["name"]] = f"{value}_{'high' if loyal else 'low'}_loyalty"
    return out
