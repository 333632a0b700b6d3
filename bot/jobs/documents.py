"""Document chasing → the client's group chat (else its contacts): one message per client per day listing all its
pending items, friendly before the due date, firmer once an item is late.

Steps per pending item (domain.facts.documents: pending = missing): N days before its due date (default 3), and N
days after it (1, 3, 7, then every 7 days) until it is received — a received item is no longer pending, so the
chasing stops the moment it is marked received. Only active clients are chased. The message lists every pending
item due by the end of the chase window (today + the largest "days before"), the late ones first.

Chase counts (DocumentRequest.chase_count) are written WHEN THE CHASE IS PLANNED: each listed item of a client
that is written to counts one more chase, at most once per day (DocumentRequest.last_chased_on), so planning the
same day again — the same keys — never counts twice. (`record=False` plans without writing, for dry runs.)
A chase made when an item had already been chased `escalate_to_owner_after` times (default 3) is also reported to
the client's owner, and after `escalate_to_manager_after` (5) to the owner's manager. A client with no way to be
reached is reported to its owner instead of being chased.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select, update

from bot.jobs.context import FIRM, PlanContext
from bot.jobs.draft import Draft
from bot.jobs.escalation import Escalations
from bot.reply import Reply, TableColumn
from domain.facts.documents import PendingDocument, missing_documents
from domain.models import DocumentRequest, DocumentStatus

KIND = "document_chase"


@dataclass
class Chase:
    client_id: int
    client: str
    owner_id: int
    items: list[PendingDocument]
    chased_before: int  # the most any listed item had been chased before today's message
    step: str  # before-3 | after-7 …
    request_ids: list[int]  # the listed DocumentRequest rows

    def late(self, today: date) -> list[PendingDocument]:
        return [d for d in self.items if d.due_on < today]


def chases(ctx: PlanContext) -> list[Chase]:
    """The active clients whose pending items are at a step today, with what to list."""
    settings = ctx.reminders.documents
    window_end = ctx.steps.ahead[-1] + timedelta(days=max(settings.days_before_due, default=0))
    requests = _pending_requests(ctx)
    out = []
    for client in missing_documents(ctx.session, FIRM, ctx.today):
        if not ctx.is_active(client.client_id):
            continue
        listed = [d for d in client.documents if d.due_on <= window_end]
        step = _step(ctx, listed)
        if step is None:
            continue
        listed.sort(key=lambda d: (d.due_on, d.period, d.item))
        rows = [requests[(client.client_id, d.period, d.item)] for d in listed]
        before = max(d.chase_count - (last == ctx.today) for d, (_, last) in zip(listed, rows, strict=True))
        out.append(Chase(client.client_id, client.client, ctx.clients[client.client_id].owner_id, listed,
                         before, step, [request_id for request_id, _ in rows]))
    return out


def _step(ctx: PlanContext, items: list[PendingDocument]) -> str | None:
    settings = ctx.reminders.documents
    best: tuple[int, str] | None = None
    for doc in items:
        after = ctx.steps.after_anchor(doc.due_on, settings.days_after_due, settings.then_every_days)
        before = ctx.steps.before_anchor(doc.due_on, settings.days_before_due)
        found = (after, f"after-{after}") if after else (-before, f"before-{before}") if before is not None else None
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best else None


def _pending_requests(ctx: PlanContext) -> dict[tuple[int, str, str], tuple[int, date | None]]:
    """(client, period, item) → (request id, the day it was last chased) for every pending request: whether
    today's chase has already been counted (an earlier run of the same day), and the rows to count it on."""
    stmt = select(DocumentRequest.client_id, DocumentRequest.period, DocumentRequest.item, DocumentRequest.id,
                  DocumentRequest.last_chased_on).where(DocumentRequest.status == DocumentStatus.pending.value)
    return {(cid, period, item): (rid, last) for cid, period, item, rid, last in ctx.session.execute(stmt)}


def record(ctx: PlanContext, planned: list[Chase]) -> int:
    """Count today's chase on every listed item not counted yet today; returns the rows updated."""
    ids = sorted(rid for chase in planned for rid in chase.request_ids)
    updated = 0
    for start in range(0, len(ids), 500):
        stmt = (update(DocumentRequest)
                .where(DocumentRequest.id.in_(ids[start:start + 500]),
                       DocumentRequest.status == DocumentStatus.pending.value,
                       or_(DocumentRequest.last_chased_on.is_(None), DocumentRequest.last_chased_on < ctx.today))
                .values(chase_count=DocumentRequest.chase_count + 1, last_chased_on=ctx.today)
                .execution_options(synchronize_session=False))
        updated += ctx.session.execute(stmt).rowcount or 0
    return updated


def plan(ctx: PlanContext, escalations: Escalations, *, write: bool = True) -> list[Draft]:
    settings = ctx.reminders.documents
    if not settings.enabled or not ctx.runs():
        return []
    planned = chases(ctx)
    reach = ctx.directory.clients(c.client_id for c in planned)
    drafts, reached = [], []
    for chase in planned:
        recipients = reach.get(chase.client_id, [])
        reply = _client_reply(ctx, chase)
        for to in recipients:
            drafts.append(ctx.draft(KIND, to, "documents", reply, client_facing=True, about=chase.client))
        if recipients:
            reached.append(chase)
        else:
            ctx.missed(KIND)
        _escalate(ctx, escalations, chase, reached=bool(recipients))
    if write:
        record(ctx, reached)
    return drafts


def _escalate(ctx: PlanContext, escalations: Escalations, chase: Chase, *, reached: bool) -> None:
    settings = ctx.reminders.documents
    late = chase.late(ctx.today)
    values = {"client": chase.client, "items": ctx.join(list(dict.fromkeys(d.item for d in chase.items))),
              "times": ctx.units("times", chase.chased_before),
              "days": ctx.units("days", max(((ctx.today - d.due_on).days for d in late), default=0)),
              "sent": ctx.say("escalation.sent" if reached else "escalation.unreachable")}
    if not reached or chase.chased_before >= settings.escalate_to_owner_after:
        escalations.add("documents_owner", chase.owner_id, ctx.say("escalation.documents_owner.line", **values),
                        chase.client_id)
    if reached and chase.chased_before >= settings.escalate_to_manager_after:
        manager = ctx.directory.manager_of(chase.owner_id)
        if manager is not None:
            owner = ctx.directory.people[chase.owner_id].name
            escalations.add("documents_manager", manager,
                            ctx.say("escalation.documents_manager.line", owner=owner, **values), chase.client_id)


def _client_reply(ctx: PlanContext, chase: Chase) -> Reply:
    late = chase.late(ctx.today)
    tone = "firm" if late else "friendly"
    due = min(d.due_on for d in chase.items)
    text = ctx.say(f"documents.{tone}.text", client=chase.client, items=ctx.units("items", len(chase.items)),
                   late=ctx.units("items", len(late)),
                   due=ctx.day(due))
    columns = [TableColumn(key=k, label=ctx.say(f"documents.columns.{k}")) for k in ("period", "item", "due_on",
                                                                                     "status")]
    rows = [[d.period, d.item, ctx.day(d.due_on), _status(ctx, d.due_on)] for d in chase.items]
    data = {"kind": KIND, "client": chase.client, "tone": tone, "step": chase.step,
            "chase": chase.chased_before + 1,
            "items": [{"period": d.period, "item": d.item, "due_on": d.due_on.isoformat()} for d in chase.items]}
    return Reply(intent=KIND, title=ctx.say(f"documents.{tone}.title", client=chase.client), text=text,
                 columns=columns, rows=rows, total_rows=len(rows),
                 sections=[("", [ctx.say(f"documents.{tone}.closing")])], locale=ctx.locale, source="system",
                 data=data)


def _status(ctx: PlanContext, due_on: date) -> str:
    days = (due_on - ctx.today).days
    if days > 0:
        return ctx.say("documents.status.soon", days=ctx.units("days", days))
    if days == 0:
        return ctx.say("documents.status.today")
    return ctx.say("documents.status.late", days=ctx.units("days", -days))

