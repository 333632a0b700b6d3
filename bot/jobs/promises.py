"""Promises to pay, checked the morning after their date (semantics.md, "Promises and disputes").

A promise is kept when payments dated from the day it was made through its date reach the promised amount (with no
amount: every invoice overdue when it was made is paid by its date). A kept promise is closed quietly; a broken one
is closed, dunning resumes (bot/jobs/dunning.py pauses only for open promises through their date) and the client's
owner is told once (kind "promise_broken"). A broken promise later found kept — a payment dated on or before the
date but entered afterwards — becomes kept. Like document chase counts, this is written when it is planned
(`write=False` plans without writing).
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.jobs.context import PlanContext
from bot.jobs.draft import Draft
from bot.reply import Reply
from bot.texts import t
from domain.models import Client, Invoice, Payment, PaymentPromise, PromiseStatus
from domain.money import from_cents

KIND = "promise_broken"


def is_kept(ctx: PlanContext, promise: PaymentPromise) -> bool:
    session = ctx.session
    if promise.amount_cents is not None:
        paid = session.execute(select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.client_id == promise.client_id, Payment.paid_on >= promise.made_on,
            Payment.paid_on <= promise.promised_by)).scalar_one()
        return int(paid) >= promise.amount_cents
    unpaid = session.execute(select(func.count(Invoice.id)).where(
        Invoice.client_id == promise.client_id, Invoice.due_on < promise.made_on,
        Invoice.issued_on <= promise.made_on,
        (Invoice.paid_on.is_(None)) | (Invoice.paid_on > promise.promised_by))).scalar_one()
    return int(unpaid) == 0


def plan(ctx: PlanContext, *, write: bool = True) -> list[Draft]:
    if not ctx.runs():
        return []
    due = list(ctx.session.execute(select(PaymentPromise).where(
        PaymentPromise.status.in_([PromiseStatus.open.value, PromiseStatus.broken.value]),
        PaymentPromise.promised_by < ctx.today).order_by(PaymentPromise.promised_by, PaymentPromise.id)).scalars())
    drafts = []
    for promise in due:
        kept = is_kept(ctx, promise)
        if promise.status == PromiseStatus.broken.value:
            if kept and write:
                promise.status = PromiseStatus.kept  # type: ignore[assignment]
            continue
        if kept or promise.owner_notified:
            if write:
                promise.status, promise.checked_on = PromiseStatus.kept if kept else PromiseStatus.broken, ctx.today  # type: ignore[assignment]
            continue
        draft = _owner_draft(ctx, promise)
        if draft is not None:
            drafts.append(draft)
        if write:
            promise.status, promise.checked_on, promise.owner_notified = PromiseStatus.broken, ctx.today, True  # type: ignore[assignment]
    if write:
        ctx.session.flush()
    return drafts


def _owner_draft(ctx: PlanContext, promise: PaymentPromise) -> Draft | None:
    client = ctx.session.get(Client, promise.client_id)
    if client is None:
        return None
    to = ctx.directory.staff(client.owner_id)
    if to is None:
        ctx.missed(KIND)
        return None
    amount = f" {ctx.money(from_cents(promise.amount_cents))}" if promise.amount_cents is not None else ""
    values = {"client": client.name, "by": ctx.day(promise.promised_by), "amount": amount}
    text = t(ctx.locale, "actions.promise_broken.text", **values)
    reply = Reply(intent=KIND, title=t(ctx.locale, "actions.promise_broken.title", **values), text=text,
                  locale=ctx.locale, source="system",
                  data={"kind": KIND, "client": client.name, "promised_by": promise.promised_by.isoformat(),
                        "amount": float(from_cents(promise.amount_cents)) if promise.amount_cents is not None
                        else None})
    return ctx.draft(KIND, to, f"promise-{promise.id}", reply, about=client.name)
