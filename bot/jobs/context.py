"""What every planner shares for one run: the moment, the settings, the directory of recipients, the whole-firm
facts scope, the message templates (prompts/templates/{zh,en}.yaml) and the idempotency keys.

Planners read the firm's facts once for the whole firm (the `firm` viewer: every client) and then split them by
owner, so that a run costs a few grouped queries, not one per client or per reader; each message is then limited
to what its reader may see (their own clients, a manager's reports, a client's own items).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.format import day as format_day
from bot.format import money as format_money
from bot.format import weekday as format_weekday
from bot.jobs.draft import Draft
from bot.jobs.recipients import Directory, Recipient
from bot.jobs.settings import ReminderSettings, reminder_locale
from bot.jobs.steps import StepDays
from bot.reply import Reply
from bot.texts import Locale
from domain.facts.credit import credit_ratings
from domain.models import Client, ClientStatus
from domain.scope import Viewer
from domain.yamlfile import load_yaml

KEY_LIMIT = 300
FIRM = Viewer(kind="staff", name="zhangfang planner", owner_ids=None)  # every client: split by owner afterwards


@cache
def templates(locale: Locale) -> dict[str, Any]:
    text = resources.files("prompts").joinpath("templates", f"{locale}.yaml").read_text(encoding="utf-8")
    return load_yaml(text)


@cache
def template(locale: Locale, key: str) -> str:
    node: Any = templates(locale)
    for part in key.split("."):
        node = node[part]
    return str(node)


def say(locale: Locale, key: str, **values: object) -> str:
    """The template `key` (dotted path) in `locale`, with {placeholders} filled."""
    text = template(locale, key)
    return text.format(**values) if values else text


def draft_key(kind: str, recipient: str, subject: str, step: str) -> str:
    """kind|recipient|subject|step — the same inputs always give the same key (long ones end in a digest)."""
    key = "|".join((kind, recipient, subject, step))
    if len(key) <= KEY_LIMIT:
        return key
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return key[:KEY_LIMIT - 17] + "#" + digest


@dataclass(frozen=True)
class ClientInfo:
    id: int
    name: str
    owner_id: int
    status: str


@dataclass
class PlanContext:
    session: Session
    settings: Settings
    reminders: ReminderSettings
    moment: datetime  # firm-local
    directory: Directory
    tax_calendar_dir: Path | None = None
    unreachable: dict[str, int] = field(default_factory=dict)  # kind → messages with nowhere to go
    memo: dict[str, Any] = field(default_factory=dict)  # facts several planners share, computed once per run

    @property
    def today(self) -> date:
        return self.moment.date()

    @property
    def locale(self) -> Locale:
        return reminder_locale(self.settings, self.reminders)

    @cached_property
    def steps(self) -> StepDays:
        return StepDays.on(self.today, self.reminders.working_days_only)

    def runs(self, at: time | None = None) -> bool:
        """Whether this run plans the day's reminders: a planning day, at or after the configured time."""
        return self.steps.active and self.moment.time() >= (at or self.reminders.run_time)

    @cached_property
    def clients(self) -> dict[int, ClientInfo]:
        """Every client (id, name, owner, status): one query, used to attach owners to facts."""
        rows = self.session.execute(select(Client.id, Client.name, Client.owner_id, Client.status))
        return {cid: ClientInfo(cid, name, owner, str(status)) for cid, name, owner, status in rows}

    @cached_property
    def client_ids(self) -> dict[str, int]:
        return {info.name: info.id for info in self.clients.values()}

    @cached_property
    def ratings(self) -> dict[int, str]:
        """client id → credit rating (domain.facts.credit), for every client: one grouped query, shared."""
        return {row.client_id: row.rating for row in credit_ratings(self.session, FIRM, self.today)}

    def is_active(self, client_id: int) -> bool:
        info = self.clients.get(client_id)
        return info is not None and info.status == ClientStatus.active.value

    # -- words ---------------------------------------------------------------------------------------------------
    def say(self, key: str, **values: object) -> str:
        return say(self.locale, key, **values)

    def units(self, name: str, count: int) -> str:
        """"3 天" / "3 days", "1 day": a count with its unit, in the reader's language."""
        return self.say(f"units.{name}.{'one' if count == 1 else 'many'}", n=count)

    def money(self, value: Decimal | int) -> str:
        return format_money(value, self.settings.currency_symbol)

    def day(self, value: date) -> str:
        return format_day(value, self.locale)

    def day_and_weekday(self, value: date) -> str:
        return self.say("common.day_weekday", day=self.day(value), weekday=format_weekday(value, self.locale))

    def join(self, items: list[str]) -> str:
        return ("、" if self.locale == "zh" else ", ").join(items)

    # -- drafts --------------------------------------------------------------------------------------------------
    def draft(self, kind: str, to: Recipient, subject: str, reply: Reply, *, client_facing: bool = False,
              about: str = "") -> Draft:
        """A draft keyed kind|recipient|subject|day. Each kind writes to a recipient at most once a day, gathering
        all its items, so the planning day is the step: the key stays the same however often the day is planned,
        even when an item is paid, received or filed between two runs of the same day."""
        return Draft(key=draft_key(kind, to.key, subject, self.today.isoformat()), kind=kind,
                     destination=to.destination, recipient=to.label, reply=reply, client_facing=client_facing,
                     subject=about or subject)

    def missed(self, kind: str, count: int = 1) -> None:
        self.unreachable[kind] = self.unreachable.get(kind, 0) + count
