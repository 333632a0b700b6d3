"""Tax filing deadlines → each owner: the clients whose filings are due, at T−5, T−2 and on the day.

T−N counts working days (domain.calendar): a filing is N working days away when N working days fall after today
and on or before its deadline — so a deadline on a rest day (工商年报 on 30 June) is "today" on the last working
day before it. Filings come from each active client's tax obligations and the filing calendar
(domain.calendar.upcoming_filings: monthly, quarterly in Jan/Apr/Jul/Oct, the annual items). The calendar is
asked once per distinct set of obligations, not once per client.

Filed returns: `unfiled()` drops filings already marked done by a service workflow (domain.workflows.effects), so
every reminder and the digest stop naming a client's filing the moment it is marked done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.jobs.context import PlanContext
from bot.jobs.draft import Draft
from bot.reply import Reply
from domain.calendar import add_working_days, upcoming_filings, working_days_between
from domain.models import Client, ClientStatus, TaxObligation
from domain.workflows.effects import filed_check

KIND = "tax_deadline"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ClientFiling:
    client_id: int
    client: str
    owner_id: int
    tax: str
    period: str
    deadline: date
    source: str  # published | rule


def client_filings(session: Session, start: date, end: date, *, annual_items: bool = True,
                   extra_dir: Path | None = None) -> list[ClientFiling]:
    """Every active client's filings with a deadline in [start, end], by deadline, client, tax."""
    stmt = (select(Client.id, Client.name, Client.owner_id, TaxObligation.tax, TaxObligation.frequency)
            .join(Client, Client.id == TaxObligation.client_id)
            .where(Client.status == ClientStatus.active.value))
    obligations: dict[tuple[int, str, int], set[tuple[str, str]]] = defaultdict(set)
    for cid, name, owner, tax, frequency in session.execute(stmt):
        obligations[(cid, name, owner)].add((tax, str(frequency)))
    by_set: dict[frozenset[tuple[str, str]], list] = {}
    out = []
    for (cid, name, owner), owed in obligations.items():
        key = frozenset(owed)
        if key not in by_set:
            by_set[key] = upcoming_filings(sorted(key), start, end, extra_dir=extra_dir, annual_report=annual_items)
        out += [ClientFiling(cid, name, owner, f.tax, f.period, f.deadline, f.source) for f in by_set[key]]
    return sorted(out, key=lambda f: (f.deadline, f.client, f.tax, f.period))


def unfiled(session: Session, filings: list[ClientFiling]) -> list[ClientFiling]:
    """The filings not marked done yet: a done workflow stage that files (代理记账 纳税申报 of the period, 汇算申报,
    工商年报 公示提交) drops them — domain.workflows.effects.filed_check, one grouped query."""
    if not filings:
        return filings
    filed = filed_check(session, {f.client_id for f in filings})
    return [f for f in filings if not filed(f.client_id, f.tax, f.period, f.deadline)]


@cache
def working_days_left(today: date, deadline: date) -> int:
    """Working days after today, up to and including the deadline (0 on the deadline, or on the last working day
    before a deadline that falls on a rest day)."""
    return working_days_between(today + ONE_DAY, deadline + ONE_DAY)


def firm_filings(ctx: PlanContext) -> list[ClientFiling]:
    """Every unfiled filing from today to the reminders' horizon or the end of this week (whichever is later),
    computed once per run for the tax reminders and the digest."""
    found = ctx.memo.get("filings")
    if found is None:
        settings = ctx.reminders.tax_deadlines
        horizon = add_working_days(ctx.today, max(settings.working_days_before, default=0) + 1)
        end = max(horizon, ctx.today + timedelta(days=6 - ctx.today.weekday()))
        found = unfiled(ctx.session, client_filings(ctx.session, ctx.today, end, annual_items=settings.annual_items,
                                                    extra_dir=ctx.tax_calendar_dir))
        ctx.memo["filings"] = found
    return found


def due_filings(ctx: PlanContext, offsets: list[int]) -> list[tuple[ClientFiling, int]]:
    """The unfiled filings whose deadline is exactly N working days away for an N in `offsets`."""
    wanted = set(offsets)
    due = [(f, working_days_left(ctx.today, f.deadline)) for f in firm_filings(ctx)]
    return [(f, left) for f, left in due if left in wanted]


def plan(ctx: PlanContext) -> list[Draft]:
    settings = ctx.reminders.tax_deadlines
    if not settings.enabled or not settings.working_days_before or not ctx.runs():
        return []
    by_owner: dict[int, list[tuple[ClientFiling, int]]] = defaultdict(list)
    for filing, left in due_filings(ctx, settings.working_days_before):
        by_owner[filing.owner_id].append((filing, left))
    drafts = []
    for owner_id, items in sorted(by_owner.items()):
        to = ctx.directory.staff(owner_id)
        if to is None:
            ctx.missed(KIND)
            continue
        reply = _reply(ctx, to.label, items)
        clients = ctx.units("clients", len({f.client_id for f, _ in items}))
        drafts.append(ctx.draft(KIND, to, "filings", reply,
                                about=ctx.say("tax.subject", clients=clients)))
    return drafts


def _reply(ctx: PlanContext, name: str, items: list[tuple[ClientFiling, int]]) -> Reply:
    by_deadline: dict[tuple[date, int, str], dict[str, list[ClientFiling]]] = defaultdict(lambda: defaultdict(list))
    for filing, left in items:
        by_deadline[(filing.deadline, left, filing.source)][filing.client].append(filing)
    sections = []
    for (deadline, left, source), clients in sorted(by_deadline.items()):
        when = ctx.say("tax.today") if left == 0 else ctx.say("tax.left", days=ctx.units("working_days", left))
        heading = ctx.say("tax.heading", deadline=ctx.day_and_weekday(deadline), when=when,
                          clients=ctx.units("clients", len(clients)), source=ctx.say(f"tax.source_{source}"))
        lines = [ctx.say("tax.line", client=client, filings=ctx.join(
                     [ctx.say("tax.filing", tax=f.tax, period=f.period) for f in rows]))
                 for client, rows in sorted(clients.items())]
        sections.append((heading, lines))
    clients = len({f.client_id for f, _ in items})
    first_left = min(left for _, left in items)
    intro = ctx.say("tax.intro_today" if first_left == 0 else "tax.intro", name=name,
                    clients=ctx.units("clients", clients))
    data = {"kind": KIND, "filings": [{"client": f.client, "tax": f.tax, "period": f.period,
                                       "deadline": f.deadline.isoformat(), "working_days_left": left}
                                      for f, left in items]}
    return Reply(intent=KIND, title=ctx.say("tax.title"), text=intro, sections=sections, locale=ctx.locale,
                 source="system", data=data)
