"""Answers a typed `Query` with the facts, limited to what the `Viewer` may see (in SQL).

`execute(session, viewer, query, today)` returns a `Result` whose `items` keys are the contract of the
renderer and of `ask --json` (cli.md). Defaults where the question named none: collected / invoiced /
signed this month up to today; due soon the next 7 days; expiring the next 30 days; rankings over the
trailing 12 months; not contacted 90 days; negative feedback the last 90 days; months = this month.
A client contact gets only `my_invoices`, `my_documents` and `tax_deadline`; staff get everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from domain.facts import notes
from domain.facts import receivables as rec
from domain.facts.clients import client_count, clients_by_attribute, negative_feedback, not_contacted
from domain.facts.common import month_bounds, month_of, month_to_date, trailing_year
from domain.facts.contracts import expiring, signed_contracts
from domain.facts.credit import credit_ratings
from domain.facts.documents import MissingDocuments, missing_documents, pending_for_client
from domain.facts.holds import disputed_clients
from domain.facts.profile import client_profile
from domain.facts.profitability import ranking
from domain.facts.staff import staff_client_count, staff_name, staff_ranking
from domain.facts.taxes import tax_filers
from domain.metrics.answers import HANDLERS as METRIC_HANDLERS
from domain.metrics.compile import total as metric_total
from domain.metrics.compile import window_for
from domain.metrics.definitions import METRICS
from domain.queries import Intent, Query, Result
from domain.scope import Viewer, with_teams

CONTACT_INTENTS = frozenset({Intent.my_invoices, Intent.my_documents, Intent.tax_deadline})
CONTACT_ONLY = frozenset({Intent.my_invoices, Intent.my_documents})


@dataclass(frozen=True)
class Ask:
    session: Session
    viewer: Viewer
    query: Query
    today: date
    tax_calendar_dir: Path | None = None

    def window(self, default: tuple[date, date]) -> tuple[date, date]:
        w = self.query.window
        return (w.start, w.end) if w is not None else default

    def window_note(self, start: date, end: date) -> str:
        return notes.window(start, end, self.query.window.label if self.query.window else "")

    def result(self, items: list[dict[str, Any]] | None = None, value: Any = None, *texts: str) -> Result:
        # Built from typed facts: constructing without re-validating keeps 10,000-row answers cheap.
        return Result.model_construct(intent=self.query.intent, items=items or [], value=value, notes=list(texts),
                                      query=self.query)


def execute(session: Session, viewer: Viewer, query: Query, today: date, *,
            tax_calendar_dir: Path | None = None) -> Result:
    """The answer to `query` as of `today`, limited to what `viewer` may see."""
    ask = Ask(session, viewer, with_teams(session, query), today, tax_calendar_dir)
    handler = HANDLERS.get(query.intent)
    allowed = query.intent in CONTACT_INTENTS if viewer.is_contact else query.intent not in CONTACT_ONLY
    if handler is None or not allowed:
        return ask.result()
    return handler(ask)


def pick(row: object, *keys: str) -> dict[str, Any]:
    """The contract keys of a fact row (at least two keys), as an item. For answers of a few rows; the list
    families write their items out (several times faster per row, for lists of thousands)."""
    return dict(zip(keys, attrgetter(*keys)(row), strict=True))


def total(items: list[dict[str, Any]], key: str) -> Decimal:
    return sum((item[key] for item in items), Decimal("0.00"))


# Receivables ---------------------------------------------------------------------------------------------

def _overdue_rows(ask: Ask) -> list[rec.OverdueClient]:
    q = ask.query
    return rec.overdue_clients(ask.session, ask.viewer, ask.today, clients=q.clients,
                               min_days_overdue=q.min_days_overdue, min_amount=q.min_amount)


def overdue_clients(ask: Ask) -> Result:
    rows = _overdue_rows(ask)
    disputed = disputed_clients(ask.session, [r.client_id for r in rows], ask.today)
    items = [{"client": r.client, "owner": r.owner, "overdue_amount": r.overdue_amount,
              "max_days_overdue": r.max_days_overdue, "overdue_invoices": r.overdue_invoices,
              **({"disputed": True} if r.client_id in disputed else {})}  # 有异议: marked, still counted
             for r in rows]
    return ask.result(items, total(items, "overdue_amount"), notes.OVERDUE, notes.ALL_STATUSES)


def overdue_total(ask: Ask) -> Result:
    buckets = [pick(b, "bucket", "amount", "invoices")
               for b in rec.aging(ask.session, ask.viewer, ask.today, clients=ask.query.clients)]
    if ask.query.min_amount is not None:
        value = sum((row.overdue_amount for row in _overdue_rows(ask)), Decimal("0.00"))
    elif ask.query.min_days_overdue is not None:  # "逾期60天以上的金额": only the invoices past the threshold
        window = window_for(METRICS["overdue_amount"], ask.today, ask.today, ask.today, ask.query.min_days_overdue)
        value = metric_total(ask.session, "overdue_amount", window, ask.viewer, ask.query.clients)
    else:
        value = total(buckets, "amount")
    return ask.result(buckets, value, notes.OVERDUE, notes.ALL_STATUSES)


def overdue_count(ask: Ask) -> Result:
    q = ask.query
    value = rec.overdue_client_count(ask.session, ask.viewer, ask.today, clients=q.clients,
                                     min_days_overdue=q.min_days_overdue, min_amount=q.min_amount)
    return ask.result([], value, notes.OVERDUE, notes.ALL_STATUSES)


def aging(ask: Ask) -> Result:
    buckets = [pick(b, "bucket", "amount", "invoices")
               for b in rec.aging(ask.session, ask.viewer, ask.today, clients=ask.query.clients)]
    return ask.result(buckets, total(buckets, "amount"), notes.OVERDUE, notes.AGING)


def receivable_balance(ask: Ask) -> Result:
    value = rec.receivable_balance(ask.session, ask.viewer, ask.today, clients=ask.query.clients)
    return ask.result([], value, notes.BALANCE, notes.ALL_STATUSES)


def top_debtors(ask: Ask) -> Result:
    rows = rec.top_debtors(ask.session, ask.viewer, ask.today, clients=ask.query.clients,
                           limit=ask.query.limit or 10)
    return ask.result([pick(r, "client", "owner", "balance", "overdue_amount") for r in rows], None,
                      notes.BALANCE, notes.ALL_STATUSES)


def invoices_due_soon(ask: Ask) -> Result:
    start, end = ask.window((ask.today, ask.today + timedelta(days=7)))
    rows = rec.due_soon(ask.session, ask.viewer, ask.today, start, end, clients=ask.query.clients)
    items = [{"invoice_no": r.invoice_no, "client": r.client, "due_on": r.due_on, "outstanding": r.outstanding}
             for r in rows]
    return ask.result(items, total(items, "outstanding"), notes.DUE_SOON, ask.window_note(max(start, ask.today), end))


def _period_sum(fact: Callable[..., Decimal], note: str) -> Callable[[Ask], Result]:
    def handler(ask: Ask) -> Result:
        start, end = ask.window(month_to_date(ask.today))
        value = fact(ask.session, ask.viewer, ask.today, start, end, clients=ask.query.clients)
        return ask.result([], value, note, ask.window_note(start, end))

    return handler


def collection_rate(ask: Ask) -> Result:
    month = ask.query.month or month_of(ask.today)
    rate = rec.collection_rate(ask.session, ask.viewer, ask.today, *month_bounds(month), clients=ask.query.clients)
    items = [{"month": month, "due_amount": rate.due_amount, "collected_amount": rate.collected_amount}]
    return ask.result(items, rate.rate, notes.COLLECTION_RATE)


# Contracts, documents ------------------------------------------------------------------------------------

def signed(ask: Ask) -> Result:
    """签约额 of a window (default this month to today), with the contracts signed in it as the items."""
    start, end = ask.window(month_to_date(ask.today))
    rows = signed_contracts(ask.session, ask.viewer, start, end, clients=ask.query.clients)
    items = [{"contract_no": r.contract_no, "client": r.client, "service_type": r.service_type,
              "signed_date": r.signed_on, "amount": r.amount, "owner": r.owner} for r in rows]
    total = sum((r.amount for r in rows), Decimal("0.00"))
    return ask.result(items, total, notes.SIGNED, ask.window_note(start, end))


def contracts_expiring(ask: Ask) -> Result:
    start, end = ask.window((ask.today, ask.today + timedelta(days=30)))
    rows = expiring(ask.session, ask.viewer, ask.today, start, end, clients=ask.query.clients,
                    service_type=ask.query.service_type)
    items = [{"contract_no": r.contract_no, "client": r.client, "service_type": r.service_type, "end_on": r.end_on,
              "amount": r.amount, "owner": r.owner} for r in rows]
    return ask.result(items, len(items), notes.EXPIRING, ask.window_note(max(start, ask.today), end))


def documents_missing(ask: Ask) -> Result:
    q = ask.query
    rows = missing_documents(ask.session, ask.viewer, ask.today, clients=q.clients, late_only=q.late_only,
                             period=q.month)
    items = [_missing_item(r, ask.today, with_period=q.month is None) for r in rows]
    return ask.result(items, len(items), notes.DOCUMENTS)


def _missing_item(r: MissingDocuments, today: date, *, with_period: bool) -> dict[str, Any]:
    missing, late, top, earliest = r.summary(today, with_period)
    return {"client": r.client, "owner": r.owner, "missing": missing, "missing_count": len(missing),
            "late_count": late, "max_chase_count": top, "earliest_due": earliest}


# Clients -------------------------------------------------------------------------------------------------

def profile(ask: Ask) -> Result:
    ids = ask.query.clients.client_ids or []
    card = client_profile(ask.session, ask.viewer, ask.today, ids[0]) if ids else None
    if card is None:
        return ask.result()
    return ask.result([card], None, notes.CREDIT, notes.HEALTH)


def _ranked(metric: str) -> Callable[[Ask], Result]:
    def handler(ask: Ask) -> Result:
        start, end = ask.window(trailing_year(ask.today))
        rows = ranking(ask.session, ask.viewer, ask.today, start, end, metric,  # type: ignore[arg-type]
                       clients=ask.query.clients, limit=ask.query.limit or 10, ascending=ask.query.ascending)
        items = [pick(r, "client", "owner", "revenue", "cost", "profit", "margin") for r in rows]
        period = ask.window_note(start, end) if ask.query.window else notes.trailing_year(start, end)
        return ask.result(items, None, notes.REVENUE, notes.RANKED_REVENUE, period)

    return handler


def by_attribute(ask: Ask) -> Result:
    rows = clients_by_attribute(ask.session, ask.viewer, clients=ask.query.clients)
    items = [{"client": r.client, "owner": r.owner, "region": r.region, "industry": r.industry, "tier": r.tier,
              "taxpayer_type": r.taxpayer_type, "tags": r.tags} for r in rows]
    return ask.result(items, len(items), _status_note(ask))


def count(ask: Ask) -> Result:
    return ask.result([], client_count(ask.session, ask.viewer, clients=ask.query.clients), _status_note(ask))


def _status_note(ask: Ask) -> str:
    statuses = ask.query.clients.statuses
    return notes.ACTIVE_ONLY if statuses is None else notes.statuses([str(s) for s in statuses])


def by_credit(ask: Ask) -> Result:
    rows = credit_ratings(ask.session, ask.viewer, ask.today, clients=ask.query.clients,
                          rating=ask.query.credit_rating)
    items = [{"client": r.client, "owner": r.owner, "rating": r.rating, "max_days_overdue": r.max_days_overdue,
              "on_time_ratio": r.on_time_ratio} for r in rows]
    return ask.result(items, len(items), notes.CREDIT, notes.ALL_STATUSES)


def not_contacted_clients(ask: Ask) -> Result:
    days = ask.query.days if ask.query.days is not None else 90
    rows = not_contacted(ask.session, ask.viewer, ask.today, days, clients=ask.query.clients)
    items = [{"client": r.client, "owner": r.owner, "last_contact": r.last_contact, "days_since": r.days_since}
             for r in rows]
    return ask.result(items, len(items), notes.not_contacted(days))


def complaints(ask: Ask) -> Result:
    days = ask.query.days if ask.query.days is not None else 90
    start, end = ask.window((ask.today - timedelta(days=days), ask.today))
    rows = negative_feedback(ask.session, ask.viewer, start, end, clients=ask.query.clients)
    items = [{"client": r.client, "date": r.date, "score": r.score, "comment": r.comment} for r in rows]
    return ask.result(items, len({r.client_id for r in rows}), notes.NEGATIVE, ask.window_note(start, end))


# Staff, taxes, a contact's own ---------------------------------------------------------------------------

def staff_count(ask: Ask) -> Result:
    staff_id = ask.query.staff_id if ask.query.staff_id is not None else ask.viewer.staff_id
    if staff_id is None:
        return ask.result()
    n = staff_client_count(ask.session, ask.viewer, staff_id, clients=ask.query.clients)
    if n is None:
        return ask.result([], None, notes.NOT_VISIBLE)
    return ask.result([{"staff": staff_name(ask.session, staff_id), "clients": n}], n, notes.ACTIVE_ONLY)


def staff_rank(ask: Ask) -> Result:
    metric = ask.query.metric or "collected"
    default = trailing_year(ask.today) if metric == "revenue" else month_to_date(ask.today)
    start, end = ask.window(default)
    rows = staff_ranking(ask.session, ask.viewer, ask.today, metric, start, end, clients=ask.query.clients,
                         limit=ask.query.limit or 10, ascending=ask.query.ascending)
    used = {"collected": notes.COLLECTED, "revenue": notes.INVOICED, "clients": notes.ACTIVE_ONLY,
            "overdue_amount": notes.OVERDUE}[metric]
    extra = [ask.window_note(start, end)] if metric in ("collected", "revenue") else []
    return ask.result([pick(r, "staff", "value") for r in rows], rows[0].staff if rows else None, used, *extra)


def tax_deadline(ask: Ask) -> Result:
    from domain.calendar import filing_deadline  # the filing calendar (domain/calendar.py)

    month = ask.query.month or month_of(ask.today)
    found = filing_deadline(int(month[:4]), int(month[5:]), extra_dir=ask.tax_calendar_dir)
    items = [{"month": month, "deadline": found.deadline, "source": found.source}]
    return ask.result(items, found.deadline.isoformat(), notes.TAX_DEADLINE)


def filers(ask: Ask) -> Result:
    month = ask.query.month or month_of(ask.today)
    rows = tax_filers(ask.session, ask.viewer, month, tax=ask.query.tax, clients=ask.query.clients)
    items = [{"client": r.client, "owner": r.owner, "tax": r.tax, "frequency": r.frequency} for r in rows]
    return ask.result(items, len({r.client_id for r in rows}), notes.TAX_FILERS)


def my_invoices(ask: Ask) -> Result:
    rows = rec.open_invoices(ask.session, ask.viewer, ask.today, issued_only=True)
    items = [{**pick(r, "invoice_no", "issued_on", "due_on", "amount", "outstanding"),
              "days_overdue": max(0, (ask.today - r.due_on).days)} for r in rows]
    return ask.result(items, total(items, "outstanding"), notes.OVERDUE)


def my_documents(ask: Ask) -> Result:
    assert ask.viewer.client_id is not None
    rows = pending_for_client(ask.session, ask.viewer.client_id)
    items = [pick(r, "period", "item", "due_on", "chase_count") for r in rows]
    return ask.result(items, len(items), notes.DOCUMENTS)


HANDLERS: dict[Intent, Callable[[Ask], Result]] = {
    Intent.overdue_clients: overdue_clients,
    Intent.overdue_total: overdue_total,
    Intent.overdue_count: overdue_count,
    Intent.aging: aging,
    Intent.receivable_balance: receivable_balance,
    Intent.top_debtors: top_debtors,
    Intent.invoices_due_soon: invoices_due_soon,
    Intent.collected: _period_sum(rec.collected, notes.COLLECTED),
    Intent.invoiced: _period_sum(rec.invoiced, notes.INVOICED),
    Intent.signed: signed,
    Intent.collection_rate: collection_rate,
    Intent.contracts_expiring: contracts_expiring,
    Intent.documents_missing: documents_missing,
    Intent.client_profile: profile,
    Intent.top_clients_by_revenue: _ranked("revenue"),
    Intent.top_clients_by_profit: _ranked("profit"),
    Intent.top_clients_by_margin: _ranked("margin"),
    Intent.clients_by_attribute: by_attribute,
    Intent.client_count: count,
    Intent.clients_by_credit_rating: by_credit,
    Intent.clients_not_contacted: not_contacted_clients,
    Intent.negative_feedback: complaints,
    Intent.staff_client_count: staff_count,
    Intent.staff_ranking: staff_rank,
    Intent.tax_deadline: tax_deadline,
    Intent.tax_filers: filers,
    Intent.my_invoices: my_invoices,
    Intent.my_documents: my_documents,
    **METRIC_HANDLERS,
}
