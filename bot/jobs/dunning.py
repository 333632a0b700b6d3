"""Payment dunning → the client: ONE message per client listing all its open invoices.

A client is written to on a day when one of its open invoices is at a step: N days before its due date (default
3), on the due date, and N days after it (default 7, 14, 30, 60, then every 30 days while it stays open). The
message lists every open invoice issued by today (outstanding > 0, domain.facts.receivables.open_invoices), so a
paid invoice drops out and a client with nothing open gets nothing. The tone follows the client's credit rating
(domain.facts.credit: A/B polite, C/D firm by default); for the ratings in `copy_owner_ratings` (default D) the
owner gets a copy, and when an invoice is `escalate_to_manager_days` (30) or more overdue the owner's manager is
told. Copies and escalations are gathered into one message per recipient per day (kind "escalation").
A disputed invoice is left out until resolved, and a client with an open promise to pay is not written to through
the promised date (domain.facts.holds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bot.format import jsonable
from bot.jobs.context import FIRM, PlanContext
from bot.jobs.draft import Draft
from bot.jobs.escalation import Escalations
from bot.reply import Reply, TableColumn
from domain.facts.holds import disputed_invoices, paused_clients
from domain.facts.receivables import OpenInvoiceRow, open_invoices

KIND = "dunning"


@dataclass
class Dunned:
    client_id: int
    client: str
    owner_id: int
    invoices: list[OpenInvoiceRow] = field(default_factory=list)
    step: str = ""  # the most advanced step firing today: before-3 | due | after-7 …
    rating: str = "N/A"

    def days_overdue(self, today: date) -> int:
        return max(((today - inv.due_on).days for inv in self.invoices if inv.due_on < today), default=0)

    def total(self) -> Decimal:
        return sum((inv.outstanding for inv in self.invoices), Decimal("0.00"))

    def overdue(self, today: date) -> Decimal:
        return sum((inv.outstanding for inv in self.invoices if inv.due_on < today), Decimal("0.00"))


def dunned_clients(ctx: PlanContext) -> list[Dunned]:
    """Clients with an open invoice at a step today, each with all its open invoices and its rating."""
    settings = ctx.reminders.dunning
    ahead = list(settings.days_before_due) + ([0] if settings.on_due else [])
    by_client: dict[int, Dunned] = {}
    fired: dict[int, tuple[int, str]] = {}
    disputed, paused = disputed_invoices(ctx.session), paused_clients(ctx.session, ctx.today)
    for inv in open_invoices(ctx.session, FIRM, ctx.today, issued_only=True):
        if inv.outstanding <= 0 or inv.invoice_no in disputed:  # a disputed invoice waits until it is resolved
            continue
        cid = ctx.client_ids[inv.client]
        if cid in paused:  # a promise to pay pauses dunning through its date
            continue
        entry = by_client.setdefault(cid, Dunned(cid, inv.client, ctx.clients[cid].owner_id))
        entry.invoices.append(inv)
        step = _step(ctx, inv, ahead)
        if step is not None and (cid not in fired or step[0] > fired[cid][0]):
            fired[cid] = step
    chosen = [by_client[cid] for cid in sorted(fired)]
    for entry in chosen:
        entry.step = fired[entry.client_id][1]
        entry.rating = ctx.ratings.get(entry.client_id, "N/A")
    return chosen


def _step(ctx: PlanContext, inv: OpenInvoiceRow, ahead: list[int]) -> tuple[int, str] | None:
    """(severity, name) of the invoice's step firing today, if any."""
    settings = ctx.reminders.dunning
    after = ctx.steps.after_anchor(inv.due_on, settings.days_after_due, settings.then_every_days)
    if after is not None and after > 0:
        return (after, f"after-{after}")
    before = ctx.steps.before_anchor(inv.due_on, ahead)
    if before is None:
        return None
    return (-before, "due" if before == 0 else f"before-{before}")


def plan(ctx: PlanContext, escalations: Escalations) -> list[Draft]:
    settings = ctx.reminders.dunning
    if not settings.enabled or not ctx.runs():
        return []
    dunned = dunned_clients(ctx)
    reach = ctx.directory.clients(d.client_id for d in dunned)
    drafts = []
    for entry in dunned:
        recipients = reach.get(entry.client_id, [])
        if not recipients:
            ctx.missed(KIND)
        reply = _client_reply(ctx, entry)
        for to in recipients:
            drafts.append(ctx.draft(KIND, to, "open-invoices", reply, client_facing=True, about=entry.client))
        _escalate(ctx, escalations, entry, reached=bool(recipients))
    return drafts


def _escalate(ctx: PlanContext, escalations: Escalations, entry: Dunned, *, reached: bool) -> None:
    """The owner's copy (ratings in copy_owner_ratings, or a client that could not be reached) and the manager's
    notice (an invoice escalate_to_manager_days or more overdue)."""
    settings = ctx.reminders.dunning
    days = entry.days_overdue(ctx.today)
    values = {"client": entry.client, "rating": entry.rating, "total": ctx.money(entry.total()),
              "overdue": ctx.money(entry.overdue(ctx.today)), "days": ctx.units("days", days),
              "sent": ctx.say("escalation.sent" if reached else "escalation.unreachable")}
    if entry.rating in settings.copy_owner_ratings or not reached:
        escalations.add("dunning_copy", entry.owner_id, ctx.say("escalation.dunning_copy.line", **values),
                        entry.client_id)
    if settings.escalate_to_manager_days > 0 and days >= settings.escalate_to_manager_days:
        manager = ctx.directory.manager_of(entry.owner_id)
        if manager is not None:
            owner = ctx.directory.people[entry.owner_id].name
            escalations.add("dunning_manager", manager,
                            ctx.say("escalation.dunning_manager.line", owner=owner, **values), entry.client_id)


def _client_reply(ctx: PlanContext, entry: Dunned) -> Reply:
    today = ctx.today
    tone = ctx.reminders.dunning.tone_for(entry.rating)
    overdue = entry.overdue(today)
    situation = "overdue" if overdue > 0 else ("due" if entry.step == "due" else "soon")
    text = ctx.say(f"dunning.{tone}.{situation}", client=entry.client, total=ctx.money(entry.total()),
                   overdue=ctx.money(overdue), days=ctx.units("days", entry.days_overdue(today)),
                   invoices=ctx.units("invoices", len(entry.invoices)))
    columns = [TableColumn(key=k, label=ctx.say(f"dunning.columns.{k}"), align=a) for k, a in
               (("invoice_no", "left"), ("due_on", "left"), ("outstanding", "right"), ("status", "left"))]
    rows = [[inv.invoice_no, ctx.day(inv.due_on), ctx.money(inv.outstanding), _status(ctx, inv)]
            for inv in entry.invoices]
    owner = ctx.directory.people.get(entry.owner_id)
    closing = ctx.say(f"dunning.{tone}.closing", owner=owner.name if owner else "")
    data = {"kind": KIND, "client": entry.client, "rating": entry.rating, "step": entry.step, "tone": tone,
            "invoices": [{"invoice_no": inv.invoice_no, "due_on": inv.due_on.isoformat(),
                          "outstanding": jsonable(inv.outstanding)} for inv in entry.invoices]}
    return Reply(intent=KIND, title=ctx.say(f"dunning.{tone}.title", client=entry.client), text=text,
                 columns=columns, rows=rows, total_rows=len(rows), sections=[("", [closing])], locale=ctx.locale,
                 source="system", data=data)


def _status(ctx: PlanContext, inv: OpenInvoiceRow) -> str:
    days = (inv.due_on - ctx.today).days
    if days > 0:
        return ctx.say("dunning.status.soon", days=ctx.units("days", days))
    if days == 0:
        return ctx.say("dunning.status.today")
    return ctx.say("dunning.status.overdue", days=ctx.units("days", -days))

