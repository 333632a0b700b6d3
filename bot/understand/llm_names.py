"""Names the model read in a question → ids, within what the asker may see.

Deliberately simple (the model already picked the name out of the question): a client matches when its
full or short name equals the name, else when it contains it (case-insensitive), among the asker's
visible clients only — a client outside the scope is "not found", so its existence does not leak. Staff
names match the same way over all staff (who works here is not secret; what they own is scoped when the
query runs).

    outcome = llm.understand(text, today=today, language=locale)
    outcome = resolve_names(session, viewer, outcome)
    # outcome.query: ids filled in; or query.candidates when a client name fits several clients (ask back);
    # or outcome.error == "unknown_name" when a name fits no visible client / no staff member.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from bot.understand.llm import LlmOutcome
from domain.models import Client, Staff
from domain.queries import Intent, Query
from domain.scope import Viewer

MAX_CANDIDATES = 10


def resolve_names(session: Session, viewer: Viewer, outcome: LlmOutcome) -> LlmOutcome:
    """The outcome with its mentioned names turned into ids; unchanged when there is nothing to resolve."""
    if outcome.query is None or outcome.mentions.is_empty():
        return outcome
    query = outcome.query.model_copy(deep=True)
    mentions = outcome.mentions
    owners: list[int] = []
    for name in mentions.owners:
        staff_id = find_staff(session, name)
        if staff_id is None:
            return replace(outcome, query=None, error="unknown_name")
        owners.append(staff_id)
    if mentions.mine or mentions.owners:
        _set_owners(query, viewer, owners, mine=mentions.mine)
    if mentions.staff:
        query.staff_id = find_staff(session, mentions.staff)
        if query.staff_id is None:
            return replace(outcome, query=None, error="unknown_name")
    elif mentions.mine and query.intent == Intent.staff_client_count:
        query.staff_id = viewer.staff_id
    return _resolve_clients(session, viewer, outcome, query)


def _set_owners(query: Query, viewer: Viewer, owners: list[int], *, mine: bool) -> None:
    if mine and viewer.is_contact and not owners:
        query.clients.owner_ids = None  # a client contact's "my" is its own client: the scope already says so
        return
    if mine and viewer.staff_id is not None:
        owners.append(viewer.staff_id)
    query.clients.owner_ids = sorted(set(owners))  # stays [] (nothing) when "mine" has no staff member


def _resolve_clients(session: Session, viewer: Viewer, outcome: LlmOutcome, query: Query) -> LlmOutcome:
    ids: list[int] = []
    for name in outcome.mentions.clients:
        matches = find_clients(session, viewer, name)
        if not matches:
            return replace(outcome, query=None, error="unknown_name")
        if len(matches) > 1:
            query.candidates = [client_name for _, client_name in matches[:MAX_CANDIDATES]]
            return replace(outcome, query=query)
        ids.append(matches[0][0])
    if ids:
        query.clients.client_ids = ids
        query.clients.name_contains = []
    return replace(outcome, query=query)


def find_clients(session: Session, viewer: Viewer, name: str) -> list[tuple[int, str]]:
    """(id, name) of the visible clients called `name` exactly, else of those whose name contains it."""
    wanted = name.strip().lower()
    if not wanted:
        return []
    visible = viewer.client_condition(Client.id, Client.owner_id)
    for condition in (_equals(wanted, Client.name, Client.short_name), _contains(wanted, Client.name,
                                                                               Client.short_name)):
        stmt = select(Client.id, Client.name).where(visible, condition).order_by(Client.name)
        rows = [(row[0], row[1]) for row in session.execute(stmt.limit(MAX_CANDIDATES + 1))]
        if rows:
            return rows
    return []


def find_staff(session: Session, name: str) -> int | None:
    """The id of the one staff member called `name` (exactly, else by containing it); None if none or several."""
    wanted = name.strip().lower()
    if not wanted:
        return None
    for condition in (_equals(wanted, Staff.name), _contains(wanted, Staff.name)):
        ids = list(session.execute(select(Staff.id).where(condition).limit(2)).scalars())
        if ids:
            return ids[0] if len(ids) == 1 else None
    return None


def _equals(wanted: str, *columns: ColumnElement) -> ColumnElement[bool]:
    return or_(*(func.lower(column) == wanted for column in columns))


def _contains(wanted: str, *columns: ColumnElement) -> ColumnElement[bool]:
    return or_(*(func.lower(column).contains(wanted, autoescape=True) for column in columns))
