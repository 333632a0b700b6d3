"""Chase documents now (request_documents): one message to the client's chat through the outbox, as the planner's
chase would say it (bot/jobs/documents.py), keyed by the audit row so it is queued once. Quiet hours still hold:
the outbox keeps a client message until they end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.actions.render import at, when
from bot.jobs import documents
from bot.jobs.context import PlanContext
from bot.jobs.recipients import Directory
from bot.jobs.settings import reminder_settings
from bot.outbox import enqueue
from bot.pacing import QuietHours
from bot.texts import Locale
from domain.facts.documents import PendingDocument
from domain.models import Client, DocumentRequest

if TYPE_CHECKING:
    from bot.bootstrap import App


def chase_now(app: App, client_id: int | None, request_ids: list[int], audit_id: int | None, locale: Locale) -> str:
    """Queue the chase; returns the line the confirmation reply adds (sent / held until … / unreachable)."""
    now = app.clock.now().astimezone(app.settings.tz)
    reminders = reminder_settings(app)
    with app.session() as session:
        client = session.get(Client, client_id)
        rows = list(session.execute(select(DocumentRequest).where(DocumentRequest.id.in_(request_ids))
                                    .order_by(DocumentRequest.due_on, DocumentRequest.period, DocumentRequest.item))
                    .scalars())
        if client is None or not rows:
            return ""
        ctx = PlanContext(session=session, settings=app.settings, reminders=reminders, moment=now,
                          directory=Directory(session, app.settings, reminders))
        items = [PendingDocument(r.period, r.item, r.due_on, r.chase_count) for r in rows]
        chase = documents.Chase(client.id, client.name, client.owner_id, items,
                                max(r.chase_count for r in rows) - 1, "now", [r.id for r in rows])
        reply = documents._client_reply(ctx, chase)
        recipients = ctx.directory.clients([client.id]).get(client.id, [])
        drafts = [ctx.draft(documents.KIND, to, f"documents-now-{audit_id}", reply, client_facing=True,
                            about=client.name) for to in recipients]
    if not drafts:
        return at("done.chase_unreachable", locale)
    quiet = QuietHours.from_settings(app.settings)
    enqueued = enqueue(app, drafts, now, quiet)
    if enqueued.held:
        return at("done.chase_held", locale, at=when(locale, quiet.next_open(now), app.settings.tz))
    return at("done.chase_sent", locale)
