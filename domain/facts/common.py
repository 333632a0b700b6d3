"""Shared pieces of the facts: the viewer's scope and a question's client filter as SQL, date helpers and
exact money conversions.

Every fact restricts rows IN SQL: either with conditions on `Client` (when the query joins it anyway, for a
name or an owner) or with `client_id IN (SELECT client.id …)` (for sums that need no client columns).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Exists, Row, Select, literal_column, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from domain.models import Client, ClientStatus, ClientTag, Staff
from domain.queries import ClientFilter
from domain.scope import Viewer

ACTIVE_ONLY: tuple[ClientStatus, ...] = (ClientStatus.active,)
Owner = aliased(Staff, name="owner")  # the client's owner, joined for its name


class unindexed(FunctionElement):
    """The column itself, but on SQLite written `+column` so that the planner does not drive the query from an
    index on it. Used where a selective index (open invoices, a client's rows) must win over a wide range scan
    whatever the table statistics say; PostgreSQL plans by its statistics and gets the plain column."""

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: ColumnElement) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element: unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(next(iter(element.clauses)), **kw)


class code_point(FunctionElement):
    """The column, ordered by Unicode code point on every backend (semantics.md: names sort by code point). SQLite
    compares UTF-8 bytes (code-point order) already; PostgreSQL sorts by the database's collation unless told
    `COLLATE "C"`."""

    name = "code_point"
    inherit_cache = True

    def __init__(self, column: ColumnElement) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(code_point)
def _code_point_default(element: code_point, compiler: Any, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw)


@compiles(code_point, "postgresql")
def _code_point_postgresql(element: code_point, compiler: Any, **kw: Any) -> str:
    return compiler.process(next(iter(element.clauses)), **kw) + ' COLLATE "C"'


def read(session: Session, stmt: Select) -> Sequence[Row]:
    """All rows of a select of plain columns, run on the session's connection (Core) and fetched at once: no
    ORM per-row result handling, which matters for answers of thousands of rows. Pending ORM changes are
    flushed first, as `session.execute` would."""
    if session.autoflush:
        session.flush()
    return session.connection().execute(stmt).all()


def exists_row(*conds: ColumnElement[bool]) -> Exists:
    """EXISTS (SELECT 1 … WHERE conds). SQLAlchemy's `exists()` writes `SELECT *`, for which SQLite reads each
    matching table row instead of answering from a covering index."""
    return select(literal_column("1")).where(*conds).exists()


def client_conditions(viewer: Viewer, clients: ClientFilter | None = None,
                      default_statuses: Sequence[ClientStatus] | None = None) -> list[ColumnElement[bool]]:
    """Conditions on `Client` columns: the viewer's scope AND the question's filter.

    `default_statuses` applies when the filter names no status (semantics.md: attribute lists cover active
    clients only, money and credit cover all). An empty list means "every client": no condition at all.
    """
    conds: list[ColumnElement[bool]] = []
    scope = viewer.client_condition(Client.id, Client.owner_id)
    if not (viewer.is_admin):
        conds.append(scope)
    flt = clients or ClientFilter()
    statuses = flt.statuses if flt.statuses is not None else default_statuses
    if statuses:
        conds.append(Client.status.in_([str(s) for s in statuses]))
    if flt.owner_ids is not None:
        conds.append(Client.owner_id.in_(flt.owner_ids))
    if flt.client_ids is not None:
        conds.append(Client.id.in_(flt.client_ids))
    for column, values in ((Client.region, flt.regions), (Client.industry, flt.industries),
                           (Client.tier, [str(t) for t in flt.tiers]),
                           (Client.taxpayer_type, [str(t) for t in flt.taxpayer_types])):
        if values:
            conds.append(column.in_(values))
    if flt.tags:
        conds.append(exists_row(ClientTag.client_id == Client.id, ClientTag.tag.in_(flt.tags)))
    if flt.name_contains:
        conds.append(or_(*(or_(Client.name.contains(n, autoescape=True), Client.short_name.contains(n, autoescape=True))
                           for n in flt.name_contains)))
    return conds


def restrict(client_id_column: Any, viewer: Viewer, clients: ClientFilter | None = None,
             default_statuses: Sequence[ClientStatus] | None = None) -> list[ColumnElement[bool]]:
    """The same restriction for a table that is not joined with `Client`: `client_id IN (SELECT …)`.

    Empty (no sub-select at all) for an admin asking about every client, which keeps whole-firm sums cheap.
    """
    conds = client_conditions(viewer, clients, default_statuses)
    if not conds:
        return []
    if viewer.is_contact and len(conds) == 1:
        return [client_id_column == viewer.client_id]
    return [client_id_column.in_(select(Client.id).where(*conds))]


def cents(value: Any) -> int:
    """A SUM from the database (None, int, or Decimal on PostgreSQL) as integer cents."""
    return int(value or 0)


def money(value_cents: Any) -> Decimal:
    """Integer cents → an exact Decimal with two places (scaleb keeps it exact and is cheap)."""
    return Decimal(cents(value_cents)).scaleb(-2)


def ratio(numerator: int, denominator: int, places: int = 4) -> float | None:
    """An exact ratio rounded half-up to `places`, as a float for display; None when the denominator is 0."""
    if denominator == 0:
        return None
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def month_bounds(month: str) -> tuple[date, date]:
    """'2026-10' → (2026-10-01, 2026-10-31)."""
    year, mon = (int(part) for part in month.split("-"))
    return date(year, mon, 1), date(year, mon, monthrange(year, mon)[1])


def month_of(today: date) -> str:
    return f"{today.year:04d}-{today.month:02d}"


def month_to_date(today: date) -> tuple[date, date]:
    """This month up to today: the default window of collected / invoiced / signed."""
    return today.replace(day=1), today


def trailing_year(today: date) -> tuple[date, date]:
    """'Trailing 12 months' = [today − 365, today] (semantics.md)."""
    return today - timedelta(days=365), today
