"""One reader's digest as a Reply: the figures as label/value fields, a headed list per topic (the first rows,
with how many more), the 12-month collections chart, and every figure again in `data` (machine-readable)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bot.format import jsonable, percent
from bot.jobs.context import PlanContext
from bot.jobs.figures import visible
from bot.reply import Chart, Reply
from domain.facts.common import money, ratio
from domain.facts.receivables import BUCKETS
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.jobs.digest import DigestFacts, Risk

Section = tuple[tuple[str, list[str]], tuple[str, int]]  # (heading, lines), (topic, how many rows)


def render(ctx: PlanContext, facts: DigestFacts, viewer: Viewer, name: str) -> Reply:
    figures = _figures(facts, viewer)
    fields = _fields(ctx, facts, figures)
    sections = [
        _section(ctx, "new_overdue", sorted(visible(facts.new_overdue, viewer),
                                            key=lambda r: (-r.overdue_amount, r.client)),
                 lambda r: ctx.say("digest.lines.new_overdue", client=r.client, owner=r.owner,
                                   amount=ctx.money(r.overdue_amount), days=ctx.units("days", r.max_days_overdue))),
        _section(ctx, "expiring", sorted(visible(facts.expiring, viewer), key=lambda r: (r.end_on, r.contract_no)),
                 lambda r: ctx.say("digest.lines.expiring", contract=r.contract_no, client=r.client,
                                   end=ctx.day(r.end_on), days=ctx.units("days", (r.end_on - ctx.today).days),
                                   owner=r.owner)),
        _filings(ctx, facts, viewer),
        _section(ctx, "late_documents", sorted(visible(facts.late_documents, viewer),
                                               key=lambda r: (r.earliest_due, r.client)),
                 lambda r: ctx.say("digest.lines.late_documents", client=r.client, owner=r.owner,
                                   items=ctx.join(list(dict.fromkeys(r.missing(False)))),
                                   days=ctx.units("days", (ctx.today - r.earliest_due).days))),
        _section(ctx, "at_risk", sorted(visible(facts.at_risk, viewer), key=_risk_order),
                 lambda r: ctx.say("digest.lines.at_risk", client=r.client, why=_risk_reason(ctx, r))),
    ]
    scope = ctx.say("digest.scope_all") if viewer.owner_ids is None else ctx.say(
        "digest.scope_team", people=ctx.units("people", len(viewer.owner_ids)))
    return Reply(intent="digest", title=ctx.say("digest.title", day=ctx.day_and_weekday(ctx.today)),
                 text=ctx.say("digest.intro", name=name, scope=scope), fields=fields,
                 sections=[s for s, _ in sections], chart=_chart(ctx, facts, figures), locale=ctx.locale,
                 source="system", data=jsonable({**figures, "counts": {k: n for k, n in _counts(sections)}}))


def _figures(facts: DigestFacts, viewer: Viewer) -> dict[str, Any]:
    collected = facts.collected.total(viewer)
    this_due, this_paid = facts.rate_this.total(viewer)
    last_due, last_paid = facts.rate_last.total(viewer)
    aging = facts.aging.total(viewer)
    overdue_rows = visible(facts.overdue, viewer)
    return {
        "collected_since": money(collected[0]), "since": facts.since, "collected_month": money(collected[1]),
        "rate_this_month": ratio(this_paid, this_due), "due_this_month": money(this_due),
        "rate_last_month": ratio(last_paid, last_due), "due_last_month": money(last_due),
        "overdue_total": money(sum(aging[0::2])), "overdue_clients": len(overdue_rows),
        "aging": {label: money(aging[2 * i]) for i, (label, _, _) in enumerate(BUCKETS)},
        "monthly_collected": {month: money(collected[2 + i]) for i, month in enumerate(facts.months)},
    }


def _fields(ctx: PlanContext, facts: DigestFacts, figures: dict[str, Any]) -> list[tuple[str, str]]:
    yesterday = ctx.today - timedelta(days=1)
    since_label = (ctx.say("digest.fields.collected_yesterday") if facts.since == yesterday else
                   ctx.say("digest.fields.collected_since", start=ctx.day(facts.since), end=ctx.day(yesterday)))
    aging = " · ".join(ctx.say("digest.aging_part", bucket=ctx.say(f"digest.buckets.{label}"), amount=ctx.money(v))
                       for label, v in figures["aging"].items())
    return [
        (since_label, ctx.money(figures["collected_since"])),
        (ctx.say("digest.fields.collected_month"), ctx.money(figures["collected_month"])),
        (ctx.say("digest.fields.rate_this_month"), _rate(ctx, figures["rate_this_month"], figures["due_this_month"])),
        (ctx.say("digest.fields.rate_last_month"), _rate(ctx, figures["rate_last_month"], figures["due_last_month"])),
        (ctx.say("digest.fields.overdue_total"), ctx.say("digest.overdue_value", amount=ctx.money(
            figures["overdue_total"]), clients=ctx.units("clients", figures["overdue_clients"]))),
        (ctx.say("digest.fields.aging"), aging),
    ]


def _rate(ctx: PlanContext, rate: float | None, due: Decimal) -> str:
    if rate is None:
        return ctx.say("digest.no_rate")
    return ctx.say("digest.rate_value", rate=percent(rate), due=ctx.money(due))


def _section(ctx: PlanContext, topic: str, rows: list[Any], line: Callable[[Any], str]) -> Section:
    limit = ctx.reminders.digest.rows
    lines = [line(row) for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(ctx.say("digest.more", count=len(rows) - limit))
    if not rows:
        lines = [ctx.say("digest.none")]
    return (ctx.say(f"digest.sections.{topic}", count=len(rows)), lines), (topic, len(rows))


def _filings(ctx: PlanContext, facts: DigestFacts, viewer: Viewer) -> Section:
    """Filings due this week: one line per deadline with how many clients and filings."""
    rows = visible(facts.filings, viewer)
    by_deadline: dict[date, tuple[set[int], int]] = {}
    for filing in rows:
        clients, count = by_deadline.get(filing.deadline, (set(), 0))
        by_deadline[filing.deadline] = (clients | {filing.client_id}, count + 1)
    lines = [ctx.say("digest.lines.filings", deadline=ctx.day_and_weekday(day),
                     clients=ctx.units("clients", len(clients)), filings=ctx.units("filings", n))
             for day, (clients, n) in sorted(by_deadline.items())] or [ctx.say("digest.none")]
    clients = len({f.client_id for f in rows})
    return (ctx.say("digest.sections.filings", clients=ctx.units("clients", clients)), lines), ("filings", clients)


def _risk_order(risk: Risk) -> tuple:
    return (risk.score if risk.score is not None else 100, risk.client)  # lowest health first, ties by name


def _risk_reason(ctx: PlanContext, risk: Risk) -> str:
    parts = [ctx.say("health.digest_reason", score=risk.score)] if risk.score is not None else []
    if risk.rating:
        parts.append(ctx.say("digest.risk.rating", rating=risk.rating))
    if risk.not_contacted:
        parts.append(ctx.say("digest.risk.never") if risk.days_silent is None else
                     ctx.say("digest.risk.silent", days=ctx.units("days", risk.days_silent)))
    return ctx.join(parts)


def _chart(ctx: PlanContext, facts: DigestFacts, figures: dict[str, Any]) -> Chart:
    title = ctx.say("digest.chart.title", months=len(facts.months))
    series = ctx.say("digest.chart.series")
    values = [float(v) for v in figures["monthly_collected"].values()]  # drawing only; the figures stay exact
    english = {title: f"Collections, last {len(facts.months)} months ({ctx.settings.currency})", series: "Collected"}
    return Chart(kind="bar", title=title, labels=list(facts.months), series={series: values}, english=english)


def _counts(sections: list[Section]) -> list[tuple[str, int]]:
    return [count for _, count in sections]
