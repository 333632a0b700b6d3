"""The planners' entry point: everything due at a moment, as Drafts by kind, for the outbox.

    plan_all(app, moment) -> {"tax_deadline": [...], "document_chase": [...], "renewal": [...], "dunning": [...],
                              "digest": [...], "escalation": [...]}

`moment` is a firm-local datetime (a naive one is read in ZHANGFANG_TIMEZONE). The day's reminders are due from
`run_time` (reminder settings, default 08:30) on planning days (working days by default), the digest from
`digest.at` on working days: so the 08:30 run plans the day, and any later run of the same day plans the same keys
again (the outbox queues nothing new). Before that time, and on rest days, nothing is due.

Planning reads the client book and writes nothing — except the document chase counts (documents.py: each chase is
counted once a day when it is planned), the workflow instances opened that day and the alert marks — all in one
transaction under the planning lock (bot/jobs/lock.py), so overlapping runs follow each other; `record=False` plans
without writing (a dry run) and takes no lock.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.jobs import digest, documents, dunning, renewals, tax, workflow_alerts
from bot.jobs.context import PlanContext
from bot.jobs.draft import Draft
from bot.jobs.escalation import KIND as ESCALATION
from bot.jobs.escalation import Escalations
from bot.jobs.lock import hold_planning_lock
from bot.jobs.recipients import Directory
from bot.jobs.settings import reminder_settings

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
KINDS = (tax.KIND, documents.KIND, renewals.KIND, dunning.KIND, digest.KIND, ESCALATION, *workflow_alerts.KINDS)


def plan_all(app: App, moment: datetime, *, record: bool = True) -> dict[str, list[Draft]]:
    """Drafts for everything due at `moment`, by kind (every kind present, possibly empty)."""
    moment = moment.replace(tzinfo=app.settings.tz) if moment.tzinfo is None else moment.astimezone(app.settings.tz)
    reminders = reminder_settings(app)
    extra = Path(app.settings.tax_calendar_dir) if app.settings.tax_calendar_dir else None
    with app.session() as session:
        if record:
            hold_planning_lock(session)  # one planning run writes at a time (bot/jobs/lock.py)
        ctx = PlanContext(session=session, settings=app.settings, reminders=reminders, moment=moment,
                          directory=Directory(session, app.settings, reminders), tax_calendar_dir=extra)
        escalations = Escalations()
        workflow_alerts.prepare(ctx, write=record)  # service workflows: open what is due, request documents first
        planned = {
            tax.KIND: tax.plan(ctx),
            documents.KIND: documents.plan(ctx, escalations, write=record),
            renewals.KIND: renewals.plan(ctx),
            dunning.KIND: dunning.plan(ctx, escalations),
            digest.KIND: digest.plan(ctx),
        }
        planned[ESCALATION] = escalations.drafts(ctx)
        planned.update(workflow_alerts.plan(ctx, write=record))  # service workflows: opening, alerts, notices
    if ctx.unreachable:
        log.warning("planned at %s: no way to reach the recipient of %s", moment.isoformat(),
                    ", ".join(f"{n} {kind}" for kind, n in sorted(ctx.unreachable.items())))
    return planned


def preview_all(app: App, moment: datetime) -> dict[str, list[Draft]]:
    """What `plan_all` would plan at `moment`, writing nothing (for dry runs)."""
    return plan_all(app, moment, record=False)
