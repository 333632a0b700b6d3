"""One run of the scheduled jobs at a moment: plan (bot/jobs/planners.plan_all), queue in the outbox, deliver what is
due, and report per kind what was planned, queued, sent, held back and failed. `zhangfang jobs run` and the
scheduler both come through here."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.jobs.draft import Draft
from bot.outbox import enqueue, statuses
from bot.pacing import QuietHours
from bot.senders import SenderRegistry
from bot.sending import OutboxSender, SendReport

if TYPE_CHECKING:
    from bot.bootstrap import App

Planner = Callable[["App", datetime], dict[str, list[Draft]]]


@dataclass
class KindReport:
    planned: int = 0  # drafts the planners produced
    queued: int = 0  # new in the outbox (in a dry run: would be)
    held_quiet_hours: int = 0  # of the queued, client messages that wait for working hours
    already_sent: int = 0  # planned before and already delivered: skipped
    already_queued: int = 0  # planned before and still waiting (or failed): skipped
    sent: int = 0
    rate_limited: int = 0  # waiting for the destination's next free slot
    retrying: int = 0  # an attempt failed; the message will be tried again
    failed: int = 0  # failed for good (kept in the outbox: `zhangfang outbox --failed`)


@dataclass
class RunReport:
    moment: datetime
    dry_run: bool
    kinds: dict[str, KindReport] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)  # what was planned (for printing a dry run)

    def kind(self, name: str) -> KindReport:
        return self.kinds.setdefault(name, KindReport())

    def totals(self) -> KindReport:
        total = KindReport()
        for report in self.kinds.values():
            for name, value in asdict(report).items():
                setattr(total, name, getattr(total, name) + value)
        return total

    def as_json(self) -> dict[str, object]:
        return {"moment": self.moment.isoformat(), "dry_run": self.dry_run,
                "kinds": {name: asdict(report) for name, report in sorted(self.kinds.items())},
                "totals": asdict(self.totals())}


def default_planner(dry_run: bool = False) -> Planner:
    from bot.jobs.planners import plan_all, preview_all

    return preview_all if dry_run else plan_all


def firm_moment(app: App, moment: datetime) -> datetime:
    """A naive moment is read as firm-local time."""
    return moment.replace(tzinfo=app.settings.tz) if moment.tzinfo is None else moment


def run_moment(app: App, moment: datetime, *, planner: Planner | None = None, senders: SenderRegistry | None = None,
               dry_run: bool = False, deliver: bool = True, max_wait: float = 2.0) -> RunReport:
    """Plan everything due at `moment`, queue it and (unless `deliver` is off or it is a dry run) send what is due.

    A dry run writes nothing: it reports what would be queued and which drafts were planned before."""
    moment = firm_moment(app, moment)
    planned = (planner or default_planner(dry_run))(app, moment)
    report = RunReport(moment=moment, dry_run=dry_run)
    for kind, drafts in planned.items():
        report.kind(kind).planned += len(drafts)
        report.drafts.extend(drafts)
    if dry_run:
        _preview(app, report)
        return report
    _queue(app, report)
    if deliver:
        add_deliveries(report, deliver_due(app, moment, senders=senders, max_wait=max_wait))
    return report


def _queue(app: App, report: RunReport) -> None:
    done = enqueue(app, report.drafts, report.moment)
    for draft in done.new:
        report.kind(draft.kind).queued += 1
    for draft in done.held:
        report.kind(draft.kind).held_quiet_hours += 1
    _count_existing(report, done.existing)


def _preview(app: App, report: RunReport) -> None:
    quiet = QuietHours.from_settings(app.settings)
    with app.session() as session:
        existing = statuses(session, [draft.key for draft in report.drafts])
    seen: set[str] = set()
    for draft in report.drafts:
        if draft.key in existing or draft.key in seen:
            continue
        seen.add(draft.key)
        report.kind(draft.kind).queued += 1
        if quiet.not_before(report.moment, draft.client_facing) > report.moment:
            report.kind(draft.kind).held_quiet_hours += 1
    _count_existing(report, existing)


def _count_existing(report: RunReport, existing: dict[str, str]) -> None:
    kinds = {draft.key: draft.kind for draft in report.drafts}
    for key, status in existing.items():
        if status == "sent":
            report.kind(kinds[key]).already_sent += 1
        else:
            report.kind(kinds[key]).already_queued += 1


def deliver_due(app: App, moment: datetime, *, senders: SenderRegistry | None = None,
                max_wait: float = 2.0) -> SendReport:
    """Send everything due at `moment`, letting the clock run on from there while sending (so that a one-second
    Slack slot can be waited for); minute-long rate-limit waits are left to the next run."""
    started = time.monotonic()

    def now() -> datetime:
        return moment + timedelta(seconds=time.monotonic() - started)

    return OutboxSender(app, senders).drain(now, max_wait=max_wait)


def add_deliveries(report: RunReport, sent: SendReport) -> None:
    for kind, counts in sent.by_kind().items():
        target = report.kind(kind)
        for status in ("sent", "rate_limited", "retrying", "failed"):
            setattr(target, status, getattr(target, status) + counts.get(status, 0))
