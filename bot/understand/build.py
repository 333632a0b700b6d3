"""A decided family + the recognised slots → a `Query`, refusing slots the family cannot honour.

A slot the family would silently ignore ("上个月的逾期客户", "欠款超过1万的客户", "审计客户有哪些") makes the
answer a confident wrong one, so it raises `NotSure("unsupported:<slot>")` instead.
"""

from __future__ import annotations

import logging
from datetime import date

from pydantic import ValidationError

from bot.understand.analytics import ANALYTICS, build_analytics
from bot.understand.decide import NotSure, Reading, staff_metric
from bot.understand.period_dates import Resolved, inner_periods, resolve
from bot.understand.periods import Direction, PeriodSpec
from domain.models import ClientStatus, ServiceType, TaxpayerType, Tier
from domain.queries import ClientFilter, Intent, Query
from domain.scope import Viewer

FUTURE = {Intent.contracts_expiring, Intent.invoices_due_soon, Intent.tax_deadline, Intent.tax_filers}
TRIMMED = {Intent.contracts_expiring, Intent.invoices_due_soon}
WINDOWED = {Intent.collected, Intent.invoiced, Intent.signed, Intent.contracts_expiring, Intent.invoices_due_soon,
            Intent.negative_feedback, Intent.staff_ranking}
MONTHLY = {Intent.collection_rate, Intent.tax_deadline, Intent.tax_filers, Intent.documents_missing,
           Intent.my_documents}
RANKED = {Intent.top_debtors, Intent.top_clients_by_revenue, Intent.top_clients_by_profit,
          Intent.top_clients_by_margin, Intent.staff_ranking, Intent.overdue_clients}
OVERDUE_FILTERED = {Intent.overdue_clients, Intent.overdue_count}
NO_CLIENT_FILTER = {Intent.tax_deadline, Intent.help, Intent.staff_ranking, Intent.staff_client_count,
                    Intent.my_invoices, Intent.my_documents}
TRAILING_YEAR = {Intent.top_clients_by_revenue, Intent.top_clients_by_profit, Intent.top_clients_by_margin}
MAX_DAYS = 3650  # Query.days allows ten years
log = logging.getLogger(__name__)
ALL_STATUSES = [ClientStatus.active, ClientStatus.churned, ClientStatus.prospect]


def build_query(intent: Intent, r: Reading, today: date, viewer: Viewer) -> Query:
    query = Query(intent=intent)
    if intent in (Intent.help, Intent.unknown):
        return query
    if viewer.is_contact:
        return _contact_query(query, r, today)
    if intent in ANALYTICS:
        return _analytics_query(query, r, today, viewer)
    _period(query, r, today)
    _thresholds(query, r)
    _ranking(query, r)
    _service_and_tax(query, r)
    if r.credit:
        if intent != Intent.clients_by_credit_rating or len(set(r.credit)) > 1:
            raise NotSure("unsupported:credit_rating")
        query.credit_rating = r.credit[0]  # type: ignore[assignment]
    _staff_asked(query, r, viewer)
    query.clients = _client_filter(query, r, viewer)
    return _validated(query)


def _analytics_query(query: Query, r: Reading, today: date, viewer: Viewer) -> Query:
    build_analytics(query, r, today)
    if r.amounts or any(t.upper for t in r.days) or r.credit:
        raise NotSure("unsupported:filter")
    if r.days:
        if query.measure not in ("overdue_amount", "overdue_clients") or len({t.value for t in r.days}) > 1:
            raise NotSure("unsupported:days")
        query.min_days_overdue = int(r.days[0].value)
    _service_and_tax(query, r)
    query.clients = _client_filter(query, r, viewer)
    whose = {"owner_ids", "owner_teams"}
    if query.intent == Intent.staff_board and query.clients.model_dump(exclude=whose) != ClientFilter(
    ).model_dump(exclude=whose):
        raise NotSure("unsupported:client_filter")
    return _validated(query)


def _validated(query: Query) -> Query:
    """The fields were set one by one; check the whole against the Query's own constraints once."""
    try:
        return Query.model_validate(query.model_dump())
    except ValidationError:
        log.warning("understanding produced an invalid query: %s", query.model_dump_json())
        raise NotSure("invalid_query") from None


def _coming_due(query: Query, r: Reading, today: date) -> bool:
    """"12月到期的应收收回了多少" in November: the rate of what falls due this December, not last December's."""
    spec = r.periods[0] if len(r.periods) == 1 else None
    return query.intent == Intent.collection_rate and "due" in r.cues and spec is not None \
        and spec.kind == "month_of" and spec.year is None and not spec.rel_year and (spec.number or 0) >= today.month


def _period(query: Query, r: Reading, today: date) -> None:
    specs = list(dict.fromkeys(r.periods))
    if not specs:
        if query.intent == Intent.invoices_due_soon:
            query.window = resolve(PeriodSpec("span", number=7, direction="future", label=""), today, "future",
                                   True).window
        return
    scheduled = query.intent == Intent.invoiced and "scheduled" in r.cues  # invoices dated later: the coming month
    direction: Direction = "future" if query.intent in FUTURE or scheduled or _coming_due(query, r, today) else "past"
    specs = inner_periods(specs, today, direction)  # "今年1到11月": the months inside the year
    if len(specs) > 1:
        raise NotSure("multiple_periods")
    if specs[0].kind in ("until", "by") and query.intent not in FUTURE:
        raise NotSure("unsupported:period")  # "年底前回款多少" asks for a forecast
    resolved = resolve(specs[0], today, direction, trim_past=query.intent in TRIMMED)
    _apply_period(query, specs[0], resolved, today)


def _apply_period(query: Query, spec: PeriodSpec, resolved: Resolved, today: date) -> None:
    intent, window = query.intent, resolved.window
    if intent in WINDOWED:
        query.window, query.month = window, resolved.month
        if intent == Intent.negative_feedback and spec.kind == "span":
            query.days = spec.number
    elif intent in MONTHLY:
        if resolved.month is None:
            raise NotSure("unsupported:period")
        query.month = resolved.month
    elif intent == Intent.clients_not_contacted:
        if not window.start <= today <= window.end:  # "since <date>": a window reaching today
            raise NotSure("unsupported:period")
        query.days = (today - window.start).days
    elif intent in TRAILING_YEAR and spec.kind == "span" and spec.number == 365 and spec.direction != "future":
        return  # the definition of revenue already is the trailing 12 months
    elif not (window.start == window.end == today):  # "今天" on a point-in-time question changes nothing
        raise NotSure("unsupported:period")


def _thresholds(query: Query, r: Reading) -> None:
    if any(t.upper for t in r.days + r.amounts):
        raise NotSure("unsupported:upper_bound")
    days = {t.value for t in r.days}
    amounts = {t.value for t in r.amounts}
    if len(days) > 1 or len(amounts) > 1:
        raise NotSure("multiple_thresholds")
    if days:
        value = int(days.pop())
        if value > MAX_DAYS:
            raise NotSure("unsupported:days")
        if query.intent in OVERDUE_FILTERED or query.intent == Intent.overdue_total:
            query.min_days_overdue = value
        elif query.intent == Intent.clients_not_contacted and query.days is None:
            query.days = value
        else:
            raise NotSure("unsupported:days")
    if amounts:
        if query.intent not in OVERDUE_FILTERED:
            raise NotSure("unsupported:amount")
        query.min_amount = amounts.pop()


def _ranking(query: Query, r: Reading) -> None:
    limits = {limit.n for limit in r.limits}
    if len(limits) > 1:
        raise NotSure("multiple_limits")
    ascending = "rank_least" in r.cues or any(limit.ascending for limit in r.limits)
    if query.intent == Intent.clients_by_credit_rating and r.credit and not limits:
        return  # "信用最差的D级客户": the superlative describes the rating named, it ranks nothing
    if query.intent not in RANKED:
        if limits or ascending or (r.ranked and r.cues & {"singular", "who"}):
            raise NotSure("unsupported:ranking")  # "哪个客户开票第一": a ranking this figure cannot give
        return
    if ascending and query.intent in (Intent.overdue_clients, Intent.top_debtors):
        raise NotSure("unsupported:ascending")
    query.ascending = ascending
    if limits:
        query.limit = limits.pop()
    elif query.intent != Intent.staff_ranking and (r.cues & {"singular"} or (
            "who" in r.cues and r.ranked and "plural" not in r.cues)):  # "who are our biggest clients": several
        query.limit = 1
    elif query.intent == Intent.top_debtors and not r.ranked and "debtor" not in r.cues:
        query.limit = 1000  # "哪些客户有欠款": all of them, largest first
    if query.intent == Intent.staff_ranking:
        query.metric = staff_metric(r)  # type: ignore[assignment]


def _service_and_tax(query: Query, r: Reading) -> None:
    services = r.attrs.get("service", [])
    if query.intent == Intent.contracts_expiring:
        services = services + r.soft.get("service", [])
    if services:
        if query.intent != Intent.contracts_expiring or len(set(services)) > 1:
            raise NotSure("unsupported:service")
        query.service_type = ServiceType(services[0])
    taxes = list(dict.fromkeys(r.attrs.get("tax", [])))
    if taxes:
        if query.intent not in (Intent.tax_filers, Intent.tax_deadline) or len(taxes) > 1:
            raise NotSure("unsupported:tax")
        query.tax = taxes[0]
    if query.intent == Intent.documents_missing:
        # "past their deadline" / "过了截止日期" asks for late documents only, never the broader missing list
        if "tax_deadline" in r.cues and "when" in r.cues:
            raise NotSure("ambiguous:documents_deadline")
        query.late_only = bool(r.cues & {"late", "overdue", "tax_deadline"})


def _staff_asked(query: Query, r: Reading, viewer: Viewer) -> None:
    staff = list(r.mentions.staff)
    if query.intent == Intent.staff_client_count:
        if len(staff) > 1:
            raise NotSure("multiple_staff")
        query.staff_id = staff[0] if staff else viewer.staff_id
        if query.staff_id is None:
            raise NotSure("missing:staff")


def _client_filter(query: Query, r: Reading, viewer: Viewer) -> ClientFilter:
    intent = query.intent
    industries = list(r.attrs.get("industry", []))
    if intent != Intent.contracts_expiring:
        industries += r.soft.get("industry", [])
    statuses = ALL_STATUSES if "all_statuses" in r.cues else [ClientStatus(s) for s in r.attrs.get("status", [])]
    owners = _owners(intent, r, viewer)
    out = ClientFilter(
        owner_ids=owners,
        owner_teams=bool(owners) and "dimword_team" in r.cues and "dim_team" not in r.cues,  # "王芳团队的"
        client_ids=list(r.mentions.clients) or None,
        regions=_unique(r.attrs.get("region", [])),
        industries=_unique(industries),
        tags=_unique(r.attrs.get("tag", [])),
        tiers=[Tier(t) for t in _unique(r.attrs.get("tier", []))],
        taxpayer_types=[TaxpayerType(t) for t in _unique(r.attrs.get("taxpayer", []))],
        statuses=list(dict.fromkeys(statuses)) or None,
    )
    if intent in NO_CLIENT_FILTER and not out.is_empty():
        raise NotSure("unsupported:client_filter")
    return out


def _owners(intent: Intent, r: Reading, viewer: Viewer) -> list[int] | None:
    """"我的" → the asker; "王芳的" → 王芳 (both: both). A colleague asked *about* is not an owner filter."""
    if intent == Intent.staff_client_count:
        return None
    owners = list(r.mentions.staff)
    if r.owner_me:
        if viewer.staff_id is None:
            raise NotSure("missing:staff")
        if viewer.staff_id not in owners:
            owners.append(viewer.staff_id)
    return owners or None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _contact_query(query: Query, r: Reading, today: date) -> Query:
    """A client contact sees only its own invoices, document requests and filing deadlines: no filters."""
    if r.limits or r.days or r.amounts or r.credit or r.has_client_filter():
        raise NotSure("unsupported:filter")
    if query.intent != Intent.my_invoices:
        _period(query, r, today)
    elif r.periods:
        raise NotSure("unsupported:period")
    return query
