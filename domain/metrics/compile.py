"""A metric × a dimension × a window × the asker's scope → ONE SQL statement, and its rows → groups.

The metric's rows (definitions.py) become a sub-select joined with `Client` (for the scope, the question's client
filter and the client's attributes) and, where the dimension needs them, the owner and the owner's manager. The
groups and a total row are read in one statement (`UNION ALL`), so that a count of distinct clients by aging
bucket still has the right total. Groups are sorted in Python — largest first, ties by label in code-point order —
which is the same on SQLite and PostgreSQL whatever their collations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, Subquery, case, distinct, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from domain.facts.built import STATEMENTS, filter_key
from domain.facts.common import client_conditions, read
from domain.facts.credit import _per_client, _rating
from domain.metrics.definitions import METRICS, Metric, Value, Window
from domain.models import Client, Staff
from domain.open_amounts import current_is_exact
from domain.queries import ClientFilter
from domain.scope import Viewer

NONE_LABEL = "未填"
NO_TEAM = "无团队"
TIER_LABELS = {"vip": "VIP", "normal": "普通", "high_risk": "高风险"}
TAXPAYER_LABELS = {"general": "一般纳税人", "small": "小规模纳税人"}
SERVICE_LABELS = {"bookkeeping": "代理记账", "tax_filing": "税务申报", "audit": "审计", "registration": "工商注册",
                  "consulting": "财务咨询", "tax_planning": "税务筹划"}
AGING = (("1-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90))
Owner = aliased(Staff, name="m_owner")
Boss = aliased(Staff, name="m_boss")
RowStaff = aliased(Staff, name="m_row_staff")


@dataclass(frozen=True)
class Group:
    label: str
    value: Value
    a: int
    b: int


@dataclass(frozen=True)
class Grouped:
    groups: list[Group]
    total: Value
    a: int
    b: int


def window_for(metric: Metric, start: date, end: date, today: date, min_days: int | None = None) -> Window:
    """Flows stop at today (a future period asked explicitly counts what is scheduled in it). A month's collection
    rate is of the invoices due in the whole month, allocated by today (semantics.md), so it stops at the end of
    the month it was cut in instead: "本月回款率按负责人" and this month in a trend are the figure of "本月回款率"."""
    if metric.kind == "flow" and start <= today:
        end = _month_end(min(end, today)) if metric.whole_month else min(end, today)
    return Window(start, end, today, min_days)


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _labelled(column: ColumnElement, labels: dict[str, str]) -> ColumnElement:
    return case(*((column == key, literal(label)) for key, label in labels.items()), else_=literal(NONE_LABEL))


def _text(column: ColumnElement) -> ColumnElement:
    return func.coalesce(func.nullif(column, ""), literal(NONE_LABEL))


def _group_expr(metric: Metric, dimension: str, rows: Subquery, today: date) -> tuple[list[ColumnElement], list]:
    """The grouping columns for `dimension` and the extra joins they need, as (columns, joins)."""
    if dimension == "owner":
        if metric.staff_rows:
            return [RowStaff.name], [(RowStaff, RowStaff.id == rows.c.staff_id)]
        return [Owner.name], [(Owner, Owner.id == Client.owner_id)]
    if dimension == "team":
        team = case((Owner.role.in_(["manager", "admin"]), Owner.name), (Boss.name.is_not(None), Boss.name),
                    else_=literal(NO_TEAM))
        return [team], [(Owner, Owner.id == Client.owner_id), (Boss, Boss.id == Owner.manager_id, True)]
    if dimension == "tier":
        return [_labelled(Client.tier, TIER_LABELS)], []
    if dimension == "taxpayer_type":
        return [_labelled(Client.taxpayer_type, TAXPAYER_LABELS)], []
    if dimension in ("industry", "region"):
        return [_text(getattr(Client, dimension))], []
    if dimension == "service_type":
        return [_labelled(rows.c.service, SERVICE_LABELS)], []
    if dimension == "aging":
        whens = [(rows.c.day >= today - timedelta(days=high), literal(label)) for label, _, high in AGING]
        return [case(*whens, else_=literal("90+"))], []
    if dimension == "credit_rating":
        credit = _per_client(today, [])
        grade = _rating(today, credit.c.earliest, func.coalesce(credit.c.recent, 0), func.coalesce(credit.c.on_time, 0))
        return [grade], [(credit, credit.c.client_id == Client.id, True)]
    if dimension in ("month", "quarter"):
        return [rows.c.day], []  # by day (a few hundred groups), put into months in Python: cheaper than strftime
    raise ValueError(f"unknown dimension {dimension}")


def _values(metric: Metric, rows: Subquery) -> list[ColumnElement]:
    if metric.aggregate == "clients":
        return [func.count(distinct(rows.c.client_id)), func.coalesce(func.min(literal(0)), 0)]  # an aggregate
    return [func.coalesce(func.sum(rows.c.a), 0), func.coalesce(func.sum(rows.c.b), 0)]


def scoped(metric: Metric, window: Window, viewer: Viewer, clients: ClientFilter | None) -> tuple[Subquery, list]:
    rows = metric.rows(window).subquery("metric_rows")
    return rows, client_conditions(viewer, clients, metric.statuses)


CLIENT_FREE = {"service_type", "aging", "month", "quarter"}  # dimensions read from the metric's rows alone


def statement(metric: Metric, dimension: str | None, window: Window, viewer: Viewer,
              clients: ClientFilter | None) -> Select:
    """The groups (label, a, b, is_total=0); for distinct-client counts, whose groups may overlap (a client in two
    aging buckets), UNION ALL the total (NULL, a, b, is_total=1). `Client` is joined only when the scope, the
    filter or the dimension needs it (an admin's trend reads the metric's rows alone)."""
    rows, conds = scoped(metric, window, viewer, clients)
    needs_client = bool(conds) or (dimension is not None and dimension not in CLIENT_FREE
                                   and not (dimension == "owner" and metric.staff_rows))

    def base(*columns: ColumnElement) -> Select:
        stmt = select(*columns)
        stmt = stmt.join_from(rows, Client, Client.id == rows.c.client_id) if needs_client else stmt.select_from(rows)
        return stmt.where(*conds)

    total = base(*([literal(None)] * _width(dimension)), *_values(metric, rows), literal(1))
    if dimension is None:
        return total
    columns, joins = _group_expr(metric, dimension, rows, window.today)
    grouped = base(*columns, *_values(metric, rows), literal(0))
    for target, on, *outer in joins:
        grouped = grouped.join(target, on, isouter=bool(outer))
    grouped = grouped.group_by(*columns)
    return union_all(grouped, total) if metric.aggregate == "clients" else grouped  # type: ignore[return-value]


def _width(dimension: str | None) -> int:
    return 1 if dimension else 0


def run(session: Session, metric_name: str, dimension: str | None, window: Window, viewer: Viewer,
        clients: ClientFilter | None = None) -> tuple[list[Sequence], int, int]:
    """(group rows (labels…, a, b), total a, total b) of one statement."""
    metric = METRICS[metric_name]
    window = replace(window, current=current_is_exact(session, window.today))
    width = _width(dimension)
    groups, total_a, total_b = [], 0, 0
    summed = dimension is not None and metric.aggregate != "clients"  # the total is the sum of the groups
    stmt = STATEMENTS.get(("metric", metric_name, dimension, window, viewer, filter_key(clients)),
                          lambda: statement(metric, dimension, window, viewer, clients))  # built from these alone
    for row in read(session, stmt):
        a, b, is_total = int(row[width] or 0), int(row[width + 1] or 0), int(row[width + 2])
        if is_total:
            total_a, total_b = a, b
        else:
            groups.append((*row[:width], a, b))
            if summed:
                total_a, total_b = total_a + a, total_b + b
    return groups, total_a, total_b


def breakdown(session: Session, metric_name: str, dimension: str, window: Window, viewer: Viewer,
              clients: ClientFilter | None = None) -> Grouped:
    """Each group's figure, largest first (ties by label), groups with value 0 left out, and the total."""
    metric = METRICS[metric_name]
    rows, total_a, total_b = run(session, metric_name, dimension, window, viewer, clients)
    groups = [Group(str(label if label is not None else NONE_LABEL), metric.finish(a, b), a, b) for label, a, b in rows]
    groups = [g for g in groups if g.value not in (None, 0)]
    groups.sort(key=lambda g: (-_sortable(g.value), g.label))
    return Grouped(groups, metric.finish(total_a, total_b), total_a, total_b)


def _sortable(value: Value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def periods(start: date, end: date, grain: str) -> list[str]:
    """Every month ("2026-01") or quarter ("2026-Q1") from start to end, in order."""
    out: list[str] = []
    index, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    while index <= last:
        year, month = divmod(index, 12)
        label = f"{year:04d}-{month + 1:02d}" if grain == "month" else f"{year:04d}-Q{month // 3 + 1}"
        if not out or out[-1] != label:
            out.append(label)
        index += 1
    return out


def trend(session: Session, metric_name: str, grain: str, window: Window, viewer: Viewer,
          clients: ClientFilter | None = None) -> Grouped:
    """Every month (quarter) of the window in order, zeros included, and the window's total."""
    metric = METRICS[metric_name]
    rows, total_a, total_b = run(session, metric_name, "month", window, viewer, clients)
    sums: dict[str, list[int]] = {label: [0, 0] for label in periods(window.start, window.end, grain)}
    for day, a, b in rows:
        if day is None:
            continue
        day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
        y, m = day.year, day.month
        label = f"{y:04d}-{m:02d}" if grain == "month" else f"{y:04d}-Q{(m - 1) // 3 + 1}"
        if label in sums:
            sums[label][0] += a
            sums[label][1] += b
    groups = [Group(label, metric.finish(a, b), a, b) for label, (a, b) in sums.items()]
    return Grouped(groups, metric.finish(total_a, total_b), total_a, total_b)


def total(session: Session, metric_name: str, window: Window, viewer: Viewer,
          clients: ClientFilter | None = None) -> Value:
    metric = METRICS[metric_name]
    _, a, b = run(session, metric_name, None, window, viewer, clients)
    return metric.finish(a, b)


def total_columns(metric_name: str, window: Window, viewer: Viewer, clients: ClientFilter | None
                  ) -> tuple[ColumnElement, ColumnElement]:
    """The total's two sums as scalar sub-selects, for answers that put several totals in one statement."""
    metric = METRICS[metric_name]
    rows, conds = scoped(metric, window, viewer, clients)
    a, b = _values(metric, rows)

    def sub(column: ColumnElement) -> ColumnElement:
        return select(column).join_from(rows, Client, Client.id == rows.c.client_id).where(*conds).scalar_subquery()

    return sub(a), sub(b)
