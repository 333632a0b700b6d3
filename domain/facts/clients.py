"""Clients by attribute, contact and feedback (semantics.md "Clients").

Lists and counts by attribute cover ACTIVE clients unless the question names a status; "not contacted in N
days" covers active clients with no interaction dated in [today − N, today] (including never contacted).
Negative feedback (score ≤ 2) covers every client status unless one is named.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.facts.common import ACTIVE_ONLY, Owner, client_conditions, code_point, exists_row, read, unindexed
from domain.models import Client, Feedback, Interaction
from domain.queries import ClientFilter
from domain.scope import Viewer

NEGATIVE_SCORE = 2  # feedback scores 1–5; ≤ 2 is negative


class ClientRow(NamedTuple):
    client_id: int
    client: str
    owner: str
    region: str | None
    industry: str | None
    tier: str
    taxpayer_type: str | None
    tags: list[str]


class NotContacted(NamedTuple):
    client_id: int
    client: str
    owner: str
    last_contact: date | None
    days_since: int | None


class FeedbackRow(NamedTuple):
    client_id: int
    client: str
    owner: str
    date: date
    score: int
    comment: str | None


def split_tags(tags: str | None) -> list[str]:
    return [t for t in (tags or "").split("、") if t]


def clients_by_attribute(session: Session, viewer: Viewer, *,
                         clients: ClientFilter | None = None) -> list[ClientRow]:
    """Clients matching the filter (active unless a status is named), sorted by name."""
    stmt = (select(Client.id, Client.name, Owner.name, Client.region, Client.industry, Client.tier,
                   Client.taxpayer_type, Client.tags)
            .join(Owner, Owner.id == Client.owner_id)
            # unindexed: sorting the matching clients beats walking all of them in name order, unless nearly every
            # client matches (then it is as fast)
            .where(*client_conditions(viewer, clients, ACTIVE_ONLY)).order_by(code_point(unindexed(Client.name))))
    return [ClientRow(cid, name, owner, region, industry, str(tier), str(tp) if tp else None, split_tags(tags))
            for cid, name, owner, region, industry, tier, tp, tags in read(session, stmt)]


def client_count(session: Session, viewer: Viewer, *, clients: ClientFilter | None = None) -> int:
    stmt = select(func.count()).select_from(Client).where(*client_conditions(viewer, clients, ACTIVE_ONLY))
    return int(session.execute(stmt).scalar_one())


def last_contact_of(today: date):
    """The latest interaction dated on or before today of the current `Client` row (correlated)."""
    return (select(func.max(Interaction.date))
            .where(Interaction.client_id == Client.id, Interaction.date <= today)
            .correlate(Client).scalar_subquery())


def not_contacted(session: Session, viewer: Viewer, today: date, days: int = 90, *,
                  clients: ClientFilter | None = None) -> list[NotContacted]:
    """Active clients with no interaction in [today − days, today]; never contacted first, then the longest
    silence, then name."""
    recent = exists_row(Interaction.client_id == Client.id, Interaction.date >= today - timedelta(days=days),
                            Interaction.date <= today)
    last = last_contact_of(today).label("last")
    stmt = (select(Client.id, Client.name, Owner.name, last).join(Owner, Owner.id == Client.owner_id)
            .where(~recent, *client_conditions(viewer, clients, ACTIVE_ONLY)))
    rows = [NotContacted(cid, name, owner, last_on, (today - last_on).days if last_on else None)
            for cid, name, owner, last_on in read(session, stmt)]
    rows.sort(key=lambda r: (r.last_contact is not None, r.last_contact or today, r.client))
    return rows


def negative_feedback(session: Session, viewer: Viewer, start: date, end: date, *,
                      clients: ClientFilter | None = None) -> list[FeedbackRow]:
    """Feedback scored ≤ 2 dated in [start, end], newest first (then client name)."""
    stmt = (select(Client.id, Client.name, Owner.name, Feedback.date, Feedback.score, Feedback.comment)
            .join(Client, Client.id == Feedback.client_id).join(Owner, Owner.id == Client.owner_id)
            .where(Feedback.score <= NEGATIVE_SCORE, Feedback.date >= start, Feedback.date <= end,
                   *client_conditions(viewer, clients))
            .order_by(Feedback.date.desc(), code_point(Client.name), Feedback.id))
    return [FeedbackRow._make(row) for row in read(session, stmt)]


def recent_interactions(session: Session, client_id: int, today: date, limit: int = 3) -> list[tuple]:
    """(date, channel, summary) of a client's latest interactions on or before today."""
    stmt = (select(Interaction.date, Interaction.channel, Interaction.summary)
            .where(Interaction.client_id == client_id, Interaction.date <= today)
            .order_by(Interaction.date.desc(), Interaction.id.desc()).limit(limit))
    return [tuple(row) for row in session.execute(stmt)]


def recent_feedback(session: Session, client_id: int, today: date, limit: int = 3) -> list[tuple]:
    """(date, score, comment) of a client's latest feedback on or before today."""
    stmt = (select(Feedback.date, Feedback.score, Feedback.comment)
            .where(Feedback.client_id == client_id, Feedback.date <= today)
            .order_by(Feedback.date.desc(), Feedback.id.desc()).limit(limit))
    return [tuple(row) for row in session.execute(stmt)]
