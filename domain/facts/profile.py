"""The client profile (the 360° card) and the client health score.

Health score (0–100, higher is healthier) — 100 minus these penalties, floored at 0:
- credit rating: A 0, B 10, C 25, D 40, N/A 0;
- any overdue amount: 10;
- late documents (pending, due before today): 5 each, at most 15;
- days since last contact: never contacted 15, over 180 days 15, over 90 days 10, else 0;
- negative feedback (score ≤ 2) in the trailing 365 days: 10 each, at most 20;
- margin (trailing 12 months): negative 15, below 20% 5, undefined (no revenue) or ≥ 20% 0.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.actions.audit import recent_changes
from domain.facts.clients import NEGATIVE_SCORE, recent_feedback, recent_interactions, split_tags
from domain.facts.common import Owner, client_conditions, trailing_year
from domain.facts.contracts import active_contracts
from domain.facts.credit import client_credit
from domain.facts.documents import pending_for_client
from domain.facts.prepaid import client_prepaid
from domain.facts.profitability import client_profitability
from domain.facts.receivables import client_receivables
from domain.files.facts import latest_files
from domain.models import Client, Contact, Feedback
from domain.queries import ClientFilter
from domain.scope import Viewer
from domain.workflows.facts import recent_events

RATING_PENALTY = {"A": 0, "B": 10, "C": 25, "D": 40, "N/A": 0}


class HealthInputs(NamedTuple):  # a tuple: the board builds one per client of the firm
    credit_rating: str
    overdue_amount: Decimal
    late_documents: int
    days_since_contact: int | None  # None: never contacted
    negative_feedback: int  # in the trailing 365 days
    margin: float | None


def health_score(h: HealthInputs) -> int:
    penalty = RATING_PENALTY.get(h.credit_rating, 0)
    penalty += 10 if h.overdue_amount > 0 else 0
    penalty += min(15, 5 * h.late_documents)
    if h.days_since_contact is None or h.days_since_contact > 180:
        penalty += 15
    elif h.days_since_contact > 90:
        penalty += 10
    penalty += min(20, 10 * h.negative_feedback)
    if h.margin is not None:
        penalty += 15 if h.margin < 0 else 5 if h.margin < 0.2 else 0
    return max(0, 100 - penalty)


def client_profile(session: Session, viewer: Viewer, today: date, client_id: int) -> dict[str, Any] | None:
    """Everything about one client the viewer may see (any status); None when it is not visible."""
    flt = ClientFilter(client_ids=[client_id])
    found = session.execute(select(Client, Owner.name).join(Owner, Owner.id == Client.owner_id)
                            .where(*client_conditions(viewer, flt))).first()
    if found is None:
        return None
    client, owner = found
    card = _basics(client, owner)
    card["contacts"] = _contacts(session, client_id)
    card["active_contracts"] = [
        {"contract_no": k.contract_no, "service_type": k.service_type, "start_on": k.start_on, "end_on": k.end_on,
         "amount": k.amount} for k in active_contracts(session, viewer, today, clients=flt)]
    card.update(_money(session, viewer, today, client_id))
    docs = pending_for_client(session, client_id)
    card["missing_documents"] = [{"period": d.period, "item": d.item, "due_on": d.due_on,
                                  "chase_count": d.chase_count} for d in docs]
    card.update(_relationship(session, today, client_id))
    card["recent_events"] = recent_events(session, client_id)  # 最近动态: the workflows' audit trail
    card["recent_changes"] = recent_changes(session, client_id)  # 最近修改: actions from chat (domain/actions)
    card["latest_files"] = latest_files(session, client_id)  # files the client sent in chat (domain/files)
    card["health_score"] = health_score(HealthInputs(
        card["credit_rating"], card["overdue_amount"], sum(1 for d in docs if d.due_on < today),
        (today - card["last_contact"]).days if card["last_contact"] else None,
        card.pop("_negative_feedback"), card["margin"]))
    return card


def _basics(c: Client, owner: str) -> dict[str, Any]:
    return {"client": c.name, "short_name": c.short_name, "credit_code": c.credit_code,
            "taxpayer_type": _text(c.taxpayer_type), "industry": c.industry, "region": c.region,
            "tier": _text(c.tier), "status": _text(c.status), "tags": split_tags(c.tags), "owner": owner,
            "signed_on": c.signed_on}


def _money(session: Session, viewer: Viewer, today: date, client_id: int) -> dict[str, Any]:
    balance, overdue, worst = client_receivables(session, today, client_id)
    credit = client_credit(session, viewer, today, client_id)
    figures = client_profitability(session, today, *trailing_year(today), client_id)
    return {"balance": balance, "prepaid": client_prepaid(session, today, client_id), "overdue_amount": overdue,
            "max_days_overdue": worst,
            "credit_rating": credit.rating if credit else "N/A", "revenue": figures.revenue, "cost": figures.cost,
            "profit": figures.profit, "margin": figures.margin}


def _relationship(session: Session, today: date, client_id: int) -> dict[str, Any]:
    interactions = recent_interactions(session, client_id, today)  # newest first: the first is the last contact
    negatives = session.execute(select(func.count()).select_from(Feedback).where(
        Feedback.client_id == client_id, Feedback.score <= NEGATIVE_SCORE,
        Feedback.date >= today - timedelta(days=365), Feedback.date <= today)).scalar_one()
    return {
        "last_contact": interactions[0][0] if interactions else None,
        "recent_interactions": [{"date": d, "channel": ch, "summary": s} for d, ch, s in interactions],
        "feedback": [{"date": d, "score": sc, "comment": cm}
                     for d, sc, cm in recent_feedback(session, client_id, today)],
        "_negative_feedback": int(negatives),
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _contacts(session: Session, client_id: int) -> list[dict[str, Any]]:
    stmt = (select(Contact.name, Contact.title, Contact.phone, Contact.is_primary)
            .where(Contact.client_id == client_id).order_by(Contact.is_primary.desc(), Contact.name))
    return [{"name": n, "title": t, "phone": p, "primary": bool(pr)} for n, t, p, pr in session.execute(stmt)]
