"""Contract renewals → the owner, 60, 30 and 7 days before an expiring contract ends.

Expiring is semantics.md's (domain.facts.contracts.expiring): not terminated, not renewed, whatever the client's
status. One message per owner per day lists every contract at a step that day. With working days only, a step on a
rest day is planned on the working day before it (steps.py), and the message says how many days are really left.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from bot.format import jsonable
from bot.jobs.context import FIRM, PlanContext
from bot.jobs.draft import Draft
from bot.reply import Reply, TableColumn
from bot.texts import value_name
from domain.facts.contracts import ContractRow, expiring

KIND = "renewal"


def due_contracts(ctx: PlanContext, offsets: list[int]) -> list[tuple[ContractRow, int]]:
    """(contract, step) for every expiring contract whose N-days-before-end step fires today."""
    rows = expiring(ctx.session, FIRM, ctx.today, ctx.today, ctx.steps.ahead[-1] + timedelta(days=max(offsets)))
    out = []
    for row in rows:
        step = ctx.steps.before_anchor(row.end_on, offsets)
        if step is not None:
            out.append((row, step))
    return out


def plan(ctx: PlanContext) -> list[Draft]:
    settings = ctx.reminders.renewals
    if not settings.enabled or not settings.days_before_end or not ctx.runs():
        return []
    by_owner: dict[int, list[tuple[ContractRow, int]]] = defaultdict(list)
    for row, step in due_contracts(ctx, settings.days_before_end):
        owner_id = ctx.directory.by_name.get(row.owner)
        if owner_id is not None:
            by_owner[owner_id].append((row, step))
    drafts = []
    for owner_id, items in sorted(by_owner.items()):
        to = ctx.directory.staff(owner_id)
        if to is None:
            ctx.missed(KIND)
            continue
        drafts.append(ctx.draft(KIND, to, "contracts", _reply(ctx, to.label, items),
                                about=ctx.join(sorted({row.contract_no for row, _ in items}))))
    return drafts


def _reply(ctx: PlanContext, name: str, items: list[tuple[ContractRow, int]]) -> Reply:
    columns = [TableColumn(key=k, label=ctx.say(f"renewal.columns.{k}"), align=a) for k, a in
               (("contract_no", "left"), ("client", "left"), ("service_type", "left"), ("end_on", "left"),
                ("days_left", "right"), ("amount", "right"))]
    rows = [[row.contract_no, row.client, value_name(ctx.locale, "service_type", row.service_type),
             ctx.day(row.end_on), ctx.units("days", (row.end_on - ctx.today).days), ctx.money(row.amount)]
            for row, _ in items]
    first = min(row.end_on for row, _ in items)
    text = ctx.say("renewal.intro", name=name, contracts=ctx.units("contracts", len(items)), first=ctx.day(first))
    data = {"kind": KIND, "contracts": [{"contract_no": row.contract_no, "client": row.client,
                                         "end_on": row.end_on.isoformat(), "step": step,
                                         "days_left": (row.end_on - ctx.today).days, "amount": jsonable(row.amount)}
                                        for row, step in items]}
    return Reply(intent=KIND, title=ctx.say("renewal.title"), text=text, columns=columns, rows=rows,
                 total_rows=len(rows), suggestions=[ctx.say("renewal.suggestion")], locale=ctx.locale,
                 source="system", data=data)
