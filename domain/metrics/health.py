"""Client health (semantics.md "Client value and health") for every client in scope, in one statement.

Per client: credit rating, overdue amount, late documents, last contact, negative feedback in the trailing 365
days, revenue and service cost in the trailing 12 months — grouped sub-selects left-joined to `Client`, the
invoices read once for the rating, the overdue amount and the revenue — then `domain.facts.profile.health_score`
(the one definition the profile card uses too). Value × loyalty segments use the same statement: revenue, tenure
and negative feedback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Subquery, and_, case, func, select
from sqlalchemy.orm import Session

from domain.facts.clients import NEGATIVE_SCORE
from domain.facts.common import Owner, client_conditions, money, ratio, read, restrict
from domain.facts.credit import _aggregates, _rating
from domain.facts.profile import RATING_PENALTY, HealthInputs, health_score
from domain.facts.profitability import _cost_by_client, cost_cents, revenue_by_client
from domain.facts.receivables import is_open, outstanding
from domain.models import (
    Client,
    ClientStatus,
    DocumentRequest,
    DocumentStatus,
    Feedback,
    Interaction,
    Invoice,
    ServiceLog,
)
from domain.open_amounts import current_is_exact
from domain.queries import ClientFilter
from domain.scope import Viewer

LOYAL_DAYS = 730


class ClientHealth(NamedTuple):  # a tuple: cheap to build for every client of the firm, and immutable (the rows
    client_id: int               # are shared between requests: bot/book_version.py)
    client: str
    owner_id: int
    owner: str
    inputs: HealthInputs
    revenue: Decimal
    signed_on: date | None
    score: int  # health_score(inputs), computed once per row: rankings and bands read it many times

    def penalties(self, today: date) -> dict[str, int]:
        """Each penalty by name (for alerts: what moved)."""
        h = self.inputs
        contact = h.days_since_contact
        return {"credit": RATING_PENALTY.get(h.credit_rating, 0), "overdue": 10 if h.overdue_amount > 0 else 0,
                "documents": min(15, 5 * h.late_documents),
                "contact": 15 if contact is None or contact > 180 else 10 if contact > 90 else 0,
                "feedback": min(20, 10 * h.negative_feedback),
                "margin": 0 if h.margin is None else 15 if h.margin < 0 else 5 if h.margin < 0.2 else 0}


def _grouped(column, *conds, value=None, label: str) -> Subquery:
    value = func.count() if value is None else value
    return select(column.label("client_id"), value.label(label)).where(*conds).group_by(column).subquery(
        f"h_{label}")


def _invoices(session: Session, today: date, scope: list[ColumnElement[bool]]) -> Subquery:
    """Per client, one pass over its invoices: the credit rating's aggregates (credit.py), the overdue amount and
    the trailing-year revenue (profitability.py's: Σ invoiced, issued in the 365 days up to today). The overdue
    amount is the stored open amounts' (the open-invoice index's figures) when they are exact for today
    (domain/open_amounts.py, every day's case), else outstanding as of today from the allocations."""
    credit, _ = _aggregates(today)
    due, issued = Invoice.due_on, Invoice.issued_on
    year_ago = today - timedelta(days=365)
    if current_is_exact(session, today):
        overdue = case((and_(Invoice.open_cents > 0, due < today), Invoice.open_cents))
    else:
        overdue = case((and_(is_open(today), due < today), outstanding(today)))
    return (select(Invoice.client_id.label("client_id"), *credit, func.sum(overdue).label("overdue"),
                   func.sum(case((and_(issued >= year_ago, issued <= today), Invoice.amount_cents))).label("revenue"))
            .where(*scope).group_by(Invoice.client_id).subquery("h_invoices"))


def _parts(today: date, scope: Callable[[Any], list[ColumnElement[bool]]]) -> list[Subquery]:
    """The other per-client sub-selects, each restricted to the clients asked about (`scope(client_id column)`,
    empty for the whole firm); the cost is profitability.py's (tuned: one ordered pass by client)."""
    year_ago = today - timedelta(days=365)
    return [
        _grouped(DocumentRequest.client_id, DocumentRequest.status == DocumentStatus.pending.value,
                 DocumentRequest.due_on < today, *scope(DocumentRequest.client_id), label="late"),
        _grouped(Interaction.client_id, Interaction.date <= today, *scope(Interaction.client_id),
                 value=func.max(Interaction.date), label="contact"),
        _grouped(Feedback.client_id, Feedback.score <= NEGATIVE_SCORE, Feedback.date >= year_ago,
                 Feedback.date <= today, *scope(Feedback.client_id), label="negative"),
        _cost_by_client(year_ago, today, scope(ServiceLog.client_id)),
    ]


MEMO = "client_health_memo"


def client_health(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None,
                  statuses: tuple[ClientStatus, ...] = (ClientStatus.active,)) -> list[ClientHealth]:
    """Every client in scope (active unless told otherwise) with its health inputs, in one statement. A read-only
    unit of work that answers several questions (the board) may keep the rows: `session.info[MEMO] = {}`."""
    memo = session.info.get(MEMO)
    narrowed = clients.model_dump_json() if clients is not None and not clients.is_empty() else None
    key = (viewer.kind, viewer.owner_ids, viewer.client_id, today, narrowed, statuses)  # what the rows depend on
    if memo is not None and key in memo:
        return memo[key]
    out = _client_health(session, viewer, today, clients, statuses)
    if memo is not None:
        memo[key] = out
    return out


def _client_health(session: Session, viewer: Viewer, today: date, clients: ClientFilter | None,
                   statuses: tuple[ClientStatus, ...]) -> list[ClientHealth]:
    def scope(column: Any) -> list[ColumnElement[bool]]:  # the whole firm: no restriction (one pass each)
        if _whole_firm(viewer, clients):
            return []
        return restrict(column, viewer, clients, statuses)

    inv = _invoices(session, today, scope(Invoice.client_id))
    grade = _rating(today, inv.c.earliest, func.coalesce(inv.c.recent, 0), func.coalesce(inv.c.on_time, 0))
    late, contact, negative, cost = _parts(today, scope)
    stmt = (select(Client.id, Client.name, Client.owner_id, Owner.name, grade, inv.c.overdue, late.c.late,
                   contact.c.contact, negative.c.negative, inv.c.revenue, cost.c.cost, Client.signed_on)
            .join(Owner, Owner.id == Client.owner_id)
            .outerjoin(inv, inv.c.client_id == Client.id))
    for part in (late, contact, negative, cost):
        stmt = stmt.outerjoin(part, part.c.client_id == Client.id)
    stmt = stmt.where(*client_conditions(viewer, clients, statuses))
    out = []
    for cid, name, owner_id, owner, rating, over, n_late, last, n_neg, rev, cst, signed in read(session, stmt):
        rev_cents = int(rev or 0)
        margin = ratio(rev_cents - cost_cents(int(cst or 0)), rev_cents) if rev_cents else None
        inputs = HealthInputs(str(rating or "N/A"), money(over) if over else _ZERO, int(n_late or 0),
                              (today - last).days if last else None, int(n_neg or 0), margin)
        out.append(ClientHealth(cid, name, owner_id, owner, inputs, money(rev_cents) if rev_cents else _ZERO, signed,
                               health_score(inputs)))
    return out


_ZERO = money(0)  # most clients owe nothing: one shared Decimal('0.00')


def _whole_firm(viewer: Viewer, clients: ClientFilter | None) -> bool:
    """The admin asking about every client: the statements need no restriction."""
    return viewer.is_admin and (clients is None or clients.is_empty())


def ranked(rows: list[ClientHealth], *, ascending: bool = True) -> list[ClientHealth]:
    """Lowest score first (or highest), ties by name in code-point order."""
    return sorted(rows, key=lambda r: (r.score if ascending else -r.score, r.client))


@dataclass(frozen=True)
class SegmentRow:
    client: str
    owner: str
    segment: str
    revenue: Decimal
    tenure_days: int | None


def segments(session: Session, viewer: Viewer, today: date, *, clients: ClientFilter | None = None
             ) -> list[SegmentRow]:
    """Active clients in scope with revenue > 0, by value × loyalty. The median is over ALL the firm's active
    clients with revenue > 0, whoever asks (semantics.md): from the whole firm's health rows when those are the
    rows asked for, else from a revenue-only statement, so a scoped viewer prices only their own clients' health."""
    whole_firm = _whole_firm(viewer, clients)
    rows = client_health(session, _ADMIN if whole_firm else viewer, today, clients=None if whole_firm else clients)
    revenues = ([r.revenue for r in rows if r.revenue > 0] if whole_firm else _firm_revenues(session, today))
    if not revenues:
        return []
    middle = Decimal(median(revenues))
    out = []
    for r in rows:
        if r.revenue <= 0:
            continue
        tenure = (today - r.signed_on).days if r.signed_on else None
        loyal = tenure is not None and tenure >= LOYAL_DAYS and r.inputs.negative_feedback == 0
        value = "high_value" if r.revenue >= middle else "low_value"
        out.append(SegmentRow(r.client, r.owner, f"{value}_{'high' if loyal else 'low'}_loyalty", r.revenue, tenure))
    return sorted(out, key=lambda s: (SEGMENT_ORDER[s.segment], -s.revenue, s.client))


def _firm_revenues(session: Session, today: date) -> list[Decimal]:
    """Trailing-12-month revenue of every active client of the firm with revenue > 0 (as `client_health` reads it)."""
    revenue = revenue_by_client(today - timedelta(days=365), today, [])
    stmt = (select(revenue.c.revenue).join(Client, Client.id == revenue.c.client_id)
            .where(Client.status == str(ClientStatus.active), revenue.c.revenue > 0))
    return [money(int(cents)) for (cents,) in read(session, stmt)]


_ADMIN = Viewer(kind="staff", name="", owner_ids=None)
SEGMENT_ORDER = {name: i for i, name in enumerate(
    ["high_value_high_loyalty", "high_value_low_loyalty", "low_value_high_loyalty", "low_value_low_loyalty"])}
