"""The daily digest → every manager and admin at 08:30 on working days, limited to what each of them sees.

Gathered ONCE for the whole firm (grouped by client owner) and then added up per reader (figures.py), so the run
costs the same few queries however many readers there are:
- collected since the last working day (yesterday, or Friday–Sunday on a Monday) and this month;
- collection rate of this month and of last month; overdue total and aging;
- NEW overdue clients: overdue today but not on the last working day;
- contracts expiring in the next 30 days; filings due this week (from today to Sunday, not filed);
- late documents; clients at risk: active clients with a health score below 60 (semantics.md);
- a chart of the last 12 months' collections (Reply.chart, drawn as a PNG by the senders).
Every definition is domain.facts' (semantics.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.jobs import digest_reply, files_digest, workflow_digest
from bot.jobs.context import FIRM, PlanContext
from bot.jobs.draft import Draft
from bot.jobs.figures import OwnerSums, aging_by_owner, collected_by_owner, collection_rate_by_owner, group_by_owner
from bot.jobs.steps import previous_working_day
from bot.jobs.tax import ClientFiling, firm_filings
from bot.reply import Action
from bot.texts import Locale, t
from domain.calendar import is_working_day
from domain.facts.common import month_bounds, month_of
from domain.facts.contracts import expiring
from domain.facts.documents import missing_documents
from domain.facts.receivables import overdue_clients
from domain.metrics.answers import AT_RISK_BELOW
from domain.metrics.health import client_health

KIND = "digest"


@dataclass(frozen=True)
class Risk:
    client_id: int
    client: str
    rating: str | None  # a risky rating, or None
    days_silent: int | None  # days since the last contact when not contacted in N days (None: never contacted)
    not_contacted: bool
    score: int | None = None  # the health score (below 60)


@dataclass
class DigestFacts:
    today: date
    since: date  # the first day of "collected since the last working day"
    months: list[str]  # the chart's months, oldest first
    collected: OwnerSums  # [since → yesterday, this month, *each chart month]
    rate_this: OwnerSums
    rate_last: OwnerSums
    aging: OwnerSums
    overdue: dict[int, list]  # owner → OverdueClient (today)
    new_overdue: dict[int, list]
    expiring: dict[int, list]  # owner → ContractRow
    filings: dict[int, list[ClientFiling]]
    late_documents: dict[int, list]  # owner → MissingDocuments
    at_risk: dict[int, list[Risk]]


def chart_months(today: date, count: int) -> list[str]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def gather(ctx: PlanContext) -> DigestFacts:
    settings, today, session = ctx.reminders.digest, ctx.today, ctx.session
    since = previous_working_day(today) if ctx.reminders.working_days_only else today - timedelta(days=1)
    months = chart_months(today, settings.chart_months)
    windows = [(since, today - timedelta(days=1)), (today.replace(day=1), today), *map(month_bounds, months)]
    last_month = month_of(today.replace(day=1) - timedelta(days=1))
    def owner(row) -> int:
        return ctx.clients[row.client_id].owner_id

    now = overdue_clients(session, FIRM, today)
    before = {row.client_id for row in overdue_clients(session, FIRM, since)}
    week_end = today + timedelta(days=6 - today.weekday())
    filings = [f for f in firm_filings(ctx) if f.deadline <= week_end]
    return DigestFacts(
        today=today, since=since, months=months,
        collected=collected_by_owner(session, today, windows),
        rate_this=collection_rate_by_owner(session, today, *month_bounds(month_of(today))),
        rate_last=collection_rate_by_owner(session, today, *month_bounds(last_month)),
        aging=aging_by_owner(session, today),
        overdue=group_by_owner(now, owner),
        new_overdue=group_by_owner([r for r in now if r.client_id not in before], owner),
        expiring=group_by_owner(expiring(session, FIRM, today, today, today + timedelta(days=settings.expiring_days)),
                                lambda r: ctx.directory.by_name.get(r.owner)),
        filings=group_by_owner(filings, lambda f: f.owner_id),
        late_documents=group_by_owner(missing_documents(session, FIRM, today, late_only=True),
                                      owner),
        at_risk=group_by_owner(_at_risk(ctx), owner),
    )


def _at_risk(ctx: PlanContext) -> list[Risk]:
    """Active clients with a health score below 60 (semantics.md "at risk"); the reason names the score, a rating in
    `risk_ratings` and a silence of more than `not_contacted_days`."""
    settings = ctx.reminders.digest
    risky = set(settings.risk_ratings)
    out = []
    for row in client_health(ctx.session, FIRM, ctx.today):
        if row.score >= AT_RISK_BELOW:
            continue
        days = row.inputs.days_since_contact
        silent = days is None or days > settings.not_contacted_days
        rating = row.inputs.credit_rating if row.inputs.credit_rating in risky else None
        out.append(Risk(row.client_id, row.client, rating, days if silent else None, silent, row.score))
    return out


def board_button(locale: Locale) -> Action:
    from bot.board.chat import BUTTON

    return Action(label=t(locale, "board.link_button"), value=BUTTON)


def plan(ctx: PlanContext) -> list[Draft]:
    settings = ctx.reminders.digest
    if not settings.enabled or not is_working_day(ctx.today) or not ctx.runs(settings.at):
        return []
    readers = [(person, ctx.directory.staff(person.id)) for person in ctx.directory.readers()]
    if not readers:
        return []
    facts = gather(ctx)
    workflows = workflow_digest.gather(ctx)  # service workflow numbers (bot/jobs/workflow_digest.py)
    drafts = []
    for person, to in readers:
        if to is None:
            ctx.missed(KIND)
            continue
        reply = digest_reply.render(ctx, facts, ctx.directory.viewer(person.id), person.name)
        workflow_digest.add(ctx, reply, workflows, ctx.directory.viewer(person.id))
        files_digest.add(ctx, reply, ctx.directory.viewer(person.id), facts.since)  # documents clients sent in chat
        reply.actions.append(board_button(ctx.locale))  # 打开看板: a one-time board link for the presser
        drafts.append(ctx.draft(KIND, to, "daily", reply,
                                about=ctx.say("digest.subject", day=ctx.day(ctx.today))))
    return drafts
