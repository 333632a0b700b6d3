"""A client's day-to-day history: contacts, document requests, service logs, interactions, feedback and
tax obligations. Each function returns plain tuples; sheets.py turns them into spreadsheet rows."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from domain.generator.calendar_math import month_start
from domain.generator.clients import ClientPlan
from domain.generator.people import mobile, unique_names
from domain.generator.vocab import (
    CHANNEL_WEIGHTS,
    CHANNELS,
    CONTACT_TITLES,
    INTERACTION_TOPICS,
    SERVICE_WORK,
)

HOURS = tuple(Decimal(h) for h in ("0.5", "1", "1", "1.5", "2", "2.5", "3", "4"))
_ID_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(slots=True)
class ContactPlan:
    name: str
    title: str
    phone: str
    email: str | None
    primary: bool
    chat_ids: dict[str, str]  # platform → user id


def contacts(c: ClientPlan, rng: random.Random) -> list[ContactPlan]:
    """1–3 contacts; the first is the primary one."""
    names = unique_names(rng, rng.choices((1, 2, 3), weights=(45, 40, 15))[0])
    out = []
    for k, name in enumerate(names):
        title = rng.choice(("法人", "老板", "财务")) if k == 0 else rng.choice(CONTACT_TITLES)
        phone, email = mobile(rng), f"c{c.idx:06d}{k}@example.com" if rng.random() < 0.3 else None
        ids = {
            "wecom": "wm" + "".join(rng.choices(_ID_CHARS, k=20)) if rng.random() < 0.25 else None,
            "dingtalk": "ding" + "".join(rng.choices(_ID_CHARS, k=12)) if rng.random() < 0.1 else None,
            "slack": "U" + "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", k=10)) if rng.random() < 0.03
            else None,
        }
        out.append(ContactPlan(name, title, phone, email, k == 0,
                               {platform: user for platform, user in ids.items() if user}))
    return out


def document_items(c: ClientPlan, rng: random.Random) -> list[str]:
    items = ["银行对账单", "销项发票"]
    if c.taxpayer == "general" or rng.random() < 0.5:
        items.append("进项发票")
    if rng.random() < 0.75:
        items.append("工资表")
    if rng.random() < 0.4:
        items.append("费用报销单")
    return items


def documents(c: ClientPlan, today: date, rng: random.Random) -> list[tuple[int, int, str, date, bool, int]]:
    """(year, month, item, due date, received, chase count) for the two months before today's month.

    Once a period's due date has passed, most clients have sent everything; a late client (more often one
    that is slow with documents) still owes one or two items and has been chased."""
    if c.status != "active":
        return []
    items = document_items(c, rng)
    due_day = rng.choice((5, 8, 10))
    out = []
    for back in (2, 1):
        period = month_start(today, back)
        if c.signed_on is not None and c.signed_on > period:
            continue
        due = month_start(today, back - 1).replace(day=due_day)
        owed = _owed_items(c, items, due < today, back, rng)
        for item in items:
            if item in owed:
                out.append((period.year, period.month, item, due, False, owed[item]))
            else:
                out.append((period.year, period.month, item, due, True, rng.choice((0, 0, 0, 1))))
    return out


def _owed_items(c: ClientPlan, items: list[str], past_due: bool, back: int, rng: random.Random) -> dict[str, int]:
    """The items still pending for one period, with how often each was chased."""
    if not past_due:  # not due yet: a third of the items already arrived
        return {item: 0 for item in items if rng.random() >= 0.35}
    late = (0.45 if c.slow_documents else 0.03) if back == 2 else (0.65 if c.slow_documents else 0.12)
    if rng.random() >= late:
        return {}
    owed = rng.sample(items, min(len(items), rng.choice((1, 1, 2))))
    return {item: rng.randint(2, 5) if back == 2 else rng.randint(1, 3) for item in owed}


def _random_day(rng: random.Random, first: date, last: date) -> date | None:
    if last < first:
        return None
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _active_span(c: ClientPlan, today: date, days: int) -> tuple[date, date]:
    first = today - timedelta(days=days)
    if c.signed_on is not None:
        first = max(first, c.signed_on)
    last = today if c.churned_on is None else min(today, c.churned_on - timedelta(days=1))
    return first, last


def service_logs(
    c: ClientPlan, today: date, rng: random.Random, staff: list[str]
) -> list[tuple[date, str, str, Decimal]]:
    """(date, staff, description, hours) over the trailing 12 months, mostly by the client's owner."""
    if c.status == "prospect":
        return []
    first, last = _active_span(c, today, 364)
    heavy = 2 if c.slow_documents or c.tier == "vip" else 1
    out = []
    for back in range(12):
        start = max(first, month_start(today, back))
        end = min(last, month_start(today, back - 1) - timedelta(days=1))
        for _ in range(heavy):
            day = _random_day(rng, start, end) if rng.random() < 0.55 else None
            if day is not None:
                who = c.owner if rng.random() < 0.9 else rng.choice(staff)
                out.append((day, who, rng.choice(SERVICE_WORK), rng.choice(HOURS)))
    return out


def interactions(c: ClientPlan, today: date, rng: random.Random) -> list[tuple[date, str, str | None, str]]:
    """(date, channel, staff, summary). Neglected clients have nothing in the last 90 days."""
    if c.status == "prospect":
        days = [today - timedelta(days=rng.randint(0, 60)) for _ in range(rng.randint(1, 3))]
    elif c.neglected:
        _, last = _active_span(c, today, 0)
        days = [last - timedelta(days=rng.randint(91, 400)) for _ in range(rng.choice((0, 1, 1, 2)))]
        days = [d for d in days if c.signed_on is None or d >= c.signed_on]
    else:
        first, last = _active_span(c, today, 365)
        recent = _random_day(rng, max(first, last - timedelta(days=75)), last)
        days = [d for d in [recent] + [_random_day(rng, first, last) for _ in range(rng.randint(0, 5))] if d]
    out = []
    for day in sorted(days, reverse=True):
        who = None if rng.random() < 0.05 else c.owner
        out.append((day, rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0], who, rng.choice(INTERACTION_TOPICS)))
    return out


def feedback(c: ClientPlan, today: date, rng: random.Random) -> list[tuple[date, int]]:
    """(date, score 1–5); unhappy (high-risk or bad-paying) clients score lower."""
    if c.status == "prospect":
        return []
    first, last = _active_span(c, today, 365)
    unhappy = c.tier == "high_risk" or c.payer == "bad" or c.slow_documents
    weights = (13, 22, 30, 25, 10) if unhappy else (2, 5, 15, 40, 38)
    out = []
    for _ in range(rng.choices((0, 1, 2), weights=(45, 40, 15))[0]):
        day = _random_day(rng, first, last)
        if day is not None:
            out.append((day, rng.choices((1, 2, 3, 4, 5), weights=weights)[0]))
    return out


def tax_obligations(c: ClientPlan, rng: random.Random) -> list[tuple[str, str]]:
    """(tax, frequency): VAT and surtaxes monthly for general taxpayers, quarterly for small ones."""
    if c.status == "prospect":
        return []
    vat = "monthly" if c.taxpayer == "general" else "quarterly"
    out = [("增值税", vat), ("附加税", vat)]
    if rng.random() < 0.9:
        out.append(("个人所得税", "monthly"))
    if rng.random() < 0.95:
        out.append(("企业所得税", "quarterly"))
    stamp = rng.random()
    if stamp < 0.7:
        out.append(("印花税", "quarterly" if stamp < 0.4 else "yearly"))
    return out
