"""Health alerts (kind "health_alert", semantics.md "Client value and health"): on each morning run, every active
client's health score is compared with the score stored by the previous morning run (`ClientHealthMark`). A client
whose score fell below 60 (from 60 or more), or dropped by 20 points or more, alerts its owner and the owner's
manager — one message per person per day listing their clients, each with what changed ("新增逾期 ¥8,600；90天未联系").
The new scores are then stored, so a drop alerts once: the next run compares with the lowered score.

The first run (no stored score for a client) stores a baseline and alerts nobody: a fresh install must not send an
alert for every weak client at once (the digest lists the clients at risk every morning anyway).
With `write=False` (a dry run) scores are compared but not stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, select

from bot.jobs.context import FIRM, PlanContext
from bot.jobs.draft import Draft
from bot.reply import Reply
from domain.facts.common import money
from domain.metrics.health import ClientHealth, client_health
from domain.models import ClientHealthMark

KIND = "health_alert"
BELOW = 60
DROP = 20


@dataclass(frozen=True)
class Drop:
    client_id: int
    client: str
    owner_id: int
    before: int
    now: int
    changes: list[str]


def _encode(penalties: dict[str, int]) -> str:
    return ";".join(f"{name}={value}" for name, value in penalties.items())


def _decode(text: str) -> dict[str, int]:
    out = {}
    for part in filter(None, text.split(";")):
        name, _, value = part.partition("=")
        out[name] = int(value or 0)
    return out


def plan(ctx: PlanContext, *, write: bool = True) -> list[Draft]:
    if not ctx.runs():
        return []
    rows = client_health(ctx.session, FIRM, ctx.today)
    marks = {m.client_id: m for m in ctx.session.execute(select(ClientHealthMark)).scalars()}
    drops = [d for r in rows if (d := _drop(ctx, r, marks.get(r.client_id))) is not None]
    if write:
        _store(ctx, rows, marks)
    return _drafts(ctx, drops)


def _drop(ctx: PlanContext, row: ClientHealth, mark: ClientHealthMark | None) -> Drop | None:
    if mark is None or mark.checked_on >= ctx.today:
        return None  # a baseline, or already compared today (a later run of the same day)
    now = row.score
    if not ((mark.score >= BELOW > now) or mark.score - now >= DROP):
        return None
    return Drop(row.client_id, row.client, row.owner_id, mark.score, now, _changes(ctx, row, mark))


def _changes(ctx: PlanContext, row: ClientHealth, mark: ClientHealthMark) -> list[str]:
    """The penalties that grew since the last run, in words."""
    before, now, h = _decode(mark.penalties), row.penalties(ctx.today), row.inputs
    out = []
    for name, value in now.items():
        if value <= before.get(name, 0):
            continue
        if name == "overdue":
            new = h.overdue_amount - money(mark.overdue_cents) if mark.overdue_cents else h.overdue_amount
            out.append(ctx.say("health.change.overdue", amount=ctx.money(max(new, Decimal("0.00")))))
        elif name == "contact":
            days = h.days_since_contact
            out.append(ctx.say("health.change.never") if days is None else
                       ctx.say("health.change.silent", days=ctx.units("days", days)))
        elif name == "credit":
            out.append(ctx.say("health.change.credit", rating=h.credit_rating))
        elif name == "documents":
            out.append(ctx.say("health.change.documents", count=h.late_documents))
        elif name == "feedback":
            out.append(ctx.say("health.change.feedback", count=h.negative_feedback))
        else:
            margin = "—" if h.margin is None else f"{h.margin * 100:.1f}%"
            out.append(ctx.say("health.change.margin", margin=margin))
    return out


def _store(ctx: PlanContext, rows: list[ClientHealth], marks: dict[int, ClientHealthMark]) -> None:
    seen = set()
    for row in rows:
        seen.add(row.client_id)
        mark = marks.get(row.client_id)
        if mark is not None and mark.checked_on >= ctx.today:
            continue  # the morning's score stays the baseline for the whole day
        values = {"checked_on": ctx.today, "score": row.score, "penalties": _encode(row.penalties(ctx.today)),
                  "overdue_cents": int(row.inputs.overdue_amount * 100)}
        if mark is None:
            ctx.session.add(ClientHealthMark(client_id=row.client_id, **values))
        else:
            for key, value in values.items():
                setattr(mark, key, value)
    gone = [cid for cid in marks if cid not in seen]  # no longer active: forget, a return starts a new baseline
    if gone:
        ctx.session.execute(delete(ClientHealthMark).where(ClientHealthMark.client_id.in_(gone)))
    ctx.session.flush()


def _drafts(ctx: PlanContext, drops: list[Drop]) -> list[Draft]:
    by_person: dict[int, list[Drop]] = defaultdict(list)
    for drop in drops:
        by_person[drop.owner_id].append(drop)
        manager = ctx.directory.manager_of(drop.owner_id)
        if manager is not None:
            by_person[manager].append(drop)
    out = []
    for staff_id, rows in sorted(by_person.items()):
        to = ctx.directory.staff(staff_id)
        if to is None:
            ctx.missed(KIND)
            continue
        rows.sort(key=lambda d: (d.now, d.client))
        lines = [ctx.say("health.line", client=d.client, before=d.before, now=d.now,
                         why=ctx.join(d.changes) or ctx.say("health.change.none")) for d in rows]
        data = {"kind": KIND, "clients": [{"client": d.client, "before": d.before, "health_score": d.now,
                                           "changes": d.changes} for d in rows]}
        reply = Reply(intent=KIND, title=ctx.say("health.title"),
                      text=ctx.say("health.text", name=to.label, count=len(rows)), sections=[("", lines)],
                      locale=ctx.locale, source="system", data=data)
        out.append(ctx.draft(KIND, to, "health", reply, about=reply.title))
    return out
